import { councilName } from '../domain/council';
import type { StaffRecord } from '../domain/staff';
import { serviceCategoryName, tomFunctionName, type ServiceCategory, type TomFunction } from '../domain/tom';
import {
  assignmentName,
  outcomeName,
  representationName,
  transferScopeName,
  type Assignment,
  type Representation,
  type TransferOutcome,
  type TransferScope,
} from '../domain/transfer';
import { REGISTER_COLUMNS, registerColumns } from '../csv/register-format';

/**
 * Field paths are dotted, as the register's CSV format names them: `team`, `s113.noticeIssued`,
 * `pension.items.mccloud.state`, and `transfers.<plan id>.scope` (a person's transfers are a list keyed by plan
 * id). `localEdits` uses the same paths, so an import can tell which fields were edited in the extension.
 */
type Loose = Record<string, unknown>;

function isObject(v: unknown): v is Loose {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value at a path, or undefined when any step is missing. */
export function getField(record: StaffRecord | Loose, path: string): unknown {
  // Most paths are one field (`team`): no split (planImport asks for every carried field of every row).
  if (path !== 'transfers' && !path.includes('.')) return isObject(record) ? (record as Loose)[path] : undefined;
  const segments = path.split('.');
  let v: unknown = record;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s === 'transfers' && i === 0) {
      const planId = segments[++i];
      v = (record as StaffRecord).transfers.find((t) => t.planId === planId);
      continue;
    }
    if (!isObject(v)) return undefined;
    v = v[s];
  }
  return v;
}

/** A copy of `record` with the value at `path` replaced (removed when undefined); `record` is not changed. */
export function setField<T extends Loose | StaffRecord>(record: T, path: string, value: unknown): T {
  const segments = path.split('.');
  const root: Loose = { ...(record as Loose) };
  if (segments[0] === 'transfers') {
    const planId = segments[1]!;
    const list = [...((root.transfers as Loose[] | undefined) ?? [])];
    let index = list.findIndex((t) => t.planId === planId);
    if (index < 0) {
      if (value === undefined) return record;
      list.push({ planId });
      index = list.length - 1;
    }
    list[index] = setIn(list[index]!, segments.slice(2), value);
    root.transfers = list;
    return root as T;
  }
  return setIn(root, segments, value) as T;
}

function setIn(target: Loose, segments: readonly string[], value: unknown): Loose {
  const copy: Loose = { ...target };
  const [head, ...rest] = segments;
  if (head === undefined) return copy;
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
    return copy;
  }
  const child = isObject(copy[head]) ? (copy[head] as Loose) : {};
  copy[head] = setIn(child, rest, value);
  return copy;
}

/**
 * After fields were removed, drops what is left empty: a transfer with nothing but its plan id (and an empty
 * `eliSent`), a pension
 * item with no state, date or note. Otherwise schema defaults would bring them back as "under review" or
 * "to do" and the next import would see a change that is not there.
 */
export function pruneEmpty(record: Loose): Loose {
  const out = { ...record };
  if (Array.isArray(out.transfers)) {
    out.transfers = (out.transfers as Loose[]).filter((t) =>
      Object.entries(t).some(([k, v]) => k !== 'planId' && v !== undefined && !(isObject(v) && isEmptyObject(v))),
    );
  }
  if (isObject(out.pension) && isObject(out.pension.items)) {
    const items = Object.fromEntries(
      Object.entries(out.pension.items).filter(([, item]) => isObject(item) && Object.keys(item).length > 0),
    );
    out.pension = { ...out.pension, items };
  }
  return out;
}

function isEmptyObject(v: Loose): boolean {
  return Object.values(v).every((x) => x === undefined);
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  // Lists of the same values one by one (e-mails) are the same without writing both out.
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i])) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

const CHOICE_NAMES: Record<string, Record<string, string>> = {
  council: councilName,
  tomFunction: tomFunctionName as Record<TomFunction, string>,
  serviceCategory: serviceCategoryName as Record<ServiceCategory, string>,
  scope: transferScopeName as Record<TransferScope, string>,
  assignment: assignmentName as Record<Assignment, string>,
  representation: representationName as Record<Representation, string>,
  outcome: outcomeName as Record<TransferOutcome, string>,
};

const PENSION_STATE_NAME: Record<string, string> = { todo: 'To do', done: 'Done', 'not-applicable': 'Not applicable' };

/** A value as the user reads it in an import preview or a history entry. */
export function displayValue(path: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.map((v) => displayValue('', v)).join('; ');
  if (typeof value === 'string') {
    const last = path.slice(path.lastIndexOf('.') + 1);
    if (path.startsWith('pension.items.') && last === 'state') return PENSION_STATE_NAME[value] ?? value;
    return CHOICE_NAMES[last]?.[value] ?? value;
  }
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

const LABEL_BY_PATH = new Map(REGISTER_COLUMNS.map((c) => [c.path, c.header]));
LABEL_BY_PATH.set('inLatestRoster', 'In the latest file');

/** A path in the register's own column words: "Section 113 notice issued", "TUPE fwd: scope". */
export function fieldLabel(path: string): string {
  const known = LABEL_BY_PATH.get(path);
  if (known) return known;
  if (path.startsWith('transfers.')) {
    const planId = path.split('.')[1]!;
    for (const c of registerColumns([planId])) LABEL_BY_PATH.set(c.path, c.header);
    const label = LABEL_BY_PATH.get(path);
    if (label) return label;
  }
  if (path.startsWith('pension.items.') && path.endsWith('.date')) {
    const state = LABEL_BY_PATH.get(path.replace(/\.date$/, '.state'));
    if (state) return `${state} date`;
  }
  return path;
}
