import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  REGISTER_COLUMNS,
  isRegisterFormat,
  joinList,
  parsePensionItemCell,
  planIdsFromHeaders,
  recordToRow,
  registerHeaders,
  rowToRecordInput,
  splitList,
} from '../../../lib/csv/register-format';
import {
  Assignment,
  ContractType,
  Council,
  ELI_ITEMS,
  PENSION_ITEMS,
  PensionItemState,
  PensionSection,
  Representation,
  ServiceCategory,
  StaffRecord,
  TomFunction,
  TransferOutcome,
  TransferScope,
} from '../../../lib/domain';

// ------------------------------------------------------------------------------- arbitrary records

const isoDate = fc
  .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
/** Free text that is not empty or all spaces (an empty optional text is the same as an absent one). */
const freeText = (max: number) =>
  fc.string({ unit: 'grapheme', maxLength: Math.min(max, 40) }).filter((s) => s.trim() !== '');
const listEntry = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0);
const email = fc.emailAddress().filter((e) => z.email().safeParse(e).success);
const employeeNumber = fc.stringMatching(/^[A-Za-z0-9_/-]{1,12}$/);
const staffKey = fc.tuple(fc.constantFrom(...Council.options), employeeNumber).map(([c, n]) => `${c}:${n}`);
const fte = fc.double({ min: 0, max: 1.5, noNaN: true }).map((n) => (n === 0 ? 0 : n));

const eliSent = fc.record(
  Object.fromEntries(ELI_ITEMS.map((i) => [i.id, isoDate])) as Record<(typeof ELI_ITEMS)[number]['id'], typeof isoDate>,
  { requiredKeys: [] },
);

const transfer = (planId: string) =>
  fc.record(
    {
      planId: fc.constant(planId),
      scope: fc.constantFrom(...TransferScope.options),
      notInScopeReason: freeText(500),
      assignment: fc.constantFrom(...Assignment.options),
      assignmentBasis: freeText(1000),
      affected: fc.boolean(),
      representation: fc.constantFrom(...Representation.options),
      eliSent,
      informed: isoDate,
      letterSent: isoDate,
      meetingHeld: isoDate,
      objection: isoDate,
      objectionWithdrawn: isoDate,
      substantialChangeClaim: isoDate,
      outcome: fc.constantFrom(...TransferOutcome.options),
      outcomeDate: isoDate,
    },
    { requiredKeys: ['planId'] },
  );

const pensionItem = fc.record(
  { state: fc.constantFrom(...PensionItemState.options), date: isoDate, note: freeText(2000) },
  { requiredKeys: [] },
);

const planIds = fc.uniqueArray(fc.stringMatching(/^[a-z0-9-]{1,20}$/), { maxLength: 3 });

/** Any StaffRecord input, parsed, so the record is exactly what the store would hold. */
const arbitraryRecord: fc.Arbitrary<StaffRecord> = planIds
  .chain((ids) =>
    fc.record(
      {
        council: fc.constantFrom(...Council.options),
        employeeNumber,
        forename: fc.string({ unit: 'grapheme', maxLength: 30 }),
        surname: fc.string({ unit: 'grapheme', maxLength: 30 }),
        knownAs: freeText(200),
        otherSpellings: fc.array(listEntry, { maxLength: 4 }),
        emails: fc.array(email, { maxLength: 3 }),
        jobTitle: freeText(300),
        grade: freeText(100),
        fte,
        contractType: fc.constantFrom(...ContractType.options),
        continuousServiceDate: isoDate,
        lineManager: staffKey,
        team: freeText(300),
        vacant: fc.boolean(),
        tomFunction: fc.constantFrom(...TomFunction.options),
        tomTeam: freeText(300),
        serviceCategory: fc.constantFrom(...ServiceCategory.options),
        s113: fc.record(
          {
            placed: fc.boolean(),
            agreementRef: freeText(200),
            noticeIssued: isoDate,
            consulted: isoDate,
            confirmedContinuing: isoDate,
            ended: isoDate,
          },
          { requiredKeys: [] },
        ),
        transfers: fc.subarray(ids).chain((sub) => fc.tuple(...sub.map(transfer))),
        pension: fc.record(
          {
            membershipNumber: freeText(50),
            section: fc.constantFrom(...PensionSection.options),
            items: fc.record(
              Object.fromEntries(PENSION_ITEMS.map((i) => [i.id, pensionItem])) as Record<string, typeof pensionItem>,
              { requiredKeys: [] },
            ),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ['council', 'employeeNumber'] },
    ),
  )
  .map((input) => StaffRecord.safeParse(input))
  .filter((r) => r.success)
  .map((r) => r.data!);

function withoutMetadata(r: StaffRecord) {
  const { history: _h, localEdits: _l, inLatestRoster: _i, ...rest } = r;
  return rest;
}

// ----------------------------------------------------------------------------------------- tests

const sample = StaffRecord.parse({
  council: 'haringey',
  employeeNumber: 'H1042',
  forename: 'Siobhán',
  surname: "O'Neill",
  knownAs: 'Shiv',
  otherSpellings: ['Siobhan O’Neill', 'S; O'],
  emails: ['siobhan.oneill@haringey.example', 'shiv@haringey.example'],
  jobTitle: 'Network engineer',
  fte: 0.6,
  continuousServiceDate: '2009-09-14',
  lineManager: 'camden:C0001',
  tomFunction: 'common-infrastructure',
  tomTeam: 'Networks',
  serviceCategory: 'customer-focused-it',
  s113: { placed: true, noticeIssued: '2016-10-01', confirmedContinuing: '2017-06-01' },
  pension: {
    membershipNumber: 'HPF-77',
    section: '50-50',
    items: { mccloud: { state: 'done', date: '2018-02-01', note: 'Joined 2009' }, avcs: { state: 'not-applicable' } },
  },
  transfers: [
    {
      planId: 'camden-tupe',
      scope: 'in-scope',
      assignment: 'assigned',
      representation: 'unison',
      eliSent: { identity: '2018-02-20' },
    },
  ],
});

describe('register CSV format', () => {
  it('names every plan column with the plan id and keeps the fixed columns first', () => {
    const headers = registerHeaders(['camden-tupe']);
    expect(headers.slice(0, REGISTER_COLUMNS.length)).toEqual(REGISTER_COLUMNS.map((c) => c.header));
    expect(headers).toContain('TUPE camden-tupe: scope');
    expect(headers).toContain('TUPE camden-tupe: ELI identity sent');
    expect(headers).toContain('Pension: McCloud note');
    expect(new Set(headers).size).toBe(headers.length);
    expect(planIdsFromHeaders(headers)).toEqual(['camden-tupe']);
    expect(planIdsFromHeaders(registerHeaders(['b', 'a']))).toEqual(['b', 'a']);
  });

  it('writes cells a person can read and edit in Excel', () => {
    const row = recordToRow(sample);
    expect(row['Council']).toBe('Haringey');
    expect(row['Other spellings']).toBe('Siobhan O’Neill; S\\; O');
    expect(row['Work e-mails']).toBe('siobhan.oneill@haringey.example; shiv@haringey.example');
    expect(row['Line manager']).toBe('camden:C0001');
    expect(row['TOM function']).toBe('Common Infrastructure');
    expect(row['Pension: McCloud']).toBe('done 2018-02-01');
    expect(row['Pension: McCloud note']).toBe('Joined 2009');
    expect(row['Pension: AVCs']).toBe('n/a');
    expect(row['Pension: rule of 85']).toBe('');
    expect(row['TUPE camden-tupe: scope']).toBe('In scope');
    expect(row['TUPE camden-tupe: representation']).toBe('UNISON');
    expect(Object.keys(row)).toEqual(registerHeaders(['camden-tupe']));
  });

  it('reads a sample row back to the same record', () => {
    const { input } = rowToRecordInput(recordToRow(sample));
    expect(StaffRecord.parse(input)).toEqual(sample);
  });

  it('leaves out the transfer of a plan whose cells are all empty', () => {
    const noTransfer = { ...sample, transfers: [] };
    const row = recordToRow(noTransfer, ['camden-tupe']);
    expect(row['TUPE camden-tupe: scope']).toBe('');
    const { input, carried } = rowToRecordInput(row);
    expect(input.transfers).toBeUndefined();
    expect(carried.has('transfers.camden-tupe.scope')).toBe(true);
  });

  it('round-trips any valid record (except store metadata)', () => {
    fc.assert(
      fc.property(arbitraryRecord, (r) => {
        const { input } = rowToRecordInput(recordToRow(r));
        expect(withoutMetadata(StaffRecord.parse(input))).toEqual(withoutMetadata(r));
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('round-trips through real CSV text (Papa.unparse and Papa.parse)', () => {
    fc.assert(
      fc.property(fc.array(arbitraryRecord, { minLength: 1, maxLength: 4 }), (records) => {
        const ids = [...new Set(records.flatMap((r) => r.transfers.map((t) => t.planId)))];
        const csv = Papa.unparse({ fields: registerHeaders(ids), data: records.map((r) => recordToRow(r, ids)) });
        const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: 'greedy' });
        expect(parsed.data).toHaveLength(records.length);
        parsed.data.forEach((row, i) => {
          const back = StaffRecord.parse(rowToRecordInput(row).input);
          const want = records[i]!;
          // Transfers come back in header order, which is the order of `ids` across all records.
          const order = (r: StaffRecord) => ({
            ...withoutMetadata(r),
            transfers: [...r.transfers].sort((a, b) => ids.indexOf(a.planId) - ids.indexOf(b.planId)),
          });
          expect(order(back)).toEqual(order(want));
        });
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('reports the field paths the file carries, filled or empty', () => {
    const { carried } = rowToRecordInput({ Council: 'Camden', 'Employee number': 'C1', 'Job title': '' });
    expect([...carried].sort()).toEqual(['council', 'employeeNumber', 'jobTitle']);
    const all = rowToRecordInput(recordToRow(sample)).carried;
    expect(all.has('pension.items.mccloud.state')).toBe(true);
    expect(all.has('pension.items.mccloud.date')).toBe(true);
    expect(all.has('transfers.camden-tupe.eliSent.identity')).toBe(true);
    expect(all.has('history')).toBe(false);
  });

  it('treats empty cells as absent, so schema defaults apply', () => {
    const { input } = rowToRecordInput({ Council: 'Islington', 'Employee number': 'I9', Vacant: '', FTE: ' ' });
    const r = StaffRecord.parse(input);
    expect(r.vacant).toBe(false);
    expect(r.fte).toBeUndefined();
    expect(r.s113).toEqual({ placed: false });
  });

  it('accepts codes, other letter case, UK dates and yes/no variants that people type', () => {
    const { input } = rowToRecordInput({
      council: 'London Borough of Haringey',
      'EMPLOYEE NUMBER': ' H7 ',
      'TOM function': 'digital-change',
      'Service category': 'transformation',
      Vacant: 'Y',
      'Continuous service date': '1/4/2005',
      'Pension section': '50/50',
      'Pension: rule of 85': 'To do',
      'Pension: death grant': 'Not applicable 3/2/2018',
      'TUPE camden-tupe: scope': 'not in scope',
      'TUPE camden-tupe: not in scope reason': 'Not assigned to the service',
      'TUPE camden-tupe: affected employee': 'false',
    });
    const r = StaffRecord.parse(input);
    expect(r.council).toBe('haringey');
    expect(r.employeeNumber).toBe('H7');
    expect(r.tomFunction).toBe('digital-change');
    expect(r.serviceCategory).toBe('transformation');
    expect(r.vacant).toBe(true);
    expect(r.continuousServiceDate).toBe('2005-04-01');
    expect(r.pension.section).toBe('50-50');
    expect(r.pension.items['rule-of-85']).toEqual({ state: 'todo' });
    expect(r.pension.items['death-grant']).toEqual({ state: 'not-applicable', date: '2018-02-03' });
    expect(r.transfers).toEqual([
      expect.objectContaining({
        planId: 'camden-tupe',
        scope: 'not-in-scope',
        notInScopeReason: 'Not assigned to the service',
        affected: false,
      }),
    ]);
  });

  it('passes unreadable cells on so validation names the field', () => {
    const { input } = rowToRecordInput({
      Council: 'Camden',
      'Employee number': 'C1',
      FTE: 'full time',
      Vacant: 'perhaps',
      'Pension: McCloud': 'maybe',
      'Section 113 ended': '31st March',
    });
    const result = StaffRecord.safeParse(input);
    expect(result.success).toBe(false);
    const paths = [...new Set(result.error!.issues.map((i) => i.path.join('.')))].sort();
    expect(paths).toEqual(['fte', 'pension.items.mccloud.state', 's113.ended', 'vacant']);
  });

  it('escapes and splits lists', () => {
    expect(splitList(joinList(['a;b', 'c\\d', 'e']))).toEqual(['a;b', 'c\\d', 'e']);
    expect(splitList(' x ;; y ;')).toEqual(['x', 'y']);
    expect(parsePensionItemCell('done')).toEqual({ state: 'done' });
  });

  it('recognises its own headers and not an HR system export', () => {
    expect(isRegisterFormat(registerHeaders([]))).toBe(true);
    expect(isRegisterFormat(['\uFEFFcouncil', 'employee number', 'vacant', 'tom function', 'known as'])).toBe(true);
    expect(isRegisterFormat(['Employee Number', 'Forename', 'Surname', 'Council', 'Job Title', 'FTE'])).toBe(false);
    expect(isRegisterFormat(['Council', 'Section 113 placed', 'TOM function', 'Vacant'])).toBe(false);
  });
});
