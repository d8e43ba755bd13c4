import { describe, expect, it } from 'vitest';
import { BUCKET_COUNT, DB_VERSION, MESSAGES, bucketOf, createDbAccess } from '../../../lib/store/db';
import { createStaffStore } from '../../../lib/store/staff-store';
import { person, rawOpen, uniqueDbName } from './helpers';

describe('schema migrations', () => {
  it('creates the current version with 128 empty buckets on a fresh install', async () => {
    const access = createDbAccess({ name: uniqueDbName() });
    const db = await access.getDb();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([
      'imports',
      'mappings',
      'meta',
      'settings',
      'staff',
      'syncState',
      'undo',
    ]);
    const buckets = await db.getAll('staff');
    expect(buckets).toHaveLength(BUCKET_COUNT);
    expect(buckets.every((b) => Object.keys(b.records).length === 0)).toBe(true);
    access.close();
  });

  it('moves every version 1 record (one value per key) into buckets unchanged, damaged ones included', async () => {
    const name = uniqueDbName();
    const records = [
      person('camden', 'C1001', { knownAs: 'Bea' }),
      person('haringey', 'H2002', { tomFunction: 'common-infrastructure', fte: 0.6 }),
      person('islington', 'I3003', { s113: { placed: true, noticeIssued: '2016-04-01' } }),
    ];
    const damaged = { council: 'islington', employeeNumber: 'I4004', fte: 'full time' };
    // Version 1 as the old code wrote it: a `staff` store with one record per staff key.
    const v1 = await rawOpen(name, 1, (db) => {
      db.createObjectStore('staff');
      db.createObjectStore('meta');
      db.createObjectStore('settings');
    });
    await new Promise<void>((resolve, reject) => {
      const tx = v1.transaction(['staff', 'meta'], 'readwrite');
      for (const r of records) tx.objectStore('staff').put(r, `${r.council}:${r.employeeNumber}`);
      tx.objectStore('staff').put(damaged, 'islington:I4004');
      tx.objectStore('meta').put({ registerVersion: 7 }, 'register');
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    v1.close();

    const access = createDbAccess({ name });
    const store = createStaffStore({ db: access });
    const loaded = await store.loadRegister();
    expect(loaded.version).toBe(7);
    const byKey = Object.fromEntries(loaded.records.map((r) => [`${r.council}:${r.employeeNumber}`, r]));
    expect(byKey).toEqual({
      'camden:C1001': records[0],
      'haringey:H2002': records[1],
      'islington:I3003': records[2],
    });
    expect(loaded.damaged).toHaveLength(1);
    expect(loaded.damaged[0]).toMatchObject({ damaged: true, key: 'islington:I4004', raw: damaged });
    const db = await access.getDb();
    expect(db.version).toBe(DB_VERSION);
    // Each record sits in the bucket its key hashes to.
    const bucket = await db.get('staff', bucketOf('haringey:H2002'));
    expect(bucket?.records['haringey:H2002']).toEqual(records[1]);
    access.close();
  });
});

describe('version 2 → 3', () => {
  it('moves undo snapshots out of the import history, and undo still restores exactly', async () => {
    const name = uniqueDbName();
    const before = person('haringey', 'H1');
    const after = person('haringey', 'H1', { team: 'Networks' });
    const added = person('islington', 'I1');
    // Version 2 as it was: buckets, and import entries carrying their snapshot.
    const v2 = await rawOpen(name, 2, (db) => {
      db.createObjectStore('staff', { keyPath: 'id' });
      db.createObjectStore('meta');
      db.createObjectStore('settings');
      db.createObjectStore('imports', { autoIncrement: true });
      db.createObjectStore('mappings');
      db.createObjectStore('syncState');
    });
    await new Promise<void>((resolve, reject) => {
      const tx = v2.transaction(['staff', 'imports', 'meta'], 'readwrite');
      const buckets = new Map<number, { id: number; records: Record<string, unknown> }>();
      for (let id = 0; id < BUCKET_COUNT; id++) buckets.set(id, { id, records: {} });
      buckets.get(bucketOf('haringey:H1'))!.records['haringey:H1'] = after;
      buckets.get(bucketOf('islington:I1'))!.records['islington:I1'] = added;
      for (const b of buckets.values()) tx.objectStore('staff').put(b);
      const counts = { rows: 2, added: 1, changed: 1, unchanged: 0, notInRoster: 0, invalid: 0, conflicts: 0 };
      tx.objectStore('imports').add({
        id: 'import-1',
        at: '2018-01-10T09:00:00.000Z',
        source: 'a.csv',
        counts,
        snapshot: {},
        undoneAt: '2018-01-10T09:30:00.000Z',
      });
      tx.objectStore('imports').add({
        id: 'import-2',
        at: '2018-01-11T09:00:00.000Z',
        source: 'b.csv',
        counts,
        snapshot: { 'haringey:H1': before, 'islington:I1': null },
      });
      tx.objectStore('meta').put({ registerVersion: 4 }, 'register');
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    v2.close();

    const access = createDbAccess({ name });
    const store = createStaffStore({ db: access });
    expect(await store.getImportHistory()).toEqual([
      expect.objectContaining({ id: 'import-2', source: 'b.csv', touched: 2 }),
      expect.objectContaining({ id: 'import-1', touched: 0, undoneAt: '2018-01-10T09:30:00.000Z' }),
    ]);
    const db = await access.getDb();
    expect(await db.get('imports', 2)).not.toHaveProperty('snapshot');
    expect(await store.previewUndoLastImport()).toMatchObject({ added: ['islington:I1'], restored: ['haringey:H1'] });
    await store.undoLastImport();
    expect((await store.loadRegister()).records).toEqual([before]);
    access.close();
  });
});

describe('connections', () => {
  it('opens lazily: creating the access opens nothing', async () => {
    const name = uniqueDbName();
    createDbAccess({ name });
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain(name);
  });

  it('steps aside when another tab upgrades the schema, then reports the newer version plainly', async () => {
    const name = uniqueDbName();
    const access = createDbAccess({ name });
    const store = createStaffStore({ db: access });
    await store.loadRegister();
    // A newer version of the extension opens version 3: it must not hang behind our open connection.
    const newer = await rawOpen(name, DB_VERSION + 1);
    expect(newer.version).toBe(DB_VERSION + 1);
    newer.close();
    await expect(store.loadRegister()).rejects.toThrow(MESSAGES.newer);
  });

  it('upgrades past an old connection that closes itself on versionchange', async () => {
    const name = uniqueDbName();
    const old = await rawOpen(name, 1, (db) => {
      db.createObjectStore('staff');
      db.createObjectStore('meta');
      db.createObjectStore('settings');
    });
    old.onversionchange = () => old.close();
    const access = createDbAccess({ name });
    const db = await access.getDb();
    expect(db.version).toBe(DB_VERSION);
    access.close();
  });

  it('gives up with a plain message, instead of hanging, when an old connection never closes', async () => {
    const name = uniqueDbName();
    const old = await rawOpen(name, 1, (db) => {
      db.createObjectStore('staff');
      db.createObjectStore('meta');
      db.createObjectStore('settings');
    });
    const access = createDbAccess({ name, blockedTimeoutMs: 50 });
    await expect(access.getDb()).rejects.toThrow(MESSAGES.blocked);
    old.close();
  });

  it('spreads keys over all buckets', () => {
    const used = new Set<number>();
    for (let i = 0; i < 5000; i++) used.add(bucketOf(`haringey:H${i}`));
    expect(used.size).toBe(BUCKET_COUNT);
  });
});
