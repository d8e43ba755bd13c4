import { useCallback, useEffect, useRef, useState } from 'react';
import { sendMessage } from '@/lib/messaging/client';
import type { ImportHistoryEntry, UndoPreview } from '@/lib/messaging/protocol';
import { personHref } from '@/lib/views/route';
import { formatWhen, plural } from './import-steps';

type UndoState =
  | { step: 'idle' }
  | { step: 'confirm'; preview: UndoPreview }
  | { step: 'done'; text: string }
  | { step: 'error'; text: string };

/**
 * Import history (when, source, counts) and "Undo last import": first a preview that warns about people edited
 * since that import (undo would revert those edits too), then a report of what undo did.
 */
export function ImportHistory({ refreshKey }: { refreshKey: number }) {
  const [history, setHistory] = useState<ImportHistoryEntry[]>();
  const [error, setError] = useState<string>();
  const [undo, setUndo] = useState<UndoState>({ step: 'idle' });
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    const r = await sendMessage({ type: 'getImportHistory' });
    if (r.ok) {
      setHistory(r.data);
      setError(undefined);
    } else setError(r.error);
  }, []);

  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  async function askUndo() {
    setBusy(true);
    const r = await sendMessage({ type: 'previewUndo' });
    setBusy(false);
    if (!r.ok) setUndo({ step: 'error', text: r.error });
    else if (!r.data) setUndo({ step: 'error', text: 'There is no import left to undo.' });
    else {
      setUndo({ step: 'confirm', preview: r.data });
      requestAnimationFrame(() => confirmRef.current?.focus());
    }
  }

  async function doUndo() {
    setBusy(true);
    const r = await sendMessage({ type: 'undoLastImport' });
    setBusy(false);
    if (!r.ok) {
      setUndo({ step: 'error', text: r.error });
      return;
    }
    setUndo({
      step: 'done',
      text: `Import undone: ${plural(r.data.restored, 'record')} restored to how they were before it, ${plural(r.data.removed, 'record')} it added removed.`,
    });
    void load();
  }

  const undoable = history?.find((h) => h.touched > 0 && !h.undoneAt);

  return (
    <section className="tl-panel" aria-labelledby="history-h">
      <h2 id="history-h" className="tl-heading-m">
        Import history
      </h2>
      {error ? (
        <p className="tl-error-message" role="alert">
          {error}
        </p>
      ) : null}
      {history === undefined && !error ? <p role="status">Loading the history…</p> : null}
      {history && history.length === 0 ? <p>Nothing has been imported yet.</p> : null}
      {history && history.length > 0 ? (
        <table className="tl-table">
          <caption className="tl-visually-hidden">Imports, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Source</th>
              <th scope="col" className="tl-num">
                Added
              </th>
              <th scope="col" className="tl-num">
                Changed
              </th>
              <th scope="col" className="tl-num">
                Unchanged
              </th>
              <th scope="col" className="tl-num">
                Not in roster
              </th>
              <th scope="col" className="tl-num">
                Left out
              </th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.id}>
                <td>
                  {formatWhen(h.at)}
                  {h.undoneAt ? (
                    <>
                      {' '}
                      <span className="tl-tag">Undone {formatWhen(h.undoneAt)}</span>
                    </>
                  ) : null}
                </td>
                <td>{h.source}</td>
                <td className="tl-num">{h.counts.added}</td>
                <td className="tl-num">{h.counts.changed}</td>
                <td className="tl-num">{h.counts.unchanged}</td>
                <td className="tl-num">{h.counts.notInRoster}</td>
                <td className="tl-num">{h.counts.invalid}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      {undoable && undo.step !== 'confirm' ? (
        <button type="button" className="tl-button tl-button--secondary" disabled={busy} onClick={() => void askUndo()}>
          Undo last import…
        </button>
      ) : null}

      {undo.step === 'confirm' ? (
        <div
          className="tl-error-summary"
          ref={confirmRef}
          tabIndex={-1}
          role="alertdialog"
          aria-labelledby="undo-q"
          aria-describedby="undo-what"
        >
          <h3 id="undo-q" className="tl-heading-s">
            Undo the import of {formatWhen(undo.preview.at)} from {undo.preview.source}?
          </h3>
          <p id="undo-what">
            {plural(undo.preview.restored.length, 'record')} will go back to how they were before it, and{' '}
            {plural(undo.preview.added.length, 'record')} it added will be removed.
          </p>
          {undo.preview.editedSince.length > 0 ? (
            <>
              <p>
                <strong>
                  Warning: {plural(undo.preview.editedSince.length, 'person has', 'people have')} been edited since that
                  import. Undo will also revert these edits:
                </strong>
              </p>
              <ul>
                {undo.preview.editedSince.map((p) => (
                  <li key={p.key}>
                    <a href={personHref(p.key)}>{p.name}</a>: {p.fields.join(', ')}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>Nobody has been edited since that import.</p>
          )}
          <div className="tl-inline-fields">
            <button
              type="button"
              className="tl-button tl-button--warning"
              disabled={busy}
              onClick={() => void doUndo()}
            >
              Yes, undo the import
            </button>
            <button type="button" className="tl-button tl-button--secondary" onClick={() => setUndo({ step: 'idle' })}>
              Keep it
            </button>
          </div>
        </div>
      ) : null}
      <div role="status" className="tl-status">
        {undo.step === 'done' ? (
          <p>
            <strong>{undo.text}</strong>
          </p>
        ) : null}
      </div>
      {undo.step === 'error' ? (
        <p className="tl-error-message" role="alert">
          {undo.text}
        </p>
      ) : null}
    </section>
  );
}
