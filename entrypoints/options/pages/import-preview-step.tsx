import { useState } from 'react';
import { PREVIEW_LIST_LIMIT as LIST_LIMIT, type ImportPlanView } from '@/lib/messaging/csv-importer';
import type { ConflictChoice, ImportPreview } from '@/lib/messaging/protocol';
import { strippedZerosReason } from '@/lib/register/plan-import';
import { personHref } from '@/lib/views/route';
import { formatWhen, plural } from './import-steps';

/**
 * Step 3 of an import: what it would do, before anything changes. Conflicts (fields edited in the extension
 * that the file also changes) each get a keep-mine / take-the-file choice; Apply writes everything in one
 * transaction, Cancel throws the preview away.
 */
export function ImportPreviewStep({
  preview,
  onApply,
  onCancel,
  busy,
}: {
  preview: ImportPreview;
  onApply: (choices: Record<string, ConflictChoice>) => void;
  onCancel: () => void;
  busy: boolean;
}) {
  // The background sends the counts and the first items of each list; `totals` says how many there are.
  const plan = preview.plan as ImportPlanView;
  const totals = plan.totals;
  const [choices, setChoices] = useState<Record<string, ConflictChoice>>(() =>
    Object.fromEntries(plan.conflicts.map((c) => [c.id, 'local' as const])),
  );
  const c = preview.counts;
  const nothingToDo = c.added === 0 && c.changed === 0 && c.notInRoster === 0 && totals.returning === 0;

  function setAll(choice: ConflictChoice) {
    setChoices(Object.fromEntries(plan.conflicts.map((x) => [x.id, choice])));
  }

  return (
    <>
      <section className="tl-panel" aria-labelledby="preview-h">
        <h2 id="preview-h" className="tl-heading-m" tabIndex={-1}>
          What this import will do
        </h2>
        <p className="tl-hint">
          {preview.source}, read {formatWhen(preview.createdAt)}. Nothing has changed yet.
        </p>
        <ul className="tl-legend" aria-label="Counts">
          <li>
            <strong>{c.added}</strong> added
          </li>
          <li>
            <strong>{c.changed}</strong> changed
          </li>
          <li>
            <strong>{c.unchanged}</strong> unchanged
          </li>
          <li>
            <strong>{c.notInRoster}</strong> not in latest roster
          </li>
          <li>
            <strong>{c.conflicts}</strong> {c.conflicts === 1 ? 'conflict' : 'conflicts'}
          </li>
          <li>
            <strong>{c.invalid}</strong> left out with problems
          </li>
        </ul>
        {nothingToDo ? <p>The register already matches this file. There is nothing to apply.</p> : null}
      </section>

      {totals.suspectedStrippedZeros > 0 ? (
        <section className="tl-panel" aria-labelledby="zeros-h">
          <h2 id="zeros-h" className="tl-heading-m">
            {plural(totals.suspectedStrippedZeros, 'row')} held back: employee numbers may have lost their leading zeros
          </h2>
          <ul>
            {plan.suspectedStrippedZeros.map((z) => (
              <li key={z.incomingKey}>
                Line {z.line}: {strippedZerosReason(z)}
              </li>
            ))}
          </ul>
          <More total={totals.suspectedStrippedZeros} />
        </section>
      ) : null}

      {plan.conflicts.length > 0 ? (
        <section className="tl-panel" aria-labelledby="conflicts-h">
          <h2 id="conflicts-h" className="tl-heading-m">
            {plural(plan.conflicts.length, 'conflict')}: choose which value to keep
          </h2>
          <p>
            These fields were edited in Transition Lens and the file has a different value. Your edit is kept unless you
            choose the file&apos;s.
          </p>
          <div className="tl-inline-fields">
            <button type="button" className="tl-button tl-button--secondary" onClick={() => setAll('local')}>
              Keep all mine
            </button>
            <button type="button" className="tl-button tl-button--secondary" onClick={() => setAll('incoming')}>
              Take all from the file
            </button>
          </div>
          {plan.conflicts.map((x, i) => (
            <fieldset key={x.id} className="tl-fieldset">
              <legend className="tl-heading-s">
                {x.name}: {x.label} <span className="tl-hint">(line {x.line})</span>
              </legend>
              <div className="tl-checkbox">
                <input
                  type="radio"
                  id={`cf-${i}-local`}
                  name={`cf-${i}`}
                  checked={choices[x.id] !== 'incoming'}
                  onChange={() => setChoices((s) => ({ ...s, [x.id]: 'local' }))}
                />
                <label htmlFor={`cf-${i}-local`}>
                  Keep mine: {x.local || '(blank)'} <span className="tl-hint">(edited {formatWhen(x.editedAt)})</span>
                </label>
              </div>
              <div className="tl-checkbox">
                <input
                  type="radio"
                  id={`cf-${i}-file`}
                  name={`cf-${i}`}
                  checked={choices[x.id] === 'incoming'}
                  onChange={() => setChoices((s) => ({ ...s, [x.id]: 'incoming' }))}
                />
                <label htmlFor={`cf-${i}-file`}>Take the file&apos;s: {x.file || '(blank)'}</label>
              </div>
            </fieldset>
          ))}
        </section>
      ) : null}

      {totals.changed > 0 ? (
        <section className="tl-panel" aria-labelledby="changed-h">
          <h2 id="changed-h" className="tl-heading-m">
            {plural(totals.changed, 'person', 'people')} changed
          </h2>
          <table className="tl-table">
            <caption className="tl-visually-hidden">Changes field by field</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Field</th>
                <th scope="col">Now</th>
                <th scope="col">From the file</th>
              </tr>
            </thead>
            <tbody>
              {plan.changed.flatMap((r) =>
                r.changes.map((ch, j) => (
                  <tr key={`${r.key}|${ch.path}`}>
                    {j === 0 ? (
                      <th scope="row" rowSpan={r.changes.length}>
                        <a href={personHref(r.key)}>{r.name}</a> <span className="tl-hint">line {r.line}</span>
                      </th>
                    ) : null}
                    <td>{ch.label}</td>
                    <td>{ch.old || '(blank)'}</td>
                    <td>{ch.new || '(blank)'}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
          {plan.changed.some((r) => r.changes.length === 0) ? (
            <p className="tl-hint">People whose only changes are conflicts are listed under conflicts above.</p>
          ) : null}
          <More total={totals.changed} />
        </section>
      ) : null}

      {totals.added > 0 ? (
        <section className="tl-panel" aria-labelledby="added-h">
          <h2 id="added-h" className="tl-heading-m">
            {plural(totals.added, 'person', 'people')} added
          </h2>
          <ul className="tl-columns">
            {plan.added.map((r) => (
              <li key={r.key}>
                {r.name} <span className="tl-hint">({r.key})</span>
              </li>
            ))}
          </ul>
          <More total={totals.added} />
        </section>
      ) : null}

      {totals.missing > 0 ? (
        <section className="tl-panel" aria-labelledby="missing-h">
          <h2 id="missing-h" className="tl-heading-m">
            {plural(totals.missing, 'person', 'people')} not in the latest roster
          </h2>
          <p>
            They are in the register but not in this file. They will be marked “not in latest roster” and kept: never
            deleted, as someone may be on leave or the file may be partial. You can remove people from the register
            yourself.
          </p>
          <ul className="tl-columns">
            {plan.missing.map((m) => (
              <li key={m.key}>
                <a href={personHref(m.key)}>{m.name}</a>
              </li>
            ))}
          </ul>
          <More total={totals.missing} />
        </section>
      ) : null}

      {totals.returning > 0 ? (
        <p>
          {plural(totals.returning, 'person', 'people')} marked as not in the latest roster{' '}
          {totals.returning === 1 ? 'is' : 'are'} back in this file and will be marked as in it again.
        </p>
      ) : null}

      <div className="tl-inline-fields">
        <button type="button" className="tl-button" disabled={busy || nothingToDo} onClick={() => onApply(choices)}>
          {busy ? 'Applying…' : 'Apply import'}
        </button>
        <button type="button" className="tl-button tl-button--secondary" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
      <p className="tl-hint">
        Apply changes all of these at once or none of them. You can undo the import afterwards from the history below.
      </p>
    </>
  );
}

function More({ total }: { total: number }) {
  return total > LIST_LIMIT ? (
    <p className="tl-hint">
      Showing the first {LIST_LIMIT} of {total.toLocaleString('en-GB')}. The other{' '}
      {(total - LIST_LIMIT).toLocaleString('en-GB')} are applied in the same way.
    </p>
  ) : null;
}
