import {
  assessReadiness,
  displayName,
  keyOf,
  pensionOutstanding,
  s113Status,
  transferFor,
  type PersonTransfer,
  type Readiness,
  type S113Status,
  type StaffKey,
  type StaffRecord,
  type TomFunction,
  type TransferPlan,
  type TransferScope,
} from '../domain';
import { foldText } from './text';

/** What readiness is measured against: the active plan, "today" and the at-risk threshold from settings. */
export interface ReadinessContext {
  plan?: TransferPlan;
  today: string;
  atRiskDays: number;
}

/** A staff record with everything the register filters and sorts on worked out once, not per keystroke. */
export interface RegisterRow {
  key: StaffKey;
  record: StaffRecord;
  name: string;
  /** Folded "surname forename" for sorting by name without localeCompare on 100,000 rows. */
  sortName: string;
  /** Folded name, known-as, other spellings, e-mails and employee number, for search as you type. */
  search: string;
  s113: S113Status;
  transfer?: PersonTransfer;
  /** The person's scope under the active plan; "none" when the plan has no entry for them. */
  scope: TransferScope | 'none';
  readiness: Readiness;
  pensionComplete: boolean;
  /**
   * The record's fields the filters test, copied onto the row: every row has this one shape, while records come in
   * several (optional fields present or not, key order as read), and a filter keystroke reads these 100,000 times.
   */
  council: StaffRecord['council'];
  tom: TomFunction | 'none';
  tomTeam: string;
  team: string;
  lineManager: string;
  inLatestRoster: boolean;
}

const NO_PLAN: Readiness = { state: 'not-applicable', blockers: [], reason: 'No transfer plan is set up yet' };

export function readinessOf(record: StaffRecord, ctx: ReadinessContext): Readiness {
  return ctx.plan ? assessReadiness(record, ctx.plan, ctx.today, ctx.atRiskDays) : NO_PLAN;
}

export function buildRegisterRow(record: StaffRecord, ctx: ReadinessContext): RegisterRow {
  const name = displayName(record);
  const transfer = ctx.plan ? transferFor(record, ctx.plan.id) : undefined;
  return {
    key: keyOf(record),
    record,
    name,
    // Punctuation is ignored, as in a printed list: O’Neill files as ONeill.
    sortName: foldText(`${record.surname} ${record.knownAs || record.forename}`.trim() || name).replace(
      /[^\p{L}\p{N} ]+/gu,
      '',
    ),
    search: foldText(
      [
        record.forename,
        record.surname,
        record.knownAs ?? '',
        ...record.otherSpellings,
        ...record.emails,
        record.employeeNumber,
      ].join(' '),
    ),
    s113: s113Status(record.s113),
    transfer,
    scope: transfer?.scope ?? 'none',
    readiness: readinessOf(record, ctx),
    pensionComplete: pensionOutstanding(record.pension, record.council === 'camden').length === 0,
    council: record.council,
    tom: record.tomFunction ?? 'none',
    tomTeam: record.tomTeam ?? '',
    team: record.team ?? '',
    lineManager: record.lineManager ?? '',
    inLatestRoster: record.inLatestRoster,
  };
}

export function buildRegisterRows(records: readonly StaffRecord[], ctx: ReadinessContext): RegisterRow[] {
  return records.map((r) => buildRegisterRow(r, ctx));
}
