import { z } from 'zod';

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

/** lib/csv SavedMapping, kept as given; the importer checks it with lib/csv's own schema when it is used. */
export const ColumnMappingSchema = z.record(z.string(), z.unknown());

/** The register version: bumped by every change so views and the content script's name index know to refresh. */
export const RegisterMetaSchema = z.object({ registerVersion: z.number().int().min(0) });
export type RegisterMeta = z.infer<typeof RegisterMetaSchema>;

/**
 * One import in the history, with its undo snapshot: for every staff key the import touched, the raw stored
 * value before the import (exactly as it was, even if damaged), or null when the import added the person.
 */
export const ImportEntrySchema = z.object({
  id: z.string().min(1),
  at: z.string().min(1),
  source: z.string(),
  counts: ImportCountsSchema,
  mapping: ColumnMappingSchema.optional(),
  snapshot: z.record(z.string(), z.unknown()),
  /** Set when the import was undone; the snapshot is then emptied. */
  undoneAt: z.string().optional(),
  /** Set when the snapshot was dropped to save space (only the last few imports can be undone). */
  pruned: z.boolean().optional(),
});
export type ImportEntry = z.infer<typeof ImportEntrySchema>;

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
