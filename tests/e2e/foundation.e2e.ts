import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchExtension,
  repoRoot,
  screenshot,
  seriousAccessibilityViolations,
  startStaticServer,
  type ExtensionGlobal,
  type ExtensionHandle,
  type StaticServer,
} from './harness';

describe('production build manifest', () => {
  const manifestPath = path.join(repoRoot, '.output', 'chrome-mv3', 'manifest.json');

  it('is Manifest V3, asks for no host at install, and allows only its own scripts', async () => {
    const text = await readFile(manifestPath, 'utf8');
    const manifest = JSON.parse(text) as Record<string, unknown>;
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(text).not.toContain('<all_urls>');
    expect(text).not.toMatch(/unsafe-eval|unsafe-inline/);
    const csp = manifest.content_security_policy as { extension_pages?: string } | undefined;
    expect(csp?.extension_pages).toMatch(/(^|;)\s*script-src 'self'\s*(;|$)/);
    const background = manifest.background as { service_worker?: string } | undefined;
    expect(background?.service_worker).toBeTruthy();
  });
});

describe('static server', () => {
  let server: StaticServer;

  beforeAll(async () => {
    server = await startStaticServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('serves public files with their content type and answers a matching If-None-Match with 304', async () => {
    const first = await fetch(`${server.origin}/managed-schema.json`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(first.headers.get('last-modified')).toBeTruthy();
    expect((await first.json()) as unknown).toBeTypeOf('object');

    const second = await fetch(`${server.origin}/managed-schema.json`, { headers: { 'If-None-Match': etag! } });
    expect(second.status).toBe(304);
    const changed = await fetch(`${server.origin}/managed-schema.json`, { headers: { 'If-None-Match': '"other"' } });
    expect(changed.status).toBe(200);
  });

  it('serves custom routes, with ETags on returned bodies, and refuses paths outside its folders', async () => {
    let version = 1;
    server.setRoute('/register.csv', () => ({ body: `key,name\n${version},Example Person\n` }));
    server.setRoute('/broken.csv', () => ({ status: 500, body: 'Server error' }));

    const first = await fetch(`${server.origin}/register.csv`);
    expect(first.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const etag = first.headers.get('etag')!;
    expect((await fetch(`${server.origin}/register.csv`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    version = 2;
    const after = await fetch(`${server.origin}/register.csv`, { headers: { 'If-None-Match': etag } });
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('2,Example Person');

    expect((await fetch(`${server.origin}/broken.csv`)).status).toBe(500);
    const fixture = await fetch(`${server.origin}/fixtures/wikipedia-2.html`);
    expect(fixture.status).toBe(200);
    expect(fixture.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await fetch(`${server.origin}/no-such-file.html`)).status).toBe(404);
    expect((await fetch(`${server.origin}/%2e%2e/package.json`)).status).toBe(404);
    expect(server.requests.some((r) => r.path === '/broken.csv' && r.status === 500)).toBe(true);
  });
});

describe('extension in Chromium', () => {
  let ext: ExtensionHandle;

  beforeAll(async () => {
    ext = await launchExtension();
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('runs its service worker', async () => {
    expect(ext.extensionId).toMatch(/^[a-p]{32}$/);
    expect(ext.serviceWorker.url()).toBe(`chrome-extension://${ext.extensionId}/background.js`);
    const worker = await ext.ensureServiceWorker();
    expect(
      await worker.evaluate(
        () => (globalThis as unknown as ExtensionGlobal).chrome.runtime.getManifest().manifest_version,
      ),
    ).toBe(3);
  });

  it('grants the e2e build the local test site at install', async () => {
    const worker = await ext.ensureServiceWorker();
    const granted = await worker.evaluate(() =>
      (globalThis as unknown as ExtensionGlobal).chrome.permissions.contains({ origins: ['http://127.0.0.1/*'] }),
    );
    expect(granted).toBe(true);
  });

  it('keeps extension storage across a browser restart on the same profile', async () => {
    const before = await ext.ensureServiceWorker();
    await before.evaluate(() =>
      (globalThis as unknown as ExtensionGlobal).chrome.storage.local.set({ e2eRestartProbe: 'kept' }),
    );
    const id = ext.extensionId;
    await ext.restart();
    expect(ext.extensionId).toBe(id);
    expect(ext.serviceWorker).not.toBe(before);
    const after = await ext.ensureServiceWorker();
    const stored = await after.evaluate(() =>
      (globalThis as unknown as ExtensionGlobal).chrome.storage.local.get('e2eRestartProbe'),
    );
    expect(stored).toEqual({ e2eRestartProbe: 'kept' });
    await after.evaluate(() =>
      (globalThis as unknown as ExtensionGlobal).chrome.storage.local.remove('e2eRestartProbe'),
    );
  });

  for (const pagePath of ['popup.html', 'options.html'] as const) {
    it(`shows ${pagePath} with a heading, the product name and no serious accessibility failures`, async () => {
      const page = await ext.openExtensionPage(pagePath);
      // A blank or crashed page has no heading.
      await page.getByRole('heading').first().waitFor({ state: 'visible', timeout: 20_000 });
      // The product name, in a heading or in the page's banner (the dashboard shows it in its header).
      const productName = page
        .getByRole('heading', { name: /Transition Lens/i })
        .or(page.getByRole('banner').getByText(/Transition Lens/i));
      await productName.first().waitFor({ state: 'visible', timeout: 5_000 });
      expect(await page.title()).toMatch(/Transition Lens/);
      await screenshot(page, `foundation-${pagePath.replace('.html', '')}`);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      expect(ext.pageErrors.filter((e) => e.includes(pagePath))).toEqual([]);
      await page.close();
    });
  }

  it('reports serious accessibility failures on a page that has them', async () => {
    const server = await startStaticServer();
    try {
      server.setRoute('/bad.html', () => ({
        body: '<!doctype html><html lang="en"><head><title>Bad</title></head><body><main><h1>Bad</h1><img src="x.png"><button></button></main></body></html>',
      }));
      const page = await ext.context.newPage();
      await page.goto(`${server.origin}/bad.html`);
      const violations = await seriousAccessibilityViolations(page);
      expect(violations.join('\n')).toContain('image-alt');
      expect(violations.join('\n')).toContain('button-name');
      await page.close();
    } finally {
      await server.close();
    }
  });
});
