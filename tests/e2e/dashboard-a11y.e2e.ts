/**
 * Accessibility of every dashboard page, the popup and the side panel with the demo data loaded: no serious
 * axe failures, a screenshot of each at 1366×768, the skip link as the first Tab stop on the dashboard, and a
 * visible focus indicator on each of the first Tab stops.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchExtension,
  screenshot,
  seriousAccessibilityViolations,
  startStaticServer,
  type ExtensionHandle,
  type StaticServer,
} from './harness';
import { loadDemoAndWaitForOverlay, tabIdOf, waitForBadges } from './overlay-helpers';

const LONG = 30_000;
const TAB_STOPS = 15;
const SIOBHAN = 'haringey:H21684';

let ext: ExtensionHandle;
let server: StaticServer;

beforeAll(async () => {
  server = await startStaticServer();
  ext = await launchExtension();
  await loadDemoAndWaitForOverlay(ext);
}, 120_000);

afterAll(async () => {
  await ext?.close();
  await server?.close();
});

interface FocusStop {
  description: string;
  visible: boolean;
  isSkipLink: boolean;
}

/** Describes the focused element and whether it shows a focus indicator (outline or box shadow). */
function focusedStop(page: Page): Promise<FocusStop | undefined> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body || el === document.documentElement) return undefined;
    const transparent = (c: string) => c === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(c);
    const indicated = (e: Element) => {
      const style = getComputedStyle(e);
      const outline =
        style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && !transparent(style.outlineColor);
      return outline || (style.boxShadow !== 'none' && style.boxShadow !== '');
    };
    // A composite widget may draw the indicator on its label (a tree item highlights its first child).
    const visible = indicated(el) || (el.firstElementChild !== null && indicated(el.firstElementChild));
    const label = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 50);
    return {
      description: `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}> ${label}`,
      visible,
      isSkipLink: el.tagName === 'A' && /skip to main content/i.test(el.textContent ?? ''),
    };
  });
}

/** Presses Tab from the top of the page and records the first stops. */
async function tabStops(page: Page, count = TAB_STOPS): Promise<FocusStop[]> {
  await page.bringToFront();
  // Start from the top of the document, as after loading the page: focus a throwaway element at the start of the
  // body and remove it, which puts the browser's focus starting point there (blur alone would keep it where an
  // earlier focus() left it).
  await page.evaluate(() => {
    const probe = document.createElement('span');
    probe.tabIndex = -1;
    document.body.prepend(probe);
    probe.focus();
    probe.remove();
    window.scrollTo(0, 0);
  });
  const stops: FocusStop[] = [];
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('Tab');
    const stop = await focusedStop(page);
    if (stop) stops.push(stop);
  }
  return stops;
}

async function openDashboard(hash: string): Promise<Page> {
  const page = await ext.openExtensionPage('options.html', hash);
  await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: LONG });
  await expect.poll(() => page.getByText('Loading the register…').count(), { timeout: LONG }).toBe(0);
  return page;
}

async function checkPage(page: Page, name: string, options: { skipLink: boolean }): Promise<void> {
  await screenshot(page, name);
  expect(await seriousAccessibilityViolations(page), name).toEqual([]);
  const stops = await tabStops(page);
  expect(stops.length, `${name}: Tab reaches controls`).toBeGreaterThan(0);
  if (options.skipLink) expect(stops[0]?.isSkipLink, `${name}: first Tab stop ${stops[0]?.description}`).toBe(true);
  const invisible = stops.filter((s) => !s.visible).map((s) => s.description);
  expect(invisible, `${name}: Tab stops without a visible focus indicator`).toEqual([]);
}

describe('dashboard accessibility with the demo data', () => {
  const pages: { hash: string; name: string; ready: (page: Page) => Promise<void> }[] = [
    {
      hash: '/register',
      name: 'dashboard-register',
      ready: (p) =>
        p.getByRole('table', { name: 'Staff register' }).getByRole('cell').first().waitFor({ timeout: LONG }),
    },
    {
      hash: '/readiness',
      name: 'dashboard-readiness',
      ready: (p) => p.getByRole('table', { name: 'Readiness by council' }).waitFor({ timeout: LONG }),
    },
    {
      hash: '/teams',
      name: 'dashboard-teams',
      ready: (p) => p.getByRole('tree', { name: 'Staff by line manager' }).waitFor({ timeout: LONG }),
    },
    {
      hash: '/consultation',
      name: 'dashboard-consultation',
      ready: (p) => p.getByRole('button', { name: 'Download CSV' }).waitFor({ timeout: LONG }),
    },
    {
      hash: '/import',
      name: 'dashboard-import',
      ready: (p) => p.getByRole('heading', { level: 1, name: /Import/ }).waitFor({ timeout: LONG }),
    },
    {
      hash: '/settings',
      name: 'dashboard-settings',
      ready: (p) => p.getByRole('region', { name: 'Wipe all data' }).waitFor({ timeout: LONG }),
    },
  ];

  for (const { hash, name, ready } of pages) {
    it(`${hash}: no serious axe failures, skip link first, focus always visible`, async () => {
      const page = await openDashboard(hash);
      await ready(page);
      await checkPage(page, name, { skipLink: true });
      await page.close();
    });
  }

  it('person page: no serious axe failures, skip link first, focus always visible', async () => {
    const page = await openDashboard(`/person/${encodeURIComponent(SIOBHAN)}`);
    await page.getByRole('complementary', { name: 'Readiness' }).waitFor({ timeout: LONG });
    await page.getByRole('region', { name: 'History' }).waitFor({ timeout: LONG });
    await checkPage(page, 'dashboard-person', { skipLink: true });
    await page.close();
  });

  it('skip link moves focus to the main content', async () => {
    const page = await openDashboard('/readiness');
    await page.keyboard.press('Tab');
    expect((await focusedStop(page))?.isSkipLink).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main-content');
    // The route is kept: the skip link does not change the hash.
    expect(await page.evaluate(() => window.location.hash)).toBe('#/readiness');
    await page.close();
  });

  it('popup: no serious axe failures, focus always visible', async () => {
    const page = await ext.openExtensionPage('popup.html');
    await page.getByRole('heading').first().waitFor({ timeout: LONG });
    await page.getByText(/461/).first().waitFor({ timeout: LONG });
    await checkPage(page, 'popup', { skipLink: false });
    await page.close();
  });

  it('side panel with people on the page: no serious axe failures, focus always visible', async () => {
    const web = await ext.context.newPage();
    await web.goto(`${server.origin}/demo/intranet.html?a11y=1`, { waitUntil: 'load' });
    await web.bringToFront();
    await waitForBadges(web, [SIOBHAN]);
    const tabId = await tabIdOf(await ext.ensureServiceWorker(), web.url());
    const panel = await ext.openExtensionPage('sidepanel.html', `tab=${tabId}`);
    await panel.locator(`li.entry[data-staff-key="${SIOBHAN}"]`).waitFor({ timeout: LONG });
    await checkPage(panel, 'sidepanel', { skipLink: false });
    await panel.close();
    await web.close();
  });

  it('left no uncaught errors on the extension’s pages', () => {
    expect(ext.pageErrors.filter((e) => e.startsWith('chrome-extension://'))).toEqual([]);
  });
});
