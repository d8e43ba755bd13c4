import { useMemo } from 'react';
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { formatDate, readinessName, relativeDays } from '@/lib/domain';
import { keyDates } from '@/lib/views/key-dates';
import {
  COUNTED_STATES,
  countOf,
  countReadiness,
  rankBlockers,
  summariseReadiness,
  type CountedState,
  type SummaryDimension,
  type SummaryGroup,
} from '@/lib/views/readiness-summary';
import { registerHref, type RegisterFilters } from '@/lib/views/register-filter';
import { Glossary, Term } from '@/components/glossary';
import { ReadinessChip } from '@/components/readiness-chip';
import { useDashboardData } from '../data-store';

/** View state of this page only: which grouping the chart shows. */
const useReadinessView = create<{ chartBy: SummaryDimension }>(() => ({ chartBy: 'council' }));

const DIMENSION_NAME: Record<SummaryDimension, string> = {
  council: 'council',
  tomFunction: 'TOM function',
  tomTeam: 'TOM team',
};

const STATE_PLURAL: Record<CountedState, string> = { ready: 'ready', 'at-risk': 'at risk', blocked: 'blocked' };

function CountLink({ n, filter, label }: { n: number; filter: Partial<RegisterFilters>; label: string }) {
  return (
    <a href={registerHref(filter)} aria-label={`${n} ${label}`}>
      {n.toLocaleString('en-GB')}
    </a>
  );
}

export function ReadinessPage() {
  const { rows, ctx } = useDashboardData(useShallow((s) => ({ rows: s.rows, ctx: s.ctx })));
  const chartBy = useReadinessView((s) => s.chartBy);
  const plan = ctx.plan;
  const totals = useMemo(() => countReadiness(rows), [rows]);
  const byCouncil = useMemo(() => summariseReadiness(rows, 'council'), [rows]);
  const byFunction = useMemo(() => summariseReadiness(rows, 'tomFunction'), [rows]);
  const byTeam = useMemo(() => summariseReadiness(rows, 'tomTeam'), [rows]);
  const blockers = useMemo(() => rankBlockers(rows), [rows]);
  const dates = useMemo(() => keyDates(rows, plan), [rows, plan]);

  if (!plan) {
    return (
      <>
        <h1 className="tl-heading-l">Transfer readiness</h1>
        <p>
          There is no transfer plan yet. Add one on the <a href="#/settings">Settings page</a> with its transfer date,
          and readiness will be worked out for everyone in scope.
        </p>
      </>
    );
  }

  const groupsFor: Record<SummaryDimension, SummaryGroup[]> = {
    council: byCouncil,
    tomFunction: byFunction,
    tomTeam: byTeam,
  };

  return (
    <>
      <span className="tl-caption">
        {plan.name}
        {plan.name.includes(plan.legalBasis) ? '' : ` (${plan.legalBasis})`}
      </span>
      <h1 className="tl-heading-l">Transfer readiness</h1>
      <p className="tl-lead">
        Transfer date {formatDate(plan.transferDate)}, {relativeDays(ctx.today, plan.transferDate)}. Counted as at{' '}
        {formatDate(ctx.today)}; a deadline less than {ctx.atRiskDays} days away makes a person “at risk”.
      </p>
      <p>
        Only people who transfer under this plan are counted: staff of the transferring councils who are in scope or
        under review. The host employer’s own staff do not transfer.
      </p>
      <p>
        The steps are those of <Term id="tupe" explain />
        {plan.legalBasis === 'COSOP' ? (
          <>
            {' '}
            This plan follows <Term id="cosop" explain />
          </>
        ) : null}
      </p>

      <ul className="tl-legend" aria-label="Totals">
        {COUNTED_STATES.map((s) => (
          <li key={s}>
            <ReadinessChip state={s} />{' '}
            <CountLink n={countOf(totals, s)} filter={{ readiness: [s] }} label={`people ${STATE_PLURAL[s]}`} />
          </li>
        ))}
        <li>
          Total transferring:{' '}
          <CountLink
            n={totals.total}
            filter={{ readiness: ['ready', 'at-risk', 'blocked'] }}
            label="people transferring"
          />
        </li>
      </ul>

      <h2 className="tl-heading-m">Key dates</h2>
      <table className="tl-table">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">What</th>
            <th scope="col">Rule</th>
            <th scope="col" className="tl-num">
              People who miss it
            </th>
          </tr>
        </thead>
        <tbody>
          {dates.map((d) => (
            <tr key={d.id}>
              <td>
                {d.date ? (
                  <>
                    {formatDate(d.date)}
                    <br />
                    <span className="tl-hint">{relativeDays(ctx.today, d.date)}</span>
                  </>
                ) : (
                  'Not set'
                )}
              </td>
              <th scope="row">{d.label}</th>
              <td>{d.rule}</td>
              <td className="tl-num">
                <CountLink n={d.miss} filter={{ misses: d.id }} label={`people miss ${d.label}`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 className="tl-heading-m">What holds people back</h2>
      {blockers.length === 0 ? (
        <p>Nothing: everyone transferring is ready.</p>
      ) : (
        <table className="tl-table">
          <thead>
            <tr>
              <th scope="col">Blocker</th>
              <th scope="col" className="tl-num">
                People held back
              </th>
            </tr>
          </thead>
          <tbody>
            {blockers.map((b) => (
              <tr key={b.code}>
                <th scope="row">{b.label}</th>
                <td className="tl-num">
                  <CountLink n={b.count} filter={{ blocker: [b.code] }} label={`people held back by ${b.label}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 className="tl-heading-m">Chart: ready, at risk and blocked</h2>
      <div className="tl-form-group">
        <label className="tl-label" htmlFor="chart-by">
          Show by
        </label>
        <select
          id="chart-by"
          className="tl-select"
          value={chartBy}
          onChange={(e) => useReadinessView.setState({ chartBy: e.target.value as SummaryDimension })}
        >
          <option value="council">Council</option>
          <option value="tomFunction">TOM function</option>
          <option value="tomTeam">TOM team</option>
        </select>
      </div>
      <ReadinessChart groups={groupsFor[chartBy]} by={chartBy} />

      <SummaryTable groups={byCouncil} by="council" />
      <SummaryTable groups={byFunction} by="tomFunction" />
      <SummaryTable groups={byTeam} by="tomTeam" />
      <Glossary ids={['tupe', 'cosop', 'eli', 'tom', 's113', 'lgps']} />
    </>
  );
}

function SummaryTable({ groups, by }: { groups: SummaryGroup[]; by: SummaryDimension }) {
  return (
    <table className="tl-table">
      <caption>Readiness by {DIMENSION_NAME[by]}</caption>
      <thead>
        <tr>
          <th scope="col">{DIMENSION_NAME[by].replace(/^./, (c) => c.toUpperCase())}</th>
          {COUNTED_STATES.map((s) => (
            <th scope="col" className="tl-num" key={s}>
              {readinessName[s]}
            </th>
          ))}
          <th scope="col" className="tl-num">
            Total
          </th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.id}>
            <th scope="row">{g.label}</th>
            {COUNTED_STATES.map((s) => (
              <td className="tl-num" key={s}>
                <CountLink
                  n={countOf(g.counts, s)}
                  filter={{ ...g.filter, readiness: [s] }}
                  label={`${g.label}: ${STATE_PLURAL[s]}`}
                />
              </td>
            ))}
            <td className="tl-num">
              <CountLink
                n={g.counts.total}
                filter={{ ...g.filter, readiness: ['ready', 'at-risk', 'blocked'] }}
                label={`${g.label}: transferring`}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const BAR_H = 22;
const LABEL_W = 300;
const CHART_W = 820;

/**
 * Grouped horizontal bars: one bar per state per group, each with its state and count written next to it, so
 * the chart reads without colour. Counts are links to the register, like the tables.
 */
function ReadinessChart({ groups, by }: { groups: SummaryGroup[]; by: SummaryDimension }) {
  const max = Math.max(1, ...groups.map((g) => Math.max(g.counts.ready, g.counts.atRisk, g.counts.blocked)));
  const barArea = CHART_W - LABEL_W - 140;
  const groupH = BAR_H * 3 + 18;
  const height = groups.length * groupH + 10;
  const titleId = `chart-title-${by}`;
  return (
    <figure>
      <svg
        className="tl-chart"
        role="group"
        aria-labelledby={titleId}
        viewBox={`0 0 ${CHART_W} ${height}`}
        width={CHART_W}
        height={height}
      >
        <title id={titleId}>Ready, at risk and blocked by {DIMENSION_NAME[by]}</title>
        {groups.map((g, gi) => {
          const y0 = gi * groupH + 4;
          return (
            <g key={g.id}>
              <text x={0} y={y0 + BAR_H * 1.5 + 5} fontWeight={700}>
                {g.label.length > 34 ? `${g.label.slice(0, 33)}…` : g.label}
              </text>
              {COUNTED_STATES.map((s, si) => {
                const n = countOf(g.counts, s);
                const w = Math.max(n > 0 ? 2 : 0, (n / max) * barArea);
                const y = y0 + si * BAR_H;
                return (
                  <a key={s} href={registerHref({ ...g.filter, readiness: [s] })}>
                    <rect className={`tl-bar--${s}`} x={LABEL_W} y={y + 2} width={w} height={BAR_H - 4} />
                    <text x={LABEL_W + w + 6} y={y + BAR_H - 6}>
                      {readinessName[s]}: {n}
                    </text>
                  </a>
                );
              })}
            </g>
          );
        })}
      </svg>
      <figcaption className="tl-hint">
        Each bar is labelled with its state and number; select a bar to list those people. The same numbers are in the
        tables below.
      </figcaption>
    </figure>
  );
}
