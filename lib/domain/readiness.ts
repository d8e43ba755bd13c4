import { councilName } from './council';
import { daysBetween, formatDate, relativeDays } from './dates';
import { pensionOutstanding } from './pension';
import { s113Status } from './s113';
import type { StaffRecord } from './staff';
import { ELI_ITEMS, type EliItemId, type TransferPlan, hasOpenObjection, planDeadlines } from './transfer';
import { transferFor } from './staff';

/**
 * Readiness is derived, never stored (DOMAIN.md "Readiness").
 * - ready: a transferring person with no blocker left.
 * - at risk: not ready, nothing overdue, and a blocker's deadline is less than `atRiskDays` away.
 * - blocked: not ready otherwise (a deadline has passed, a blocker has no deadline such as an open
 *   objection, or the deadlines are still far off but the work is not done).
 * - not applicable: not transferring under this plan (host employer's own staff, out of scope, vacant post).
 */
export type ReadinessState = 'ready' | 'at-risk' | 'blocked' | 'not-applicable';

export const readinessName: Record<ReadinessState, string> = {
  ready: 'Ready',
  'at-risk': 'At risk',
  blocked: 'Blocked',
  'not-applicable': 'Not transferring',
};

export type BlockerCode =
  | 's113-not-confirmed'
  | 'assignment-not-confirmed'
  | 'assignment-disputed'
  | 'eli-not-sent'
  | 'eli-late'
  | 'not-informed'
  | 'open-objection'
  | 'no-tom-function'
  | 'pension-outstanding';

export interface Blocker {
  code: BlockerCode;
  /** Plain words for the HR officer, e.g. "Employee liability information not sent — due 4 March, in 9 days". */
  text: string;
  due?: string;
}

export interface Readiness {
  state: ReadinessState;
  blockers: Blocker[];
  /** Why the person is not applicable, in plain words. */
  reason?: string;
}

function withDue(text: string, due: string, today: string): string {
  const days = daysBetween(today, due);
  return days < 0
    ? `${text} — was due ${formatDate(due, today)}, ${relativeDays(today, due)}`
    : `${text} — due ${formatDate(due, today)}, ${relativeDays(today, due)}`;
}

export function assessReadiness(r: StaffRecord, plan: TransferPlan, today: string, atRiskDays: number): Readiness {
  if (r.vacant) return { state: 'not-applicable', blockers: [], reason: 'Vacant post' };
  if (r.council === plan.transferee) {
    return {
      state: 'not-applicable',
      blockers: [],
      reason: `No transfer: ${councilName[r.council]} is the host employer`,
    };
  }
  if (!plan.transferors.includes(r.council)) {
    return {
      state: 'not-applicable',
      blockers: [],
      reason: `${councilName[r.council]} is not transferring staff in this plan`,
    };
  }
  const t = transferFor(r, plan.id);
  if (!t || t.scope === 'not-in-scope') {
    return { state: 'not-applicable', blockers: [], reason: t?.notInScopeReason || 'Not in scope of this transfer' };
  }
  if (t.outcome === 'transferred') return { state: 'ready', blockers: [], reason: 'Transferred' };
  if (t.outcome === 'withdrawn' || t.outcome === 'not-transferring') {
    return {
      state: 'not-applicable',
      blockers: [],
      reason: t.outcome === 'withdrawn' ? 'Withdrawn' : 'Not transferring',
    };
  }

  const d = planDeadlines(plan);
  const T = plan.transferDate;
  const blockers: Blocker[] = [];
  const status = s113Status(r.s113);
  if (status !== 'confirmed' && status !== 'ended') {
    blockers.push({
      code: 's113-not-confirmed',
      text: withDue('Section 113 placement not confirmed', T, today),
      due: T,
    });
  }
  if (t.assignment === 'disputed') {
    blockers.push({
      code: 'assignment-disputed',
      text: 'Assignment to the transferring service is disputed (needs a judgement)',
    });
  } else if (t.assignment !== 'assigned') {
    blockers.push({
      code: 'assignment-not-confirmed',
      text: withDue('Assignment to the transferring service not confirmed', T, today),
      due: T,
    });
  }
  const missing = ELI_ITEMS.filter((i) => !t.eliSent[i.id as EliItemId]).map((i) => i.label.toLowerCase());
  const late = ELI_ITEMS.filter((i) => {
    const sent = t.eliSent[i.id as EliItemId];
    return sent !== undefined && sent > d.eliDue;
  });
  if (missing.length > 0) {
    const what =
      missing.length === ELI_ITEMS.length
        ? 'Employee liability information not sent'
        : `Employee liability information missing: ${missing.join(', ')}`;
    blockers.push({ code: 'eli-not-sent', text: withDue(what, d.eliDue, today), due: d.eliDue });
  }
  if (late.length > 0) {
    // TUPE reg 11(6): 28 days before; a late item cannot be made on time any more (reg 12 claims).
    blockers.push({
      code: 'eli-late',
      text: `Employee liability information sent after the ${formatDate(d.eliDue, today)} deadline (TUPE reg 11(6))`,
    });
  }
  if (!t.informed) {
    const due = d.representativesInformedBy ?? d.eliDue;
    blockers.push({
      code: 'not-informed',
      text: withDue('Representatives not yet informed (TUPE reg 13)', due, today),
      due,
    });
  }
  if (hasOpenObjection(t)) {
    blockers.push({
      code: 'open-objection',
      text: `Objected to the transfer on ${formatDate(t.objection!, today)} (TUPE reg 4(7))`,
    });
  }
  if (!r.tomFunction) {
    blockers.push({ code: 'no-tom-function', text: withDue('No TOM function assigned', T, today), due: T });
  }
  const outstanding = pensionOutstanding(r.pension, false);
  if (outstanding.length > 0) {
    const n = outstanding.length;
    blockers.push({
      code: 'pension-outstanding',
      text: withDue(`Pension checklist: ${n} item${n === 1 ? '' : 's'} to do`, T, today),
      due: T,
    });
  }

  if (blockers.length === 0) return { state: 'ready', blockers };
  const daysLeft = blockers.map((b) => (b.due === undefined ? undefined : daysBetween(today, b.due)));
  const overdueOrStructural = daysLeft.some((n) => n === undefined || n < 0);
  const soon = daysLeft.some((n) => n !== undefined && n >= 0 && n < atRiskDays);
  return { state: !overdueOrStructural && soon ? 'at-risk' : 'blocked', blockers };
}
