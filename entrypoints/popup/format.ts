import type { Council, ReadinessState } from '../../lib/domain';
import type { PersonCard, RegisterSummary } from '../../lib/messaging/protocol';

/*
 * Plain-words helpers for the popup. Types come from lib/domain and lib/messaging, but nothing is imported at
 * run time (see messaging.ts): the label maps repeat the domain's, and a unit test keeps them equal.
 */

export const councilLabel: Record<Council, string> = { camden: 'Camden', haringey: 'Haringey', islington: 'Islington' };
export const councilInitial: Record<Council, string> = { camden: 'C', haringey: 'H', islington: 'I' };

export const readinessLabel: Record<ReadinessState, string> = {
  ready: 'Ready',
  'at-risk': 'At risk',
  blocked: 'Blocked',
  'not-applicable': 'Not transferring',
};

/** The employee number part of a staff key (`haringey:H00123` → `H00123`). */
export function employeeNumberOf(key: string): string {
  const i = key.indexOf(':');
  return i < 0 ? key : key.slice(i + 1);
}

export function pensionText(p: PersonCard['pension']): string {
  if (p.applicable === 0) return 'Pension checklist: no items apply';
  if (p.done >= p.applicable) return `Pension checklist complete (${p.applicable} of ${p.applicable})`;
  return `Pension checklist: ${p.done} of ${p.applicable} done`;
}

export function tomText(t: PersonCard['tom']): string {
  if (!t.functionName) return 'No TOM function assigned';
  return t.team ? `${t.functionName}: ${t.team}` : t.functionName;
}

export function transferText(card: PersonCard): string {
  return card.transfer?.text ?? 'No transfer plan set';
}

/** The five facts, in the fixed order every view of a person uses. */
export function fiveFacts(card: PersonCard): { label: string; value: string }[] {
  return [
    { label: 'Employing council', value: councilLabel[card.council] },
    { label: 'Section 113', value: card.s113.text },
    { label: 'Planned transfer', value: transferText(card) },
    { label: 'TOM function', value: tomText(card.tom) },
    { label: 'Pension', value: pensionText(card.pension) },
  ];
}

/** A search is worth sending from 2 characters, or from 1 digit (employee numbers). */
export function isSearchable(query: string): boolean {
  const q = query.trim();
  return q.length >= 2 || /\d/.test(q);
}

export function isRegisterEmpty(s: RegisterSummary): boolean {
  return s.total === 0 && s.damaged === 0;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** "1 April 2018" without importing the domain's date helpers. */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  if (!y || !m || !d || m > 12) return iso;
  return `${d} ${months[m - 1]} ${y}`;
}

/** "460 people in the register, 2 not in the latest roster." and any imports waiting. */
export function registerLine(s: RegisterSummary): string {
  let line = `${plural(s.total, 'person', 'people')} in the register`;
  if (s.notInLatestRoster > 0) line += `, ${s.notInLatestRoster} not in the latest roster`;
  if (s.damaged > 0) line += `, ${plural(s.damaged, 'damaged record')}`;
  line += '.';
  if (s.pendingImports > 0) line += ` ${plural(s.pendingImports, 'import')} waiting for review.`;
  return line;
}

/** "Delegation to Camden: transfer on 1 April 2018". */
export function planLine(plan: NonNullable<RegisterSummary['plan']>): string {
  return `${plan.name}: transfer on ${longDate(plan.transferDate)}`;
}

export const COUNT_STATES = ['ready', 'at-risk', 'blocked'] as const;
export type CountState = (typeof COUNT_STATES)[number];

/** The register address each count opens. */
export function countHash(state: CountState): string {
  return `#/register?readiness=${state}`;
}
