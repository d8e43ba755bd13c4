import type { PersonCard, RegisterSummary } from '../../../lib/messaging/protocol';

/** A person card as the background's search answers, for popup tests. */
export function card(over: Partial<PersonCard> = {}): PersonCard {
  return {
    key: 'haringey:H01234',
    name: 'Testy McExample',
    jobTitle: 'Network engineer',
    vacant: false,
    inLatestRoster: true,
    council: 'haringey',
    s113: { status: 'confirmed', text: 'Section 113 confirmed as continuing', date: '2017-11-01' },
    transfer: {
      planId: 'forward',
      planName: 'Delegation to Camden',
      legalBasis: 'TUPE',
      transferee: 'camden',
      transferDate: '2018-04-01',
      scope: 'in-scope',
      outcome: 'pending',
      text: 'Transfers to Camden on 1 April 2018 (TUPE)',
    },
    tom: { function: 'common-infrastructure', functionName: 'Common Infrastructure', team: 'Networks' },
    pension: { outstanding: ['mccloud', 'avcs'], applicable: 12, done: 10 },
    readiness: {
      state: 'blocked',
      blockers: [{ code: 'pension-outstanding', text: 'Pension checklist: 2 items to do' }],
    },
    ...over,
  };
}

/** Readiness counts as the background's getSummary answers, for popup tests. */
export function summary(over: Partial<RegisterSummary> = {}): RegisterSummary {
  return {
    version: 3,
    total: 460,
    damaged: 0,
    notInLatestRoster: 2,
    byCouncil: { camden: 200, haringey: 110, islington: 150 },
    readiness: { ready: 120, 'at-risk': 35, blocked: 105, 'not-applicable': 200 },
    plan: { id: 'forward', name: 'Delegation to Camden', transferDate: '2018-04-01' },
    pendingImports: 0,
    ...over,
  };
}
