import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { COUNCILS, councilName, readinessName, type Council, type ReadinessState } from '@/lib/domain';
import type { PersonCard } from '@/lib/messaging/protocol';
import { onRegisterChanged } from '@/lib/messaging/client';
import { CouncilBadge } from '@/components/council-badge';
import { ReadinessChip } from '@/components/readiness-chip';
import { loadPagePeople, revealOnPage, targetTabId, type PageEntry, type PageState } from './page-people';

type Grouping = 'council' | 'readiness';
const READINESS_ORDER: ReadinessState[] = ['blocked', 'at-risk', 'ready', 'not-applicable'];
/** A page may add names at any time (a directory filtering as you type): look again now and then. */
const REFRESH_MS = 4000;

function groupOf(entry: PageEntry, by: Grouping): string {
  const first = entry.cards[0];
  if (!first) return 'unknown';
  if (
    entry.cards.length > 1 &&
    entry.cards.some(
      (c) =>
        (by === 'council' ? c.council : c.readiness.state) !==
        (by === 'council' ? first.council : first.readiness.state),
    )
  ) {
    return 'several';
  }
  return by === 'council' ? first.council : first.readiness.state;
}

function groupTitle(group: string, by: Grouping): string {
  if (group === 'several')
    return by === 'council' ? 'Names shared across councils' : 'Names shared by people in different states';
  if (group === 'unknown') return 'No longer in the register';
  return by === 'council' ? councilName[group as Council] : readinessName[group as ReadinessState];
}

function PersonFacts({ card }: { card: PersonCard }) {
  return (
    <div className="person" data-key={card.key}>
      <p className="person__line">
        <CouncilBadge council={card.council} compact /> <strong>{card.name}</strong>{' '}
        <ReadinessChip state={card.readiness.state} />
      </p>
      {card.jobTitle || card.team ? (
        <p className="person__role">{[card.jobTitle, card.team].filter(Boolean).join(', ')}</p>
      ) : null}
      <dl className="facts">
        <dt>Employing council</dt>
        <dd>{councilName[card.council]}</dd>
        <dt>Section 113</dt>
        <dd>{card.s113.text}</dd>
        <dt>Planned transfer</dt>
        <dd>{card.transfer?.text ?? 'No transfer plan set up'}</dd>
        <dt>TOM function</dt>
        <dd>{[card.tom.functionName, card.tom.team].filter(Boolean).join(': ') || 'Not assigned yet'}</dd>
        <dt>Pension checklist</dt>
        <dd>
          {card.pension.applicable === 0
            ? 'No items apply'
            : `${card.pension.done} of ${card.pension.applicable} items done`}
        </dd>
      </dl>
      {card.readiness.blockers.length > 0 ? (
        <ul className="blockers" aria-label={`What is holding up ${card.name}`}>
          {card.readiness.blockers.map((b) => (
            <li key={b.code}>{b.text}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function EntryItem({ entry, onShow }: { entry: PageEntry; onShow(keys: string[]): void }) {
  const name = entry.cards[0]?.name ?? entry.names[0] ?? entry.keys[0];
  const times = entry.count === 1 ? 'once' : `${entry.count} times`;
  return (
    <li className="entry" data-staff-key={entry.keys.join(' ')}>
      <button type="button" className="entry__show" onClick={() => onShow(entry.keys)}>
        Show {name} on the page
      </button>
      <span className="entry__count">Named {times}</span>
      {entry.cards.length > 1 ? (
        <p className="entry__ambiguous">This name matches {entry.cards.length} people:</p>
      ) : null}
      {entry.cards.map((c) => (
        <PersonFacts key={c.key} card={c} />
      ))}
    </li>
  );
}

export function App() {
  const [tabId, setTabId] = useState<number | undefined>();
  const [state, setState] = useState<PageState | undefined>();
  const [grouping, setGrouping] = useState<Grouping>('council');
  const [notice, setNotice] = useState('');

  const refresh = useCallback(async () => {
    const id = await targetTabId();
    setTabId(id);
    setState(await loadPagePeople(id));
  }, []);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    const onActivated = () => void refresh();
    const onUpdated = (_id: number, info: { status?: string }) => {
      if (info.status === 'complete') void refresh();
    };
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    const off = onRegisterChanged(() => void refresh());
    return () => {
      clearInterval(timer);
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
      off();
    };
  }, [refresh]);

  const show = async (keys: string[]) => {
    if (tabId === undefined) return;
    const found = await revealOnPage(tabId, keys);
    setNotice(found ? '' : 'That name is no longer on the page.');
  };

  let body: React.ReactNode;
  if (!state) {
    body = <p>Looking at the page…</p>;
  } else if (state.kind === 'no-tab') {
    body = <p>There is no page open in this window.</p>;
  } else if (state.kind === 'not-enabled') {
    body = (
      <>
        <p className="not-enabled">Transition Lens is not switched on for this site.</p>
        <p>
          To see staff details next to names on this site, select the Transition Lens button in the browser toolbar and
          switch the site on. Then reload the page.
        </p>
      </>
    );
  } else if (state.kind === 'loading-index') {
    body = <p>Transition Lens is still reading the page. The list will appear in a moment.</p>;
  } else if (state.kind === 'error') {
    body = <p role="alert">{state.message}</p>;
  } else if (state.entries.length === 0) {
    body = <p>No one from the staff register is named on this page.</p>;
  } else {
    const groups = new Map<string, PageEntry[]>();
    for (const e of state.entries) {
      const g = groupOf(e, grouping);
      groups.set(g, [...(groups.get(g) ?? []), e]);
    }
    const order = grouping === 'council' ? [...COUNCILS] : READINESS_ORDER;
    const keys = [...order, 'several', 'unknown'].filter((g) => groups.has(g));
    const people = new Set(state.entries.flatMap((e) => e.keys)).size;
    body = (
      <>
        <p className="summary">
          {people === 1 ? '1 person' : `${people} people`} from the staff register named on this page.
        </p>
        {keys.map((g) => (
          <section key={g} aria-labelledby={`group-${g}`}>
            <h2 id={`group-${g}`}>
              {groupTitle(g, grouping)} ({groups.get(g)?.length})
            </h2>
            <ul className="entries">
              {groups.get(g)?.map((e) => (
                <EntryItem key={e.keys.join(' ')} entry={e} onShow={(k) => void show(k)} />
              ))}
            </ul>
          </section>
        ))}
      </>
    );
  }

  return (
    <main>
      <h1>People on this page</h1>
      <fieldset className="grouping">
        <legend>Group by</legend>
        <label>
          <input
            type="radio"
            name="grouping"
            value="council"
            checked={grouping === 'council'}
            onChange={() => setGrouping('council')}
          />{' '}
          Council
        </label>
        <label>
          <input
            type="radio"
            name="grouping"
            value="readiness"
            checked={grouping === 'readiness'}
            onChange={() => setGrouping('readiness')}
          />{' '}
          Readiness
        </label>
      </fieldset>
      <div aria-live="polite">{notice ? <p className="notice">{notice}</p> : null}</div>
      {body}
    </main>
  );
}
