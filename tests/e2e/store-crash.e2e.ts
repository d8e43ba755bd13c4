/**
 * An import is all or nothing even when Chromium stops the service worker in the middle of it: a large import
 * (20,000 rows) is applied and the worker is stopped through the DevTools protocol at several delays. After the
 * worker starts again the register holds either every imported person or none of them, never part.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { launchExtension, type ExtensionGlobal, type ExtensionHandle } from './harness';

const ROWS = 20_000;
/** Milliseconds between sending applyImport and stopping the worker. */
const DELAYS = [0, 500, 2500, 8000];

let ext: ExtensionHandle;
let page: Page;
let cdp: CDPSession;
let baseline = 0;

function bigExport(): string {
  const councils = ['Camden', 'Islington', 'Haringey'];
  const lines = ['Emp No,Forename,Surname,Work email,Employer,FTE'];
  for (let i = 0; i < ROWS; i++) {
    const n = String(500000 + i);
    lines.push(`BIG${n},Person${n},Bulk${i % 97},person${n}@example.org,${councils[i % 3]},1`);
  }
  return `${lines.join('\n')}\n`;
}

interface Answer<T> {
  ok: boolean;
  data?: T;
  error?: string;
}

/** Sends a message from the extension page; retries while the worker is (re)starting. */
async function ask<T>(message: unknown, attempts = 10): Promise<T> {
  let last = '';
  for (let i = 0; i < attempts; i++) {
    const answer = (await page
      .evaluate(async (m) => {
        const { chrome } = globalThis as unknown as ExtensionGlobal;
        try {
          return (await chrome.runtime.sendMessage(m)) as unknown;
        } catch (e) {
          return { ok: false, error: `sendMessage failed: ${String(e)}` };
        }
      }, message)
      .catch((e: unknown) => ({ ok: false, error: String(e) }))) as Answer<T> | undefined;
    if (answer?.ok) return answer.data as T;
    last = answer?.error ?? 'no answer';
    if (!/sendMessage failed|no answer|Receiving end|closed/i.test(last)) break;
    await page.waitForTimeout(250 * (i + 1)); // back-off while Chromium starts the worker again, not a wait for a result
  }
  throw new Error(`Background refused ${JSON.stringify(message).slice(0, 60)}: ${last}`);
}

/** Counts the register's records inside the page (20,000 records are not copied to Node). */
async function count(): Promise<{ records: number; damaged: number; version: number }> {
  for (let i = 0; i < 10; i++) {
    const r = (await page.evaluate(async () => {
      const { chrome } = globalThis as unknown as ExtensionGlobal;
      try {
        const a = (await chrome.runtime.sendMessage({ type: 'getRegister' })) as {
          ok: boolean;
          data?: { records: unknown[]; damaged: unknown[]; version: number };
          error?: string;
        };
        if (!a?.ok || !a.data) return { error: a?.error ?? 'no answer' };
        return { records: a.data.records.length, damaged: a.data.damaged.length, version: a.data.version };
      } catch (e) {
        return { error: String(e) };
      }
    })) as { records: number; damaged: number; version: number } | { error: string };
    if (!('error' in r)) return r;
    await page.waitForTimeout(250 * (i + 1));
  }
  throw new Error('The background did not answer getRegister after the worker was stopped');
}

beforeAll(async () => {
  ext = await launchExtension();
  const worker = await ext.ensureServiceWorker();
  await worker.evaluate(async () => {
    const g = globalThis as unknown as { transitionLens: { loadDemoData(): Promise<unknown> } };
    await g.transitionLens.loadDemoData();
  });
  page = await ext.openExtensionPage('options.html', '/import');
  cdp = await ext.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  baseline = (await count()).records;
}, 120_000);

afterAll(async () => {
  await cdp?.detach().catch(() => undefined);
  await ext?.close();
});

describe('an import interrupted by the service worker stopping', () => {
  it('leaves the register fully imported or untouched, at every delay', async () => {
    // A retry starts again from the demo register alone, whatever the failed attempt left behind.
    if ((await count()).records !== 461) {
      await ask({ type: 'wipeAll' });
      await ask({ type: 'loadDemoData' });
      baseline = (await count()).records;
    }
    expect(baseline).toBe(461);
    const text = bigExport();
    const outcomes: string[] = [];
    for (const delay of DELAYS) {
      const preview = await ask<{ id: string; counts: { added: number; invalid: number } }>({
        type: 'previewImport',
        source: 'File: big-export.csv',
        text,
      });
      expect(preview.counts.added).toBe(ROWS);
      expect(preview.counts.invalid).toBe(0);
      const before = await count();
      expect(before.records).toBe(baseline);

      // Apply without waiting for the answer, then stop every service worker after `delay` ms.
      await page.evaluate((id) => {
        const { chrome } = globalThis as unknown as ExtensionGlobal;
        (window as unknown as { applying: Promise<unknown> }).applying = chrome.runtime
          .sendMessage({ type: 'applyImport', id, choices: {} })
          .catch((e: unknown) => ({ ok: false, error: String(e) }));
      }, preview.id);
      const started = Date.now();
      // The delay is the point of the test (where in the import the worker stops), not a wait for a result.
      if (delay > 0) await page.waitForTimeout(delay);
      await cdp.send('ServiceWorker.stopAllWorkers');
      const stoppedAfter = Date.now() - started;
      // A stopped worker never answers: sendMessage then settles with undefined or an error.
      const answer = (await page.evaluate(() => (window as unknown as { applying: Promise<unknown> }).applying)) as
        { ok?: boolean } | undefined;

      const after = await count();
      expect(after.damaged).toBe(0);
      expect([baseline, baseline + ROWS]).toContain(after.records);
      if (answer?.ok) expect(after.records).toBe(baseline + ROWS); // an acknowledged import is never lost
      const applied = after.records === baseline + ROWS;
      outcomes.push(
        `stop after ${delay} ms (sent ${stoppedAfter} ms): ${applied ? 'fully imported' : 'untouched'}${answer?.ok ? ' (answered)' : ''}`,
      );

      if (applied) {
        // The import history must hold it, and undo must take every one of its people out again.
        const undone = await ask<{ removed: number }>({ type: 'undoLastImport' });
        expect(undone.removed).toBe(ROWS);
        expect((await count()).records).toBe(baseline);
      } else {
        expect(after.version).toBe(before.version);
      }
    }
    console.log(`Interrupted imports of ${ROWS} rows:\n  ${outcomes.join('\n  ')}`);
  }, 600_000);
});

describe('an import applied by the Import page, closed in the middle of it', () => {
  // The Import page writes the store itself (one transaction) and then tells the background: closing the page at
  // any moment must leave the register fully imported or untouched, and the background must see which.
  it('leaves the register fully imported or untouched, and the background answers with what is stored', async () => {
    const buffer = Buffer.from(bigExport());
    const outcomes: string[] = [];
    for (const delay of [0, 300, 1500]) {
      const before = await count();
      const importer = await ext.openExtensionPage('options.html', '/import');
      await importer.getByLabel('CSV file').setInputFiles({ name: 'big-export.csv', mimeType: 'text/csv', buffer });
      await importer.getByRole('heading', { name: 'What is in big-export.csv' }).waitFor({ timeout: 60_000 });
      await importer.getByRole('button', { name: 'Preview changes' }).click({ timeout: 60_000 });
      await importer.getByRole('heading', { name: 'What this import will do' }).waitFor({ timeout: 60_000 });
      await importer.getByRole('button', { name: 'Apply import' }).click();
      // The delay is the point of the test (where in the apply the page goes), not a wait for a result.
      if (delay > 0) await importer.waitForTimeout(delay);
      await importer.close();

      const after = await count();
      expect(after.damaged).toBe(0);
      expect([before.records, before.records + ROWS]).toContain(after.records);
      const applied = after.records === before.records + ROWS;
      outcomes.push(`page closed ${delay} ms after "Apply import": ${applied ? 'fully imported' : 'untouched'}`);
      if (applied) {
        const undone = await ask<{ removed: number }>({ type: 'undoLastImport' });
        expect(undone.removed).toBe(ROWS);
        expect((await count()).records).toBe(before.records);
      } else {
        expect(after.version).toBe(before.version);
      }
    }
    console.log(`Import page closed during apply (${ROWS} rows):\n  ${outcomes.join('\n  ')}`);
  }, 600_000);
});
