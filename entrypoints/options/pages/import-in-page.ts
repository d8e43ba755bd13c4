import type { ReadResult } from '@/lib/csv/read-rows';
import { planView } from '@/lib/messaging/csv-importer';
import type { ConflictChoice, ImportCounts, ImportPreview } from '@/lib/messaging/protocol';
import { planCounts, planImport, resolvePlan, type ImportPlan } from '@/lib/register/plan-import';
import type { DbAccess } from '@/lib/store/db';
import { createStaffStore, type StoredRegister } from '@/lib/store/staff-store';

/**
 * A file chosen on the Import page is planned and applied here, in the page, against the same IndexedDB
 * register the background uses (both run in the extension's origin), with the same lib/register and lib/store
 * code and the same single transaction.
 *
 * Why not in the background: the page has already read and validated every row to show step 2. Sending the
 * text to the service worker meant a second message the size of the file and reading the file a second time
 * there; measured in Chromium with 20,000 rows under load, those two were 2.5 of the preview's 3 seconds.
 * Syncs from the register address, the demo data and the waiting previews still go through the background.
 */
/**
 * Runs `f` and records how long it took as a User Timing measure (`tl-import <step>`), so the import
 * benchmark can show where the time goes. The measures cost a few microseconds and are dropped with the page.
 */
export function timed<T>(step: string, f: () => T): T {
  const start = performance.now();
  const done = () => performance.measure(`tl-import ${step}`, { start, end: performance.now() });
  const r = f();
  if (r instanceof Promise) return r.finally(done) as T;
  done();
  return r;
}

export interface InPagePreview {
  preview: ImportPreview;
  plan: ImportPlan;
  mapping: ReadResult['mapping'];
  /** The register version the file was compared with: apply refuses to write over later changes. */
  basedOnVersion: number;
  /** The register's stored values at that version, so apply need not read them again (see ApplyImportInput). */
  stored?: StoredRegister;
}

export interface InPageImporterDeps {
  db: DbAccess;
  now?: () => Date;
  /** Tells the background the register changed, so it drops its copy and tells the other views and tabs. */
  notify: () => Promise<void>;
}

export function createInPageImporter({ db, now = () => new Date(), notify }: InPageImporterDeps) {
  const staff = createStaffStore({ db, now, timed });
  type Loaded = Awaited<ReturnType<typeof staff.loadRegister>>;
  let early: Promise<Loaded> | undefined;

  /**
   * Starts reading the register while the user is still checking the file (a 100,000-person register takes a
   * second or two to read and check), so that "Preview changes" finds it read.
   */
  function preload(): void {
    early ??= timed('preload: load the register', () => staff.loadRegister({ keepStored: true }));
    // A failed read is read again, and reported, by the preview.
    early.catch(() => undefined);
  }

  /** The register as it is now: the one read early if nothing has changed it since, otherwise read again. */
  async function currentRegister(): Promise<Loaded> {
    const read = early;
    early = undefined;
    if (read) {
      try {
        const r = await read;
        // Every change to the register raises its version, so the same version means the same records.
        if (r.version === (await staff.getVersion())) return r;
      } catch {
        // Read again below; that read's error is the one the user sees.
      }
    }
    return staff.loadRegister({ keepStored: true });
  }

  /** Compares what the page read with the register, changing nothing. */
  async function preview(source: string, result: ReadResult): Promise<InPagePreview> {
    const register = await timed('preview: load the register', currentRegister);
    const at = now().toISOString();
    const { rows, ...read } = result;
    const plan = timed('preview: compare', () => planImport(register.records, rows, { source, now: at }));
    const counts: ImportCounts = planCounts(plan, read.total, new Set(read.errors.map((e) => e.line)).size);
    const p: ImportPreview = {
      id: `page-${now().getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      source,
      createdAt: at,
      trigger: 'file',
      counts,
      plan: timed('preview: summary', () => planView(plan, read)),
    };
    if (read.required.length > 0) p.problem = read.required.map((r) => r.text).join(' ');
    else if (rows.length === 0) p.problem = 'The file has no rows of staff that can be imported.';
    return {
      preview: p,
      plan,
      mapping: read.mapping,
      basedOnVersion: register.version,
      ...(register.stored ? { stored: register.stored } : {}),
    };
  }

  /** Writes the import in one transaction (all or nothing), then tells the background. */
  async function apply(
    p: InPagePreview,
    choices: Record<string, ConflictChoice>,
  ): Promise<{ version: number; importId: string; counts: ImportCounts }> {
    if (p.preview.problem) throw new Error(p.preview.problem);
    const put = timed('apply: final records', () => resolvePlan(p.plan, choices, { seal: true }).put);
    const r = await timed('apply: check and write, in all', () =>
      staff.applyImport({
        put,
        source: p.preview.source,
        counts: p.preview.counts,
        mapping: p.mapping as unknown as Record<string, unknown>,
        basedOnVersion: p.basedOnVersion,
        ...(p.stored ? { stored: p.stored } : {}),
      }),
    );
    await timed('apply: tell the background', notify);
    return { version: r.version, importId: r.importId, counts: p.preview.counts };
  }

  return { preload, preview, apply };
}
