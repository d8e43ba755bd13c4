/**
 * The toolbar popup: finding a person with the five facts, readiness counts that match the demo data and follow
 * changes to the register while it is open, "Show staff on this site", and how long it takes to show its counts.
 *
 * A popup opened with openExtensionPage is a tab of its own, so "the active tab" would be the popup itself. To
 * open it over a web page, as the toolbar button does, the popup is created as a background tab of the same
 * window (chrome.tabs.create with active: false): when it starts, the web page is the window's active tab.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PersonCard } from '@/lib/messaging/protocol';
import {
  launchExtension,
  repoRoot,
  screenshot,
  startStaticServer,
  type ExtensionGlobal,
  type ExtensionHandle,
  type StaticServer,
} from './harness';
import { askBackground, loadDemoAndWaitForOverlay, waitForBadges } from './overlay-helpers';

interface Expected {
  people: { total: number };
  readiness: Record<string, Record<'ready' | 'at-risk' | 'blocked' | 'not-applicable', number>>;
}

const ZOE = 'camden:C19157';
const SIOBHAN = 'haringey:H21684';
const CANDIDATES = [
  SIOBHAN,
  'haringey:H20792',
  'haringey:H21885',
  'haringey:H23288',
  'islington:797882',
  'islington:732194',
];

let server: StaticServer;
let ext: ExtensionHandle;
let expected: Expected;
let opened = 0;

beforeAll(async () => {
  expected = JSON.parse(await readFile(path.join(repoRoot, 'public', 'demo', 'expected.json'), 'utf8')) as Expected;
  server = await startStaticServer();
  ext = await launchExtension();
  await loadDemoAndWaitForOverlay(ext);
}, 120_000);

afterAll(async () => {
  await ext?.close();
  await server?.close();
});

afterEach(async () => {
  for (const page of ext.context.pages()) await page.close().catch(() => undefined);
});

function expectedCount(state: 'ready' | 'at-risk' | 'blocked'): number {
  return Object.values(expected.readiness).reduce((sum, byState) => sum + byState[state], 0);
}

async function countOf(popup: Page, state: 'ready' | 'at-risk' | 'blocked'): Promise<number> {
  const text = await popup.locator(`.count-${state} .count-n`).innerText();
  return Number(text.replace(/,/g, ''));
}

async function openPopup(): Promise<Page> {
  const popup = await ext.openExtensionPage('popup.html');
  // The first counts may be the popup's local copy (aria-busy); wait for the background's.
  await popup.locator('section[aria-labelledby="counts-h"][aria-busy="false"]').waitFor({ timeout: 30_000 });
  return popup;
}

/** Opens the popup as the toolbar button would over `web`: a tab that starts while `web` is the active tab. */
async function openPopupOver(web: Page): Promise<Page> {
  await web.bringToFront();
  const worker = await ext.ensureServiceWorker();
  const url = `${ext.extensionUrl('popup.html')}?over=${++opened}`;
  const created = ext.context.waitForEvent('page', { predicate: (p) => p.url() === url, timeout: 30_000 });
  await worker.evaluate(async (u) => {
    const { chrome } = globalThis as unknown as ExtensionGlobal;
    await chrome.tabs.create({ url: u, active: false });
  }, url);
  const popup = await created;
  await popup.getByRole('heading', { name: 'This site' }).waitFor({ timeout: 30_000 });
  // The popup has read its tab; bring it to the front so it paints and takes clicks like a shown popup.
  await popup.bringToFront();
  return popup;
}

describe('popup', () => {
  it('shows the readiness counts of the demo register and prints how long it took to show them', async () => {
    const popup = await openPopup();
    await expect.poll(() => countOf(popup, 'ready'), { timeout: 30_000 }).toBe(expectedCount('ready'));
    expect(await countOf(popup, 'at-risk')).toBe(expectedCount('at-risk'));
    expect(await countOf(popup, 'blocked')).toBe(expectedCount('blocked'));
    expect(await popup.getByText(`${expected.people.total} people in the register`).count()).toBe(1);

    const [shown, fresh] = await popup.evaluate(() =>
      ['tl-popup-summary', 'tl-popup-summary-fresh'].map((name) => {
        const mark = performance.getEntriesByName(name)[0];
        return mark ? Math.round(mark.startTime) : undefined;
      }),
    );
    expect(shown).toBeTypeOf('number');
    expect(fresh).toBeTypeOf('number');
    // Timing on a shared, loaded machine is a measurement, not a pass mark (npm run bench:popup measures it).
    console.log(`Popup: counts shown ${shown} ms after navigation start, the background's counts ${fresh} ms`);
    await screenshot(popup, 'popup-counts');
  });

  it('finds a person by name and shows the five facts', async () => {
    const popup = await openPopup();
    const [card] = await askBackground<PersonCard[]>(ext, { type: 'search', query: "Siobhán O'Neill", limit: 8 });
    expect(card?.key).toBe(SIOBHAN);
    if (!card) return;
    await popup.getByLabel('Find a person by name or employee number').fill("Siobhán O'Neill");
    const result = popup.getByRole('listitem').filter({ has: popup.getByRole('heading', { name: card.name }) });
    await result.waitFor({ timeout: 30_000 });
    const terms = await result.locator('dl.facts dt').allInnerTexts();
    expect(terms).toEqual(['Employing council', 'Section 113', 'Planned transfer', 'TOM function', 'Pension']);
    const values = await result.locator('dl.facts dd').allInnerTexts();
    expect(values[0]).toBe('Haringey');
    expect(values[1]).toBe(card.s113.text);
    expect(values[2]).toContain(card.transfer?.text ?? 'No transfer plan');
    expect(values[3]).toContain(card.tom.functionName ?? 'Not assigned');
    expect(values[4]).toMatch(/\d/);
    expect(await result.innerText()).toContain(
      { ready: 'Ready', 'at-risk': 'At risk', blocked: 'Blocked', 'not-applicable': 'Not transferring' }[
        card.readiness.state
      ],
    );
    await screenshot(popup, 'popup-search');

    // An unknown name says so.
    await popup.getByLabel('Find a person by name or employee number').fill('Nobody Atall');
    await popup.getByText('No one in the register matches “Nobody Atall”.').waitFor({ timeout: 30_000 });
  });

  it('updates its counts while open when the register changes', async () => {
    const popup = await openPopup();
    await expect.poll(() => countOf(popup, 'ready'), { timeout: 30_000 }).toBeGreaterThan(0);
    const summary = await askBackground<{ total: number; readiness: Record<string, number> }>(ext, {
      type: 'getSummary',
    });
    // Someone still in the register who is transferring (a retry of this test finds the first one removed).
    const { cards } = await askBackground<{ cards: PersonCard[] }>(ext, { type: 'getCard', keys: CANDIDATES });
    const card = cards.find((c) => ['ready', 'at-risk', 'blocked'].includes(c.readiness.state));
    const state = card?.readiness.state;
    if (!card || (state !== 'ready' && state !== 'at-risk' && state !== 'blocked')) {
      throw new Error('No transferring person left among the candidates');
    }
    const before = await countOf(popup, state);
    expect(before).toBe(summary.readiness[state]);

    await askBackground(ext, { type: 'removeRecords', keys: [card.key] });
    await expect.poll(() => countOf(popup, state), { timeout: 30_000 }).toBe(before - 1);
    await popup.getByText(`${summary.total - 1} people in the register`).waitFor({ timeout: 30_000 });
  });
});

describe('popup: show staff on this site', () => {
  it('on the granted test site: switches it on and saves it in settings', async () => {
    // Start with the site not switched on in settings (a retry finds it saved by the first attempt).
    const current = await askBackground<{ sites: string[] }>(ext, { type: 'getSettings' });
    if (current.sites.length > 0) {
      await askBackground(ext, {
        type: 'saveSettings',
        settings: { ...current, sites: current.sites.filter((p) => p !== 'http://127.0.0.1/*') },
      });
    }
    const web = await ext.context.newPage();
    await web.goto(`${server.origin}/demo/intranet.html?site=${++opened}`, { waitUntil: 'load' });
    await waitForBadges(web, [ZOE], 30_000);
    const popup = await openPopupOver(web);
    const button = popup.getByRole('button', { name: 'Show staff on this site' });
    await button.waitFor({ timeout: 30_000 });
    expect(await popup.getByText('next to their name on 127.0.0.1').count()).toBe(1);
    await button.click();
    await popup.getByText('Staff facts are now shown on 127.0.0.1.').waitFor({ timeout: 30_000 });
    await popup.getByText('Staff shown on this site').waitFor({ timeout: 30_000 });
    const settings = await askBackground<{ sites: string[] }>(ext, { type: 'getSettings' });
    expect(settings.sites).toContain('http://127.0.0.1/*');
    await waitForBadges(web, [ZOE], 30_000);
  });

  it('on a site not yet allowed: offers no switch for a tab whose address it may not read, and grants nothing', async () => {
    // The real toolbar click grants activeTab, which lets the popup read the tab's address and offer the switch;
    // its permission prompt then needs a person. Headless Chromium can do neither (no toolbar to click, no
    // prompt to answer), so this checks what can be checked: without activeTab the popup cannot see localhost's
    // address, says so instead of offering a switch, and nothing is granted or saved.
    const origin = `http://localhost:${server.port}`;
    const web = await ext.context.newPage();
    await web.goto(`${origin}/demo/intranet.html?site=${++opened}`, { waitUntil: 'load' });
    const popup = await openPopupOver(web);
    const section = popup.getByRole('region', { name: 'This site' });
    await section.getByText('This tab has no web address.').waitFor({ timeout: 30_000 });
    expect(await popup.getByRole('button', { name: 'Show staff on this site' }).count()).toBe(0);
    const worker = await ext.ensureServiceWorker();
    const granted = await worker.evaluate(() =>
      (globalThis as unknown as ExtensionGlobal).chrome.permissions.contains({ origins: ['http://localhost/*'] }),
    );
    expect(granted).toBe(false);
    const settings = await askBackground<{ sites: string[] }>(ext, { type: 'getSettings' });
    expect(settings.sites).not.toContain('http://localhost/*');
    expect(await web.locator('tl-badge').count()).toBe(0);
  });
});
