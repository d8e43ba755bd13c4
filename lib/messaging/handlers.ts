import { z } from 'zod';
import { StaffRecord, activePlan, assessReadiness, keyOf, type Settings } from '../domain';
import { buildRegisterIndex, nameIndexEntries, searchRegister, type RegisterIndex } from '../store/register-index';
import { isDamaged, type StaffStore } from '../store/staff-store';
import type { SettingsStore } from '../store/settings-store';
import { syncFromUrl, type FetchLike } from '../sync/sync-from-url';
import { buildMatcher, packMatcher, type PackedMatcher } from '../match';
import { base64ToBytes } from '../bytes/base64';
import { councilOfKey } from '../overlay/labels';
import { toPersonCard, todayFor } from './person-card';
import {
  CONTENT_SCRIPT_TYPES,
  NAME_INDEX_PAGE,
  Request,
  type ConflictChoice,
  type ImportCounts,
  type ImportPreview,
  type NameIndexEntry,
  type RegisterChanged,
  type RegisterSummary,
  type RequestOf,
  type RequestType,
  type ResponseMap,
  type Result,
  type SyncResult,
} from './protocol';

/**
 * The background's message handlers. Everything they need is passed in (store, clock, fetch, the CSV
 * importer), so they run in Node tests against fake-indexeddb; background.ts only wires them to the browser.
 */

/** What an import preview needs from lib/csv + lib/register (csv-importer.ts is the real one). */
export interface Importer {
  /**
   * Reads a CSV (bytes or text) and diffs it against the register, changing nothing. `ok: false` only when the
   * input cannot be used at all. `problem` is set when nothing can be imported without the user's help (column
   * choices still needed, no readable row): a file preview still shows, a sync or the demo fails with it.
   */
  preview(input: {
    source: string;
    file: string | Uint8Array;
    mapping?: Record<string, unknown>;
    saved?: Record<string, unknown>;
    register: readonly StaffRecord[];
    at: string;
  }):
    | {
        ok: true;
        counts: ImportCounts;
        /** Kept in the background for resolve. */
        plan: unknown;
        /** Sent to the page as ImportPreview.plan. */
        view: unknown;
        /** The mapping used, saved for the source when the import is applied. */
        mapping?: Record<string, unknown>;
        problem?: string;
      }
    | { ok: false; error: string };
  /** The records to write once the user chose, per conflicting field, local or incoming. */
  resolve(plan: unknown, choices: Record<string, ConflictChoice>): StaffRecord[];
}

export interface HandlerDeps {
  staff: StaffStore;
  settings: SettingsStore;
  now: () => Date;
  fetch: FetchLike;
  importer: Importer;
  /** The extension itself, for sender checks: runtime id and origin (`chrome-extension://<id>`). */
  extension: { id: string; origin: string };
  /** Address of a file packaged with the extension (browser.runtime.getURL). */
  assetUrl: (path: string) => string;
  demoSettings: Partial<Settings>;
  /** Tells extension pages and the given tabs' content scripts that the register changed. */
  broadcast?: (message: RegisterChanged, tabIds: number[]) => void;
  /** Called after settings change (sync schedule, sites for the content script). */
  onSettingsChanged?: (settings: Settings) => void;
  /**
   * Puts the whole overlay (content-scripts/content.js) into a frame whose first stage found a name. Resolves false
   * when the page is not on a switched-on site.
   */
  loadOverlay?: (target: { tabId: number; frameId: number; url: string }) => Promise<boolean>;
  /** Values an administrator set by policy (chrome.storage.managed): csvUrl, syncEveryMinutes. */
  managedSettings?: () => Promise<unknown>;
}

const ManagedCsvUrl = z.url({ protocol: /^https?$/ });
const ManagedInterval = z.number().int().min(1).max(10080);

/**
 * Settings with the administrator's policy filled in where the user has set nothing: a register address and
 * sync interval pushed to every HR officer's browser. The user's own values win; invalid policy values are ignored.
 */
export function withManagedSettings(s: Settings, managed: unknown): Settings {
  if (typeof managed !== 'object' || managed === null) return s;
  const m = managed as { csvUrl?: unknown; syncEveryMinutes?: unknown };
  const out = { ...s };
  const url = ManagedCsvUrl.safeParse(m.csvUrl);
  if (!out.csvUrl && url.success) {
    out.csvUrl = url.data;
    const every = ManagedInterval.safeParse(m.syncEveryMinutes);
    if (out.syncEveryMinutes === 0 && every.success) out.syncEveryMinutes = every.data;
  }
  return out;
}

/** The parts of chrome.runtime.MessageSender the checks use. */
export interface Sender {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
  frameId?: number;
}

interface Pending {
  preview: ImportPreview;
  plan: unknown;
  mapping?: Record<string, unknown>;
  problem?: string;
  /** The register version the file was compared with (applyImport refuses a preview older than the register). */
  basedOnVersion: number;
  /** For a sync: the validators to save once the change is applied (not before, or the change would be lost). */
  validators?: { url: string; etag?: string; lastModified?: string };
}

const MAX_PENDING = 5;
/** Top-level fields the background owns: a patch may not set them. */
const OWNED_FIELDS = new Set(['council', 'employeeNumber', 'history', 'localEdits']);
const RECORD_FIELDS = new Set(Object.keys(StaffRecord.shape));

class HandlerError extends Error {}

/** Whether this sender may send this request. Returns the refusal in plain words, or undefined. */
export function checkSender(
  type: RequestType,
  sender: Sender,
  extension: HandlerDeps['extension'],
): string | undefined {
  if (sender.id !== extension.id) return 'Messages from other extensions are not accepted.';
  const url = sender.url ?? sender.origin ?? '';
  const fromExtensionPage = url === extension.origin || url.startsWith(`${extension.origin}/`);
  if (!fromExtensionPage && !CONTENT_SCRIPT_TYPES.has(type)) {
    return `A web page cannot ask for ${type}.`;
  }
  return undefined;
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/**
 * The content scripts' matcher, built here once per name index and sent with it, for registers small enough that
 * the packed matcher is cheap to send (the demo register: 455 people, about 350 KB of base64): a page then does
 * not build it. Larger registers are built by each page in background slices (100,000 people's matcher is about
 * 40 MB of base64, far more than runtime messaging moves in the seconds a sliced build takes). Only people the
 * overlay can show (a known council).
 */
const PACK_MAX_PEOPLE = 2_000;
const PACK_MAX_CHARS = 2_000_000;

function packedMatcherFor(entries: readonly NameIndexEntry[]): PackedMatcher | undefined {
  const known = entries.filter((e) => councilOfKey(e.key) !== undefined);
  if (known.length === 0 || known.length > PACK_MAX_PEOPLE) return undefined;
  const packed = packMatcher(buildMatcher(known));
  if (!packed) return undefined;
  const size = packed.chars.length + packed.firstChild.length + packed.nodePattern.length + packed.owner.length;
  return size <= PACK_MAX_CHARS ? packed : undefined;
}

export function createHandlers(deps: HandlerDeps) {
  const { staff, settings, now } = deps;
  let index: Promise<RegisterIndex> | undefined;
  /**
   * The content scripts' name index carries each person's readiness, which depends on the register, the active
   * plan, the threshold and today's date; `stamp` records all of them. Its version is its own sequence (seeded
   * from the clock so a restarted worker never reuses a number a tab still holds).
   */
  let nameIndex:
    | {
        registerVersion: number;
        stamp: string;
        version: number;
        entries: NameIndexEntry[];
        /** The matcher built here once for this index, sent along when small (see packedMatcherFor). */
        matcher?: PackedMatcher;
      }
    | undefined;
  let nameIndexSeq = Date.now();
  /**
   * getSummary's counts by council and readiness, kept while the register (the index object), the plan, the
   * threshold and "today" stay the same: the popup asks for them every time it opens.
   */
  let summaryCounts:
    | {
        idx: RegisterIndex;
        stamp: string;
        counts: Pick<RegisterSummary, 'byCouncil' | 'readiness' | 'notInLatestRoster'>;
      }
    | undefined;
  const pending = new Map<string, Pending>();
  const pages = new Map<number, { url: string; keys: string[] }>();
  /** Tabs whose content script asked for something: they get registerChanged broadcasts. */
  const tabs = new Set<number>();

  /** The name index (and its packed matcher) for the register, plan, threshold and day as they are now. */
  async function currentNameIndex(): Promise<NonNullable<typeof nameIndex>> {
    const [idx, { s, today }] = await Promise.all([getIndex(), cardContext()]);
    const plan = activePlan(s);
    const stamp = JSON.stringify([plan ?? null, today, s.atRiskDays]);
    if (nameIndex?.registerVersion !== idx.version || nameIndex.stamp !== stamp) {
      const readinessOf = plan ? (r: StaffRecord) => assessReadiness(r, plan, today, s.atRiskDays).state : undefined;
      const entries = nameIndexEntries(idx, readinessOf);
      const matcher = packedMatcherFor(entries);
      nameIndex = {
        registerVersion: idx.version,
        stamp,
        version: ++nameIndexSeq,
        entries,
        ...(matcher ? { matcher } : {}),
      };
    }
    return nameIndex;
  }

  function cachedIndex(): Promise<RegisterIndex> {
    index ??= staff.loadRegister().then(buildRegisterIndex, (e: unknown) => {
      index = undefined;
      throw e;
    });
    return index;
  }

  /**
   * The register copy, checked against the stored version first (one small read). The Import page writes the store
   * itself and then says so (registerWritten); a page closed between its commit and that message must not leave
   * this copy, the overlay's names and the dashboard showing the register as it was.
   */
  async function getIndex(): Promise<RegisterIndex> {
    for (let attempt = 0; ; attempt++) {
      const current = cachedIndex();
      const idx = await current;
      if (attempt === 2) return idx; // the store is being written right now: the next request checks again
      const stored = await staff.getVersion();
      if (stored === idx.version) return idx;
      if (index === current) changed(stored);
    }
  }

  /**
   * After a write: the records it wrote (as stored, validated on the way in) replace or join the cached register;
   * with none given, the cache is dropped and the next request reloads it. Reloading validates every stored
   * record with zod again (seconds for 100,000 people in Chromium): too slow to repeat after every edit or import.
   * A record that was damaged and is now written is no longer damaged.
   */
  function changed(version: number, written: readonly StaffRecord[] = []) {
    const previous = index;
    index = undefined;
    if (previous && written.length > 0) {
      index = previous.then((old) => {
        const byKey = new Map<string, StaffRecord>();
        for (const r of written) byKey.set(keyOf(r), r);
        const records = old.records.map((r) => {
          const key = keyOf(r);
          const next = byKey.get(key);
          if (next === undefined) return r;
          byKey.delete(key);
          return next;
        });
        const damaged = old.damaged.filter((d) => !byKey.has(d.key));
        records.push(...byKey.values());
        return buildRegisterIndex({ version, records, damaged });
      });
      index.catch(() => (index = undefined));
    }
    deps.broadcast?.({ type: 'registerChanged', version }, [...tabs]);
  }

  /** Saved settings with the administrator's policy filled in (see withManagedSettings). */
  async function effectiveSettings(): Promise<Settings> {
    const [saved, managed] = await Promise.all([settings.getSettings(), readManaged()]);
    return withManagedSettings(saved, managed);
  }

  async function readManaged(): Promise<unknown> {
    try {
      return await deps.managedSettings?.();
    } catch {
      return undefined; // no policy, or no managed storage in this browser
    }
  }

  async function cardContext() {
    const s = await settings.getSettings();
    return { s, today: todayFor(s, now()) };
  }

  function remember(p: Pending) {
    pending.set(p.preview.id, p);
    while (pending.size > MAX_PENDING) pending.delete(pending.keys().next().value!);
  }

  async function makePreview(
    trigger: ImportPreview['trigger'],
    source: string,
    file: string | Uint8Array,
    mapping?: Record<string, unknown>,
  ): Promise<Pending> {
    const [idx, saved] = await Promise.all([getIndex(), staff.getMapping(source)]);
    const at = now().toISOString();
    const r = deps.importer.preview({ source, file, mapping, saved, register: idx.records, at });
    if (!r.ok) throw new HandlerError(r.error);
    const id = `preview-${now().getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const p: Pending = {
      preview: { id, source, createdAt: at, trigger, counts: r.counts, plan: r.view },
      plan: r.plan,
      basedOnVersion: idx.version,
    };
    const used = r.mapping ?? mapping;
    if (used) p.mapping = used;
    if (r.problem) {
      p.problem = r.problem;
      p.preview.problem = r.problem;
    }
    return p;
  }

  async function applyPending(p: Pending, choices: Record<string, ConflictChoice>) {
    if (p.problem) throw new HandlerError(p.problem);
    const put = deps.importer.resolve(p.plan, choices);
    const r = await staff.applyImport({
      put,
      source: p.preview.source,
      counts: p.preview.counts,
      ...(p.mapping ? { mapping: p.mapping } : {}),
      basedOnVersion: p.basedOnVersion,
    });
    pending.delete(p.preview.id);
    if (p.validators) await saveValidators(p.validators, true, 'Changes from the register address were applied.');
    changed(r.version, r.records);
    return r;
  }

  async function saveValidators(v: NonNullable<Pending['validators']>, ok: boolean, message: string) {
    const at = now().toISOString();
    const prev = await settings.getSyncState(v.url);
    await settings.saveSyncState({
      ...prev,
      ...(ok ? { etag: v.etag, lastModified: v.lastModified } : {}),
      url: v.url,
      lastCheckedAt: at,
      lastResult: { at, ok, message },
    });
  }

  /** Downloads the register CSV if it changed; applies it or leaves it waiting as a preview (settings decide). */
  async function runSync(): Promise<SyncResult> {
    const s = await effectiveSettings();
    const url = s.csvUrl;
    if (!url) return { status: 'not-configured', message: 'No register address is set. Add one in Settings.' };
    const state = await settings.getSyncState(url);
    const dl = await syncFromUrl(url, state, deps.fetch);
    if (dl.status === 'unchanged') {
      await saveValidators({ url, etag: state.etag, lastModified: state.lastModified }, true, 'No changes.');
      return { status: 'unchanged', message: 'The register file has not changed since the last sync.' };
    }
    if (dl.status === 'failed') {
      await saveValidators({ url }, false, dl.message);
      return { status: 'failed', message: `${dl.message} The register was not changed.` };
    }
    const validators = { url, etag: dl.etag, lastModified: dl.lastModified };
    let p: Pending;
    try {
      p = await makePreview('sync', url, dl.bytes);
    } catch (e) {
      const message = `The file at the register address could not be read: ${e instanceof Error ? e.message : String(e)}`;
      await saveValidators({ url }, false, message);
      return { status: 'failed', message: `${message} The register was not changed.` };
    }
    if (p.problem) {
      const message = `The file at the register address could not be read: ${p.problem}`;
      await saveValidators({ url }, false, message);
      return { status: 'failed', message: `${message} The register was not changed.` };
    }
    p.validators = validators;
    const c = p.preview.counts;
    if (c.added + c.changed + c.notInRoster === 0) {
      await saveValidators(validators, true, 'No changes.');
      return { status: 'unchanged', message: 'The register file has no changes.' };
    }
    // Rows that could not be read would make their people look missing: a person checks those first.
    if (s.autoApplySync && c.invalid === 0) {
      // Conflicting fields keep the value edited in the extension: nobody is there to choose.
      const r = await applyPending(p, {});
      return { status: 'applied', message: 'Changes from the register address were applied.', version: r.version };
    }
    for (const [id, other] of pending) if (other.validators?.url === url) pending.delete(id);
    remember(p);
    return {
      status: 'pending',
      message: 'The register file has changes waiting for you to check and apply.',
      previewId: p.preview.id,
    };
  }

  async function loadDemoData(): Promise<ResponseMap['loadDemoData']> {
    const res = await deps.fetch(deps.assetUrl('/demo/staff.csv'));
    if (!res.ok) throw new HandlerError(`The demo file could not be loaded (the extension answered ${res.status}).`);
    const p = await makePreview('demo', 'Demo data (fictional people)', new Uint8Array(await res.arrayBuffer()));
    if (p.problem) throw new HandlerError(`The demo file could not be read: ${p.problem}`);
    const current = await settings.getSettings();
    const r = await applyPending(p, {});
    const next = await settings.saveSettings({
      ...current,
      ...deps.demoSettings,
      userName: current.userName || deps.demoSettings.userName || '',
    });
    deps.onSettingsChanged?.(withManagedSettings(next, await readManaged()));
    return { version: r.version, records: (await getIndex()).records.length };
  }

  type Handler<T extends RequestType> = (msg: RequestOf<T>, sender: Sender) => Promise<ResponseMap[T]>;
  const handlers: { [T in RequestType]: Handler<T> } = {
    async getRegister(msg) {
      const idx = await getIndex();
      const offset = msg.offset ?? 0;
      const records =
        msg.limit === undefined ? idx.records.slice(offset) : idx.records.slice(offset, offset + msg.limit);
      return { version: idx.version, total: idx.records.length, records, damaged: offset === 0 ? idx.damaged : [] };
    },

    async getSummary() {
      const [idx, s, history] = await Promise.all([getIndex(), effectiveSettings(), staff.getImportHistory()]);
      const today = todayFor(s, now());
      const plan = activePlan(s);
      const stamp = JSON.stringify([plan ?? null, today, s.atRiskDays]);
      if (summaryCounts?.idx !== idx || summaryCounts.stamp !== stamp) {
        const counts = {
          notInLatestRoster: 0,
          byCouncil: { camden: 0, haringey: 0, islington: 0 },
          readiness: { ready: 0, 'at-risk': 0, blocked: 0, 'not-applicable': 0 },
        };
        for (const r of idx.records) {
          counts.byCouncil[r.council]++;
          if (!r.inLatestRoster) counts.notInLatestRoster++;
          // The same rule as toPersonCard's readiness, without building the rest of the card.
          counts.readiness[plan ? assessReadiness(r, plan, today, s.atRiskDays).state : 'not-applicable']++;
        }
        summaryCounts = { idx, stamp, counts };
      }
      const { counts } = summaryCounts;
      const summary: RegisterSummary = {
        version: idx.version,
        total: idx.records.length,
        damaged: idx.damaged.length,
        notInLatestRoster: counts.notInLatestRoster,
        byCouncil: { ...counts.byCouncil },
        readiness: { ...counts.readiness },
        pendingImports: pending.size,
      };
      if (plan) summary.plan = { id: plan.id, name: plan.name, transferDate: plan.transferDate };
      const last = history.find((h) => !h.undoneAt);
      if (last) summary.lastImport = { id: last.id, at: last.at, source: last.source };
      if (s.csvUrl) {
        const st = await settings.getSyncState(s.csvUrl);
        if (st.lastResult) summary.lastSync = st.lastResult;
      }
      return summary;
    },

    async search(msg) {
      const [idx, { s, today }] = await Promise.all([getIndex(), cardContext()]);
      return searchRegister(idx, msg.query, msg.limit ?? 20).map((r) => toPersonCard(r, s, today));
    },

    async getPerson(msg) {
      const r = await staff.getRecord(msg.key);
      if (!r) throw new HandlerError('Nobody with that council and employee number is in the register.');
      if (isDamaged(r)) return { damaged: r };
      const { s, today } = await cardContext();
      return { record: r, card: toPersonCard(r, s, today) };
    },

    async updatePerson(msg) {
      const given = msg.patch ?? msg.record ?? {};
      const unknown = Object.keys(given).filter((k) => !RECORD_FIELDS.has(k));
      if (unknown.length) throw new HandlerError(`Unknown field: ${unknown.join(', ')}.`);
      if (msg.patch) {
        const owned = Object.keys(msg.patch).filter((k) => OWNED_FIELDS.has(k));
        if (owned.length) throw new HandlerError(`These fields cannot be changed here: ${owned.join(', ')}.`);
      }
      const s = await settings.getSettings();
      const r = await staff.updateRecord(
        msg.key,
        (current) =>
          ({
            ...current,
            ...given,
            // The key fields, history and local-edit times are the store's: never taken from the page.
            council: msg.record ? (given.council as StaffRecord['council']) : current.council,
            employeeNumber: msg.record ? (given.employeeNumber as string) : current.employeeNumber,
            history: current.history,
            localEdits: current.localEdits,
          }) as StaffRecord,
        s.userName,
      );
      if (r.changed.length > 0) changed(r.version, [r.record]);
      return { record: r.record, version: r.version };
    },

    async previewImport(msg) {
      const file = msg.text ?? base64ToBytes(msg.base64 ?? '');
      const p = await makePreview('file', msg.source, file, msg.mapping);
      remember(p);
      return p.preview;
    },

    async applyImport(msg) {
      const p = pending.get(msg.id);
      if (!p) throw new HandlerError('This preview is no longer available. Choose the file again.');
      const r = await applyPending(p, msg.choices);
      return { version: r.version, importId: r.importId, counts: p.preview.counts };
    },

    async discardImport(msg) {
      return { discarded: pending.delete(msg.id) };
    },

    async registerWritten() {
      // The version is read from the store, not taken from the page.
      const version = await staff.getVersion();
      changed(version);
      return { version };
    },

    async getPendingImports() {
      return [...pending.values()].map((p) => p.preview);
    },

    async undoLastImport() {
      const r = await staff.undoLastImport();
      changed(r.version);
      return { version: r.version, undone: r.importId, restored: r.restored, removed: r.removed };
    },

    async previewUndo() {
      return staff.previewUndoLastImport();
    },

    async getImportHistory() {
      return staff.getImportHistory();
    },

    async getSettings() {
      return effectiveSettings();
    },

    async saveSettings(msg) {
      await settings.saveSettings(msg.settings);
      const s = await effectiveSettings();
      deps.onSettingsChanged?.(s);
      // Readiness depends on the plan and "today": views refresh their cards, tabs re-ask for their name index.
      deps.broadcast?.({ type: 'registerChanged', version: await staff.getVersion() }, [...tabs]);
      return s;
    },

    loadDemoData,

    async wipeAll() {
      const r = await staff.wipeAll();
      pending.clear();
      pages.clear();
      changed(r.version);
      deps.onSettingsChanged?.(await effectiveSettings());
      return { version: r.version };
    },

    async syncNow() {
      return runSync();
    },

    async removeRecords(msg) {
      const r = await staff.deleteRecords(msg.keys);
      if (r.removed > 0) changed(r.version);
      return r;
    },

    async getMatcher(_msg, sender) {
      if (sender.tab?.id !== undefined) tabs.add(sender.tab.id);
      const { version, matcher } = await currentNameIndex();
      return matcher ? { version, matcher } : { version };
    },

    async loadOverlay(_msg, sender) {
      const tabId = sender.tab?.id;
      if (tabId === undefined || !sender.url) throw new HandlerError('Only a page in a tab can ask for the overlay.');
      tabs.add(tabId);
      const loaded = (await deps.loadOverlay?.({ tabId, frameId: sender.frameId ?? 0, url: sender.url })) ?? false;
      return { loaded };
    },

    async getNameIndex(msg, sender) {
      if (sender.tab?.id !== undefined) tabs.add(sender.tab.id);
      const current = await currentNameIndex();
      const from = msg.from ?? 0;
      if (msg.knownVersion === current.version && from === 0) return { version: current.version, unchanged: true };
      const { version, entries, matcher } = current;
      return {
        version,
        unchanged: false,
        entries: entries.slice(from, from + NAME_INDEX_PAGE),
        from,
        total: entries.length,
        ...(matcher && from === 0 && msg.matcherFor !== version ? { matcher } : {}),
      };
    },

    async getCard(msg, sender) {
      if (sender.tab?.id !== undefined) tabs.add(sender.tab.id);
      const [idx, { s, today }] = await Promise.all([getIndex(), cardContext()]);
      const cards = [];
      const missing = [];
      for (const key of msg.keys) {
        const r = idx.byKey.get(key);
        if (r) cards.push(toPersonCard(r, s, today));
        else missing.push(key);
      }
      return { version: idx.version, cards, missing };
    },

    async pageReport(msg, sender) {
      const tabId = sender.tab?.id;
      if (tabId === undefined) throw new HandlerError('Only a page in a tab can report the people on it.');
      tabs.add(tabId);
      pages.set(tabId, { url: msg.url, keys: [...new Set(msg.keys)] });
      return { received: msg.keys.length };
    },

    async getPagePeople(msg) {
      const page = pages.get(msg.tabId);
      if (!page) return null;
      const [idx, { s, today }] = await Promise.all([getIndex(), cardContext()]);
      const cards = page.keys.flatMap((k) => {
        const r = idx.byKey.get(k);
        return r ? [toPersonCard(r, s, today)] : [];
      });
      return { url: page.url, keys: page.keys, cards };
    },
  };

  /** Checks the sender and the message, runs the handler, and answers `{ ok, data | error }`. Never throws. */
  async function handle(message: unknown, sender: Sender): Promise<Result<unknown>> {
    const type = (message as { type?: unknown } | null)?.type;
    // Check who is asking before looking at the payload: a page learns nothing about requests it may not make.
    if (typeof type === 'string' && type in handlers) {
      const refusal = checkSender(type as RequestType, sender, deps.extension);
      if (refusal) return { ok: false, error: refusal };
    }
    const parsed = Request.safeParse(message);
    if (!parsed.success) {
      return {
        ok: false,
        error:
          typeof type === 'string' && !(type in handlers)
            ? `Unknown request: ${type}.`
            : `The request was not understood: ${describeIssues(parsed.error.issues)}`,
      };
    }
    const refusal = checkSender(parsed.data.type, sender, deps.extension);
    if (refusal) return { ok: false, error: refusal };
    try {
      const handler = handlers[parsed.data.type] as Handler<RequestType>;
      return { ok: true, data: await handler(parsed.data, sender) };
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  }

  /** Forget a closed tab's page report. */
  function forgetTab(tabId: number) {
    pages.delete(tabId);
    tabs.delete(tabId);
  }

  /** Tabs whose page reported people, with the address they reported: the overlay may be running there. */
  function annotatedTabs(): { tabId: number; url: string }[] {
    return [...pages].map(([tabId, p]) => ({ tabId, url: p.url }));
  }

  return { handle, runSync, loadDemoData, forgetTab, getIndex, effectiveSettings, annotatedTabs };
}

export type Handlers = ReturnType<typeof createHandlers>;
