import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  byRepresentation,
  consultationColumns,
  consultationFilter,
  exportConsultationList,
  exportRegister,
} from '../../../lib/csv/export';
import { neutraliseFormula, restoreNeutralised } from '../../../lib/csv/formula';
import { readRows } from '../../../lib/csv/read-rows';
import { registerHeaders } from '../../../lib/csv/register-format';
import { type StaffRecord, StaffRecord as Schema, keyOf } from '../../../lib/domain';
import { planImport, resolvePlan } from '../../../lib/register/plan-import';

const PLANS = ['fwd', 'back'];
const NOW = '2018-03-01T09:00:00.000Z';

// All-space optional text counts as absent in the register format (see register-format.ts), so it is not generated
// for optional fields.
const text = fc.oneof(
  fc.constantFrom(
    '',
    'Networks',
    '=SUM(A1:A9)',
    '+44 20 7974 4444',
    '-1',
    '@cmd',
    '\tTabbed',
    "'=already",
    'a, "quoted"\r\nline',
  ),
  fc.string({ maxLength: 12 }),
);
const date = fc.constantFrom(undefined, '2018-04-01', '2017-10-30');

const arbRecord = fc
  .record({
    council: fc.constantFrom('camden', 'haringey', 'islington'),
    n: fc.integer({ min: 1, max: 50 }),
    forename: text,
    surname: text,
    knownAs: fc.option(
      text.filter((t) => t.trim() !== ''),
      { nil: undefined },
    ),
    jobTitle: fc.option(
      text.filter((t) => t.trim() !== ''),
      { nil: undefined },
    ),
    fte: fc.option(fc.constantFrom(0, 0.5, 1, 1.5), { nil: undefined }),
    team: fc.option(fc.constantFrom('Networks', '-Infra', '=x'), { nil: undefined }),
    vacant: fc.boolean(),
    placed: fc.boolean(),
    noticeIssued: date,
    transfer: fc.option(
      fc.record({
        planId: fc.constantFrom(...PLANS),
        scope: fc.constantFrom('in-scope', 'not-in-scope', 'under-review'),
        representation: fc.constantFrom('unison', 'gmb', 'none'),
        informed: date,
      }),
      { nil: undefined },
    ),
    mccloud: fc.option(
      fc.record({
        state: fc.constantFrom('todo', 'done'),
        note: fc.option(
          text.filter((t) => t.trim() !== ''),
          { nil: undefined },
        ),
      }),
      {
        nil: undefined,
      },
    ),
  })
  .map((r) =>
    Schema.parse({
      council: r.council,
      employeeNumber: `E${r.n}`,
      forename: r.forename.trim(),
      surname: r.surname.trim(),
      knownAs: r.knownAs?.trim() || undefined,
      jobTitle: r.jobTitle,
      fte: r.fte,
      team: r.team,
      vacant: r.vacant,
      s113: { placed: r.placed, noticeIssued: r.noticeIssued },
      transfers: r.transfer ? [r.transfer] : [],
      pension: { items: r.mccloud ? { mccloud: r.mccloud } : {} },
    }),
  );

function unique(records: StaffRecord[]): StaffRecord[] {
  return records.filter((r, i) => records.findIndex((x) => keyOf(x) === keyOf(r)) === i);
}

describe('exportRegister', () => {
  it('writes the register format with a UTF-8 byte order mark and CRLF line ends', () => {
    const r = Schema.parse({ council: 'haringey', employeeNumber: 'H1', forename: 'Zoë', surname: 'Brontë' });
    const csv = exportRegister([r], PLANS);
    expect(csv.startsWith('\uFEFFCouncil,Employee number,Forename,Surname,')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(csv).toContain('Haringey,H1,Zoë,Brontë,');
    expect(Papa.parse<string[]>(csv.slice(1).trim()).data[0]).toEqual(registerHeaders(PLANS));
  });

  it('round-trips: export → read with no mapping → import into an empty register → export gives the same text', () => {
    fc.assert(
      fc.property(fc.array(arbRecord, { maxLength: 12 }).map(unique), (records) => {
        const first = exportRegister(records, PLANS);
        const read = readRows(new TextEncoder().encode(first));
        expect(read.errors).toEqual([]);
        expect(read.registerFormat).toBe(true);
        expect(read.encoding).toBe('utf-8');
        const { put } = resolvePlan(planImport([], read.rows, { source: 'register.csv', now: NOW }));
        expect(exportRegister(put, PLANS)).toBe(first);
      }),
      { numRuns: 60 },
    );
  });

  it('neutralises formulas in the file and reads them back as they were', () => {
    const r = Schema.parse({
      council: 'camden',
      employeeNumber: 'C1',
      forename: '=1+1',
      surname: '@SUM(A1)',
      team: '-2',
    });
    const csv = exportRegister([r], []);
    expect(csv).toContain(`Camden,C1,'=1+1,'@SUM(A1),`);
    expect(readRows(csv).rows[0]!.record).toMatchObject({ forename: '=1+1', surname: '@SUM(A1)', team: '-2' });
  });
});

describe('neutraliseFormula (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://evil.example")', `'=HYPERLINK("http://evil.example")`],
    ['+44 20 7974 4444', "'+44 20 7974 4444"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ["'=1", "''=1"],
    ['Smith', 'Smith'],
    ["O'Neill", "O'Neill"],
    ['', ''],
    ['1-2', '1-2'],
  ])('%j → %j', (cell, safe) => {
    expect(neutraliseFormula(cell)).toBe(safe);
    expect(restoreNeutralised(safe)).toBe(cell);
  });

  it('leaves no cell starting with a formula character, and restores every cell', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const safe = neutraliseFormula(s);
        expect(safe).not.toMatch(/^[=+\-@\t\r]/);
        expect(restoreNeutralised(safe)).toBe(s);
      }),
    );
  });
});

describe('exportConsultationList', () => {
  const people = [
    Schema.parse({
      council: 'haringey',
      employeeNumber: 'H2',
      forename: 'Bea',
      surname: 'Adams',
      tomFunction: 'common-infrastructure',
      transfers: [{ planId: 'fwd', scope: 'in-scope', representation: 'unison' }],
    }),
    Schema.parse({
      council: 'haringey',
      employeeNumber: 'H1',
      forename: '=cmd|calc',
      surname: 'Zed',
      tomFunction: 'common-infrastructure',
      transfers: [{ planId: 'fwd', scope: 'in-scope', representation: 'gmb' }],
    }),
    Schema.parse({
      council: 'islington',
      employeeNumber: 'I1',
      forename: 'Cy',
      surname: 'Islington',
      tomFunction: 'common-infrastructure',
      transfers: [{ planId: 'fwd', scope: 'in-scope' }],
    }),
    Schema.parse({
      council: 'haringey',
      employeeNumber: 'H3',
      surname: 'Out',
      tomFunction: 'common-infrastructure',
      transfers: [{ planId: 'fwd', scope: 'not-in-scope' }],
    }),
    Schema.parse({ council: 'haringey', employeeNumber: 'H4', vacant: true, tomFunction: 'common-infrastructure' }),
    Schema.parse({
      council: 'haringey',
      employeeNumber: 'H5',
      surname: 'Left',
      inLatestRoster: false,
      tomFunction: 'common-infrastructure',
      transfers: [{ planId: 'fwd', scope: 'in-scope' }],
    }),
  ];

  it('picks the columns, filters (in-scope Haringey staff in Common Infrastructure), sorts by union, and is formula-safe', () => {
    const columns = consultationColumns('fwd').filter((c) =>
      ['Name', 'Employee number', 'Council', 'Representation'].includes(c.header),
    );
    const csv = exportConsultationList(people, columns, {
      filter: consultationFilter({
        planId: 'fwd',
        councils: ['haringey'],
        tomFunctions: ['common-infrastructure'],
        scopes: ['in-scope'],
      }),
      sort: byRepresentation('fwd'),
    });
    expect(csv).toBe(
      '\uFEFFName,Employee number,Council,Representation\r\n' +
        "'=cmd|calc Zed,H1,Haringey,GMB\r\n" +
        'Bea Adams,H2,Haringey,UNISON\r\n',
    );
  });

  it('takes any column getter, and neutralises headings too', () => {
    const csv = exportConsultationList(people.slice(0, 1), [
      { header: '=Key', value: (r) => keyOf(r) },
      { header: 'FTE', value: () => '-0.5' },
    ]);
    expect(csv).toBe("\uFEFF'=Key,FTE\r\nharingey:H2,'-0.5\r\n");
  });

  it('leaves vacant posts and people not in the latest roster out unless asked', () => {
    const all = consultationFilter({ planId: 'fwd' });
    expect(people.filter(all).map(keyOf)).toEqual(['haringey:H2', 'haringey:H1', 'islington:I1', 'haringey:H3']);
    const everyone = consultationFilter({ planId: 'fwd', includeVacant: true, includeNotInRoster: true });
    expect(people.filter(everyone)).toHaveLength(6);
  });
});
