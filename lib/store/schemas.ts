import { z } from 'zod';
import { SavedMapping } from '../csv/mapping';

/**
 * zod schemas for the values the store keeps besides staff records (those use StaffRecord from lib/domain).
 * Every value is checked on the way in and on the way out: IndexedDB outlives the code that wrote it.
 */

export const ImportCountsSchema = z.object({
  rows: z.number().int().min(0),
  added: z.number().int().min(0),
  changed: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  notInRoster: z.number().int().min(0),
  invalid: z.number().int().min(0),
  conflicts: z.number().int().min(0),
});

/** How a source's columns fill records: lib/csv's own schema (heading → field or 'ignore', default council). */
export const ColumnMappingSchema = SavedMapping;

/** The register version: bumped by every change so views and the content script's name index know to refresh. */
export const RegisterMetaSchema = z.object({ registerVersion: z.number().int().min(0) });
export type RegisterMeta = z.infer<typeof RegisterMetaSchema>;

/** One import in the history. Small on purpose: the history is read whenever the popup opens. */
export const ImportEntrySchema = z.object({
  id: z.string().min(1),
  at: z.string().min(1),
  source: z.string(),
  counts: ImportCountsSchema,
  mapping: ColumnMappingSchema.optional(),
  /** How many records the undo snapshot covers. */
  touched: z.number().int().min(0),
  /** Set when the import was undone; its snapshot is then deleted. */
  undoneAt: z.string().optional(),
  /** Set when the snapshot was dropped to save space (only the last few imports can be undone). */
  pruned: z.boolean().optional(),
});
export type ImportEntry = z.infer<typeof ImportEntrySchema>;

/**
 * An import's undo snapshot, in its own store (schema version 3) so reading the history never loads it: for
 * every staff key the import touched, the raw stored value before the import (exactly as it was, even if
 * damaged), or null when the import added the person.
 */
export const UndoSnapshotSchema = z.object({
  importId: z.string().min(1),
  snapshot: z.record(z.string(), z.unknown()),
});
export type UndoSnapshot = z.infer<typeof UndoSnapshotSchema>;

export const SavedMappingSchema = z.object({
  source: z.string().min(1),
  mapping: ColumnMappingSchema,
  savedAt: z.string(),
});
export type SavedMapping = z.infer<typeof SavedMappingSchema>;

/** HTTP validators for a CSV address, so a scheduled sync downloads only when the file changed. */
export const SyncStateSchema = z.object({
  url: z.string().min(1),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  lastCheckedAt: z.string().optional(),
  lastResult: z.object({ at: z.string(), ok: z.boolean(), message: z.string() }).optional(),
});
export type SyncState = z.infer<typeof SyncStateSchema>;
