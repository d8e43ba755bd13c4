import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaffRecord, type HistoryEntry } from '../../../lib/domain';
import {
  createRecordValidator,
  isSealedRecord,
  sealedHistoryEntry,
  sealedWithHistory,
} from '../../../lib/register/record-validator';

/**
 * The field-by-field validator must give exactly what StaffRecord.safeParse gives: the same records (same key
 * order, same defaults, unknown keys dropped) and, for invalid input, the same issues with the same paths.
 * Values repeat across inputs on purpose, so remembered answers are used as well as fresh ones.
 */
const SEED = 20261129;

const text = fc.constantFrom('', ' ', 'Jo', ' Jo ', 'x'.repeat(201), 'a b', 'a:b', '007', '2018-04-01', '2018-02-30');
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
/** Also values a plain-value key must not confuse with plain ones: a Date, -0, NaN, a key holding undefined. */
const loose = fc.oneof(
  text,
  fc.integer({ min: -2, max: 3 }),
  fc.constant(null),
  fc.boolean(),
  fc.double(),
  fc.constantFrom(-0, Number.NaN, new Date('2018-04-01T00:00:00Z'), { placed: undefined }, [undefined]),
);

const anything = fc.record(
  {
    council: fc.oneof(fc.constantFrom('camden', 'haringey', 'islington', 'Camden'), loose),
    employeeNumber: fc.oneof(text, loose),
    forename: fc.oneof(text, loose),
    surname: text,
    knownAs: maybe(text),
    otherSpellings: fc.oneof(fc.array(text, { maxLength: 3 }), loose),
    emails: fc.oneof(
      fc.array(fc.constantFrom('a@b.example', 'not an address', ' c@d.example', 'e@f.example'), { maxLength: 12 }),
      loose,
    ),
    jobTitle: maybe(text),
    fte: maybe(fc.oneof(fc.constantFrom(0, 0.5, 1, 1.6, -1), loose)),
    contractType: maybe(fc.constantFrom('permanent', 'casual', 'zero-hours')),
    continuousServiceDate: maybe(text),
    lineManager: maybe(fc.constantFrom('camden:1', 'camden 1', 'lambeth:2')),
    vacant: maybe(fc.boolean()),
    tomFunction: maybe(fc.constantFrom('digital-change', 'Digital Change')),
    s113: maybe(
      fc.oneof(
        fc.record({ placed: fc.boolean(), noticeIssued: maybe(fc.oneof(text, loose)) }, { requiredKeys: [] }),
        loose,
      ),
    ),
    transfers: maybe(
      fc.array(fc.record({ planId: text, scope: maybe(fc.constantFrom('in-scope', 'maybe')) }), { maxLength: 2 }),
    ),
    pension: maybe(
      fc.record({
        items: fc.dictionary(
          fc.constantFrom('mccloud', 'avcs', 'nope'),
          fc.record({ state: fc.constantFrom('done', 'todo', 'x') }),
        ),
      }),
    ),
    inLatestRoster: maybe(fc.oneof(fc.boolean(), loose)),
    localEdits: maybe(fc.dictionary(fc.constantFrom('team', 'fte'), fc.oneof(text, loose))),
    history: maybe(fc.array(fc.record({ at: text, by: text, field: text, to: maybe(text) }), { maxLength: 2 })),
    notAField: maybe(text),
  },
  { requiredKeys: [] },
);

const name = fc.constantFrom('', 'Jo', ' Jo ', 'Ann-Marie', "O'Neill");
const date = fc.constantFrom('2018-04-01', '2001-12-31');
/** Valid records, as the importer and the store make them. */
const valid = fc.record(
  {
    council: fc.constantFrom('camden', 'haringey', 'islington'),
    employeeNumber: fc.constantFrom('1', '007', 'E1001', ' 42 '),
    forename: name,
    surname: name,
    knownAs: maybe(name),
    otherSpellings: fc.array(fc.constantFrom('Jo', 'Joanne'), { maxLength: 2 }),
    emails: fc.array(fc.constantFrom('a@b.example', 'c@d.example'), { maxLength: 2 }),
    jobTitle: maybe(fc.constantFrom('Analyst', 'Head of Digital')),
    grade: maybe(fc.constantFrom('PO1', 'SO2')),
    fte: maybe(fc.constantFrom(0, 0.5, 1, 1.5)),
    contractType: maybe(fc.constantFrom('permanent', 'casual')),
    continuousServiceDate: maybe(date),
    lineManager: maybe(fc.constantFrom('camden:1', 'haringey:007')),
    team: maybe(fc.constantFrom('Networks', 'Service Desk')),
    vacant: fc.boolean(),
    tomFunction: maybe(fc.constantFrom('digital-change', 'application-support')),
    s113: fc.record({ placed: fc.boolean(), noticeIssued: maybe(date) }, { requiredKeys: ['placed'] }),
    transfers: fc.array(
      fc.record({ planId: fc.constantFrom('fwd', 'back'), scope: fc.constantFrom('in-scope', 'under-review') }),
      { maxLength: 2 },
    ),
    pension: fc.record({
      items: fc.dictionary(fc.constantFrom('mccloud', 'avcs'), fc.record({ state: fc.constantFrom('done', 'todo') })),
    }),
    inLatestRoster: fc.boolean(),
    localEdits: fc.dictionary(fc.constantFrom('team', 'fte'), fc.constant('2018-01-10T09:00:00.000Z')),
    history: fc.array(fc.record({ at: date, by: name, field: fc.constantFrom('team', 'record'), to: maybe(name) }), {
      maxLength: 2,
    }),
  },
  { requiredKeys: ['council', 'employeeNumber'] },
);
/** Mostly valid records, some with a few fields replaced by anything at all. */
const input = fc.oneof(
  { arbitrary: valid, weight: 3 },
  { arbitrary: fc.tuple(valid, anything).map(([v, a]) => ({ ...v, ...a })), weight: 2 },
);

function same(validate: ReturnType<typeof createRecordValidator>, value: unknown) {
  const expected = StaffRecord.safeParse(value);
  const actual = validate(value);
  expect(actual.success).toBe(expected.success);
  if (expected.success && actual.success) {
    expect(JSON.stringify(actual.data)).toBe(JSON.stringify(expected.data));
    expect(actual.data).toEqual(expected.data);
  } else if (!expected.success && !actual.success) {
    expect(actual.issues).toEqual(expected.error.issues);
  }
}

describe('createRecordValidator', () => {
  it('agrees with StaffRecord.safeParse on generated input, valid and not', () => {
    const validate = createRecordValidator({ fieldByField: true });
    fc.assert(
      fc.property(input, (value) => same(validate, value)),
      { seed: SEED, numRuns: 3000 },
    );
  }, 60_000);

  it("gives zod's answer whether or not zod compiles its schemas here", () => {
    const value = { council: 'camden', employeeNumber: '1', extra: true };
    expect(createRecordValidator()(value)).toEqual({ success: true, data: StaffRecord.parse(value) });
    z.config({ jitless: true });
    try {
      expect(createRecordValidator()(value)).toEqual({ success: true, data: StaffRecord.parse(value) });
    } finally {
      z.config({ jitless: false });
    }
  });

  it('agrees on values that are not objects at all', () => {
    const validate = createRecordValidator({ fieldByField: true });
    for (const value of [null, undefined, 42, 'camden:1', [], [{ council: 'camden' }]]) same(validate, value);
  });

  it('never shares a default or a remembered list between two records', () => {
    const validate = createRecordValidator({ fieldByField: true });
    const a = validate({ council: 'camden', employeeNumber: '1', emails: ['a@b.example'] });
    const b = validate({ council: 'camden', employeeNumber: '2', emails: ['a@b.example'] });
    if (!a.success || !b.success) throw new Error('expected valid records');
    expect(a.data.emails).not.toBe(b.data.emails);
    expect(a.data.s113).not.toBe(b.data.s113);
    expect(a.data.pension.items).not.toBe(b.data.pension.items);
    a.data.emails.push('changed@b.example');
    a.data.s113.placed = true;
    expect(b.data.emails).toEqual(['a@b.example']);
    expect(b.data.s113).toEqual({ placed: false });
  });

  describe('sealing (records checked once, frozen, then written as they are)', () => {
    /** Every object inside is frozen, so a sealed record cannot have changed since it was checked. */
    function deeplyFrozen(v: unknown): boolean {
      if (v === null || typeof v !== 'object') return true;
      return Object.isFrozen(v) && Object.values(v).every(deeplyFrozen);
    }

    for (const fieldByField of [true, false]) {
      it(`agrees with StaffRecord.safeParse and seals what it passes (${fieldByField ? 'field by field' : 'zod compiled'})`, () => {
        const validate = createRecordValidator({ fieldByField, seal: true });
        fc.assert(
          fc.property(input, (value) => {
            same(validate, value);
            const r = validate(value);
            if (r.success) {
              expect(isSealedRecord(r.data)).toBe(true);
              expect(deeplyFrozen(r.data)).toBe(true);
            }
          }),
          { seed: SEED + 2, numRuns: 1000 },
        );
      }, 60_000);

      it(`never freezes zod's own defaults or the input (${fieldByField ? 'field by field' : 'zod compiled'})`, () => {
        const validate = createRecordValidator({ fieldByField, seal: true });
        const given = { council: 'camden', employeeNumber: '1', emails: ['a@b.example'], s113: { placed: true } };
        const r = validate(given);
        expect(r.success).toBe(true);
        expect(Object.isFrozen(given.emails) || Object.isFrozen(given.s113)).toBe(false);
        const plain = StaffRecord.parse({ council: 'camden', employeeNumber: '2' });
        // (zod's default shares its inner objects between parses: they must stay exactly as zod made them.)
        expect(Object.isFrozen(plain.pension.items) || Object.isFrozen(plain.s113)).toBe(false);
      });
    }

    it('shares repeated values between sealed records, which is safe because none can change', () => {
      const validate = createRecordValidator({ fieldByField: true, seal: true });
      const a = validate({ council: 'camden', employeeNumber: '1' });
      const b = validate({ council: 'camden', employeeNumber: '2' });
      if (!a.success || !b.success) throw new Error('expected valid records');
      expect(a.data.s113).toBe(b.data.s113);
      expect(() => {
        (a.data.s113 as { placed: boolean }).placed = true;
      }).toThrow(TypeError);
      expect(() => a.data.emails.push('x@y.example')).toThrow(TypeError);
      expect(b.data.s113).toEqual({ placed: false });
    });

    it('adds checked history entries to sealed records only', () => {
      const sealed = createRecordValidator({ seal: true })({ council: 'camden', employeeNumber: '1' });
      const unsealed = createRecordValidator()({ council: 'camden', employeeNumber: '1' });
      if (!sealed.success || !unsealed.success) throw new Error('expected valid records');
      const entry: HistoryEntry = {
        at: '2026-11-30T00:00:00.000Z',
        by: 'CSV import: a.csv',
        field: 'record',
        to: 'Added',
      };
      const checked = sealedHistoryEntry(entry)!;
      expect(checked).toEqual(entry);
      expect(sealedHistoryEntry({ ...entry, at: '' })).toBeUndefined();
      expect(sealedWithHistory(unsealed.data, [checked])).toBeUndefined();
      expect(sealedWithHistory(sealed.data, [entry])).toBeUndefined();
      const next = sealedWithHistory(sealed.data, [checked])!;
      expect(isSealedRecord(next)).toBe(true);
      expect(Object.isFrozen(next) && Object.isFrozen(next.history)).toBe(true);
      expect(JSON.stringify(next)).toBe(JSON.stringify(StaffRecord.parse({ ...sealed.data, history: [entry] })));
      expect(sealed.data.history).toEqual([]);
      expect(isSealedRecord({ ...next })).toBe(false);
    });
  });

  describe('without zod compiling schemas (as in an extension page, whose policy forbids eval)', () => {
    beforeAll(() => z.config({ jitless: true }));
    afterAll(() => z.config({ jitless: false }));
    it('still agrees with StaffRecord.safeParse', () => {
      const validate = createRecordValidator({ fieldByField: true });
      fc.assert(
        fc.property(input, (value) => same(validate, value)),
        { seed: SEED + 1, numRuns: 500 },
      );
    }, 60_000);
  });
});
