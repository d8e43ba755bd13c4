import type { Council } from '../domain/council';
import { type HistoryEntry, type StaffKey, StaffRecord, displayName, keyOf } from '../domain/staff';
import { displayValue, fieldLabel, getField, pruneEmpty, sameValue, setField } from './field-path';
import { createRecordValidator, sealedHistoryEntry, sealedWithHistory } from './record-validator';

/** One row of a file, already validated (lib/csv readRows gives these). */
export interface IncomingRow {
  line: number;
  record: StaffRecord;
  /** Field paths the file has a column for: these are overwritten; every other field is kept. */
  carried: ReadonlySet<string> | readonly string[];
}

export interface FieldChange {
  path: string;
  label: string;
  old: string;
  new: string;
}

export interface RecordChanges {
  key: StaffKey;
  name: string;
  line: number;
  /** Changes that apply without a question. */
  changes: FieldChange[];
  /** Ids of this record's conflicts (see ImportPlan.conflicts). */
  conflictIds: string[];
}

/** A field edited in the extension that the file also changes: the user keeps one of the two. */
export interface ImportConflict {
  /** `${staffKey}|${fieldPath}`, the key for the choice. */
  id: string;
  key: StaffKey;
  name: string;
  line: number;
  path: string;
  label: string;
  local: string;
  file: string;
  /** When the field was edited in the extension. */
  editedAt: string;
}

/** What the import needs to build the final records; plain data, so a plan can cross a message boundary. */
interface PendingUpdate {
  key: StaffKey;
  existing: StaffRecord;
  incoming: StaffRecord;
  changePaths: string[];
  conflictPaths: string[];
  returning: boolean;
}

export interface ImportPlan {
  source: string;
  now: string;
  /** Councils the file covers: only people of these councils can be missing from it. */
  councils: Council[];
  added: StaffRecord[];
  /** Records the file changes (including those with only conflicts), in file order. */
  changed: RecordChanges[];
  conflicts: ImportConflict[];
  unchanged: number;
  /**
   * People in the register, in a council the file covers, not in the file and still marked as in the latest
   * roster: they will be marked as not in it, never deleted (someone may be on leave, or the file partial).
   */
  missing: { key: StaffKey; name: string }[];
  /** The missing people's records as they are now (for resolvePlan). */
  missingRecords: StaffRecord[];
  /** People marked as not in the latest roster who are back in this file. */
  returning: StaffKey[];
  /**
   * Rows held back because their employee number looks like one in the register with its leading zeros removed
   * (Excel turns `001016` into `1016`): importing them would add a second record for the same person. They are
   * not added; the person in the register is not marked as missing either. See strippedZerosReason.
   */
  suspectedStrippedZeros: SuspectedStrippedZeros[];
  updates: PendingUpdate[];
}

export interface SuspectedStrippedZeros {
  line: number;
  incomingKey: StaffKey;
  existingKey: StaffKey;
}

const ALL_DIGITS = /^[0-9]+$/;

function employeeNumberOfKey(key: string): string {
  return key.slice(key.indexOf(':') + 1);
}

/** The plain words the import preview shows for a row held back as a suspected Excel-stripped number. */
export function strippedZerosReason(s: SuspectedStrippedZeros): string {
  return (
    `Employee number ${employeeNumberOfKey(s.incomingKey)} looks like ${employeeNumberOfKey(s.existingKey)} ` +
    'with its leading zeros removed (Excel does this). Check the file; this row was not imported.'
  );
}

/**
 * Register records whose employee number is all digits with leading zeros, by council and the number without
 * them: `haringey:1016` → `haringey:001016`. Only these can be confused with a number Excel stripped.
 */
function zeroPaddedIndex(existing: readonly StaffRecord[]): Map<string, StaffKey> {
  const out = new Map<string, StaffKey>();
  for (const r of existing) {
    const n = r.employeeNumber;
    if (n.charCodeAt(0) !== 48 /* 0 */ || !ALL_DIGITS.test(n)) continue;
    const short = `${r.council}:${n.replace(/^0+/, '')}`;
    const key = keyOf(r);
    // Several padded forms of one number (`01016`, `001016`): name the first in sort order, the same every time.
    const known = out.get(short);
    if (known === undefined || key < known) out.set(short, key);
  }
  return out;
}

export type ConflictChoice = 'keep-local' | 'take-file';
/** Also accepted: the messaging protocol's words for the same choice. */
export type ConflictChoiceInput = ConflictChoice | 'local' | 'incoming';

/** The localEdits entry covering a path: the path itself or a parent of it (`s113` covers `s113.noticeIssued`). */
function localEditFor(localEdits: Record<string, string>, path: string): string | undefined {
  if (Object.hasOwn(localEdits, path)) return localEdits[path];
  for (let i = path.lastIndexOf('.'); i > 0; i = path.lastIndexOf('.', i - 1)) {
    const parent = path.slice(0, i);
    if (Object.hasOwn(localEdits, parent)) return localEdits[parent];
  }
  return undefined;
}

/**
 * The carried paths sorted, so the plan is the same whatever order the file's columns were in. `sorted` is one
 * planImport call's memory: the rows of a mapped file share one set, sorted once instead of once per row.
 */
function carriedPaths(carried: IncomingRow['carried'], sorted: Map<object, readonly string[]>): readonly string[] {
  let paths = sorted.get(carried);
  if (!paths) {
    paths = [...carried].sort();
    sorted.set(carried, paths);
  }
  return paths;
}

export function conflictId(key: StaffKey, path: string): string {
  return `${key}|${path}`;
}

/**
 * Compares a file with the register, without changing anything: what is added, what changes field by field,
 * which changes clash with edits made in the extension, and who is no longer in the file. Pure.
 */
export function planImport(
  existing: readonly StaffRecord[],
  incoming: readonly IncomingRow[],
  options: { source: string; now: string },
): ImportPlan {
  const byKey = new Map<string, StaffRecord>();
  for (const r of existing) byKey.set(keyOf(r), r);
  const seen = new Set<string>();
  const councils = new Set<Council>();
  const plan: ImportPlan = {
    source: options.source,
    now: options.now,
    councils: [],
    added: [],
    changed: [],
    conflicts: [],
    unchanged: 0,
    missing: [],
    missingRecords: [],
    returning: [],
    suspectedStrippedZeros: [],
    updates: [],
  };
  let padded: Map<string, StaffKey> | undefined;
  const sortedCarried = new Map<object, readonly string[]>();

  for (const row of incoming) {
    const key = keyOf(row.record);
    if (seen.has(key)) continue; // readRows already reported the repeat; the first row wins
    seen.add(key);
    councils.add(row.record.council);
    const current = byKey.get(key);
    if (!current) {
      const n = row.record.employeeNumber;
      if (ALL_DIGITS.test(n)) {
        padded ??= zeroPaddedIndex(existing);
        const existingKey = padded.get(`${row.record.council}:${n.replace(/^0+/, '')}`);
        if (existingKey !== undefined && existingKey.length > key.length) {
          plan.suspectedStrippedZeros.push({ line: row.line, incomingKey: key, existingKey });
          // The file most likely has this person: do not mark them as missing from it.
          seen.add(existingKey);
          continue;
        }
      }
      const r = row.record;
      // A row read from a file is already in the roster with no local edits: no copy needed (100,000 of them).
      plan.added.push(
        r.inLatestRoster && Object.keys(r.localEdits).length === 0 ? r : { ...r, inLatestRoster: true, localEdits: {} },
      );
      continue;
    }
    const name = displayName(row.record.vacant ? current : row.record);
    const changes: FieldChange[] = [];
    const conflictIds: string[] = [];
    const changePaths: string[] = [];
    const conflictPaths: string[] = [];
    for (const path of carriedPaths(row.carried, sortedCarried)) {
      const before = getField(current, path);
      const after = getField(row.record, path);
      if (sameValue(before, after)) continue;
      const editedAt = localEditFor(current.localEdits, path);
      const label = fieldLabel(path);
      if (editedAt !== undefined) {
        const id = conflictId(key, path);
        conflictIds.push(id);
        conflictPaths.push(path);
        plan.conflicts.push({
          id,
          key,
          name,
          line: row.line,
          path,
          label,
          local: displayValue(path, before),
          file: displayValue(path, after),
          editedAt,
        });
      } else {
        changePaths.push(path);
        changes.push({ path, label, old: displayValue(path, before), new: displayValue(path, after) });
      }
    }
    const returning = !current.inLatestRoster;
    if (returning) {
      plan.returning.push(key);
      changes.push({ path: 'inLatestRoster', label: fieldLabel('inLatestRoster'), old: 'No', new: 'Yes' });
    }
    if (changes.length === 0 && conflictIds.length === 0) {
      plan.unchanged++;
      continue;
    }
    plan.changed.push({ key, name, line: row.line, changes, conflictIds });
    plan.updates.push({ key, existing: current, incoming: row.record, changePaths, conflictPaths, returning });
  }

  for (const r of existing) {
    const key = keyOf(r);
    if (!seen.has(key) && councils.has(r.council) && r.inLatestRoster) {
      plan.missing.push({ key, name: displayName(r) });
      plan.missingRecords.push(r);
    }
  }
  plan.councils = [...councils].sort();
  return plan;
}

export interface ImportSummary {
  added: number;
  /** Existing records written with at least one change. */
  changed: number;
  unchanged: number;
  /** Marked as not in the latest roster. */
  notInRoster: number;
  /** Back in the roster after being missing. */
  returned: number;
  conflicts: number;
  keptLocal: number;
  tookFile: number;
}

export interface ResolvedImport {
  /** Every record to write, in one transaction. */
  put: StaffRecord[];
  summary: ImportSummary;
  /** What undo needs: the records as they were before (to put back) and the keys the import added (to remove). */
  undo: { restore: StaffRecord[]; remove: StaffKey[] };
}

function choiceIsFile(choice: ConflictChoiceInput | undefined): boolean {
  return choice === 'take-file' || choice === 'incoming';
}

/**
 * The final records of an import, with the user's choice for each conflict (unanswered: keep the local edit).
 * Each written change is added to the person's history as "CSV import: <source>"; a field that took the file's
 * value is no longer marked as edited in the extension. Pure and deterministic (`plan.now` is the time stamp).
 */
export function resolvePlan(
  plan: ImportPlan,
  choices: Readonly<Record<string, ConflictChoiceInput>> = {},
  options: {
    /**
     * Seal the records to write (record-validator.ts): the file's new people read by a sealing readRows get
     * their history entry added without being checked again, and every other record is checked here, once,
     * instead of here and again in the store. For the Import page, which writes them as they are.
     */
    seal?: boolean;
  } = {},
): ResolvedImport {
  const by = `CSV import: ${plan.source}`.slice(0, 200);
  const sealer = options.seal ? createRecordValidator({ seal: true }) : undefined;
  /** A sealed record, or the record as it is when it cannot be sealed (the store then checks and refuses it). */
  const sealed = (r: Record<string, unknown>): StaffRecord => {
    const c = sealer!(r);
    return c.success ? c.data : (r as StaffRecord);
  };
  const put: StaffRecord[] = [];
  const restore: StaffRecord[] = [];
  const summary: ImportSummary = {
    added: plan.added.length,
    changed: 0,
    unchanged: plan.unchanged,
    notInRoster: plan.missing.length,
    returned: 0,
    conflicts: plan.conflicts.length,
    keptLocal: 0,
    tookFile: 0,
  };

  const addedEntry = (): HistoryEntry => ({ at: plan.now, by, field: 'record', to: 'Added from the file' });
  // One checked, frozen entry shared by every new person of a sealed file (100,000 of them in a large one).
  const sharedEntry = sealer ? sealedHistoryEntry(addedEntry()) : undefined;
  for (const r of plan.added) {
    const done = sharedEntry && sealedWithHistory(r, [sharedEntry]);
    if (done) put.push(done);
    else if (sealer) put.push(sealed({ ...r, history: [...r.history, addedEntry()] }));
    else put.push({ ...r, history: [...r.history, addedEntry()] });
  }

  for (const u of plan.updates) {
    const taken = u.conflictPaths.filter((p) => choiceIsFile(choices[conflictId(u.key, p)]));
    summary.tookFile += taken.length;
    summary.keptLocal += u.conflictPaths.length - taken.length;
    const apply = [...u.changePaths, ...taken].sort();
    if (apply.length === 0 && !u.returning) {
      summary.unchanged++;
      continue;
    }
    let next: Record<string, unknown> = { ...u.existing };
    const history: HistoryEntry[] = [];
    for (const path of apply) {
      const from = getField(u.existing, path);
      const to = getField(u.incoming, path);
      next = setField(next, path, to);
      history.push({ at: plan.now, by, field: path, from: displayValue(path, from), to: displayValue(path, to) });
    }
    if (u.returning) {
      next.inLatestRoster = true;
      history.push({ at: plan.now, by, field: 'inLatestRoster', from: 'No', to: 'Yes' });
      summary.returned++;
    }
    next.localEdits = withoutTakenEdits(u.existing.localEdits, taken, u.conflictPaths);
    next.history = [...u.existing.history, ...history];
    const pruned = pruneEmpty(next);
    const checked = sealer?.(pruned);
    // Not valid: StaffRecord.parse throws zod's error, as without sealing.
    put.push(checked?.success ? checked.data : StaffRecord.parse(pruned));
    restore.push(u.existing);
    summary.changed++;
  }

  for (const r of plan.missingRecords) {
    const next = {
      ...r,
      inLatestRoster: false,
      history: [...r.history, { at: plan.now, by, field: 'inLatestRoster', from: 'Yes', to: 'No' }],
    };
    put.push(sealer ? sealed(next) : next);
    restore.push(r);
  }
  return { put, summary, undo: { restore, remove: plan.added.map((r) => keyOf(r)) } };
}

/**
 * Clears the localEdits entries for the paths that took the file's value. A parent entry (`s113`) is cleared
 * only when none of the conflicts under it kept the local value.
 */
function withoutTakenEdits(
  localEdits: Record<string, string>,
  taken: readonly string[],
  conflictPaths: readonly string[],
): Record<string, string> {
  if (taken.length === 0) return localEdits;
  const kept = conflictPaths.filter((p) => !taken.includes(p));
  const out: Record<string, string> = {};
  for (const [editPath, at] of Object.entries(localEdits)) {
    const covers = (p: string) => p === editPath || p.startsWith(`${editPath}.`);
    if (taken.some(covers) && !kept.some(covers)) continue;
    out[editPath] = at;
  }
  return out;
}

/** The counts an import preview shows (the messaging protocol's ImportCounts). */
export interface ImportCounts {
  rows: number;
  added: number;
  changed: number;
  unchanged: number;
  notInRoster: number;
  invalid: number;
  conflicts: number;
}

/**
 * `rows` are the file's data rows and `invalid` its rows with errors (from readRows: total, and error lines).
 * Rows held back as suspected Excel-stripped employee numbers count as left out with problems too.
 */
export function planCounts(plan: ImportPlan, rows: number, invalid: number): ImportCounts {
  return {
    rows,
    added: plan.added.length,
    changed: plan.changed.length,
    unchanged: plan.unchanged,
    notInRoster: plan.missing.length,
    invalid: invalid + plan.suspectedStrippedZeros.length,
    conflicts: plan.conflicts.length,
  };
}
