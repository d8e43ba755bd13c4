import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { MatchPerson } from '@/lib/match';
import type { NameWatch } from '@/lib/overlay/name-watch';
import { launchChromium, overlayPageScript } from './in-chromium';
import type { OverlayPageApi } from './page-entry';

interface TestWindow {
  tlOverlay: OverlayPageApi;
  watch: NameWatch;
  found: number;
}

const people: MatchPerson[] = [
  { key: 'haringey:1234', forename: 'Zoë', surname: 'Müller', employeeNumber: '1234' },
  { key: 'camden:2002', forename: 'Priya', surname: 'Shah', employeeNumber: '2002' },
];

// Each test drives a real page; a loaded CI machine needs more than Vitest's default 5 s.
vi.setConfig({ testTimeout: 30_000 });

let browser: Browser;
let script: string;

beforeAll(async () => {
  [browser, script] = await Promise.all([launchChromium(), overlayPageScript()]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** A page with `html` in its body and a name watch started on it; `found` counts onFound calls. */
async function watch(html: string, sliceMs?: number): Promise<Page> {
  const page = await browser.newPage();
  await page.setContent(`<!doctype html><html><body>${html}</body></html>`);
  await page.addScriptTag({ content: script });
  await page.evaluate(
    ({ people, sliceMs }) => {
      const w = window as unknown as TestWindow;
      const matcher = w.tlOverlay.buildMatcher(people);
      w.found = 0;
      w.watch = w.tlOverlay.startNameWatch({
        root: document.body,
        findAll: (text) => matcher.findAll(text),
        onFound: () => {
          w.found++;
        },
        ...(sliceMs ? { sliceMs } : {}),
      });
    },
    { people, sliceMs },
  );
  return page;
}

const found = (page: Page) => page.evaluate(() => (window as unknown as TestWindow).found);
/** Lets background-priority slices run (two rounds of the page's task queue and a frame). */
const settle = (page: Page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(() => setTimeout(r, 50), 0))));

describe('name watch (the overlay first stage) in Chromium', () => {
  it('reports a name already on the page once, and writes nothing into the page', async () => {
    const html = '<h1>Team</h1><p>Ask <b>Priya Shah</b> about leave.</p><p>Zoë Müller too.</p>';
    const page = await watch(html);
    await expect.poll(() => found(page)).toBe(1);
    await settle(page);
    expect(await found(page)).toBe(1);
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(html);
    await page.close();
  });

  it('stays quiet on a page that names nobody, then reports a name the page adds later', async () => {
    const page = await watch('<p>Annual leave and a new kettle.</p><ul id="feed"></ul>');
    await settle(page);
    expect(await found(page)).toBe(0);
    await page.evaluate(() => {
      const li = document.createElement('li');
      li.textContent = 'Zoë Müller joined';
      document.getElementById('feed')?.append(li);
    });
    await expect.poll(() => found(page)).toBe(1);
    await page.close();
  });

  it('reports text the page rewrites into a name', async () => {
    const page = await watch('<p id="p">Nothing yet.</p>');
    await settle(page);
    await page.evaluate(() => {
      const text = document.getElementById('p')?.firstChild as Text;
      text.data = 'Priya Shah posted';
    });
    await expect.poll(() => found(page)).toBe(1);
    await page.close();
  });

  it('ignores names the overlay would not badge: in buttons, fields, editable regions and scripts', async () => {
    const page = await watch(
      '<button>Priya Shah</button><textarea>Zoë Müller</textarea><div contenteditable="true">Priya Shah</div>' +
        '<script>var who = "Zoë Müller";</script><p>Nobody here.</p>',
    );
    await settle(page);
    expect(await found(page)).toBe(0);
    await page.close();
  });

  it('finds a name at the end of a large page in short slices', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `<tr><td>Officer ${i}</td><td>Annual report</td></tr>`);
    const page = await watch(`<table>${rows.join('')}</table><p>Signed: Zoë Müller</p>`, 2);
    await expect.poll(() => found(page), { timeout: 20_000 }).toBe(1);
    await page.close();
  });

  it('says nothing after stop(), whatever the page adds', async () => {
    const page = await watch('<p id="p">Nothing yet.</p>');
    await settle(page);
    await page.evaluate(() => {
      const w = window as unknown as TestWindow;
      w.watch.stop();
      document.body.append('Zoë Müller');
    });
    await settle(page);
    expect(await found(page)).toBe(0);
    await page.close();
  });
});
