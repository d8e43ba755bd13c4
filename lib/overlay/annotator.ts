/**
 * Finds staff names in a page and places a badge after each, without disturbing the page.
 *
 * - One TreeWalker pass over the page's text nodes, resumable, in slices of at most `sliceMs` (8 ms), each its own
 *   background-priority task, so no main-thread task of ours comes near the 50 ms "long task" mark on a big page.
 * - Never alters links, buttons, form fields, editable regions, scripts/styles or our own UI: text inside those is
 *   skipped, except that a link naming someone gets its badge placed just after the link, outside it.
 * - A MutationObserver queues what the page adds or changes later; our own insertions are taken out of the
 *   observer's queue right after we make them (`takeRecords`), and our badges are skipped by the walk, so the
 *   overlay never annotates its own output.
 * - `stop()` removes every badge and joins the text nodes it split, leaving the page as it was.
 */
import { BADGE_TAG, CARD_TAG, createBadge, type Badge } from './badge';
import type { BadgeInfo } from './labels';

export interface TextMatch {
  start: number;
  end: number;
  keys: readonly string[];
}

export interface AnnotatorOptions {
  root: HTMLElement;
  findAll(text: string): readonly TextMatch[];
  /** Badge words for these keys, or undefined to leave the name alone (keys unknown to the index). */
  describe(keys: readonly string[]): BadgeInfo | undefined;
  /** Called for each new badge, e.g. to attach the card's hover and focus behaviour. */
  onBadge?(badge: Badge): void;
  /** Called when a batch of work finishes and the page is fully annotated for now. */
  onIdle?(): void;
  /** Longest slice of work between yields to the page, in milliseconds. */
  sliceMs?: number;
  /** Shortest text worth matching: shorter text nodes are skipped without calling the matcher. */
  minTextLength?: number;
  now?(): number;
  /** Runs `task` later, when the page is idle. Returns a cancel function. */
  schedule?(task: () => void): () => void;
}

export interface PagePerson {
  keys: readonly string[];
  /** How many badges on the page name these keys. */
  count: number;
}

export interface Annotator {
  /** Starts the first pass and observing. */
  start(): void;
  /** Stops observing, cancels pending work and removes every badge. Idempotent. */
  stop(): void;
  /** Removes every badge and annotates the whole page again (after a new name index). */
  refresh(): void;
  /** Badges currently in the page, in the order they were made. */
  badges(): Badge[];
  /** People with a badge on the page, in page order of their first badge. */
  people(): PagePerson[];
  /** The first badge in the page for exactly these keys. */
  firstBadgeFor(keys: readonly string[]): Badge | undefined;
  /** True once the queue is empty and nothing is scheduled. */
  readonly idle: boolean;
  /** Longest single slice so far, in milliseconds (for diagnostics and the bench). */
  readonly longestSliceMs: number;
}

const SKIP_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'BUTTON',
  'TEMPLATE',
  'IFRAME',
  'CANVAS',
  'svg',
  'math',
  'OBJECT',
  'HEAD',
  'TITLE',
]);
const OWN_TAGS = new Set([BADGE_TAG.toUpperCase(), CARD_TAG.toUpperCase()]);

/** Matches an element whose text we must never touch or follow with a badge. */
export const SKIP_SELECTOR =
  'script,style,noscript,textarea,input,select,option,button,template,iframe,canvas,svg,math,object,head,title,' +
  `${BADGE_TAG},${CARD_TAG},[contenteditable]:not([contenteditable="false"]),[role="button"],[role="textbox"]`;

function isEditable(el: Element): boolean {
  const v = el.getAttribute('contenteditable');
  return v !== null && v !== 'false';
}

function isSkipped(el: Element): boolean {
  if (SKIP_TAGS.has(el.tagName) || OWN_TAGS.has(el.tagName) || isEditable(el)) return true;
  const role = el.getAttribute('role');
  return role === 'button' || role === 'textbox';
}

/**
 * Runs the next slice soon, at background priority. Measured in headless Chromium: chained requestIdleCallback
 * gives one callback per ~45 ms idle period when nothing is being painted, so 8 ms slices would take six times as
 * long as the work; `scheduler.postTask` with 'background' priority runs each slice as its own short task and
 * lets input and the page's own tasks go first.
 */
function defaultSchedule(task: () => void): () => void {
  const g = globalThis as typeof globalThis & {
    scheduler?: { postTask?(cb: () => void, opts: { priority: string; signal?: AbortSignal }): Promise<unknown> };
  };
  if (g.scheduler?.postTask) {
    const controller = new AbortController();
    g.scheduler.postTask(task, { priority: 'background', signal: controller.signal }).catch(() => undefined);
    return () => controller.abort();
  }
  const id = setTimeout(task, 0);
  return () => clearTimeout(id);
}

export function createAnnotator(options: AnnotatorOptions): Annotator {
  const { root } = options;
  const doc = root.ownerDocument;
  const sliceMs = options.sliceMs ?? 8;
  const minLength = options.minTextLength ?? 3;
  const now = options.now ?? (() => performance.now());
  const schedule = options.schedule ?? defaultSchedule;

  /** Our badges, host → badge, in insertion order. */
  const badges = new Map<Element, Badge>();
  /** Text nodes already matched (including the pieces our splits created). Weak: the page may drop them. */
  let scanned = new WeakSet<Node>();
  /** Links already given their badge. */
  let linksDone = new WeakSet<Element>();
  const queue: Node[] = [];
  let walker: TreeWalker | undefined;
  let walkerRoot: Node | undefined;
  const pendingLinks: Element[] = [];
  let cancelScheduled: (() => void) | undefined;
  let observer: MutationObserver | undefined;
  let running = false;
  let longest = 0;

  const filter: NodeFilter = {
    acceptNode(node: Node): number {
      if (node.nodeType === 3) {
        return (node as Text).data.length >= minLength && !scanned.has(node)
          ? NodeFilter.FILTER_ACCEPT
          : NodeFilter.FILTER_SKIP;
      }
      const el = node as Element;
      if (el.tagName === 'A') {
        // A link's text is never altered; the badge goes after the link. Handled outside the walk.
        if (!linksDone.has(el)) pendingLinks.push(el);
        return NodeFilter.FILTER_REJECT;
      }
      return isSkipped(el) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
    },
  };

  function makeBadge(keys: readonly string[]): Badge | undefined {
    const info = options.describe(keys);
    if (!info) return undefined;
    const badge = createBadge(doc, info);
    badges.set(badge.host, badge);
    options.onBadge?.(badge);
    return badge;
  }

  function annotateText(node: Text): void {
    scanned.add(node);
    const parent = node.parentNode;
    if (!parent) return;
    const matches = options.findAll(node.data);
    // Right to left, so earlier offsets stay valid while we split.
    for (let i = matches.length - 1; i >= 0; i--) {
      const m = matches[i] as TextMatch;
      const badge = makeBadge(m.keys);
      if (!badge) continue;
      if (m.end < node.data.length) {
        const remainder = node.splitText(m.end);
        scanned.add(remainder);
        badge.remainder = remainder;
      }
      parent.insertBefore(badge.host, node.nextSibling);
    }
  }

  function annotateLink(link: Element): void {
    linksDone.add(link);
    const parent = link.parentNode;
    if (!parent || !link.isConnected) return;
    const text = link.textContent ?? '';
    if (text.length < minLength || text.length > 2000) return;
    const seen = new Set<string>();
    let after: Node = link;
    for (const m of options.findAll(text)) {
      const id = m.keys.join(' ');
      if (seen.has(id)) continue;
      seen.add(id);
      const badge = makeBadge(m.keys);
      if (!badge) continue;
      parent.insertBefore(badge.host, after.nextSibling);
      after = badge.host;
    }
  }

  /** Whether a node the page added sits where we may annotate; queues its link instead when inside one. */
  function placeAllowed(node: Node): boolean {
    const parent = node.parentElement;
    if (!parent) return false;
    const blocked = parent.closest(SKIP_SELECTOR);
    if (blocked) return false;
    const link = parent.closest('a');
    if (link) {
      // The page changed a link's text: give it a fresh badge after it.
      removeBadgesAfterLink(link);
      linksDone.delete(link);
      pendingLinks.push(link);
      return false;
    }
    return true;
  }

  function removeBadgesAfterLink(link: Element): void {
    let next = link.nextSibling;
    while (next && badges.has(next as Element)) {
      const after = next.nextSibling;
      removeBadge(badges.get(next as Element) as Badge);
      next = after;
    }
  }

  function removeBadge(badge: Badge, join = true): void {
    badges.delete(badge.host);
    const prev = badge.host.previousSibling;
    const next = badge.host.nextSibling;
    badge.host.remove();
    // Join the text node we split, so the page's text is one node again as the page made it.
    if (join && badge.remainder && next === badge.remainder && prev && prev.nodeType === 3) {
      (prev as Text).appendData(badge.remainder.data);
      badge.remainder.remove();
    }
  }

  function onMutations(records: MutationRecord[], andKick = true): void {
    for (const r of records) {
      if (r.type === 'characterData') {
        const target = r.target;
        if (!target.isConnected) continue;
        const next = target.nextSibling;
        // The page rewrote text we had badged: the old badge may name someone no longer there.
        // Not joined back: the text after it was matched already and stays as it is.
        if (next && badges.has(next as Element)) removeBadge(badges.get(next as Element) as Badge, false);
        scanned.delete(target);
        queue.push(target);
      } else {
        for (const node of r.addedNodes) {
          if (node.nodeType === 1 && OWN_TAGS.has((node as Element).tagName)) continue;
          if (node.nodeType === 1 || node.nodeType === 3) queue.push(node);
        }
      }
    }
    if (andKick) kick();
  }

  function kick(): void {
    if (!running || cancelScheduled) return;
    if (queue.length === 0 && !walker && pendingLinks.length === 0) return;
    cancelScheduled = schedule(runSlice);
  }

  /** Takes one node the page added (or the root) and either annotates it or sets the walker on it. */
  function takeQueued(node: Node): void {
    if (!node.isConnected || !root.contains(node)) return;
    if (node !== root && !placeAllowed(node)) return;
    if (node.nodeType === 3) {
      if (!scanned.has(node) && (node as Text).data.length >= minLength) annotateText(node as Text);
      return;
    }
    const el = node as Element;
    if (el !== root) {
      if (el.tagName === 'A') {
        if (!linksDone.has(el)) pendingLinks.push(el);
        return;
      }
      if (isSkipped(el)) return;
    }
    walker = doc.createTreeWalker(el, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, filter);
    walkerRoot = el;
  }

  function runSlice(): void {
    cancelScheduled = undefined;
    if (!running) return;
    const started = now();
    const deadline = started + sliceMs;
    // Page mutations made before this slice are the page's: keep them. What we do below is ours: drop it.
    const before = observer?.takeRecords() ?? [];
    if (before.length) onMutations(before, false);
    if (walker && !walker.currentNode.isConnected) {
      // The page removed the node we stopped at; walk its root again (done text nodes are skipped).
      if (walkerRoot?.isConnected) walker.currentNode = walkerRoot;
      else walker = undefined;
    }
    let steps = 0;
    while (true) {
      if (pendingLinks.length > 0) {
        annotateLink(pendingLinks.pop() as Element);
      } else if (walker) {
        const node = walker.nextNode();
        if (!node) {
          walker = undefined;
          walkerRoot = undefined;
        } else if (node.nodeType === 3) {
          annotateText(node as Text);
        }
      } else if (queue.length > 0) {
        takeQueued(queue.shift() as Node);
      } else {
        break;
      }
      if ((++steps & 15) === 0 && now() >= deadline) break;
    }
    observer?.takeRecords();
    longest = Math.max(longest, now() - started);
    if (queue.length > 0 || walker || pendingLinks.length > 0) kick();
    else options.onIdle?.();
  }

  function removeAll(): void {
    // Remove the last-made first, so the text nodes of one original node join back in order.
    const list = [...badges.values()].reverse();
    for (const badge of list) removeBadge(badge);
    badges.clear();
  }

  function resetState(): void {
    cancelScheduled?.();
    cancelScheduled = undefined;
    walker = undefined;
    walkerRoot = undefined;
    queue.length = 0;
    pendingLinks.length = 0;
    scanned = new WeakSet();
    linksDone = new WeakSet();
  }

  return {
    start() {
      if (running) return;
      running = true;
      observer = new MutationObserver((records) => onMutations(records));
      observer.observe(root, { childList: true, subtree: true, characterData: true });
      queue.push(root);
      kick();
    },
    stop() {
      running = false;
      observer?.disconnect();
      observer = undefined;
      resetState();
      removeAll();
    },
    refresh() {
      if (!running) return;
      observer?.takeRecords();
      resetState();
      removeAll();
      observer?.takeRecords();
      queue.push(root);
      kick();
    },
    badges() {
      return [...badges.values()].filter((b) => b.host.isConnected);
    },
    people() {
      const byId = new Map<string, PagePerson>();
      const connected = [...badges.values()].filter((b) => b.host.isConnected);
      connected.sort((a, b) => (a.host.compareDocumentPosition(b.host) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
      for (const b of connected) {
        const id = b.keys.join(' ');
        const entry = byId.get(id);
        if (entry) entry.count++;
        else byId.set(id, { keys: b.keys, count: 1 });
      }
      return [...byId.values()];
    },
    firstBadgeFor(keys) {
      const id = keys.join(' ');
      let first: Badge | undefined;
      for (const b of badges.values()) {
        if (!b.host.isConnected || b.keys.join(' ') !== id) continue;
        if (!first || first.host.compareDocumentPosition(b.host) & Node.DOCUMENT_POSITION_PRECEDING) first = b;
      }
      return first;
    },
    get idle() {
      return !cancelScheduled && queue.length === 0 && !walker && pendingLinks.length === 0;
    },
    get longestSliceMs() {
      return longest;
    },
  };
}
