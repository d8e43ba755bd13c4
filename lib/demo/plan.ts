import type { Settings, TransferPlan } from '../domain';

/** "Today" in the demo, fixed so readiness comes out the same on any day. */
export const DEMO_TODAY = '2018-02-23';

/** The Haringey and Islington staff transfer to Camden as host authority (DOMAIN.md). */
export const DEMO_PLAN: TransferPlan = {
  id: 'camden-tupe',
  name: 'Transfer to Camden (TUPE)',
  legalBasis: 'TUPE',
  transferors: ['haringey', 'islington'],
  transferee: 'camden',
  transferDate: '2018-04-01',
  measuresLetterDate: '2018-02-01',
  representativesInformedBy: '2018-03-01',
};

export const DEMO_AT_RISK_DAYS = 14;

/** Settings the demo loads alongside its staff file. */
export const DEMO_SETTINGS: Partial<Settings> = {
  userName: 'Demo HR officer',
  plans: [DEMO_PLAN],
  activePlanId: DEMO_PLAN.id,
  atRiskDays: DEMO_AT_RISK_DAYS,
  demoToday: DEMO_TODAY,
};
