/**
 * The background as a person meets it: demo data loaded from the dashboard shows up on the demo intranet, a CSV
 * address in Settings syncs (preview, apply, 304 when unchanged, failures change nothing and say why), and the
 * register survives a browser restart on the same profile.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { StaffRecord } from '@/lib/domain';
import {
  launchExtension,
  repoRoot,
  startStaticServer,
  type ExtensionGlobal,
  type ExtensionHandle,
  type RouteResponse,
  type StaticServer,
} from './harness';
import { askBackground, badgeKeys, pollUntil, waitForBadges } from './overlay-helpers';

interface Expected {
  people: { total: number };
  intranet: { mentions: { text: string; keys: string[] }[] };
}

interface Register {
  version: number;
  records: StaffRecord[];
  damaged: unknown[];
}

let server: StaticServer;
let expected: Expected;
let ext: ExtensionHandle | undefined;
let routeNo = 0;

beforeAll(async () => {
  expected = JSON.parse(await readFile(path.join(repoRoot, 'public', 'demo', 'expected.json'), 'utf8')) as Expected;
  server = await startStaticServer();
});

afterAll(async () => {
  await server?.close();
});

afterEach(async () => {
  // Every test starts on a fresh profile: a retried test never sees what its first attempt left behind.
  await ext?.close();
  ext = undefined;
});

async function fresh(): Promise<ExtensionHandle> {
  ext = await launchExtension();
  return ext;
}

function register(e: ExtensionHandle): Promise<Register> {
  return askBackground<Register>(e, { type: 'getRegister' });
}

/** The dashboard's "Load demo data" button on the empty register, as a person would use it. */
async function loadDemoFromDashboard(e: ExtensionHandle): Promise<Page> {
  const page = await e.openExtensionPage('options.html', '/register');
  await page.getByRole('button', { name: 'Load demo data' }).click({ timeout: 30_000 });
  // Once the register has people, the dashboard replaces the empty-register panel with the register itself.
  await page.getByRole('heading', { name: 'The register is empty' }).waitFor({ state: 'detached', timeout: 45_000 });
  await page.getByRole('heading', { name: 'Staff register' }).waitFor({ timeout: 30_000 });
  return page;
}

async function waitForOverlayRegistration(e: ExtensionHandle): Promise<void> {
  await pollUntil(async () => {
    const w = await e.ensureServiceWorker();
    return w.evaluate(async () => {
      const { chrome } = globalThis as unknown as ExtensionGlobal;
      const scripts = await chrome.scripting.getRegisteredContentScripts();
      return scripts.some((s) => (s.matches ?? []).includes('http://127.0.0.1/*'));
    });
  }, 'the overlay content script to be registered for 127.0.0.1');
}

function wantedBadgeKeys(): string[] {
  return [...new Set(expected.intranet.mentions.map((m) => m.keys.join(' ')))];
}

describe('demo data on the demo intranet', () => {
  it('loads the demo register from the dashboard, then annotates every expected name on the intranet', async () => {
    const e = await fresh();
    const dashboard = await loadDemoFromDashboard(e);
    const reg = await register(e);
    expect(reg.records).toHaveLength(expected.people.total);
    expect(reg.damaged).toEqual([]);
    await dashboard.close();

    await waitForOverlayRegistration(e);
    const page = await e.context.newPage();
    await page.goto(`${server.origin}/demo/intranet.html`, { waitUntil: 'load' });
    const wanted = wantedBadgeKeys();
    await waitForBadges(page, wanted, 30_000);
    const found = await badgeKeys(page);
    // Nothing annotated that should not be, and the ambiguous John Smith carries both of his keys.
    expect([...new Set(found)].filter((k) => !wanted.includes(k))).toEqual([]);
    expect(found).toContain('haringey:H29018 islington:778824');
    const keyed = await page.$$eval('[data-staff-key]', (els) => els.map((el) => el.getAttribute('data-staff-key')));
    for (const key of wanted) expect(keyed).toContain(key);
  }, 180_000);
});

const ETAG = '"register-v1"';
const SYNC_HEADER = 'Emp No,Forename,Surname,Work email,Employer,Job title,FTE';
const SYNC_ROWS = [
  'SY1001,Ada,Okonkwo,ada.okonkwo@camden.example,Camden,Service Desk Analyst,1',
  'SY1002,Bartholomew,Quist,bart.quist@islington.example,Islington,Network Engineer,0.6',
  'SY1003,Ceridwen,Ashby,ceridwen.ashby@haringey.example,Haringey,Project Manager,1',
];

describe('sync from a CSV address', () => {
  it('previews and applies a synced file, gets 304 next time, and keeps the register on a failure', async () => {
    const e = await fresh();
    const routePath = `/hr/register-${++routeNo}-${Date.now()}.csv`;
    let mode: 'ok' | 'error' | 'junk' = 'ok';
    server.setRoute(routePath, (): RouteResponse => {
      if (mode === 'error') return { status: 500, body: 'Internal error' };
      if (mode === 'junk') {
        return {
          headers: { 'Content-Type': 'text/csv' },
          body: Buffer.from([0x00, 0xff, 0x13, 0x88, 0x00, 0x00, 0xfe, 0x01, 0x02, 0x7f, 0x00, 0x9c]),
        };
      }
      return { headers: { ETag: ETAG }, body: `${SYNC_HEADER}\n${SYNC_ROWS.join('\n')}\n` };
    });
    const url = `${server.origin}${routePath}`;
    const served = () => server.requests.filter((r) => r.path === routePath);

    const page = await e.openExtensionPage('options.html', '/settings');
    await page.getByLabel('Address of the staff CSV file (optional)').fill(url);
    await page.getByRole('button', { name: 'Save CSV source' }).click();
    await page.getByText('CSV source saved.').waitFor({ timeout: 30_000 });

    // First sync: the file is new, so its changes wait for review (apply without asking is off by default).
    await page.getByRole('button', { name: 'Sync now' }).click({ timeout: 30_000 });
    await page.getByText(/changes waiting for you to check and apply/).waitFor({ timeout: 30_000 });
    expect(served()).toHaveLength(1);
    expect(served()[0]?.status).toBe(200);
    expect(served()[0]?.headers['if-none-match']).toBeUndefined();
    expect((await register(e)).records).toHaveLength(0);

    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Changes waiting for review' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Review' }).click();
    const counts = page.getByRole('list', { name: 'Counts' });
    await counts.waitFor({ timeout: 30_000 });
    expect(await counts.innerText()).toMatch(/3\s+added/);
    await page.getByRole('button', { name: 'Apply import' }).click();
    await page.getByText(/Import applied: 3 people added/).waitFor({ timeout: 30_000 });

    const applied = await register(e);
    expect(applied.records.map((r) => `${r.council}:${r.employeeNumber} ${r.forename} ${r.surname}`).sort()).toEqual([
      'camden:SY1001 Ada Okonkwo',
      'haringey:SY1003 Ceridwen Ashby',
      'islington:SY1002 Bartholomew Quist',
    ]);

    // Second sync: the browser sends the ETag back, the server answers 304, nothing changes.
    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Sync now' }).click({ timeout: 30_000 });
    await page.getByText('The register file has not changed since the last sync.').waitFor({ timeout: 30_000 });
    const second = served().at(-1);
    expect(served()).toHaveLength(2);
    expect(second?.headers['if-none-match']).toBe(ETAG);
    expect(second?.status).toBe(304);
    expect(await register(e)).toEqual(applied);

    // The server fails: the register is unchanged and the reason is shown in plain words.
    mode = 'error';
    await page.getByRole('button', { name: 'Sync now' }).click({ timeout: 30_000 });
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: 'The server answered 500' }).waitFor({ timeout: 30_000 });
    expect(await alert.innerText()).toContain('The register was not changed.');
    expect(served().at(-1)?.status).toBe(500);
    expect(await register(e)).toEqual(applied);

    // The server sends binary junk as a "CSV": nothing is imported, the page says the file could not be read.
    mode = 'junk';
    await page.getByRole('button', { name: 'Sync now' }).click({ timeout: 30_000 });
    await alert.filter({ hasText: 'could not be read' }).waitFor({ timeout: 30_000 });
    expect(await alert.innerText()).toContain('The register was not changed.');
    expect(served().at(-1)?.status).toBe(200);
    expect(await register(e)).toEqual(applied);
    server.removeRoute(routePath);
  }, 180_000);
});

describe('persistence', () => {
  it('keeps the register, the settings and the overlay after the browser restarts on the same profile', async () => {
    const e = await fresh();
    const dashboard = await loadDemoFromDashboard(e);
    await dashboard.close();
    const before = await register(e);
    expect(before.records).toHaveLength(expected.people.total);

    await e.restart();
    const after = await register(e);
    expect(after.version).toBe(before.version);
    expect(after.records).toHaveLength(expected.people.total);
    expect(after.records).toEqual(before.records);
    const settings = await askBackground<{ activePlanId?: string }>(e, { type: 'getSettings' });
    expect(settings.activePlanId).toBe('camden-tupe');

    // The dashboard shows the register (no "empty" panel), and the overlay still annotates the intranet.
    const page = await e.openExtensionPage('options.html', '/register');
    await page.getByRole('heading', { name: 'Staff register' }).waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: 'The register is empty' }).waitFor({ state: 'detached', timeout: 30_000 });
    await waitForOverlayRegistration(e);
    const intranet = await e.context.newPage();
    await intranet.goto(`${server.origin}/demo/intranet.html`, { waitUntil: 'load' });
    await waitForBadges(intranet, wantedBadgeKeys(), 30_000);
  }, 240_000);
});
