/**
 * The overlay's first stage on a page: is any register name on it, now or later? Walks the page's text once, in
 * background slices, with the same walk and the same matcher as the annotator, then watches what the page adds or
 * changes, and calls `onFound` once, at the first name the annotator would badge. Writes nothing into the page.
 *
 * Why a first stage (measured with npm run bench:overlay-startup): most pages of a switched-on site name nobody,
 * and evaluating the whole overlay's script alone cost such a page 6.6–8.3 ms of main thread before it looked at
 * a word; the first stage's script is a fraction of that, and the whole overlay is loaded only where it is needed.
 */
import {
  createTextScan,
  insideSkipped,
  placeOf,
  scheduleInBackground,
  type TextScan,
  type TextVisitor,
} from './annotator';

export interface NameWatchOptions {
  root: HTMLElement;
  findAll(text: string): readonly unknown[];
  /** Called once, at the first name found; the watch has stopped by then. */
  onFound(): void;
  /** Longest slice of work between yields to the page, in milliseconds (default 8). */
  sliceMs?: number;
  /** Runs `task` later (default: a background-priority task). Returns a cancel function. */
  schedule?(task: () => void): () => void;
}

export interface NameWatch {
  /** Stops walking and watching. Idempotent. */
  stop(): void;
}

/** Shortest text worth matching, as the annotator's default. */
const MIN_TEXT = 3;
/** Link text the annotator matches as a whole (longer link text is left alone). */
const MAX_LINK_TEXT = 2000;

/**
 * Starts at once: the first slice runs in the caller's task. Each later slice is a task of its own, run from a
 * callback rather than after an `await`, so that it is a task the browser (and a trace) can see on its own.
 */
export function startNameWatch(options: NameWatchOptions): NameWatch {
  const { root, findAll, onFound } = options;
  const sliceMs = options.sliceMs ?? 8;
  const schedule = options.schedule ?? scheduleInBackground;
  let stopped = false;
  let found = false;
  /** Subtrees and text the page added or changed, to look at once the walk in progress is done. */
  const queue: Node[] = [root];
  let scan: TextScan | undefined;
  /** Whether the page changed the DOM since the walk in progress paused. */
  let changedSincePause = false;
  let cancelSlice: (() => void) | undefined;

  const visitor: TextVisitor = {
    text(node, data) {
      // The annotator's own test: a name in a button, field or editable region gets no badge.
      if (!found && findAll(data).length > 0 && placeOf(node) !== null) found = true;
      return node;
    },
    link(el, text) {
      if (found || text.length < MIN_TEXT || text.length > MAX_LINK_TEXT) return;
      if (findAll(text).length > 0 && !insideSkipped(el)) found = true;
    },
  };

  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData') queue.push(r.target);
      else for (const n of r.addedNodes) queue.push(n);
    }
    changedSincePause = true;
    if (!cancelSlice && !stopped) cancelSlice = schedule(slice);
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });

  function slice(): void {
    cancelSlice = undefined;
    if (stopped) return;
    const deadline = performance.now() + sliceMs;
    const shouldStop = () => found || performance.now() >= deadline;
    if (scan && changedSincePause) scan.resync();
    changedSincePause = false;
    while (!found) {
      if (!scan) {
        const node = queue.shift();
        if (!node) return; // all looked at: wait for the page to change
        if (node.nodeType === 3) {
          const data = (node as Text).data;
          if (data.length >= MIN_TEXT && node.isConnected) visitor.text(node as Text, data);
          continue;
        }
        if (node.nodeType !== 1 || !node.isConnected) continue;
        scan = createTextScan(node, visitor, MIN_TEXT);
      }
      if (scan.run(shouldStop)) scan = undefined;
      else if (!found) {
        cancelSlice = schedule(slice);
        return;
      }
    }
    stop();
    onFound();
  }

  function stop(): void {
    if (stopped) return;
    stopped = true;
    queue.length = 0;
    scan = undefined;
    cancelSlice?.();
    cancelSlice = undefined;
    observer.disconnect();
  }

  slice();
  return { stop };
}
