/**
 * Popup benchmark: how fast the toolbar popup shows its readiness counts on the demo register, in the built
 * extension, in real Chromium.
 *
 *   npm run bench:popup
 *
 * Loads the demo register (461 fictional people), then opens popup.html in a new tab TL_BENCH_RUNS times
 * (default 20) and reads, from the page's own performance timeline (navigation start = 0):
 *   - first paint: the 'first-contentful-paint' entry (the popup's shell, before any data);
 *   - counts shown: the 'tl-popup-summary' mark, set when ready / at risk / blocked counts are first on screen
 *     (the last counts the popup saw, kept in its local storage, or the background's answer when there are none);
 *   - fresh counts: the 'tl-popup-summary-fresh' mark, set when the background's answer is on screen.
 * Two series: "first open" (the popup's local copy cleared before each open) and "usual open" (kept).
 * The service worker stays running between opens, as it does while someone works in the browser.
 *
 * Uses `.output-e2e/chrome-mv3` (or $TL_E2E_EXTENSION), building it first when it is missing.
 */
import { launchExtension, type ExtensionHandle } from '../e2e/harness';
import { ensureBuilt, median, send } from './register-view';

const RUNS = Number(process.env.TL_BENCH_RUNS ?? 20);
const TIMEOUT = 60_000;

interface Timing {
  paint: number;
  counts: number;
  fresh: number;
}

/** Opens the popup in a fresh tab and waits for both marks; returns the timings in ms from navigation start. */
async function openOnce(ext: ExtensionHandle, clearCache: boolean): Promise<Timing> {
  const page = await ext.context.newPage();
  try {
    // Both series open an extension page in the tab first, as a real popup opens in the extension's own
    // (already running) renderer process; the first series then clears the popup's local copy of the counts
    // (the extension origin's localStorage).
    await page.goto(ext.extensionUrl('popup.html', 'bench-prepare'), { waitUntil: 'load', timeout: TIMEOUT });
    if (clearCache) await page.evaluate(() => localStorage.clear());
    await page.goto('about:blank');
    await page.goto(ext.extensionUrl('popup.html'), { waitUntil: 'commit', timeout: TIMEOUT });
    const handle = await page.waitForFunction(
      () => {
        // No named helper here: tsx would wrap it in a __name() call the page does not have.
        const [counts, fresh, paint] = ['tl-popup-summary', 'tl-popup-summary-fresh', 'first-contentful-paint'].map(
          (name) => performance.getEntriesByName(name)[0]?.startTime,
        );
        return counts !== undefined && fresh !== undefined && paint !== undefined ? { counts, fresh, paint } : false;
      },
      undefined,
      { polling: 'raf', timeout: TIMEOUT },
    );
    return (await handle.jsonValue()) as Timing;
  } finally {
    await page.close();
  }
}

function line(label: string, values: readonly number[]): string {
  const f = (ms: number) => `${Math.round(ms).toLocaleString('en-GB')} ms`;
  return `${label.padEnd(40)} median ${f(median(values)).padStart(8)}   min ${f(Math.min(...values)).padStart(8)}   max ${f(Math.max(...values)).padStart(8)}`;
}

async function main() {
  const ext = await launchExtension({ extensionPath: ensureBuilt() });
  try {
    const control = await ext.openExtensionPage('popup.html');
    await send(control, { type: 'wipeAll' });
    const loaded = await send<{ records: number }>(control, { type: 'loadDemoData' });
    await control.close();
    // One open to start the worker's caches, not counted.
    await openOnce(ext, true);

    const first: Timing[] = [];
    const usual: Timing[] = [];
    // Alternate which kind goes first, so neither gains from the order.
    for (let i = 0; i < RUNS; i++) {
      if (i % 2 === 0) {
        first.push(await openOnce(ext, true));
        usual.push(await openOnce(ext, false));
      } else {
        usual.push(await openOnce(ext, false));
        first.push(await openOnce(ext, true));
      }
    }
    console.log(
      `\nPopup, demo register of ${loaded.records} people, ${RUNS} opens of each kind (Chromium, built extension)`,
    );
    console.log('Times from navigation start:\n');
    for (const [name, series] of [
      ['First open (no local copy)', first],
      ['Usual open (local copy of the counts)', usual],
    ] as const) {
      console.log(name);
      console.log(
        line(
          '  first paint',
          series.map((t) => t.paint),
        ),
      );
      console.log(
        line(
          '  counts shown',
          series.map((t) => t.counts),
        ),
      );
      console.log(
        line(
          "  background's counts shown",
          series.map((t) => t.fresh),
        ),
      );
    }
  } finally {
    await ext.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
