/**
 * The register's own flat CSV format: what "Export register" writes and what an import reads with no
 * column-mapping step. One row per staff record, one column per field, human-readable headers so the file
 * can be edited in Excel.
 *
 * Cell conventions
 * - An empty cell (or one holding only spaces) means the field is absent; the schema default then applies.
 * - Dates are written as ISO `yyyy-mm-dd`. On import `d/m/yyyy` (what Excel turns dates into in a UK locale)
 *   is accepted too.
 * - Yes/no fields are written `yes` or `no`; `y`, `n`, `true`, `false`, `1` and `0` are accepted.
 * - Choices are written as their plain names ("In scope", "Digital Change", "UNISON"); the internal code
 *   ("in-scope", "digital-change", "unison") is accepted too, in any letter case.
 * - Lists ("Other spellings", "Work e-mails") are joined with `; `. A `;` or `\` inside one entry is written
 *   `\;` or `\\`.
 * - Line manager is a staff key `council:employee number`, e.g. `haringey:H1042`.
 * - Pension checklist: one column per item holding its state and, optionally, a date: `done 2018-02-01`,
 *   `todo`, `n/a` (also `to do`, `not applicable`). An empty cell means the item has no entry at all (it then
 *   counts as "to do", or "not applicable" for Camden's own fund members). The item's note is in the column
 *   next to it, "Pension: <item> note".
 * - Transfers: one group of columns per transfer plan, named with the plan id, e.g.
 *   `TUPE camden-tupe: scope`. A person has a transfer under that plan when any cell of the group is filled.
 * - A cell that cannot be understood (e.g. FTE "full") is passed through as text, so StaffRecord validation
 *   reports it against its field.
 *
 * Not in the file: `history`, `localEdits` and `inLatestRoster` are the store's own metadata. Free-text
 * fields keep their exact text, except that an empty or all-space optional text counts as absent.
 * For any valid record r, `StaffRecord.parse(rowToRecordInput(recordToRow(r)).input)` equals r apart from
 * those three metadata fields (tested in tests/unit/csv/register-format.test.ts).
 */
import {
  Assignment,
  ContractType,
  Council,
  ELI_ITEMS,
  PENSION_ITEMS,
  PensionSection,
  Representation,
  ServiceCategory,
  TomFunction,
  TransferOutcome,
  TransferScope,
  assignmentName,
  councilName,
  outcomeName,
  parseCouncil,
  representationName,
  serviceCategoryName,
  tomFunctionName,
  transferScopeName,
  type EliItemId,
  type PensionItem,
  type PensionItemId,
  type PersonTransfer,
  type StaffRecord,
  type StaffRecordInput,
} from '../domain';

export interface RegisterColumn {
  header: string;
  /** Dotted field path in the record, e.g. `s113.noticeIssued`, `transfers.camden-tupe.scope`. */
  path: string;
}

// ---------------------------------------------------------------------------------------------- columns

const PENSION_SHORT: Record<PensionItemId, string> = {
  'fund-confirmed': 'fund confirmed',
  'pay-reassessed': 'pay reassessed',
  'final-salary-link': 'final salary link',
  'rule-of-85': 'rule of 85',
  mccloud: 'McCloud',
  'combine-letter': 'combine letter',
  avcs: 'AVCs',
  'additional-pension': 'additional pension',
  'death-grant': 'death grant',
  'continuous-service': 'continuous service',
  'ill-health': 'ill health',
  'bulk-transfer': 'bulk transfer',
};

const ELI_SHORT: Record<EliItemId, string> = {
  identity: 'identity',
  particulars: 'particulars',
  disciplinary: 'disciplinary',
  claims: 'claims',
  collective: 'collective agreements',
};

export function pensionHeader(id: PensionItemId): string {
  return `Pension: ${PENSION_SHORT[id]}`;
}

export function pensionNoteHeader(id: PensionItemId): string {
  return `${pensionHeader(id)} note`;
}

/** The fixed columns, in file order (transfer columns follow, one group per plan). */
export const REGISTER_COLUMNS: readonly RegisterColumn[] = [
  { header: 'Council', path: 'council' },
  { header: 'Employee number', path: 'employeeNumber' },
  { header: 'Forename', path: 'forename' },
  { header: 'Surname', path: 'surname' },
  { header: 'Known as', path: 'knownAs' },
  { header: 'Other spellings', path: 'otherSpellings' },
  { header: 'Work e-mails', path: 'emails' },
  { header: 'Job title', path: 'jobTitle' },
  { header: 'Grade', path: 'grade' },
  { header: 'FTE', path: 'fte' },
  { header: 'Contract type', path: 'contractType' },
  { header: 'Continuous service date', path: 'continuousServiceDate' },
  { header: 'Line manager', path: 'lineManager' },
  { header: 'Team', path: 'team' },
  { header: 'Vacant', path: 'vacant' },
  { header: 'TOM function', path: 'tomFunction' },
  { header: 'TOM team', path: 'tomTeam' },
  { header: 'Service category', path: 'serviceCategory' },
  { header: 'Section 113 placed', path: 's113.placed' },
  { header: 'Section 113 agreement reference', path: 's113.agreementRef' },
  { header: 'Section 113 notice issued', path: 's113.noticeIssued' },
  { header: 'Section 113 consulted', path: 's113.consulted' },
  { header: 'Section 113 confirmed as continuing', path: 's113.confirmedContinuing' },
  { header: 'Section 113 ended', path: 's113.ended' },
  { header: 'Pension membership number', path: 'pension.membershipNumber' },
  { header: 'Pension section', path: 'pension.section' },
  ...PENSION_ITEMS.flatMap((i) => [
    // The state cell also carries the item's date (`pension.items.<id>.date`).
    { header: pensionHeader(i.id), path: `pension.items.${i.id}.state` },
    { header: pensionNoteHeader(i.id), path: `pension.items.${i.id}.note` },
  ]),
];

type TransferField = Exclude<keyof PersonTransfer, 'planId' | 'eliSent'> | `eliSent.${EliItemId}`;

const TRANSFER_FIELDS: readonly { field: TransferField; label: string }[] = [
  { field: 'scope', label: 'scope' },
  { field: 'notInScopeReason', label: 'not in scope reason' },
  { field: 'assignment', label: 'assignment' },
  { field: 'assignmentBasis', label: 'assignment basis' },
  { field: 'affected', label: 'affected employee' },
  { field: 'representation', label: 'representation' },
  ...ELI_ITEMS.map((i) => ({ field: `eliSent.${i.id}` as TransferField, label: `ELI ${ELI_SHORT[i.id]} sent` })),
  { field: 'informed', label: 'informed' },
  { field: 'letterSent', label: 'individual letter sent' },
  { field: 'meetingHeld', label: 'consultation meeting held' },
  { field: 'objection', label: 'objection' },
  { field: 'objectionWithdrawn', label: 'objection withdrawn' },
  { field: 'substantialChangeClaim', label: 'substantial change claim' },
  { field: 'outcome', label: 'outcome' },
  { field: 'outcomeDate', label: 'outcome date' },
];

export function transferHeader(planId: string, label: string): string {
  return `TUPE ${planId}: ${label}`;
}

export function transferPath(planId: string, field: string): string {
  return `transfers.${planId}.${field}`;
}

/** Every column for these plans, in file order. */
export function registerColumns(planIds: readonly string[]): RegisterColumn[] {
  return [
    ...REGISTER_COLUMNS,
    ...planIds.flatMap((planId) =>
      TRANSFER_FIELDS.map((f) => ({ header: transferHeader(planId, f.label), path: transferPath(planId, f.field) })),
    ),
  ];
}

export function registerHeaders(planIds: readonly string[]): string[] {
  return registerColumns(planIds).map((c) => c.header);
}

// ----------------------------------------------------------------------------------------- cell codecs

function yesNo(b: boolean): string {
  return b ? 'yes' : 'no';
}

function parseYesNo(cell: string): boolean | string {
  const t = cell.trim().toLowerCase();
  if (['yes', 'y', 'true', '1'].includes(t)) return true;
  if (['no', 'n', 'false', '0'].includes(t)) return false;
  return cell;
}

/** ISO stays as it is; `d/m/yyyy` (UK order, as Excel rewrites dates) becomes ISO; anything else is passed on. */
export function parseDateCell(cell: string): string {
  const t = cell.trim();
  const uk = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(t);
  if (uk) return `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}`;
  return t;
}

function parseChoice<T extends string>(cell: string, values: readonly T[], names?: Record<T, string>): T | string {
  const t = cell.trim().toLowerCase();
  for (const v of values) {
    if (v.toLowerCase() === t || (names && names[v].toLowerCase() === t)) return v;
  }
  return cell;
}

export function joinList(items: readonly string[]): string {
  return items.map((s) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;')).join('; ');
}

export function splitList(cell: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i]!;
    if (c === '\\' && i + 1 < cell.length) {
      cur += cell[i + 1];
      i++;
    } else if (c === ';') {
      out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

const PENSION_STATE_WORD = { todo: 'todo', done: 'done', 'not-applicable': 'n/a' } as const;

export function formatPensionItem(item: PensionItem): string {
  return [PENSION_STATE_WORD[item.state], item.date].filter(Boolean).join(' ');
}

/** `done 2018-02-01` → { state: 'done', date: '2018-02-01' }; unreadable text is passed on as the state. */
export function parsePensionItemCell(cell: string): { state?: string; date?: string } {
  const m = /^(to ?do|done|n\/?a|not[ -]applicable)(?:\s+(\S+))?$/i.exec(cell.trim());
  if (!m) return { state: cell };
  const word = m[1]!.toLowerCase().replace(/\s/g, '');
  const state = word === 'todo' ? 'todo' : word === 'done' ? 'done' : 'not-applicable';
  return m[2] === undefined ? { state } : { state, date: parseDateCell(m[2]) };
}

function parseFte(cell: string): number | string {
  const t = cell.trim();
  const n = Number(t);
  return t !== '' && Number.isFinite(n) ? n : cell;
}

// ---------------------------------------------------------------------------------------------- export

function text(v: string | undefined): string {
  return v ?? '';
}

/** One CSV row for a record. Transfers are written for `planIds` (default: the record's own plans, in order). */
export function recordToRow(record: StaffRecord, planIds?: readonly string[]): Record<string, string> {
  const ids = planIds ?? [...new Set(record.transfers.map((t) => t.planId))];
  const r = record;
  const row: Record<string, string> = {
    Council: councilName[r.council],
    'Employee number': r.employeeNumber,
    Forename: r.forename,
    Surname: r.surname,
    'Known as': text(r.knownAs),
    'Other spellings': joinList(r.otherSpellings),
    'Work e-mails': joinList(r.emails),
    'Job title': text(r.jobTitle),
    Grade: text(r.grade),
    FTE: r.fte === undefined ? '' : String(r.fte),
    'Contract type': text(r.contractType),
    'Continuous service date': text(r.continuousServiceDate),
    'Line manager': text(r.lineManager),
    Team: text(r.team),
    Vacant: yesNo(r.vacant),
    'TOM function': r.tomFunction ? tomFunctionName[r.tomFunction] : '',
    'TOM team': text(r.tomTeam),
    'Service category': r.serviceCategory ? serviceCategoryName[r.serviceCategory] : '',
    'Section 113 placed': yesNo(r.s113.placed),
    'Section 113 agreement reference': text(r.s113.agreementRef),
    'Section 113 notice issued': text(r.s113.noticeIssued),
    'Section 113 consulted': text(r.s113.consulted),
    'Section 113 confirmed as continuing': text(r.s113.confirmedContinuing),
    'Section 113 ended': text(r.s113.ended),
    'Pension membership number': text(r.pension.membershipNumber),
    'Pension section': text(r.pension.section),
  };
  for (const { id } of PENSION_ITEMS) {
    const item = r.pension.items[id];
    row[pensionHeader(id)] = item ? formatPensionItem(item) : '';
    row[pensionNoteHeader(id)] = text(item?.note);
  }
  for (const planId of ids) {
    const t = r.transfers.find((x) => x.planId === planId);
    for (const { field, label } of TRANSFER_FIELDS) {
      row[transferHeader(planId, label)] = t ? transferCell(t, field) : '';
    }
  }
  return row;
}

function transferCell(t: PersonTransfer, field: TransferField): string {
  switch (field) {
    case 'scope':
      return transferScopeName[t.scope];
    case 'assignment':
      return assignmentName[t.assignment];
    case 'representation':
      return representationName[t.representation];
    case 'outcome':
      return outcomeName[t.outcome];
    case 'affected':
      return yesNo(t.affected);
    default:
      if (field.startsWith('eliSent.')) return text(t.eliSent[field.slice('eliSent.'.length) as EliItemId]);
      return text(t[field as Exclude<TransferField, `eliSent.${string}`>] as string | undefined);
  }
}

// ---------------------------------------------------------------------------------------------- import

/** Header comparison ignores letter case, spacing and a byte-order mark. */
export function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

const FIXED_BY_HEADER = new Map(REGISTER_COLUMNS.map((c) => [normaliseHeader(c.header), c]));
const TRANSFER_HEADER = /^tupe ([a-z0-9-]+): (.+)$/;
const TRANSFER_BY_LABEL = new Map(TRANSFER_FIELDS.map((f) => [f.label.toLowerCase(), f]));

/** Plan ids named in `TUPE <plan id>: ...` headers, in order of first appearance. */
export function planIdsFromHeaders(headers: readonly string[]): string[] {
  const ids: string[] = [];
  for (const h of headers) {
    const m = TRANSFER_HEADER.exec(normaliseHeader(h));
    if (m && TRANSFER_BY_LABEL.has(m[2]!) && !ids.includes(m[1]!)) ids.push(m[1]!);
  }
  return ids;
}

/** Headers only this format has, so an HR system's own export is not mistaken for it. */
const DISTINCTIVE = ['Section 113 placed', 'TOM function', 'Service category', 'Vacant', 'Known as', 'Work e-mails'];

/** True when the file is the register's own format (read with no mapping step). */
export function isRegisterFormat(headers: readonly string[]): boolean {
  const set = new Set(headers.map(normaliseHeader));
  const has = (h: string) => set.has(normaliseHeader(h));
  return has('Council') && has('Employee number') && DISTINCTIVE.filter(has).length >= 3;
}

type Loose = Record<string, unknown>;

function setPath(target: Loose, path: readonly string[], value: unknown): void {
  let o = target;
  for (const key of path.slice(0, -1)) {
    const next = o[key];
    if (typeof next === 'object' && next !== null) {
      o = next as Loose;
    } else {
      const created: Loose = {};
      o[key] = created;
      o = created;
    }
  }
  o[path[path.length - 1]!] = value;
}

function parseFixed(path: string, cell: string): unknown {
  switch (path) {
    case 'council':
      return parseCouncil(cell) ?? parseChoice(cell, Council.options, councilName);
    case 'otherSpellings':
    case 'emails':
      return splitList(cell);
    case 'fte':
      return parseFte(cell);
    case 'contractType':
      return parseChoice(cell, ContractType.options);
    case 'continuousServiceDate':
    case 's113.noticeIssued':
    case 's113.consulted':
    case 's113.confirmedContinuing':
    case 's113.ended':
      return parseDateCell(cell);
    case 'lineManager':
      return cell.trim();
    case 'vacant':
    case 's113.placed':
      return parseYesNo(cell);
    case 'tomFunction':
      return parseChoice(cell, TomFunction.options, tomFunctionName);
    case 'serviceCategory':
      return parseChoice(cell, ServiceCategory.options, serviceCategoryName);
    case 'pension.section': {
      const t = cell.trim() === '50/50' ? '50-50' : cell;
      return parseChoice(t, PensionSection.options);
    }
    case 'employeeNumber':
      return cell.trim();
    default:
      return cell;
  }
}

function parseTransferField(field: TransferField, cell: string): unknown {
  switch (field) {
    case 'scope':
      return parseChoice(cell, TransferScope.options, transferScopeName);
    case 'assignment':
      return parseChoice(cell, Assignment.options, assignmentName);
    case 'representation':
      return parseChoice(cell, Representation.options, representationName);
    case 'outcome':
      return parseChoice(cell, TransferOutcome.options, outcomeName);
    case 'affected':
      return parseYesNo(cell);
    case 'notInScopeReason':
    case 'assignmentBasis':
      return cell;
    default:
      return parseDateCell(cell); // every other transfer field is a date
  }
}

/**
 * Reads one row (keyed by header, as Papa.parse with `header: true` gives it). `carried` lists the field
 * paths the file has a column for, filled or not: an empty cell in a carried column says "absent", while a
 * path not carried says nothing about the field.
 */
type ColumnAction =
  | { kind: 'pension'; segments: string[]; dateSegments: string[] }
  | { kind: 'fixed'; path: string; segments: string[] }
  | { kind: 'transfer'; planId: string; field: TransferField; segments: string[] };

interface CompiledHeaders {
  actions: Map<string, ColumnAction>;
  planOrder: string[];
  carried: string[];
}

// Reading headings (normalising, matching plan columns) is the costly part of a row; every row of a file
// has the same headings, so the analysis is done once per set of headings (measured: 120 µs → a few µs a row).
let compiledFor = '';
let compiled: CompiledHeaders | undefined;

function compileHeaders(headers: string[]): CompiledHeaders {
  const key = headers.join('\u0000');
  if (compiled && compiledFor === key) return compiled;
  const actions = new Map<string, ColumnAction>();
  const carried: string[] = [];
  for (const rawHeader of headers) {
    const h = normaliseHeader(rawHeader);
    const fixed = FIXED_BY_HEADER.get(h);
    if (fixed) {
      carried.push(fixed.path);
      const segments = fixed.path.split('.');
      if (fixed.path.startsWith('pension.items.') && fixed.path.endsWith('.state')) {
        carried.push(fixed.path.replace(/\.state$/, '.date'));
        actions.set(rawHeader, { kind: 'pension', segments, dateSegments: [...segments.slice(0, -1), 'date'] });
      } else {
        actions.set(rawHeader, { kind: 'fixed', path: fixed.path, segments });
      }
      continue;
    }
    const m = TRANSFER_HEADER.exec(h);
    const tf = m ? TRANSFER_BY_LABEL.get(m[2]!) : undefined;
    if (m && tf) {
      carried.push(transferPath(m[1]!, tf.field));
      actions.set(rawHeader, { kind: 'transfer', planId: m[1]!, field: tf.field, segments: tf.field.split('.') });
    }
  }
  compiledFor = key;
  compiled = { actions, planOrder: planIdsFromHeaders(headers), carried };
  return compiled;
}

export function rowToRecordInput(row: Record<string, string | undefined>): {
  input: StaffRecordInput;
  carried: Set<string>;
} {
  const { actions, planOrder, carried } = compileHeaders(Object.keys(row));
  const input: Loose = {};
  const transfers = new Map<string, Loose>();
  for (const id of planOrder) transfers.set(id, {});

  for (const [rawHeader, action] of actions) {
    const cell = row[rawHeader] ?? '';
    if (cell.trim() === '') continue;
    if (action.kind === 'pension') {
      const { state, date } = parsePensionItemCell(cell);
      setPath(input, action.segments, state);
      if (date !== undefined) setPath(input, action.dateSegments, date);
    } else if (action.kind === 'fixed') {
      setPath(input, action.segments, parseFixed(action.path, cell));
    } else {
      setPath(transfers.get(action.planId)!, action.segments, parseTransferField(action.field, cell));
    }
  }

  const list: Loose[] = [];
  for (const [planId, t] of transfers) {
    if (Object.keys(t).length > 0) list.push({ planId, ...t });
  }
  if (list.length > 0) input.transfers = list;
  return { input: input as StaffRecordInput, carried: new Set(carried) };
}
