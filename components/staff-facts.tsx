import {
  formatDate,
  outcomeName,
  pensionItemState,
  PENSION_ITEMS,
  s113Status,
  s113StatusName,
  tomFunctionName,
  transferFor,
  councilName,
  type Readiness,
  type StaffRecord,
  type TransferPlan,
} from '@/lib/domain';
import { CouncilBadge } from './council-badge';
import { ReadinessChip } from './readiness-chip';

function s113Text(r: StaffRecord): string {
  const status = s113Status(r.s113);
  const date =
    status === 'ended'
      ? r.s113.ended
      : status === 'confirmed'
        ? r.s113.confirmedContinuing
        : status === 'issued'
          ? r.s113.noticeIssued
          : undefined;
  return date ? `${s113StatusName[status]} (${formatDate(date)})` : s113StatusName[status];
}

export function transferText(r: StaffRecord, plan: TransferPlan | undefined): string {
  if (!plan) return 'No transfer plan set up';
  if (r.council === plan.transferee) return `No transfer: ${councilName[r.council]} is the host employer`;
  if (!plan.transferors.includes(r.council)) return `${councilName[r.council]} is not transferring staff in this plan`;
  const t = transferFor(r, plan.id);
  if (!t) return 'Not recorded for this plan';
  const to = `${councilName[plan.transferee]} on ${formatDate(plan.transferDate)} (${plan.legalBasis})`;
  if (t.outcome === 'transferred') return `Transferred to ${councilName[plan.transferee]}`;
  if (t.outcome !== 'pending') return outcomeName[t.outcome];
  if (t.scope === 'in-scope') return `In scope: transfers to ${to}`;
  if (t.scope === 'not-in-scope') return `Not in scope${t.notInScopeReason ? `: ${t.notInScopeReason}` : ''}`;
  return `Under review for transfer to ${to}`;
}

export function pensionText(r: StaffRecord): string {
  const camden = r.council === 'camden';
  const states = PENSION_ITEMS.map((i) => pensionItemState(r.pension, i.id, camden));
  const applicable = states.filter((s) => s !== 'not-applicable').length;
  const done = states.filter((s) => s === 'done').length;
  return `${done} of ${applicable} pension checklist items done`;
}

/** The five facts the whole product is about, as a description list. */
export function StaffFacts({
  record,
  plan,
  readiness,
}: {
  record: StaffRecord;
  plan: TransferPlan | undefined;
  readiness?: Readiness;
}) {
  const tom = record.tomFunction
    ? `${tomFunctionName[record.tomFunction]}${record.tomTeam ? ` – ${record.tomTeam}` : ''}`
    : 'No TOM function assigned';
  return (
    <dl className="tl-summary-list">
      <div className="tl-summary-list__row">
        <dt>Employing council</dt>
        <dd>
          <CouncilBadge council={record.council} />
        </dd>
      </div>
      <div className="tl-summary-list__row">
        <dt>Section 113</dt>
        <dd>{s113Text(record)}</dd>
      </div>
      <div className="tl-summary-list__row">
        <dt>Planned transfer</dt>
        <dd>{transferText(record, plan)}</dd>
      </div>
      <div className="tl-summary-list__row">
        <dt>TOM function and team</dt>
        <dd>{tom}</dd>
      </div>
      <div className="tl-summary-list__row">
        <dt>Pension checklist</dt>
        <dd>{pensionText(record)}</dd>
      </div>
      {readiness ? (
        <div className="tl-summary-list__row">
          <dt>Readiness</dt>
          <dd>
            <ReadinessChip state={readiness.state} />
            {readiness.reason ? <span className="tl-hint"> {readiness.reason}</span> : null}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
