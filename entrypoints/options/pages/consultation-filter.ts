import {
  Representation,
  councilName,
  displayName,
  representationName,
  s113StatusName,
  tomFunctionName,
  transferScopeName,
  readinessName,
  type Council,
} from '@/lib/domain';
import { filterRows, filtersToParams, parseFilters, type RegisterFilters } from '@/lib/views/register-filter';
import type { RegisterRow } from '@/lib/views/register-rows';

/**
 * The consultation page's state lives in the URL hash like the register's: the register's filters (so a
 * filtered register view links here with its filter), plus representation and the chosen columns.
 */
export interface ConsultationFilters extends RegisterFilters {
  /** Representative group under the active plan: recognised union, elected representatives, or none. */
  rep: Representation[];
}

export const CONSULTATION_COLUMNS = [
  { id: 'name', label: 'Name' },
  { id: 'employeeNumber', label: 'Employee number' },
  { id: 'council', label: 'Employing council' },
  { id: 'jobTitle', label: 'Job title' },
  { id: 'grade', label: 'Grade' },
  { id: 'fte', label: 'FTE' },
  { id: 'team', label: 'Team' },
  { id: 'manager', label: 'Line manager' },
  { id: 'tomFunction', label: 'TOM function' },
  { id: 'tomTeam', label: 'TOM team' },
  { id: 'representation', label: 'Representative group' },
  { id: 'scope', label: 'Transfer scope' },
  { id: 'affected', label: 'Affected employee' },
  { id: 'informed', label: 'Informed (date)' },
  { id: 'meetingHeld', label: 'Consultation meeting (date)' },
  { id: 's113', label: 'Section 113' },
  { id: 'readiness', label: 'Readiness' },
  { id: 'email', label: 'Work e-mail' },
] as const;
export type ConsultationColumn = (typeof CONSULTATION_COLUMNS)[number]['id'];

export const DEFAULT_COLUMNS: readonly ConsultationColumn[] = [
  'name',
  'employeeNumber',
  'council',
  'jobTitle',
  'team',
  'tomFunction',
  'representation',
  'scope',
];

const COLUMN_IDS = CONSULTATION_COLUMNS.map((c) => c.id) as readonly string[];

export function columnLabel(id: ConsultationColumn): string {
  return CONSULTATION_COLUMNS.find((c) => c.id === id)?.label ?? id;
}

export function parseConsultation(params: URLSearchParams): {
  filters: ConsultationFilters;
  columns: ConsultationColumn[];
} {
  const rep = params.getAll('rep').filter((v): v is Representation => Representation.safeParse(v).success);
  const cols = params.has('cols')
    ? (params.get('cols') ?? '').split(',').filter((c): c is ConsultationColumn => COLUMN_IDS.includes(c))
    : [...DEFAULT_COLUMNS];
  // Keep the order the columns are offered in, whatever order the link lists them.
  const columns = CONSULTATION_COLUMNS.map((c) => c.id).filter((id) => cols.includes(id));
  return { filters: { ...parseFilters(params), rep }, columns };
}

/** The hash for a consultation view; columns are left out when they are the defaults. */
export function consultationHref(
  filters: Partial<ConsultationFilters>,
  columns?: readonly ConsultationColumn[],
): string {
  const p = filtersToParams(filters);
  for (const r of filters.rep ?? []) p.append('rep', r);
  const defaults = DEFAULT_COLUMNS.join(',');
  if (columns && columns.join(',') !== defaults) p.set('cols', columns.join(','));
  const qs = p.toString();
  return qs ? `#/consultation?${qs}` : '#/consultation';
}

export function representationOf(row: RegisterRow): Representation {
  return row.transfer?.representation ?? 'none';
}

export function filterConsultation(
  rows: readonly RegisterRow[],
  f: ConsultationFilters,
  plan?: Parameters<typeof filterRows>[2],
): RegisterRow[] {
  const base = filterRows(rows, f, plan);
  const byRep = f.rep.length === 0 ? base : base.filter((r) => f.rep.includes(representationOf(r)));
  return byRep.sort((a, b) => (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.key < b.key ? -1 : 1));
}

/** Print and meeting order: the unions, then elected representatives, then no representative. */
const REP_ORDER: readonly Representation[] = ['unison', 'gmb', 'unite', 'elected', 'none'];

export interface RepresentationGroup {
  rep: Representation;
  title: string;
  rows: RegisterRow[];
}

/** One list per representative group (union branch, elected representatives, none), for meetings. */
export function groupByRepresentation(rows: readonly RegisterRow[]): RepresentationGroup[] {
  const groups = new Map<Representation, RegisterRow[]>();
  for (const row of rows) {
    const rep = representationOf(row);
    groups.set(rep, [...(groups.get(rep) ?? []), row]);
  }
  return REP_ORDER.filter((r) => groups.has(r)).map((rep) => ({
    rep,
    title: representationName[rep],
    rows: groups.get(rep)!,
  }));
}

/** `consultation-haringey-2018-02-23.csv`; more filters make it more specific, never longer than needed. */
export function consultationFileName(f: Pick<ConsultationFilters, 'council' | 'tom' | 'rep'>, today: string): string {
  const parts = ['consultation'];
  parts.push(f.council.length === 0 || f.council.length === 3 ? 'all-councils' : [...f.council].sort().join('-'));
  if (f.tom.length === 1) parts.push(f.tom[0]!);
  if (f.rep.length === 1) parts.push(f.rep[0]!);
  return `${parts.join('-')}-${today}.csv`;
}

/** A one-line description of what the list holds, for the page, the print heading and screen readers. */
export function describeFilters(f: ConsultationFilters, managerName?: string): string {
  const bits: string[] = [];
  bits.push(f.council.length ? f.council.map((c: Council) => councilName[c]).join(' and ') : 'All councils');
  if (f.scope.length)
    bits.push(
      f.scope.map((s) => (s === 'none' ? 'no transfer record' : transferScopeName[s].toLowerCase())).join(' or '),
    );
  if (f.readiness.length) bits.push(f.readiness.map((s) => readinessName[s].toLowerCase()).join(' or '));
  if (f.tom.length) bits.push(f.tom.map((t) => (t === 'none' ? 'no TOM function' : tomFunctionName[t])).join(' or '));
  if (f.tomTeam.length) bits.push(`TOM team ${f.tomTeam.join(' or ')}`);
  if (f.team.length) bits.push(`team ${f.team.join(' or ')}`);
  if (f.manager) bits.push(`reporting to ${managerName ?? f.manager}`);
  if (f.s113.length) bits.push(f.s113.map((s) => s113StatusName[s]).join(' or '));
  if (f.rep.length) bits.push(f.rep.map((r) => representationName[r]).join(' or '));
  if (f.q) bits.push(`matching “${f.q}”`);
  return bits.join(', ');
}

/** A cell of the on-screen preview and print view, in plain words. */
export function cellText(row: RegisterRow, column: ConsultationColumn, names: ReadonlyMap<string, string>): string {
  const r = row.record;
  const t = row.transfer;
  switch (column) {
    case 'name':
      return displayName(r);
    case 'employeeNumber':
      return r.employeeNumber;
    case 'council':
      return councilName[r.council];
    case 'jobTitle':
      return r.jobTitle ?? '';
    case 'grade':
      return r.grade ?? '';
    case 'fte':
      return r.fte === undefined ? '' : r.fte.toFixed(2).replace(/0$/, '');
    case 'team':
      return r.team ?? '';
    case 'manager':
      return r.lineManager ? (names.get(r.lineManager) ?? r.lineManager) : '';
    case 'tomFunction':
      return r.tomFunction ? tomFunctionName[r.tomFunction] : '';
    case 'tomTeam':
      return r.tomTeam ?? '';
    case 'representation':
      return representationName[representationOf(row)];
    case 'scope':
      return row.scope === 'none' ? 'Not recorded' : transferScopeName[row.scope];
    case 'affected':
      return t ? (t.affected ? 'Yes' : 'No') : '';
    case 'informed':
      return t?.informed ?? '';
    case 'meetingHeld':
      return t?.meetingHeld ?? '';
    case 's113':
      return s113StatusName[row.s113];
    case 'readiness':
      return readinessName[row.readiness.state];
    case 'email':
      return r.emails[0] ?? '';
  }
}
