/**
 * The details card, shown in an iframe next to a badge. It runs in the extension's origin and asks the
 * background for the facts itself, so the page never holds them.
 *
 * Hash: `#key=<staff key>[&key=<staff key>…]&card=<id>`. Several keys: the name on the page is ambiguous, so every
 * candidate is shown. Escape closes the card and returns focus to the badge, through a runtime message to this
 * tab's content script (never window.postMessage).
 */
import { browser } from 'wxt/browser';
import type { ResponseOf } from '@/lib/messaging/protocol';
import { el, renderPerson } from './render-card';
import './style.css';

const root = document.getElementById('card') as HTMLElement;
let tabId: number | undefined;
let cardId = '';
let request = 0;

function parseHash(): { keys: string[]; card: string } {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const keys = params
    .getAll('key')
    .filter((k) => /^(camden|haringey|islington):[^\s:]+$/.test(k))
    .slice(0, 20);
  return { keys, card: params.get('card') ?? '' };
}

function dashboardUrl(key: string): string {
  return `${browser.runtime.getURL('/options.html')}#/person/${encodeURIComponent(key)}`;
}

function show(...nodes: Node[]): void {
  root.replaceChildren(...nodes);
  root.setAttribute('aria-busy', 'false');
  reportSize();
}

async function tellPage(message: Record<string, unknown>): Promise<void> {
  try {
    if (tabId === undefined) tabId = (await browser.tabs.getCurrent())?.id;
    if (tabId === undefined) return;
    await browser.tabs.sendMessage(tabId, message);
  } catch {
    // Opened on its own (not in a page), or the page went away: nothing to tell.
  }
}

function reportSize(): void {
  if (!cardId) return;
  void tellPage({ type: 'tl:cardSize', card: cardId, height: Math.ceil(document.documentElement.scrollHeight) + 4 });
}

async function load(): Promise<void> {
  const { keys, card } = parseHash();
  cardId = card;
  const mine = ++request;
  root.setAttribute('aria-busy', 'true');
  if (keys.length === 0) {
    show(el(document, 'p', {}, 'No member of staff was given to this card.'));
    return;
  }
  root.replaceChildren(el(document, 'p', { class: 'loading' }, 'Loading staff details…'));
  let answer: ResponseOf<'getCard'> | undefined;
  try {
    answer = (await browser.runtime.sendMessage({ type: 'getCard', keys })) as ResponseOf<'getCard'> | undefined;
  } catch {
    answer = undefined;
  }
  if (mine !== request) return; // a newer badge took over the card
  if (!answer || !answer.ok) {
    const why = answer && !answer.ok ? answer.error : 'The extension did not answer.';
    show(el(document, 'p', { class: 'error', role: 'alert' }, `Could not load staff details. ${why}`));
    return;
  }
  const { cards, missing } = answer.data;
  const nodes: Node[] = [];
  if (cards.length > 1) {
    nodes.push(el(document, 'h1', { class: 'ambiguous' }, `This name matches ${cards.length} people`));
    for (const c of cards) nodes.push(renderPerson(document, c, dashboardUrl(c.key), 'h2'));
  } else if (cards[0]) {
    nodes.push(renderPerson(document, cards[0], dashboardUrl(cards[0].key), 'h1'));
  }
  if (missing.length > 0) {
    nodes.push(
      el(
        document,
        'p',
        { class: 'warning' },
        missing.length === 1
          ? 'One person named here is no longer in the register.'
          : `${missing.length} people named here are no longer in the register.`,
      ),
    );
  }
  show(...nodes);
}

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && cardId) {
    event.preventDefault();
    void tellPage({ type: 'tl:cardClose', card: cardId });
  }
});
window.addEventListener('hashchange', () => void load());
// Focus arrives on the frame itself when the user tabs from the badge: put it on the card so it is read out.
window.addEventListener('focus', () => {
  if (document.activeElement === document.body || document.activeElement === null) root.focus();
});
new ResizeObserver(() => reportSize()).observe(root);
void load();
