import type { ReadinessState, StaffRecord, TomFunction, TransferOutcome, TransferScope } from '../domain';
import { keyOf } from '../domain';
import type { DamagedRecord, NameIndexEntry } from '../messaging/protocol';

/**
 * The register as the background holds it in memory, with the lookups the views need.
 *
 * Why in memory and not IndexedDB indexes: records are stored in buckets (see db.ts), and an IndexedDB index
 * cannot look inside a bucket's map. The background loads the whole register anyway (one getAll of 128
 * values), and building these maps over 100,000 records takes tens of milliseconds, far less than reading the
 * records; it is rebuilt whenever the register version changes. Pure: no IndexedDB or browser API here.
 */
export interface RegisterIndex {
  version: number;
  records: StaffRecord[];
  damaged: DamagedRecord[];
  /** council:number → record (the staff key is council + employee number). */
  byKey: Map<string, StaffRecord>;
  /** lower-cased e-mail → keys (an address may be shared by mistake; both people are kept). */
  byEmail: Map<string, string[]>;
  /** manager's key → keys of their direct reports. */
  byManager: Map<string, string[]>;
  byTomFunction: Map<TomFunction | 'none', string[]>;
  /** plan id → scope → keys, and plan id → outcome → keys (TUPE state per plan). */
  byTransferScope: Map<string, Map<TransferScope, string[]>>;
  byTransferOutcome: Map<string, Map<TransferOutcome, string[]>>;
  /** Lower-cased searchable values per key (names, other spellings, e-mails, employee number) and their words. */
  searchText: Map<string, { lines: string[]; words: string[] }>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * One order for the register however the copy was made: read from the store (bucket by bucket, in the order each
 * bucket's records were written) or patched after an import. Without it, the dashboard and an export listed the
 * same register in a different order before and after a browser restart. Returns the items with their keys; sorts
 * only when they are out of order (a one-person edit keeps the copy in order, so it costs one pass).
 */
function inKeyOrder<T>(items: readonly T[], key: (item: T) => string): { items: T[]; keys: string[] } {
  let keyed = items.map((item) => ({ k: key(item), item }));
  if (keyed.some((x, i) => i > 0 && keyed[i - 1]!.k > x.k)) {
    keyed = keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  }
  return { items: keyed.map((x) => x.item), keys: keyed.map((x) => x.k) };
}

export function buildRegisterIndex(loaded: {
  version: number;
  records: StaffRecord[];
  damaged: DamagedRecord[];
}): RegisterIndex {
  const records = inKeyOrder(loaded.records, keyOf);
  const index: RegisterIndex = {
    version: loaded.version,
    records: records.items,
    damaged: inKeyOrder(loaded.damaged, (d) => d.key).items,
    byKey: new Map(),
    byEmail: new Map(),
    byManager: new Map(),
    byTomFunction: new Map(),
    byTransferScope: new Map(),
    byTransferOutcome: new Map(),
    searchText: new Map(),
  };
  for (let i = 0; i < index.records.length; i++) {
    const r = index.records[i] as StaffRecord;
    const key = records.keys[i] as string;
    index.byKey.set(key, r);
    for (const e of r.emails) push(index.byEmail, e.toLowerCase(), key);
    if (r.lineManager) push(index.byManager, r.lineManager, key);
    push(index.byTomFunction, r.tomFunction ?? 'none', key);
    for (const t of r.transfers) {
      let scopes = index.byTransferScope.get(t.planId);
      if (!scopes) index.byTransferScope.set(t.planId, (scopes = new Map()));
      push(scopes, t.scope, key);
      let outcomes = index.byTransferOutcome.get(t.planId);
      if (!outcomes) index.byTransferOutcome.set(t.planId, (outcomes = new Map()));
      push(outcomes, t.outcome, key);
    }
    const lines = [
      r.forename,
      r.surname,
      r.knownAs ?? '',
      `${r.forename} ${r.surname}`,
      r.knownAs ? `${r.knownAs} ${r.surname}` : '',
      ...r.otherSpellings,
      ...r.emails,
      r.employeeNumber,
    ]
      .filter(Boolean)
      .map(searchFold)
      // "oneill" finds O'Neill as well as "o'neill" does.
      .flatMap((l) => (l.includes("'") ? [l, l.replace(/'/g, '')] : [l]));
    index.searchText.set(key, { lines, words: [...new Set(lines.flatMap((l) => l.split(/[\s.@'-]+/)))] });
  }
  return index;
}

/** The compact list the content script matches names against: no HR facts, only what finds a name. */
export function nameIndexEntries(
  index: RegisterIndex,
  readinessOf?: (r: StaffRecord) => ReadinessState,
): NameIndexEntry[] {
  return index.records
    .filter((r) => !r.vacant)
    .map((r) => {
      const e: NameIndexEntry = {
        key: keyOf(r),
        forename: r.forename,
        surname: r.surname,
        otherSpellings: r.otherSpellings,
        emails: r.emails,
        employeeNumber: r.employeeNumber,
      };
      if (r.knownAs) e.knownAs = r.knownAs;
      if (readinessOf) e.readiness = readinessOf(r);
      return e;
    });
}

/**
 * Finds people by name, known-as name, other spelling, e-mail or employee number. Best first: exact employee
 * number or e-mail, then a name equal to the query, then names starting with it, then every word of the query
 * starting a word, then the query anywhere. Ties in surname order.
 */
/**
 * Lower case without accents, with curly apostrophes made straight: what people type ("siobhan o'neill") must find
 * what the register holds ("Siobhán O’Neill"), as the page overlay does.
 */
export function searchFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .toLowerCase();
}

export function searchRegister(index: RegisterIndex, query: string, limit = 20): StaffRecord[] {
  const q = searchFold(query.trim()).replace(/\s+/g, ' ');
  if (!q) return [];
  const words = q.split(' ');
  const scored: { r: StaffRecord; score: number }[] = [];
  for (const r of index.records) {
    const key = keyOf(r);
    const { lines, words: tokens } = index.searchText.get(key) ?? { lines: [], words: [] };
    let score: number;
    if (r.employeeNumber.toLowerCase() === q || key === q || r.emails.some((e) => e.toLowerCase() === q)) score = 0;
    else if (lines.includes(q)) score = 1;
    else if (lines.some((line) => line.startsWith(q))) score = 2;
    else if (words.every((w) => tokens.some((token) => token.startsWith(w)))) score = 3;
    else if (lines.some((line) => line.includes(q))) score = 4;
    else continue;
    scored.push({ r, score });
  }
  scored.sort(
    (a, b) =>
      a.score - b.score ||
      a.r.surname.localeCompare(b.r.surname, 'en-GB') ||
      a.r.forename.localeCompare(b.r.forename, 'en-GB'),
  );
  return scored.slice(0, limit).map((s) => s.r);
}
