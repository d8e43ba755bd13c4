import { z } from 'zod';
import type { Council, ReadinessState, Settings, StaffRecord, TomFunction, TransferPlan } from '../domain';
import type { Blocker, S113Status, TransferOutcome, TransferScope } from '../domain';
import { Settings as SettingsSchema, StaffKeySchema, StaffRecord as StaffRecordSchema } from '../domain';
import type { PackedMatcher } from '../match';

/**
 * The one message protocol between the background (which owns the store) and every other part of the
 * extension. Requests are checked with zod in the background: a message is untrusted input, even from our own
 * pages, because a content script runs next to the page's own code.
 *
 * Every request is `{ type, ...payload }`; every answer is `{ ok: true, data } | { ok: false, error }` where
 * `error` is a plain sentence that can be shown to the user.
 */

const Key = StaffKeySchema;
const Keys = z.array(Key).min(1).max(5000);

/** Which value wins for one conflicting field of an import: the edit made in the extension, or the file's. */
export const ConflictChoice = z.enum(['local', 'incoming']);
export type ConflictChoice = z.infer<typeof ConflictChoice>;

/**
 * How a source's columns fill staff records: lib/csv's SavedMapping (`{ source, columns: { heading → field or
 * 'ignore' }, defaultCouncil?, vacantRows }`). Opaque here; the background checks it with lib/csv's schema.
 */
export const ColumnMapping = z.record(z.string(), z.unknown());
export type ColumnMapping = z.infer<typeof ColumnMapping>;

export const Request = z.discriminatedUnion('type', [
  /** Whole register for the dashboard: every record, the damaged ones, and the register version. */
  /**
   * One page of the register in key order. Pages keep each answer far below Chromium's 64 MiB message limit
   * (100,000 records with history reach it); `damaged` comes with the first page.
   */
  z.object({
    type: z.literal('getRegister'),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(100_000).optional(),
  }),
  /** Counts for the popup. */
  z.object({ type: z.literal('getSummary') }),
  /** Name, e-mail or employee number → up to `limit` (default 20) people with the five facts. */
  z.object({
    type: z.literal('search'),
    query: z.string().max(200),
    limit: z.number().int().min(1).max(100).optional(),
  }),
  z.object({ type: z.literal('getPerson'), key: Key }),
  /**
   * Change one person. Give either `patch` (top-level fields to replace, e.g. `{ team: 'Networks' }` or a whole
   * `s113` object) or `record` (the full edited record). Key fields (council, employee number), history and
   * localEdits are the background's to set. The user's name comes from settings.
   */
  z
    .object({
      type: z.literal('updatePerson'),
      key: Key,
      patch: z.record(z.string(), z.unknown()).optional(),
      record: z.record(z.string(), z.unknown()).optional(),
    })
    .refine((m) => (m.patch === undefined) !== (m.record === undefined), 'Give either a patch or a full record'),
  /** Parse and diff a CSV without changing anything; the preview waits in the background under its id. */
  z
    .object({
      type: z.literal('previewImport'),
      source: z.string().min(1).max(300),
      text: z.string().optional(),
      base64: z.string().optional(),
      mapping: ColumnMapping.optional(),
    })
    .refine((m) => (m.text === undefined) !== (m.base64 === undefined), 'Give the file as text or as base64'),
  /** Apply a waiting preview. `choices` is keyed by `${staffKey}|${fieldPath}`; unanswered conflicts keep local. */
  z.object({
    type: z.literal('applyImport'),
    id: z.string().min(1),
    choices: z.record(z.string(), ConflictChoice).default({}),
  }),
  z.object({ type: z.literal('discardImport'), id: z.string().min(1) }),
  /**
   * The Import page applied a file itself (it plans and writes in the page, see import-in-page.ts): the
   * background drops its copy of the register and tells the views and tabs.
   */
  z.object({ type: z.literal('registerWritten') }),
  /** Previews waiting to be applied (e.g. a scheduled sync with changes when auto-apply is off). */
  z.object({ type: z.literal('getPendingImports') }),
  z.object({ type: z.literal('undoLastImport') }),
  /** What undo would do, including the people edited since that import (undo would revert those edits). */
  z.object({ type: z.literal('previewUndo') }),
  z.object({ type: z.literal('getImportHistory') }),
  z.object({ type: z.literal('getSettings') }),
  /** Full settings; checked and migrated with the Settings schema. */
  z.object({ type: z.literal('saveSettings'), settings: z.record(z.string(), z.unknown()) }),
  z.object({ type: z.literal('loadDemoData') }),
  z.object({ type: z.literal('wipeAll') }),
  z.object({ type: z.literal('syncNow') }),
  /** Explicitly remove people (e.g. those no longer in the roster). Syncs never delete. */
  z.object({ type: z.literal('removeRecords'), keys: Keys }),
  /**
   * Content script: the compact name index, in pages of NAME_INDEX_PAGE entries from `from` (default 0). If
   * `knownVersion` equals the current index version the answer is `{ version, unchanged: true }` without entries.
   */
  z.object({
    type: z.literal('getNameIndex'),
    knownVersion: z.number().int().optional(),
    from: z.number().int().min(0).optional(),
    /** The tab already holds the matcher of this index version (from the first stage): leave it out if current. */
    matcherFor: z.number().int().optional(),
  }),
  /**
   * The overlay's first stage (content-scripts/probe.js, on every page of a switched-on site): the name index's
   * version and, when the register is small enough to send it, the matcher, without the people. The first stage
   * only looks for a first name and asks for the whole overlay (`loadOverlay`) when it finds one.
   */
  z.object({ type: z.literal('getMatcher') }),
  /** The first stage found a name (or has no matcher to look with): put the whole overlay into the sender's frame. */
  z.object({ type: z.literal('loadOverlay') }),
  /** Content script and side panel: the five facts and readiness for these people only. */
  z.object({ type: z.literal('getCard'), keys: z.array(Key).min(1).max(200) }),
  /** Content script: which people it found on the page in its tab (for the side panel). */
  z.object({ type: z.literal('pageReport'), url: z.string().max(4000), keys: z.array(Key).max(5000) }),
  /** Side panel: the people last reported for a tab. */
  z.object({ type: z.literal('getPagePeople'), tabId: z.number().int() }),
]);
export type Request = z.infer<typeof Request>;
export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;
/** What callers pass: zod defaults (such as `choices`) may be left out. */
export type RequestInput = z.input<typeof Request>;
export type RequestInputOf<T extends RequestType> = Extract<RequestInput, { type: T }>;

/** Messages a content script may send; everything else only comes from extension pages. */
export const CONTENT_SCRIPT_TYPES: ReadonlySet<RequestType> = new Set<RequestType>([
  'getMatcher',
  'loadOverlay',
  'getNameIndex',
  'getCard',
  'pageReport',
]);

/** A stored record that fails validation on the way out: shown as damaged, never dropped. */
export interface DamagedRecord {
  damaged: true;
  key: string;
  reason: string;
  raw: unknown;
}

/** The five facts a badge, card, popup result or side panel row shows, plus readiness. */
export interface PersonCard {
  key: string;
  name: string;
  jobTitle?: string;
  team?: string;
  vacant: boolean;
  inLatestRoster: boolean;
  /** 1. Employing council. */
  council: Council;
  /** 2. Section 113 status, with the date that goes with it. */
  s113: { status: S113Status; text: string; date?: string };
  /** 3. Planned transfer under the active plan (absent when there is no plan). */
  transfer?: {
    planId: string;
    planName: string;
    legalBasis: TransferPlan['legalBasis'];
    transferee: Council;
    transferDate: string;
    scope?: TransferScope;
    outcome?: TransferOutcome;
    /** Plain words: "Transfers to Camden on 1 April 2018 (TUPE)", "No transfer: Camden is the host employer". */
    text: string;
  };
  /** 4. TOM function and team. */
  tom: { function?: TomFunction; functionName?: string; team?: string };
  /** 5. Pension checklist: items still to do (ids) of the applicable ones. */
  pension: { outstanding: string[]; applicable: number; done: number };
  readiness: { state: ReadinessState; blockers: Blocker[]; reason?: string };
}

/**
 * Name index entries per answer. Why pages: runtime messaging is JSON, and a tab turns each answer into objects in
 * one task; 100,000 people in one answer is about 18 MB of JSON in one task (npm run bench:overlay-large measures
 * the long tasks of a page with 100,000 people).
 */
export const NAME_INDEX_PAGE = 5_000;

export interface NameIndexEntry {
  key: string;
  forename: string;
  surname: string;
  knownAs?: string;
  otherSpellings: string[];
  emails: string[];
  employeeNumber: string;
  /** Readiness under the active plan, for the badge's mark; absent when no plan is set. */
  readiness?: ReadinessState;
}

export interface RegisterSummary {
  version: number;
  total: number;
  damaged: number;
  notInLatestRoster: number;
  byCouncil: Record<Council, number>;
  readiness: Record<ReadinessState, number>;
  plan?: { id: string; name: string; transferDate: string };
  lastImport?: { id: string; at: string; source: string };
  pendingImports: number;
  lastSync?: { at: string; ok: boolean; message: string };
}

export interface ImportCounts {
  rows: number;
  added: number;
  changed: number;
  unchanged: number;
  /** People in the register but not in this file (marked, never deleted). */
  notInRoster: number;
  invalid: number;
  conflicts: number;
}

/** A parsed, diffed import waiting for the user's choices. */
export interface ImportPreview {
  id: string;
  source: string;
  createdAt: string;
  trigger: 'file' | 'sync' | 'demo';
  counts: ImportCounts;
  /**
   * Set when nothing can be imported yet (column choices needed, no readable row): show it, and the mapping
   * step, instead of the Apply button. applyImport refuses such a preview.
   */
  problem?: string;
  /**
   * What to show: lib/register's ImportPlan (added, changed with field changes, conflicts with ids for
   * `choices`, missing, returning, unchanged, councils) without its internal full records, plus `read`: lib/csv's
   * ReadResult without rows (errors with lines, headers, mapping used, required choices, unknown headers,
   * notices). Typed as ImportPlanView in lib/messaging/csv-importer.ts.
   */
  plan: unknown;
}

export interface ImportHistoryEntry {
  id: string;
  at: string;
  source: string;
  counts: ImportCounts;
  mapping?: ColumnMapping;
  /** How many records the undo snapshot covers (0 once undone or too old to undo). */
  touched: number;
  undoneAt?: string;
}

export interface UndoPreview {
  importId: string;
  at: string;
  source: string;
  /** Records the import added (undo removes them). */
  added: string[];
  /** Records the import changed (undo restores their earlier values). */
  restored: string[];
  /** People edited in the extension after the import: undo would revert those edits too. */
  editedSince: { key: string; name: string; fields: string[] }[];
}

export interface SyncResult {
  status: 'unchanged' | 'applied' | 'pending' | 'failed' | 'not-configured';
  message: string;
  previewId?: string;
  version?: number;
}

/** The data each request answers with. */
export interface ResponseMap {
  getRegister: { version: number; total: number; records: StaffRecord[]; damaged: DamagedRecord[] };
  getSummary: RegisterSummary;
  search: PersonCard[];
  getPerson: { record: StaffRecord; card: PersonCard } | { damaged: DamagedRecord };
  updatePerson: { record: StaffRecord; version: number };
  previewImport: ImportPreview;
  applyImport: { version: number; importId: string; counts: ImportCounts };
  discardImport: { discarded: boolean };
  registerWritten: { version: number };
  getPendingImports: ImportPreview[];
  undoLastImport: { version: number; undone: string; restored: number; removed: number };
  previewUndo: UndoPreview | null;
  getImportHistory: ImportHistoryEntry[];
  getSettings: Settings;
  saveSettings: Settings;
  loadDemoData: { version: number; records: number };
  wipeAll: { version: number };
  syncNow: SyncResult;
  removeRecords: { version: number; removed: number };
  getNameIndex:
    | { version: number; unchanged: true }
    | {
        version: number;
        unchanged: false;
        /** Entries from..from + NAME_INDEX_PAGE - 1 of `total`. */
        entries: NameIndexEntry[];
        from: number;
        total: number;
        /** With the first page only. */
        matcher?: PackedMatcher;
      };
  /** `matcher` only for registers small enough to send it (see packedMatcherFor in handlers.ts). */
  getMatcher: { version: number; matcher?: PackedMatcher };
  /** False when the sender's page is not on a switched-on site (any more). */
  loadOverlay: { loaded: boolean };
  getCard: { version: number; cards: PersonCard[]; missing: string[] };
  pageReport: { received: number };
  getPagePeople: { url: string; keys: string[]; cards: PersonCard[] } | null;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: string };
export type ResponseOf<T extends RequestType> = Result<ResponseMap[T]>;

/** Sent by the background to extension pages and to content scripts in tabs after any change to the register. */
export const RegisterChanged = z.object({ type: z.literal('registerChanged'), version: z.number().int() });
export type RegisterChanged = z.infer<typeof RegisterChanged>;

/** Re-exported so pages validate what they send the same way the background does. */
export { SettingsSchema, StaffRecordSchema };
