import { afterEach, describe, expect, it, vi } from 'vitest';
import { csvImporter } from '../../../lib/messaging/csv-importer';
import type { Importer } from '../../../lib/messaging/handlers';
import type { ImportPreview } from '../../../lib/messaging/protocol';
import { MESSAGES, type DbAccess } from '../../../lib/store/db';
import { createSettingsStore } from '../../../lib/store/settings-store';
import { UNDO_DEPTH } from '../../../lib/store/staff-store';
import { DASHBOARD, makeHandlers } from '../messaging/helpers';
import { counts, makeStore, person } from './helpers';

/**
 * Failures in the middle of an import (unreadable file, invalid record, a transaction aborted by the browser,
 * a full disk reported at once or only when committing) leave every object store exactly as it was.
 * staff-store.test.ts covers an invalid record, a thrown write to the undo store and a thrown quota error on
 * the staff store; these are the other ways an import can stop half-way.
 */

afterEach(() => {
  vi.restoreAllMocks();
});

const STORES = ['staff', 'imports', 'undo', 'meta', 'mappings', 'settings', 'syncState'] as const;

/** Every key and value of every object store: the whole database, to compare before and after. */
async function dump(access: DbAccess): Promise<Record<string, [unknown, unknown][]>> {
  const db = await access.getDb();
  const out: Record<string, [unknown, unknown][]> = {};
  for (const name of STORES) {
    const [keys, values] = await Promise.all([db.getAllKeys(name), db.getAll(name)]);
    out[name] = keys.map((k, i) => [k, values[i]]);
  }
  return out;
}

/** A store with two imports behind it, a saved mapping and an edit, so there is something to lose. */
async function seeded() {
  const s = makeStore();
  await s.store.applyImport({
    put: [person('camden', 'C1'), person('haringey', 'H1'), person('islington', '001016')],
    source: 'first.csv',
    counts: counts({ rows: 3, added: 3 }),
    mapping: { source: 'first.csv', columns: { 'Emp No': 'employeeNumber' }, vacantRows: 'keep' },
  });
  await s.store.applyImport({
    put: [person('haringey', 'H1', { team: 'Networks' })],
    source: 'second.csv',
    counts: counts({ rows: 1, changed: 1 }),
  });
  await s.store.updateRecord('camden:C1', (r) => ({ ...r, grade: 'PO4' }), 'Asha Patel');
  return { ...s, before: await dump(s.access) };
}

const NEXT = {
  put: [person('camden', 'C1', { grade: 'PO5' }), person('haringey', 'H2'), person('islington', 'I9')],
  source: 'third.csv',
  counts: counts({ rows: 3, added: 2, changed: 1 }),
  mapping: { source: 'third.csv', columns: { 'Staff No': 'employeeNumber' }, vacantRows: 'keep' as const },
};

/** Makes the first write to `store` run `act` (on the request's transaction) instead of, or before, writing. */
function onWrite(store: string, act: (objectStore: IDBObjectStore) => void, method: 'put' | 'add' = 'put') {
  const original = IDBObjectStore.prototype[method];
  const written: string[] = [];
  vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args) {
    written.push(this.name);
    if (this.name === store) act(this);
    return (original as (...a: unknown[]) => IDBRequest).apply(this, args);
  });
  return written;
}

describe('an import that fails half-way changes nothing', () => {
  it('when the browser aborts the transaction after the staff buckets were written', async () => {
    const s = await seeded();
    const written = onWrite('meta', (os) => os.transaction.abort());
    await expect(s.store.applyImport(NEXT)).rejects.toThrow();
    vi.restoreAllMocks();
    expect(written.filter((n) => n === 'staff').length).toBeGreaterThan(0);
    expect(await dump(s.access)).toEqual(s.before);
  });

  it('when the disk is full only at commit (the transaction aborts with a quota error), with a plain message', async () => {
    const s = await seeded();
    onWrite('meta', (os) => {
      // Chromium reports quota at commit: the transaction aborts and its error is a QuotaExceededError.
      Object.defineProperty(os.transaction, 'error', {
        value: new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
      });
      os.transaction.abort();
    });
    await expect(s.store.applyImport(NEXT)).rejects.toThrow(MESSAGES.quota);
    vi.restoreAllMocks();
    expect(await dump(s.access)).toEqual(s.before);
  });

  it('when the quota error comes from the import history entry, after the records', async () => {
    const s = await seeded();
    onWrite(
      'imports',
      () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
      'add',
    );
    await expect(s.store.applyImport(NEXT)).rejects.toThrow(MESSAGES.quota);
    vi.restoreAllMocks();
    expect(await dump(s.access)).toEqual(s.before);
  });

  it('when saving the column mapping fails: the records and the history entry are not written either', async () => {
    const s = await seeded();
    onWrite('mappings', () => {
      throw new DOMException('Injected failure', 'UnknownError');
    });
    await expect(s.store.applyImport(NEXT)).rejects.toThrow('Injected failure');
    vi.restoreAllMocks();
    expect(await dump(s.access)).toEqual(s.before);
    expect(await s.store.getMapping('third.csv')).toBeUndefined();
  });

  it('when the last write (the register version) fails, older undo snapshots are not pruned either', async () => {
    const s = makeStore();
    for (let i = 0; i < UNDO_DEPTH; i++) {
      await s.store.applyImport({
        put: [person('camden', 'C1', { grade: `G${i}` })],
        source: `${i}.csv`,
        counts: counts(),
      });
    }
    const before = await dump(s.access);
    onWrite('meta', () => {
      throw new DOMException('Injected failure', 'UnknownError');
    });
    // This import would prune the oldest snapshot (it is the UNDO_DEPTH + 1st).
    await expect(s.store.applyImport(NEXT)).rejects.toThrow('Injected failure');
    vi.restoreAllMocks();
    expect(await dump(s.access)).toEqual(before);
    expect(await (await s.access.getDb()).count('undo')).toBe(UNDO_DEPTH);
  });

  it('an import after a failed one works normally', async () => {
    const s = await seeded();
    onWrite('meta', (os) => os.transaction.abort());
    await expect(s.store.applyImport(NEXT)).rejects.toThrow();
    vi.restoreAllMocks();
    const r = await s.store.applyImport(NEXT);
    expect(r.version).toBe(4);
    expect(await s.store.getRecord('islington:I9')).toEqual(person('islington', 'I9'));
  });
});

describe('an undo that fails half-way changes nothing', () => {
  it('when the transaction is aborted after the buckets were put back', async () => {
    const s = await seeded();
    onWrite('meta', (os) => os.transaction.abort());
    await expect(s.store.undoLastImport()).rejects.toThrow();
    vi.restoreAllMocks();
    expect(await dump(s.access)).toEqual(s.before);
  });
});

describe('through the message handlers (parse and validation errors)', () => {
  function handlersOver(access: DbAccess, store: ReturnType<typeof makeStore>['store'], importer: Importer) {
    return makeHandlers({ staff: store, settings: createSettingsStore({ db: access }), importer });
  }

  async function send(h: ReturnType<typeof makeHandlers>, message: unknown) {
    return h.handlers.handle(message, DASHBOARD);
  }

  it('a file that cannot be read is previewed with its problem and cannot be applied', async () => {
    const s = await seeded();
    const h = handlersOver(s.access, s.store, csvImporter);
    const preview = await send(h, {
      type: 'previewImport',
      source: 'broken.csv',
      text: 'Employee No,Council\n"1016,Islington\n',
    });
    expect(preview.ok).toBe(true);
    const p = (preview as { data: ImportPreview }).data;
    expect(p.problem).toMatch(/^No row could be read|column/);
    const applied = await send(h, { type: 'applyImport', id: p.id, choices: {} });
    expect(applied).toEqual({ ok: false, error: p.problem });
    expect(await dump(s.access)).toEqual(s.before);
  });

  it('rows with errors are left out, and an invalid record among the ones to write stops the whole import', async () => {
    const s = await seeded();
    const importer: Importer = {
      preview: (input) => csvImporter.preview(input),
      // A bug that lets one bad record through to the store: it refuses everything.
      resolve: (plan, choices) => [...csvImporter.resolve(plan, choices), { ...person('camden', 'C7'), fte: 9 }],
    };
    const h = handlersOver(s.access, s.store, importer);
    const preview = await send(h, {
      type: 'previewImport',
      source: 'hr.csv',
      text: 'Employee No,Forename,Surname,Council,FTE\nC5,Jo,Smith,Camden,1\nC6,Al,Jones,Camden,lots\n',
    });
    const p = (preview as { data: ImportPreview }).data;
    expect(p.counts).toMatchObject({ rows: 2, added: 1, invalid: 1 });
    const applied = await send(h, { type: 'applyImport', id: p.id, choices: {} });
    expect(applied.ok).toBe(false);
    expect((applied as { error: string }).error).toMatch(/^Record C7 is not valid: fte: .*Nothing was changed\.$/);
    expect(await dump(s.access)).toEqual(s.before);
    // The preview is still there to try again.
    expect(await send(h, { type: 'getPendingImports' })).toMatchObject({ ok: true, data: [{ id: p.id }] });
  });

  it('a file Excel stripped of leading zeros adds nobody twice', async () => {
    const s = await seeded();
    const h = handlersOver(s.access, s.store, csvImporter);
    const preview = await send(h, {
      type: 'previewImport',
      source: 'excel.csv',
      text: 'Employee No,Forename,Surname,Council\n1016,Test,Person 001016,Islington\n',
    });
    const p = (preview as { data: ImportPreview }).data;
    expect(p.plan).toMatchObject({
      added: [],
      suspectedStrippedZeros: [{ line: 2, incomingKey: 'islington:1016', existingKey: 'islington:001016' }],
    });
    expect(await send(h, { type: 'applyImport', id: p.id, choices: {} })).toMatchObject({ ok: true });
    const after = await s.store.loadRegister();
    expect(after.records.map((r) => r.employeeNumber).sort()).toEqual(['001016', 'C1', 'H1']);
  });
});
