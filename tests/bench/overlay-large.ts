/**
 * The overlay with a 100,000-person register, in the real built extension, as a user gets it: the background's
 * name index reaching the tab (in pages), the matcher built in the tab in slices, the page annotated. Run:
 * `npm run bench:overlay-large`.
 *
 * Imports a synthetic register (the demo people plus recombined copies, as bench:register-view does) into the copy
 * switched on for 127.0.0.1 (.output-e2e, or $TL_E2E_EXTENSION), then opens pages naming some of those people: the
 * demo intranet page and three fixture pages with names planted at the top. In each page a PerformanceObserver
 * (added before the page's own scripts) records every task over 50 ms that starts after DOMContentLoaded (content
 * scripts start after it; the browser parsing a large page before it is not ours), the page's own and the
 * browser's layout included, until the planted names (people from across the register, added after load as a
 * single-page app adds content) are all badged and the number of badges has not changed for a second. Printed per page: the
 * long tasks (count and longest), the time from navigation start to the first badge and to the last planted one.
 *
 * Environment: TL_BENCH_PEOPLE (default 100,000), TL_BENCH_RUNS loads a page (default 3).
 */
import type { Page } from 'playwright-core';
import { launchExtension, startStaticServer } from '../e2e/harness';
import { ensureBuilt, importFiles, median, registerFiles, send, syntheticRegister } from './register-view';
import { plantNames } from './plant-names';

const PEOPLE = Number(process.env.TL_BENCH_PEOPLE ?? 100_000);
const RUNS = Number(process.env.TL_BENCH_RUNS ?? 3);
const PAGES = ['/demo/intranet.html', '/fixtures/bbc-1.html', '/fixtures/wikipedia-2.html', '/fixtures/yahoo-2.html'];
const PLANTED = 10;

interface Load {
  longTasks: number[];
  firstBadge: number;
  lastPlanted: number;
  badges: number;
}

/** Installed before the page's scripts: long tasks, and when badges first appear. */
const OBSERVE = `(() => {
  const seen = (window.__tl = { longTasks: [], firstBadge: -1 });
  new PerformanceObserver((list) => {
    // From DOMContentLoaded on (content scripts start after it): the browser parsing a large page is not ours.
    const from = performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd || Infinity;
    for (const e of list.getEntries()) if (e.startTime >= from) seen.longTasks.push(Math.round(e.duration));
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((_, observer) => {
    if (document.querySelector('tl-badge')) { seen.firstBadge = performance.now(); observer.disconnect(); }
  }).observe(document, { childList: true, subtree: true });
})();`;

async function loadOnce(page: Page, url: string, planted: string[], keys: string[]): Promise<Load> {
  await page.addInitScript({ content: OBSERVE });
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  // Names planted by the page's first script would be in the first pass; here they are added after load, as a
  // single-page app adds content, so the observer's path is measured too.
  await plantNames(page, planted);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`${url}: the planted names were not all badged`);
    const done = await page.evaluate(
      (wanted) => wanted.every((k) => document.querySelector(`tl-badge[data-staff-key~="${k}"]`)),
      keys,
    );
    if (done) break;
    await page.waitForTimeout(50);
  }
  const lastPlanted = await page.evaluate(() => performance.now());
  // The rest of the page is annotated after the planted names (they are at the top): wait until the number of
  // badges has not changed for a second, then let the last batch's layout land in the observer.
  let stable = 0;
  let last = -1;
  while (stable < 5 && Date.now() < deadline) {
    const now = await page.locator('tl-badge').count();
    stable = now === last ? stable + 1 : 0;
    last = now;
    await page.waitForTimeout(200);
  }
  return page.evaluate((last) => {
    const seen = (window as unknown as { __tl: { longTasks: number[]; firstBadge: number } }).__tl;
    return {
      longTasks: seen.longTasks,
      firstBadge: seen.firstBadge,
      lastPlanted: last,
      badges: document.querySelectorAll('tl-badge').length,
    };
  }, lastPlanted);
}

async function main(): Promise<void> {
  const extensionPath = ensureBuilt();
  const records = syntheticRegister(PEOPLE);
  const files = registerFiles(records);
  const server = await startStaticServer(); // the demo pages and the shared fixtures
  const ext = await launchExtension({ extensionPath });
  const rows: string[] = [];
  try {
    const control = await ext.openExtensionPage('popup.html');
    await send(control, { type: 'wipeAll' });
    await send(control, { type: 'loadDemoData' });
    const t = performance.now();
    await importFiles(control, files);
    console.log(
      `Imported ${records.length.toLocaleString('en-GB')} people in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    await control.close();
    // People from across the register (every page of the name index), named as forename + surname.
    const chosen = Array.from(
      { length: PLANTED },
      (_, k) => records[Math.floor(((k + 0.5) * records.length) / PLANTED)] as (typeof records)[number],
    );
    const planted = chosen.map((r) => `${r.knownAs ?? r.forename} ${r.surname}`);
    const keys = chosen.map((r) => `${r.council}:${r.employeeNumber}`);
    for (const pagePath of PAGES) {
      const loads: Load[] = [];
      for (let r = 0; r < RUNS; r++) {
        const page = await ext.context.newPage();
        await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
        loads.push(await loadOnce(page, `${server.origin}${pagePath}?run=${r}`, planted, keys));
        await page.close();
      }
      const all = loads.flatMap((l) => l.longTasks);
      rows.push(
        `${pagePath.padEnd(28)} long tasks a load: ${loads.map((l) => l.longTasks.length).join(' / ')} ` +
          `(longest ${all.length ? Math.max(...all) : 0} ms); first badge ${Math.round(median(loads.map((l) => l.firstBadge)))} ms, ` +
          `all planted names ${Math.round(median(loads.map((l) => l.lastPlanted)))} ms after navigation start (median); ` +
          `badges ${loads[0]?.badges}`,
      );
      console.error(`  measured ${pagePath}`);
    }
  } finally {
    await ext.close();
    await server.close();
  }
  console.log(`Overlay with a register of ${PEOPLE.toLocaleString('en-GB')} people (${RUNS} loads a page):`);
  for (const row of rows) console.log(row);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
