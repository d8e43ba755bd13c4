/**
 * Importing a CSV through the dashboard's Import page, as an HR officer would: choose the file, match an
 * unrecognised column, preview, apply; a second file shows a change old → new; the register survives a browser
 * restart; malformed files change nothing and list their problems by line; undo restores the last import.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { StaffRecord } from '@/lib/domain';
import { launchExtension, repoRoot, screenshot, type ExtensionHandle } from './harness';
import { askBackground } from './overlay-helpers';

interface Register {
  version: number;
  records: StaffRecord[];
  damaged: unknown[];
}

const fixtures = path.join(repoRoot, 'tests', 'e2e', 'fixtures');
const fixture = (name: string) => readFile(path.join(fixtures, name));

let ext: ExtensionHandle | undefined;

afterEach(async () => {
  // Each test starts on a fresh profile, so a retry never sees what the first attempt imported.
  await ext?.close();
  ext = undefined;
});

function register(e: ExtensionHandle): Promise<Register> {
  return askBackground<Register>(e, { type: 'getRegister' });
}

function summaries(reg: Register): string[] {
  return reg.records
    .map((r) => `${r.council}:${r.employeeNumber} ${r.forename} ${r.surname} fte=${r.fte} team=${r.team}`)
    .sort();
}

/** Chooses a file in the Import page's file picker and waits for step 2 (what is in the file). */
async function chooseFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page.getByLabel('CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer });
  await page.getByRole('heading', { name: `What is in ${name}` }).waitFor({ timeout: 30_000 });
}

async function preview(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Preview changes' }).click({ timeout: 30_000 });
  await page.getByRole('heading', { name: 'What this import will do' }).waitFor({ timeout: 30_000 });
}

async function apply(page: Page, report: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Apply import' }).click();
  await page.getByRole('heading', { name: 'Import complete' }).waitFor({ timeout: 30_000 });
  expect(await page.getByRole('status').filter({ hasText: 'Import applied' }).innerText()).toMatch(report);
}

async function countsText(page: Page): Promise<string> {
  return (await page.getByRole('list', { name: 'Counts' }).innerText()).replace(/\s+/g, ' ');
}

const V1 = [
  'camden:E1001 Priya Raman fte=1 team=Digital Services',
  'camden:E1002 Tomasz Wilk fte=0.8 team=Digital Services',
  'haringey:E1004 Hamish Baird fte=0.5 team=Applications',
  'islington:E1003 Grace Ofori fte=1 team=Infrastructure',
];
const V2 = V1.map((s) => s.replace('Wilk fte=0.8', 'Wilk fte=1'));

describe('import a CSV file from the dashboard', () => {
  it('maps an HR export, previews and applies it, shows a change old → new, survives a restart, undoes', async () => {
    const e = (ext = await launchExtension());
    const page = await e.openExtensionPage('options.html', '/import');
    await page.getByRole('heading', { name: 'Step 1 of 3: choose a file' }).waitFor({ timeout: 30_000 });

    // Step 2: the aliases are recognised; "Directorate" is not, and is matched to Team by hand.
    await chooseFile(page, 'hr-export.csv', await fixture('hr-export-v1.csv'));
    const directorate = page.getByRole('row', { name: /Directorate/ });
    expect(await directorate.innerText()).toContain('Not recognised');
    const directorateChoice = page.getByLabel('Directorate', { exact: true });
    expect(await directorateChoice.inputValue()).toBe('ignore');
    for (const [heading, field] of [
      ['Emp No', 'employeeNumber'],
      ['Forename', 'forename'],
      ['Surname', 'surname'],
      ['Work email', 'emails'],
      ['Employer', 'council'],
      ['Line manager', 'lineManager'],
      ['FTE', 'fte'],
    ] as const) {
      expect(await page.getByLabel(heading, { exact: true }).inputValue(), heading).toBe(field);
    }
    await directorateChoice.selectOption('team');
    await expect.poll(() => directorateChoice.inputValue(), { timeout: 10_000 }).toBe('team');
    expect(await page.getByText('No problems found in the rows.').count()).toBe(1);

    // Step 3: the preview, then apply.
    await preview(page);
    expect(await countsText(page)).toContain('4 added');
    expect(await page.getByRole('heading', { name: '4 people added' }).count()).toBe(1);
    await screenshot(page, 'import-preview-added');
    expect((await register(e)).records).toHaveLength(0); // a preview changes nothing
    await apply(page, /4 people added, 0 changed/);
    const afterFirst = await register(e);
    expect(summaries(afterFirst)).toEqual(V1);
    expect(afterFirst.records.find((r) => r.employeeNumber === 'E1002')?.lineManager).toBe('camden:E1001');

    // A second export of the same file: the column choice is remembered, and the preview shows old → new.
    await page.getByRole('button', { name: 'import another file' }).click();
    await chooseFile(page, 'hr-export.csv', await fixture('hr-export-v2.csv'));
    expect(await page.getByLabel('Directorate', { exact: true }).inputValue()).toBe('team');
    await preview(page);
    expect(await countsText(page)).toContain('0 added 1 changed 3 unchanged');
    const change = page
      .getByRole('table', { name: 'Changes field by field' })
      .getByRole('row', { name: /Tomasz Wilk/ });
    expect((await change.locator('td').allInnerTexts()).map((t) => t.trim())).toEqual(['FTE', '0.8', '1']);
    await screenshot(page, 'import-preview-changed');
    await apply(page, /0 people added, 1 changed, 3 unchanged/);
    const afterSecond = await register(e);
    expect(summaries(afterSecond)).toEqual(V2);

    // The browser restarts on the same profile: the register is still there.
    await e.restart();
    const afterRestart = await register(e);
    expect(afterRestart.version).toBe(afterSecond.version);
    expect(summaries(afterRestart)).toEqual(V2);

    // A malformed file: every row has a problem, each listed with its line; nothing can be applied.
    const again = await e.openExtensionPage('options.html', '/import');
    await again.getByRole('heading', { name: 'Step 1 of 3: choose a file' }).waitFor({ timeout: 30_000 });
    await chooseFile(again, 'hr-export-broken.csv', await fixture('hr-export-broken.csv'));
    const problems = again.getByRole('table', { name: 'Problems by line' });
    await problems.waitFor({ timeout: 30_000 });
    const rows = await problems.locator('tbody tr').allInnerTexts();
    const byLine = (line: number) => rows.filter((r) => r.startsWith(`${line}\t`)).join('\n');
    expect(byLine(2)).toMatch(/FTE/);
    expect(byLine(2)).toContain('full time');
    expect(byLine(3)).toMatch(/employee number/i);
    expect(byLine(4)).toMatch(/FTE/);
    expect(await again.getByRole('button', { name: 'Preview changes' }).isDisabled()).toBe(true);
    await again.getByText('No row of this file can be imported.').waitFor({ timeout: 10_000 });
    await screenshot(again, 'import-problems-by-line');
    expect(await register(e)).toEqual(afterRestart);

    // Binary junk with a .csv name: the page says plainly it is not a text file and reads nothing; register unchanged.
    await again.getByRole('button', { name: 'Cancel' }).click();
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    await again.getByLabel('CSV file').setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: junk });
    const notText = again.getByRole('alert').filter({ hasText: 'There is a problem' });
    await notText.waitFor({ timeout: 30_000 });
    expect(await notText.innerText()).toContain('export.csv is not a text file, so it cannot be a CSV file.');
    expect(await again.getByRole('heading', { name: 'What is in export.csv' }).count()).toBe(0);
    expect(await register(e)).toEqual(afterRestart);

    // Undo the last import: Tomasz Wilk's FTE goes back to 0.8.
    await again.getByRole('button', { name: 'Undo last import…' }).click({ timeout: 30_000 });
    const confirm = again.getByRole('alertdialog');
    await confirm.waitFor({ timeout: 30_000 });
    expect(await confirm.innerText()).toContain('1 record will go back to how they were before it');
    await again.getByRole('button', { name: 'Yes, undo the import' }).click();
    await again.getByText(/Import undone: 1 record restored/).waitFor({ timeout: 30_000 });
    expect(summaries(await register(e))).toEqual(V1);
  }, 240_000);
});
