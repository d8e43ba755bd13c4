import { readRows, type ReadResult } from '../csv/read-rows';
import { SavedMapping, type Mapping } from '../csv/mapping';
import { planImport, resolvePlan, type ImportPlan } from '../register/plan-import';
import type { Importer } from './handlers';

/**
 * The real importer: lib/csv reads and validates the file, lib/register diffs it with the register and, once
 * the user chose, builds the records to write. Pure: no browser API, so handlers using it run in Node.
 */

/** What the UI gets to show for a preview: the plan without the full before/after records it carries. */
export type ImportPlanView = Omit<ImportPlan, 'updates' | 'missingRecords'> & {
  read: Omit<ReadResult, 'rows'>;
};

interface FullPlan {
  plan: ImportPlan;
  read: Omit<ReadResult, 'rows'>;
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
    const full: FullPlan = { plan, read };
    const { updates: _u, missingRecords: _m, ...shown } = plan;
    const view: ImportPlanView = { ...shown, read };
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
      view,
      mapping: read.mapping,
      ...(problem ? { problem } : {}),
      counts: {
        rows: read.total,
        added: plan.added.length,
        changed: plan.changed.length,
        unchanged: plan.unchanged,
        notInRoster: plan.missing.length,
        invalid: new Set(read.errors.map((e) => e.line)).size,
        conflicts: plan.conflicts.length,
      },
    };
  },

  resolve(plan, choices) {
    return resolvePlan((plan as FullPlan).plan, choices).put;
  },
};
