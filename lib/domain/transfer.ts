import { z } from 'zod';
import { Council } from './council';
import { IsoDate, addDays, addMonths } from './dates';

/**
 * TUPE: Transfer of Undertakings (Protection of Employment) Regulations 2006. COSOP: the Cabinet Office
 * Statement of Practice, applied when a transfer of administrative functions between public authorities is
 * outside TUPE (reg 3(5)) and the bodies follow TUPE principles anyway.
 */
export const LegalBasis = z.enum(['TUPE', 'COSOP']);
export type LegalBasis = z.infer<typeof LegalBasis>;

/** One transfer scenario; a person's transfer state belongs to a plan, so plans can stand side by side. */
export const TransferPlan = z.object({
  id: z
    .string()
    .min(1)
    .max(60)
    .regex(/^[a-z0-9-]+$/, 'Use lower-case letters, digits and hyphens'),
  name: z.string().min(1).max(120),
  legalBasis: LegalBasis,
  transferors: z.array(Council).min(1),
  transferee: Council,
  transferDate: IsoDate,
  measuresLetterDate: IsoDate.optional(),
  /** TUPE reg 13(2) sets no minimum, only "long enough before" the transfer: the plan sets a target. */
  representativesInformedBy: IsoDate.optional(),
});
export type TransferPlan = z.infer<typeof TransferPlan>;

export interface PlanDeadlines {
  /** TUPE reg 11(6): employee liability information at least 28 days before the transfer. */
  eliDue: string;
  representativesInformedBy?: string;
  /** TUPE reg 4(7): an objection must come before the transfer. */
  objectionBy: string;
  /** Claims for failure to inform or consult: 3 months after the transfer (reg 15). */
  claimsWindowEnds: string;
  /** LGPS: pension records combine unless the member elects within 12 months. */
  pensionElectionEnds: string;
}

export function planDeadlines(plan: TransferPlan): PlanDeadlines {
  const t = plan.transferDate;
  return {
    eliDue: addDays(t, -28),
    representativesInformedBy: plan.representativesInformedBy,
    objectionBy: addDays(t, -1),
    claimsWindowEnds: addMonths(t, 3),
    pensionElectionEnds: addMonths(t, 12),
  };
}

export const TransferScope = z.enum(['in-scope', 'not-in-scope', 'under-review']);
export type TransferScope = z.infer<typeof TransferScope>;

/** TUPE reg 2: assigned to the organised grouping that transfers (not merely temporarily). */
export const Assignment = z.enum(['not-assessed', 'assigned', 'not-assigned', 'disputed']);
export type Assignment = z.infer<typeof Assignment>;

/** Who the employer informs and consults for this person (reg 13–14). */
export const Representation = z.enum(['unison', 'gmb', 'unite', 'elected', 'none']);
export type Representation = z.infer<typeof Representation>;

export const representationName: Record<Representation, string> = {
  unison: 'UNISON',
  gmb: 'GMB',
  unite: 'Unite',
  elected: 'Elected representatives',
  none: 'No representative',
};

/** Employee liability information, TUPE reg 11(2), item by item. */
export const ELI_ITEMS = [
  { id: 'identity', label: 'Identity and age' },
  { id: 'particulars', label: 'Written particulars of employment' },
  { id: 'disciplinary', label: 'Disciplinary and grievance cases in the last two years' },
  { id: 'claims', label: 'Claims in the last two years or expected' },
  { id: 'collective', label: 'Collective agreements' },
] as const;
export type EliItemId = (typeof ELI_ITEMS)[number]['id'];

export const EliSent = z.object({
  identity: IsoDate.optional(),
  particulars: IsoDate.optional(),
  disciplinary: IsoDate.optional(),
  claims: IsoDate.optional(),
  collective: IsoDate.optional(),
});
export type EliSent = z.infer<typeof EliSent>;

export const TransferOutcome = z.enum(['pending', 'transferred', 'not-transferring', 'withdrawn']);
export type TransferOutcome = z.infer<typeof TransferOutcome>;

export const PersonTransfer = z.object({
  planId: z.string().min(1),
  scope: TransferScope.default('under-review'),
  notInScopeReason: z.string().max(500).optional(),
  assignment: Assignment.default('not-assessed'),
  assignmentBasis: z.string().max(1000).optional(),
  /** Affected employees include staff who do not transfer but whose work changes (reg 13). */
  affected: z.boolean().default(true),
  representation: Representation.default('none'),
  eliSent: EliSent.default({}),
  informed: IsoDate.optional(),
  letterSent: IsoDate.optional(),
  meetingHeld: IsoDate.optional(),
  /** Reg 4(7): objecting ends the contract at the transfer; it is not a dismissal. */
  objection: IsoDate.optional(),
  objectionWithdrawn: IsoDate.optional(),
  /** Reg 4(9): a claim that the transfer would be a substantial change to the employee's material detriment. */
  substantialChangeClaim: IsoDate.optional(),
  outcome: TransferOutcome.default('pending'),
  outcomeDate: IsoDate.optional(),
});
export type PersonTransfer = z.infer<typeof PersonTransfer>;

export const transferScopeName: Record<TransferScope, string> = {
  'in-scope': 'In scope',
  'not-in-scope': 'Not in scope',
  'under-review': 'Under review',
};

export const assignmentName: Record<Assignment, string> = {
  'not-assessed': 'Not assessed',
  assigned: 'Assigned',
  'not-assigned': 'Not assigned',
  disputed: 'Disputed',
};

export const outcomeName: Record<TransferOutcome, string> = {
  pending: 'Pending',
  transferred: 'Transferred',
  'not-transferring': 'Not transferring',
  withdrawn: 'Withdrawn',
};

export function hasOpenObjection(t: PersonTransfer): boolean {
  return Boolean(t.objection) && !t.objectionWithdrawn;
}
