import { z } from 'zod';
import { IsoDate } from './dates';

/** The Local Government Pension Scheme (LGPS) checklist an HR officer works through for each person. */
export const PENSION_ITEMS = [
  { id: 'fund-confirmed', label: 'Current fund, membership number and section (main or 50/50) confirmed' },
  { id: 'pay-reassessed', label: 'Pensionable pay and contribution band to be reassessed by Camden from day one' },
  { id: 'final-salary-link', label: 'Pre-2014 final-salary link recorded, with any protection for a pay cut' },
  { id: 'rule-of-85', label: '"Rule of 85" protection flagged where it applies' },
  { id: 'mccloud', label: 'McCloud underpin checked (in the scheme before 1 April 2012, no disqualifying gap)' },
  { id: 'combine-letter', label: 'Letter about combining pension records sent (member has 12 months to elect)' },
  {
    id: 'avcs',
    label: 'Additional voluntary contributions (AVCs) identified and moved, salary sacrifice set up again',
  },
  { id: 'additional-pension', label: 'Additional pension and added-years contracts continued' },
  { id: 'death-grant', label: 'Death-grant expression of wish and partner nomination re-lodged with Camden fund' },
  { id: 'continuous-service', label: 'Continuous service date confirmed' },
  { id: 'ill-health', label: 'Ill-health: pending application or long-term absence flagged' },
  { id: 'bulk-transfer', label: 'Included in the fund-to-fund bulk transfer (LGPS Regulations 2013 reg 103)' },
] as const;

export const PensionItemId = z.enum(PENSION_ITEMS.map((i) => i.id) as [string, ...string[]]);
export type PensionItemId = (typeof PENSION_ITEMS)[number]['id'];

/** For Camden employees staying in the Camden fund these items do not apply (DOMAIN.md). */
export const CAMDEN_NOT_APPLICABLE: readonly PensionItemId[] = [
  'pay-reassessed',
  'combine-letter',
  'avcs',
  'death-grant',
  'bulk-transfer',
];

export const PensionItemState = z.enum(['todo', 'done', 'not-applicable']);
export type PensionItemState = z.infer<typeof PensionItemState>;

export const PensionItem = z.object({
  state: PensionItemState.default('todo'),
  date: IsoDate.optional(),
  note: z.string().max(2000).optional(),
});
export type PensionItem = z.infer<typeof PensionItem>;

export const PensionSection = z.enum(['main', '50-50', 'opted-out', 'not-eligible']);
export type PensionSection = z.infer<typeof PensionSection>;

export const Pension = z.object({
  membershipNumber: z.string().max(50).optional(),
  section: PensionSection.optional(),
  items: z.partialRecord(PensionItemId, PensionItem).default({}),
});
export type Pension = z.infer<typeof Pension>;

export function pensionItemLabel(id: PensionItemId): string {
  return PENSION_ITEMS.find((i) => i.id === id)?.label ?? id;
}

/** The state of an item, defaulting to "to do" (or "not applicable" for Camden's own fund members). */
export function pensionItemState(pension: Pension, id: PensionItemId, isCamden: boolean): PensionItemState {
  const explicit = pension.items[id]?.state;
  if (explicit) return explicit;
  return isCamden && CAMDEN_NOT_APPLICABLE.includes(id) ? 'not-applicable' : 'todo';
}

export function pensionOutstanding(pension: Pension, isCamden: boolean): PensionItemId[] {
  return PENSION_ITEMS.map((i) => i.id).filter((id) => pensionItemState(pension, id, isCamden) === 'todo');
}
