import { councilName, COUNCILS, tomFunctionName, TomFunction, type BlockerCode, type ReadinessState } from '../domain';
import type { RegisterFilters } from './register-filter';
import type { RegisterRow } from './register-rows';

/** Ready / at risk / blocked for the people who transfer under the active plan (the others are not counted). */
export interface ReadinessCounts {
  ready: number;
  atRisk: number;
  blocked: number;
  /** ready + at risk + blocked. */
  total: number;
}

export type CountedState = Exclude<ReadinessState, 'not-applicable'>;
export const COUNTED_STATES: readonly CountedState[] = ['ready', 'at-risk', 'blocked'];

export function countOf(c: ReadinessCounts, state: CountedState): number {
  return state === 'ready' ? c.ready : state === 'at-risk' ? c.atRisk : c.blocked;
}

function emptyCounts(): ReadinessCounts {
  return { ready: 0, atRisk: 0, blocked: 0, total: 0 };
}

function add(c: ReadinessCounts, state: ReadinessState): void {
  if (state === 'not-applicable') return;
  if (state === 'ready') c.ready++;
  else if (state === 'at-risk') c.atRisk++;
  else c.blocked++;
  c.total++;
}

export function countReadiness(rows: readonly RegisterRow[]): ReadinessCounts {
  const c = emptyCounts();
  for (const row of rows) add(c, row.readiness.state);
  return c;
}

export type SummaryDimension = 'council' | 'tomFunction' | 'tomTeam';

export interface SummaryGroup {
  id: string;
  label: string;
  counts: ReadinessCounts;
  /** The register filter that lists exactly this group's people (add `readiness` for one state). */
  filter: Partial<RegisterFilters>;
}

const NO_FUNCTION = 'No TOM function';
const NO_TEAM = 'No TOM team';

/**
 * Readiness counts grouped by council, TOM function or TOM team. Groups with nobody transferring are left out;
 * councils and functions keep their fixed order, teams sort by name with "no team" last.
 */
export function summariseReadiness(rows: readonly RegisterRow[], by: SummaryDimension): SummaryGroup[] {
  const groups = new Map<string, SummaryGroup>();
  const groupFor = (row: RegisterRow): SummaryGroup => {
    const r = row.record;
    let id: string;
    let label: string;
    let filter: Partial<RegisterFilters>;
    if (by === 'council') {
      id = r.council;
      label = councilName[r.council];
      filter = { council: [r.council] };
    } else if (by === 'tomFunction') {
      id = r.tomFunction ?? 'none';
      label = r.tomFunction ? tomFunctionName[r.tomFunction] : NO_FUNCTION;
      filter = { tom: [r.tomFunction ?? 'none'] };
    } else {
      id = r.tomTeam ?? '';
      label = r.tomTeam || NO_TEAM;
      filter = { tomTeam: [r.tomTeam ?? ''] };
    }
    let g = groups.get(id);
    if (!g) {
      g = { id, label, counts: emptyCounts(), filter };
      groups.set(id, g);
    }
    return g;
  };
  for (const row of rows) {
    if (row.readiness.state === 'not-applicable') continue;
    add(groupFor(row).counts, row.readiness.state);
  }
  const list = [...groups.values()];
  if (by === 'council') return COUNCILS.flatMap((c) => list.filter((g) => g.id === c));
  if (by === 'tomFunction') {
    return [...TomFunction.options, 'none'].flatMap((f) => list.filter((g) => g.id === f));
  }
  return list.sort((a, b) => (a.id === '' ? 1 : b.id === '' ? -1 : a.label.localeCompare(b.label, 'en')));
}

export const blockerName: Record<BlockerCode, string> = {
  's113-not-confirmed': 'Section 113 placement not confirmed',
  'assignment-not-confirmed': 'Assignment to the transferring service not confirmed',
  'assignment-disputed': 'Assignment disputed',
  'eli-not-sent': 'Employee liability information not (fully) sent',
  'eli-late': 'Employee liability information sent late',
  'not-informed': 'Representatives not informed',
  'open-objection': 'Objected to the transfer',
  'no-tom-function': 'No TOM function assigned',
  'pension-outstanding': 'Pension checklist not complete',
};

export interface RankedBlocker {
  code: BlockerCode;
  label: string;
  /** People this blocker holds back (each counted once per blocker). */
  count: number;
}

/** Blockers by how many people they hold back, most first; ties in a fixed order. */
export function rankBlockers(rows: readonly RegisterRow[]): RankedBlocker[] {
  const counts = new Map<BlockerCode, number>();
  for (const row of rows) {
    const seen = new Set<BlockerCode>();
    for (const b of row.readiness.blockers) {
      if (seen.has(b.code)) continue;
      seen.add(b.code);
      counts.set(b.code, (counts.get(b.code) ?? 0) + 1);
    }
  }
  const order = Object.keys(blockerName) as BlockerCode[];
  return [...counts.entries()]
    .map(([code, count]) => ({ code, label: blockerName[code], count }))
    .sort((a, b) => b.count - a.count || order.indexOf(a.code) - order.indexOf(b.code));
}
