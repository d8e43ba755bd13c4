import { formatDate, planDeadlines, type TransferPlan } from '../domain';
import type { RegisterRow } from './register-rows';

/** The plan's dates an HR officer works towards; each counts the people who will miss it as things stand. */
export const KEY_DATE_IDS = ['eli', 'informed', 'go-live'] as const;
export type KeyDateId = (typeof KEY_DATE_IDS)[number];

export const keyDateName: Record<KeyDateId, string> = {
  eli: 'Employee liability information due',
  informed: 'Representatives informed by',
  'go-live': 'Go-live (transfer date)',
};

export interface KeyDate {
  id: KeyDateId;
  label: string;
  /** ISO date; undefined when the plan has not set it (representatives' target is the plan's choice). */
  date?: string;
  /** Why this date, in one line. */
  rule: string;
  miss: number;
}

/**
 * Whether the person misses (or, as things stand, will miss) a key date:
 * - ELI due (T − 28, TUPE reg 11(6)): an item not sent, or sent after the deadline;
 * - representatives informed by: not informed yet, or informed after the plan's target date;
 * - go-live: not ready for the transfer date (at risk or blocked).
 */
export function missesKeyDate(row: RegisterRow, id: KeyDateId, plan: TransferPlan | undefined): boolean {
  if (!plan) return false;
  const { state, blockers } = row.readiness;
  if (state === 'not-applicable' || state === 'ready') return false;
  switch (id) {
    case 'eli':
      return blockers.some((b) => b.code === 'eli-not-sent' || b.code === 'eli-late');
    case 'informed': {
      if (blockers.some((b) => b.code === 'not-informed')) return true;
      const target = plan.representativesInformedBy;
      const informed = row.transfer?.informed;
      return Boolean(target && informed && informed > target);
    }
    case 'go-live':
      return true;
  }
}

export function keyDates(rows: readonly RegisterRow[], plan: TransferPlan | undefined): KeyDate[] {
  if (!plan) return [];
  const d = planDeadlines(plan);
  const dates: Record<KeyDateId, { date?: string; rule: string }> = {
    eli: { date: d.eliDue, rule: '28 days before the transfer (TUPE reg 11(6))' },
    informed: {
      date: d.representativesInformedBy,
      rule: d.representativesInformedBy
        ? 'The plan’s target: “long enough before” the transfer to consult (TUPE reg 13(2))'
        : 'No target date set in the plan; counted against the ELI date',
    },
    'go-live': { date: plan.transferDate, rule: `Transfer date ${formatDate(plan.transferDate)}` },
  };
  return KEY_DATE_IDS.map((id) => ({
    id,
    label: keyDateName[id],
    ...dates[id],
    miss: rows.reduce((n, row) => n + (missesKeyDate(row, id, plan) ? 1 : 0), 0),
  }));
}
