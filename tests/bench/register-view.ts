/**
 * Register view benchmark: a 100,000-person register in the built extension, in real Chromium.
 *
 *   npm run bench:register-view
 *
 * 1. Builds a register-format CSV: the 461 fictional demo people plus copies with new employee numbers and
 *    mixed names (lib/demo + lib/csv's exportRegister), up to TL_BENCH_PEOPLE (default 100,000).
 * 2. Imports it the normal way, from an extension page: loadDemoData (for the demo plan and settings), then
 *    previewImport and applyImport messages to the background, in files of 20,000 people
 *    (TL_BENCH_FILE_PEOPLE): a runtime message is limited to 64 MiB, and 50,000 people already overflow it.
 * 3. Measures in the dashboard's register view:
 *    - first render: navigation start → first data row in the DOM (performance.now() in the page), and how many
 *      rows the DOM holds (the list is virtualised, so this stays small);
 *    - a filter keystroke: from the keydown of one character in the search box to the count line changing
 *      (a MutationObserver in the page), median of several.
 *
 * Uses `.output-e2e/chrome-mv3` (or $TL_E2E_EXTENSION), building it first when it is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { exportRegister } from '../../lib/csv/export';
import { DEMO_PLAN, generateDemoStaff } from '../../lib/demo';
import type { StaffRecord } from '../../lib/domain';
import { launchExtension, repoRoot, type ExtensionGlobal } from '../e2e/harness';

const PEOPLE = Number(process.env.TL_BENCH_PEOPLE ?? 100_000);
const FIRST_RENDER_RUNS = Number(process.env.TL_BENCH_RUNS ?? 3);
const FILE_PEOPLE = Number(process.env.TL_BENCH_FILE_PEOPLE ?? 20_000);
const KEYSTROKE_LETTERS = ['e', 'a', 'o', 'i', 'r', 'n', 'l'];
const TIMEOUT = 600_000;

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The demo people, then copies of them with new numbers and recombined names, to `n` records. */
export function syntheticRegister(n: number): StaffRecord[] {
  const demo = generateDemoStaff();
  const out: StaffRecord[] = [...demo];
  for (let i = 0; out.length < n; i++) {
    const base = demo[i % demo.length]!;
    const other = demo[(i * 7 + 3) % demo.length]!;
    out.push({
      ...base,
      employeeNumber: `${base.employeeNumber}-${i}`,
      forename: other.forename || base.forename,
      surname: base.surname ? `${base.surname}-${other.surname || 'Lee'}` : base.surname,
      knownAs: undefined,
      otherSpellings: [],
      emails: [],
      history: [],
      localEdits: {},
    });
  }
  return out;
}

export async function send<T>(page: Page, message: Record<string, unknown>): Promise<T> {
  const answer = (await page.evaluate(
    (m) => (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage(m),
    message,
  )) as { ok: boolean; error?: string; data?: T };
  if (!answer?.ok) throw new Error(`${String(message.type)} failed: ${answer?.error ?? 'no answer'}`);
  return answer.data as T;
}

/**
 * The register as register-format CSV files of at most FILE_PEOPLE people. A runtime message is limited to 64 MiB:
 * 100,000 people in the full register format are about 58 MB of text, and 50,000 (29 MB) already overflow the limit
 * (request or preview answer). Each file adds its people; those of earlier files stay (marked as not in the latest
 * roster).
 */
export function registerFiles(records: readonly StaffRecord[]): string[] {
  const files: string[] = [];
  for (let i = 0; i < records.length; i += FILE_PEOPLE) {
    files.push(exportRegister(records.slice(i, i + FILE_PEOPLE), [DEMO_PLAN.id]));
  }
  return files;
}

/** Imports the files the normal way (previewImport, applyImport) from an extension page. */
export async function importFiles(
  control: Page,
  files: readonly string[],
): Promise<{ previewMs: number; applyMs: number }> {
  let previewMs = 0;
  let applyMs = 0;
  for (const [i, text] of files.entries()) {
    let t = performance.now();
    const preview = await send<{ id: string; problem?: string }>(control, {
      type: 'previewImport',
      source: `synthetic register ${i + 1}`,
      text,
    });
    if (preview.problem) throw new Error(`Preview refused: ${preview.problem}`);
    previewMs += performance.now() - t;
    t = performance.now();
    await send(control, { type: 'applyImport', id: preview.id, choices: {} });
    applyMs += performance.now() - t;
  }
  return { previewMs, applyMs };
}

export function ensureBuilt(): string {
  const dir = path.resolve(repoRoot, process.env.TL_E2E_EXTENSION ?? '.output-e2e/chrome-mv3');
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    console.log('Building the extension into .output-e2e …');
    execFileSync('npx', ['wxt', 'build'], {
      cwd: repoRoot,
      stdio: 'inherit',
      env: { ...process.env, TL_SITES: 'http://127.0.0.1/*', TL_OUT_DIR: '.output-e2e' },
    });
  }
  return dir;
}

const COUNT_SELECTOR = '.tl-register__count';

async function countText(page: Page): Promise<string> {
  return ((await page.locator(COUNT_SELECTOR).textContent()) ?? '').trim();
}

interface Render {
  /** Navigation start → first data row in the DOM. */
  ms: number;
  /** Navigation start → the whole register loaded (the "Loading the register" line gone). */
  allMs: number;
  domRows: number;
}

/** Opens the register: navigation → first data row, → whole register loaded (ms), and the rows in the DOM. */
async function firstRender(page: Page, url: string): Promise<Render> {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit', timeout: TIMEOUT });
  const handle = await page.waitForFunction(
    () => {
      const row = document.querySelector('[role="table"] [role="row"] [role="cell"]');
      if (row) return performance.now();
      // The dashboard's own error ("The register could not be loaded") ends the wait with its text.
      const alert = document.querySelector('[role="alert"]');
      return alert ? `error: ${alert.textContent ?? ''}` : false;
    },
    undefined,
    { polling: 'raf', timeout: TIMEOUT },
  );
  const value = (await handle.jsonValue()) as number | string;
  if (typeof value === 'string') throw new Error(`The register view did not load: ${value}`);
  const ms = value;
  const domRows = await page.evaluate(
    () => document.querySelectorAll('[role="table"] [role="row"]:has([role="cell"])').length,
  );
  const all = await page.waitForFunction(
    () => (document.querySelector('[data-loading-register]') ? false : performance.now()),
    undefined,
    { polling: 'raf', timeout: TIMEOUT },
  );
  return { ms, allMs: (await all.jsonValue()) as number, domRows };
}

/** Types one letter into an empty search box; keydown → count line changed (ms). */
async function keystroke(page: Page, letter: string, fullCount: string): Promise<{ ms: number; count: string }> {
  const search = page.getByLabel('Search');
  await search.fill('');
  await page.waitForFunction(
    ([sel, text]) => document.querySelector(sel!)?.textContent?.trim() === text,
    [COUNT_SELECTOR, fullCount],
    { timeout: TIMEOUT },
  );
  await search.focus();
  await page.evaluate(
    ([sel, letter]) => {
      const w = window as unknown as { __bench?: { down?: number; changed?: number } };
      const state: { down?: number; changed?: number } = {};
      w.__bench = state;
      const line = document.querySelector(sel)!;
      const before = line.textContent;
      const input = document.getElementById('register-search')!;
      input.addEventListener('keydown', () => (state.down ??= performance.now()), { capture: true, once: true });
      // The count is for the typed letter once the line says so (data-query): "of 100,000" shows at once, the
      // filtered number a render later.
      const observer = new MutationObserver(() => {
        const el = line as HTMLElement;
        if (el.dataset.query === letter && line.textContent !== before && state.changed === undefined) {
          state.changed = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(line, { childList: true, subtree: true, characterData: true, attributes: true });
    },
    [COUNT_SELECTOR, letter] as const,
  );
  await page.keyboard.press(letter);
  const handle = await page.waitForFunction(
    () => {
      const s = (window as unknown as { __bench?: { down?: number; changed?: number } }).__bench;
      return s?.down !== undefined && s.changed !== undefined ? s.changed - s.down : false;
    },
    undefined,
    { polling: 'raf', timeout: TIMEOUT },
  );
  return { ms: (await handle.jsonValue()) as number, count: await countText(page) };
}

async function main() {
  const extensionPath = ensureBuilt();
  let t = performance.now();
  const records = syntheticRegister(PEOPLE);
  const files = registerFiles(records);
  const generateMs = performance.now() - t;
  const mb = files.reduce((n, f) => n + f.length, 0) / 1e6;
  console.log(
    `Generated ${records.length.toLocaleString('en-GB')} people, ${mb.toFixed(1)} MB of CSV in ${files.length} files`,
  );

  const ext = await launchExtension({ extensionPath });
  try {
    const control = await ext.openExtensionPage('popup.html');
    await send(control, { type: 'wipeAll' });
    await send(control, { type: 'loadDemoData' });
    t = performance.now();
    const { previewMs, applyMs } = await importFiles(control, files);
    // The register is not read back here: getRegister answers with every record, which for 100,000 people is
    // itself over the 64 MiB message limit. The count line below checks the number instead.
    await control.close();

    const page = await ext.context.newPage();
    const url = ext.extensionUrl('options.html', '/register');
    // The first opening after the import also waits for the background to read and check the whole register
    // (it drops its copy after an import); later openings find it ready, as after any normal start.
    const cold = await firstRender(page, url);
    const renders: Render[] = [];
    for (let i = 0; i < FIRST_RENDER_RUNS; i++) renders.push(await firstRender(page, url));
    const fullCount = await countText(page);
    if (!fullCount.startsWith(PEOPLE.toLocaleString('en-GB'))) {
      throw new Error(`The count line reads "${fullCount}", not ${PEOPLE.toLocaleString('en-GB')} people`);
    }
    const strokes: { letter: string; ms: number; count: string }[] = [];
    for (const letter of KEYSTROKE_LETTERS) strokes.push({ letter, ...(await keystroke(page, letter, fullCount)) });
    const domRowsAfter = await page.evaluate(
      () => document.querySelectorAll('[role="table"] [role="row"]:has([role="cell"])').length,
    );
    await page.close();

    const f = (ms: number) => `${Math.round(ms).toLocaleString('en-GB')} ms`;
    const rows: [string, string][] = [
      ['People in the register', records.length.toLocaleString('en-GB')],
      ['Generate CSV (Node)', f(generateMs)],
      [`previewImport (background, ${files.length} files)`, f(previewMs)],
      [`applyImport (background, ${files.length} files)`, f(applyMs)],
      ['First opening after the import: first rows', f(cold.ms)],
      ['First opening after the import: whole register', f(cold.allMs)],
      [
        `First rows visible, median of ${renders.length}`,
        `${f(median(renders.map((r) => r.ms)))} (each: ${renders.map((r) => Math.round(r.ms)).join(', ')})`,
      ],
      [
        `Whole register loaded, median of ${renders.length}`,
        `${f(median(renders.map((r) => r.allMs)))} (each: ${renders.map((r) => Math.round(r.allMs)).join(', ')})`,
      ],
      ['Rows in the DOM at first render', renders.map((r) => r.domRows).join(', ')],
      [
        `Filter keystroke → count updated, median of ${strokes.length}`,
        `${f(median(strokes.map((s) => s.ms)))} (max ${f(Math.max(...strokes.map((s) => s.ms)))})`,
      ],
      ['Rows in the DOM after filtering', String(domRowsAfter)],
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(`\nRegister view, ${PEOPLE.toLocaleString('en-GB')}-person register (Chromium, built extension)\n`);
    for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
    console.log('\nKeystrokes:');
    for (const s of strokes) console.log(`  "${s.letter}"  ${f(s.ms).padStart(9)}  → ${s.count.replace(/\s+/g, ' ')}`);
    if (Math.max(...renders.map((r) => r.domRows), domRowsAfter) > 200) {
      throw new Error('The register put more than 200 rows in the DOM: it is not virtualised');
    }
  } finally {
    await ext.close();
  }
}

// Run when started as a script (npm run bench:register-view), not when another file imports syntheticRegister.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
