import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, Settings } from '../../../lib/domain';
import {
  newPlanForm,
  parseWholeNumber,
  planFromForm,
  planIdFromName,
  planToForm,
  syncScheduleText,
  withPlan,
} from '../../../entrypoints/options/pages/settings-form';

const valid = { ...newPlanForm([]), transferDate: '2018-04-01', measuresLetterDate: '2018-02-01' };

describe('plan form', () => {
  it('turns a filled form into a checked plan, leaving empty optional dates out', () => {
    const r = planFromForm(valid);
    expect(r).toEqual({
      ok: true,
      plan: {
        id: 'transfer-to-camden',
        name: 'Transfer to Camden',
        legalBasis: 'TUPE',
        transferors: ['haringey', 'islington'],
        transferee: 'camden',
        transferDate: '2018-04-01',
        measuresLetterDate: '2018-02-01',
      },
    });
    if (r.ok) expect(planToForm(r.plan)).toEqual({ ...valid, representativesInformedBy: '' });
  });

  it('explains each problem against its field', () => {
    const r = planFromForm({
      ...valid,
      name: ' ',
      transferDate: '',
      transferors: ['camden'],
      representativesInformedBy: '2018-02-30',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.name).toBe('Enter a name for the plan');
    expect(r.errors.transferDate).toBe('Enter the transfer date, like 2018-04-01');
    expect(r.errors.transferors).toMatch(/cannot also be one they transfer from/);
    expect(r.errors.representativesInformedBy).toBe('This date does not exist');
  });

  it('refuses dates on or after the transfer for the letter and informing target', () => {
    const r = planFromForm({ ...valid, measuresLetterDate: '2018-04-01', representativesInformedBy: '2018-05-01' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(['measuresLetterDate', 'representativesInformedBy']);
  });

  it('makes unique plan ids from names', () => {
    expect(planIdFromName('Return to home boroughs (Dec 2018)', [])).toBe('return-to-home-boroughs-dec-2018');
    expect(planIdFromName('Transfer to Camden', ['transfer-to-camden'])).toBe('transfer-to-camden-2');
    expect(planIdFromName('!!!', [])).toBe('plan');
    expect(newPlanForm(['transfer-to-camden']).id).toBe('transfer-to-camden-2');
  });
});

describe('withPlan', () => {
  it('adds a plan (active when it is the first), and replaces by id', () => {
    const r = planFromForm(valid);
    if (!r.ok) throw new Error('plan should be valid');
    const one = withPlan(DEFAULT_SETTINGS, r.plan, false);
    expect(one.plans).toHaveLength(1);
    expect(one.activePlanId).toBe('transfer-to-camden');
    const renamed = withPlan(one, { ...r.plan, name: 'Forward plan' }, false);
    expect(renamed.plans.map((p) => p.name)).toEqual(['Forward plan']);
    const second = withPlan(renamed, { ...r.plan, id: 'reverse', name: 'Reverse' }, false);
    expect(second.activePlanId).toBe('transfer-to-camden');
    expect(withPlan(second, second.plans[1]!, true).activePlanId).toBe('reverse');
    expect(Settings.safeParse(second).success).toBe(true);
  });
});

describe('number and schedule helpers', () => {
  it('accepts whole numbers in range only', () => {
    expect(parseWholeNumber(' 14 ', 1, 365)).toBe(14);
    expect(parseWholeNumber('0', 1, 365)).toBeUndefined();
    expect(parseWholeNumber('1.5', 0, 10)).toBeUndefined();
    expect(parseWholeNumber('-3', 0, 10)).toBeUndefined();
    expect(parseWholeNumber('', 0, 10)).toBeUndefined();
  });

  it('describes the sync schedule', () => {
    expect(syncScheduleText(0)).toBe('Only when you press "Sync now"');
    expect(syncScheduleText(60)).toBe('Every hour');
    expect(syncScheduleText(180)).toBe('Every 3 hours');
    expect(syncScheduleText(1440)).toBe('Every day');
    expect(syncScheduleText(45)).toBe('Every 45 minutes');
  });
});
