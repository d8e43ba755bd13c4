import { z } from 'zod';
import { HistoryEntry, StaffRecord } from '../domain/staff';

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

type Out = Record<string, unknown>;

/**
 * One named store per field (`o.council = v`), to build a record. V8 keeps an object built with named stores in
 * its fast form; built with `o[field] = v` in a loop it turns it into a dictionary after a dozen properties, and
 * every later read, copy (`{ ...record }`) and IndexedDB write of that record is several times slower
 * (measured in Node: copying 100,000 validated records 0.9 s before, 0.2 s after). The type makes a field added
 * to StaffRecord fail to compile until it has its setter here.
 */
const SETTERS: { [F in Field]: (o: Out, v: unknown) => void } = {
  council: (o, v) => {
    o.council = v;
  },
  employeeNumber: (o, v) => {
    o.employeeNumber = v;
  },
  forename: (o, v) => {
    o.forename = v;
  },
  surname: (o, v) => {
    o.surname = v;
  },
  knownAs: (o, v) => {
    o.knownAs = v;
  },
  otherSpellings: (o, v) => {
    o.otherSpellings = v;
  },
  emails: (o, v) => {
    o.emails = v;
  },
  jobTitle: (o, v) => {
    o.jobTitle = v;
  },
  grade: (o, v) => {
    o.grade = v;
  },
  fte: (o, v) => {
    o.fte = v;
  },
  contractType: (o, v) => {
    o.contractType = v;
  },
  continuousServiceDate: (o, v) => {
    o.continuousServiceDate = v;
  },
  lineManager: (o, v) => {
    o.lineManager = v;
  },
  team: (o, v) => {
    o.team = v;
  },
  vacant: (o, v) => {
    o.vacant = v;
  },
  tomFunction: (o, v) => {
    o.tomFunction = v;
  },
  tomTeam: (o, v) => {
    o.tomTeam = v;
  },
  serviceCategory: (o, v) => {
    o.serviceCategory = v;
  },
  s113: (o, v) => {
    o.s113 = v;
  },
  transfers: (o, v) => {
    o.transfers = v;
  },
  pension: (o, v) => {
    o.pension = v;
  },
  inLatestRoster: (o, v) => {
    o.inLatestRoster = v;
  },
  localEdits: (o, v) => {
    o.localEdits = v;
  },
  history: (o, v) => {
    o.history = v;
  },
};
const SET = FIELDS.map((f) => SETTERS[f]);
const SCHEMAS = FIELDS.map((f) => StaffRecord.shape[f] as z.ZodType);

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
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const n = v.length;
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) out[i] = fresh(v[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = fresh((v as Record<string, unknown>)[k]);
  return out as T;
}

/**
 * Whether a primitive can be its own memory key: a Map tells strings, numbers, booleans and null apart by
 * themselves (no key string to build and hash for every cell). -0 and NaN are left out: a Map takes -0 for 0.
 */
function isPrimitiveKey(v: unknown): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v) && !Object.is(v, -0);
    case 'object':
      return v === null;
    default:
      return false;
  }
}

/** Records the validator checked with `seal`, deeply frozen since: they are known to be valid as they are. */
const SEALED = new WeakSet<object>();
/** History entries checked and frozen by sealedHistoryEntry. */
const SEALED_ENTRIES = new WeakSet<object>();

/** Freezes a value and everything in it. Only for values the validator made itself (never zod's defaults). */
function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object') {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

/**
 * Whether a record was made by a sealing validator (or by sealedWithHistory): it passed StaffRecord's schemas and
 * is deeply frozen, so nothing can have changed it since. The store writes such a record without checking it a
 * second time; any other record is checked.
 */
export function isSealedRecord(r: unknown): r is StaffRecord {
  return typeof r === 'object' && r !== null && SEALED.has(r);
}

/**
 * A history entry checked with HistoryEntry's schema and frozen, to add to sealed records (sealedWithHistory);
 * undefined when it is not valid (the records it was meant for are then checked, and refused, the usual way).
 */
export function sealedHistoryEntry(entry: HistoryEntry): HistoryEntry | undefined {
  const r = HistoryEntry.safeParse(entry);
  if (!r.success) return undefined;
  const checked = deepFreeze(fresh(r.data));
  SEALED_ENTRIES.add(checked);
  return checked;
}

/**
 * A sealed record with history entries added at the end (each from sealedHistoryEntry), itself sealed: a valid
 * record with valid entries appended to its history is valid (StaffRecord has no check across fields, and its
 * history list no length limit). Undefined when `record` or an entry is not sealed: check it the usual way.
 */
export function sealedWithHistory(record: StaffRecord, entries: readonly HistoryEntry[]): StaffRecord | undefined {
  if (!isSealedRecord(record) || !entries.every((e) => SEALED_ENTRIES.has(e))) return undefined;
  const next = { ...record, history: Object.freeze([...record.history, ...entries]) as HistoryEntry[] };
  Object.freeze(next);
  SEALED.add(next);
  return next;
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
    /**
     * Seal the records it passes (see isSealedRecord): deeply frozen, and values that repeat (a default
     * `s113`, an empty list, the same e-mail list) shared between records instead of copied, which is safe
     * because none can change. For records that go on to be written as they are (the Import page), so that
     * they are checked once, not again by the store.
     */
    seal?: boolean;
  } = {},
): (input: unknown) => RecordCheck {
  const seal = options.seal === true;
  if (!(options.fieldByField ?? !zodCompiles())) {
    return (input) => {
      const r = StaffRecord.safeParse(input);
      if (!r.success) return { success: false, issues: r.error.issues };
      if (!seal) return { success: true, data: r.data };
      // A copy first: zod may hand out parts of its defaults, which must never be frozen.
      const data = deepFreeze(fresh(r.data));
      SEALED.add(data);
      return { success: true, data };
    };
  }
  /** Per field: answers by the value itself (primitives, and ABSENT) and by plainKey (objects and arrays). */
  const memo = FIELDS.map(() => new Map<unknown, FieldResult>());
  const objectMemo = FIELDS.map(() => new Map<string, FieldResult>());

  /** Per field: lookups and hits by plainKey, to stop remembering a field whose lists hardly repeat (e-mails). */
  const lookups = FIELDS.map(() => 0);
  const hits = FIELDS.map(() => 0);

  function checkField(i: number, value: unknown, present: boolean): FieldResult {
    let seen: Map<unknown, FieldResult> | undefined;
    let key: unknown;
    if (!present) {
      seen = memo[i]!;
      key = ABSENT;
    } else if (isPrimitiveKey(value)) {
      // A primitive is its own key: remembering it costs one lookup, less than any zod check.
      seen = memo[i]!;
      key = value;
    } else if (typeof value === 'object' && (lookups[i]! < MEMO_SAMPLE || hits[i]! * 2 >= lookups[i]!)) {
      // After a sample, a field whose lists or objects repeat less than half the time (e-mails) is checked by
      // zod directly: building and hashing a key for every unique value cost more than it saved.
      key = plainKey(value);
      if (key !== undefined) {
        seen = objectMemo[i]! as Map<unknown, FieldResult>;
        lookups[i]!++;
      }
    }
    if (seen) {
      const known = seen.get(key);
      if (known) {
        if (seen !== memo[i]) hits[i]!++;
        if (seal || !known.ok || typeof known.value !== 'object') return known;
        return { ok: true, value: fresh(known.value) };
      }
    }
    const r = SCHEMAS[i]!.safeParse(value);
    if (!r.success) {
      const failed: FieldResult = { ok: false, issues: r.error.issues };
      if (seen && seen.size < MEMO_LIMIT) seen.set(key, failed);
      return failed;
    }
    if (r.data === null || typeof r.data !== 'object') {
      const passed: FieldResult = { ok: true, value: r.data };
      if (seen && seen.size < MEMO_LIMIT) seen.set(key, passed);
      return passed;
    }
    if (!seal) {
      // As zod gave it; the memory keeps its own copy, handed out copied again (fresh).
      if (seen && seen.size < MEMO_LIMIT) seen.set(key, { ok: true, value: fresh(r.data) });
      return { ok: true, value: r.data };
    }
    // A private copy (zod may hand out parts of its defaults, which must never be frozen), frozen and shared.
    const kept: FieldResult = { ok: true, value: deepFreeze(fresh(r.data)) };
    if (seen && seen.size < MEMO_LIMIT) seen.set(key, kept);
    return kept;
  }

  return (input) => {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      // Not an object at all: zod's own message, exactly (never a valid record).
      const r = StaffRecord.safeParse(input);
      return r.success ? { success: true, data: r.data } : { success: false, issues: r.error.issues };
    }
    const source = input as Record<string, unknown>;
    const out: Out = {};
    let issues: z.core.$ZodIssue[] | undefined;
    for (let i = 0; i < FIELDS.length; i++) {
      const field = FIELDS[i]!;
      const present = Object.hasOwn(source, field);
      const value = present ? source[field] : undefined;
      const r = checkField(i, value, present);
      if (!r.ok) {
        issues ??= [];
        for (const issue of r.issues) issues.push({ ...issue, path: [field, ...issue.path] });
        continue;
      }
      // zod keeps an optional key the input had (even as undefined) and leaves out one it did not have.
      if (r.value !== undefined || present) SET[i]!(out, r.value);
    }
    if (issues) return { success: false, issues };
    if (seal) {
      Object.freeze(out);
      SEALED.add(out);
    }
    return { success: true, data: out as StaffRecord };
  };
}
