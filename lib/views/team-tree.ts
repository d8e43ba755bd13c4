import { displayName, keyOf, type StaffKey, type StaffRecord } from '../domain';
import { roundFte } from './text';

/** One person in the line-management tree with the FTE of their whole branch. */
export interface TeamNode {
  key: StaffKey;
  record: StaffRecord;
  name: string;
  children: TeamNode[];
  /** The person's own FTE (0 when unknown). */
  fte: number;
  /**
   * Own FTE plus every report's, directly or indirectly, rounded to one decimal place. Vacant posts add nothing,
   * as in the FTE baseline: they have nobody in them.
   */
  fteTotal: number;
  /** People in post in the branch, including this person. */
  headcount: number;
  /** Set when the manager chain looped back and this person was made a root to break the loop. */
  cycle?: boolean;
}

/**
 * Builds the tree by line manager. Roots are people with no manager, or whose manager is not in the register.
 * A loop in the data (A manages B manages A) must not hang the page: each loop is broken at its first person by
 * key, who becomes a root marked `cycle`.
 */
export function buildTeamTree(records: readonly StaffRecord[]): TeamNode[] {
  const nodes = new Map<string, TeamNode>();
  for (const r of records) {
    const key = keyOf(r);
    nodes.set(key, { key, record: r, name: displayName(r), children: [], fte: r.fte ?? 0, fteTotal: 0, headcount: 0 });
  }
  const roots: TeamNode[] = [];
  for (const node of nodes.values()) {
    const m = node.record.lineManager;
    const parent = m && m !== node.key ? nodes.get(m) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  // Anyone not reachable from a root sits in a loop.
  const reached = new Set<string>();
  const mark = (root: TeamNode) => {
    const stack = [root];
    while (stack.length) {
      const n = stack.pop()!;
      if (reached.has(n.key)) continue;
      reached.add(n.key);
      stack.push(...n.children);
    }
  };
  roots.forEach(mark);
  const sortedKeys = [...nodes.keys()].sort();
  for (const key of sortedKeys) {
    if (reached.has(key)) continue;
    const node = nodes.get(key)!;
    const parent = nodes.get(node.record.lineManager ?? '');
    if (parent) parent.children = parent.children.filter((c) => c !== node);
    node.cycle = true;
    roots.push(node);
    mark(node);
  }
  // Totals bottom-up without recursion: a deep chain must not overflow the stack.
  const order: TeamNode[] = [];
  const stack = [...roots];
  while (stack.length) {
    const n = stack.pop()!;
    order.push(n);
    stack.push(...n.children);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i]!;
    n.children.sort(byName);
    let fte = n.record.vacant ? 0 : n.fte;
    let headcount = n.record.vacant ? 0 : 1;
    for (const c of n.children) {
      fte += c.fteTotal;
      headcount += c.headcount;
    }
    n.fteTotal = roundFte(fte);
    n.headcount = headcount;
  }
  return roots.sort(byName);
}

/** People by surname; vacant posts after the people. */
function byName(a: TeamNode, b: TeamNode): number {
  const sa = `${a.record.vacant ? 1 : 0}${a.record.surname} ${a.name}`.toLowerCase();
  const sb = `${b.record.vacant ? 1 : 0}${b.record.surname} ${b.name}`.toLowerCase();
  return sa < sb ? -1 : sa > sb ? 1 : a.key < b.key ? -1 : 1;
}

/** Direct reports of a line manager. */
export function directReports(records: readonly StaffRecord[], managerKey: string): StaffRecord[] {
  return records.filter((r) => r.lineManager === managerKey);
}
