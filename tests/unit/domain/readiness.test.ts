import { describe, expect, it } from 'vitest';
import {
  PENSION_ITEMS,
  StaffRecord,
  assessReadiness,
  type StaffRecordInput,
  type TransferPlan,
  type BlockerCode,
} from '../../../lib/domain';

// T = 1 April 2018, so the ELI deadline (T − 28) is 4 March 2018; "today" is 23 February: 9 days before it.
const plan: TransferPlan = {
  id: 'camden-tupe',
  name: 'Transfer to Camden',
  legalBasis: 'TUPE',
  transferors: ['haringey', 'islington'],
  transferee: 'camden',
  transferDate: '2018-04-01',
  representativesInformedBy: '2018-03-01',
};
const TODAY = '2018-02-23';
const AT_RISK = 14;

const allPensionDone = Object.fromEntries(PENSION_ITEMS.map((i) => [i.id, { state: 'done', date: '2018-02-01' }]));
const eliOnTime = {
  identity: '2018-02-01',
  particulars: '2018-02-01',
  disciplinary: '2018-02-01',
  claims: '2018-02-01',
  collective: '2018-02-01',
};

/** A Haringey officer with every step done: ready. Tests take one step away at a time. */
function readyPerson(overrides: Partial<StaffRecordInput> = {}, transfer: Record<string, unknown> = {}) {
  return StaffRecord.parse({
    council: 'haringey',
    employeeNumber: 'H1',
    forename: 'Test',
    surname: 'Person',
    tomFunction: 'common-infrastructure',
    s113: { placed: true, noticeIssued: '2016-10-01', confirmedContinuing: '2017-10-01' },
    pension: { items: allPensionDone },
    transfers: [
      {
        planId: plan.id,
        scope: 'in-scope',
        assignment: 'assigned',
        representation: 'unison',
        eliSent: eliOnTime,
        informed: '2018-02-10',
        ...transfer,
      },
    ],
    ...overrides,
  });
}

const codes = (r: StaffRecord, today = TODAY, atRisk = AT_RISK) =>
  assessReadiness(r, plan, today, atRisk).blockers.map((b) => b.code);

describe('assessReadiness', () => {
  it('is ready when every rule in DOMAIN.md is met', () => {
    const r = assessReadiness(readyPerson(), plan, TODAY, AT_RISK);
    expect(r).toEqual({ state: 'ready', blockers: [] });
  });

  it('accepts Section 113 ended as well as confirmed', () => {
    const r = readyPerson({ s113: { placed: true, noticeIssued: '2016-10-01', ended: '2018-01-31' } });
    expect(assessReadiness(r, plan, TODAY, AT_RISK).state).toBe('ready');
  });

  it.each<[string, StaffRecord, BlockerCode]>([
    [
      'Section 113 only issued',
      readyPerson({ s113: { placed: true, noticeIssued: '2016-10-01' } }),
      's113-not-confirmed',
    ],
    ['Section 113 never issued', readyPerson({ s113: { placed: false } }), 's113-not-confirmed'],
    ['assignment not assessed', readyPerson({}, { assignment: 'not-assessed' }), 'assignment-not-confirmed'],
    ['assignment not assigned', readyPerson({}, { assignment: 'not-assigned' }), 'assignment-not-confirmed'],
    ['assignment disputed', readyPerson({}, { assignment: 'disputed' }), 'assignment-disputed'],
    ['no ELI sent', readyPerson({}, { eliSent: {} }), 'eli-not-sent'],
    ['one ELI item missing', readyPerson({}, { eliSent: { ...eliOnTime, collective: undefined } }), 'eli-not-sent'],
    ['not informed', readyPerson({}, { informed: undefined }), 'not-informed'],
    ['open objection', readyPerson({}, { objection: '2018-02-15' }), 'open-objection'],
    ['no TOM function', readyPerson({ tomFunction: undefined }), 'no-tom-function'],
    [
      'a pension item to do',
      readyPerson({ pension: { items: { ...allPensionDone, mccloud: { state: 'todo' } } } }),
      'pension-outstanding',
    ],
  ])('lists the blocker when %s', (_what, record, code) => {
    expect(codes(record)).toEqual([code]);
  });

  it('names the missing ELI items and the due date in plain words', () => {
    const r = readyPerson({}, { eliSent: { ...eliOnTime, collective: undefined } });
    const [b] = assessReadiness(r, plan, TODAY, AT_RISK).blockers;
    expect(b?.text).toBe('Employee liability information missing: collective agreements — due 4 March, in 9 days');
    expect(b?.due).toBe('2018-03-04');
  });

  it('counts "not applicable" pension items as done, and Camden defaults do not excuse a transferring person', () => {
    const items = { ...allPensionDone, 'bulk-transfer': { state: 'not-applicable' as const } };
    expect(codes(readyPerson({ pension: { items } }))).toEqual([]);
    // With no item recorded, a Haringey person has all twelve to do (Camden's not-applicable list does not apply).
    const r = assessReadiness(readyPerson({ pension: { items: {} } }), plan, TODAY, AT_RISK);
    expect(r.blockers[0]?.text).toMatch(/^Pension checklist: 12 items to do/);
  });

  describe('at risk threshold', () => {
    const eliMissing = readyPerson({}, { eliSent: {} }); // due 4 March: 9 days after TODAY
    it('is at risk when a deadline is less than N days away and nothing is overdue', () => {
      expect(assessReadiness(eliMissing, plan, TODAY, 14).state).toBe('at-risk');
      expect(assessReadiness(eliMissing, plan, TODAY, 10).state).toBe('at-risk');
    });
    it('is blocked, not at risk, when the nearest deadline is exactly N days away or further', () => {
      expect(assessReadiness(eliMissing, plan, TODAY, 9).state).toBe('blocked');
      expect(assessReadiness(eliMissing, plan, TODAY, 5).state).toBe('blocked');
    });
    it('is blocked once the deadline has passed', () => {
      const r = assessReadiness(eliMissing, plan, '2018-03-05', 14);
      expect(r.state).toBe('blocked');
      expect(r.blockers[0]?.text).toBe('Employee liability information not sent — was due 4 March, yesterday');
    });
    it('is at risk on the due date itself', () => {
      expect(assessReadiness(eliMissing, plan, '2018-03-04', 14).state).toBe('at-risk');
    });
    it('measures "not informed" against the plan’s target date, else the ELI date', () => {
      const r = readyPerson({}, { informed: undefined });
      expect(assessReadiness(r, plan, TODAY, AT_RISK).blockers[0]?.due).toBe('2018-03-01');
      const noTarget = { ...plan, representativesInformedBy: undefined };
      expect(assessReadiness(r, noTarget, TODAY, AT_RISK).blockers[0]?.due).toBe('2018-03-04');
    });
  });

  describe('late ELI', () => {
    it('accepts items sent on the deadline day (T − 28)', () => {
      const r = readyPerson({}, { eliSent: { ...eliOnTime, claims: '2018-03-04' } });
      expect(codes(r)).toEqual([]);
    });
    it('flags an item sent after the deadline and blocks (it cannot be put right)', () => {
      const r = readyPerson({}, { eliSent: { ...eliOnTime, claims: '2018-03-05' } });
      const a = assessReadiness(r, plan, '2018-03-06', AT_RISK);
      expect(a.blockers.map((b) => b.code)).toEqual(['eli-late']);
      expect(a.blockers[0]?.text).toContain('TUPE reg 11(6)');
      expect(a.state).toBe('blocked');
    });
  });

  describe('objection', () => {
    it('blocks whatever the dates (a structural blocker has no deadline)', () => {
      const r = readyPerson({}, { objection: '2018-02-15' });
      const a = assessReadiness(r, plan, TODAY, 365);
      expect(a.state).toBe('blocked');
      expect(a.blockers[0]?.text).toBe('Objected to the transfer on 15 February (TUPE reg 4(7))');
    });
    it('no longer blocks once withdrawn', () => {
      expect(codes(readyPerson({}, { objection: '2018-02-15', objectionWithdrawn: '2018-02-20' }))).toEqual([]);
    });
  });

  describe('not applicable', () => {
    it('Camden staff: the host employer does not transfer its own staff', () => {
      const r = readyPerson({ council: 'camden', employeeNumber: 'C1' });
      const a = assessReadiness(r, plan, TODAY, AT_RISK);
      expect(a.state).toBe('not-applicable');
      expect(a.reason).toBe('No transfer: Camden is the host employer');
      expect(a.blockers).toEqual([]);
    });
    it('a council that is not a transferor in this plan', () => {
      const a = assessReadiness(readyPerson(), { ...plan, transferors: ['islington'] }, TODAY, AT_RISK);
      expect(a).toMatchObject({ state: 'not-applicable', reason: 'Haringey is not transferring staff in this plan' });
    });
    it('out of scope, with the recorded reason', () => {
      const r = readyPerson({}, { scope: 'not-in-scope', notInScopeReason: 'Not assigned to ICT' });
      expect(assessReadiness(r, plan, TODAY, AT_RISK)).toMatchObject({
        state: 'not-applicable',
        reason: 'Not assigned to ICT',
      });
    });
    it('no transfer record for the plan', () => {
      const r = readyPerson({ transfers: [] });
      expect(assessReadiness(r, plan, TODAY, AT_RISK).state).toBe('not-applicable');
    });
    it('a vacant post', () => {
      expect(assessReadiness(readyPerson({ vacant: true }), plan, TODAY, AT_RISK).reason).toBe('Vacant post');
    });
    it('withdrawn or not transferring', () => {
      expect(assessReadiness(readyPerson({}, { outcome: 'withdrawn' }), plan, TODAY, AT_RISK).state).toBe(
        'not-applicable',
      );
      expect(assessReadiness(readyPerson({}, { outcome: 'not-transferring' }), plan, TODAY, AT_RISK).reason).toBe(
        'Not transferring',
      );
    });
  });

  it('under review still counts: the person may transfer, so their steps are tracked', () => {
    const r = readyPerson({}, { scope: 'under-review', assignment: 'not-assessed' });
    expect(assessReadiness(r, plan, TODAY, AT_RISK).state).not.toBe('not-applicable');
  });

  it('a transferred person is ready whatever steps are left', () => {
    const r = readyPerson(
      { tomFunction: undefined },
      { outcome: 'transferred', outcomeDate: '2018-04-01', eliSent: {} },
    );
    expect(assessReadiness(r, plan, '2018-05-01', AT_RISK)).toEqual({
      state: 'ready',
      blockers: [],
      reason: 'Transferred',
    });
  });

  it('lists several blockers in a fixed order', () => {
    const r = readyPerson(
      { tomFunction: undefined, s113: { placed: false } },
      { eliSent: {}, informed: undefined, assignment: 'disputed' },
    );
    expect(codes(r)).toEqual([
      's113-not-confirmed',
      'assignment-disputed',
      'eli-not-sent',
      'not-informed',
      'no-tom-function',
    ]);
  });
});
