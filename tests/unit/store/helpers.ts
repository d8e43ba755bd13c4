import 'fake-indexeddb/auto';
import { StaffRecord, type Council, type StaffRecordInput } from '../../../lib/domain';
import { createDbAccess, type DbAccess } from '../../../lib/store/db';
import { createStaffStore } from '../../../lib/store/staff-store';
import type { ImportCounts } from '../../../lib/messaging/protocol';

let n = 0;
/** A fresh database name per test, so tests never see each other's data. */
export function uniqueDbName(): string {
  return `transition-lens-test-${++n}-${Math.random().toString(36).slice(2)}`;
}

export function person(council: Council, employeeNumber: string, extra: Partial<StaffRecordInput> = {}): StaffRecord {
  return StaffRecord.parse({
    council,
    employeeNumber,
    forename: 'Test',
    surname: `Person ${employeeNumber}`,
    emails: [`p${employeeNumber}@${council}.example`],
    ...extra,
  });
}

export function counts(partial: Partial<ImportCounts> = {}): ImportCounts {
  return { rows: 0, added: 0, changed: 0, unchanged: 0, notInRoster: 0, invalid: 0, conflicts: 0, ...partial };
}

/** A clock that moves one second on every call, so edit and import times are ordered. */
export function tickingClock(start = Date.UTC(2018, 0, 10, 9, 0, 0)): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}

export function makeStore(name = uniqueDbName()): {
  access: DbAccess;
  store: ReturnType<typeof createStaffStore>;
  name: string;
} {
  const access = createDbAccess({ name });
  return { access, store: createStaffStore({ db: access, now: tickingClock() }), name };
}

/** Opens a database with plain IndexedDB calls, as older code would have (not through lib/store). */
export function rawOpen(
  name: string,
  version: number,
  upgrade?: (db: IDBDatabase, tx: IDBTransaction) => void,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, version);
    req.onupgradeneeded = () => upgrade?.(req.result, req.transaction!);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
