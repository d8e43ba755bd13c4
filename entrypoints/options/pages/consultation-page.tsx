import { useMemo, useState, type ReactNode } from 'react';
import {
  COUNCILS,
  Representation,
  TomFunction,
  TransferScope,
  councilName,
  displayName,
  keyOf,
  representationName,
  todayIso,
  tomFunctionName,
  transferScopeName,
  readinessName,
} from '@/lib/domain';
import { READINESS_STATES, registerHref } from '@/lib/views/register-filter';
import { personHref } from '@/lib/views/route';
import { useDashboardData } from '../data-store';
import { replaceHash, useRoute } from '../use-route';
import { ConsultationPrint } from './consultation-print';
import { downloadConsultationCsv } from './consultation-export';
import {
  CONSULTATION_COLUMNS,
  cellText,
  consultationFileName,
  consultationHref,
  describeFilters,
  filterConsultation,
  parseConsultation,
  type ConsultationColumn,
  type ConsultationFilters,
} from './consultation-filter';

const PREVIEW_ROWS = 50;

/**
 * Consultation lists for representatives, letters and meetings: filter the register (the filters travel in
 * the URL, so any filtered register view can link here), pick columns, download a formula-safe CSV or print
 * one list per representative group.
 */
export function ConsultationPage() {
  const route = useRoute();
  const params = route.page === 'consultation' ? route.params : new URLSearchParams();
  const { filters, columns } = parseConsultation(params);
  const rows = useDashboardData((s) => s.rows);
  const plan = useDashboardData((s) => s.ctx.plan);
  const today = useDashboardData((s) => s.ctx.today) || todayIso();
  const [printing, setPrinting] = useState(false);
  const [status, setStatus] = useState<string>();

  const names = useMemo(() => new Map(rows.map((r) => [r.key as string, displayName(r.record)])), [rows]);
  const teams = useMemo(() => [...new Set(rows.map((r) => r.record.team).filter(Boolean) as string[])].sort(), [rows]);
  const tomTeams = useMemo(
    () => [...new Set(rows.map((r) => r.record.tomTeam).filter(Boolean) as string[])].sort(),
    [rows],
  );
  const managers = useMemo(() => {
    const keys = new Set(rows.map((r) => r.record.lineManager).filter(Boolean) as string[]);
    return [...keys].map((k) => ({ key: k, name: names.get(k) ?? k })).sort((a, b) => a.name.localeCompare(b.name));
  }, [rows, names]);
  const list = useMemo(() => filterConsultation(rows, filters, plan), [rows, filters, plan]);

  function update(next: Partial<ConsultationFilters>, cols: readonly ConsultationColumn[] = columns) {
    replaceHash(consultationHref({ ...filters, ...next }, cols));
  }

  function download() {
    const name = consultationFileName(filters, today);
    downloadConsultationCsv(name, list, columns, names);
    setStatus(`Downloaded ${list.length.toLocaleString('en-GB')} people as ${name}.`);
  }

  const description = describeFilters(filters, filters.manager ? names.get(filters.manager) : undefined);

  if (printing) {
    return (
      <ConsultationPrint
        rows={list}
        columns={columns}
        names={names}
        description={description}
        planName={plan?.name}
        today={today}
        onClose={() => setPrinting(false)}
      />
    );
  }

  return (
    <>
      <h1 className="tl-heading-l">Consultation lists</h1>
      <p className="tl-lead">
        Lists of affected staff for representatives, letters and meetings. Each council&apos;s change procedure and
        consultation with staff and recognised unions must be followed; this page helps you prepare the lists.
      </p>
      <form onSubmit={(e) => e.preventDefault()} aria-labelledby="filters-h">
        <h2 id="filters-h" className="tl-heading-m">
          Who to include
        </h2>
        <div className="tl-filters">
          <CheckGroup
            legend="Employing council"
            name="council"
            options={COUNCILS.map((c) => ({ value: c, label: councilName[c] }))}
            selected={filters.council}
            onChange={(v) => update({ council: v as ConsultationFilters['council'] })}
          />
          <CheckGroup
            legend="Transfer scope"
            name="scope"
            options={[
              ...TransferScope.options.map((s) => ({ value: s, label: transferScopeName[s] })),
              { value: 'none', label: 'Not recorded for this plan' },
            ]}
            selected={filters.scope}
            onChange={(v) => update({ scope: v as ConsultationFilters['scope'] })}
          />
          <CheckGroup
            legend="Readiness"
            name="readiness"
            options={READINESS_STATES.map((s) => ({ value: s, label: readinessName[s] }))}
            selected={filters.readiness}
            onChange={(v) => update({ readiness: v as ConsultationFilters['readiness'] })}
          />
          <CheckGroup
            legend="TOM function"
            name="tom"
            options={[
              ...TomFunction.options.map((t) => ({ value: t, label: tomFunctionName[t] })),
              { value: 'none', label: 'No TOM function' },
            ]}
            selected={filters.tom}
            onChange={(v) => update({ tom: v as ConsultationFilters['tom'] })}
          />
          <CheckGroup
            legend="Representative group"
            name="rep"
            options={Representation.options.map((r) => ({ value: r, label: representationName[r] }))}
            selected={filters.rep}
            onChange={(v) => update({ rep: v as ConsultationFilters['rep'] })}
          />
          <div>
            <SelectOne
              id="f-team"
              label="Team"
              value={filters.team[0] ?? ''}
              options={teams.map((t) => ({ value: t, label: t }))}
              onChange={(v) => update({ team: v ? [v] : [] })}
            />
            <SelectOne
              id="f-tomteam"
              label="TOM team"
              value={filters.tomTeam[0] ?? ''}
              options={tomTeams.map((t) => ({ value: t, label: t }))}
              onChange={(v) => update({ tomTeam: v ? [v] : [] })}
            />
            <SelectOne
              id="f-manager"
              label="Line manager (direct reports)"
              value={filters.manager ?? ''}
              options={managers.map((m) => ({ value: m.key, label: m.name }))}
              onChange={(v) => update({ manager: v || undefined })}
            />
          </div>
        </div>
        <details className="tl-details">
          <summary className="tl-details__summary">Columns ({columns.length} chosen)</summary>
          <fieldset className="tl-fieldset">
            <legend className="tl-visually-hidden">Columns in the list</legend>
            <div className="tl-columns">
              {CONSULTATION_COLUMNS.map((c) => (
                <div className="tl-checkbox" key={c.id}>
                  <input
                    type="checkbox"
                    id={`col-${c.id}`}
                    checked={columns.includes(c.id)}
                    onChange={(e) =>
                      update({}, e.target.checked ? [...columns, c.id] : columns.filter((x) => x !== c.id))
                    }
                  />
                  <label htmlFor={`col-${c.id}`}>{c.label}</label>
                </div>
              ))}
            </div>
          </fieldset>
        </details>
      </form>

      <section aria-labelledby="result-h">
        <h2 id="result-h" className="tl-heading-m" aria-live="polite">
          {list.length.toLocaleString('en-GB')} {list.length === 1 ? 'person' : 'people'}
        </h2>
        <p className="tl-hint">{description}.</p>
        <p>
          <a href={registerHref(filters)}>See these people in the register</a>
          {filters.rep.length > 0 ? ' (the register does not filter by representative group)' : ''}
        </p>
        <div className="tl-inline-fields">
          <button
            type="button"
            className="tl-button"
            onClick={download}
            disabled={list.length === 0 || columns.length === 0}
          >
            Download CSV
          </button>
          <button
            type="button"
            className="tl-button tl-button--secondary"
            onClick={() => setPrinting(true)}
            disabled={list.length === 0 || columns.length === 0}
          >
            Print view for meetings
          </button>
        </div>
        <p className="tl-hint">
          The file opens in Excel with names spelt correctly (UTF-8) and no cell can run as a formula.{' '}
          {consultationFileName(filters, today)}
        </p>
        <div role="status" className="tl-status">
          {status}
        </div>
        {columns.length === 0 ? <p>Choose at least one column.</p> : null}
        {list.length > 0 && columns.length > 0 ? (
          <div style={{ overflowX: 'auto' }}>
            <table className="tl-table">
              <caption className="tl-visually-hidden">
                Preview of the list{list.length > PREVIEW_ROWS ? `: first ${PREVIEW_ROWS} of ${list.length}` : ''}
              </caption>
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c} scope="col">
                      {CONSULTATION_COLUMNS.find((x) => x.id === c)?.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {list.slice(0, PREVIEW_ROWS).map((row) => (
                  <tr key={keyOf(row.record)}>
                    {columns.map((c) =>
                      c === 'name' ? (
                        <th key={c} scope="row">
                          <a href={personHref(row.key)}>{cellText(row, c, names)}</a>
                        </th>
                      ) : (
                        <td key={c}>{cellText(row, c, names)}</td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
            {list.length > PREVIEW_ROWS ? (
              <p className="tl-hint">
                Showing the first {PREVIEW_ROWS}. The download and print view hold all{' '}
                {list.length.toLocaleString('en-GB')}.
              </p>
            ) : null}
          </div>
        ) : null}
      </section>
    </>
  );
}

function CheckGroup({
  legend,
  name,
  options,
  selected,
  onChange,
}: {
  legend: string;
  name: string;
  options: { value: string; label: string }[];
  selected: readonly string[];
  onChange: (values: string[]) => void;
}) {
  return (
    <fieldset className="tl-fieldset">
      <legend className="tl-heading-s">{legend}</legend>
      {options.map((o) => (
        <div className="tl-checkbox" key={o.value}>
          <input
            type="checkbox"
            id={`f-${name}-${o.value}`}
            checked={selected.includes(o.value)}
            onChange={(e) =>
              onChange(e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))
            }
          />
          <label htmlFor={`f-${name}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

function SelectOne({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: ReactNode;
  value: string;
  options: { value: string; label: string }[];
  onChange: (v: string) => void;
}) {
  return (
    <div className="tl-form-group">
      <label className="tl-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="tl-select" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
