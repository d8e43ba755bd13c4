import { describe, expect, it } from 'vitest';
import { keyDates, missesKeyDate } from '../../../lib/views/key-dates';
import { registerHref } from '../../../lib/views/register-filter';
import { countReadiness, rankBlockers, summariseReadiness } from '../../../lib/views/readiness-summary';
import { person, plan, ready, rowsOf } from './fixtures';

const records = [
  ready({ council: 'haringey', employeeNumber: 'H1', tomTeam: 'Networks' }), // ready
  ready({ council: 'haringey', employeeNumber: 'H2', tomTeam: 'Networks' }, { eliSent: {} }), // at risk (ELI, 9 days)
  ready({ council: 'haringey', employeeNumber: 'H3', tomFunction: undefined }, { objection: '2018-02-01' }), // blocked
  ready({ council: 'islington', employeeNumber: 'I1', tomFunction: 'digital-change', tomTeam: 'Research' }), // ready
  // blocked: sent ELI late is structural; not informed (due 1 March, 6 days) too
  ready(
    { council: 'islington', employeeNumber: 'I2', tomFunction: 'digital-change' },
    { eliSent: { identity: '2018-03-10' }, informed: undefined },
  ),
  ready({ council: 'islington', employeeNumber: 'I3' }, { scope: 'not-in-scope' }), // not applicable
  person({ council: 'camden', employeeNumber: 'C1', tomFunction: 'digital-change' }), // host employer
];
const rows = rowsOf(records);

describe('readiness counts', () => {
  it('totals count only people who transfer', () => {
    expect(countReadiness(rows)).toEqual({ ready: 2, atRisk: 1, blocked: 2, total: 5 });
  });

  it('groups by council in a fixed order, leaving out councils with nobody transferring', () => {
    const g = summariseReadiness(rows, 'council');
    expect(g.map((x) => [x.label, x.counts])).toEqual([
      ['Haringey', { ready: 1, atRisk: 1, blocked: 1, total: 3 }],
      ['Islington', { ready: 1, atRisk: 0, blocked: 1, total: 2 }],
    ]);
    expect(registerHref({ ...g[0]!.filter, readiness: ['blocked'] })).toBe(
      '#/register?council=haringey&readiness=blocked',
    );
  });

  it('groups by TOM function, with "no TOM function" last', () => {
    const g = summariseReadiness(rows, 'tomFunction');
    expect(g.map((x) => [x.id, x.counts.total])).toEqual([
      ['digital-change', 2],
      ['common-infrastructure', 2],
      ['none', 1],
    ]);
    expect(g[2]!.label).toBe('No TOM function');
    expect(g[2]!.filter).toEqual({ tom: ['none'] });
  });

  it('groups by TOM team by name, with "no TOM team" last and a filter that finds them', () => {
    const g = summariseReadiness(rows, 'tomTeam');
    expect(g.map((x) => [x.label, x.counts.total])).toEqual([
      ['Networks', 2],
      ['Research', 1],
      ['No TOM team', 2],
    ]);
    expect(g[2]!.filter).toEqual({ tomTeam: [''] });
  });
});

describe('blockers ranked', () => {
  it('counts each person once per blocker and ranks by how many people it holds back', () => {
    expect(rankBlockers(rows).map((b) => [b.code, b.count])).toEqual(
      [
        ['eli-not-sent', 2],
        ['open-objection', 1],
        ['no-tom-function', 1],
        ['eli-late', 1],
        ['not-informed', 1],
      ].sort((a, b) => (b[1] as number) - (a[1] as number) || order(a[0] as string) - order(b[0] as string)),
    );
  });
  it('is empty when everyone is ready', () => {
    expect(rankBlockers(rowsOf([records[0]!]))).toEqual([]);
  });
});

const ORDER = [
  's113-not-confirmed',
  'assignment-not-confirmed',
  'assignment-disputed',
  'eli-not-sent',
  'eli-late',
  'not-informed',
  'open-objection',
  'no-tom-function',
  'pension-outstanding',
];
const order = (c: string) => ORDER.indexOf(c);

describe('key dates', () => {
  it('gives ELI due T − 28, the representatives’ target and go-live, with how many miss each', () => {
    expect(keyDates(rows, plan).map((d) => [d.id, d.date, d.miss])).toEqual([
      ['eli', '2018-03-04', 2],
      ['informed', '2018-03-01', 1],
      ['go-live', '2018-04-01', 3],
    ]);
  });
  it('counts someone informed after the target as missing it', () => {
    const late = rowsOf([
      ready({ council: 'haringey', employeeNumber: 'H9' }, { informed: '2018-03-02', eliSent: {} }),
    ]);
    expect(missesKeyDate(late[0]!, 'informed', plan)).toBe(true);
  });
  it('never counts the host employer’s staff or ready people', () => {
    expect(missesKeyDate(rows[6]!, 'go-live', plan)).toBe(false);
    expect(missesKeyDate(rows[0]!, 'go-live', plan)).toBe(false);
  });
  it('has nothing to show without a plan', () => {
    expect(keyDates(rows, undefined)).toEqual([]);
  });
});
