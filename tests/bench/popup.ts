/**
 * Popup benchmark: how fast the toolbar popup shows its readiness counts on the demo register, in the built
 * extension, in real Chromium.
 *
 *   npm run bench:popup
 *
 * Loads the demo register (461 fictional people), then opens the real toolbar popup TL_BENCH_RUNS times (default
 * 20) with `chrome.action.openPopup()`, called in the service worker with an ordinary web page active. That is the
 * browser's own popup: a new view in the extension's (already running) renderer process, sized to its content and
 * shown by the browser, as after a click on the toolbar button. Headless Chromium draws it like any other view.
 * The popup is reached through the browser's DevTools protocol (it is not a tab, so Playwright does not list it)
 * and read from its own performance timeline:
 *   - from the call: openPopup() called in the service worker → the popup's first frame on screen ('first-contentful-
 *     paint' is the time the frame was presented). Both clocks are the browser's monotonic clock
 *     (performance.timeOrigin + now), so the two processes' times can be compared;
 *   - from navigation start (the popup's time 0): first paint; counts in the page ('tl-popup-summary', set when ready
 *     / at risk / blocked counts are put in the page: the last counts the popup saw, kept in its local storage, or
 *     the background's answer when there are none); counts on screen (the later of the two: counts put in the page
 *     before the first frame are in it); the background's counts in the page ('tl-popup-summary-fresh').
 * Two series: "first open" (the popup's local copy cleared before) and "usual open" (kept). The service worker
 * stays running between opens, as it does while someone works in the browser; the popup is closed between opens.
 *
 * Uses `.output-e2e/chrome-mv3` (or $TL_E2E_EXTENSION), building it first when it is missing.
 */
import path from 'node:path';
import type { CDPSession, Worker } from 'playwright-core';
import { launchExtension, repoRoot, startStaticServer, type ExtensionGlobal } from '../e2e/harness';
import { ensureBuilt, median, send } from './register-view';

const RUNS = Number(process.env.TL_BENCH_RUNS ?? 20);
/** The floor: an extension whose popup is one static page (tests/bench/peers/static-popup). */
const PEER = path.join(repoRoot, 'tests', 'bench', 'peers', 'static-popup');
const TIMEOUT = 30_000;

interface Timing {
  /** openPopup() call → first frame presented. */
  fromCall: number;
  /** From the popup's navigation start. */
  paint: number;
  counts: number;
  onScreen: number;
  fresh: number;
}

interface Marks {
  counts: number;
  fresh: number;
  paint: number;
  origin: number;
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A DevTools session with the popup's page. Playwright does not hand out sessions for targets it does not list,
 * so messages go through the browser session (Target.sendMessageToTarget).
 */
async function attach(browser: CDPSession, targetId: string) {
  const { sessionId } = (await browser.send('Target.attachToTarget', { targetId, flatten: false })) as {
    sessionId: string;
  };
  let nextId = 1;
  const pending = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
  const onMessage = (e: { sessionId: string; message: string }) => {
    if (e.sessionId !== sessionId) return;
    const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (m.id !== undefined) pending.get(m.id)?.(m);
  };
  browser.on('Target.receivedMessageFromTarget', onMessage);
  /** Evaluates `expression` in the popup and returns its value (JSON-compatible). */
  const evaluate = async <T>(expression: string): Promise<T> => {
    const id = nextId++;
    const answer = new Promise<{ result?: unknown; error?: { message: string } }>((resolve) =>
      pending.set(id, resolve),
    );
    await browser.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, returnByValue: true } }),
    });
    const m = await answer;
    pending.delete(id);
    if (m.error) throw new Error(m.error.message);
    const { result, exceptionDetails } = m.result as {
      result: { value?: unknown };
      exceptionDetails?: { text: string };
    };
    if (exceptionDetails) throw new Error(exceptionDetails.text);
    return result.value as T;
  };
  return { evaluate, detach: () => browser.off('Target.receivedMessageFromTarget', onMessage) };
}

/** In the popup: the marks and its time origin once all three are there, else null. */
const READ_MARKS = `(() => {
  const at = (name) => performance.getEntriesByName(name)[0]?.startTime;
  const counts = at('tl-popup-summary'), fresh = at('tl-popup-summary-fresh'), paint = at('first-contentful-paint');
  return counts !== undefined && fresh !== undefined && paint !== undefined
    ? { counts, fresh, paint, origin: performance.timeOrigin }
    : null;
})()`;

/** In the static peer popup: its first frame (its counts are in its HTML, so they are on screen with it). */
const READ_PAINT = `(() => {
  const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
  return paint === undefined ? null : { counts: paint, fresh: paint, paint, origin: performance.timeOrigin };
})()`;

/** Which extension's popup to open: its service worker (openPopup is called there) and how to read its marks. */
interface PopupUnderTest {
  worker: () => Promise<Worker>;
  url: string;
  readMarks: string;
}

async function popupTargets(browser: CDPSession, url: string): Promise<TargetInfo[]> {
  const { targetInfos } = (await browser.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
  return targetInfos.filter((t) => t.type === 'page' && t.url === url);
}

/** Opens the toolbar popup, waits for its marks, optionally clears its local copy of the counts, closes it. */
async function openOnce(under: PopupUnderTest, browser: CDPSession, clearAfter: boolean): Promise<Timing> {
  const worker = await under.worker();
  const calledAt = await worker.evaluate(async () => {
    const t = performance.timeOrigin + performance.now();
    await (globalThis as unknown as ExtensionGlobal).chrome.action.openPopup();
    return t;
  });
  let target: TargetInfo | undefined;
  const deadline = Date.now() + TIMEOUT;
  while (!target) {
    if (Date.now() > deadline) throw new Error('The popup did not open');
    target = (await popupTargets(browser, under.url))[0];
    if (!target) await sleep(10);
  }
  const popup = await attach(browser, target.targetId);
  try {
    let marks: Marks | null = null;
    for (;;) {
      if (Date.now() > deadline) throw new Error('The popup did not show its counts');
      marks = await popup.evaluate<Marks | null>(under.readMarks);
      if (marks) break;
      await sleep(10);
    }
    if (clearAfter) await popup.evaluate('localStorage.clear()');
    return {
      fromCall: marks.origin + marks.paint - calledAt,
      paint: marks.paint,
      counts: marks.counts,
      onScreen: Math.max(marks.paint, marks.counts),
      fresh: marks.fresh,
    };
  } finally {
    popup.detach();
    await browser.send('Target.closeTarget', { targetId: target.targetId });
    // The next openPopup() needs the popup gone (one popup per window).
    while ((await popupTargets(browser, under.url)).length > 0) await sleep(10);
  }
}

function line(label: string, values: readonly number[]): string {
  const f = (ms: number) => `${Math.round(ms).toLocaleString('en-GB')} ms`;
  return `${label.padEnd(44)} median ${f(median(values)).padStart(8)}   min ${f(Math.min(...values)).padStart(8)}   max ${f(Math.max(...values)).padStart(8)}`;
}

async function main() {
  const server = await startStaticServer();
  const ext = await launchExtension({ extensionPath: ensureBuilt(), alsoLoad: [PEER] });
  try {
    const control = await ext.openExtensionPage('popup.html');
    await send(control, { type: 'wipeAll' });
    const loaded = await send<{ records: number }>(control, { type: 'loadDemoData' });
    // The popup opens over an ordinary web page, as it would for someone at work.
    const web = await ext.context.newPage();
    await web.goto(`${server.origin}/demo/intranet.html`);
    await control.close();
    await web.bringToFront();
    const browser = await ext.context.browser()!.newBrowserCDPSession();

    const ours: PopupUnderTest = {
      worker: () => ext.ensureServiceWorker(),
      url: ext.extensionUrl('popup.html'),
      readMarks: READ_MARKS,
    };
    const peerId = ext.peerIds[0] as string;
    const peer: PopupUnderTest = {
      worker: async () => ext.peerWorker(peerId),
      url: `chrome-extension://${peerId}/popup.html`,
      readMarks: READ_PAINT,
    };

    // One open of each to start the workers' caches, not counted; ours leaves no local copy for the first "first open".
    await openOnce(ours, browser, true);
    await openOnce(peer, browser, false);
    const first: Timing[] = [];
    const usual: Timing[] = [];
    const floor: Timing[] = [];
    // A first open follows an open that cleared the copy; a usual open follows one that kept it. The peer's opens
    // come between ours, so all three series see the same machine.
    for (let i = 0; i < RUNS; i++) {
      first.push(await openOnce(ours, browser, false));
      floor.push(await openOnce(peer, browser, false));
      usual.push(await openOnce(ours, browser, true));
    }
    console.log(
      `\nToolbar popup (chrome.action.openPopup), demo register of ${loaded.records} people, ${RUNS} opens of each kind`,
    );
    for (const [name, series, isPeer] of [
      ['First open (no local copy)', first, false],
      ['Usual open (local copy of the counts)', usual, false],
      ['Peer: a static popup (HTML and styles only, counts written in it, no script)', floor, true],
    ] as const) {
      console.log(`\n${name}`);
      console.log(
        line(
          '  openPopup() call → first frame on screen',
          series.map((t) => t.fromCall),
        ),
      );
      console.log('  from the popup’s navigation start:');
      console.log(
        line(
          '    first frame on screen',
          series.map((t) => t.paint),
        ),
      );
      if (isPeer) continue;
      console.log(
        line(
          '    counts in the page',
          series.map((t) => t.counts),
        ),
      );
      console.log(
        line(
          '    counts on screen',
          series.map((t) => t.onScreen),
        ),
      );
      console.log(
        line(
          "    background's counts in the page",
          series.map((t) => t.fresh),
        ),
      );
    }
    const ratio = (ofOurs: Timing[], pick: (t: Timing) => number) =>
      (median(ofOurs.map(pick)) / median(floor.map(pick))).toFixed(2);
    console.log(`\nratio usual open/static popup, counts on screen from the call: ${ratio(usual, (t) => t.fromCall)}`);
    console.log(
      `ratio usual open/static popup, counts on screen from navigation start: ${ratio(usual, (t) => t.onScreen)}`,
    );
  } finally {
    await ext.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
