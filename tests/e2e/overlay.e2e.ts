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
  type ExtensionHandle,
  type StaticServer,
} from './harness';
import {
  askBackground,
  badgeAccessibleNames,
  badgeKeys,
  cardShown,
  focusedBadgeKey,
  loadDemoAndWaitForOverlay,
  sendToTab,
  tabIdOf,
  waitForBadges,
  waitForCard,
} from './overlay-helpers';

interface Expected {
  intranet: { page: string; mentions: { text: string; keys: string[] }[] };
}

const ZOE = 'camden:C19157'; // Zoë Müller in the demo register
const JOSE = 'islington:797882'; // José Núñez
const AMY = 'islington:732194'; // Amy Smith-Jones
const SIOBHAN = 'haringey:H21684'; // Siobhán O’Neill
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; frame-src 'none'; img-src 'none'";

let server: StaticServer;
let ext: ExtensionHandle;
let expected: Expected;

beforeAll(async () => {
  expected = JSON.parse(await readFile(path.join(repoRoot, 'public', 'demo', 'expected.json'), 'utf8')) as Expected;
  server = await startStaticServer();
  const cspPage = await readFile(path.join(repoRoot, 'tests', 'e2e', 'pages', 'csp-strict.html'));
  server.setRoute('/csp/strict.html', () => ({
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CSP },
    body: cspPage,
  }));
  ext = await launchExtension();
  await loadDemoAndWaitForOverlay(ext);
}, 120_000);

afterAll(async () => {
  await ext?.close();
  await server?.close();
});

let opened = 0;

/** Opens a page under a URL no other tab has (tests find their tab by URL). */
async function open(urlPath: string, origin = server.origin): Promise<Page> {
  const page = await ext.context.newPage();
  const sep = urlPath.includes('?') ? '&' : '?';
  await page.goto(`${origin}${urlPath}${sep}open=${++opened}`, { waitUntil: 'load' });
  return page;
}

afterEach(async () => {
  // A failed test leaves its page open: close every web page so the next test (or the retry) starts clean.
  for (const page of ext.context.pages()) {
    if (page.url().startsWith('http')) await page.close().catch(() => undefined);
  }
});

/** Clicks the end of the text just before a badge (the keyboard's starting point), then Tab moves onto the badge. */
async function tabToBadge(page: Page, key: string): Promise<void> {
  const point = await page.evaluate((k) => {
    const badge = document.querySelector(`tl-badge[data-staff-key="${k}"]`);
    const text = badge?.previousSibling;
    if (!badge || !text) throw new Error(`No badge for ${k}`);
    badge.scrollIntoView({ block: 'center' });
    const range = document.createRange();
    range.selectNodeContents(text);
    const rects = range.getClientRects();
    const last = rects[rects.length - 1];
    if (!last) throw new Error(`The text before the badge for ${k} is not shown`);
    return { x: last.right - 3, y: last.top + last.height / 2 };
  }, key);
  await page.mouse.click(point.x, point.y);
  await page.keyboard.press('Tab');
  await expect.poll(() => focusedBadgeKey(page), { timeout: 10_000 }).toBe(key);
}

describe('page overlay on the demo intranet', () => {
  it('puts a badge after every expected mention, and nowhere else', async () => {
    const page = await open('/demo/intranet.html');
    const wanted = [...new Set(expected.intranet.mentions.map((m) => m.keys.join(' ')))];
    await waitForBadges(page, wanted);
    const found = new Set(await badgeKeys(page));
    expect([...found].filter((k) => !wanted.includes(k))).toEqual([]);
    // The badge's accessible name carries the readiness state when the background's name index includes it.
    const index = await askBackground<{ entries?: { key: string; readiness?: string }[] }>(ext, {
      type: 'getNameIndex',
    });
    const state = index.entries?.find((e) => e.key === ZOE)?.readiness;
    const names = await badgeAccessibleNames(page);
    expect(names).toContain(
      state ? 'Zoë Müller, Camden, not transferring: show details' : 'Zoë Müller, Camden: show details',
    );
    await screenshot(page, 'overlay-intranet');
    await page.close();
  });

  it('shows the right five facts in the card on hover', async () => {
    const page = await open('/demo/intranet.html');
    await waitForBadges(page, [SIOBHAN]);
    const [card] = (await askBackground<{ cards: PersonCard[] }>(ext, { type: 'getCard', keys: [SIOBHAN] })).cards;
    if (!card) throw new Error('The background has no card for the demo person');
    await page.locator(`tl-badge[data-staff-key="${SIOBHAN}"]`).first().hover();
    const frame = await waitForCard(page, SIOBHAN);
    const text = await frame.locator('body').innerText();
    for (const fact of [
      card.name,
      'Haringey',
      card.s113.text,
      card.transfer?.text ?? 'No transfer plan set up',
      card.tom.functionName ?? 'Not assigned yet',
      ...card.readiness.blockers.map((b) => b.text),
    ]) {
      expect(text).toContain(fact);
    }
    expect(await frame.getByRole('link', { name: /Open in dashboard/ }).getAttribute('href')).toMatch(
      new RegExp(`/options\\.html#/person/${encodeURIComponent(SIOBHAN)}$`),
    );
    await screenshot(page, 'overlay-card-hover');
    // Moving the mouse away closes it.
    await page.mouse.move(5, 5);
    await expect.poll(() => cardShown(page), { timeout: 10_000 }).toBe(false);
    await page.close();
  });

  it('opens the card on keyboard focus; Escape closes it and keeps focus on the badge', async () => {
    const page = await open('/demo/intranet.html');
    await waitForBadges(page, [ZOE]);
    await tabToBadge(page, ZOE);
    await waitForCard(page, ZOE);
    expect(await cardShown(page)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => cardShown(page), { timeout: 10_000 }).toBe(false);
    expect(await focusedBadgeKey(page)).toBe(ZOE);

    // Into the card with Tab, then Escape from inside the card: closes and gives the badge its focus back.
    await page.keyboard.press('Enter');
    await expect.poll(() => cardShown(page), { timeout: 10_000 }).toBe(true);
    await page.keyboard.press('Tab');
    const frame = await waitForCard(page, ZOE);
    await expect
      .poll(() => frame.evaluate(() => document.activeElement?.textContent ?? ''), { timeout: 10_000 })
      .toContain('Open in dashboard');
    await page.keyboard.press('Escape');
    await expect.poll(() => cardShown(page), { timeout: 10_000 }).toBe(false);
    await expect.poll(() => focusedBadgeKey(page), { timeout: 10_000 }).toBe(ZOE);
    await page.close();
  });

  it('removes every badge and the card when the site is switched off', async () => {
    const page = await open('/demo/intranet.html');
    await waitForBadges(page, [ZOE, SIOBHAN]);
    await page.locator(`tl-badge[data-staff-key="${ZOE}"]`).first().hover();
    await waitForCard(page, ZOE);
    const before = await page.evaluate(() => document.body.innerText);
    const worker = await ext.ensureServiceWorker();
    const tabId = await tabIdOf(worker, page.url());
    expect(await sendToTab(worker, tabId, { type: 'tl:overlayStop' })).toEqual({ stopped: true });
    await expect.poll(() => page.locator('tl-badge, tl-card').count(), { timeout: 10_000 }).toBe(0);
    expect(await page.evaluate(() => document.body.innerText)).toBe(before);
    // And it stays off for names added afterwards.
    await page.evaluate(() => document.body.append('Zoë Müller'));
    expect(await sendToTab(worker, tabId, { type: 'tl:peopleOnPage' })).toMatchObject({ error: expect.any(String) });
    expect(await page.locator('tl-badge').count()).toBe(0);
    await page.close();
  });
});

describe('page overlay on real pages (shared fixtures) with planted names', () => {
  it.each(['wikipedia-2.html', 'guardian-1.html'])(
    '%s: planted names get badges, the page keeps working',
    async (file) => {
      const page = await open(`/fixtures/${file}`);
      await page.evaluate(() => {
        const target = document.querySelector('main, article, #content, #bodyContent') ?? document.body;
        const p = document.createElement('p');
        p.textContent = 'Quoted by Zoë Müller and José Núñez of the Shared Digital service.';
        target.prepend(p);
        const li = document.createElement('li');
        li.textContent = 'Amy Smith-Jones';
        (document.querySelector('ul') ?? target).append(li);
      });
      await waitForBadges(page, [ZOE, JOSE, AMY], 30_000);
      expect(ext.pageErrors.filter((e) => e.includes(file) && /tl-|transition/i.test(e))).toEqual([]);
      await page.close();
    },
  );
});

describe('dynamic and hostile pages', () => {
  it('annotates names a page adds after load, including rewritten text', async () => {
    const page = await open('/pages/dynamic-names.html');
    await waitForBadges(page, [ZOE, JOSE, AMY]);
    // Each once: the overlay never annotates its own badges again.
    expect((await badgeKeys(page)).sort()).toEqual([AMY, JOSE, ZOE].sort());
    await page.close();
  });

  it('works under a strict Content Security Policy, card included', async () => {
    const page = await open('/csp/strict.html');
    await waitForBadges(page, [ZOE, JOSE]);
    await page.locator(`tl-badge[data-staff-key="${ZOE}"]`).hover();
    const frame = await waitForCard(page, ZOE);
    expect(await frame.locator('h1').innerText()).toBe('Zoë Müller');
    await screenshot(page, 'overlay-csp');
    await page.close();
  });

  it('is not affected by a page that patches attachShadow, appendChild and insertBefore', async () => {
    const page = await open('/pages/patched-prototypes.html');
    await waitForBadges(page, [ZOE]);
    const seen = await page.evaluate(() => ({
      log: (window as unknown as { patchLog: Record<string, number> }).patchLog,
      shadow: document.querySelector('tl-badge')?.shadowRoot ?? null,
    }));
    // Our code runs in the content script's own world: the page's patched methods never saw it.
    expect(seen).toEqual({ log: { attachShadow: 0, appendChild: 0, insertBefore: 0 }, shadow: null });
    await page.close();
  });

  it('ignores forged postMessage traffic', async () => {
    const page = await open('/pages/forged-messages.html');
    await waitForBadges(page, [ZOE]);
    await page.locator(`tl-badge[data-staff-key="${ZOE}"]`).hover();
    await waitForCard(page, ZOE);
    const start = await page.evaluate(() => (window as unknown as { forged: number }).forged);
    // Let the page forge at least 20 more rounds (it sends every 100 ms, to the window and to the card's frame).
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { forged: number }).forged), { timeout: 15_000 })
      .toBeGreaterThan(start + 100);
    expect(await cardShown(page)).toBe(true);
    expect(await badgeKeys(page)).toEqual([ZOE]);
    await page.close();
  });

  it("leaves a page's own element counts and click handling as they were", async () => {
    const page = await open('/pages/counting-page.html');
    await waitForBadges(page, [ZOE, JOSE]);
    expect(await page.evaluate(() => (window as unknown as { countPeople(): number }).countPeople())).toBe(3);
    // A click on the name is the page's: its handler runs once and reads its own text node.
    await page.getByText('José Núñez', { exact: true }).click();
    await expect.poll(() => page.locator('#clicks').innerText()).toBe('1');
    expect(await page.evaluate(() => (window as unknown as { clickedTexts: string[] }).clickedTexts)).toEqual([
      'José Núñez',
    ]);
    // A click on the badge is ours: it opens the card and the page's handler does not run.
    await page.locator(`tl-badge[data-staff-key="${ZOE}"]`).click();
    await waitForCard(page, ZOE);
    expect(await page.locator('#clicks').innerText()).toBe('1');
    await page.close();
  });

  it('shows a surname that looks like HTML as text', async () => {
    const csv = 'Council,Employee number,Forename,Surname\r\nIslington,E2E0001,Bob,<img src=x onerror=alert(1)>\r\n';
    const preview = await askBackground<{ id: string }>(ext, {
      type: 'previewImport',
      source: 'e2e-html-name.csv',
      text: csv,
    });
    await askBackground(ext, { type: 'applyImport', id: preview.id });
    const page = await open('/pages/html-name.html');
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await waitForBadges(page, ['islington:E2E0001', ZOE]);
    expect(await page.locator('img').count()).toBe(0);
    // The name is read out as text; the readiness phrase follows when a transfer plan is set.
    const bob = (await badgeAccessibleNames(page)).filter((n) =>
      n.startsWith('Bob <img src=x onerror=alert(1)>, Islington'),
    );
    expect(bob).toHaveLength(1);
    expect(bob[0]).toMatch(/^Bob <img src=x onerror=alert\(1\)>, Islington(, [a-z ]+)?: show details$/);
    await page.locator('tl-badge[data-staff-key="islington:E2E0001"]').hover();
    const frame = await waitForCard(page, 'islington:E2E0001');
    expect(await frame.locator('h1').innerText()).toBe('Bob <img src=x onerror=alert(1)>');
    expect(await frame.locator('img').count()).toBe(0);
    expect(dialogs).toBe(0);
    await page.close();
  });
});

describe('cost on a page with no names', () => {
  it('puts only the small first stage into a page that names nobody, and the whole overlay once a name appears', async () => {
    server.setRoute('/quiet/page.html', () => ({
      headers: { 'Content-Type': 'text/html; charset=utf-8' },
      body: '<!doctype html><html lang="en-GB"><title>Quiet</title><h1>Team news</h1><p id="news">Annual leave and a new kettle.</p></html>',
    }));
    const page = await ext.context.newPage();
    const cdp = await page.context().newCDPSession(page);
    const parsed = new Set<string>();
    cdp.on('Debugger.scriptParsed', (e: { url: string }) => {
      if (e.url.startsWith('chrome-extension://')) parsed.add(e.url.split('/').slice(3).join('/'));
    });
    await cdp.send('Debugger.enable');
    await page.goto(`${server.origin}/quiet/page.html?open=${++opened}`, { waitUntil: 'load' });
    const worker = await ext.ensureServiceWorker();
    const tabId = await tabIdOf(worker, page.url());
    // The first stage answers the side panel with the index version it looked with, and nobody on the page.
    await expect
      .poll(async () => sendToTab(worker, tabId, { type: 'tl:peopleOnPage' }), { timeout: 20_000 })
      .toMatchObject({ version: expect.any(Number), people: [] });
    expect([...parsed]).toEqual(['content-scripts/probe.js']);
    // A name arrives later (a chat, a search result): the whole overlay comes in and badges it.
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Zoë Müller joined the team.';
      document.body.append(p);
    });
    await waitForBadges(page, [ZOE]);
    expect([...parsed].sort()).toEqual(['content-scripts/content.js', 'content-scripts/probe.js']);
    await cdp.detach().catch(() => undefined);
    await page.close();
  });

  it('brings the whole overlay to a watched page when the register changes to name someone on it', async () => {
    server.setRoute('/quiet/welcome.html', () => ({
      headers: { 'Content-Type': 'text/html; charset=utf-8' },
      body: '<!doctype html><html lang="en-GB"><title>Welcome</title><p>Please welcome Ada Quill to the team.</p></html>',
    }));
    const page = await open('/quiet/welcome.html');
    const worker = await ext.ensureServiceWorker();
    const tabId = await tabIdOf(worker, page.url());
    await expect
      .poll(async () => sendToTab(worker, tabId, { type: 'tl:peopleOnPage' }), { timeout: 20_000 })
      .toMatchObject({ version: expect.any(Number), people: [] });
    expect(await page.locator('tl-badge').count()).toBe(0);
    // Zoë Müller's record now says Ada Quill: the first stage hears of the change, looks again and finds her.
    await askBackground(ext, { type: 'updatePerson', key: ZOE, patch: { forename: 'Ada', surname: 'Quill' } });
    try {
      await waitForBadges(page, [ZOE]);
    } finally {
      await askBackground(ext, { type: 'updatePerson', key: ZOE, patch: { forename: 'Zoë', surname: 'Müller' } });
    }
    await page.close();
  });

  it('measures the main-thread cost of the overlay on a large page (reported, not just asserted)', async () => {
    // The same page twice: on 127.0.0.1 (overlay on) and on localhost (not switched on).
    const measure = async (origin: string) => {
      const page = await ext.context.newPage();
      await page.addInitScript(() => {
        const w = window as unknown as { longTasks: number[] };
        w.longTasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.longTasks.push(Math.round(e.duration));
        }).observe({ type: 'longtask', buffered: true });
      });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(`${origin}/fixtures/nytimes-5.html`, { waitUntil: 'load' });
      return { page, cdp };
    };
    const metrics = async (cdp: Awaited<ReturnType<typeof measure>>['cdp']) => {
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      const get = (n: string) => metrics.find((m) => m.name === n)?.value ?? 0;
      return { script: get('ScriptDuration') * 1000, task: get('TaskDuration') * 1000 };
    };
    const worker = await ext.ensureServiceWorker();
    const on = await measure(server.origin);
    const tabId = await tabIdOf(worker, on.page.url());
    // Done when the content script has its index and reports the page (the annotator works in idle slices).
    await expect
      .poll(
        async () => ((await sendToTab(worker, tabId, { type: 'tl:peopleOnPage' })) as { version?: unknown }).version,
        {
          timeout: 30_000,
        },
      )
      .toEqual(expect.any(Number));
    await on.page.evaluate(() => new Promise((r) => setTimeout(r, 1500)));
    const withOverlay = await metrics(on.cdp);
    const longTasks = await on.page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    const off = await measure(`http://localhost:${server.port}`);
    await off.page.evaluate(() => new Promise((r) => setTimeout(r, 1500)));
    const without = await metrics(off.cdp);
    const longTasksWithout = await off.page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    expect(await off.page.locator('tl-badge').count()).toBe(0);
    console.log(
      `[overlay cost] nytimes-5.html: script ${withOverlay.script.toFixed(0)} ms with overlay vs ${without.script.toFixed(0)} ms without; ` +
        `tasks ${withOverlay.task.toFixed(0)} vs ${without.task.toFixed(0)} ms; long tasks ${JSON.stringify(longTasks)} with vs ${JSON.stringify(longTasksWithout)} without; ` +
        `badges: ${await on.page.locator('tl-badge').count()}`,
    );
    expect(Number.isFinite(withOverlay.script - without.script)).toBe(true);
    await on.page.close();
    await off.page.close();
  });
});

describe('a register of over 12,000 people', () => {
  it('reaches the tab in pages, and a person from the first and from the last page is badged', async () => {
    const ROWS = 12_000;
    const letters = (n: number) => {
      let s = '';
      do {
        s = String.fromCharCode(97 + (n % 26)) + s;
        n = Math.floor(n / 26);
      } while (n > 0);
      return s;
    };
    const surname = (i: number) => `Pemberton${letters(i)}`;
    const number = (i: number) => `LR${String(i).padStart(5, '0')}`;
    const lines = ['Council,Employee number,Forename,Surname'];
    for (let i = 0; i < ROWS; i++) lines.push(`Camden,${number(i)},Quentin,${surname(i)}`);
    const preview = await askBackground<{ id: string; counts: { added: number } }>(ext, {
      type: 'previewImport',
      source: 'e2e-large-register.csv',
      text: `${lines.join('\r\n')}\r\n`,
    });
    expect(preview.counts.added).toBe(ROWS);
    await askBackground(ext, { type: 'applyImport', id: preview.id });
    server.setRoute('/generated/large-register.html', () => ({
      headers: { 'Content-Type': 'text/html; charset=utf-8' },
      body:
        '<!doctype html><html lang="en-GB"><head><title>Team</title></head><body><h1>Team</h1>' +
        `<p>Line manager: Quentin ${surname(ROWS - 1)}.</p><p>Also in the team: Quentin ${surname(3)}.</p></body></html>`,
    }));
    const page = await open('/generated/large-register.html');
    const wanted = [`camden:${number(ROWS - 1)}`, `camden:${number(3)}`];
    await waitForBadges(page, wanted, 60_000);
    expect((await badgeKeys(page)).sort()).toEqual([...wanted].sort());
    await page.close();
  }, 180_000);
});
