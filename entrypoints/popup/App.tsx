import { useCallback, useEffect, useRef, useState } from 'react';
import type { Settings } from '../../lib/domain';
import type { PersonCard, RegisterSummary } from '../../lib/messaging/protocol';
import { personHref } from '../../lib/views/route';
import { COUNT_STATES, countHash, employeeNumberOf, fiveFacts, isRegisterEmpty, isSearchable } from './format';
import {
  councilInitial,
  councilLabel,
  planLine,
  plural,
  readinessLabel,
  registerLine,
  type CountState,
} from './format';
import { onRegisterChanged, openDashboard, send } from './messaging';
import { markCountsShown, type PopupStart } from './shell';
import { SiteSection } from './SiteSection';
import { saveCachedSummary } from './summary-cache';

/** `start`: what main.ts's shell already shows (counts from the local copy or the background) and its request. */
export function App({ start }: { start?: PopupStart }) {
  const [summary, setSummary] = useState<RegisterSummary | undefined>(start?.summary);
  const [fresh, setFresh] = useState(start?.fresh ?? false);
  const [error, setError] = useState<string>();
  const [settings, setSettings] = useState<Settings>();
  const firstRequest = useRef(start?.first);

  const loadSummary = useCallback(async () => {
    // The shell's request, if it sent one, answers the first load.
    const pending = firstRequest.current;
    firstRequest.current = undefined;
    const r = await (pending ?? send({ type: 'getSummary' }));
    if (r.ok) {
      setSummary(r.data);
      setFresh(true);
      setError(undefined);
      saveCachedSummary(r.data);
    } else setError(r.error);
  }, []);

  const loadSettings = useCallback(async () => {
    const r = await send({ type: 'getSettings' });
    if (r.ok) setSettings(r.data);
  }, []);

  useEffect(() => {
    if (summary) markCountsShown(fresh);
  }, [summary, fresh]);

  useEffect(() => {
    void loadSummary();
    void loadSettings();
    return onRegisterChanged(() => void loadSummary());
  }, [loadSummary, loadSettings]);

  return (
    <main className="popup">
      <header className="popup-header">
        <h1>Transition Lens</h1>
        <button type="button" className="link-button" onClick={() => openDashboard()}>
          Open dashboard
        </button>
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!summary && !error && <p aria-live="polite">Loading the register…</p>}
      {summary && isRegisterEmpty(summary) && <EmptyRegister onLoaded={loadSummary} />}
      {summary && !isRegisterEmpty(summary) && (
        <>
          <Counts summary={summary} busy={!fresh} />
          <Search />
        </>
      )}
      <SiteSection settings={settings} onSettings={setSettings} />
    </main>
  );
}

export function EmptyRegister({ onLoaded }: { onLoaded: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function load() {
    setBusy(true);
    const r = await send({ type: 'loadDemoData' });
    setBusy(false);
    if (r.ok) await onLoaded();
    else setError(r.error);
  }
  return (
    <section aria-labelledby="empty-h" className="panel">
      <h2 id="empty-h">The register is empty</h2>
      <p>Import your staff list from the dashboard, or try the extension with demo data.</p>
      <button type="button" className="button" onClick={() => void load()} disabled={busy} aria-describedby="demo-note">
        {busy ? 'Loading demo data…' : 'Load demo data'}
      </button>
      <p id="demo-note" className="hint">
        Demo data is fictional: made-up people, not real council staff. You can wipe it in Settings.
      </p>
      <button type="button" className="link-button" onClick={() => openDashboard('#/import')}>
        Import a CSV file
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

/** `busy`: the counts are the popup's local copy, and the background's are on their way. */
export function Counts({ summary, busy = false }: { summary: RegisterSummary; busy?: boolean }) {
  return (
    <section aria-labelledby="counts-h" className="panel" aria-busy={busy}>
      <h2 id="counts-h">Transfer readiness</h2>
      {summary.plan ? (
        <p className="hint">{planLine(summary.plan)}</p>
      ) : (
        <p className="hint">
          No transfer plan is set up.{' '}
          <button type="button" className="link-button" onClick={() => openDashboard('#/settings')}>
            Set one up in Settings
          </button>
        </p>
      )}
      <ul className="counts">
        {COUNT_STATES.map((state) => (
          <CountItem key={state} state={state} n={summary.readiness[state]} />
        ))}
      </ul>
      <p className="hint">{registerLine(summary)}</p>
    </section>
  );
}

function CountItem({ state, n }: { state: CountState; n: number }) {
  return (
    <li className={`count count-${state}`}>
      <button type="button" className="count-button" onClick={() => openDashboard(countHash(state))}>
        <span className="count-n">{n.toLocaleString('en-GB')}</span>{' '}
        <span className="count-label">{readinessLabel[state]}</span>
        <span className="visually-hidden">: show in the register</span>
      </button>
    </li>
  );
}

function Search() {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<PersonCard[]>();
  const [error, setError] = useState<string>();
  const seq = useRef(0);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    const mine = ++seq.current;
    if (!isSearchable(query)) {
      setResults(undefined);
      return;
    }
    const timer = setTimeout(async () => {
      const r = await send({ type: 'search', query: query.trim(), limit: 8 });
      if (mine !== seq.current) return;
      if (r.ok) {
        setResults(r.data);
        setError(undefined);
      } else setError(r.error);
    }, 120);
    return () => clearTimeout(timer);
  }, [query]);

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      const first = listRef.current?.querySelector<HTMLElement>('button.result-open');
      if (first) {
        e.preventDefault();
        first.focus();
      }
    } else if (e.key === 'Enter' && results?.[0]) {
      e.preventDefault();
      openDashboard(personHref(results[0].key));
    } else if (e.key === 'Escape' && query) {
      e.preventDefault();
      setQuery('');
    }
  }

  return (
    <section aria-labelledby="search-h" className="panel">
      <h2 id="search-h" className="visually-hidden">
        Find a person
      </h2>
      <label htmlFor="q" className="label">
        Find a person by name or employee number
      </label>
      <input
        id="q"
        type="search"
        className="input"
        autoComplete="off"
        spellCheck={false}
        autoFocus
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby="q-hint"
      />
      <p id="q-hint" className="hint">
        Enter opens the first person found; the down arrow moves through the results.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <p className="visually-hidden" aria-live="polite">
        {results === undefined ? '' : results.length === 0 ? 'No one found' : `${plural(results.length, 'result')}`}
      </p>
      {results?.length === 0 && <p>No one in the register matches “{query.trim()}”.</p>}
      {results && results.length > 0 && (
        <ul className="results" ref={listRef}>
          {results.map((card) => (
            <Result key={card.key} card={card} />
          ))}
        </ul>
      )}
    </section>
  );
}

function moveFocus(from: HTMLElement, step: 1 | -1) {
  const list = from.closest('ul');
  if (!list) return;
  const buttons = [...list.querySelectorAll<HTMLElement>('button.result-open')];
  const i = buttons.indexOf(from);
  const next = buttons[i + step];
  if (next) next.focus();
  else if (step === -1) document.getElementById('q')?.focus();
}

export function Result({ card }: { card: PersonCard }) {
  const facts = fiveFacts(card);
  const blockers = card.readiness.blockers;
  const shown = blockers.slice(0, 3);
  const headingId = `r-${card.key.replace(/[^a-z0-9]/gi, '-')}`;
  return (
    <li className="result" aria-labelledby={headingId}>
      <div className="result-head">
        <span
          className={`tl-council tl-council--${card.council}`}
          title={councilLabel[card.council]}
          aria-hidden="true"
        >
          <span className="tl-council__letter">{councilInitial[card.council]}</span>
        </span>
        <h3 id={headingId} className="result-name">
          {card.name}
        </h3>
        <span className={`tl-chip tl-chip--${card.readiness.state}`}>{readinessLabel[card.readiness.state]}</span>
      </div>
      <p className="hint">
        {councilLabel[card.council]} {employeeNumberOf(card.key)}
        {card.jobTitle && ` · ${card.jobTitle}`}
        {!card.inLatestRoster && ' · not in latest roster'}
      </p>
      <dl className="facts">
        {facts.map((f) => (
          <div key={f.label} className="fact">
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
      {card.readiness.reason && card.readiness.reason !== card.transfer?.text && (
        <p className="hint">{card.readiness.reason}</p>
      )}
      {shown.length > 0 && (
        <>
          <p className="blockers-h">What is blocking the transfer</p>
          <ul className="blockers">
            {shown.map((b) => (
              <li key={b.code}>{b.text}</li>
            ))}
            {blockers.length > shown.length && <li>and {plural(blockers.length - shown.length, 'more')}</li>}
          </ul>
        </>
      )}
      <button
        type="button"
        className="link-button result-open"
        onClick={() => openDashboard(personHref(card.key))}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            moveFocus(e.currentTarget, e.key === 'ArrowDown' ? 1 : -1);
          }
        }}
      >
        Open {card.name}’s record
      </button>
    </li>
  );
}
