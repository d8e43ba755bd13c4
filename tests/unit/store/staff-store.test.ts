import { afterEach, describe, expect, it, vi } from 'vitest';
import { bucketOf, MESSAGES } from '../../../lib/store/db';
import { flattenFields, isDamaged, STALE_PREVIEW, UNDO_DEPTH } from '../../../lib/store/staff-store';
import { counts, makeStore, person } from './helpers';

afterEach(() => {
  vi.restoreAllMocks();
});

async function rawBuckets(s: ReturnType<typeof makeStore>) {
  const db = await s.access.getDb();
  return db.getAll('staff');
}

describe('applyImport', () => {
  it('writes the records, keeps the history and bumps the register version', async () => {
    const s = makeStore();
    const a = person('camden', 'C1');
    const b = person('haringey', 'H1');
    const r = await s.store.applyImport({ put: [a, b], source: 'roster.csv', counts: counts({ rows: 2, added: 2 }) });
    expect(r.version).toBe(1);
    const loaded = await s.store.loadRegister();
    expect(loaded.version).toBe(1);
    expect(loaded.records).toHaveLength(2);
    expect(await s.store.getRecord('haringey:H1')).toEqual(b);
    const history = await s.store.getImportHistory();
    expect(history).toEqual([
      expect.objectContaining({
        id: r.importId,
        source: 'roster.csv',
        touched: 2,
        counts: counts({ rows: 2, added: 2 }),
      }),
    ]);
  });

  it('refuses a preview made before the register last changed, and changes nothing', async () => {
    const s = makeStore();
    const first = await s.store.applyImport({
      put: [person('camden', 'C1')],
      source: 'a.csv',
      counts: counts({ added: 1 }),
      basedOnVersion: 0,
    });
    expect(first.version).toBe(1);
    const before = await rawBuckets(s);
    // A second preview was made while the register was still at version 0: applying it now would write over C1.
    await expect(
      s.store.applyImport({
        put: [{ ...person('camden', 'C1'), jobTitle: 'Old title' }, person('camden', 'C2')],
        source: 'b.csv',
        counts: counts({ added: 1, changed: 1 }),
        basedOnVersion: 0,
      }),
    ).rejects.toThrow(STALE_PREVIEW);
    expect(await rawBuckets(s)).toEqual(before);
    expect((await s.store.loadRegister()).version).toBe(1);
    expect(await s.store.getImportHistory()).toHaveLength(1);
    // Made against the current version, it goes through.
    const second = await s.store.applyImport({
      put: [person('camden', 'C2')],
      source: 'b.csv',
      counts: counts({ added: 1 }),
      basedOnVersion: 1,
    });
    expect(second.version).toBe(2);
  });

  it('rejects an invalid record before writing anything', async () => {
    const s = makeStore();
    const bad = { ...person('camden', 'C1'), fte: 7 };
    await expect(s.store.applyImport({ put: [bad], source: 'x.csv', counts: counts() })).rejects.toThrow(
      /Record C1 is not valid: fte: FTE above 1.5 is not plausible/,
    );
    expect((await s.store.loadRegister()).records).toEqual([]);
  });

  it('is atomic: a failure after the records were written leaves nothing behind', async () => {
    const s = makeStore();
    await s.store.applyImport({ put: [person('camden', 'C1')], source: 'a.csv', counts: counts({ added: 1 }) });
    const before = await rawBuckets(s);
    // The undo snapshot is the last write of the transaction, after the staff buckets and the history entry.
    const put = IDBObjectStore.prototype.put;
    const written: string[] = [];
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      written.push(this.name);
      if (this.name === 'undo') throw new DOMException('Injected failure', 'UnknownError');
      return put.apply(this, args);
    });
    await expect(
      s.store.applyImport({
        put: [person('camden', 'C1', { team: 'Networks' }), person('islington', 'I9')],
        source: 'b.csv',
        counts: counts({ added: 1, changed: 1 }),
      }),
    ).rejects.toThrow('Injected failure');
    vi.restoreAllMocks();
    expect(written.filter((n) => n === 'staff').length).toBeGreaterThan(0);
    expect(await rawBuckets(s)).toEqual(before);
    expect(await s.store.getVersion()).toBe(1);
    expect(await s.store.getImportHistory()).toHaveLength(1);
  });

  it('reports a full disk plainly and changes nothing', async () => {
    const s = makeStore();
    await s.store.applyImport({ put: [person('camden', 'C1')], source: 'a.csv', counts: counts({ added: 1 }) });
    const before = await rawBuckets(s);
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'staff') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    await expect(
      s.store.applyImport({ put: [person('camden', 'C2')], source: 'b.csv', counts: counts({ added: 1 }) }),
    ).rejects.toThrow(MESSAGES.quota);
    vi.restoreAllMocks();
    expect(await rawBuckets(s)).toEqual(before);
    expect(await s.store.getVersion()).toBe(1);
  });

  it('saves the mapping for the source in the same transaction', async () => {
    const s = makeStore();
    const mapping = { source: 'itrent.csv', columns: { 'Emp No': 'employeeNumber' }, vacantRows: 'keep' as const };
    await s.store.applyImport({ put: [person('camden', 'C1')], source: 'itrent.csv', counts: counts(), mapping });
    expect(await s.store.getMapping('itrent.csv')).toEqual(mapping);
    expect(await s.store.getMapping('other.csv')).toBeUndefined();
  });
});

describe('undoLastImport', () => {
  it('restores exactly the state before the last import, including an edit made before it', async () => {
    const s = makeStore();
    await s.store.applyImport({
      put: [person('camden', 'C1'), person('haringey', 'H1'), person('islington', 'I1')],
      source: 'first.csv',
      counts: counts({ added: 3 }),
    });
    await s.store.updateRecord('haringey:H1', (r) => ({ ...r, team: 'Networks' }), 'Asha Patel');
    const beforeSecond = await rawBuckets(s);
    const registerBefore = await s.store.loadRegister();

    await s.store.applyImport({
      put: [
        person('haringey', 'H1', { team: 'Shared Service Centre' }),
        person('islington', 'I1', { jobTitle: 'Network engineer' }),
        person('islington', 'I2'),
      ],
      source: 'second.csv',
      counts: counts({ added: 1, changed: 2 }),
    });
    const undone = await s.store.undoLastImport();
    expect(undone).toMatchObject({ restored: 2, removed: 1 });

    expect(await rawBuckets(s)).toEqual(beforeSecond);
    const after = await s.store.loadRegister();
    expect(after.records).toEqual(registerBefore.records);
    expect(after.version).toBeGreaterThan(registerBefore.version);
    const h1 = await s.store.getRecord('haringey:H1');
    expect(h1 && !isDamaged(h1) && h1.team).toBe('Networks');
    const history = await s.store.getImportHistory();
    expect(history[0]).toMatchObject({ source: 'second.csv', touched: 0, undoneAt: expect.any(String) });
  });

  it('undoes imports one after another, newest first, and then says there is nothing left', async () => {
    const s = makeStore();
    await s.store.applyImport({ put: [person('camden', 'C1')], source: 'a.csv', counts: counts() });
    await s.store.applyImport({ put: [person('camden', 'C1', { grade: 'PO4' })], source: 'b.csv', counts: counts() });
    await s.store.undoLastImport();
    expect(await s.store.getRecord('camden:C1')).toEqual(person('camden', 'C1'));
    await s.store.undoLastImport();
    expect(await s.store.getRecord('camden:C1')).toBeUndefined();
    await expect(s.store.undoLastImport()).rejects.toThrow('There is no import to undo.');
  });

  it('previews which people were edited after the import, because undo reverts those edits', async () => {
    const s = makeStore();
    await s.store.applyImport({
      put: [person('camden', 'C1'), person('haringey', 'H1')],
      source: 'a.csv',
      counts: counts(),
    });
    await s.store.applyImport({
      put: [person('haringey', 'H1', { grade: 'SO2' }), person('islington', 'I1')],
      source: 'b.csv',
      counts: counts(),
    });
    await s.store.updateRecord('haringey:H1', (r) => ({ ...r, tomFunction: 'digital-change' }), 'Asha Patel');
    await s.store.updateRecord('camden:C1', (r) => ({ ...r, team: 'Networks' }), 'Asha Patel'); // not in b.csv

    const preview = await s.store.previewUndoLastImport();
    expect(preview).toMatchObject({ source: 'b.csv', added: ['islington:I1'], restored: ['haringey:H1'] });
    expect(preview?.editedSince).toEqual([{ key: 'haringey:H1', name: 'Test Person H1', fields: ['tomFunction'] }]);
    await s.store.undoLastImport();
    const h1 = await s.store.getRecord('haringey:H1');
    expect(h1).toEqual(person('haringey', 'H1'));
    // Now a.csv is the last import, and the edit to C1 came after it.
    expect(await s.store.previewUndoLastImport()).toMatchObject({
      source: 'a.csv',
      editedSince: [{ key: 'camden:C1', name: 'Test Person C1', fields: ['team'] }],
    });
  });

  it(`keeps undo snapshots for the last ${UNDO_DEPTH} imports only`, async () => {
    const s = makeStore();
    for (let i = 0; i <= UNDO_DEPTH; i++) {
      await s.store.applyImport({
        put: [person('camden', 'C1', { grade: `G${i}` })],
        source: `${i}.csv`,
        counts: counts(),
      });
    }
    expect(await (await s.access.getDb()).count('undo')).toBe(UNDO_DEPTH);
    for (let i = 0; i < UNDO_DEPTH; i++) await s.store.undoLastImport();
    expect(await (await s.access.getDb()).count('undo')).toBe(0);
    await expect(s.store.undoLastImport()).rejects.toThrow('The last import is too old to undo.');
    expect(await s.store.getRecord('camden:C1')).toEqual(person('camden', 'C1', { grade: 'G0' }));
  });
});

describe('updateRecord', () => {
  it('records who changed which field, from what to what, and marks the fields as edited locally', async () => {
    const s = makeStore();
    await s.store.applyImport({ put: [person('islington', 'I1')], source: 'a.csv', counts: counts() });
    const r = await s.store.updateRecord(
      'islington:I1',
      (rec) => ({ ...rec, team: 'Networks', s113: { ...rec.s113, noticeIssued: '2016-04-01' } }),
      'Asha Patel',
    );
    expect(r.version).toBe(2);
    expect(r.changed.sort()).toEqual(['s113.noticeIssued', 'team']);
    expect([...r.record.history].sort((x, y) => x.field.localeCompare(y.field))).toEqual([
      { at: expect.any(String), by: 'Asha Patel', field: 's113.noticeIssued', to: '2016-04-01' },
      { at: expect.any(String), by: 'Asha Patel', field: 'team', to: 'Networks' },
    ]);
    expect(Object.keys(r.record.localEdits).sort()).toEqual(['s113.noticeIssued', 'team']);
    expect(await s.store.getRecord('islington:I1')).toEqual(r.record);

    const again = await s.store.updateRecord('islington:I1', (rec) => ({ ...rec, team: 'Research' }), '');
    expect(again.record.history.at(-1)).toMatchObject({
      by: 'Unknown user',
      field: 'team',
      from: 'Networks',
      to: 'Research',
    });
  });

  it('does not bump the version when nothing changed, and ignores history the caller tries to write', async () => {
    const s = makeStore();
    await s.store.applyImport({ put: [person('camden', 'C1')], source: 'a.csv', counts: counts() });
    const r = await s.store.updateRecord('camden:C1', (rec) => ({ ...rec, history: [] }), 'Asha Patel');
    expect(r).toMatchObject({ version: 1, changed: [] });
  });

  it('refuses invalid values, key changes and unknown people, changing nothing', async () => {
    const s = makeStore();
    await s.store.applyImport({ put: [person('camden', 'C1')], source: 'a.csv', counts: counts() });
    const before = await rawBuckets(s);
    await expect(s.store.updateRecord('camden:C1', (r) => ({ ...r, fte: -1 }), 'A')).rejects.toThrow(
      'The change was not saved: fte: FTE cannot be negative',
    );
    await expect(s.store.updateRecord('camden:C1', (r) => ({ ...r, employeeNumber: 'C2' }), 'A')).rejects.toThrow(
      'cannot be changed',
    );
    await expect(s.store.updateRecord('camden:C404', (r) => r, 'A')).rejects.toThrow('Nobody with the key');
    expect(await rawBuckets(s)).toEqual(before);
  });
});

describe('damaged records', () => {
  it('are returned with the reason and the raw value, never dropped, and cannot be edited', async () => {
    const s = makeStore();
    await s.store.applyImport({ put: [person('camden', 'C1')], source: 'a.csv', counts: counts() });
    const db = await s.access.getDb();
    const raw = { council: 'haringey', employeeNumber: 'H7', emails: ['not an address'] };
    const bucket = (await db.get('staff', bucketOf('haringey:H7')))!;
    bucket.records['haringey:H7'] = raw;
    await db.put('staff', bucket);
    // Stored under a key that does not match its content.
    const other = (await db.get('staff', bucketOf('islington:I8')))!;
    other.records['islington:I8'] = person('islington', 'I9');
    await db.put('staff', other);

    const loaded = await s.store.loadRegister();
    expect(loaded.records.map((r) => r.employeeNumber)).toEqual(['C1']);
    expect(loaded.damaged).toEqual(
      expect.arrayContaining([
        { damaged: true, key: 'haringey:H7', reason: 'emails.0: Not an e-mail address', raw },
        expect.objectContaining({
          damaged: true,
          key: 'islington:I8',
          reason: expect.stringContaining('islington:I9'),
        }),
      ]),
    );
    expect(await s.store.getRecord('haringey:H7')).toMatchObject({ damaged: true, raw });
    await expect(s.store.updateRecord('haringey:H7', (r) => r, 'A')).rejects.toThrow(/damaged/);
  });

  it('can be replaced by an import and undo brings the damaged value back exactly', async () => {
    const s = makeStore();
    const db = await s.access.getDb();
    const raw = { council: 'haringey', employeeNumber: 'H7', fte: 'lots' };
    const bucket = (await db.get('staff', bucketOf('haringey:H7')))!;
    bucket.records['haringey:H7'] = raw;
    await db.put('staff', bucket);
    await s.store.applyImport({ put: [person('haringey', 'H7')], source: 'fix.csv', counts: counts() });
    expect((await s.store.loadRegister()).damaged).toEqual([]);
    await s.store.undoLastImport();
    expect(await s.store.getRecord('haringey:H7')).toMatchObject({ damaged: true, raw });
  });
});

describe('deleteRecords and wipeAll', () => {
  it('removes only the named people and bumps the version', async () => {
    const s = makeStore();
    await s.store.applyImport({
      put: [person('camden', 'C1'), person('haringey', 'H1'), person('islington', 'I1')],
      source: 'a.csv',
      counts: counts(),
    });
    expect(await s.store.deleteRecords(['haringey:H1', 'islington:I404'])).toEqual({ version: 2, removed: 1 });
    expect((await s.store.loadRegister()).records.map((r) => r.employeeNumber).sort()).toEqual(['C1', 'I1']);
    expect(await s.store.deleteRecords(['islington:I404'])).toEqual({ version: 2, removed: 0 });
  });

  it('removes every record, the import history and saved mappings; the version keeps counting up', async () => {
    const s = makeStore();
    await s.store.applyImport({
      put: [person('camden', 'C1')],
      source: 'a.csv',
      counts: counts(),
      mapping: { source: 'a.csv', columns: {} },
    });
    const r = await s.store.wipeAll();
    expect(r.version).toBe(2);
    const loaded = await s.store.loadRegister();
    expect(loaded).toEqual({ version: 2, records: [], damaged: [] });
    expect(await s.store.getImportHistory()).toEqual([]);
    expect(await s.store.getMapping('a.csv')).toBeUndefined();
    expect(await s.store.previewUndoLastImport()).toBeNull();
  });
});

describe('flattenFields', () => {
  it('walks objects and keeps arrays whole, leaving out history and localEdits', () => {
    const f = flattenFields(person('camden', 'C1', { s113: { placed: true, noticeIssued: '2016-04-01' } }));
    expect(f.get('s113.noticeIssued')).toBe('2016-04-01');
    expect(f.get('s113.placed')).toBe('true');
    expect(f.get('emails')).toBe('["pC1@camden.example"]');
    expect([...f.keys()].some((k) => k.startsWith('history') || k.startsWith('localEdits'))).toBe(false);
  });
});
