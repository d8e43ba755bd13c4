import { PENSION_ITEMS, pensionItemLabel, type HistoryEntry, type PensionItemId } from '../domain';

/** One changed value of a history entry, in words for the person page. */
export interface HistoryChange {
  what: string;
  from: string;
  to: string;
}

const LABELS: Record<string, string> = {
  s113: 'Section 113',
  transfers: 'Transfer',
  pension: 'Pension',
  items: '',
  eliSent: 'ELI',
  tomFunction: 'TOM function',
  tomTeam: 'TOM team',
  noticeIssued: 'notice issued',
  confirmedContinuing: 'confirmed as continuing',
  agreementRef: 'agreement reference',
  notInScopeReason: 'reason not in scope',
  assignmentBasis: 'assignment basis',
  letterSent: 'letter sent',
  meetingHeld: 'meeting held',
  objectionWithdrawn: 'objection withdrawn',
  substantialChangeClaim: 'substantial change claim',
  outcomeDate: 'outcome date',
  membershipNumber: 'membership number',
  serviceCategory: 'service category',
  lineManager: 'line manager',
  jobTitle: 'job title',
  employeeNumber: 'employee number',
  continuousServiceDate: 'continuous service date',
  inLatestRoster: 'in latest roster',
  knownAs: 'known as',
  // A pension item's state reads as the item itself: "Pension › McCloud underpin checked: To do → Done".
  state: '',
};

const PENSION_ITEM_IDS = new Set<string>(PENSION_ITEMS.map((i) => i.id));
const STATE_WORDS: Record<string, string> = { todo: 'To do', done: 'Done', 'not-applicable': 'Not applicable' };

function parseJson(s: string | undefined): unknown {
  if (s === undefined || s === '') return undefined;
  if (!/^[[{]/.test(s.trim())) return s;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return s;
  }
}

function show(v: unknown): string {
  if (v === undefined || v === null || v === '') return '(empty)';
  if (typeof v === 'string') return STATE_WORDS[v] ?? v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** An array item's name: a transfer by its plan, anything else by position. */
function itemName(v: unknown, i: number): string {
  return isObject(v) && typeof v.planId === 'string' ? v.planId : String(i + 1);
}

function diff(from: unknown, to: unknown, path: string[], out: HistoryChange[]): void {
  if (JSON.stringify(from) === JSON.stringify(to)) return;
  if (Array.isArray(from) || Array.isArray(to)) {
    const a = Array.isArray(from) ? from : [];
    const b = Array.isArray(to) ? to : [];
    const names = new Map<string, [unknown, unknown]>();
    a.forEach((v, i) => names.set(itemName(v, i), [v, undefined]));
    b.forEach((v, i) => {
      const n = itemName(v, i);
      names.set(n, [names.get(n)?.[0], v]);
    });
    for (const [n, [x, y]] of names) diff(x, y, [...path, n], out);
    return;
  }
  if (isObject(from) || isObject(to)) {
    const a = isObject(from) ? from : {};
    const b = isObject(to) ? to : {};
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) diff(a[k], b[k], [...path, k], out);
    return;
  }
  out.push({ what: label(path), from: show(from), to: show(to) });
}

function label(path: string[]): string {
  return path
    .map((p) => LABELS[p] ?? (PENSION_ITEM_IDS.has(p) ? pensionItemLabel(p as PensionItemId) : p))
    .filter(Boolean)
    .join(' › ');
}

/**
 * Splits a history entry into the values that changed. The background may record a whole nested field (all of a
 * person's transfers as JSON): showing only the values that differ keeps "old → new" readable.
 */
export function historyChanges(entry: HistoryEntry): HistoryChange[] {
  const from = parseJson(entry.from);
  const to = parseJson(entry.to);
  if (!isObject(from) && !isObject(to))
    return [{ what: label(entry.field.split('.')), from: show(from), to: show(to) }];
  const out: HistoryChange[] = [];
  diff(from, to, entry.field.split('.'), out);
  return out.length > 0 ? out : [{ what: label(entry.field.split('.')), from: show(from), to: show(to) }];
}
