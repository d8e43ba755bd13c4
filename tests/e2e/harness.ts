/**
 * End-to-end harness: a static server for test pages, and Debian's Chromium with the extension loaded.
 *
 * Extension loading: Chromium 132+ runs `--headless` as the new headless mode (the full browser without a
 * window), which loads unpacked extensions and runs their service workers. Playwright's `headless: true` passes
 * plain `--headless`, so it works as it is. Playwright also passes `--disable-extensions` by default; we drop it
 * with `ignoreDefaultArgs` (`--disable-extensions-except` would win anyway, this keeps the command line honest).
 */
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { WxtBrowser } from 'wxt/browser';
import { repoRoot } from '../../scripts/static-server';

export {
  startStaticServer,
  defaultRoots,
  repoRoot,
  sharedRoot,
  type StaticServer,
  type RouteHandler,
  type RouteResponse,
  type ServedRequest,
} from '../../scripts/static-server';

export const chromiumPath = process.env.TL_CHROMIUM ?? '/usr/bin/chromium';
export const viewport = { width: 1366, height: 768 };
export const screenshotDir = path.join(repoRoot, 'tests', 'e2e', 'screenshots');

/**
 * Types the extension APIs inside `serviceWorker.evaluate(...)` and `page.evaluate(...)` on extension pages:
 * `(globalThis as unknown as ExtensionGlobal).chrome.storage.local.get(...)`.
 */
export interface ExtensionGlobal {
  chrome: WxtBrowser;
}

export type ExtensionPagePath = 'popup.html' | 'options.html' | 'sidepanel.html' | 'card.html' | (string & {});

export interface LaunchOptions {
  /** Unpacked extension folder. Default: `$TL_E2E_EXTENSION`, else `.output-e2e/chrome-mv3`. */
  extensionPath?: string;
  /** Default true. With false, a window opens (needs a display). */
  headless?: boolean;
  /** Other unpacked extensions to load beside it (a benchmark's peer). */
  alsoLoad?: readonly string[];
}

export interface ExtensionHandle {
  readonly context: BrowserContext;
  readonly extensionId: string;
  /** The service worker as of launch (or the last `ensureServiceWorker()` / `restart()`). */
  readonly serviceWorker: Worker;
  readonly userDataDir: string;
  /** Uncaught errors from every page of the context (`pageerror`), as `url: message`. */
  readonly pageErrors: string[];
  /** The ids of the extensions loaded beside it (`alsoLoad`), in the same order. */
  readonly peerIds: readonly string[];
  /** A peer's running service worker (for a benchmark to call its extension APIs). */
  peerWorker(peerId: string): Worker;
  /** A live service worker: the current one, or waits for Chromium to start it again. */
  ensureServiceWorker(): Promise<Worker>;
  /** Opens `chrome-extension://<id>/<path>#<hash>` in a new tab and waits for it to load. */
  openExtensionPage(pagePath: ExtensionPagePath, hash?: string): Promise<Page>;
  extensionUrl(pagePath: ExtensionPagePath, hash?: string): string;
  /** Closes the browser and relaunches it on the same profile, to test what persists. */
  restart(): Promise<void>;
  /** Closes the browser and removes the profile. Safe to call twice. */
  close(): Promise<void>;
}

function extensionIdOf(worker: Worker): string {
  const id = new URL(worker.url()).host;
  if (!id) throw new Error(`Service worker URL has no extension id: ${worker.url()}`);
  return id;
}

function unpackedExtensionId(extensionPath: string): string {
  const hex = createHash('sha256').update(extensionPath).digest('hex').slice(0, 32);
  return [...hex].map((h) => String.fromCharCode(97 + parseInt(h, 16))).join('');
}

async function waitForExtensionWorker(context: BrowserContext, timeout = 20_000, id?: string): Promise<Worker> {
  const isExtensionWorker = (w: Worker) => w.url().startsWith(id ? `chrome-extension://${id}/` : 'chrome-extension://');
  const existing = context.serviceWorkers().find(isExtensionWorker);
  if (existing) return existing;
  return context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout });
}

async function launchContext(userDataDir: string, extensionPaths: string, headless: boolean): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless,
    viewport,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${extensionPaths}`,
      `--load-extension=${extensionPaths}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionHandle> {
  const extensionPath = path.resolve(
    repoRoot,
    options.extensionPath ?? process.env.TL_E2E_EXTENSION ?? '.output-e2e/chrome-mv3',
  );
  const manifest = await readFile(path.join(extensionPath, 'manifest.json'), 'utf8').catch(() => undefined);
  if (manifest === undefined) {
    throw new Error(`No built extension at ${extensionPath}. Run \`npm run test:e2e\`, which builds it first.`);
  }
  const headless = options.headless ?? true;
  const peerPaths = (options.alsoLoad ?? []).map((p) => path.resolve(repoRoot, p));
  const loadPaths = [extensionPath, ...peerPaths].join(',');
  // Chromium names an unpacked extension after its folder's path (the first 32 hex digits of its SHA-256, as
  // letters a–p), so with peers loaded our worker is told apart by that id, and the peers' ids are known.
  const ownId = peerPaths.length ? unpackedExtensionId(extensionPath) : undefined;
  const peerIds = peerPaths.map(unpackedExtensionId);
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'tl-e2e-profile-'));
  const pageErrors: string[] = [];

  let context: BrowserContext;
  let serviceWorker: Worker;
  let closed = false;

  // One retry absorbs a browser start-up hiccup on a loaded machine. A beforeAll hook is not retried by
  // Vitest, so the retry lives here.
  const start = async () => {
    let lastError: unknown;
    for (let attempt = 1; attempt <= 2; attempt++) {
      let launched: BrowserContext | undefined;
      try {
        launched = await launchContext(userDataDir, loadPaths, headless);
        launched.on('page', (page) => {
          page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
        });
        serviceWorker = await waitForExtensionWorker(launched, 20_000, ownId);
        context = launched;
        return;
      } catch (error) {
        lastError = error;
        await launched?.close().catch(() => undefined);
      }
    }
    throw new Error(`Chromium did not start with the extension's service worker running: ${String(lastError)}`);
  };

  try {
    await start();
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const extensionId = extensionIdOf(serviceWorker!);

  const extensionUrl = (pagePath: ExtensionPagePath, hash?: string) =>
    `chrome-extension://${extensionId}/${pagePath.replace(/^\//, '')}${hash ? `#${hash.replace(/^#/, '')}` : ''}`;

  return {
    get context() {
      return context;
    },
    extensionId,
    get serviceWorker() {
      return serviceWorker;
    },
    userDataDir,
    pageErrors,
    peerIds,
    peerWorker(peerId) {
      const worker = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${peerId}/`));
      if (!worker) throw new Error(`The peer extension ${peerId} has no running service worker`);
      return worker;
    },
    async ensureServiceWorker() {
      const live = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
      if (live) {
        serviceWorker = live;
        return live;
      }
      // Opening an extension page wakes a stopped worker.
      const waiting = waitForExtensionWorker(context, 20_000, extensionId);
      const page = await context.newPage();
      await page.goto(extensionUrl('popup.html')).catch(() => undefined);
      serviceWorker = await waiting;
      await page.close();
      return serviceWorker;
    },
    extensionUrl,
    async openExtensionPage(pagePath, hash) {
      const page = await context.newPage();
      await page.goto(extensionUrl(pagePath, hash), { waitUntil: 'load' });
      return page;
    },
    async restart() {
      await context.close();
      await start();
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await context.close();
      } finally {
        await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 });
      }
    },
  };
}

/** Saves `tests/e2e/screenshots/<name>.png` at 1366×768. Returns the file path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(screenshotDir, { recursive: true });
  const size = page.viewportSize();
  if (size?.width !== viewport.width || size.height !== viewport.height) {
    await page.setViewportSize(viewport);
  }
  // Headless Chromium does not paint background tabs: bring this one to the front first.
  await page.bringToFront();
  const file = path.join(screenshotDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file });
  return file;
}

let axeSource: Promise<string> | undefined;

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

export interface AccessibilityOptions {
  /** CSS selector to check instead of the whole page. */
  include?: string;
  /** axe rule ids to leave out, with a reason in the calling test. */
  disableRules?: string[];
}

/**
 * Runs axe-core in the page and returns its serious and critical violations, one readable string each
 * (rule, help, and up to five offending elements). An empty array means none.
 *
 * Extension pages have `script-src 'self'`, so axe cannot be added as a script tag. The source is evaluated
 * through the DevTools protocol (Runtime.evaluate), which is not subject to the page's CSP, and does not use
 * `eval` inside the page.
 */
export async function seriousAccessibilityViolations(
  page: Page,
  options: AccessibilityOptions = {},
): Promise<string[]> {
  axeSource ??= readFile(path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  const source = await axeSource;
  const hasAxe = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!hasAxe) {
    const cdp = await page.context().newCDPSession(page);
    try {
      const result = await cdp.send('Runtime.evaluate', { expression: source });
      if (result.exceptionDetails) {
        throw new Error(`axe-core failed to load: ${result.exceptionDetails.text}`);
      }
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }
  const violations = await page.evaluate(
    async ({ include, disableRules }) => {
      const axe = (
        window as unknown as {
          axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> };
        }
      ).axe;
      const rules = Object.fromEntries(disableRules.map((id) => [id, { enabled: false }]));
      const results = await axe.run(include ?? document, { rules, resultTypes: ['violations'] });
      return results.violations;
    },
    { include: options.include, disableRules: options.disableRules ?? [] },
  );
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    - ${JSON.stringify(n.target)} ${n.html.slice(0, 160)}`)
        .join('\n');
      const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : '';
      return `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
    });
}
