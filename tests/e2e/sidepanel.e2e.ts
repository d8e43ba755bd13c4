import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  launchExtension,
  screenshot,
  seriousAccessibilityViolations,
  startStaticServer,
  type ExtensionHandle,
  type StaticServer,
} from './harness';
import { activeTabId, focusedBadgeKey, loadDemoAndWaitForOverlay, tabIdOf, waitForBadges } from './overlay-helpers';

const ZOE = 'camden:C19157';
const SIOBHAN = 'haringey:H21684';
const JOHN_SMITHS = 'haringey:H29018 islington:778824'; // two people share the name in the demo register

let server: StaticServer;
let ext: ExtensionHandle;
let opened = 0;

beforeAll(async () => {
  server = await startStaticServer();
  ext = await launchExtension();
  await loadDemoAndWaitForOverlay(ext);
}, 120_000);

afterAll(async () => {
  await ext?.close();
  await server?.close();
});

afterEach(async () => {
  for (const page of ext.context.pages()) {
    if (!page.url().includes('/popup.html')) await page.close().catch(() => undefined);
  }
});

async function openWebPage(origin: string, urlPath: string): Promise<{ page: Page; tabId: number }> {
  const page = await ext.context.newPage();
  await page.goto(`${origin}${urlPath}?open=${++opened}`, { waitUntil: 'load' });
  await page.bringToFront();
  const worker = await ext.ensureServiceWorker();
  // Without the site's permission the extension cannot read the tab's URL: it is the active tab then.
  const tabId = origin === server.origin ? await tabIdOf(worker, page.url()) : await activeTabId(worker);
  return { page, tabId };
}

describe('side panel: people on this page', () => {
  it('lists the people named on the page with their facts, grouped by council or by readiness', async () => {
    const { page, tabId } = await openWebPage(server.origin, '/demo/intranet.html');
    await waitForBadges(page, [ZOE, SIOBHAN, JOHN_SMITHS]);
    const panel = await ext.openExtensionPage('sidepanel.html', `tab=${tabId}`);
    await panel.locator(`li.entry[data-staff-key="${ZOE}"]`).waitFor({ timeout: 20_000 });
    const headings = await panel.locator('h2').allInnerTexts();
    expect(headings.map((h) => h.replace(/ \(\d+\)$/, ''))).toEqual(
      expect.arrayContaining(['Camden', 'Haringey', 'Islington']),
    );
    const zoe = panel.locator(`li.entry[data-staff-key="${ZOE}"]`);
    const zoeText = await zoe.innerText();
    for (const words of ['Employing council', 'Camden', 'Section 113', 'Planned transfer', 'TOM function', 'Pension']) {
      expect(zoeText).toContain(words);
    }
    // An ambiguous name shows both candidates.
    const smiths = panel.locator(`li.entry[data-staff-key="${JOHN_SMITHS}"]`);
    await expect.poll(() => smiths.locator('.person').count()).toBe(2);
    expect(await smiths.innerText()).toContain('This name matches 2 people');

    await panel.getByLabel('Readiness').check();
    await expect
      .poll(async () => (await panel.locator('h2').allInnerTexts()).map((h) => h.replace(/ \(\d+\)$/, '')))
      .toEqual(expect.arrayContaining(['Blocked', 'Not transferring']));
    expect(await seriousAccessibilityViolations(panel)).toEqual([]);
    await screenshot(panel, 'sidepanel-people');
  });

  it('shows a person on the page: scrolls to the name and focuses its badge', async () => {
    const { page, tabId } = await openWebPage(server.origin, '/demo/intranet.html');
    await waitForBadges(page, [SIOBHAN]);
    const panel = await ext.openExtensionPage('sidepanel.html', `tab=${tabId}`);
    await panel.getByRole('button', { name: /Show Siobhán O.Neill on the page/ }).click();
    await expect.poll(() => focusedBadgeKey(page), { timeout: 10_000 }).toBe(SIOBHAN);
  });

  it('says plainly when the site is not switched on', async () => {
    // localhost is not among the switched-on sites of the test build (only 127.0.0.1 is).
    const { tabId } = await openWebPage(`http://localhost:${server.port}`, '/demo/intranet.html');
    const panel = await ext.openExtensionPage('sidepanel.html', `tab=${tabId}`);
    await panel.getByText('Transition Lens is not switched on for this site.').waitFor({ timeout: 20_000 });
    expect(await seriousAccessibilityViolations(panel)).toEqual([]);
  });
});
