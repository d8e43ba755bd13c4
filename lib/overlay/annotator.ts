/**
 * Finds staff names in a page and places a badge after each, without disturbing the page.
 *
 * - One TreeWalker pass over the page's text nodes (`createTextScan`, below: no per-node filter callback), resumable,
 *   in slices of at most `sliceMs` (8 ms), each its own background-priority task, so no main-thread task of ours
 *   comes near the 50 ms "long task" mark on a big page.
 * - Never alters links, buttons, form fields, editable regions, scripts/styles or our own UI: text inside those is
 *   skipped, except that a link naming someone gets its badge placed just after the link, outside it.
 * - A MutationObserver queues what the page adds or changes later; our own insertions are taken out of the
 *   observer's queue right after we make them (`takeRecords`), the walk goes on after the pieces it splits, and
 *   text the page moves around is recognised as done by the badge beside it, so the overlay never annotates its
 *   own output.
 * - Finding names and writing badges into the page are separate: slices find names and make their badges detached
 *   (which costs the page no layout), and the badges go into the page in few, large batches (`commitBatch`). Measured
 *   on the 50,000-row directory: writing each slice's badges at once made Chromium lay the whole table out again
 *   after every 8 ms slice, and the page took minutes to be annotated.
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
  /**
   * Badges made ready before they are written into the page in one task (default 2000). The first slice's badges
   * are written at once (the top of the page shows them soon), later ones when this many are ready or when there
   * is nothing left to find.
   */
  commitBatch?: number;
  /** Longest a slice that writes badges into the page may take, in milliseconds (default 24, or three slices). */
  writeMs?: number;
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

/** Badges made for one text node (offsets in `data`) or one link (`data` null), not yet in the page. */
interface Ready {
  target: Node;
  data: string | null;
  made: { end: number; badge: Badge }[];
}

const OWN_TAGS = new Set([BADGE_TAG.toUpperCase(), CARD_TAG.toUpperCase()]);

/** Matches an element whose text we must never touch or follow with a badge. */
export const SKIP_SELECTOR =
  'script,style,noscript,textarea,input,select,option,button,template,iframe,canvas,svg,math,object,head,title,' +
  `${BADGE_TAG},${CARD_TAG},[contenteditable]:not([contenteditable="false"]),[role="button"],[role="textbox"]`;

/** Elements inside links: their links are the ones whose text spans several nodes (see `createTextScan`). */
const LINK_INSIDE_SELECTOR = 'a *';
/** Shortest time a slice that writes badges into the page may take (see `writeSome`). */
const WRITE_MS = 24;
/** Text longer than this is checked for being a script or style before it is matched. */
const LONG_TEXT = 100;
const RAW_TEXT_PARENTS = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'title']);

function isSkipped(el: Element): boolean {
  return el.matches(SKIP_SELECTOR);
}

/**
 * Where a name found in `node` may be badged: 'text' (here), a link element (badge after the link, the link's text
 * untouched), or null (inside a button, form field, editable region, script, our own UI…: left alone).
 */
export function placeOf(node: Node): 'text' | Element | null {
  const parent = node.parentElement;
  if (!parent) return null;
  const blocked = parent.closest(SKIP_OR_LINK_SELECTOR);
  if (!blocked) return 'text';
  if (blocked.tagName !== 'A') return null;
  return insideSkipped(blocked) ? null : blocked;
}

/** Whether text inside `node` must be left alone (a button, form field, editable region, our own UI…). */
export function insideSkipped(node: Node): boolean {
  const parent = node.parentElement;
  return !parent || parent.closest(SKIP_SELECTOR) !== null;
}

const SKIP_OR_LINK_SELECTOR = `${SKIP_SELECTOR},a`;

/** What a text scan does with what it finds. */
export interface TextVisitor {
  /**
   * One text node of at least `minLength` code units, with its text (read once). Returns the node the walk goes
   * on from: the node itself, or the last piece when the visitor split it (the pieces are not walked again).
   * Long scripts and styles are not visited, but short ones and text in links, buttons, fields and editable
   * regions are: the visitor calls `placeOf` only where it finds a name, which is far cheaper than checking
   * every node.
   */
  text(node: Text, data: string): Node;
  /** A link whose text spans several nodes (a name may be split by markup), with its whole text; not entered. */
  link(el: Element, text: string): void;
}

export interface TextScan {
  /**
   * Walks on from where it stopped, calling the visitor in document order. Returns true when the subtree is done,
   * false when `shouldStop` (asked every 16 text nodes) said to pause.
   */
  run(shouldStop?: () => boolean): boolean;
  /**
   * Call before `run` when the page changed the DOM while the scan was paused: finds the links again (the page
   * may have added one ahead) and, when the page removed the node the scan stopped at, starts again from the
   * root. Returns false when it started again, so the visitor should check for text already done.
   */
  resync(): boolean;
  /** The visitor split `node` after the walk passed it: go on after `last`, its last piece, if the walk stands on it. */
  splitBehind(node: Node, last: Node): void;
}

function firstText(el: Element, probe: TreeWalker): Text | null {
  const child = el.firstChild;
  if (child && child.nodeType === 3) return child as Text;
  probe.currentNode = el;
  return probe.firstChild() as Text | null;
}

function lastText(el: Element, probe: TreeWalker): Text | null {
  const child = el.lastChild;
  if (child && child.nodeType === 3) return child as Text;
  probe.currentNode = el;
  return probe.lastChild() as Text | null;
}

/**
 * A resumable walk over the text of `root`.
 *
 * Why this shape (measured with issue 4's benchmark): a TreeWalker with a JavaScript NodeFilter calls from C++
 * into JavaScript for every element and text node, and a `querySelectorAll` of every skipped kind of element or a
 * parent check on every text node each cost as much as the bare walk itself. So the TreeWalker here shows text
 * nodes only and has no filter, exactly like a bare walk, and every skip rule is applied where it is cheapest:
 * - a name found in a link, button, field, editable region or script is caught by `placeOf` on the rare node
 *   with a match;
 * - long text is checked for being a script or style before matching (pages carry hundreds of KB of inline
 *   script; the check costs less than matching 100 characters);
 * - links with markup inside (`<a>Zoë <b>Müller</b></a>`) are matched as a whole: one native
 *   `querySelectorAll('a *')` finds them up front, each is known by its first text node, and the walk compares
 *   each text node with the next such link's first text node (one identity test) and, on reaching it, hands the
 *   link to the visitor and jumps to its last text node.
 */
export function createTextScan(root: Node, visitor: TextVisitor, minLength = 3): TextScan {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  /** Outermost links with markup inside, ahead of the walk, in document order, with first and last text nodes. */
  let regions: Element[] = [];
  let firsts: Text[] = [];
  let lasts: Text[] = [];
  let next = 0;
  let nextFirst: Node | null = null;

  function findRegions(): void {
    regions = [];
    firsts = [];
    lasts = [];
    next = 0;
    if (root.nodeType !== 1 && root.nodeType !== 9 && root.nodeType !== 11) return;
    const inside = (root as ParentNode).querySelectorAll(LINK_INSIDE_SELECTOR);
    if (inside.length === 0) return;
    const probe = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let outer: Element | undefined;
    for (let i = 0; i < inside.length; i++) {
      const el = inside[i] as Element;
      if (outer?.contains(el)) continue;
      const link = el.parentElement?.closest('a');
      if (!link || link === outer || (root !== link && !root.contains(link))) continue;
      outer = link;
      const first = firstText(link, probe);
      if (!first) continue; // no text inside: the walk never enters it
      regions.push(link);
      firsts.push(first);
      lasts.push(lastText(link, probe) ?? first);
    }
  }

  function aimNext(): void {
    nextFirst = next < firsts.length ? (firsts[next] as Node) : null;
  }

  findRegions();
  aimNext();

  return {
    run(shouldStop) {
      let steps = 0;
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        if (node === nextFirst) {
          const el = regions[next] as Element;
          visitor.link(el, el.textContent ?? '');
          walker.currentNode = lasts[next] as Text;
          next++;
          aimNext();
        } else {
          const data = (node as Text).data;
          const length = data.length;
          if (
            length >= minLength &&
            (length <= LONG_TEXT || !RAW_TEXT_PARENTS.has((node.parentNode as Element | null)?.localName ?? ''))
          ) {
            const last = visitor.text(node as Text, data);
            if (last !== node) walker.currentNode = last;
          }
        }
        if (shouldStop && (++steps & 15) === 0 && shouldStop()) return false;
      }
      return true;
    },
    resync() {
      const current = walker.currentNode;
      findRegions();
      if (current !== root && !root.contains(current)) {
        walker.currentNode = root;
        aimNext();
        return false;
      }
      if (current !== root) {
        // Regions are in document order: binary search for the first one after the current node.
        let lo = 0;
        let hi = firsts.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (current.compareDocumentPosition(firsts[mid] as Node) & Node.DOCUMENT_POSITION_FOLLOWING) hi = mid;
          else lo = mid + 1;
        }
        next = lo;
      }
      aimNext();
      return true;
    },
    splitBehind(node, last) {
      if (walker.currentNode === node) walker.currentNode = last;
    },
  };
}

/** Walks the whole of `root` at once (the benchmark's recognition pass; the annotator runs the same walk in slices). */
export function scanText(root: Node, visitor: TextVisitor, minLength = 3): void {
  createTextScan(root, visitor, minLength).run();
}

/**
 * Runs the next slice soon, at background priority. Measured in headless Chromium: chained requestIdleCallback
 * gives one callback per ~45 ms idle period when nothing is being painted, so 8 ms slices would take six times as
 * long as the work; `scheduler.postTask` with 'background' priority runs each slice as its own short task and
 * lets input and the page's own tasks go first.
 */
export function scheduleInBackground(task: () => void): () => void {
  const g = globalThis as typeof globalThis & {
    scheduler?: { postTask?(cb: () => void, opts: { priority: string; signal?: AbortSignal }): Promise<unknown> };
  };
  if (g.scheduler?.postTask) {
    // A flag rather than an AbortController a slice: cancelling is rare, posting happens for every slice.
    let cancelled = false;
    g.scheduler
      .postTask(
        () => {
          if (!cancelled) task();
        },
        { priority: 'background' },
      )
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }
  const id = setTimeout(task, 0);
  return () => clearTimeout(id);
}

/** Resolves in a later background-priority task: lets the page's own work and input go first. */
export function nextBackgroundTask(): Promise<void> {
  return new Promise((resolve) => {
    scheduleInBackground(resolve);
  });
}

export function createAnnotator(options: AnnotatorOptions): Annotator {
  const { root } = options;
  const doc = root.ownerDocument;
  const sliceMs = options.sliceMs ?? 8;
  const minLength = options.minTextLength ?? 3;
  const now = options.now ?? (() => performance.now());
  const schedule = options.schedule ?? scheduleInBackground;
  const findAll = options.findAll;

  /** Our badges, host → badge, in insertion order. */
  const badges = new Map<Element, Badge>();
  /** Links already given their badge. */
  let linksDone = new WeakSet<Element>();
  /** Text nodes the page rewrote since we badged them: matched again even though a badge sits next to them. */
  let rewritten = new WeakSet<Node>();
  const queue: Node[] = [];
  /** The walk in progress (the first pass over the root, or a subtree the page added). */
  let scan: TextScan | undefined;
  let scanRoot: Node | undefined;
  /**
   * Whether the walk in progress may meet text we already badged (a subtree the page added or moved, or a walk
   * started again). The first pass over a fresh page cannot, so it skips the check on every text node.
   */
  let careful = false;
  const pendingLinks: Element[] = [];
  /** Names found, badges made, not yet written into the page (in document order of finding). */
  let ready: Ready[] = [];
  let readyBadges = 0;
  /** Text nodes and links with badges ready: the latest entry for each (the page may rewrite one meanwhile). */
  let readyByNode = new WeakMap<Node, Ready>();
  let committedOnce = false;
  /** The batch being written into the page, and how far. */
  let writing: Ready[] = [];
  let writeAt = 0;
  const commitBatch = options.commitBatch ?? 2000;
  let cancelScheduled: (() => void) | undefined;
  let observer: MutationObserver | undefined;
  let running = false;
  let longest = 0;
  let deadline = 0;
  const pastDeadline = () => now() >= deadline || readyBadges >= commitBatch;

  function isOurs(node: Node | null): node is Element {
    return node !== null && node.nodeType === 1 && badges.has(node as Element);
  }

  /** A text node we already matched: the piece before one of our badges, or the piece we split off after one. */
  function alreadyDone(node: Text): boolean {
    if (rewritten.has(node)) return false;
    if (readyByNode.has(node)) return true;
    if (isOurs(node.nextSibling)) return true;
    const prev = node.previousSibling;
    return isOurs(prev) && badges.get(prev)?.remainder === node;
  }

  const visitor: TextVisitor = {
    text(node, data) {
      if (careful && alreadyDone(node)) return node;
      return annotateText(node, data);
    },
    link(el, text) {
      if (!linksDone.has(el)) annotateLink(el, text);
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

  /**
   * Matches one text node and makes a badge for each name in it, ready to be written (see `commit`). Returns the
   * node to walk on from (the node itself: nothing is split until the badges are written).
   */
  function annotateText(node: Text, data: string): Node {
    const matches = findAll(data);
    if (matches.length === 0) return node;
    rewritten.delete(node);
    if (!node.parentNode) return node;
    const place = placeOf(node);
    if (place !== 'text') {
      // A link's text is never split: the link gets its badges after it (once), from its whole text.
      if (place && !linksDone.has(place)) annotateLink(place, place.textContent ?? '');
      return node;
    }
    const made: Ready['made'] = [];
    for (const m of matches) {
      const badge = makeBadge(m.keys);
      if (badge) made.push({ end: m.end, badge });
    }
    queueBadges(node, data, made);
    return node;
  }

  function annotateLink(link: Element, text = link.textContent ?? ''): void {
    linksDone.add(link);
    if (text.length < minLength || text.length > 2000) return;
    const matches = findAll(text);
    if (matches.length === 0) return;
    // A link inside a button, an editable region or an SVG drawing keeps no badge, as the rest of its text.
    if (!link.parentNode || !link.isConnected || insideSkipped(link)) return;
    const seen = new Set<string>();
    const made: Ready['made'] = [];
    for (const m of matches) {
      const id = m.keys.join(' ');
      if (seen.has(id)) continue;
      seen.add(id);
      const badge = makeBadge(m.keys);
      if (badge) made.push({ end: -1, badge });
    }
    queueBadges(link, null, made);
  }

  /** Queues a text node's or a link's badges to be written, in place of any not yet written for it. */
  function queueBadges(target: Node, data: string | null, made: Ready['made']): void {
    if (made.length === 0) return;
    const previous = readyByNode.get(target);
    if (previous) drop(previous);
    const entry: Ready = { target, data, made };
    readyByNode.set(target, entry);
    ready.push(entry);
    readyBadges += made.length;
  }

  /** Forgets badges made but not written (the page changed their text before they went in). */
  function drop(entry: Ready): void {
    for (const { badge } of entry.made) badges.delete(badge.host);
    entry.made = [];
  }

  /** Writes one entry's badges into the page, unless the page removed or changed its text meanwhile. */
  function write(entry: Ready): void {
    const { target, made } = entry;
    if (made.length === 0) return; // dropped: a newer entry for the same node or link follows
    readyByNode.delete(target);
    if (entry.data === null) {
      // A link: its badges go just after it, the link itself untouched.
      const parent = target.parentNode;
      if (!parent || !target.isConnected) return drop(entry);
      let after: Node = target;
      for (const { badge } of made) {
        parent.insertBefore(badge.host, after.nextSibling);
        after = badge.host;
      }
      return;
    }
    const node = target as Text;
    const parent = node.parentNode;
    if (!parent || !node.isConnected || node.data !== entry.data) return drop(entry);
    let last: Node = node;
    // Right to left, so earlier offsets stay valid while we split.
    for (let i = made.length - 1; i >= 0; i--) {
      const { end, badge } = made[i]!;
      if (end < node.data.length) {
        const remainder = node.splitText(end);
        badge.remainder = remainder;
        if (last === node) last = remainder;
      } else if (last === node) {
        last = badge.host;
      }
      parent.insertBefore(badge.host, node.nextSibling);
    }
    scan?.splitBehind(node, last);
  }

  /** Makes the ready badges the batch being written (see `writeSome`). */
  function commit(): void {
    writing = ready;
    writeAt = 0;
    ready = [];
    readyBadges = 0;
    committedOnce = true;
  }

  /**
   * Writes the batch until `until`: a batch normally goes in in one task (one layout of the page for all of it);
   * on a huge page, where each insertion costs more, what is left goes on in the next task.
   */
  function writeSome(until: number): void {
    let steps = 0;
    while (writeAt < writing.length) {
      write(writing[writeAt++] as Ready);
      if ((++steps & 31) === 0 && now() >= until) break;
    }
    if (writeAt >= writing.length) {
      writing = [];
      writeAt = 0;
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
    while (isOurs(next)) {
      const after = next.nextSibling;
      removeBadge(badges.get(next) as Badge);
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
        if (isOurs(next)) removeBadge(badges.get(next) as Badge, false);
        rewritten.add(target);
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
    if (!workLeft()) return;
    cancelScheduled = schedule(runSlice);
  }

  /** Text or links still to look through for names. */
  function findingLeft(): boolean {
    return queue.length > 0 || scan !== undefined || pendingLinks.length > 0;
  }

  /** Anything left to do: finding names, or badges made and not yet written into the page. */
  function workLeft(): boolean {
    return findingLeft() || ready.length > 0 || writing.length > 0;
  }

  function startScan(el: Node, isFirstPass: boolean): void {
    careful = !isFirstPass;
    scanRoot = el;
    scan = createTextScan(el, visitor, minLength);
  }

  /** Takes one node the page added (or the root) and either annotates it or starts a walk over it. */
  function takeQueued(node: Node): void {
    if (!node.isConnected || !root.contains(node)) return;
    if (node === root) {
      startScan(root, true);
      return;
    }
    if (!placeAllowed(node)) return;
    if (node.nodeType === 3) {
      const text = node as Text;
      const data = text.data;
      if (data.length >= minLength && !alreadyDone(text)) annotateText(text, data);
      return;
    }
    const el = node as Element;
    if (el.tagName === 'A') {
      if (!linksDone.has(el)) pendingLinks.push(el);
      return;
    }
    if (isSkipped(el)) return;
    startScan(el, false);
  }

  function runSlice(): void {
    cancelScheduled = undefined;
    if (!running) return;
    const started = now();
    deadline = started + sliceMs;
    // Page mutations made before this slice are the page's: keep them. What we do below is ours: drop it.
    const before = observer?.takeRecords() ?? [];
    if (before.length) onMutations(before, false);
    if (scan && before.length) {
      if (!scanRoot?.isConnected) scan = undefined;
      // The page changed the DOM while the walk was paused: find the regions to step over again.
      else if (!scan.resync()) careful = true;
    }
    let steps = 0;
    // Writing a batch takes a slice of its own, of up to 24 ms (three slices): no finding in it.
    const writeUntil = started + (options.writeMs ?? Math.max(3 * sliceMs, WRITE_MS));
    if (writing.length > 0) writeSome(writeUntil);
    while (writing.length === 0) {
      if (pendingLinks.length > 0) {
        annotateLink(pendingLinks.pop() as Element);
      } else if (scan) {
        if (!scan.run(pastDeadline)) break;
        scan = undefined;
        scanRoot = undefined;
      } else if (queue.length > 0) {
        takeQueued(queue.shift() as Node);
      } else {
        break;
      }
      if ((++steps & 15) === 0 && now() >= deadline) break;
      if (readyBadges >= commitBatch) break;
    }
    const more = findingLeft();
    if (writing.length === 0 && ready.length > 0 && (!more || !committedOnce || readyBadges >= commitBatch)) {
      commit();
      writeSome(writeUntil);
    }
    observer?.takeRecords();
    longest = Math.max(longest, now() - started);
    if (workLeft()) kick();
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
    scan = undefined;
    scanRoot = undefined;
    queue.length = 0;
    pendingLinks.length = 0;
    for (const entry of ready) drop(entry);
    for (const entry of writing.slice(writeAt)) drop(entry);
    writing = [];
    writeAt = 0;
    ready = [];
    readyBadges = 0;
    readyByNode = new WeakMap();
    committedOnce = false;
    linksDone = new WeakSet();
    rewritten = new WeakSet();
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
      return !cancelScheduled && !workLeft();
    },
    get longestSliceMs() {
      return longest;
    },
  };
}
