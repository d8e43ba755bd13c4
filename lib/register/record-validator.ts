import { z } from 'zod';
import { StaffRecord } from '../domain/staff';

/**
 * Validates staff records with StaffRecord's own zod schemas, field by field, each distinct value once.
 *
 * Why: zod compiles object schemas with `new Function`, which an extension's content security policy forbids,
 * so in the service worker and the dashboard zod falls back to its interpreter. Measured in Node with
 * `z.config({ jitless: true })`: 25 µs a record for StaffRecord.safeParse, so 2.5 s for 100,000 rows, more in
 * Chromium. Most cells of an HR export repeat (council, grade, team, contract type, dates), so each field's
 * schema sees each distinct value once and the answer is reused.
 *
 * The result is the same as StaffRecord.safeParse: the same schemas run on the same values, fields are checked
 * in the schema's order, the output has the schema's key order, unknown keys are dropped and defaults filled
 * (tests/unit/register/record-validator.test.ts checks this against StaffRecord.safeParse on generated input).
 * StaffRecord has no whole-object refinement, which is what makes checking field by field the same.
 */

type Shape = typeof StaffRecord.shape;
type Field = keyof Shape & string;

export type RecordCheck = { success: true; data: StaffRecord } | { success: false; issues: z.core.$ZodIssue[] };

const FIELDS = Object.keys(StaffRecord.shape) as Field[];
/** Whether zod compiles object schemas here: it needs `new Function`, which an extension's policy forbids. */
function zodCompiles(): boolean {
  return z.core.util.allowsEval.value && z.config().jitless !== true;
}

/** Distinct values remembered per field; beyond this a field's values are still checked, just not remembered. */
const MEMO_LIMIT = 50_000;
/** Values of a field looked up before deciding whether remembering that field pays. */
const MEMO_SAMPLE = 2_000;
/** The memory key for a field the input leaves out (its default, or nothing). */
const ABSENT: unique symbol = Symbol('absent');

type FieldResult = { ok: true; value: unknown } | { ok: false; issues: z.core.$ZodIssue[] };

/**
 * A key that names a plain value exactly (strings, finite numbers, booleans, null, arrays without holes and
 * objects made with `{}`, nested), or undefined for anything else (a Date, a Map, undefined inside, -0, NaN):
 * those are checked by zod every time. Two values with the same key are the same to zod, so its answer for one
 * is its answer for the other. Nested objects repeat across records too: every `s113` of `{ placed: false }`,
 * every history entry an import added at the same moment.
 */
function plainKey(v: unknown, depth = 0): string | undefined {
  switch (typeof v) {
    case 'string':
      // Length first, so no string can be mistaken for the end of another.
      return `s${v.length}:${v}`;
    case 'number':
      return Number.isFinite(v) && !Object.is(v, -0) ? `n${v}` : undefined;
    case 'boolean':
      return v ? 't' : 'f';
    case 'object': {
      if (v === null) return 'z';
      if (depth > 6) return undefined;
      if (Array.isArray(v)) {
        let key = '[';
        for (let i = 0; i < v.length; i++) {
          if (!(i in v)) return undefined;
          const item = plainKey(v[i], depth + 1);
          if (item === undefined) return undefined;
          key += `${item},`;
        }
        return `${key}]`;
      }
      if (Object.getPrototypeOf(v) !== Object.prototype) return undefined;
      let key = '{';
      for (const k of Object.keys(v)) {
        const item = plainKey((v as Record<string, unknown>)[k], depth + 1);
        if (item === undefined) return undefined;
        key += `${k.length}:${k}=${item},`;
      }
      return `${key}}`;
    }
    default:
      return undefined;
  }
}

/** A fresh copy of a plain value (defaults and remembered lists must not be shared between records). */
function fresh<T>(v: T): T {
  if (Array.isArray(v)) return v.map(fresh) as T;
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = fresh(x);
    return out as T;
  }
  return v;
}

/**
 * A validator with its own memory of values seen. Use one per file or per register load: the memory is what
 * makes it fast, and it lives only as long as the validator.
 */
export function createRecordValidator(
  options: {
    /**
     * Check field by field even where zod compiles its schemas. By default that happens only where zod cannot
     * compile (extension pages and the service worker): in Node zod's compiled check is the faster of the two
     * (measured: readRows of 100,000 rows 2.5 s with it, 3.8 s field by field).
     */
    fieldByField?: boolean;
  } = {},
): (input: unknown) => RecordCheck {
  if (!(options.fieldByField ?? !zodCompiles())) {
    return (input) => {
      const r = StaffRecord.safeParse(input);
      return r.success ? { success: true, data: r.data } : { success: false, issues: r.error.issues };
    };
  }
  const memo = FIELDS.map(() => new Map<string | symbol, FieldResult>());

  /** Per field: lookups and hits, to stop remembering a field whose values hardly repeat (e-mails, numbers). */
  const lookups = FIELDS.map(() => 0);
  const hits = FIELDS.map(() => 0);

  function checkField(i: number, field: Field, value: unknown, present: boolean): FieldResult {
    const schema = StaffRecord.shape[field] as z.ZodType;
    const seen = memo[i]!;
    // After a sample, a field that repeats less than half the time is checked by zod directly: building and
    // hashing a key for every unique value cost more than it saved (measured in Chromium, 100,000 rows).
    const remember = !present || lookups[i]! < MEMO_SAMPLE || hits[i]! * 2 >= lookups[i]!;
    const key = !remember ? undefined : present ? plainKey(value) : ABSENT;
    if (key !== undefined) {
      lookups[i]!++;
      const known = seen.get(key);
      if (known) {
        hits[i]!++;
        return known.ok && typeof known.value === 'object' ? { ok: true, value: fresh(known.value) } : known;
      }
    }
    const r = schema.safeParse(value);
    const result: FieldResult = r.success ? { ok: true, value: r.data } : { ok: false, issues: r.error.issues };
    if (key !== undefined && seen.size < MEMO_LIMIT) {
      seen.set(key, result.ok && typeof result.value === 'object' ? { ok: true, value: fresh(result.value) } : result);
    }
    return result;
  }

  return (input) => {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      // Not an object at all: zod's own message, exactly.
      const r = StaffRecord.safeParse(input);
      return r.success ? { success: true, data: r.data } : { success: false, issues: r.error.issues };
    }
    const source = input as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    let issues: z.core.$ZodIssue[] | undefined;
    for (let i = 0; i < FIELDS.length; i++) {
      const field = FIELDS[i]!;
      const present = Object.hasOwn(source, field);
      const value = present ? source[field] : undefined;
      const r = checkField(i, field, value, present);
      if (!r.ok) {
        issues ??= [];
        for (const issue of r.issues) issues.push({ ...issue, path: [field, ...issue.path] });
        continue;
      }
      // zod keeps an optional key the input had (even as undefined) and leaves out one it did not have.
      if (r.value !== undefined || present) out[field] = r.value === undefined ? undefined : r.value;
    }
    if (issues) return { success: false, issues };
    return { success: true, data: out as StaffRecord };
  };
}
