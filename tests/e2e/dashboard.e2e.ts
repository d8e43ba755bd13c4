/**
 * The dashboard (options.html), one test per user job, driven the way a person would: through labels, roles and
 * visible text. Every test starts from a known register (wiped, then the fictional demo data loaded through the
 * background's own messages), so each can run, or be retried, on its own.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNCILS, PENSION_ITEMS, councilName, serviceCategoryName, type ServiceCategory } from '../../lib/domain';
import { launchExtension, repoRoot, type ExtensionGlobal, type ExtensionHandle } from './harness';

interface Expected {
  people: { total: number };
  fte: {
    total: number;
    byCouncil: Record<string, number>;
    byCouncilAndCategory: Record<string, Record<string, number>>;
  };
  readiness: Record<string, Record<string, number>>;
}

const LONG = 30_000;
const USER_NAME = 'Robin Okafor (HR officer)';

let ext: ExtensionHandle;
let expected: Expected;

beforeAll(async () => {
  expected = JSON.parse(await readFile(path.join(repoRoot, 'public', 'demo', 'expected.json'), 'utf8')) as Expected;
  ext = await launchExtension();
});
afterAll(async () => {
  await ext?.close();
});

/** Sends a runtime message from an extension page, as the dashboard does, and fails on a refused request. */
async function send(page: Page, message: Record<string, unknown>): Promise<unknown> {
  const answer = (await page.evaluate(
    (m) => (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage(m),
    message,
  )) as { ok: boolean; error?: string; data?: unknown };
  if (!answer?.ok) throw new Error(`${String(message.type)} failed: ${answer?.error ?? 'no answer'}`);
  return answer.data;
}

/** Wipes everything and, unless asked not to, loads the demo data: a known starting point for each test. */
async function resetRegister(demo = true): Promise<void> {
  const page = await ext.openExtensionPage('popup.html');
  try {
    await send(page, { type: 'wipeAll' });
    if (demo) {
      const data = (await send(page, { type: 'loadDemoData' })) as { records: number };
      expect(data.records).toBe(expected.people.total);
    }
  } finally {
    await page.close();
  }
}

/** Opens the dashboard at a hash route and waits until the register has loaded (or shown as empty). */
async function openDashboard(hash: string): Promise<Page> {
  const page = await ext.openExtensionPage('options.html', hash);
  await expect.poll(() => page.getByText('Loading the register…').count(), { timeout: LONG }).toBe(0);
  return page;
}

/** The register's live count line ("34 people of 461 Clear filters"). */
function countLine(page: Page): Locator {
  return page.getByRole('status').filter({ hasText: /^\s*[\d,]+ (people|person)\b/ });
}

async function registerCount(page: Page): Promise<number | undefined> {
  const line = countLine(page);
  if ((await line.count()) !== 1) return undefined;
  const text = (await line.textContent()) ?? '';
  const m = /^\s*([\d,]+)/.exec(text);
  return m?.[1] ? Number(m[1].replace(/,/g, '')) : undefined;
}

async function waitForCount(page: Page, n: number): Promise<void> {
  await expect.poll(() => registerCount(page), { timeout: LONG }).toBe(n);
}

/**
 * The count once it is for the filters in the address (the filters write it; the list catches up a render later,
 * and the page reads a new address a moment after it is set).
 */
async function settledCount(page: Page): Promise<number> {
  const settled = async () => {
    const forAddress = await page.evaluate(() => {
      const line = document.querySelector('.tl-register__count');
      return line?.getAttribute('aria-busy') === 'false' && line.getAttribute('data-filters') === window.location.hash;
    });
    return forAddress ? registerCount(page) : undefined;
  };
  await expect.poll(settled, { timeout: LONG }).toBeTypeOf('number');
  return (await registerCount(page))!;
}

function registerTable(page: Page): Locator {
  return page.getByRole('table', { name: 'Staff register' });
}

/** The register's data rows in the DOM (virtualised: only those in view and a few more). */
function dataRows(page: Page): Locator {
  return registerTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });
}

/**
 * Every name in the (virtualised) register, by scrolling its list from top to bottom and reading the rows that
 * exist at each step. Stops when the list is at its end and the number of names equals the count line.
 */
async function allRegisterNames(page: Page, count: number): Promise<string[]> {
  const names = new Map<number, string>();
  const scroller = registerTable(page).locator('.tl-grid__scroller');
  await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
  for (let step = 0; step < 10_000; step++) {
    const batch = await registerTable(page)
      .getByRole('row')
      .evaluateAll((rows) =>
        rows
          .filter((r) => r.querySelector('[role="cell"]'))
          .map((r) => ({
            index: Number(r.getAttribute('aria-rowindex')),
            name: r.querySelector('[role="cell"] a')?.textContent ?? '',
          })),
      );
    for (const b of batch) names.set(b.index, b.name);
    const atEnd = await scroller.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 1);
    if (atEnd && names.size >= count) break;
    if (atEnd) {
      // Rows at the very end may still be rendering after the last scroll: read again.
      await expect.poll(() => dataRows(page).count(), { timeout: LONG }).toBeGreaterThan(0);
      continue;
    }
    await scroller.evaluate((el) => el.scrollBy({ top: el.clientHeight / 2 }));
  }
  return [...names.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n);
}

async function openFilters(page: Page): Promise<void> {
  const summary = page.getByText(/^Filters/, { exact: false }).first();
  const details = page.locator('details', { has: summary });
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await summary.click();
  await page.getByLabel('Council', { exact: true }).waitFor({ state: 'visible', timeout: LONG });
}

describe('dashboard user jobs', () => {
  it('offers fictional demo data on an empty register, loads it, and lists the demo staff', async () => {
    await resetRegister(false);
    const page = await openDashboard('/register');
    const empty = page.getByRole('region', { name: 'The register is empty' });
    await empty.waitFor({ state: 'visible', timeout: LONG });
    await expect.poll(() => empty.textContent()).toMatch(/demo data is fictional/i);
    expect(await countLine(page).count()).toBe(0);

    await empty.getByRole('button', { name: 'Load demo data' }).click();
    // The panel goes as soon as the register reloads; the page's own status line says what was loaded.
    await page
      .getByRole('status')
      .filter({ hasText: `Loaded ${expected.people.total} fictional people.` })
      .waitFor({ timeout: LONG });
    await waitForCount(page, expected.people.total);
    await expect.poll(() => empty.count(), { timeout: LONG }).toBe(0);

    // The list shows people with links to their pages, and only a window of them is in the DOM.
    await expect.poll(() => dataRows(page).count(), { timeout: LONG }).toBeGreaterThan(5);
    expect(await dataRows(page).count()).toBeLessThan(80);
    expect(await registerTable(page).getAttribute('aria-rowcount')).toBe(String(expected.people.total + 1));
    const firstName = dataRows(page).first().getByRole('link');
    expect(((await firstName.textContent()) ?? '').trim()).not.toBe('');
    await page.close();
  });

  it('reproduces the FTE baseline by council and service category on the Teams page', async () => {
    await resetRegister();
    const page = await openDashboard('/teams');
    const table = page.getByRole('table', { name: 'FTE by service category and council' });
    await table.waitFor({ state: 'visible', timeout: LONG });
    const grid = await table.evaluate((t: HTMLTableElement) => {
      const heads = [...t.tHead!.rows[0]!.cells].map((c) => c.textContent!.trim());
      const rows = [...t.rows].slice(1).map((r) => [...r.cells].map((c) => c.textContent!.trim()));
      return { heads, rows };
    });
    const col = (council: string) => grid.heads.indexOf(council);
    const row = (header: string) => grid.rows.find((r) => r[0] === header);

    for (const council of COUNCILS) {
      expect(col(councilName[council])).toBeGreaterThan(0);
      for (const [category, fte] of Object.entries(expected.fte.byCouncilAndCategory[council]!)) {
        const cells = row(serviceCategoryName[category as ServiceCategory]);
        expect(cells, category).toBeDefined();
        expect(Number(cells![col(councilName[council])]), `${council} ${category}`).toBeCloseTo(fte, 5);
      }
    }
    const totals = row('Total')!;
    expect(totals[col('Islington')]).toBe('138.1');
    expect(totals[col('Camden')]).toBe('175.0');
    expect(totals[col('Haringey')]).toBe('91.7');
    for (const council of COUNCILS) {
      expect(Number(totals[col(councilName[council])])).toBeCloseTo(expected.fte.byCouncil[council]!, 5);
    }
    expect(Number(totals[grid.heads.indexOf('Total')])).toBeCloseTo(expected.fte.total, 5);
    await page.close();
  });

  it('HR officer: ticks the last pension item of a blocked Haringey person; readiness, counts and history follow', async () => {
    await resetRegister();
    // The officer's name, as shown in each person's history.
    const page = await openDashboard('/settings');
    await page.getByLabel('Name shown in each person’s history').fill(USER_NAME);
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByText('Your name is saved.').waitFor({ timeout: LONG });

    await page.getByRole('link', { name: 'Register', exact: true }).click();
    await waitForCount(page, expected.people.total);
    await openFilters(page);
    await page.getByLabel('Council', { exact: true }).selectOption({ label: 'Haringey' });
    await page.getByLabel('Readiness', { exact: true }).selectOption({ label: 'Blocked' });
    const blockedBefore = expected.readiness.haringey!.blocked!;
    await waitForCount(page, blockedBefore);

    // Narrow to one person whose only blocker is a single pension item (demo data has several such people).
    await page.getByLabel('Search').fill('Yusuf Ahmed');
    await waitForCount(page, 1);
    await dataRows(page).first().getByRole('link', { name: 'Yusuf Ahmed' }).click();
    await page.getByRole('heading', { level: 1, name: 'Yusuf Ahmed' }).waitFor({ timeout: LONG });

    const readiness = page.getByRole('complementary', { name: 'Readiness' });
    const blockers = readiness.getByRole('list', { name: 'Blockers' });
    await blockers.waitFor({ timeout: LONG });
    expect(await blockers.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^Pension checklist: 1 item to do/),
    ]);
    expect(await readiness.textContent()).toMatch(/Blocked/);

    // Exactly one checklist item is still to do: mark it done.
    const states = await Promise.all(
      PENSION_ITEMS.map((item, i) =>
        page.getByRole('combobox', { name: `${i + 1}. ${item.label} state`, exact: true }).inputValue(),
      ),
    );
    expect(states.filter((s) => s === 'todo')).toHaveLength(1);
    const todoIndex = states.indexOf('todo');
    const item = PENSION_ITEMS[todoIndex]!;
    await page
      .getByRole('combobox', { name: `${todoIndex + 1}. ${item.label} state`, exact: true })
      .selectOption({ label: 'Done' });
    await readiness.getByText(/Not saved yet: pension checklist/).waitFor({ timeout: LONG });
    await readiness.getByRole('button', { name: 'Save changes' }).click();
    await readiness.getByText('Saved.', { exact: true }).waitFor({ timeout: LONG });
    await expect.poll(() => blockers.count(), { timeout: LONG }).toBe(0);
    expect(await readiness.textContent()).toMatch(/Ready/);
    expect(await readiness.textContent()).not.toMatch(/Blocked/);

    // The history names the change, the new value and the officer.
    const history = page.getByRole('region', { name: 'History' });
    const entry = history.getByRole('row').filter({ hasText: item.id }).filter({ hasText: USER_NAME });
    await entry.first().waitFor({ timeout: LONG });
    expect(await entry.first().textContent()).toMatch(/→\s*done/i);

    // Back in the register: one fewer blocked Haringey person, one more ready.
    await page.getByRole('link', { name: 'Back to the register' }).click();
    await page.evaluate(() => {
      window.location.hash = '#/register?council=haringey&readiness=blocked';
    });
    await waitForCount(page, blockedBefore - 1);
    await page.evaluate(() => {
      window.location.hash = '#/register?council=haringey&readiness=ready';
    });
    await waitForCount(page, expected.readiness.haringey!.ready! + 1);

    // The readiness page agrees.
    await page.getByRole('link', { name: 'Readiness', exact: true }).click();
    const link = page.getByRole('link', { name: /^\d+ Haringey: blocked$/ });
    await expect.poll(() => link.textContent(), { timeout: LONG }).toBe(String(blockedBefore - 1));
    await page.close();
  });

  it('search narrows the register as you type, and the filter lives in the address (reload keeps it)', async () => {
    await resetRegister();
    const page = await openDashboard('/register');
    await waitForCount(page, expected.people.total);
    const search = page.getByLabel('Search');
    await search.click();
    await search.pressSequentially('Yu');
    await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: LONG }).toContain('q=Yu');
    const afterTwo = await settledCount(page);
    expect(afterTwo).toBeLessThan(expected.people.total);
    expect(afterTwo).toBeGreaterThan(1);
    await search.pressSequentially('suf Ahmed');
    await waitForCount(page, 1);
    expect((await dataRows(page).first().getByRole('link').textContent())?.trim()).toBe('Yusuf Ahmed');
    await expect
      .poll(() => page.evaluate(() => new URLSearchParams(window.location.hash.split('?')[1]).get('q')), {
        timeout: LONG,
      })
      .toBe('Yusuf Ahmed');

    await page.reload({ waitUntil: 'load' });
    await waitForCount(page, 1);
    expect(await page.getByLabel('Search').inputValue()).toBe('Yusuf Ahmed');
    expect((await dataRows(page).first().getByRole('link').textContent())?.trim()).toBe('Yusuf Ahmed');

    // Clearing the box brings everyone back.
    await page.getByLabel('Search').fill('');
    await waitForCount(page, expected.people.total);
    await page.close();
  });

  it('manager: moves through the team tree with the keyboard and opens "my team" from a manager’s record', async () => {
    await resetRegister();
    const page = await openDashboard('/teams');
    const tree = page.getByRole('tree', { name: 'Staff by line manager' });
    await tree.waitFor({ timeout: LONG });
    const focused = page.locator('[role="treeitem"]:focus');

    // Tab into the tree: focus lands on the first item (roving tabindex).
    const first = tree.getByRole('treeitem').first();
    await first.focus();
    await expect.poll(() => focused.getAttribute('aria-level')).toBe('1');
    // Find a root with reports (ArrowDown over roots until one can expand).
    for (let i = 0; i < 50 && (await focused.getAttribute('aria-expanded')) === null; i++) {
      await page.keyboard.press('ArrowDown');
    }
    expect(await focused.getAttribute('aria-expanded')).toBe('false');
    const managerKey = (await focused.getAttribute('data-key'))!;
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => focused.getAttribute('aria-expanded')).toBe('true');
    expect(await focused.getAttribute('data-key')).toBe(managerKey);
    // ArrowRight again moves into the branch; ArrowDown moves to the next report.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => focused.getAttribute('aria-level')).toBe('2');
    const firstReport = await focused.getAttribute('data-key');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focused.getAttribute('data-key')).not.toBe(firstReport);
    // ArrowLeft on a report returns to the manager; ArrowLeft again closes the branch.
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => focused.getAttribute('data-key')).toBe(managerKey);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => focused.getAttribute('aria-expanded')).toBe('false');

    // Enter opens the manager's record, which links to their team.
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => decodeURIComponent(window.location.hash)), { timeout: LONG })
      .toBe(`#/person/${managerKey}`);
    const myTeam = page.getByRole('link', { name: /^My team: \d+ (people report|person reports) to / });
    await myTeam.waitFor({ timeout: LONG });
    const reports = Number(/My team: (\d+)/.exec((await myTeam.textContent()) ?? '')?.[1]);
    expect(reports).toBeGreaterThan(0);
    await myTeam.click();
    await waitForCount(page, reports);
    await openFilters(page);
    expect(await page.getByLabel('Line manager', { exact: true }).inputValue()).toBe(managerKey);
    await page.close();
  });

  it('transition lead: filters, downloads the consultation CSV, and the file matches the filtered register', async () => {
    await resetRegister();
    const page = await openDashboard('/register');
    await waitForCount(page, expected.people.total);
    await openFilters(page);
    await page.getByLabel('Council', { exact: true }).selectOption({ label: 'Haringey' });
    await page.getByLabel('TUPE scope', { exact: true }).selectOption({ label: 'In scope' });
    await page.getByLabel('TOM function', { exact: true }).selectOption({ label: 'Strategy & Architecture' });
    await expect
      .poll(() => page.evaluate(() => window.location.hash), { timeout: LONG })
      .toContain('tom=strategy-architecture');
    const count = await settledCount(page);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(expected.people.total);
    const registerNames = await allRegisterNames(page, count);
    expect(registerNames).toHaveLength(count);

    // The same choices on the consultation page.
    await page.getByRole('link', { name: 'Consultation', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Consultation lists' }).waitFor({ timeout: LONG });
    await page.getByRole('group', { name: 'Employing council' }).getByLabel('Haringey', { exact: true }).check();
    await page.getByRole('group', { name: 'Transfer scope' }).getByLabel('In scope', { exact: true }).check();
    await page
      .getByRole('group', { name: 'TOM function' })
      .getByLabel('Strategy & Architecture', { exact: true })
      .check();
    await page
      .getByRole('heading', { level: 2, name: `${count} ${count === 1 ? 'person' : 'people'}`, exact: true })
      .waitFor({ timeout: LONG });

    const downloading = page.waitForEvent('download', { timeout: LONG });
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const file = await download.path();
    const bytes = await readFile(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text).toContain('\r\n');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    const lines = text.split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toMatch(/^Name,/);
    const dataLines = lines.slice(1);
    expect(dataLines).toHaveLength(count);
    // Names are the first column; demo names have no commas or quotes.
    const csvNames = dataLines.map((l) => l.split(',')[0]!.replace(/^"|"$/g, ''));
    expect([...csvNames].sort()).toEqual([...registerNames].sort());
    // No cell can start a formula in a spreadsheet.
    for (const line of dataLines) {
      for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    await page
      .getByRole('status')
      .filter({ hasText: `Downloaded ${count} people` })
      .waitFor({ timeout: LONG });
    await page.close();
  });

  it('readiness page: counts table and chart, and a number opens the register filtered to exactly that many', async () => {
    await resetRegister();
    const page = await openDashboard('/readiness');
    await page.getByRole('heading', { level: 1, name: 'Transfer readiness' }).waitFor({ timeout: LONG });
    const byCouncil = page.getByRole('table', { name: 'Readiness by council' });
    await byCouncil.waitFor({ timeout: LONG });
    await page.getByRole('group', { name: 'Ready, at risk and blocked by council' }).waitFor({ timeout: LONG });

    for (const council of ['haringey', 'islington'] as const) {
      const e = expected.readiness[council]!;
      for (const [state, label] of [
        ['ready', 'ready'],
        ['at-risk', 'at risk'],
        ['blocked', 'blocked'],
      ] as const) {
        // Each count link is named by its number and what it counts: "31 Haringey: ready".
        const link = byCouncil.getByRole('link', {
          name: `${e[state]} ${councilName[council]}: ${label}`,
          exact: true,
        });
        expect(await link.textContent(), `${council} ${state}`).toBe(String(e[state]));
      }
    }

    const link = byCouncil.getByRole('link', { name: /^\d+ Islington: at risk$/ });
    const n = Number(await link.textContent());
    await link.click();
    await waitForCount(page, n);
    const params = await page.evaluate(() => window.location.hash);
    expect(params).toMatch(/^#\/register\?/);
    expect(params).toContain('council=islington');
    expect(params).toContain('readiness=at-risk');
    await openFilters(page);
    expect(await page.getByLabel('Readiness', { exact: true }).inputValue()).toBe('at-risk');
    await page.close();
  });

  it('settings: wiping all data offers an export first, asks to confirm, and leaves the register empty', async () => {
    await resetRegister();
    const page = await openDashboard('/settings');
    const wipe = page.getByRole('region', { name: 'Wipe all data' });
    await wipe.waitFor({ timeout: LONG });

    const downloading = page.waitForEvent('download', { timeout: LONG });
    await wipe.getByRole('button', { name: 'Export the register first' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^staff-register-.*\.csv$/);
    const exported = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
    expect(exported.split(/\r?\n/).filter((l) => l !== '').length).toBe(expected.people.total + 1);
    await wipe.getByRole('status').filter({ hasText: 'The register was downloaded as' }).waitFor({ timeout: LONG });

    await wipe.getByRole('button', { name: 'Wipe all data…' }).click();
    const dialog = page.getByRole('alertdialog', {
      name: `Wipe ${expected.people.total} staff records and all settings?`,
    });
    await dialog.waitFor({ timeout: LONG });
    // Cancel leaves everything in place.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await wipe.getByRole('button', { name: 'Wipe all data…' }).click();
    await dialog.getByRole('button', { name: 'Yes, wipe everything' }).click();
    await wipe.getByRole('status').filter({ hasText: 'All data is wiped' }).waitFor({ timeout: LONG });

    await page.getByRole('link', { name: 'Register', exact: true }).click();
    await page.getByRole('region', { name: 'The register is empty' }).waitFor({ timeout: LONG });
    expect(await countLine(page).count()).toBe(0);
    // Still empty after a fresh load.
    await page.reload({ waitUntil: 'load' });
    await page.getByRole('region', { name: 'The register is empty' }).waitFor({ timeout: LONG });
    expect(await page.getByRole('button', { name: 'Load demo data' }).count()).toBe(1);
    expect(ext.pageErrors).toEqual([]);
    await page.close();
  });
});
