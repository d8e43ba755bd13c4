import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Badge } from '@/lib/overlay/badge';
import type { Annotator } from '@/lib/overlay/annotator';
import type { MatchPerson } from '@/lib/match';
import { launchChromium, overlayPageScript } from './in-chromium';
import type { OverlayPageApi } from './page-entry';

interface TestWindow {
  tlOverlay: OverlayPageApi;
  ann: Annotator;
  made: Badge[];
}

type Person = MatchPerson & { readiness?: string };

const people: Person[] = [
  { key: 'haringey:1234', forename: 'Zoë', surname: 'Müller', employeeNumber: '1234', readiness: 'at-risk' },
  { key: 'camden:2001', forename: 'Ann', surname: 'Lee', employeeNumber: '2001', readiness: 'not-applicable' },
  { key: 'islington:3001', forename: 'Ann', surname: 'Lee', employeeNumber: '3001', readiness: 'ready' },
  { key: 'islington:3002', forename: 'Bob', surname: '<img src=x onerror=alert(1)>', employeeNumber: '3002' },
  { key: 'camden:2002', forename: 'Priya', surname: 'Shah', employeeNumber: '2002', readiness: 'blocked' },
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

async function annotate(html: string, options: { sliceMs?: number; start?: boolean } = {}): Promise<Page> {
  const page = await browser.newPage();
  await page.setContent(`<!doctype html><html><body>${html}</body></html>`);
  await page.addScriptTag({ content: script });
  await page.evaluate(
    ({ people, sliceMs, start }) => {
      const w = window as unknown as TestWindow;
      const matcher = w.tlOverlay.buildMatcher(people);
      const byKey = new Map(
        people.map((p) => [
          p.key,
          {
            key: p.key,
            name: `${p.forename} ${p.surname}`,
            council: p.key.split(':')[0] as 'camden',
            ...(p.readiness ? { readiness: p.readiness as 'ready' } : {}),
          },
        ]),
      );
      w.made = [];
      w.ann = w.tlOverlay.createAnnotator({
        root: document.body,
        findAll: (text) => matcher.findAll(text),
        describe: (keys) => {
          const found = keys.flatMap((k) => byKey.get(k) ?? []);
          return found.length ? w.tlOverlay.describeBadge(keys, found) : undefined;
        },
        onBadge: (b) => w.made.push(b),
        ...(sliceMs ? { sliceMs } : {}),
      });
      if (start) w.ann.start();
    },
    { people, sliceMs: options.sliceMs, start: options.start ?? true },
  );
  if (options.start ?? true) await settle(page);
  return page;
}

/** Waits until the annotator has nothing queued (it works in idle slices). */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as TestWindow).ann.idle, undefined, { timeout: 20_000 });
}

function hostKeys(page: Page): Promise<string[]> {
  return page.$$eval('tl-badge', (els) => els.map((e) => e.getAttribute('data-staff-key') ?? ''));
}

describe('annotator in Chromium', () => {
  it('puts a badge right after each name and leaves the page text as it was', async () => {
    const page = await annotate('<p id="p">Ask Zoë Müller or Priya Shah about it.</p><div>Ann Lee</div>');
    const before = 'Ask Zoë Müller or Priya Shah about it.Ann Lee';
    expect(await hostKeys(page)).toEqual(['haringey:1234', 'camden:2002', 'camden:2001 islington:3001']);
    // The badges' words are in closed shadow roots: the page's own text is unchanged.
    expect(await page.evaluate(() => document.body.textContent)).toBe(before);
    const layout = await page.evaluate(() => {
      const p = document.getElementById('p') as HTMLElement;
      const first = p.querySelector('tl-badge') as HTMLElement;
      return {
        prev: first.previousSibling?.textContent,
        next: first.nextSibling?.textContent,
        shadow: first.shadowRoot,
      };
    });
    expect(layout).toEqual({ prev: 'Ask Zoë Müller', next: ' or Priya Shah', shadow: null });
    await page.close();
  });

  it('gives each badge a focusable button with the council letter, words and accessible name', async () => {
    const page = await annotate('<p>Zoë Müller; Ann Lee</p>');
    const inside = await page.evaluate(() =>
      (window as unknown as TestWindow).made.map((b) => ({
        role: b.button.getAttribute('role'),
        tabindex: b.button.getAttribute('tabindex'),
        label: b.button.getAttribute('aria-label'),
        text: b.shadow.textContent,
      })),
    );
    expect(inside).toContainEqual({
      role: 'button',
      tabindex: '0',
      label: 'Zoë Müller, Haringey, at risk: show details',
      text: 'HHaringey!',
    });
    expect(inside).toContainEqual({
      role: 'button',
      tabindex: '0',
      label: '2 people named Ann Lee, Camden and Islington: show details',
      text: '?2 people',
    });
    await page.close();
  });

  it('shows a surname that looks like HTML as text, never as markup', async () => {
    const page = await annotate('<p id="p"></p>', { start: false });
    await page.evaluate(() => {
      // The page shows the name as text (escaped in its HTML), as a directory would.
      (document.getElementById('p') as HTMLElement).textContent = 'Bob <img src=x onerror=alert(1)> called.';
      (window as unknown as TestWindow).ann.start();
    });
    await settle(page);
    const result = await page.evaluate(() => ({
      images: document.querySelectorAll('img').length,
      label: (window as unknown as TestWindow).made[0]?.button.getAttribute('aria-label'),
      shadowImages: (window as unknown as TestWindow).made[0]?.shadow.querySelectorAll('img').length,
    }));
    expect(result).toEqual({
      images: 0,
      label: 'Bob <img src=x onerror=alert(1)>, Islington: show details',
      shadowImages: 0,
    });
    await page.close();
  });

  it('never alters links, buttons, form fields, editable regions, scripts or styles', async () => {
    const html = [
      '<a id="link" href="/people/zoe">Zoë <b>Müller</b></a>',
      '<button id="button">Priya Shah</button>',
      '<textarea id="ta">Priya Shah</textarea>',
      '<input id="input" value="Priya Shah">',
      '<select><option>Priya Shah</option></select>',
      '<div id="edit" contenteditable="true"><p>Priya Shah</p></div>',
      '<div contenteditable="false">Ann Lee</div>',
      '<span role="button">Priya Shah</span>',
      '<script>var x = "Priya Shah";</script><style>/* Priya Shah */</style>',
    ].join('');
    const page = await annotate(html);
    // Only the link (badge after it, not inside) and the non-editable region are annotated.
    expect(await hostKeys(page)).toEqual(['haringey:1234', 'camden:2001 islington:3001']);
    const link = await page.evaluate(() => {
      const a = document.getElementById('link') as HTMLElement;
      return { html: a.innerHTML, next: (a.nextSibling as Element | null)?.tagName };
    });
    expect(link).toEqual({ html: 'Zoë <b>Müller</b>', next: 'TL-BADGE' });
    expect(await page.locator('#edit').innerHTML()).toBe('<p>Priya Shah</p>');
    await page.close();
  });

  it('annotates names the page adds later, once, and never its own badges', async () => {
    const page = await annotate('<ul id="list"><li>Zoë Müller</li></ul>');
    await page.evaluate(() => {
      const li = document.createElement('li');
      li.textContent = 'Then Priya Shah joined';
      (document.getElementById('list') as HTMLElement).append(li);
    });
    await expect.poll(() => hostKeys(page), { timeout: 10_000 }).toEqual(['haringey:1234', 'camden:2002']);
    // Moving annotated content around (as list re-sorting does) adds no second badge.
    await page.evaluate(() => {
      const list = document.getElementById('list') as HTMLElement;
      list.append(list.firstElementChild as Element);
      list.append(list.firstElementChild as Element);
    });
    await settle(page);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
    await settle(page);
    expect((await hostKeys(page)).sort()).toEqual(['camden:2002', 'haringey:1234']);
    await page.close();
  });

  it('drops the badge when the page rewrites the text that named the person', async () => {
    const page = await annotate('<p id="p">Zoë Müller</p>');
    expect(await hostKeys(page)).toEqual(['haringey:1234']);
    await page.evaluate(() => {
      ((document.getElementById('p') as HTMLElement).firstChild as Text).data = 'Priya Shah';
    });
    await expect.poll(() => hostKeys(page), { timeout: 10_000 }).toEqual(['camden:2002']);
    await page.close();
  });

  it('stop() removes every badge and joins the text it split, leaving the same DOM', async () => {
    const html =
      '<p id="p">Ask Zoë Müller or Priya Shah, or Ann Lee.</p><a href="#">Ann Lee</a><div>x <i>Priya Shah</i> y</div>';
    const page = await annotate(html);
    const original = await page.evaluate(() => {
      const clone = document.body.cloneNode(true) as HTMLElement;
      clone.querySelectorAll('tl-badge, script').forEach((e) => e.remove());
      return clone.innerHTML;
    });
    expect((await hostKeys(page)).length).toBe(5);
    await page.evaluate(() => (window as unknown as TestWindow).ann.stop());
    const after = await page.evaluate(() => {
      const clone = document.body.cloneNode(true) as HTMLElement;
      clone.querySelectorAll('script').forEach((e) => e.remove());
      return { html: clone.innerHTML, textNodes: (document.getElementById('p') as HTMLElement).childNodes.length };
    });
    expect(after).toEqual({ html: original, textNodes: 1 });
    // Stopped means stopped: later additions stay bare.
    await page.evaluate(() => document.body.append('Zoë Müller again'));
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    expect(await hostKeys(page)).toEqual([]);
    await page.close();
  });

  it('works in short slices on a 20,000-row page', async () => {
    const page = await annotate('<main id="m"></main>', { start: false, sliceMs: 8 });
    const result = await page.evaluate(async () => {
      const m = document.getElementById('m') as HTMLElement;
      for (let i = 0; i < 20_000; i++) {
        const row = document.createElement('div');
        row.textContent = i % 50 === 0 ? `${i}: Priya Shah, Network engineer` : `${i}: a row without a name`;
        m.append(row);
      }
      const w = window as unknown as TestWindow;
      // Record each slice's length: the annotator's own work, without the browser's rendering between slices.
      const slices: number[] = [];
      const matcher = w.tlOverlay.buildMatcher([
        { key: 'camden:2002', forename: 'Priya', surname: 'Shah', employeeNumber: 'C-2002' },
      ]);
      const ann = w.tlOverlay.createAnnotator({
        root: document.body,
        findAll: (text) => matcher.findAll(text),
        describe: (keys) =>
          w.tlOverlay.describeBadge(keys, [{ key: 'camden:2002', name: 'Priya Shah', council: 'camden' }]),
        schedule: (task) => {
          const id = setTimeout(() => {
            const started = performance.now();
            task();
            slices.push(performance.now() - started);
          }, 0);
          return () => clearTimeout(id);
        },
      });
      ann.start();
      while (!ann.idle) await new Promise((r) => setTimeout(r, 20));
      slices.sort((a, b) => a - b);
      return {
        badges: document.querySelectorAll('tl-badge').length,
        slices: slices.length,
        median: slices[Math.floor(slices.length / 2)] ?? 0,
      };
    });
    expect(result.badges).toBe(400);
    // The work was cut up (a single pass would be one slice) and a typical slice keeps near its 8 ms budget
    // (wall-clock: on a loaded two-core machine a slice is now and then descheduled, hence the margin).
    expect(result.slices).toBeGreaterThan(3);
    expect(result.median).toBeLessThan(25);
    await page.close();
  }, 60_000);

  it('writes badges into the page in a few large batches, not after every slice', async () => {
    const page = await annotate('<main id="m"></main>', { start: false });
    const result = await page.evaluate(async () => {
      const m = document.getElementById('m') as HTMLElement;
      for (let i = 0; i < 20_000; i++) {
        const row = document.createElement('div');
        row.textContent = i % 10 === 0 ? `${i}: Priya Shah, Network engineer` : `${i}: a row without a name`;
        m.append(row);
      }
      const w = window as unknown as TestWindow;
      const matcher = w.tlOverlay.buildMatcher([
        { key: 'camden:2002', forename: 'Priya', surname: 'Shah', employeeNumber: 'C-2002' },
      ]);
      let slices = 0;
      /** Slices that changed the page (each would cost the page a layout of everything). */
      let writingSlices = 0;
      const ann = w.tlOverlay.createAnnotator({
        root: document.body,
        findAll: (text) => matcher.findAll(text),
        describe: (keys) =>
          w.tlOverlay.describeBadge(keys, [{ key: 'camden:2002', name: 'Priya Shah', council: 'camden' }]),
        sliceMs: 2,
        commitBatch: 600,
        writeMs: 10_000, // each batch in one slice however busy the machine
        schedule: (task) => {
          const id = setTimeout(() => {
            const before = document.querySelectorAll('tl-badge').length;
            task();
            slices++;
            if (document.querySelectorAll('tl-badge').length !== before) writingSlices++;
          }, 0);
          return () => clearTimeout(id);
        },
      });
      ann.start();
      while (!ann.idle) await new Promise((r) => setTimeout(r, 20));
      const hosts = [...document.querySelectorAll('tl-badge')];
      return {
        badges: hosts.length,
        besideName: hosts.every((h) => h.previousSibling?.textContent?.endsWith('Priya Shah') === true),
        people: ann.people().map((p) => [p.keys, p.count]),
        slices,
        writingSlices,
      };
    });
    expect(result.badges).toBe(2000);
    expect(result.besideName).toBe(true);
    expect(result.people).toEqual([[['camden:2002'], 2000]]);
    // 2,000 badges in batches of 600: the first slice's, then about four more, however many slices found them.
    expect(result.writingSlices).toBeLessThanOrEqual(6);
    expect(result.slices).toBeGreaterThan(result.writingSlices);
    await page.close();
  }, 60_000);

  it('badges what the text says when the page rewrites it after the name was found but before the badge went in', async () => {
    const filler = '<p>nothing here</p>'.repeat(40);
    const html = `<p>Priya Shah</p>${filler}<p id="a">Priya Shah</p>${filler}<p id="b">Zoë Müller</p>${filler}`;
    const page = await annotate(html, { start: false });
    const result = await page.evaluate(async () => {
      const w = window as unknown as TestWindow;
      const matcher = w.tlOverlay.buildMatcher([
        { key: 'camden:2002', forename: 'Priya', surname: 'Shah', employeeNumber: 'C-2002' },
        { key: 'camden:2001', forename: 'Ann', surname: 'Lee', employeeNumber: 'C-2001' },
      ]);
      const tasks: (() => void)[] = [];
      let made = 0;
      w.ann = w.tlOverlay.createAnnotator({
        root: document.body,
        findAll: (text) => matcher.findAll(text),
        describe: (keys) => w.tlOverlay.describeBadge(keys, [{ key: keys[0] as string, name: 'X', council: 'camden' }]),
        onBadge: () => made++,
        sliceMs: 0, // one step of the walk (16 text nodes) a slice
        schedule: (task) => {
          tasks.push(task);
          return () => tasks.splice(tasks.indexOf(task), 1);
        },
      });
      w.ann.start();
      const a = document.getElementById('a') as HTMLElement;
      let rewrote = false;
      while (tasks.length > 0) {
        (tasks.shift() as () => void)();
        // Between two slices: #a's name is found (its badge made) but not yet in the page.
        if (!rewrote && made === 2 && a.querySelector('tl-badge') === null) {
          (a.firstChild as Text).data = 'Ann Lee';
          document.getElementById('b')?.remove();
          rewrote = true;
        }
        await new Promise((r) => setTimeout(r, 0)); // lets the page's mutation records arrive
      }
      return { rewrote, text: a.textContent };
    });
    expect(result).toEqual({ rewrote: true, text: 'Ann Lee' });
    expect(await hostKeys(page)).toEqual(['camden:2002', 'camden:2001']);
    await page.close();
  });

  it('steps over links with markup, links in buttons and long scripts, and badges names in between', async () => {
    const longScript = `var people = ["Priya Shah"]; ${'x'.repeat(200)}`;
    const html = [
      '<p>Zoë Müller <a href="#1">see <i>Priya</i> Shah</a> and Ann Lee</p>',
      '<button><a href="#2">Zoë Müller</a></button>',
      '<div role="button">Priya Shah</div>',
      `<script>${longScript}</script>`,
      '<p><a href="#3">Priya Shah</a></p>',
    ].join('');
    const page = await annotate(html);
    expect(await hostKeys(page)).toEqual(['haringey:1234', 'camden:2002', 'camden:2001 islington:3001', 'camden:2002']);
    const links = await page.evaluate(() =>
      [...document.querySelectorAll('a')].map((a) => ({
        html: a.innerHTML,
        next: (a.nextSibling as Element | null)?.tagName ?? '',
      })),
    );
    expect(links).toEqual([
      { html: 'see <i>Priya</i> Shah', next: 'TL-BADGE' },
      { html: 'Zoë Müller', next: '' },
      { html: 'Priya Shah', next: 'TL-BADGE' },
    ]);
    await page.close();
  });

  it('keeps the skip rules when the page adds links or removes text while a sliced pass is under way', async () => {
    const page = await annotate('<main id="m"></main>', { start: false });
    const result = await page.evaluate(async () => {
      const m = document.getElementById('m') as HTMLElement;
      for (let i = 0; i < 3000; i++) {
        const row = document.createElement('p');
        row.id = `r${i}`;
        row.textContent = i % 100 === 0 ? `${i}: Priya Shah` : `${i}: nobody here`;
        m.append(row);
      }
      const w = window as unknown as TestWindow;
      const matcher = w.tlOverlay.buildMatcher([
        { key: 'camden:2002', forename: 'Priya', surname: 'Shah', employeeNumber: 'C-2002' },
      ]);
      let slices = 0;
      let changed = false;
      const ann = w.tlOverlay.createAnnotator({
        root: document.body,
        findAll: (text) => matcher.findAll(text),
        describe: (keys) =>
          w.tlOverlay.describeBadge(keys, [{ key: 'camden:2002', name: 'Priya Shah', council: 'camden' }]),
        // A tiny slice, so the page gets to change things between slices of the first pass.
        sliceMs: 0.2,
        schedule: (task) => {
          const id = setTimeout(() => {
            task();
            slices++;
            if (slices === 2 && !changed) {
              changed = true;
              // Ahead of the walk: a new link naming someone (badge after it, never inside it) and a
              // removed row; behind and ahead: rows moved.
              const link = document.createElement('a');
              link.href = '#x';
              link.append('Priya ', Object.assign(document.createElement('b'), { textContent: 'Shah' }));
              (document.getElementById('r2950') as HTMLElement).append(link);
              (document.getElementById('r2900') as HTMLElement).remove();
              m.prepend(document.getElementById('r2800') as HTMLElement);
            }
          }, 0);
          return () => clearTimeout(id);
        },
      });
      ann.start();
      while (!ann.idle) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 100));
      while (!ann.idle) await new Promise((r) => setTimeout(r, 20));
      const link = document.querySelector('a') as HTMLElement;
      return {
        changed,
        slices,
        badges: document.querySelectorAll('tl-badge').length,
        linkInside: link.querySelectorAll('tl-badge').length,
        afterLink: (link.nextSibling as Element | null)?.tagName,
        perRow: [...document.querySelectorAll('p')].filter((p) => p.querySelectorAll('tl-badge').length > 1).length,
      };
    });
    // 30 rows name Priya Shah, one of them was removed; the new link gets its badge after it.
    expect(result).toMatchObject({ changed: true, badges: 30, linkInside: 0, afterLink: 'TL-BADGE', perRow: 0 });
    expect(result.slices).toBeGreaterThan(2);
    await page.close();
  }, 60_000);

  it('lists the people on the page in page order and finds the first badge of each', async () => {
    const page = await annotate('<p>Priya Shah, Zoë Müller, Priya Shah</p>');
    const result = await page.evaluate(() => {
      const ann = (window as unknown as TestWindow).ann;
      const first = ann.firstBadgeFor(['camden:2002']);
      return {
        people: ann.people().map((p) => ({ keys: [...p.keys], count: p.count })),
        firstIsFirst: first?.host === document.querySelector('tl-badge'),
      };
    });
    expect(result).toEqual({
      people: [
        { keys: ['camden:2002'], count: 2 },
        { keys: ['haringey:1234'], count: 1 },
      ],
      firstIsFirst: true,
    });
    await page.close();
  });
});
