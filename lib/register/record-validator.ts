import type { z } from 'zod';
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
/** Distinct values remembered per field; beyond this a field's values are still checked, just not remembered. */
const MEMO_LIMIT = 50_000;
/** The memory key for a field the input leaves out (its default, or nothing). */
const ABSENT: unique symbol = Symbol('absent');

type FieldResult = { ok: true; value: unknown } | { ok: false; issues: z.core.$ZodIssue[] };

function isMemoisable(v: unknown): v is string | number | boolean {
  const t = typeof v;
  return t === 'string' || t === 'number' || t === 'boolean';
}

/** Arrays of strings (e-mails, other spellings) are remembered by their items joined with a separator no cell holds. */
function stringListKey(v: unknown): string | undefined {
  if (!Array.isArray(v)) return undefined;
  let key = '\u0000[';
  for (const item of v) {
    if (typeof item !== 'string' || item.includes('\u0000')) return undefined;
    key += `\u0000${item}`;
  }
  return key;
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
export function createRecordValidator(): (input: unknown) => RecordCheck {
  const memo = FIELDS.map(() => new Map<unknown, FieldResult>());

  function checkField(i: number, field: Field, value: unknown, present: boolean): FieldResult {
    const schema = StaffRecord.shape[field] as z.ZodType;
    const seen = memo[i]!;
    const key = !present ? ABSENT : isMemoisable(value) ? value : stringListKey(value);
    if (key !== undefined) {
      const known = seen.get(key);
      if (known) return known.ok && typeof known.value === 'object' ? { ok: true, value: fresh(known.value) } : known;
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
