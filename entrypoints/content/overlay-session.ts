/**
 * The overlay's life in one page: fetch the name index once, build the matcher, badge the page, answer the side
 * panel and the card, and take everything away again when the site is switched off or the extension goes.
 *
 * Size rule: this file and what it imports run on every page the user switched on, so no zod and no React.
 * Messages to the background are built by hand against the protocol's types (type-only imports).
 */
import { browser } from 'wxt/browser';
import { buildMatcherInSlices, unpackMatcher, type Matcher } from '@/lib/match';
import type { NameIndexEntry } from '@/lib/messaging/protocol';
import type { ReadinessState } from '@/lib/domain';
import { createAnnotator, nextBackgroundTask, type Annotator } from '@/lib/overlay/annotator';
import { createCardController, type CardController } from '@/lib/overlay/card-frame';
import { fetchNameIndex } from '@/lib/overlay/name-index-fetch';
import { councilOfKey, describeBadge, type OverlayPerson } from '@/lib/overlay/labels';
import { answerOverlayMessages, askBackground, takeHandedMatcher } from '@/lib/overlay/content-messaging';
import type { OverlayMessage, PeopleOnPage, RevealResult } from '@/lib/overlay/overlay-messages';

const READINESS: readonly string[] = ['ready', 'at-risk', 'blocked', 'not-applicable'];

type IndexEntry = NameIndexEntry & { readiness?: unknown; council?: unknown };

export interface OverlaySessionOptions {
  /** Fires when the extension is updated, reloaded or removed (WXT's ContentScriptContext). */
  onInvalidated(cb: () => void): void;
  doc?: Document;
}

export function toOverlayPerson(entry: IndexEntry): OverlayPerson | undefined {
  const council = councilOfKey(entry.key);
  if (!council) return undefined;
  const first = entry.knownAs || entry.forename;
  const name = [first, entry.surname].filter(Boolean).join(' ') || entry.employeeNumber;
  const readiness =
    typeof entry.readiness === 'string' && READINESS.includes(entry.readiness)
      ? (entry.readiness as ReadinessState)
      : undefined;
  return { key: entry.key, name, council, ...(readiness ? { readiness } : {}) };
}

/** The people of the name index by key; each one's badge words made on first use (a page names a few of them). */
interface PeopleIndex {
  get(key: string): OverlayPerson | undefined;
}

const NO_PEOPLE: PeopleIndex = { get: () => undefined };

function peopleIndex(byKey: Map<string, IndexEntry>): PeopleIndex {
  const made = new Map<string, OverlayPerson>();
  return {
    get(key) {
      let person = made.get(key);
      if (!person) {
        const entry = byKey.get(key);
        person = entry && toOverlayPerson(entry);
        if (person) made.set(key, person);
      }
      return person;
    },
  };
}

/**
 * The index's entries by key, and those the overlay can show (a known council), in slices of about 8 ms: a
 * loop over 100,000 entries in the task that received them made one long task of its own.
 */
async function indexEntries(
  entries: readonly IndexEntry[],
  signal: AbortSignal,
): Promise<{ byKey: Map<string, IndexEntry>; known: NameIndexEntry[] }> {
  const byKey = new Map<string, IndexEntry>();
  const known: NameIndexEntry[] = [];
  let sliceStart = performance.now();
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as IndexEntry;
    if (councilOfKey(entry.key)) {
      byKey.set(entry.key, entry);
      known.push(entry);
    }
    if ((i & 1023) === 1023 && performance.now() - sliceStart > 8) {
      await nextBackgroundTask();
      signal.throwIfAborted();
      sliceStart = performance.now();
    }
  }
  return { byKey, known };
}

export function startOverlaySession(options: OverlaySessionOptions): { stop(): void } {
  const doc = options.doc ?? document;
  let version: number | undefined;
  let people: PeopleIndex = NO_PEOPLE;
  let matcher: Matcher | undefined;
  let annotator: Annotator | undefined;
  let card: CardController | undefined;
  let stopped = false;
  let reportTimer: ReturnType<typeof setTimeout> | undefined;
  let lastReport = '';
  /** Cancels a matcher build in progress (site switched off, extension gone). */
  const building = new AbortController();
  /** Each loadIndex call takes a number; only the latest one may install its matcher. */
  let loadSeq = 0;

  function describe(keys: readonly string[]) {
    const found = keys.map((k) => people.get(k)).filter((p): p is OverlayPerson => p !== undefined);
    return found.length ? describeBadge(keys, found) : undefined;
  }

  function reportSoon(): void {
    clearTimeout(reportTimer);
    reportTimer = setTimeout(() => {
      if (!annotator || stopped) return;
      const keys = [...new Set(annotator.people().flatMap((p) => p.keys))].slice(0, 5000);
      const id = keys.join(' ');
      if (id === lastReport) return;
      lastReport = id;
      void askBackground({ type: 'pageReport', url: location.href.slice(0, 4000), keys });
    }, 1000);
  }

  async function loadIndex(): Promise<void> {
    const seq = ++loadSeq;
    const handed = takeHandedMatcher();
    const data = await fetchNameIndex(
      async (msg) => {
        if (stopped || seq !== loadSeq) return undefined;
        const answer = await askBackground(msg);
        return answer?.ok ? answer.data : undefined;
      },
      version,
      handed?.version,
    );
    if (stopped || seq !== loadSeq || !data || data.unchanged) return;
    let indexed: Awaited<ReturnType<typeof indexEntries>>;
    try {
      indexed = await indexEntries(data.entries as IndexEntry[], building.signal);
    } catch {
      return; // stopped meanwhile
    }
    if (stopped || seq !== loadSeq) return;
    const { byKey, known } = indexed;
    // A small register's matcher comes from the first stage that found a name (handed over in this world), or
    // built from the background (built there once for every tab). Otherwise it
    // is built here in background-priority slices of 8 ms: 100,000 people take seconds of work, which as one task
    // would freeze the page (issue 4: no main-thread task over 50 ms).
    let built: Matcher | undefined = handed?.version === data.version ? handed.matcher : undefined;
    if (!built && data.matcher) {
      try {
        built = unpackMatcher(data.matcher);
      } catch {
        built = undefined; // malformed: build it here instead
      }
    }
    if (!built) {
      try {
        built = await buildMatcherInSlices(known, { pause: nextBackgroundTask, signal: building.signal });
      } catch {
        return; // stopped while building
      }
    }
    if (stopped || seq !== loadSeq) return;
    version = data.version;
    people = peopleIndex(byKey);
    matcher = built;
    const m = matcher;
    if (annotator) {
      annotator.refresh();
      return;
    }
    card = createCardController({
      doc,
      cardUrl: (keys, cardId) => {
        const params = new URLSearchParams();
        for (const k of keys) params.append('key', k);
        params.set('card', cardId);
        return `${browser.runtime.getURL('/card.html')}#${params.toString()}`;
      },
    });
    const cardController = card;
    annotator = createAnnotator({
      root: doc.body,
      findAll: (text) => (matcher ?? m).findAll(text),
      describe,
      onBadge: (badge) => cardController.attach(badge),
      onIdle: reportSoon,
    });
    annotator.start();
  }

  function peopleOnPage(): PeopleOnPage {
    const list = annotator?.people() ?? [];
    return {
      url: location.href,
      version: version ?? null,
      people: list.map((p) => ({
        keys: [...p.keys],
        count: p.count,
        names: p.keys.map((k) => people.get(k)?.name ?? k),
      })),
    };
  }

  function reveal(keys: readonly string[]): RevealResult {
    const badge = annotator?.firstBadgeFor(keys);
    if (!badge) return { found: false };
    badge.host.scrollIntoView({ block: 'center', inline: 'nearest' });
    badge.button.focus();
    return { found: true };
  }

  function handle(message: OverlayMessage): unknown {
    switch (message.type) {
      case 'tl:peopleOnPage':
        return peopleOnPage();
      case 'tl:reveal':
        return reveal(message.keys);
      case 'tl:cardClose':
        if (card && message.card === card.cardId) card.close(true);
        return { closed: true };
      case 'tl:cardSize':
        if (card && message.card === card.cardId) card.resize(message.height);
        return { resized: true };
      case 'tl:overlayStop':
        stop();
        return { stopped: true };
      case 'registerChanged':
        if (message.version !== version) void loadIndex();
        return undefined;
    }
  }

  function stop(): void {
    if (stopped) return;
    stopped = true;
    building.abort();
    clearTimeout(reportTimer);
    annotator?.stop();
    card?.destroy();
    annotator = undefined;
    card = undefined;
    matcher = undefined;
    people = NO_PEOPLE;
    stopAnswering();
  }

  const stopAnswering = answerOverlayMessages((message) => (stopped ? undefined : handle(message)));
  options.onInvalidated(stop);
  void loadIndex();
  return { stop };
}
