import { useMemo, useRef, type KeyboardEvent } from 'react';
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { COUNCILS, councilName, serviceCategoryName, tomFunctionName, transferScopeName } from '@/lib/domain';
import { registerHref } from '@/lib/views/register-filter';
import type { RegisterRow } from '@/lib/views/register-rows';
import { personHref } from '@/lib/views/route';
import { buildTeamTree, type TeamNode } from '@/lib/views/team-tree';
import { formatFte } from '@/lib/views/text';
import { CATEGORY_ROWS, FUNCTION_COLUMNS, fteByCouncilAndCategory, tomGrid } from '@/lib/views/tom-grid';
import { CouncilBadge } from '@/components/council-badge';
import { Glossary, Term } from '@/components/glossary';
import { ReadinessChip } from '@/components/readiness-chip';
import { useDashboardData } from '../data-store';

/** View state of the teams page: which branches are open and which tree item has the keyboard focus. */
interface TeamsViewState {
  expanded: ReadonlySet<string>;
  focused?: string;
}
const useTeamsView = create<TeamsViewState>(() => ({ expanded: new Set<string>() }));

function toggle(key: string, open?: boolean) {
  const expanded = new Set(useTeamsView.getState().expanded);
  const willOpen = open ?? !expanded.has(key);
  if (willOpen) expanded.add(key);
  else expanded.delete(key);
  useTeamsView.setState({ expanded });
}

interface VisibleItem {
  node: TeamNode;
  level: number;
  parent?: string;
  setSize: number;
  posInSet: number;
}

/** The tree items a keyboard user can reach: roots plus the children of open branches, in reading order. */
function visibleItems(roots: readonly TeamNode[], expanded: ReadonlySet<string>): VisibleItem[] {
  const out: VisibleItem[] = [];
  const walk = (nodes: readonly TeamNode[], level: number, parent?: string) => {
    nodes.forEach((node, i) => {
      out.push({ node, level, parent, setSize: nodes.length, posInSet: i + 1 });
      if (node.children.length > 0 && expanded.has(node.key)) walk(node.children, level + 1, node.key);
    });
  };
  walk(roots, 1);
  return out;
}

function findNode(roots: readonly TeamNode[], key: string): TeamNode | undefined {
  const stack = [...roots];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.key === key) return n;
    stack.push(...n.children);
  }
  return undefined;
}

export function TeamsPage({ params }: { params?: URLSearchParams }) {
  const { records, rows } = useDashboardData(useShallow((s) => ({ records: s.records, rows: s.rows })));
  const rootKey = params?.get('root') ?? undefined;
  const tree = useMemo(() => buildTeamTree(records), [records]);
  const shownRoots = useMemo(() => {
    if (!rootKey) return tree;
    const n = findNode(tree, rootKey);
    return n ? [n] : tree;
  }, [tree, rootKey]);
  const rowByKey = useMemo(() => new Map(rows.map((r) => [r.key, r])), [rows]);
  const grid = useMemo(() => tomGrid(records), [records]);
  const baseline = useMemo(() => fteByCouncilAndCategory(records), [records]);
  const rootNode = rootKey ? findNode(tree, rootKey) : undefined;

  return (
    <>
      <h1 className="tl-heading-l">Teams</h1>
      <p>
        Who reports to whom, which council employs them, and where they land in the <Term id="tom" explain />.
      </p>

      <h2 className="tl-heading-m">By line manager</h2>
      {rootNode ? (
        <p>
          Showing {rootNode.name}’s team. <a href="#/teams">Show everyone</a>
        </p>
      ) : null}
      <p className="tl-hint" id="tree-help">
        Use the up and down arrow keys to move, right to open a branch, left to close it, and Enter to open a person’s
        page. FTE totals include everyone below a person.
      </p>
      <TeamTree roots={shownRoots} rowByKey={rowByKey} />

      <h2 className="tl-heading-m">Current teams in the TOM functions</h2>
      <p className="tl-hint">People (FTE) from each current team in each TOM function. Vacant posts are left out.</p>
      <div style={{ overflowX: 'auto' }}>
        <table className="tl-table">
          <caption className="tl-visually-hidden">Current team by TOM function</caption>
          <thead>
            <tr>
              <th scope="col">Current team</th>
              {FUNCTION_COLUMNS.map((f) => (
                <th scope="col" className="tl-num" key={f}>
                  {f === 'none' ? 'No TOM function' : tomFunctionName[f]}
                </th>
              ))}
              <th scope="col" className="tl-num">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {grid.rows.map((row) => (
              <tr key={row.team}>
                <th scope="row">{row.team || 'No team recorded'}</th>
                {FUNCTION_COLUMNS.map((f) => {
                  const c = row.cells[f];
                  return (
                    <td className="tl-num" key={f}>
                      {c.people === 0 ? (
                        <span className="tl-hint">0</span>
                      ) : (
                        <a href={registerHref({ team: [row.team], tom: [f] })}>
                          {c.people} ({formatFte(c.fte)})
                        </a>
                      )}
                    </td>
                  );
                })}
                <td className="tl-num">
                  <a href={registerHref({ team: [row.team] })}>
                    {row.total.people} ({formatFte(row.total.fte)})
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              {FUNCTION_COLUMNS.map((f) => (
                <td className="tl-num" key={f}>
                  {grid.totals[f].people} ({formatFte(grid.totals[f].fte)})
                </td>
              ))}
              <td className="tl-num">
                {grid.total.people} ({formatFte(grid.total.fte)})
              </td>
            </tr>
          </tfoot>
        </table>
      </div>

      <h2 className="tl-heading-m">FTE by council and service category</h2>
      <p className="tl-hint">
        The shape of the SOCITM baseline (Islington 138.1, Camden 175.0, Haringey 91.7 FTE in scope). Every post counts,
        vacant ones too.
      </p>
      <table className="tl-table">
        <caption className="tl-visually-hidden">FTE by service category and council</caption>
        <thead>
          <tr>
            <th scope="col">Service category</th>
            {COUNCILS.map((c) => (
              <th scope="col" className="tl-num" key={c}>
                {councilName[c]}
              </th>
            ))}
            <th scope="col" className="tl-num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {CATEGORY_ROWS.filter((k) => k !== 'none' || baseline.categoryTotals.none > 0).map((k) => (
            <tr key={k}>
              <th scope="row">{k === 'none' ? 'No service category' : serviceCategoryName[k]}</th>
              {COUNCILS.map((c) => (
                <td className="tl-num" key={c}>
                  {formatFte(baseline.fte[k][c])}
                </td>
              ))}
              <td className="tl-num">{formatFte(baseline.categoryTotals[k])}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            {COUNCILS.map((c) => (
              <td className="tl-num" key={c}>
                {formatFte(baseline.councilTotals[c])}
              </td>
            ))}
            <td className="tl-num">{formatFte(baseline.total)}</td>
          </tr>
        </tfoot>
      </table>
      <Glossary ids={['tom', 's113', 'tupe']} />
    </>
  );
}

function TeamTree({ roots, rowByKey }: { roots: readonly TeamNode[]; rowByKey: Map<string, RegisterRow> }) {
  const { expanded, focused } = useTeamsView(useShallow((s) => ({ expanded: s.expanded, focused: s.focused })));
  const treeRef = useRef<HTMLUListElement>(null);
  const items = useMemo(() => visibleItems(roots, expanded), [roots, expanded]);
  const focusKey = items.some((i) => i.node.key === focused) ? focused : items[0]?.node.key;

  const moveTo = (key: string | undefined) => {
    if (!key) return;
    useTeamsView.setState({ focused: key });
    // The element exists already (it is visible); focus it after React has updated tabIndex.
    requestAnimationFrame(() =>
      treeRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`)?.focus(),
    );
  };

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const i = items.findIndex((it) => it.node.key === focusKey);
    const item = items[i];
    if (!item) return;
    const { node } = item;
    const hasChildren = node.children.length > 0;
    const open = expanded.has(node.key);
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        moveTo(items[i + 1]?.node.key);
        break;
      case 'ArrowUp':
        moveTo(items[i - 1]?.node.key);
        break;
      case 'ArrowRight':
        if (hasChildren && !open) toggle(node.key, true);
        else if (hasChildren) moveTo(node.children[0]?.key);
        break;
      case 'ArrowLeft':
        if (hasChildren && open) toggle(node.key, false);
        else moveTo(item.parent);
        break;
      case 'Home':
        moveTo(items[0]?.node.key);
        break;
      case 'End':
        moveTo(items[items.length - 1]?.node.key);
        break;
      case 'Enter':
        window.location.hash = personHref(node.key);
        break;
      case ' ':
        if (hasChildren) toggle(node.key);
        break;
      default:
        handled = false;
    }
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  const renderNodes = (nodes: readonly TeamNode[], level: number) =>
    nodes.map((node, index) => {
      const hasChildren = node.children.length > 0;
      const open = expanded.has(node.key);
      const row = rowByKey.get(node.key);
      const t = row?.transfer;
      return (
        <li
          key={node.key}
          role="treeitem"
          data-key={node.key}
          aria-level={level}
          aria-setsize={nodes.length}
          aria-posinset={index + 1}
          aria-expanded={hasChildren ? open : undefined}
          tabIndex={node.key === focusKey ? 0 : -1}
          onFocus={(e) => {
            if (e.target === e.currentTarget && useTeamsView.getState().focused !== node.key) {
              useTeamsView.setState({ focused: node.key });
            }
          }}
        >
          <div
            className="tl-tree__label"
            onClick={() => {
              if (hasChildren) toggle(node.key);
              moveTo(node.key);
            }}
          >
            <span className="tl-tree__toggle" aria-hidden="true">
              {hasChildren ? (open ? '▾' : '▸') : '·'}
            </span>
            <CouncilBadge council={node.record.council} />
            <strong>{node.name}</strong>
            {node.record.jobTitle ? <span className="tl-hint">{node.record.jobTitle}</span> : null}
            {row ? <ReadinessChip state={row.readiness.state} /> : null}
            {t && row?.readiness.state !== 'not-applicable' ? (
              <span className="tl-tag">{transferScopeName[t.scope]}</span>
            ) : null}
            <span>
              FTE {formatFte(node.fte)}
              {hasChildren ? `; team FTE ${formatFte(node.fteTotal)} (${node.headcount} people)` : ''}
            </span>
            {node.cycle ? <span className="tl-tag">Line managers loop back here</span> : null}
          </div>
          {hasChildren && open ? <ul role="group">{renderNodes(node.children, level + 1)}</ul> : null}
        </li>
      );
    });

  if (roots.length === 0) return <p>Nobody in the register yet.</p>;
  return (
    <ul
      role="tree"
      aria-label="Staff by line manager"
      aria-describedby="tree-help"
      className="tl-tree"
      ref={treeRef}
      onKeyDown={onKeyDown}
    >
      {renderNodes(roots, 1)}
    </ul>
  );
}
