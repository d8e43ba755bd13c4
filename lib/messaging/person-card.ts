import {
  PENSION_ITEMS,
  activePlan,
  assessReadiness,
  councilName,
  displayName,
  formatDate,
  keyOf,
  pensionItemState,
  s113Status,
  s113StatusName,
  todayIso,
  tomFunctionName,
  transferFor,
  transferScopeName,
  type Settings,
  type StaffRecord,
} from '../domain';
import type { PersonCard } from './protocol';

/** "Today" for readiness: the demo's fixed date when set, so demo readiness is the same on any day. */
export function todayFor(settings: Settings, now: Date): string {
  return settings.demoToday || todayIso(now);
}

/** The five facts and readiness for one person, as a badge, card, search result or side panel row shows them. */
export function toPersonCard(r: StaffRecord, settings: Settings, today: string): PersonCard {
  const status = s113Status(r.s113);
  const s113Date =
    status === 'ended' ? r.s113.ended : status === 'confirmed' ? r.s113.confirmedContinuing : r.s113.noticeIssued;
  const isCamden = r.council === 'camden';
  const states = PENSION_ITEMS.map((i) => pensionItemState(r.pension, i.id, isCamden));
  const card: PersonCard = {
    key: keyOf(r),
    name: displayName(r),
    vacant: r.vacant,
    inLatestRoster: r.inLatestRoster,
    council: r.council,
    s113: { status, text: s113StatusName[status] },
    tom: {},
    pension: {
      outstanding: PENSION_ITEMS.filter((_, i) => states[i] === 'todo').map((i) => i.id),
      applicable: states.filter((s) => s !== 'not-applicable').length,
      done: states.filter((s) => s === 'done').length,
    },
    readiness: { state: 'not-applicable', blockers: [], reason: 'No transfer plan has been set up' },
  };
  if (r.jobTitle) card.jobTitle = r.jobTitle;
  if (r.team) card.team = r.team;
  if (s113Date) card.s113.date = s113Date;
  if (r.tomFunction) {
    card.tom.function = r.tomFunction;
    card.tom.functionName = tomFunctionName[r.tomFunction];
  }
  if (r.tomTeam) card.tom.team = r.tomTeam;

  const plan = activePlan(settings);
  if (plan) {
    const t = transferFor(r, plan.id);
    const to = councilName[plan.transferee];
    const when = formatDate(plan.transferDate);
    let text: string;
    if (r.council === plan.transferee) text = `No transfer: ${to} is the host employer`;
    else if (!plan.transferors.includes(r.council))
      text = `${councilName[r.council]} is not transferring staff in this plan`;
    else if (t?.outcome === 'transferred')
      text = `Transferred to ${to}${t.outcomeDate ? ` on ${formatDate(t.outcomeDate)}` : ''}`;
    else if (t?.outcome === 'withdrawn') text = 'Withdrawn from the transfer';
    else if (t?.outcome === 'not-transferring') text = 'Not transferring';
    else if (!t || t.scope === 'under-review')
      text = `Under review for transfer to ${to} on ${when} (${plan.legalBasis})`;
    else if (t.scope === 'not-in-scope')
      text = `${transferScopeName['not-in-scope']}${t.notInScopeReason ? `: ${t.notInScopeReason}` : ''}`;
    else text = `Transfers to ${to} on ${when} (${plan.legalBasis})`;
    card.transfer = {
      planId: plan.id,
      planName: plan.name,
      legalBasis: plan.legalBasis,
      transferee: plan.transferee,
      transferDate: plan.transferDate,
      text,
    };
    if (t) {
      card.transfer.scope = t.scope;
      card.transfer.outcome = t.outcome;
    }
    card.readiness = assessReadiness(r, plan, today, settings.atRiskDays);
  }
  return card;
}
