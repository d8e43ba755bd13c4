import {
  COUNCILS,
  S113Status,
  TomFunction,
  TransferScope,
  type BlockerCode,
  type Council,
  type ReadinessState,
  type TransferPlan,
} from '../domain';
import { KEY_DATE_IDS, missesKeyDate, type KeyDateId } from './key-dates';
import type { RegisterRow } from './register-rows';
import { foldText, queryWords } from './text';

export const READINESS_STATES: readonly ReadinessState[] = ['ready', 'at-risk', 'blocked', 'not-applicable'];
export const BLOCKER_CODES: readonly BlockerCode[] = [
  's113-not-confirmed',
  'assignment-not-confirmed',
  'assignment-disputed',
  'eli-not-sent',
  'eli-late',
  'not-informed',
  'open-objection',
  'no-tom-function',
  'pension-outstanding',
];

export const SORT_COLUMNS = [
  'name',
  'council',
  'employeeNumber',
  'jobTitle',
  'team',
  'tomFunction',
  's113',
  'scope',
  'readiness',
  'fte',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type SortDirection = 'asc' | 'desc';

/** The register's filters. They live in the URL hash so a link (or a saved view) reproduces a list exactly. */
export interface RegisterFilters {
  q: string;
  council: Council[];
  s113: S113Status[];
  scope: (TransferScope | 'none')[];
  readiness: ReadinessState[];
  tom: (TomFunction | 'none')[];
  tomTeam: string[];
  team: string[];
  /** Staff key of a line manager: their direct reports. */
  manager?: string;
  pension?: 'complete' | 'incomplete';
  /** Only people the latest sync's file did not list. */
  notInRoster: boolean;
  blocker: BlockerCode[];
  /** People who miss this key date of the active plan. */
  misses?: KeyDateId;
  sort: SortColumn;
  dir: SortDirection;
}

export const EMPTY_FILTERS: RegisterFilters = {
  q: '',
  council: [],
  s113: [],
  scope: [],
  readiness: [],
  tom: [],
  tomTeam: [],
  team: [],
  notInRoster: false,
  blocker: [],
  sort: 'name',
  dir: 'asc',
};

function pick<T extends string>(values: string[], allowed: readonly T[]): T[] {
  return values.filter((v): v is T => (allowed as readonly string[]).includes(v));
}

function one<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Reads filters from the query part of the hash (`council=haringey&readiness=blocked`); unknown values drop. */
export function parseFilters(params: URLSearchParams): RegisterFilters {
  return {
    q: params.get('q') ?? '',
    council: pick(params.getAll('council'), COUNCILS),
    s113: pick(params.getAll('s113'), S113Status.options),
    scope: pick(params.getAll('scope'), [...TransferScope.options, 'none'] as const),
    readiness: pick(params.getAll('readiness'), READINESS_STATES),
    tom: pick(params.getAll('tom'), [...TomFunction.options, 'none'] as const),
    // An empty value is kept: `tomTeam=` lists the people with no TOM team.
    tomTeam: params.getAll('tomTeam'),
    team: params.getAll('team'),
    manager: params.get('manager') || undefined,
    pension: one(params.get('pension'), ['complete', 'incomplete'] as const),
    notInRoster: params.get('roster') === 'missing',
    blocker: pick(params.getAll('blocker'), BLOCKER_CODES),
    misses: one(params.get('misses'), KEY_DATE_IDS),
    sort: one(params.get('sort'), SORT_COLUMNS) ?? 'name',
    dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
  };
}

/** The reverse of parseFilters; defaults are left out so links stay short. */
export function filtersToParams(f: Partial<RegisterFilters>): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  for (const v of f.council ?? []) p.append('council', v);
  for (const v of f.s113 ?? []) p.append('s113', v);
  for (const v of f.scope ?? []) p.append('scope', v);
  for (const v of f.readiness ?? []) p.append('readiness', v);
  for (const v of f.tom ?? []) p.append('tom', v);
  for (const v of f.tomTeam ?? []) p.append('tomTeam', v);
  for (const v of f.team ?? []) p.append('team', v);
  if (f.manager) p.set('manager', f.manager);
  if (f.pension) p.set('pension', f.pension);
  if (f.notInRoster) p.set('roster', 'missing');
  for (const v of f.blocker ?? []) p.append('blocker', v);
  if (f.misses) p.set('misses', f.misses);
  if (f.sort && f.sort !== 'name') p.set('sort', f.sort);
  if (f.dir === 'desc') p.set('dir', 'desc');
  return p;
}

/** `#/register?…` for a filter set. */
export function registerHref(f: Partial<RegisterFilters> = {}): string {
  const qs = filtersToParams(f).toString();
  return qs ? `#/register?${qs}` : '#/register';
}

export function activeFilterCount(f: RegisterFilters): number {
  return (
    (f.q ? 1 : 0) +
    f.council.length +
    f.s113.length +
    f.scope.length +
    f.readiness.length +
    f.tom.length +
    f.tomTeam.length +
    f.team.length +
    (f.manager ? 1 : 0) +
    (f.pension ? 1 : 0) +
    (f.notInRoster ? 1 : 0) +
    f.blocker.length +
    (f.misses ? 1 : 0)
  );
}

function anyOf<T>(wanted: readonly T[], value: T): boolean {
  return wanted.length === 0 || wanted.includes(value);
}

/** Within one filter the values are alternatives (OR); different filters all apply (AND). */
export function matchesFilters(row: RegisterRow, f: RegisterFilters, words: readonly string[], plan?: TransferPlan) {
  // Only the row's own fields (one shape for every row): see RegisterRow.
  if (f.council.length > 0 && !f.council.includes(row.council)) return false;
  if (!anyOf(f.s113, row.s113)) return false;
  if (!anyOf(f.scope, row.scope)) return false;
  if (!anyOf(f.readiness, row.readiness.state)) return false;
  if (f.tom.length > 0 && !f.tom.includes(row.tom)) return false;
  if (f.tomTeam.length > 0 && !f.tomTeam.includes(row.tomTeam)) return false;
  if (f.team.length > 0 && !f.team.includes(row.team)) return false;
  if (f.manager && row.lineManager !== f.manager) return false;
  if (f.pension === 'complete' && !row.pensionComplete) return false;
  if (f.pension === 'incomplete' && row.pensionComplete) return false;
  if (f.notInRoster && row.inLatestRoster) return false;
  if (f.blocker.length > 0 && !row.readiness.blockers.some((b) => f.blocker.includes(b.code))) return false;
  if (f.misses && !missesKeyDate(row, f.misses, plan)) return false;
  for (const w of words) if (!row.search.includes(w)) return false;
  return true;
}

export function filterRows(rows: readonly RegisterRow[], f: RegisterFilters, plan?: TransferPlan): RegisterRow[] {
  const words = queryWords(f.q);
  return rows.filter((row) => matchesFilters(row, f, words, plan));
}

const READINESS_ORDER: Record<ReadinessState, number> = { blocked: 0, 'at-risk': 1, ready: 2, 'not-applicable': 3 };
const S113_ORDER: Record<S113Status, number> = { 'not-issued': 0, issued: 1, confirmed: 2, ended: 3 };

/** Digit runs padded so plain string order is numeric order ("9" before "10", "H9" before "H10"). */
function numericKey(s: string): string {
  return s.toLowerCase().replace(/\d+/g, (d) => d.padStart(12, '0'));
}

/**
 * Sort keys are plain strings or numbers compared with < and >: `localeCompare` with options builds a collator
 * per call and took seconds on 100,000 rows; folded, lower-cased keys give the same order for HR data.
 */
function sortValue(row: RegisterRow, column: SortColumn): string | number {
  const r = row.record;
  switch (column) {
    case 'name':
      return row.sortName;
    case 'council':
      return r.council;
    case 'employeeNumber':
      return numericKey(r.employeeNumber);
    case 'jobTitle':
      return foldText(r.jobTitle ?? '');
    case 'team':
      return foldText(r.team ?? '');
    case 'tomFunction':
      return r.tomFunction ?? '~';
    case 's113':
      return S113_ORDER[row.s113];
    case 'scope':
      return row.scope;
    case 'readiness':
      return READINESS_ORDER[row.readiness.state];
    case 'fte':
      return r.fte ?? -1;
  }
}

/** Stable sort; ties fall back to name then key so the order never jumps between renders. */
export function sortRows(rows: readonly RegisterRow[], column: SortColumn, dir: SortDirection): RegisterRow[] {
  const sign = dir === 'desc' ? -1 : 1;
  const keyed = rows.map((row) => ({ row, v: sortValue(row, column) }));
  keyed.sort((a, b) => {
    let c = a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
    if (c === 0) c = a.row.sortName < b.row.sortName ? -1 : a.row.sortName > b.row.sortName ? 1 : 0;
    if (c === 0) c = a.row.key < b.row.key ? -1 : a.row.key > b.row.key ? 1 : 0;
    return c * sign;
  });
  return keyed.map((k) => k.row);
}

/**
 * Filtering for search as you type: when only the search text grew ("smi" → "smit"), the new result is a subset
 * of the last one, so only the last result is scanned again. Any other change starts from all rows.
 */
export function createIncrementalFilter() {
  let last:
    { rows: readonly RegisterRow[]; rest: string; q: string; plan?: TransferPlan; result: RegisterRow[] } | undefined;
  return (rows: readonly RegisterRow[], f: RegisterFilters, plan?: TransferPlan): RegisterRow[] => {
    const rest = JSON.stringify({ ...f, q: '' });
    const q = queryWords(f.q).join(' ');
    const narrowing = last && last.rows === rows && last.rest === rest && last.plan === plan && q.startsWith(last.q);
    const result = narrowing ? filterRows(last!.result, f, plan) : filterRows(rows, f, plan);
    last = { rows, rest, q, plan, result };
    return result;
  };
}

export function applyRegisterView(rows: readonly RegisterRow[], f: RegisterFilters, plan?: TransferPlan) {
  return sortRows(filterRows(rows, f, plan), f.sort, f.dir);
}
