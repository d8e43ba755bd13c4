import Papa from 'papaparse';
import type { Council } from '../domain/council';
import { type StaffRecord, displayName, transferFor } from '../domain/staff';
import { type TomFunction, tomFunctionName } from '../domain/tom';
import {
  type Representation,
  type TransferScope,
  representationName,
  transferScopeName,
  outcomeName,
} from '../domain/transfer';
import { councilName } from '../domain/council';
import { neutraliseFormula } from './formula';
import { recordToRow, registerHeaders } from './register-format';

/**
 * Files for Excel: a UTF-8 byte order mark (without it Excel reads UTF-8 as Windows-1252 and "Brontë" turns
 * into "BrontÃ«") and CRLF line ends; every cell formula-safe.
 */
function toCsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const safe = rows.map((r) => r.map(neutraliseFormula));
  return '\uFEFF' + Papa.unparse({ fields: headers.map(neutraliseFormula), data: safe }, { newline: '\r\n' }) + '\r\n';
}

/** The whole register in its own format, which an import reads back with no mapping step. */
export function exportRegister(records: readonly StaffRecord[], planIds: readonly string[]): string {
  const headers = registerHeaders(planIds);
  return toCsv(
    headers,
    records.map((r) => {
      const row = recordToRow(r, planIds);
      return headers.map((h) => row[h] ?? '');
    }),
  );
}

/** One column of a consultation list: its heading and how to get the cell from a record. */
export interface ExportColumn {
  header: string;
  value: (record: StaffRecord) => string;
}

/** Columns a transition lead sends to representatives and uses for letters and meetings. */
export function consultationColumns(planId: string): ExportColumn[] {
  const t = (r: StaffRecord) => transferFor(r, planId);
  return [
    { header: 'Name', value: (r) => displayName(r) },
    { header: 'Employee number', value: (r) => r.employeeNumber },
    { header: 'Council', value: (r) => councilName[r.council] },
    { header: 'Job title', value: (r) => r.jobTitle ?? '' },
    { header: 'Team', value: (r) => r.team ?? '' },
    { header: 'TOM function', value: (r) => (r.tomFunction ? tomFunctionName[r.tomFunction] : '') },
    { header: 'TOM team', value: (r) => r.tomTeam ?? '' },
    { header: 'Work e-mail', value: (r) => r.emails[0] ?? '' },
    { header: 'Transfer scope', value: (r) => transferScopeName[t(r)?.scope ?? 'under-review'] },
    { header: 'Representation', value: (r) => representationName[t(r)?.representation ?? 'none'] },
    { header: 'Informed', value: (r) => t(r)?.informed ?? '' },
    { header: 'Outcome', value: (r) => outcomeName[t(r)?.outcome ?? 'pending'] },
  ];
}

export interface ConsultationFilter {
  planId: string;
  councils?: readonly Council[];
  tomFunctions?: readonly TomFunction[];
  scopes?: readonly TransferScope[];
  representation?: readonly Representation[];
  /** Vacant posts and people no longer in the latest roster are left out unless asked for. */
  includeVacant?: boolean;
  includeNotInRoster?: boolean;
}

/** E.g. all in-scope Haringey staff in Common Infrastructure: `{ planId, councils: ['haringey'], … }`. */
export function consultationFilter(f: ConsultationFilter): (record: StaffRecord) => boolean {
  return (r) => {
    if (r.vacant && !f.includeVacant) return false;
    if (!r.inLatestRoster && !f.includeNotInRoster) return false;
    if (f.councils && !f.councils.includes(r.council)) return false;
    if (f.tomFunctions && (!r.tomFunction || !f.tomFunctions.includes(r.tomFunction))) return false;
    const t = transferFor(r, f.planId);
    if (f.scopes && !f.scopes.includes(t?.scope ?? 'under-review')) return false;
    if (f.representation && !f.representation.includes(t?.representation ?? 'none')) return false;
    return true;
  };
}

/** Grouped by representative body (for each union's list), then by surname and forename. */
export function byRepresentation(planId: string): (a: StaffRecord, b: StaffRecord) => number {
  const rep = (r: StaffRecord) => representationName[transferFor(r, planId)?.representation ?? 'none'];
  return (a, b) =>
    rep(a).localeCompare(rep(b), 'en-GB') ||
    a.surname.localeCompare(b.surname, 'en-GB') ||
    a.forename.localeCompare(b.forename, 'en-GB') ||
    a.employeeNumber.localeCompare(b.employeeNumber, 'en-GB');
}

export function exportConsultationList(
  records: readonly StaffRecord[],
  columns: readonly ExportColumn[],
  options: { filter?: (r: StaffRecord) => boolean; sort?: (a: StaffRecord, b: StaffRecord) => number } = {},
): string {
  let chosen = options.filter ? records.filter(options.filter) : [...records];
  if (options.sort) chosen = chosen.sort(options.sort);
  return toCsv(
    columns.map((c) => c.header),
    chosen.map((r) => columns.map((c) => c.value(r))),
  );
}
