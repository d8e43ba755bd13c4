import { useId } from 'react';
import { COUNCILS, councilName, type Council } from '@/lib/domain';
import { MappingTarget, mappingTargetLabel } from '@/lib/csv/headers';
import type { ColumnChoice, Mapping } from '@/lib/csv/mapping';
import { errorsToCsv, type ReadResult } from '@/lib/csv/read-rows';
import { downloadText, fileNamePart } from './import-download';
import { describeDetection, plural, withColumnChoice } from './import-steps';

const ERRORS_SHOWN = 100;

/**
 * Step 2 of an import: what was found in the file (encoding, delimiter, headings), the column choices still
 * needed, vacant rows, and the rows that cannot be imported with their line, column and reason.
 */
export function ImportReadStep({
  fileLabel,
  result,
  onMapping,
  onPreview,
  onCancel,
  busy,
}: {
  fileLabel: string;
  result: ReadResult;
  onMapping: (m: Mapping) => void;
  onPreview: () => void;
  onCancel: () => void;
  busy: boolean;
}) {
  const d = describeDetection(result);
  const mapping = result.mapping;
  const needsCouncil = result.required.some((r) => r.kind === 'council');
  const hasCouncilColumn = Object.values(mapping.columns).includes('council');
  const ids = useId();
  const canPreview = result.required.length === 0 && result.rows.length > 0 && !busy;

  return (
    <>
      <section className="tl-panel" aria-labelledby={`${ids}-found`}>
        <h2 id={`${ids}-found`} className="tl-heading-m">
          What is in {fileLabel}
        </h2>
        <dl className="tl-summary-list">
          <Row term="Format" value={d.format} />
          <Row term="Encoding" value={d.encoding} />
          <Row term="Separator" value={d.delimiter} />
          <Row
            term={`Column headings (line ${d.headerLine})`}
            value={d.headers.length ? d.headers.map((h) => h || '(blank)').join(' | ') : 'No headings found'}
          />
          <Row
            term="Rows"
            value={`${plural(result.total, 'data row')}: ${result.rows.length.toLocaleString('en-GB')} can be imported`}
          />
        </dl>
        {result.notices.length > 0 ? (
          <div className="tl-inset">
            <ul>
              {result.notices.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      {!result.registerFormat ? (
        <section className="tl-panel" aria-labelledby={`${ids}-map`}>
          <h2 id={`${ids}-map`} className="tl-heading-m">
            Match the columns
          </h2>
          {result.required.length > 0 ? (
            <div className="tl-error-summary" role="alert">
              <h3 className="tl-heading-s">Choose before you continue</h3>
              <ul>
                {result.required.map((r) => (
                  <li key={r.kind}>{r.text}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <p>
            Columns are matched by their headings. Choose what each unrecognised column holds, or leave it ignored. Your
            choices are remembered for the next import from the same source.
          </p>
          <ColumnTable
            headers={d.headers}
            mapping={mapping}
            unknown={result.unknownHeaders}
            onChange={(h, c) => onMapping(withColumnChoice(mapping, h, c))}
          />
          <div className={`tl-form-group${needsCouncil ? ' tl-form-group--error' : ''}`}>
            <label className="tl-label" htmlFor={`${ids}-council`}>
              {hasCouncilColumn
                ? 'Council for rows with a blank council'
                : 'Council that employs everyone in this file'}
            </label>
            <p className="tl-hint" id={`${ids}-council-hint`}>
              {hasCouncilColumn
                ? 'Optional: rows that name their council keep it.'
                : 'This file has no council column. Employee numbers are only unique within a council.'}
            </p>
            <select
              id={`${ids}-council`}
              className="tl-select"
              value={mapping.defaultCouncil ?? ''}
              aria-describedby={`${ids}-council-hint`}
              aria-invalid={needsCouncil ? true : undefined}
              onChange={(e) => {
                const v = e.target.value as Council | '';
                const next: Mapping = { ...mapping };
                if (v) next.defaultCouncil = v;
                else delete next.defaultCouncil;
                onMapping(next);
              }}
            >
              <option value="">{hasCouncilColumn ? 'None: leave such rows out' : 'Choose a council'}</option>
              {COUNCILS.map((c) => (
                <option key={c} value={c}>
                  {councilName[c]}
                </option>
              ))}
            </select>
          </div>
        </section>
      ) : null}

      <section className="tl-panel" aria-labelledby={`${ids}-vacant`}>
        <fieldset className="tl-fieldset" aria-describedby={`${ids}-vacant-hint`}>
          <legend id={`${ids}-vacant`} className="tl-heading-m">
            Rows with nobody named in them
          </legend>
          <p className="tl-hint" id={`${ids}-vacant-hint`}>
            Organogram returns list empty posts as “Vacant”, “N/D” or “Eliminated”.{' '}
            {mapping.vacantRows === 'keep'
              ? `${plural(result.vacant, 'row')} will be kept as vacant posts.`
              : `${plural(result.skipped, 'row')} will be left out.`}
          </p>
          {(['keep', 'skip'] as const).map((v) => (
            <div className="tl-checkbox" key={v}>
              <input
                type="radio"
                id={`${ids}-vacant-${v}`}
                name={`${ids}-vacant`}
                checked={mapping.vacantRows === v}
                onChange={() => onMapping({ ...mapping, vacantRows: v })}
              />
              <label htmlFor={`${ids}-vacant-${v}`}>
                {v === 'keep' ? 'Keep them as vacant posts' : 'Leave them out'}
              </label>
            </div>
          ))}
        </fieldset>
      </section>

      <RowErrors result={result} fileLabel={fileLabel} />

      <div className="tl-inline-fields">
        <button type="button" className="tl-button" disabled={!canPreview} onClick={onPreview}>
          {busy ? 'Comparing with the register…' : 'Preview changes'}
        </button>
        <button type="button" className="tl-button tl-button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {result.rows.length === 0 && result.required.length === 0 ? (
        <p className="tl-error-message" role="alert">
          No row of this file can be imported. Check the problems listed above.
        </p>
      ) : null}
    </>
  );
}

function Row({ term, value }: { term: string; value: string }) {
  return (
    <div className="tl-summary-list__row">
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}

const TARGETS = MappingTarget.options;

function ColumnTable({
  headers,
  mapping,
  unknown,
  onChange,
}: {
  headers: readonly string[];
  mapping: Mapping;
  unknown: readonly string[];
  onChange: (header: string, choice: ColumnChoice) => void;
}) {
  const named = [...new Set(headers.filter(Boolean))];
  // Unrecognised columns first: they are the ones that need an answer.
  const ordered = [...named.filter((h) => unknown.includes(h)), ...named.filter((h) => !unknown.includes(h))];
  return (
    <table className="tl-table">
      <caption className="tl-visually-hidden">Column choices</caption>
      <thead>
        <tr>
          <th scope="col">Column heading in the file</th>
          <th scope="col">Imports as</th>
        </tr>
      </thead>
      <tbody>
        {ordered.map((h, i) => {
          const id = `col-map-${i}`;
          return (
            <tr key={h}>
              <th scope="row">
                <label htmlFor={id}>{h}</label>
                {unknown.includes(h) ? (
                  <>
                    {' '}
                    <span className="tl-tag">Not recognised</span>
                  </>
                ) : null}
              </th>
              <td>
                <select
                  id={id}
                  className="tl-select"
                  value={mapping.columns[h] ?? 'ignore'}
                  onChange={(e) => onChange(h, e.target.value as ColumnChoice)}
                >
                  <option value="ignore">Ignore this column</option>
                  {TARGETS.map((t) => (
                    <option key={t} value={t}>
                      {mappingTargetLabel[t]}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function RowErrors({ result, fileLabel }: { result: ReadResult; fileLabel: string }) {
  const errors = result.errors;
  if (errors.length === 0) {
    return result.rows.length > 0 ? <p>No problems found in the rows.</p> : null;
  }
  return (
    <section className="tl-panel" aria-labelledby="row-errors-h">
      <h2 id="row-errors-h" className="tl-heading-m">
        {plural(errors.length, 'problem')} in the file
      </h2>
      <p>
        Rows with a problem are left out; the rest can still be imported. Fix them in the source file and import it
        again.
      </p>
      <button
        type="button"
        className="tl-button tl-button--secondary"
        onClick={() => downloadText(`import-problems-${fileNamePart(fileLabel)}.csv`, errorsToCsv(errors))}
      >
        Download the problems as CSV
      </button>
      <table className="tl-table">
        <caption className="tl-visually-hidden">Problems by line</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Column</th>
            <th scope="col">Value</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {errors.slice(0, ERRORS_SHOWN).map((e, i) => (
            <tr key={`${e.line}-${i}`}>
              <td className="tl-num">{e.line}</td>
              <td>{e.column ?? ''}</td>
              <td>{e.value ?? ''}</td>
              <td>{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {errors.length > ERRORS_SHOWN ? (
        <p className="tl-hint">
          Showing the first {ERRORS_SHOWN}. The download lists all {errors.length.toLocaleString('en-GB')}.
        </p>
      ) : null}
    </section>
  );
}
