import type { z } from 'zod';
import { StaffRecord, displayName, keyOf } from '../domain';
import { createRecordValidator, isSealedRecord, type RecordCheck } from '../register/record-validator';
import type { DamagedRecord, ImportCounts, ImportHistoryEntry, UndoPreview } from '../messaging/protocol';
import type { IDBPObjectStore, IDBPTransaction } from 'idb';
import {
  BUCKET_COUNT,
  StoreError,
  bucketOf,
  type DbAccess,
  type RegisterDb,
  type StaffBucket,
  type TransitionLensDB,
} from './db';
import {
  ColumnMappingSchema,
  ImportCountsSchema,
  ImportEntrySchema,
  RegisterMetaSchema,
  SavedMappingSchema,
  UndoSnapshotSchema,
  type ImportEntry,
  type SavedMapping,
  type UndoSnapshot,
} from './schemas';
import { inTransaction } from './transaction';

/** How many recent imports keep their undo snapshot; older ones stay in the history without it. */
export const UNDO_DEPTH = 5;

export interface ApplyImportInput {
  /** Records to write (added or changed), each complete and valid. */
  put: StaffRecord[];
  source: string;
  counts: ImportCounts;
  mapping?: Record<string, unknown>;
  /**
   * The register version the preview was compared with. When the register has changed since (a person edited,
   * another import applied), the import is refused: its records were worked out from values that are gone, and
   * writing them would silently undo the later change.
   */
  basedOnVersion?: number;
  /**
   * The stored values loadRegister({ keepStored: true }) read for the preview. When the register is still at
   * that version (checked inside the transaction), they are what is stored, so the transaction does not read
   * them again (for a file that changes people everywhere, that was every record of the register).
   */
  stored?: StoredRegister;
}

/**
 * The stored values of a register load, exactly as read (not validated), with the version they are at and the
 * connection they came from. Every write to the staff store raises the register version in the same
 * transaction, so at the same version, through the same connection, the store holds exactly these values.
 */
export interface StoredRegister {
  readonly version: number;
  readonly buckets: ReadonlyMap<number, StaffBucket>;
  readonly from: RegisterDb;
}

/** Shown when a preview is older than the register it would be applied to. */
export const STALE_PREVIEW =
  'The register changed after this preview was made (someone edited a person or another import was applied). ' +
  'Preview the file again to see the changes as they are now.';

export interface StaffStoreDeps {
  db: DbAccess;
  now?: () => Date;
  /** Times a part of an operation (the Import page passes one that records User Timing measures). */
  timed?: <T>(step: string, f: () => T) => T;
}

const untimed = <T>(_step: string, f: () => T): T => f();

export type StaffStore = ReturnType<typeof createStaffStore>;

/**
 * Reads one stored value: a valid record, or a damaged one with the reason and the raw value kept. `validate`
 * is StaffRecord's zod check; a bulk read passes one validator for all records (see record-validator.ts).
 */
export function readRecord(
  key: string,
  raw: unknown,
  validate: (raw: unknown) => RecordCheck = createRecordValidator(),
): StaffRecord | DamagedRecord {
  const r = validate(raw);
  if (!r.success) return { damaged: true, key, reason: describeZodIssues(r.issues), raw };
  if (keyOf(r.data) !== key) {
    return { damaged: true, key, reason: `Stored under ${key} but the record says ${keyOf(r.data)}`, raw };
  }
  return r.data;
}

export function isDamaged(x: StaffRecord | DamagedRecord): x is DamagedRecord {
  return 'damaged' in x && x.damaged === true;
}

export function describeZodError(e: z.ZodError): string {
  return describeZodIssues(e.issues);
}

export function describeZodIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

function emptyBucket(id: number): StaffBucket {
  return { id, records: {} };
}

function readMeta(raw: unknown): number {
  if (raw === undefined) return 0;
  const m = RegisterMetaSchema.safeParse(raw);
  // A damaged counter must not stop the register: restart it, views simply reload.
  return m.success ? m.data.registerVersion : 0;
}

function has(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/**
 * Flattens a record into field path → printable value, for history and for localEdits. Objects are walked
 * (`s113.noticeIssued`), arrays are one value (`emails`), because CSV columns and form fields map to these.
 */
export function flattenFields(r: StaffRecord): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (v: unknown, path: string) => {
    if (v === undefined) return;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, child] of Object.entries(v)) walk(child, path ? `${path}.${k}` : k);
      return;
    }
    out.set(path, typeof v === 'string' ? v : JSON.stringify(v));
  };
  const { history: _h, localEdits: _l, ...fields } = r;
  walk(fields, '');
  return out;
}

export function createStaffStore({ db, now = () => new Date(), timed = untimed }: StaffStoreDeps) {
  const stamp = () => now().toISOString();

  async function loadRegister(
    options: {
      /** Also return the stored values as read (for applyImport's `stored`). */
      keepStored?: boolean;
    } = {},
  ): Promise<{ version: number; records: StaffRecord[]; damaged: DamagedRecord[]; stored?: StoredRegister }> {
    const d = await db.getDb();
    const tx = d.transaction(['staff', 'meta'], 'readonly');
    const [buckets, meta] = await timed('load: read IndexedDB', () =>
      Promise.all([tx.objectStore('staff').getAll(), tx.objectStore('meta').get('register')]),
    );
    const records: StaffRecord[] = [];
    const damaged: DamagedRecord[] = [];
    const validate = createRecordValidator();
    timed('load: check the records', () => {
      for (const b of buckets) {
        for (const [key, raw] of Object.entries(b.records)) {
          const r = readRecord(key, raw, validate);
          if (isDamaged(r)) damaged.push(r);
          else records.push(r);
        }
      }
    });
    const version = readMeta(meta);
    if (!options.keepStored) return { version, records, damaged };
    return { version, records, damaged, stored: { version, buckets: new Map(buckets.map((b) => [b.id, b])), from: d } };
  }

  async function getVersion(): Promise<number> {
    const d = await db.getDb();
    return readMeta(await d.get('meta', 'register'));
  }

  async function getRecord(key: string): Promise<StaffRecord | DamagedRecord | undefined> {
    const d = await db.getDb();
    const b = await d.get('staff', bucketOf(key));
    if (!b || !has(b.records, key)) return undefined;
    return readRecord(key, b.records[key]);
  }

  /**
   * Writes an import's records in one transaction, with its history entry and undo snapshot. Returns the
   * records as stored (validated), so the background can refresh its copy of the register without reading
   * and validating every record again.
   */
  async function applyImport(
    input: ApplyImportInput,
  ): Promise<{ version: number; importId: string; records: StaffRecord[] }> {
    // Validate everything before the transaction: zod is synchronous, but failing early keeps the
    // transaction short and the message precise.
    const validate = createRecordValidator();
    const records = timed('apply: check the records', () =>
      input.put.map((r, i) => {
        // A sealed record passed StaffRecord's schemas and cannot have changed since (record-validator.ts).
        if (isSealedRecord(r)) return r;
        const p = validate(r);
        if (!p.success) {
          const who = (r as Partial<StaffRecord>).employeeNumber ?? `row ${i + 1}`;
          throw new StoreError(`Record ${who} is not valid: ${describeZodIssues(p.issues)}. Nothing was changed.`);
        }
        return p.data;
      }),
    );
    const at = stamp();
    const importId = `import-${at}-${Math.random().toString(36).slice(2, 8)}`;
    const counts = ImportCountsSchema.parse(input.counts);
    let mapping: ImportEntry['mapping'];
    if (input.mapping !== undefined) {
      const m = ColumnMappingSchema.safeParse(input.mapping);
      if (!m.success) throw new StoreError(`The column choices are not valid: ${describeZodError(m.error)}.`);
      mapping = m.data;
    }

    const d = await db.getDb();
    const tx = d.transaction(['staff', 'imports', 'undo', 'meta', 'mappings'], 'readwrite');
    // The values read for the preview, if they came through this connection at the version the preview is of.
    const s = input.stored;
    const stored = s && s.from === d && s.version === input.basedOnVersion ? s : undefined;
    return timed('apply: write (one transaction)', () =>
      writeImport(tx, records, input, stored, { importId, at, counts, mapping }),
    );
  }

  /** applyImport's transaction: checks the register version, writes the records, history and undo snapshot. */
  function writeImport(
    tx: IDBPTransaction<TransitionLensDB, ('staff' | 'imports' | 'undo' | 'meta' | 'mappings')[], 'readwrite'>,
    records: StaffRecord[],
    input: ApplyImportInput,
    stored: StoredRegister | undefined,
    {
      importId,
      at,
      counts,
      mapping,
    }: { importId: string; at: string; counts: ImportCounts; mapping: ImportEntry['mapping'] },
  ): Promise<{ version: number; importId: string; records: StaffRecord[] }> {
    return inTransaction(tx, async (track) => {
      const staff = tx.objectStore('staff');
      // Each record's key and bucket, worked out once (100,000 of them in a large import).
      const keys = records.map((r) => keyOf(r));
      const bucketIds = keys.map(bucketOf);
      const ids = [...new Set(bucketIds)];
      const reuse = stored !== undefined;
      const [loaded, meta] = await Promise.all([
        reuse ? [] : Promise.all(ids.map((id) => staff.get(id))),
        tx.objectStore('meta').get('register'),
      ]);
      if (input.basedOnVersion !== undefined && readMeta(meta) !== input.basedOnVersion) {
        throw new StoreError(STALE_PREVIEW);
      }
      // Reused values are copied, never changed: if this transaction fails, a second try must find them as read.
      const bucketAt = (id: number, i: number): StaffBucket => {
        if (!reuse) return loaded[i] ?? emptyBucket(id);
        const b = stored!.buckets.get(id);
        return b ? { id, records: { ...b.records } } : emptyBucket(id);
      };
      const buckets = new Map(ids.map((id, i) => [id, bucketAt(id, i)]));
      const snapshot: Record<string, unknown> = {};
      records.forEach((r, i) => {
        const key = keys[i]!;
        const b = buckets.get(bucketIds[i]!)!;
        // The first value seen is the one before the import (a file may list a person twice).
        if (!has(snapshot, key)) snapshot[key] = has(b.records, key) ? b.records[key] : null;
        b.records[key] = r;
      });
      for (const b of buckets.values()) track(staff.put(b));
      const entry: ImportEntry = {
        id: importId,
        at,
        source: input.source,
        counts,
        touched: Object.keys(snapshot).length,
        ...(mapping === undefined ? {} : { mapping }),
      };
      const imports = tx.objectStore('imports');
      const undo = tx.objectStore('undo');
      track(imports.add(ImportEntrySchema.parse(entry)));
      // The snapshot is a plain object of staff keys this transaction just built; parsing it with its schema's
      // z.record(z.string(), z.unknown()) could only copy it, key by key (100,000 keys for a large import).
      const undoEntry: UndoSnapshot = { importId: UndoSnapshotSchema.shape.importId.parse(importId), snapshot };
      track(undo.put(undoEntry, importId));
      if (mapping) {
        const saved: SavedMapping = SavedMappingSchema.parse({ source: input.source, mapping, savedAt: at });
        track(tx.objectStore('mappings').put(saved, input.source));
      }
      // Keep undo snapshots for the last few imports only: each holds copies of the records it touched.
      let cursor = await imports.openCursor(null, 'prev');
      let seen = 0;
      while (cursor) {
        const e = ImportEntrySchema.safeParse(cursor.value);
        if (e.success && !e.data.undoneAt && !e.data.pruned) {
          seen++;
          if (seen > UNDO_DEPTH) {
            track(cursor.update({ ...e.data, pruned: true }));
            track(undo.delete(e.data.id));
          }
        }
        cursor = await cursor.continue();
      }
      const version = readMeta(meta) + 1;
      track(tx.objectStore('meta').put(RegisterMetaSchema.parse({ registerVersion: version }), 'register'));
      return { version, importId, records };
    });
  }

  const DAMAGED_IMPORT = 'The record of the last import is damaged, so it cannot be undone.';

  /** The newest import not yet undone, with its snapshot. */
  async function latestUndoable(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any transaction scope and mode
    imports: IDBPObjectStore<TransitionLensDB, any, 'imports', any>,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any transaction scope and mode
    undo: IDBPObjectStore<TransitionLensDB, any, 'undo', any>,
  ): Promise<{ entry: ImportEntry; primaryKey: number; snapshot: Record<string, unknown> } | undefined> {
    let cursor = await imports.openCursor(null, 'prev');
    while (cursor) {
      const e = ImportEntrySchema.safeParse(cursor.value);
      if (!e.success) throw new StoreError(DAMAGED_IMPORT);
      if (!e.data.undoneAt) {
        if (e.data.pruned) throw new StoreError('The last import is too old to undo.');
        const u = UndoSnapshotSchema.safeParse(await undo.get(e.data.id));
        if (!u.success || u.data.importId !== e.data.id) throw new StoreError(DAMAGED_IMPORT);
        return { entry: e.data, primaryKey: cursor.primaryKey, snapshot: u.data.snapshot };
      }
      cursor = await cursor.continue();
    }
    return undefined;
  }

  /** Puts back, exactly as they were, the records the last import touched; removes the ones it added. */
  async function undoLastImport(): Promise<{ version: number; importId: string; restored: number; removed: number }> {
    const d = await db.getDb();
    const tx = d.transaction(['staff', 'imports', 'undo', 'meta'], 'readwrite');
    return inTransaction(tx, async (track) => {
      const imports = tx.objectStore('imports');
      const found = await latestUndoable(imports, tx.objectStore('undo'));
      if (!found) throw new StoreError('There is no import to undo.');
      const { entry, primaryKey, snapshot } = found;
      const staff = tx.objectStore('staff');
      const keys = Object.keys(snapshot);
      const ids = [...new Set(keys.map(bucketOf))];
      const [loaded, meta] = await Promise.all([
        Promise.all(ids.map((id) => staff.get(id))),
        tx.objectStore('meta').get('register'),
      ]);
      const buckets = new Map(ids.map((id, i) => [id, loaded[i] ?? emptyBucket(id)]));
      let restored = 0;
      let removed = 0;
      for (const key of keys) {
        const b = buckets.get(bucketOf(key))!;
        const before = snapshot[key];
        if (before === null) {
          delete b.records[key];
          removed++;
        } else {
          b.records[key] = before;
          restored++;
        }
      }
      for (const b of buckets.values()) track(staff.put(b));
      track(imports.put(ImportEntrySchema.parse({ ...entry, undoneAt: stamp() }), primaryKey));
      track(tx.objectStore('undo').delete(entry.id));
      const version = readMeta(meta) + 1;
      track(tx.objectStore('meta').put({ registerVersion: version }, 'register'));
      return { version, importId: entry.id, restored, removed };
    });
  }

  /** What undoLastImport would do, and whom it would revert edits for. */
  async function previewUndoLastImport(): Promise<UndoPreview | null> {
    const d = await db.getDb();
    const tx = d.transaction(['staff', 'imports', 'undo'], 'readonly');
    const found = await latestUndoable(tx.objectStore('imports'), tx.objectStore('undo'));
    if (!found) return null;
    const { entry, snapshot } = found;
    const keys = Object.keys(snapshot);
    const buckets = await Promise.all([...new Set(keys.map(bucketOf))].map((id) => tx.objectStore('staff').get(id)));
    const current = new Map<string, unknown>();
    for (const b of buckets) if (b) for (const [k, v] of Object.entries(b.records)) current.set(k, v);
    const preview: UndoPreview = {
      importId: entry.id,
      at: entry.at,
      source: entry.source,
      added: [],
      restored: [],
      editedSince: [],
    };
    for (const key of keys) {
      (snapshot[key] === null ? preview.added : preview.restored).push(key);
      if (!current.has(key)) continue;
      const r = readRecord(key, current.get(key));
      if (isDamaged(r)) continue;
      const fields = Object.entries(r.localEdits)
        .filter(([, when]) => when > entry.at)
        .map(([field]) => field);
      if (fields.length > 0) preview.editedSince.push({ key, name: displayName(r), fields });
    }
    return preview;
  }

  /**
   * Changes one person: `mutate` gets a copy of the record and returns the new one (synchronously: it runs
   * inside the transaction). Each changed field gets a history entry and a localEdits time, so a later sync
   * can tell the user's edits from the file's values.
   */
  async function updateRecord(
    key: string,
    mutate: (r: StaffRecord) => StaffRecord,
    user: string,
  ): Promise<{ record: StaffRecord; version: number; changed: string[] }> {
    const d = await db.getDb();
    const tx = d.transaction(['staff', 'meta'], 'readwrite');
    return inTransaction(tx, async (track) => {
      const staff = tx.objectStore('staff');
      const [b, meta] = await Promise.all([staff.get(bucketOf(key)), tx.objectStore('meta').get('register')]);
      if (!b || !has(b.records, key)) throw new StoreError(`Nobody with the key ${key} is in the register.`);
      const current = readRecord(key, b.records[key]);
      if (isDamaged(current)) {
        throw new StoreError(`This record is damaged (${current.reason}). Import it again or remove it.`);
      }
      const parsed = StaffRecord.safeParse(mutate(structuredClone(current)));
      if (!parsed.success) throw new StoreError(`The change was not saved: ${describeZodError(parsed.error)}`);
      const next = parsed.data;
      if (keyOf(next) !== key) throw new StoreError('The council and employee number cannot be changed here.');
      const before = flattenFields(current);
      const after = flattenFields(next);
      const at = stamp();
      const changed = [...new Set([...before.keys(), ...after.keys()])].filter((f) => before.get(f) !== after.get(f));
      if (changed.length === 0) return { record: current, version: readMeta(meta), changed };
      // History and localEdits are the store's to keep: start from the stored ones, not the caller's.
      next.history = [...current.history];
      next.localEdits = { ...current.localEdits };
      for (const field of changed) {
        const entry: StaffRecord['history'][number] = { at, by: user.trim() || 'Unknown user', field };
        const from = before.get(field);
        const to = after.get(field);
        if (from !== undefined) entry.from = from;
        if (to !== undefined) entry.to = to;
        next.history.push(entry);
        next.localEdits[field] = at;
      }
      const record = StaffRecord.parse(next);
      b.records[key] = record;
      track(staff.put(b));
      const version = readMeta(meta) + 1;
      track(tx.objectStore('meta').put({ registerVersion: version }, 'register'));
      return { record, version, changed };
    });
  }

  /** Explicit removal (e.g. people no longer in the roster). Syncs and imports never delete. */
  async function deleteRecords(keys: string[]): Promise<{ version: number; removed: number }> {
    const d = await db.getDb();
    const tx = d.transaction(['staff', 'meta'], 'readwrite');
    return inTransaction(tx, async (track) => {
      const staff = tx.objectStore('staff');
      const ids = [...new Set(keys.map(bucketOf))];
      const [loaded, meta] = await Promise.all([
        Promise.all(ids.map((id) => staff.get(id))),
        tx.objectStore('meta').get('register'),
      ]);
      let removed = 0;
      for (const b of loaded) {
        if (!b) continue;
        let touched = false;
        for (const key of keys) {
          if (bucketOf(key) === b.id && has(b.records, key)) {
            delete b.records[key];
            removed++;
            touched = true;
          }
        }
        if (touched) track(staff.put(b));
      }
      let version = readMeta(meta);
      if (removed > 0) track(tx.objectStore('meta').put({ registerVersion: ++version }, 'register'));
      return { version, removed };
    });
  }

  /**
   * Removes every record, the import history with its snapshots, saved mappings, sync state and settings: all
   * the personal data the extension holds, in one step. The version counter carries on so caches refresh.
   */
  async function wipeAll(): Promise<{ version: number }> {
    const d = await db.getDb();
    const tx = d.transaction(['staff', 'imports', 'undo', 'meta', 'mappings', 'settings', 'syncState'], 'readwrite');
    return inTransaction(tx, async (track) => {
      const meta = await tx.objectStore('meta').get('register');
      const staff = tx.objectStore('staff');
      track(staff.clear());
      for (let id = 0; id < BUCKET_COUNT; id++) track(staff.put(emptyBucket(id)));
      for (const name of ['imports', 'undo', 'mappings', 'settings', 'syncState'] as const)
        track(tx.objectStore(name).clear());
      const version = readMeta(meta) + 1;
      track(tx.objectStore('meta').put({ registerVersion: version }, 'register'));
      return { version };
    });
  }

  async function getImportHistory(): Promise<ImportHistoryEntry[]> {
    const d = await db.getDb();
    const all = await d.getAll('imports');
    const out: ImportHistoryEntry[] = [];
    for (const raw of all.reverse()) {
      const e = ImportEntrySchema.safeParse(raw);
      if (!e.success) continue; // a damaged history line cannot be shown meaningfully; the records are intact
      const h: ImportHistoryEntry = {
        id: e.data.id,
        at: e.data.at,
        source: e.data.source,
        counts: e.data.counts,
        touched: e.data.undoneAt || e.data.pruned ? 0 : e.data.touched,
      };
      if (e.data.mapping) h.mapping = e.data.mapping;
      if (e.data.undoneAt) h.undoneAt = e.data.undoneAt;
      out.push(h);
    }
    return out;
  }

  async function getMapping(source: string): Promise<Record<string, unknown> | undefined> {
    const d = await db.getDb();
    const m = SavedMappingSchema.safeParse(await d.get('mappings', source));
    return m.success ? m.data.mapping : undefined;
  }

  return {
    loadRegister,
    getVersion,
    getRecord,
    applyImport,
    undoLastImport,
    previewUndoLastImport,
    updateRecord,
    deleteRecords,
    wipeAll,
    getImportHistory,
    getMapping,
  };
}
