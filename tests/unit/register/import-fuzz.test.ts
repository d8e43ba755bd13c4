import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRows } from '../../../lib/csv/read-rows';
import { StaffRecord, keyOf } from '../../../lib/domain';
import { csvImporter } from '../../../lib/messaging/csv-importer';
import type { Importer } from '../../../lib/messaging/handlers';
import type { ImportPreview } from '../../../lib/messaging/protocol';
import { planImport, resolvePlan } from '../../../lib/register/plan-import';
import { bucketOf, createDbAccess, type DbAccess } from '../../../lib/store/db';
import { createSettingsStore } from '../../../lib/store/settings-store';
import { createStaffStore } from '../../../lib/store/staff-store';
import { hrCsv, hrMapping } from '../../bench/hr-csv';
import { DASHBOARD, makeHandlers } from '../messaging/helpers';
import { tickingClock, uniqueDbName } from '../store/helpers';

/**
 * Fuzzing the import: valid files (the demo register and an HR export with its mapping) cut into windows of
 * rows, then truncated and mutated, go through readRows, planImport and resolvePlan, and through the real
 * message handlers into a fake-indexeddb store. The seed is fixed and printed: a failure names the run to replay.
 */
const SEED = 20261129;
const NOW = '2018-03-01T09:00:00.000Z';
/** Longest file a run may build: keeps every run small enough that a slow one is a bug, not the input. */
const MAX_CHARS = 12_000;

const demoLines = readFileSync(path.resolve(__dirname, '../../../public/demo/staff.csv'), 'utf8')
  .replace(/^\uFEFF/, '')
  .split('\r\n')
  .filter(Boolean);
const hrLines = hrCsv(60, SEED).split('\r\n').filter(Boolean);
const HR_MAPPING = hrMapping('fuzz.csv');

type Base = 'demo' | 'hr';

const SPECIALS = [
  '"',
  '""',
  ',',
  ';',
  '\t',
  '\r\n',
  '\n',
  '\r',
  '\uFEFF',
  '\u0000',
  '0',
  '00',
  ':',
  ' ',
  '=cmd|',
  '-',
  'N/D',
  'Vacant',
  'é',
  '😀',
  '\u202e',
  'Camden',
  'Hackney',
  '31/02/2010',
  '1.6',
  '-1',
  'yes',
  'maybe',
];

const arbMutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.constantFrom(...SPECIALS),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 6 }),
    ),
  }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({
    kind: fc.constant('replaceCell' as const),
    line: fc.nat(),
    cell: fc.nat(),
    text: fc.constantFrom(...SPECIALS),
  }),
  fc.record({ kind: fc.constant('stripZeros' as const) }),
);
type Mutation = typeof arbMutation extends fc.Arbitrary<infer T> ? T : never;

const arbFile = fc.record({
  base: fc.constantFrom<Base>('demo', 'hr'),
  start: fc.nat(),
  rows: fc.integer({ min: 0, max: 8 }),
  mutations: fc.array(arbMutation, { maxLength: 4 }),
  /** HR files: send the mapping (as the Import page does once chosen) or let the reader suggest one. */
  withMapping: fc.boolean(),
});
type FileSpec = typeof arbFile extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, m: Mutation): string {
  const lines = () => text.split('\r\n');
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'delete': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'duplicateLine': {
      const ls = lines();
      const i = m.at % ls.length;
      ls.splice(i, 0, ls[i]!);
      return ls.join('\r\n');
    }
    case 'swapLines': {
      const ls = lines();
      const a = m.a % ls.length;
      const b = m.b % ls.length;
      [ls[a], ls[b]] = [ls[b]!, ls[a]!];
      return ls.join('\r\n');
    }
    case 'replaceCell': {
      const ls = lines();
      const i = m.line % ls.length;
      const cells = ls[i]!.split(',');
      cells[m.cell % cells.length] = m.text;
      ls[i] = cells.join(',');
      return ls.join('\r\n');
    }
    case 'stripZeros':
      // What Excel does to a column of numbers saved as text.
      return text.replace(/(^|\r\n|,)0+(\d)/g, '$1$2');
  }
}

function buildFile(spec: FileSpec): string {
  const lines = spec.base === 'demo' ? demoLines : hrLines;
  const body = lines.slice(1);
  const start = spec.start % body.length;
  let text = [lines[0]!, ...body.slice(start, start + spec.rows)].join('\r\n') + '\r\n';
  for (const m of spec.mutations) text = mutate(text, m);
  return text.slice(0, MAX_CHARS);
}

/** A register the files are compared with: the clean first rows of both bases, some with leading zeros. */
const REGISTER = (() => {
  const demo = readRows([...demoLines.slice(0, 40)].join('\r\n'));
  const hr = readRows(hrLines.slice(0, 30).join('\r\n'), HR_MAPPING);
  const plan = planImport([], [...demo.rows, ...hr.rows], { source: 'seed.csv', now: NOW });
  return resolvePlan(plan).put;
})();

function readFuzzed(spec: FileSpec, text: string) {
  return readRows(text, spec.base === 'hr' && spec.withMapping ? HR_MAPPING : undefined, { source: 'fuzz.csv' });
}

console.log(`import fuzz: fast-check seed ${SEED}`);

describe('import fuzzing (seed printed above)', () => {
  it('never throws on a truncated or mutated file; what it reads is valid, keyed once, and plans cleanly', () => {
    fc.assert(
      fc.property(arbFile, (spec) => {
        const text = buildFile(spec);
        const read = readFuzzed(spec, text);
        const keys = new Set<string>();
        for (const row of read.rows) {
          expect(StaffRecord.safeParse(row.record).success).toBe(true);
          expect(keys.has(keyOf(row.record))).toBe(false);
          keys.add(keyOf(row.record));
          expect(row.line).toBeGreaterThan(read.headerLine);
        }
        for (const e of read.errors) {
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.reason).toMatch(/^[A-Z'‘]/);
          expect(e.reason).not.toMatch(/undefined|\[object|NaN/);
        }
        if (read.required.length > 0) expect(read.rows).toEqual([]);

        const plan = planImport(REGISTER, read.rows, { source: 'fuzz.csv', now: NOW });
        const held = new Set(plan.suspectedStrippedZeros.map((s) => s.incomingKey));
        expect(plan.added.length + plan.changed.length + plan.unchanged + held.size).toBe(read.rows.length);
        for (const s of plan.suspectedStrippedZeros) {
          expect(plan.added.map(keyOf)).not.toContain(s.incomingKey);
          expect(REGISTER.map(keyOf)).toContain(s.existingKey);
        }
        const { put, undo } = resolvePlan(plan);
        for (const r of put) expect(StaffRecord.safeParse(r).success).toBe(true);
        expect(new Set(put.map(keyOf)).size).toBe(put.length);
        expect(undo.remove).toEqual(plan.added.map(keyOf));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  }, 60_000);

  it('through the message handlers: a failed import changes nothing in the store, a successful one lands whole', async () => {
    const failures = fc.constantFrom('none', 'none', 'validation');
    await fc.assert(
      fc.asyncProperty(arbFile, failures, async (spec, failure) => {
        let lastPut: StaffRecord[] = [];
        const importer: Importer = {
          preview: (input) => csvImporter.preview(input),
          resolve(plan, choices) {
            const put = csvImporter.resolve(plan, choices);
            // A validation error injected in the last record: the store must refuse the whole import.
            if (failure === 'validation' && put.length > 0) put[put.length - 1] = { ...put.at(-1)!, fte: 9 };
            lastPut = put;
            return put;
          },
        };
        const access = createDbAccess({ name: uniqueDbName() });
        const staff = createStaffStore({ db: access, now: tickingClock() });
        const h = makeHandlers({ importer, staff, settings: createSettingsStore({ db: access }) });
        await staff.applyImport({ put: REGISTER, source: 'seed.csv', counts: zeroCounts() });
        const before = await snapshot(access);

        const text = buildFile(spec);
        const preview = await h.handlers.handle(
          {
            type: 'previewImport',
            source: 'fuzz.csv',
            text,
            ...(spec.base === 'hr' && spec.withMapping ? { mapping: HR_MAPPING } : {}),
          },
          DASHBOARD,
        );
        // Previewing never writes.
        expect(await snapshot(access)).toEqual(before);
        if (!preview.ok) return;
        const p = preview.data as ImportPreview;
        const applied = await h.handlers.handle({ type: 'applyImport', id: p.id, choices: {} }, DASHBOARD);
        const after = await snapshot(access);
        if (p.problem || (failure === 'validation' && lastPut.length > 0) || !applied.ok) {
          expect(applied.ok && !p.problem && failure !== 'validation').toBe(false);
          expect(after).toEqual(before);
          return;
        }
        // Applied: exactly the resolved records changed, everything else is as it was, in one step.
        const changedKeys = new Set<string>(lastPut.map(keyOf));
        for (const [key, value] of after.records) {
          if (changedKeys.has(key)) expect(value).toEqual(lastPut.find((r) => keyOf(r) === (key as string)));
          else expect(value).toEqual(before.records.get(key));
        }
        for (const key of before.records.keys()) expect(after.records.has(key)).toBe(true);
        expect(after.records.size).toBe(
          before.records.size + lastPut.filter((r) => !before.records.has(keyOf(r))).length,
        );
        expect(after.version).toBe(before.version + 1);
        expect(after.imports).toBe(before.imports + 1);
      }),
      { seed: SEED, numRuns: 40 },
    );
  }, 60_000);
});

function zeroCounts() {
  return { rows: 0, added: 0, changed: 0, unchanged: 0, notInRoster: 0, invalid: 0, conflicts: 0 };
}

interface Snapshot {
  records: Map<string, unknown>;
  buckets: unknown[];
  version: number;
  imports: number;
  undo: unknown[];
}

async function snapshot(access: DbAccess): Promise<Snapshot> {
  const db = await access.getDb();
  const buckets = await db.getAll('staff');
  const records = new Map<string, unknown>();
  for (const b of buckets) {
    for (const [k, v] of Object.entries(b.records)) {
      expect(bucketOf(k)).toBe(b.id);
      records.set(k, v);
    }
  }
  const meta = (await db.get('meta', 'register')) as { registerVersion: number } | undefined;
  return {
    records,
    buckets,
    version: meta?.registerVersion ?? 0,
    imports: await db.count('imports'),
    undo: await db.getAll('undo'),
  };
}
