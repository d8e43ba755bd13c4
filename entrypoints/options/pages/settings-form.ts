import { TransferPlan, type Council, type LegalBasis, type Settings } from '@/lib/domain';

/** Pure helpers for the Settings page: form values in, checked settings (or field errors) out. */

export type FieldErrors = Record<string, string>;

export interface PlanForm {
  id: string;
  name: string;
  legalBasis: LegalBasis;
  transferors: Council[];
  transferee: Council;
  transferDate: string;
  measuresLetterDate: string;
  representativesInformedBy: string;
}

/** One line each, shown next to the choice (the tool helps follow the rules; it does not give legal advice). */
export const legalBasisExplanation: Record<LegalBasis, string> = {
  TUPE: 'TUPE 2006 applies: staff move to the new employer on their existing terms, with information and consultation duties.',
  COSOP:
    'TUPE does not apply to a transfer of administrative functions between public bodies (reg 3(5)); the councils follow TUPE principles under the Cabinet Office Statement of Practice.',
};

/** A plan id from its name: lower-case letters, digits and hyphens, unique among the existing plans. */
export function planIdFromName(name: string, taken: readonly string[]): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'plan';
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}

export function planToForm(plan: TransferPlan): PlanForm {
  return {
    id: plan.id,
    name: plan.name,
    legalBasis: plan.legalBasis,
    transferors: [...plan.transferors],
    transferee: plan.transferee,
    transferDate: plan.transferDate,
    measuresLetterDate: plan.measuresLetterDate ?? '',
    representativesInformedBy: plan.representativesInformedBy ?? '',
  };
}

/** The lean Joint Committee model: Haringey and Islington staff transfer to Camden as host authority. */
export function newPlanForm(taken: readonly string[]): PlanForm {
  return {
    id: planIdFromName('Transfer to Camden', taken),
    name: 'Transfer to Camden',
    legalBasis: 'TUPE',
    transferors: ['haringey', 'islington'],
    transferee: 'camden',
    transferDate: '',
    measuresLetterDate: '',
    representativesInformedBy: '',
  };
}

const PLAN_FIELD_MESSAGES: Record<string, string> = {
  name: 'Enter a name for the plan',
  transferDate: 'Enter the transfer date, like 2018-04-01',
  transferors: 'Choose at least one council whose staff transfer',
};

/** Checks the plan form; dates are ISO (the date inputs give yyyy-mm-dd). */
export function planFromForm(form: PlanForm): { ok: true; plan: TransferPlan } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const transferors = form.transferors.filter((c) => c !== form.transferee);
  if (form.transferors.includes(form.transferee)) {
    errors.transferors = 'The council staff transfer to cannot also be one they transfer from';
  }
  const input = {
    id: form.id,
    name: form.name.trim(),
    legalBasis: form.legalBasis,
    transferors,
    transferee: form.transferee,
    transferDate: form.transferDate,
    ...(form.measuresLetterDate ? { measuresLetterDate: form.measuresLetterDate } : {}),
    ...(form.representativesInformedBy ? { representativesInformedBy: form.representativesInformedBy } : {}),
  };
  const parsed = TransferPlan.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'plan');
      const value: unknown = (input as Record<string, unknown>)[field];
      const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
      errors[field] ??= empty && PLAN_FIELD_MESSAGES[field] ? PLAN_FIELD_MESSAGES[field] : issue.message;
    }
  }
  if (parsed.success && !errors.representativesInformedBy && input.representativesInformedBy) {
    if (input.representativesInformedBy >= input.transferDate) {
      errors.representativesInformedBy = 'Representatives must be informed before the transfer date';
    }
  }
  if (parsed.success && input.measuresLetterDate && input.measuresLetterDate >= input.transferDate) {
    errors.measuresLetterDate = 'The measures letter must come before the transfer date';
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, plan: parsed.data };
}

/** Replaces the plan with the same id, or adds it; the first plan becomes the active one. */
export function withPlan(settings: Settings, plan: TransferPlan, makeActive: boolean): Settings {
  const exists = settings.plans.some((p) => p.id === plan.id);
  const plans = exists ? settings.plans.map((p) => (p.id === plan.id ? plan : p)) : [...settings.plans, plan];
  const activePlanId = makeActive || !settings.activePlanId ? plan.id : settings.activePlanId;
  return { ...settings, plans, activePlanId };
}

/** Whole minutes, 0 (off) to a week; the text of a number input. */
export function parseWholeNumber(text: string, min: number, max: number): number | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return undefined;
  const n = Number(t);
  return n >= min && n <= max ? n : undefined;
}

export function syncScheduleText(minutes: number): string {
  if (minutes === 0) return 'Only when you press "Sync now"';
  if (minutes % 1440 === 0) return minutes === 1440 ? 'Every day' : `Every ${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? 'Every hour' : `Every ${minutes / 60} hours`;
  return `Every ${minutes} minutes`;
}
