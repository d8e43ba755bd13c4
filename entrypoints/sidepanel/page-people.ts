/**
 * Talks to the content script in one tab (who is named on the page, reveal one) and to the background (their
 * cards). Kept apart from the React view so the view stays about layout.
 */
import { browser } from 'wxt/browser';
import { sendMessage } from '@/lib/messaging/client';
import type { PersonCard } from '@/lib/messaging/protocol';
import type { PeopleOnPage, RevealResult } from '@/lib/overlay/overlay-messages';

export type PageState =
  | { kind: 'no-tab' }
  | { kind: 'not-enabled' }
  | { kind: 'loading-index' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; url: string; entries: PageEntry[] };

export interface PageEntry {
  /** One entry per name found: one key, or several when the name is ambiguous. */
  keys: string[];
  count: number;
  names: string[];
  cards: PersonCard[];
}

/** The tab this panel describes: `#tab=<id>` when opened for a given tab, else the active tab of this window. */
export async function targetTabId(hash = location.hash): Promise<number | undefined> {
  const fixed = /(?:^#|&)tab=(\d+)/.exec(hash);
  if (fixed) return Number(fixed[1]);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

export async function loadPagePeople(tabId: number | undefined): Promise<PageState> {
  if (tabId === undefined) return { kind: 'no-tab' };
  let report: PeopleOnPage | undefined;
  try {
    report = (await browser.tabs.sendMessage(tabId, { type: 'tl:peopleOnPage' })) as PeopleOnPage | undefined;
  } catch {
    // "Receiving end does not exist": no content script in that tab, so the site is not switched on.
    return { kind: 'not-enabled' };
  }
  if (!report || !Array.isArray(report.people)) return { kind: 'not-enabled' };
  if (report.version === null) return { kind: 'loading-index' };
  const keys = [...new Set(report.people.flatMap((p) => p.keys))];
  const cards = new Map<string, PersonCard>();
  for (let i = 0; i < keys.length; i += 200) {
    const answer = await sendMessage<'getCard'>({ type: 'getCard', keys: keys.slice(i, i + 200) });
    if (!answer.ok) return { kind: 'error', message: answer.error };
    for (const card of answer.data.cards) cards.set(card.key, card);
  }
  const entries = report.people.map((p) => ({
    keys: p.keys,
    count: p.count,
    names: p.names,
    cards: p.keys.flatMap((k) => cards.get(k) ?? []),
  }));
  return { kind: 'ready', url: report.url, entries };
}

export async function revealOnPage(tabId: number, keys: string[]): Promise<boolean> {
  try {
    const result = (await browser.tabs.sendMessage(tabId, { type: 'tl:reveal', keys })) as RevealResult | undefined;
    if (result?.found) await browser.tabs.update(tabId, { active: true });
    return result?.found === true;
  } catch {
    return false;
  }
}
