import { describe, expect, it } from 'vitest';
import { StaffRecord, type StaffRecordInput, type TransferPlan } from '../../../lib/domain';
import { parseRoute } from '../../../lib/views/route';
import { buildRegisterRows } from '../../../lib/views/register-rows';
import {
  DEFAULT_COLUMNS,
  cellText,
  consultationFileName,
  consultationHref,
  describeFilters,
  filterConsultation,
  groupByRepresentation,
  parseConsultation,
} from '../../../entrypoints/options/pages/consultation-filter';

const plan: TransferPlan = {
  id: 'fwd',
  name: 'Transfer to Camden',
  legalBasis: 'TUPE',
  transferors: ['haringey', 'islington'],
  transferee: 'camden',
  transferDate: '2018-04-01',
};

function person(over: StaffRecordInput & { rep?: 'unison' | 'gmb' | 'unite' | 'elected' | 'none' }) {
  const { rep, ...rest } = over;
  return StaffRecord.parse({
    forename: 'Test',
    transfers: rep ? [{ planId: 'fwd', scope: 'in-scope', representation: rep }] : [],
    ...rest,
  });
}

const records = [
  person({
    council: 'haringey',
    employeeNumber: 'H1',
    surname: 'Zed',
    rep: 'unison',
    tomFunction: 'common-infrastructure',
    team: 'Networks',
  }),
  person({
    council: 'haringey',
    employeeNumber: 'H2',
    surname: 'Able',
    rep: 'gmb',
    tomFunction: 'digital-change',
    lineManager: 'haringey:H1',
  }),
  person({
    council: 'islington',
    employeeNumber: 'I1',
    surname: 'Moss',
    rep: 'unison',
    tomFunction: 'common-infrastructure',
  }),
  person({ council: 'camden', employeeNumber: 'C1', surname: 'Host' }),
];
const rows = buildRegisterRows(records, { plan, today: '2018-02-23', atRiskDays: 14 });

function view(hash: string) {
  const route = parseRoute(hash);
  if (route.page !== 'consultation') throw new Error(`not the consultation page: ${hash}`);
  return parseConsultation(route.params);
}

describe('consultation filters in the hash', () => {
  it('round-trip the register filters plus representation and columns', () => {
    const href = consultationHref(
      { council: ['haringey'], tom: ['common-infrastructure'], rep: ['unison', 'gmb'], scope: ['in-scope'] },
      ['name', 'council'],
    );
    expect(href).toBe(
      '#/consultation?council=haringey&scope=in-scope&tom=common-infrastructure&rep=unison&rep=gmb&cols=name%2Ccouncil',
    );
    const { filters, columns } = view(href);
    expect(filters.council).toEqual(['haringey']);
    expect(filters.rep).toEqual(['unison', 'gmb']);
    expect(columns).toEqual(['name', 'council']);
  });

  it('accepts a register link as it is (its filters, default columns) and drops unknown values', () => {
    const { filters, columns } = view('#/consultation?council=islington&readiness=blocked&rep=bogus&cols=name,nope');
    expect(filters.council).toEqual(['islington']);
    expect(filters.readiness).toEqual(['blocked']);
    expect(filters.rep).toEqual([]);
    expect(columns).toEqual(['name']);
    expect(view('#/consultation').columns).toEqual(DEFAULT_COLUMNS);
    expect(consultationHref({}, DEFAULT_COLUMNS)).toBe('#/consultation');
  });
});

describe('filterConsultation and groups', () => {
  it('applies the register filters and representation, sorted by name', () => {
    const all = view('#/consultation?council=haringey&council=islington').filters;
    expect(filterConsultation(rows, all, plan).map((r) => r.key)).toEqual([
      'haringey:H2',
      'islington:I1',
      'haringey:H1',
    ]);
    const unison = view('#/consultation?rep=unison&tom=common-infrastructure').filters;
    expect(filterConsultation(rows, unison, plan).map((r) => r.key)).toEqual(['islington:I1', 'haringey:H1']);
    const none = view('#/consultation?rep=none').filters;
    expect(filterConsultation(rows, none, plan).map((r) => r.key)).toEqual(['camden:C1']);
  });

  it('groups one list per representative group, unions first', () => {
    const groups = groupByRepresentation(rows);
    expect(groups.map((g) => [g.title, g.rows.length])).toEqual([
      ['UNISON', 2],
      ['GMB', 1],
      ['No representative', 1],
    ]);
  });
});

describe('file name, description and cells', () => {
  it('names the file after the council, function, group and date', () => {
    const f = view('#/consultation?council=haringey').filters;
    expect(consultationFileName(f, '2018-02-23')).toBe('consultation-haringey-2018-02-23.csv');
    const g = view('#/consultation?council=islington&council=haringey&tom=common-infrastructure&rep=unison').filters;
    expect(consultationFileName(g, '2018-02-23')).toBe(
      'consultation-haringey-islington-common-infrastructure-unison-2018-02-23.csv',
    );
    expect(consultationFileName(view('#/consultation').filters, '2018-02-23')).toBe(
      'consultation-all-councils-2018-02-23.csv',
    );
  });

  it('describes the list in plain words', () => {
    const f = view('#/consultation?council=haringey&scope=in-scope&tom=common-infrastructure&rep=unison').filters;
    expect(describeFilters(f)).toBe('Haringey, in scope, Common Infrastructure, UNISON');
    expect(describeFilters(view('#/consultation?manager=haringey:H1').filters, 'Test Zed')).toBe(
      'All councils, reporting to Test Zed',
    );
  });

  it('writes cells in plain words, with the manager by name', () => {
    const names = new Map(rows.map((r) => [r.key as string, `${r.record.forename} ${r.record.surname}`]));
    const able = rows.find((r) => r.key === 'haringey:H2')!;
    expect(cellText(able, 'manager', names)).toBe('Test Zed');
    expect(cellText(able, 'representation', names)).toBe('GMB');
    expect(cellText(able, 'scope', names)).toBe('In scope');
    expect(cellText(able, 'council', names)).toBe('Haringey');
    expect(
      cellText(
        rows.find((r) => r.key === 'camden:C1')!,
        'scope',
        names,
      ),
    ).toBe('Not recorded');
  });
});
