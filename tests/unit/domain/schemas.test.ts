import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  EmployeeNumber,
  IsoDate,
  Pension,
  PersonTransfer,
  Settings,
  StaffKeySchema,
  StaffRecord,
  TransferPlan,
  activePlan,
  addMonths,
  parseCouncil,
  parseStaffKey,
  parseTomFunction,
  pensionItemState,
  pensionOutstanding,
  planDeadlines,
  s113Status,
} from '../../../lib/domain';

const firstMessage = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.success ? undefined : r.error?.issues[0]?.message;

describe('IsoDate', () => {
  it.each(['2018-04-01', '2016-02-29'])('accepts %s', (d) => expect(IsoDate.safeParse(d).success).toBe(true));
  it('rejects other formats with a plain message', () => {
    expect(firstMessage(IsoDate.safeParse('01/04/2018'))).toBe('Use a date like 2018-04-01');
  });
  it.each(['2018-02-29', '2018-13-01', '2018-04-31'])('rejects the impossible date %s', (d) => {
    expect(firstMessage(IsoDate.safeParse(d))).toBe('This date does not exist');
  });
});

describe('StaffRecord', () => {
  it('fills defaults so a minimal row is a full record', () => {
    const r = StaffRecord.parse({ council: 'islington', employeeNumber: '700001' });
    expect(r).toMatchObject({
      forename: '',
      surname: '',
      otherSpellings: [],
      emails: [],
      vacant: false,
      s113: { placed: false },
      transfers: [],
      pension: { items: {} },
      inLatestRoster: true,
      localEdits: {},
      history: [],
    });
  });

  it('trims the employee number and names', () => {
    const r = StaffRecord.parse({ council: 'camden', employeeNumber: ' C1 ', forename: ' Ann ' });
    expect(r.employeeNumber).toBe('C1');
    expect(r.forename).toBe('Ann');
  });

  it.each([
    ['', 'Employee number is missing'],
    ['12 34', 'Employee number must not contain spaces or colons'],
    ['a:b', 'Employee number must not contain spaces or colons'],
  ])('rejects employee number %j', (n, message) => {
    expect(firstMessage(EmployeeNumber.safeParse(n))).toBe(message);
  });

  it('rejects an unknown council, a bad e-mail and an implausible FTE', () => {
    expect(StaffRecord.safeParse({ council: 'hackney', employeeNumber: '1' }).success).toBe(false);
    expect(firstMessage(StaffRecord.safeParse({ council: 'camden', employeeNumber: '1', emails: ['nope'] }))).toBe(
      'Not an e-mail address',
    );
    expect(firstMessage(StaffRecord.safeParse({ council: 'camden', employeeNumber: '1', fte: 2 }))).toBe(
      'FTE above 1.5 is not plausible',
    );
    expect(firstMessage(StaffRecord.safeParse({ council: 'camden', employeeNumber: '1', fte: -1 }))).toBe(
      'FTE cannot be negative',
    );
  });

  it('reports errors with the path of the field, for messages next to it', () => {
    const r = StaffRecord.safeParse({
      council: 'haringey',
      employeeNumber: 'H1',
      s113: { noticeIssued: '2018-02-30' },
      transfers: [{ planId: 'p', eliSent: { identity: 'soon' } }],
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('s113.noticeIssued');
    expect(paths).toContain('transfers.0.eliSent.identity');
  });

  it('accepts a line manager only as a staff key', () => {
    expect(StaffRecord.safeParse({ council: 'camden', employeeNumber: '1', lineManager: 'islington:7' }).success).toBe(
      true,
    );
    expect(StaffRecord.safeParse({ council: 'camden', employeeNumber: '1', lineManager: 'Jo Bloggs' }).success).toBe(
      false,
    );
  });
});

describe('staff keys', () => {
  it('round-trips council and number', () => {
    expect(parseStaffKey('haringey:H21684')).toEqual({ council: 'haringey', employeeNumber: 'H21684' });
    expect(parseStaffKey('nowhere:1')).toBeUndefined();
    expect(StaffKeySchema.safeParse('camden:C 1').success).toBe(false);
  });
});

describe('PersonTransfer', () => {
  it('defaults to under review, not assessed, affected, no representative, pending', () => {
    expect(PersonTransfer.parse({ planId: 'p' })).toEqual({
      planId: 'p',
      scope: 'under-review',
      assignment: 'not-assessed',
      affected: true,
      representation: 'none',
      eliSent: {},
      outcome: 'pending',
    });
  });
  it('rejects an unknown scope or representation', () => {
    expect(PersonTransfer.safeParse({ planId: 'p', scope: 'maybe' }).success).toBe(false);
    expect(PersonTransfer.safeParse({ planId: 'p', representation: 'rmt' }).success).toBe(false);
  });
});

describe('TransferPlan and its deadlines', () => {
  const plan = TransferPlan.parse({
    id: 'camden-tupe',
    name: 'Transfer to Camden',
    legalBasis: 'TUPE',
    transferors: ['haringey', 'islington'],
    transferee: 'camden',
    transferDate: '2018-04-01',
  });

  it('derives ELI due T − 28, objection before T, claims T + 3 months, pension election T + 12 months', () => {
    expect(planDeadlines(plan)).toEqual({
      eliDue: '2018-03-04',
      representativesInformedBy: undefined,
      objectionBy: '2018-03-31',
      claimsWindowEnds: '2018-07-01',
      pensionElectionEnds: '2019-04-01',
    });
  });

  it('clamps month arithmetic to the end of a short month', () => {
    expect(addMonths('2018-01-31', 1)).toBe('2018-02-28');
  });

  it('rejects a plan id with capitals or spaces, an unknown legal basis and no transferor', () => {
    expect(TransferPlan.safeParse({ ...plan, id: 'Camden TUPE' }).success).toBe(false);
    expect(TransferPlan.safeParse({ ...plan, legalBasis: 'TUPE 2014' }).success).toBe(false);
    expect(TransferPlan.safeParse({ ...plan, transferors: [] }).success).toBe(false);
  });
});

describe('Section 113 status', () => {
  it.each([
    [{ placed: false }, 'not-issued'],
    [{ placed: true, noticeIssued: '2016-10-01' }, 'issued'],
    [{ placed: true, noticeIssued: '2016-10-01', confirmedContinuing: '2017-10-01' }, 'confirmed'],
    [{ placed: true, confirmedContinuing: '2017-10-01', ended: '2018-12-31' }, 'ended'],
  ] as const)('%j is %s', (s, status) => expect(s113Status(s)).toBe(status));
});

describe('Pension', () => {
  it('rejects an unknown item state', () => {
    expect(Pension.safeParse({ items: { mccloud: { state: 'maybe' } } }).success).toBe(false);
  });
  it('defaults Camden members’ fund-move items to not applicable, and only theirs', () => {
    const p = Pension.parse({});
    expect(pensionItemState(p, 'bulk-transfer', true)).toBe('not-applicable');
    expect(pensionItemState(p, 'bulk-transfer', false)).toBe('todo');
    expect(pensionOutstanding(p, true)).toHaveLength(7);
    expect(pensionOutstanding(p, false)).toHaveLength(12);
  });
  it('an explicit state wins over the default', () => {
    const p = Pension.parse({ items: { 'bulk-transfer': { state: 'done', date: '2018-04-02' } } });
    expect(pensionItemState(p, 'bulk-transfer', true)).toBe('done');
  });
});

describe('Settings', () => {
  it('has safe defaults: no plan, 14 days at risk, no sync', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      version: 1,
      plans: [],
      atRiskDays: 14,
      csvUrl: '',
      syncEveryMinutes: 0,
      autoApplySync: false,
    });
    expect(activePlan(DEFAULT_SETTINGS)).toBeUndefined();
  });
  it('checks the at-risk days and the CSV address', () => {
    expect(Settings.safeParse({ atRiskDays: 0 }).success).toBe(false);
    expect(Settings.safeParse({ atRiskDays: 1.5 }).success).toBe(false);
    expect(Settings.safeParse({ csvUrl: 'file:///c:/hr.csv' }).success).toBe(false);
    expect(Settings.safeParse({ csvUrl: 'https://intranet.example/hr.csv' }).success).toBe(true);
  });
  it('falls back to the first plan when the active id is unknown', () => {
    const plan = {
      id: 'a',
      name: 'A',
      legalBasis: 'COSOP',
      transferors: ['islington'],
      transferee: 'camden',
      transferDate: '2018-04-01',
    };
    const s = Settings.parse({ plans: [plan], activePlanId: 'gone' });
    expect(activePlan(s)?.id).toBe('a');
  });
});

describe('lenient parsers for HR exports', () => {
  it.each([
    ['London Borough of Camden', 'camden'],
    ['LBH', 'haringey'],
    ['  Islington ', 'islington'],
    ['Hackney', undefined],
  ])('parseCouncil(%j)', (text, council) => expect(parseCouncil(text)).toBe(council));
  it.each([
    ['Common Interface', 'common-infrastructure'],
    ['Strategy & Architecture', 'strategy-architecture'],
    ['Application Support', 'application-support'],
    ['Schools Services', undefined],
  ])('parseTomFunction(%j)', (text, fn) => expect(parseTomFunction(text)).toBe(fn));
});
