import { readRows, type ReadResult, type RowError } from '../csv/read-rows';
import { SavedMapping, type Mapping } from '../csv/mapping';
import { displayName, keyOf, type StaffKey } from '../domain/staff';
import {
  planCounts,
  planImport,
  resolvePlan,
  type ImportConflict,
  type ImportPlan,
  type RecordChanges,
  type SuspectedStrippedZeros,
} from '../register/plan-import';
import type { Importer } from './handlers';

/**
 * The real importer: lib/csv reads and validates the file, lib/register diffs it with the register and, once
 * the user chose, builds the records to write. Pure: no browser API, so handlers using it run in Node.
 */

/**
 * How many items of each list a preview carries. The page shows this many and says how many more there are:
 * sending every record of a 100,000-row file to the page was a message of over 50 MB and most of the preview's
 * time (measured in Chromium: 13 of 15.6 s).
 */
export const PREVIEW_LIST_LIMIT = 200;

/** What the UI gets to show for a preview: counts, and the first items of each list (conflicts: all of them). */
export interface ImportPlanView {
  source: string;
  now: string;
  councils: ImportPlan['councils'];
  added: { key: StaffKey; name: string }[];
  changed: RecordChanges[];
  /** Every conflict: the user chooses for each one. */
  conflicts: ImportConflict[];
  unchanged: number;
  missing: ImportPlan['missing'];
  returning: StaffKey[];
  suspectedStrippedZeros: SuspectedStrippedZeros[];
  /** How many items each list has in full. */
  totals: { added: number; changed: number; missing: number; returning: number; suspectedStrippedZeros: number };
  /** What lib/csv read, without the rows; `errors` holds the first of them, `errorCount` says how many there are. */
  read: Omit<ReadResult, 'rows' | 'errors'> & { errors: RowError[]; errorCount: number };
}

interface FullPlan {
  plan: ImportPlan;
}

function firstOf<T>(list: readonly T[]): T[] {
  return list.slice(0, PREVIEW_LIST_LIMIT);
}

export function planView(plan: ImportPlan, read: Omit<ReadResult, 'rows'>): ImportPlanView {
  const { errors, ...rest } = read;
  return {
    source: plan.source,
    now: plan.now,
    councils: plan.councils,
    added: firstOf(plan.added).map((r) => ({ key: keyOf(r), name: displayName(r) })),
    changed: firstOf(plan.changed),
    conflicts: plan.conflicts,
    unchanged: plan.unchanged,
    missing: firstOf(plan.missing),
    returning: firstOf(plan.returning),
    suspectedStrippedZeros: firstOf(plan.suspectedStrippedZeros),
    totals: {
      added: plan.added.length,
      changed: plan.changed.length,
      missing: plan.missing.length,
      returning: plan.returning.length,
      suspectedStrippedZeros: plan.suspectedStrippedZeros.length,
    },
    read: { ...rest, errors: firstOf(errors), errorCount: errors.length },
  };
}

export const csvImporter: Importer = {
  preview({ source, file, mapping, saved, register, at }) {
    let given: Mapping | undefined;
    if (mapping !== undefined) {
      const m = SavedMapping.safeParse({ source, ...mapping });
      if (!m.success) return { ok: false, error: 'The column choices were not understood. Choose them again.' };
      given = m.data;
    }
    const savedMapping = saved === undefined ? undefined : SavedMapping.safeParse(saved).data;
    const { rows, ...read } = readRows(file, given, { source, ...(savedMapping ? { saved: savedMapping } : {}) });
    const plan = planImport(register, rows, { source, now: at });
    const full: FullPlan = { plan };
    let problem: string | undefined;
    if (read.required.length > 0) problem = read.required.map((r) => r.text).join(' ');
    else if (rows.length === 0) {
      problem =
        read.errors.length > 0
          ? `No row could be read. The first problem, on line ${read.errors[0]!.line}: ${read.errors[0]!.reason}`
          : 'The file has no rows of staff.';
    }
    return {
      ok: true,
      plan: full,
      view: planView(plan, read),
      mapping: read.mapping,
      ...(problem ? { problem } : {}),
      // Rows held back as suspected Excel-stripped employee numbers count as left out (planCounts).
      counts: planCounts(plan, read.total, new Set(read.errors.map((e) => e.line)).size),
    };
  },

  resolve(plan, choices) {
    return resolvePlan((plan as FullPlan).plan, choices).put;
  },
};
