import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';

/**
 * The register's IndexedDB database, in the extension's origin (a content script cannot open it: it runs in
 * the page's origin, so it asks the background).
 *
 * Layout (since version 2): staff records live in BUCKET_COUNT values ("buckets"), each a map of staff key → record.
 * Measured in headless Chromium (ARCHITECTURE.md): 100,000 records written one `put` each took 15–18 s and
 * 3.9–4.5 s to read back; the same records in ~100 values took 0.7 s to write and 0.8 s to read. The register's
 * real operations are a whole-register load into the background (one getAll of 128 values), a bulk import
 * (rewrite the touched buckets in one transaction) and single-person edits (rewrite one bucket: 1/128 of the
 * register). Lookups by e-mail, manager, TOM function or TUPE state are in-memory indexes the background builds
 * after loading (see register-index.ts), not IndexedDB indexes: an index cannot reach inside a bucket, and the
 * background holds the whole register in memory anyway.
 */
export const DB_NAME = 'transition-lens';
export const DB_VERSION = 3;
/** Fixed for schema version 2: changing it means a migration that re-buckets every record. */
export const BUCKET_COUNT = 128;

export interface StaffBucket {
  id: number;
  /** staff key → stored record (validated on the way in; checked again on the way out). */
  records: Record<string, unknown>;
}

export interface TransitionLensDB extends DBSchema {
  staff: { key: number; value: StaffBucket };
  /** 'register' → { registerVersion } */
  meta: { key: string; value: unknown };
  /** Import history; auto-increment keys, so the last import is the highest key. */
  imports: { key: number; value: unknown };
  /** Import id → undo snapshot (version 3: apart from the history, which is read often). */
  undo: { key: string; value: unknown };
  /** Column mapping saved per source (file name or URL). */
  mappings: { key: string; value: unknown };
  /** 'settings' → Settings (versioned, migrated on read). */
  settings: { key: string; value: unknown };
  /** URL → ETag / Last-Modified of the last download. */
  syncState: { key: string; value: unknown };
}

export type RegisterDb = IDBPDatabase<TransitionLensDB>;

/** FNV-1a over the key's UTF-16 code units: stable across versions and engines, spreads keys evenly. */
export function bucketOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % BUCKET_COUNT;
}

type UpgradeTx = IDBPTransaction<TransitionLensDB, StoreNames<TransitionLensDB>[], 'versionchange'>;

/**
 * All schema versions, one step each. Only IndexedDB requests are awaited inside: the upgrade transaction
 * commits as soon as it has nothing pending.
 */
export async function upgradeSchema(db: RegisterDb, oldVersion: number, tx: UpgradeTx): Promise<void> {
  // Version 1 is untyped here: its `staff` store held one record per staff key, which version 2 replaces.
  const raw = db as unknown as IDBPDatabase;
  const rawTx = tx as unknown as IDBPTransaction<unknown, string[], 'versionchange'>;
  if (oldVersion < 1) {
    raw.createObjectStore('staff');
    raw.createObjectStore('meta');
    raw.createObjectStore('settings');
  }
  if (oldVersion < 2) {
    // v1 → v2: one value per record becomes 128 buckets. Values are moved as they are (not re-validated), so a
    // record damaged in v1 is still shown as damaged, never silently dropped by the migration.
    const old = rawTx.objectStore('staff');
    const [keys, values] = await Promise.all([old.getAllKeys(), old.getAll()]);
    raw.deleteObjectStore('staff');
    const staff = db.createObjectStore('staff', { keyPath: 'id' });
    const buckets: StaffBucket[] = Array.from({ length: BUCKET_COUNT }, (_, id) => ({ id, records: {} }));
    keys.forEach((k, i) => {
      const key = String(k);
      buckets[bucketOf(key)]!.records[key] = values[i];
    });
    for (const b of buckets) void staff.put(b);
    db.createObjectStore('imports', { autoIncrement: true });
    db.createObjectStore('mappings');
    db.createObjectStore('syncState');
  }
  if (oldVersion < 3) {
    // v2 → v3: undo snapshots move out of the import history into their own store, so showing the history
    // (every time the popup opens) no longer reads copies of every record the recent imports touched.
    const undo = db.createObjectStore('undo');
    let cursor = await rawTx.objectStore('imports').openCursor();
    while (cursor) {
      const entry = cursor.value as { id?: unknown; snapshot?: unknown } | null;
      if (entry && typeof entry === 'object' && 'snapshot' in entry) {
        const { snapshot, ...rest } = entry;
        const touched = snapshot && typeof snapshot === 'object' ? Object.keys(snapshot).length : 0;
        if (typeof entry.id === 'string' && touched > 0) void undo.put({ importId: entry.id, snapshot }, entry.id);
        void cursor.update({ ...rest, touched });
      }
      cursor = await cursor.continue();
    }
  }
}

export class StoreError extends Error {
  override name = 'StoreError';
}

export const MESSAGES = {
  quota: 'Your browser has run out of storage space for the register. Nothing was changed.',
  newer: 'The register was upgraded by a newer version of Transition Lens. Reload the extension to carry on.',
  blocked:
    'The register could not be opened because another Transition Lens page is still using an older version. Close other Transition Lens tabs and try again.',
  closed: 'The register was closed by the browser. Try again.',
} as const;

export interface DbAccess {
  /** Opens the database on first use (never at module load) and after the browser or another tab closed it. */
  getDb(): Promise<RegisterDb>;
  close(): void;
}

export interface DbAccessOptions {
  name?: string;
  /** How long to wait for older connections to close before giving up with a plain message. */
  blockedTimeoutMs?: number;
}

export function createDbAccess({ name = DB_NAME, blockedTimeoutMs = 10_000 }: DbAccessOptions = {}): DbAccess {
  let current: Promise<RegisterDb> | undefined;

  function open(): Promise<RegisterDb> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const opening = openDB<TransitionLensDB>(name, DB_VERSION, {
      upgrade: (db, oldVersion, _newVersion, tx) => upgradeSchema(db, oldVersion, tx),
      blocked: () => {
        // An older connection (another tab with old code) has not closed yet. Well-behaved ones close on
        // `versionchange`; give the rest a moment, then tell the user rather than hang for ever.
        timer ??= setTimeout(() => failBlocked(), blockedTimeoutMs);
      },
      blocking: () => {
        // A newer version wants to upgrade: step aside. The next call reopens (and will then report `newer`).
        void opening.then((db) => db.close());
        current = undefined;
      },
      terminated: () => {
        current = undefined;
      },
    });
    let failBlocked: () => void = () => undefined;
    const guarded = new Promise<RegisterDb>((resolve, reject) => {
      failBlocked = () => {
        current = undefined;
        reject(new StoreError(MESSAGES.blocked));
        // If the other connection closes later, do not leak the connection we no longer hand out.
        void opening.then((db) => db.close()).catch(() => undefined);
      };
      opening.then(
        (db) => {
          if (timer) clearTimeout(timer);
          resolve(db);
        },
        (e: unknown) => {
          if (timer) clearTimeout(timer);
          current = undefined;
          reject(e instanceof Error && e.name === 'VersionError' ? new StoreError(MESSAGES.newer) : e);
        },
      );
    });
    return guarded;
  }

  return {
    getDb() {
      current ??= open();
      return current;
    },
    close() {
      const c = current;
      current = undefined;
      void c?.then((db) => db.close()).catch(() => undefined);
    },
  };
}
