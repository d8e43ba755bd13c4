import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  COUNCILS,
  councilName,
  displayName,
  readinessName,
  S113Status,
  s113StatusName,
  TomFunction,
  tomFunctionName,
  TransferScope,
  transferScopeName,
  type StaffRecord,
} from '@/lib/domain';
import { sendMessage } from '@/lib/messaging/client';
import { keyDateName } from '@/lib/views/key-dates';
import {
  READINESS_STATES,
  activeFilterCount,
  createIncrementalFilter,
  parseFilters,
  registerHref,
  sortRows,
  type RegisterFilters,
  type SortColumn,
} from '@/lib/views/register-filter';
import { blockerName } from '@/lib/views/readiness-summary';
import type { RegisterRow } from '@/lib/views/register-rows';
import { personHref } from '@/lib/views/route';
import { parseSavedViews, removeSavedView, SAVED_VIEWS_KEY, SavedView, upsertSavedView } from '@/lib/views/saved-views';
import { formatFte } from '@/lib/views/text';
import { CouncilBadge } from '@/components/council-badge';
import { Glossary, Term } from '@/components/glossary';
import { ReadinessChip } from '@/components/readiness-chip';
import { useDashboardData } from '../data-store';
import { replaceHash } from '../use-route';

/** Select value for "none recorded"; '' is the select's "All". */
const NONE = '__none';
const ROW_HEIGHT = 41;

/** View state of the register page only: the search box's text, saved views and the "save view" form. */
interface RegisterViewState {
  query: string;
  savedViews: SavedView[];
  viewName: string;
  viewError?: string;
}
const useRegisterView = create<RegisterViewState>(() => ({
  query: '',
  savedViews: typeof localStorage === 'undefined' ? [] : parseSavedViews(localStorage.getItem(SAVED_VIEWS_KEY)),
  viewName: '',
}));

function storeSavedViews(views: SavedView[]) {
  localStorage.setItem(SAVED_VIEWS_KEY, JSON.stringify(views));
  useRegisterView.setState({ savedViews: views });
}

function navigateFilters(f: Partial<RegisterFilters>, replace = false) {
  const hash = registerHref(f);
  if (replace) replaceHash(hash);
  else window.location.hash = hash;
}

const S113_SHORT: Record<S113Status, string> = {
  'not-issued': 'Not issued',
  issued: 'Issued',
  confirmed: 'Confirmed',
  ended: 'Ended',
};

const columns: ColumnDef<RegisterRow>[] = [
  {
    id: 'name',
    header: 'Name',
    cell: ({ row }) => <a href={personHref(row.original.key)}>{row.original.name}</a>,
  },
  { id: 'council', header: 'Council', cell: ({ row }) => <CouncilBadge council={row.original.record.council} /> },
  { id: 'employeeNumber', header: 'Number', cell: ({ row }) => row.original.record.employeeNumber },
  { id: 'jobTitle', header: 'Job title', cell: ({ row }) => row.original.record.jobTitle ?? '' },
  { id: 'team', header: 'Team', cell: ({ row }) => row.original.record.team ?? '' },
  {
    id: 'tomFunction',
    header: 'TOM function',
    cell: ({ row }) => {
      const f = row.original.record.tomFunction;
      return f ? tomFunctionName[f] : <span className="tl-hint">None</span>;
    },
  },
  {
    id: 's113',
    header: 'Section 113',
    cell: ({ row }) => S113_SHORT[row.original.s113],
  },
  {
    id: 'scope',
    header: 'Transfer',
    cell: ({ row }) => (row.original.scope === 'none' ? 'Not recorded' : transferScopeName[row.original.scope]),
  },
  { id: 'readiness', header: 'Readiness', cell: ({ row }) => <ReadinessChip state={row.original.readiness.state} /> },
  {
    id: 'fte',
    header: 'FTE',
    cell: ({ row }) => (row.original.record.fte === undefined ? '' : formatFte(row.original.record.fte)),
  },
];

function uniqueSorted(values: Iterable<string | undefined>): string[] {
  return [...new Set([...values].filter((v): v is string => Boolean(v)))].sort((a, b) => a.localeCompare(b, 'en'));
}

export function RegisterPage({ params }: { params: URLSearchParams }) {
  const paramString = params.toString();
  const filters = useMemo(() => parseFilters(new URLSearchParams(paramString)), [paramString]);
  const { rows, records, damaged, plan, progress } = useDashboardData(
    useShallow((s) => ({
      rows: s.rows,
      records: s.records,
      damaged: s.damaged,
      plan: s.ctx.plan,
      progress: s.progress,
    })),
  );
  const query = useRegisterView((s) => s.query);

  // Saved views are read again on each visit: "wipe all data" on the settings page removes them.
  useEffect(() => {
    useRegisterView.setState({ savedViews: parseSavedViews(localStorage.getItem(SAVED_VIEWS_KEY)) });
  }, []);

  // The box follows the address when it changes from outside (a saved view, back button, a link).
  useEffect(() => {
    if (useRegisterView.getState().query !== filters.q) useRegisterView.setState({ query: filters.q });
  }, [filters.q]);

  // Sorting 100,000 rows happens only when the sort changes; filtering keeps the sorted order.
  const sorted = useMemo(() => sortRows(rows, filters.sort, filters.dir), [rows, filters.sort, filters.dir]);
  // Typing stays responsive: the list catches up with the deferred filters in a background render.
  const deferredFilters = useDeferredValue(filters);
  const [filterIncrementally] = useState(createIncrementalFilter);
  const visible = useMemo(
    () => filterIncrementally(sorted, deferredFilters, plan),
    [filterIncrementally, sorted, deferredFilters, plan],
  );

  const teams = useMemo(() => uniqueSorted(records.map((r) => r.team)), [records]);
  const tomTeams = useMemo(() => uniqueSorted(records.map((r) => r.tomTeam)), [records]);
  const managers = useMemo(() => {
    const byKey = new Map<string, StaffRecord>();
    for (const r of records) byKey.set(`${r.council}:${r.employeeNumber}`, r);
    const keys = new Set(records.map((r) => r.lineManager).filter((k): k is string => Boolean(k)));
    return [...keys]
      .map((key) => {
        const m = byKey.get(key);
        return { key, label: m ? `${displayName(m)} (${councilName[m.council]})` : key };
      })
      .sort((a, b) => a.label.localeCompare(b.label, 'en'));
  }, [records]);

  const setFilter = (patch: Partial<RegisterFilters>) => navigateFilters({ ...filters, ...patch });

  const n = visible.length;
  const active = activeFilterCount(filters);

  return (
    <>
      <h1 className="tl-heading-l">Staff register</h1>
      <p className="tl-body">
        Everyone in the Shared Digital service, with their employing council, <Term id="s113" explain /> status, planned{' '}
        <Term id="tupe" explain /> transfer and <Term id="tom" explain /> function.
      </p>

      <div className="tl-register__toolbar">
        <div className="tl-form-group">
          <label className="tl-label" htmlFor="register-search">
            Search
          </label>
          <span className="tl-hint" id="register-search-hint">
            Name, e-mail or employee number
          </span>
          <br />
          <input
            id="register-search"
            className="tl-input tl-input--wide"
            type="search"
            autoComplete="off"
            spellCheck={false}
            aria-describedby="register-search-hint"
            value={query}
            onChange={(e) => {
              useRegisterView.setState({ query: e.target.value });
              navigateFilters({ ...filters, q: e.target.value }, true);
            }}
          />
        </div>
      </div>

      <details className="tl-details" open={active > 0 && !filters.q ? true : undefined}>
        <summary className="tl-details__summary">Filters{active > 0 ? ` (${active} in use)` : ''}</summary>
        <div className="tl-filters">
          <FilterSelect
            id="f-council"
            label="Council"
            values={filters.council}
            options={COUNCILS.map((c) => [c, councilName[c]])}
            onChange={(v) => setFilter({ council: v ? [v as (typeof COUNCILS)[number]] : [] })}
          />
          <FilterSelect
            id="f-s113"
            label="Section 113"
            values={filters.s113}
            options={S113Status.options.map((s) => [s, s113StatusName[s]])}
            onChange={(v) => setFilter({ s113: v ? [v as S113Status] : [] })}
          />
          <FilterSelect
            id="f-scope"
            label="TUPE scope"
            values={filters.scope}
            options={[
              ...TransferScope.options.map((s) => [s, transferScopeName[s]] as [string, string]),
              ['none', 'Not recorded for this plan'],
            ]}
            onChange={(v) => setFilter({ scope: v ? [v as RegisterFilters['scope'][number]] : [] })}
          />
          <FilterSelect
            id="f-readiness"
            label="Readiness"
            values={filters.readiness}
            options={READINESS_STATES.map((s) => [s, readinessName[s]])}
            onChange={(v) => setFilter({ readiness: v ? [v as RegisterFilters['readiness'][number]] : [] })}
          />
          <FilterSelect
            id="f-tom"
            label="TOM function"
            values={filters.tom}
            options={[
              ...TomFunction.options.map((f) => [f, tomFunctionName[f]] as [string, string]),
              ['none', 'No TOM function'],
            ]}
            onChange={(v) => setFilter({ tom: v ? [v as RegisterFilters['tom'][number]] : [] })}
          />
          <FilterSelect
            id="f-tomteam"
            label="TOM team"
            values={filters.tomTeam}
            options={[...tomTeams.map((t) => [t, t] as [string, string]), [NONE, 'No TOM team']]}
            onChange={(v) => setFilter({ tomTeam: v === NONE ? [''] : v ? [v] : [] })}
          />
          <FilterSelect
            id="f-team"
            label="Current team"
            values={filters.team}
            options={[...teams.map((t) => [t, t] as [string, string]), [NONE, 'No team recorded']]}
            onChange={(v) => setFilter({ team: v === NONE ? [''] : v ? [v] : [] })}
          />
          <FilterSelect
            id="f-manager"
            label="Line manager"
            values={filters.manager ? [filters.manager] : []}
            options={managers.map((m) => [m.key, m.label])}
            onChange={(v) => setFilter({ manager: v || undefined })}
          />
          <FilterSelect
            id="f-pension"
            label="Pension checklist"
            values={filters.pension ? [filters.pension] : []}
            options={[
              ['complete', 'Complete'],
              ['incomplete', 'Not complete'],
            ]}
            onChange={(v) => setFilter({ pension: (v || undefined) as RegisterFilters['pension'] })}
          />
          <div className="tl-form-group">
            <span className="tl-label">Latest roster</span>
            <label className="tl-checkbox">
              <input
                type="checkbox"
                checked={filters.notInRoster}
                onChange={(e) => setFilter({ notInRoster: e.target.checked })}
              />
              Only people not in the latest file
            </label>
          </div>
        </div>
      </details>

      <ActiveExtraFilters filters={filters} />

      {progress ? (
        <p className="tl-hint" role="status" aria-live="polite" data-loading-register>
          Loading the register: {progress.loaded.toLocaleString('en-GB')} of {progress.total.toLocaleString('en-GB')}{' '}
          people so far. The list, counts and filters below cover those people only until the rest arrive.
        </p>
      ) : null}
      {/* data-query: the search the count is for (it lags the box by a render while typing; the bench waits on it);
          data-filters: the address of the filters it is for (tests wait on it). aria-busy while the count is still for
          earlier filters, so screen readers wait for the new one. */}
      <p
        className="tl-register__count"
        role="status"
        aria-live="polite"
        aria-busy={deferredFilters !== filters}
        data-query={deferredFilters.q}
        data-filters={registerHref(deferredFilters)}
      >
        {n.toLocaleString('en-GB')} {n === 1 ? 'person' : 'people'}
        {active > 0 ? (
          <>
            {' '}
            <span className="tl-hint">of {rows.length.toLocaleString('en-GB')}</span>{' '}
            <a href={registerHref({ sort: filters.sort, dir: filters.dir })} className="tl-hint">
              Clear filters
            </a>
          </>
        ) : null}
      </p>

      <RegisterGrid rows={visible} filters={filters} />
      <p className="tl-hint" id="register-sort-hint">
        Select a column heading to sort by it; select it again to reverse the order.
      </p>

      <SavedViews />
      {damaged.length > 0 ? <DamagedList /> : null}
      <Glossary ids={['s113', 'tupe', 'tom', 'eli', 'lgps']} />
    </>
  );
}

/**
 * The table, virtualised: only the rows in view (plus a few) exist in the DOM, and only they go through TanStack
 * Table, so scrolling 100,000 people re-renders about 40 rows and never the filters above.
 */
function RegisterGrid({ rows, filters }: { rows: readonly RegisterRow[]; filters: RegisterFilters }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const windowRows = useMemo(
    () => rows.slice(first, first + items.length),
    // The window is fully described by its first index and length.
    [rows, first, items.length],
  );
  const sorting: SortingState = [{ id: filters.sort, desc: filters.dir === 'desc' }];
  const table = useReactTable({
    data: windowRows,
    columns,
    state: { sorting },
    manualSorting: true,
    manualFiltering: true,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.key,
  });
  const tableRows = table.getRowModel().rows;

  // A new filter or sort starts at the top of the list.
  const listId = `${filters.sort}|${filters.dir}|${rows.length}`;
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [listId]);

  const onSort = (column: SortColumn) =>
    navigateFilters({
      ...filters,
      sort: column,
      dir: filters.sort === column && filters.dir === 'asc' ? 'desc' : 'asc',
    });

  return (
    <div
      className="tl-grid"
      role="table"
      aria-label="Staff register"
      aria-rowcount={rows.length + 1}
      aria-describedby="register-sort-hint"
    >
      <div className="tl-grid__scroller" ref={scrollRef}>
        <div role="rowgroup">
          {table.getHeaderGroups().map((hg) => (
            <div role="row" aria-rowindex={1} className="tl-grid__row tl-grid__row--head" key={hg.id}>
              {hg.headers.map((h) => {
                const id = h.column.id as SortColumn;
                const sortedHere = filters.sort === id;
                return (
                  <div
                    role="columnheader"
                    key={h.id}
                    className="tl-grid__cell"
                    aria-sort={sortedHere ? (filters.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                  >
                    <button type="button" className="tl-sort-button" onClick={() => onSort(id)}>
                      {flexRender(h.column.columnDef.header, h.getContext())}
                      <span aria-hidden="true">{sortedHere ? (filters.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  </div>
                );
              })}
            </div>
          ))}
        </div>
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item, i) => {
            const row = tableRows[i];
            if (!row) return null;
            return (
              <div
                role="row"
                aria-rowindex={item.index + 2}
                key={row.id}
                className="tl-grid__row"
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  width: '100%',
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                {row.getVisibleCells().map((c) => (
                  <div role="cell" key={c.id} className="tl-grid__cell">
                    {flexRender(c.column.columnDef.cell, c.getContext())}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function FilterSelect({
  id,
  label,
  values,
  options,
  onChange,
}: {
  id: string;
  label: string;
  values: readonly string[];
  options: readonly (readonly [string, string])[];
  onChange: (value: string) => void;
}) {
  // An empty value in the address means "none recorded" (e.g. `tomTeam=` from a readiness link).
  const value = values.length === 1 ? values[0] || NONE : values.length > 1 ? '__several' : '';
  return (
    <div className="tl-form-group">
      <label className="tl-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="tl-select" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All</option>
        {values.length > 1 ? (
          <option value="__several" disabled>
            {values.length} chosen
          </option>
        ) : null}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Filters that come from readiness links (blockers, missed dates) have no box: show them with a remove link. */
function ActiveExtraFilters({ filters }: { filters: RegisterFilters }) {
  const items: { text: string; without: Partial<RegisterFilters> }[] = [];
  for (const code of filters.blocker) {
    items.push({
      text: `Blocker: ${blockerName[code]}`,
      without: { blocker: filters.blocker.filter((b) => b !== code) },
    });
  }
  if (filters.misses) items.push({ text: `Misses: ${keyDateName[filters.misses]}`, without: { misses: undefined } });
  if (items.length === 0) return null;
  return (
    <ul className="tl-legend" aria-label="Other filters in use">
      {items.map((i) => (
        <li key={i.text}>
          <span className="tl-tag">{i.text}</span> <a href={registerHref({ ...filters, ...i.without })}>Remove</a>
        </li>
      ))}
    </ul>
  );
}

function SavedViews() {
  const { savedViews, viewName, viewError } = useRegisterView(
    useShallow((s) => ({ savedViews: s.savedViews, viewName: s.viewName, viewError: s.viewError })),
  );
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = SavedView.safeParse({ name: viewName, hash: window.location.hash || '#/register' });
    if (!parsed.success) {
      useRegisterView.setState({ viewError: parsed.error.issues[0]?.message ?? 'Check the name' });
      return;
    }
    storeSavedViews(upsertSavedView(savedViews, parsed.data));
    useRegisterView.setState({ viewName: '', viewError: undefined });
  };
  return (
    <section aria-labelledby="saved-views-heading">
      <h2 id="saved-views-heading" className="tl-heading-m">
        Saved views
      </h2>
      {savedViews.length === 0 ? (
        <p className="tl-hint">No saved views yet. Save the current search and filters to come back to them.</p>
      ) : (
        <ul>
          {savedViews.map((v) => (
            <li key={v.name}>
              <a href={v.hash}>{v.name}</a>{' '}
              <button
                type="button"
                className="tl-link-button"
                onClick={() => storeSavedViews(removeSavedView(savedViews, v.name))}
              >
                Delete<span className="tl-visually-hidden"> saved view {v.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={save} noValidate>
        <div className={`tl-form-group${viewError ? ' tl-form-group--error' : ''}`}>
          <label className="tl-label" htmlFor="saved-view-name">
            Name for this view
          </label>
          {viewError ? (
            <p className="tl-error-message" id="saved-view-error">
              <span className="tl-visually-hidden">Error: </span>
              {viewError}
            </p>
          ) : null}
          <input
            id="saved-view-name"
            className={`tl-input${viewError ? ' tl-input--error' : ''}`}
            value={viewName}
            aria-describedby={viewError ? 'saved-view-error' : undefined}
            onChange={(e) => useRegisterView.setState({ viewName: e.target.value, viewError: undefined })}
          />
        </div>
        <button type="submit" className="tl-button tl-button--secondary">
          Save this view
        </button>
      </form>
    </section>
  );
}

function DamagedList() {
  const damaged = useDashboardData((s) => s.damaged);
  const [message, setMessage] = useState<string>('');
  const remove = async (key: string) => {
    const r = await sendMessage({ type: 'removeRecords', keys: [key] });
    setMessage(r.ok ? `Removed ${key}.` : r.error);
  };
  return (
    <section aria-labelledby="damaged-heading">
      <h2 id="damaged-heading" className="tl-heading-m">
        Damaged records ({damaged.length})
      </h2>
      <p>These stored records could not be read. Fix them in the source file and import again, or remove them.</p>
      <table className="tl-table">
        <thead>
          <tr>
            <th scope="col">Record</th>
            <th scope="col">Reason</th>
            <th scope="col">
              <span className="tl-visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {damaged.map((d) => (
            <tr key={d.key}>
              <td>{d.key}</td>
              <td>{d.reason}</td>
              <td>
                <button type="button" className="tl-button tl-button--warning" onClick={() => void remove(d.key)}>
                  Remove<span className="tl-visually-hidden"> record {d.key}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p role="status">{message}</p>
    </section>
  );
}
