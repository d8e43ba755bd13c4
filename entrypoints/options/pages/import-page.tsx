import { useEffect, useRef, useState, type DragEvent } from 'react';
import { decodeCsvBytes, type DecodedText } from '@/lib/csv/decode';
import { SavedMapping, type Mapping } from '@/lib/csv/mapping';
import { readRows, type ReadResult } from '@/lib/csv/read-rows';
import { sendMessage } from '@/lib/messaging/client';
import type { ConflictChoice, ImportCounts, ImportPreview } from '@/lib/messaging/protocol';
import { createDbAccess } from '@/lib/store/db';
import { registerHref } from '@/lib/views/register-filter';
import { Glossary } from '@/components/glossary';
import { useDashboardData } from '../data-store';
import { ImportHistory } from './import-history';
import { createInPageImporter, timed, type InPagePreview } from './import-in-page';
import { ImportPreviewStep } from './import-preview-step';
import { ImportReadStep } from './import-read-step';
import { fileProblem, formatWhen, notTextProblem, plural, sourceName } from './import-steps';

/** The column choices used the last time this source was imported (kept with the import history). */
async function savedMappingFor(source: string): Promise<Mapping | undefined> {
  const r = await sendMessage({ type: 'getImportHistory' });
  if (!r.ok) return undefined;
  const last = r.data.find((h) => h.source === source && h.mapping);
  const parsed = SavedMapping.safeParse(last?.mapping);
  return parsed.success ? parsed.data : undefined;
}

/** The register's database, opened by this page only when a file is previewed (never at module load). */
let inPage: ReturnType<typeof createInPageImporter> | undefined;
function inPageImporter() {
  inPage ??= createInPageImporter({
    db: createDbAccess(),
    notify: async () => {
      // Never fails the import: if the background cannot be reached it reloads the register when it starts.
      await sendMessage({ type: 'registerWritten' });
    },
  });
  return inPage;
}

type Stage =
  | { step: 'choose' }
  | { step: 'read'; label: string; source: string; decoded: DecodedText; result: ReadResult }
  /** `local`: a file planned in this page (applied here); without it, a preview waiting in the background. */
  | { step: 'preview'; preview: ImportPreview; local?: InPagePreview }
  | { step: 'done'; text: string };

/**
 * Import staff data: choose a file (or drop it, or fetch the CSV address from Settings), check what was read
 * and match columns, preview the changes with a choice for each conflict, then apply them all at once.
 */
export function ImportPage() {
  const csvUrl = useDashboardData((s) => s.settings.csvUrl);
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [historyKey, setHistoryKey] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Move focus to the step's heading so keyboard and screen reader users land on the new content.
  useEffect(() => {
    if (stage.step !== 'choose') headingRef.current?.focus();
  }, [stage.step]);

  /** Decodes the file once; the text is read again only when the column choices change, and sent as it is. */
  function read(label: string, source: string, decoded: DecodedText, mapping?: Mapping, saved?: Mapping) {
    try {
      const result = timed('read: read the rows', () =>
        readRows(decoded, mapping, { source, seal: true, ...(saved ? { saved } : {}) }),
      );
      setStage({ step: 'read', label, source, decoded, result });
      setError(undefined);
      // While the user checks what was read, read the register the preview compares it with (a second or two
      // for 100,000 people). Started once step 2 is on screen, so that it never delays it.
      requestAnimationFrame(() => setTimeout(() => inPageImporter().preload(), 0));
    } catch (e) {
      setError(`The file could not be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async function chooseFile(file: File | undefined) {
    if (!file) return;
    const problem = fileProblem(file);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    try {
      const bytes = await timed('read: file bytes', () => file.arrayBuffer());
      const decoded = timed('read: decode', () => decodeCsvBytes(new Uint8Array(bytes)));
      if (decoded.binary) {
        setError(notTextProblem(file.name));
        return;
      }
      const source = sourceName('file', file.name);
      const saved = await timed('read: saved column choices', () => savedMappingFor(source));
      read(file.name, source, decoded, undefined, saved);
    } catch (e) {
      setError(`The file could not be opened: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  }

  async function fetchUrl() {
    if (!csvUrl) return;
    setBusy(true);
    setError(undefined);
    try {
      const res = await fetch(csvUrl, { cache: 'no-store', credentials: 'include' });
      if (!res.ok) throw new Error(`the server answered ${res.status} ${res.statusText}`.trim());
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (bytes.length === 0) throw new Error('the file is empty');
      const decoded = decodeCsvBytes(bytes);
      if (decoded.binary) throw new Error('the file there is not a text file, so it cannot be a CSV file');
      const source = sourceName('url', csvUrl);
      read(
        new URL(csvUrl).pathname.split('/').pop() || csvUrl,
        source,
        decoded,
        undefined,
        await savedMappingFor(source),
      );
    } catch (e) {
      setError(
        `Could not get the file from ${csvUrl}: ${e instanceof Error ? e.message : String(e)}. Check the address in Settings and that you are on the council network.`,
      );
    } finally {
      setBusy(false);
    }
  }

  async function preview() {
    if (stage.step !== 'read') return;
    setBusy(true);
    setError(undefined);
    try {
      // The rows this page read for step 2 are compared with the register here: no second reading of the file.
      const local = await inPageImporter().preview(stage.source, stage.result);
      setStage({ step: 'preview', preview: local.preview, local });
    } catch (e) {
      setError(`The changes could not be worked out: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  }

  async function apply(choices: Record<string, ConflictChoice>) {
    if (stage.step !== 'preview') return;
    setBusy(true);
    setError(undefined);
    let c: ImportCounts;
    if (stage.local) {
      try {
        c = (await inPageImporter().apply(stage.local, choices)).counts;
      } catch (e) {
        setBusy(false);
        setError(`Nothing was changed: ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
    } else {
      const r = await sendMessage({ type: 'applyImport', id: stage.preview.id, choices });
      if (!r.ok) {
        setBusy(false);
        setError(`Nothing was changed: ${r.error}`);
        return;
      }
      c = r.data.counts;
    }
    setBusy(false);
    setStage({
      step: 'done',
      text: `Import applied: ${plural(c.added, 'person', 'people')} added, ${c.changed} changed, ${c.unchanged} unchanged, ${c.notInRoster} marked as not in the latest roster${c.conflicts ? `, ${plural(c.conflicts, 'conflict')} settled` : ''}.`,
    });
    setHistoryKey((k) => k + 1);
  }

  async function cancel() {
    if (stage.step === 'preview' && !stage.local) await sendMessage({ type: 'discardImport', id: stage.preview.id });
    setStage({ step: 'choose' });
    setError(undefined);
  }

  return (
    <>
      <h1 className="tl-heading-l">Import staff data</h1>
      <p className="tl-lead">
        Bring in a CSV export from your HR system or an organogram return. You see every change before anything is
        saved; people missing from a file are never deleted.
      </p>
      {error ? (
        <div className="tl-error-summary" role="alert">
          <h2 className="tl-heading-s">There is a problem</h2>
          <p>{error}</p>
        </div>
      ) : null}

      {stage.step === 'choose' ? (
        <>
          <ChooseFile busy={busy} onFile={(f) => void chooseFile(f)} />
          {csvUrl ? (
            <section className="tl-panel" aria-labelledby="url-h">
              <h2 id="url-h" className="tl-heading-m">
                Or use the CSV address from Settings
              </h2>
              <p>
                <code>{csvUrl}</code>
              </p>
              <button
                type="button"
                className="tl-button tl-button--secondary"
                disabled={busy}
                onClick={() => void fetchUrl()}
              >
                Get the file from this address
              </button>
            </section>
          ) : (
            <p className="tl-hint">
              To import from a web address on a schedule, set a CSV source in <a href="#/settings">Settings</a>.
            </p>
          )}
          <PendingImports onReview={(p) => setStage({ step: 'preview', preview: p })} />
        </>
      ) : null}

      {stage.step === 'read' ? (
        <>
          <h2 className="tl-visually-hidden" ref={headingRef} tabIndex={-1}>
            Step 2 of 3: check the file
          </h2>
          <ImportReadStep
            fileLabel={stage.label}
            result={stage.result}
            busy={busy}
            onMapping={(m) => read(stage.label, stage.source, stage.decoded, m)}
            onPreview={() => void preview()}
            onCancel={() => void cancel()}
          />
        </>
      ) : null}

      {stage.step === 'preview' ? (
        <>
          <h2 className="tl-visually-hidden" ref={headingRef} tabIndex={-1}>
            Step 3 of 3: preview the changes
          </h2>
          <ImportPreviewStep
            preview={stage.preview}
            busy={busy}
            onApply={(c) => void apply(c)}
            onCancel={() => void cancel()}
          />
        </>
      ) : null}

      {stage.step === 'done' ? (
        <section className="tl-panel" aria-labelledby="done-h">
          <h2 id="done-h" className="tl-heading-m" ref={headingRef} tabIndex={-1}>
            Import complete
          </h2>
          <p role="status">{stage.text}</p>
          <p>
            <a href={registerHref()}>Go to the register</a> or{' '}
            <button type="button" className="tl-link-button" onClick={() => setStage({ step: 'choose' })}>
              import another file
            </button>
            .
          </p>
        </section>
      ) : null}

      <ImportHistory refreshKey={historyKey} />
      <Glossary ids={['tupe', 's113', 'tom']} />
    </>
  );
}

function ChooseFile({ busy, onFile }: { busy: boolean; onFile: (f: File | undefined) => void }) {
  const [over, setOver] = useState(false);
  function drop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    onFile(e.dataTransfer.files[0]);
  }
  return (
    <section
      className="tl-panel"
      aria-labelledby="file-h"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      style={over ? { outline: '3px dashed #1d70b8', outlineOffset: '-6px' } : undefined}
    >
      <h2 id="file-h" className="tl-heading-m">
        Step 1 of 3: choose a file
      </h2>
      <div className="tl-form-group">
        <label className="tl-label" htmlFor="import-file">
          CSV file
        </label>
        <p className="tl-hint" id="import-file-hint">
          Choose a .csv file, or drag it onto this box. UTF-8, UTF-16 and Windows-1252 files with commas, semicolons or
          tabs are all read. From Excel, save as “CSV UTF-8”.
        </p>
        <input
          id="import-file"
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/plain"
          className="tl-input"
          disabled={busy}
          aria-describedby="import-file-hint"
          onChange={(e) => {
            onFile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </div>
      {busy ? <p role="status">Reading the file…</p> : null}
    </section>
  );
}

/** Scheduled syncs with changes wait here when auto-apply is off. */
function PendingImports({ onReview }: { onReview: (p: ImportPreview) => void }) {
  const [pending, setPending] = useState<ImportPreview[]>([]);
  useEffect(() => {
    void sendMessage({ type: 'getPendingImports' }).then((r) => {
      if (r.ok) setPending(r.data);
    });
  }, []);
  if (pending.length === 0) return null;
  return (
    <section className="tl-panel" aria-labelledby="pending-h">
      <h2 id="pending-h" className="tl-heading-m">
        Changes waiting for review
      </h2>
      <ul>
        {pending.map((p) => (
          <li key={p.id}>
            {p.source}, {formatWhen(p.createdAt)}: {p.counts.added} added, {p.counts.changed} changed,{' '}
            {p.counts.notInRoster} not in roster.{' '}
            <button type="button" className="tl-link-button" onClick={() => onReview(p)}>
              Review
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
