import { browser, type Browser } from 'wxt/browser';
import { DEMO_SETTINGS } from '../lib/demo/plan';
import type { Settings } from '../lib/domain';
import { csvImporter } from '../lib/messaging/csv-importer';
import { createHandlers } from '../lib/messaging/handlers';
import type { RegisterChanged } from '../lib/messaging/protocol';
import { createDbAccess } from '../lib/store/db';
import { createSettingsStore } from '../lib/store/settings-store';
import { createStaffStore } from '../lib/store/staff-store';
import { SYNC_ALARM, overlayMatches, syncPeriodMinutes } from '../lib/sync/schedule';
import { patternMatchesUrl } from '../lib/sites';

/** The overlay's content script, registered at runtime for the switched-on sites only (never in the manifest). */
const OVERLAY_SCRIPT_ID = 'transition-lens-overlay';
/**
 * What runs on every page of a switched-on site: a small first stage that only looks for a first name
 * (entrypoints/probe.content). The whole overlay goes into a page only when a name is found there (loadOverlay):
 * measured in npm run bench:overlay-startup with a throwaway build, evaluating the whole overlay's script alone
 * cost a page 6.6–8.3 ms.
 */
const FIRST_STAGE_FILE = 'content-scripts/probe.js';
const OVERLAY_FILE = '/content-scripts/content.js';

declare global {
  // For scripts/start.ts and the end-to-end tests: load the demo without clicking through the popup.
  var transitionLens:
    | {
        loadDemoData: () => Promise<{ version: number; records: number }>;
        /** Settles when the overlay's content script registration is up to date (after install, a grant). */
        overlayRegistered: () => Promise<void>;
      }
    | undefined;
}

export default defineBackground(() => {
  // Nothing opens here: the database opens on the first request (WXT also imports this file in Node at build).
  const db = createDbAccess();
  const staff = createStaffStore({ db });
  const settings = createSettingsStore({ db });

  const handlers = createHandlers({
    staff,
    settings,
    now: () => new Date(),
    fetch: (url, init) => fetch(url, init),
    importer: csvImporter,
    extension: { id: browser.runtime.id, origin: new URL(browser.runtime.getURL('/')).origin },
    assetUrl: (path) => browser.runtime.getURL(path as '/demo/staff.csv'),
    demoSettings: DEMO_SETTINGS,
    broadcast,
    loadOverlay,
    managedSettings: () => browser.storage.managed.get(['csvUrl', 'syncEveryMinutes']),
    onSettingsChanged: (s) => {
      void scheduleSync(s);
      void updateOverlayRegistration(s);
    },
  });

  globalThis.transitionLens = { loadDemoData: handlers.loadDemoData, overlayRegistered: () => registration };

  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    // Our own broadcast reaches other extension pages, not us; anything else without a type is not for us.
    const type = (message as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || type === 'registerChanged') return false;
    void handlers.handle(message, sender).then(sendResponse);
    return true; // answer asynchronously
  });

  // The dashboard asks for the register over a MessageChannel posted to this worker (entrypoints/options/
  // worker-channel.ts): the answer is structured-cloned, about 3 times faster than runtime messaging for 100,000
  // people. A worker only hears pages of its own origin; the handlers check the page's address as for any message.
  // Only as a service worker: Firefox runs this file as an event page, where window messages are something else.
  if ('ServiceWorkerGlobalScope' in globalThis)
    globalThis.addEventListener('message', (event) => {
      // A service worker's ExtendableMessageEvent (the DOM types here know only the window's MessageEvent).
      const e = event as unknown as {
        data: unknown;
        ports: readonly MessagePort[];
        source: { url: string } | null;
        waitUntil(p: Promise<unknown>): void;
      };
      const port = e.ports[0];
      if (!port || !e.source) return;
      port.postMessage({ received: true }); // the page falls back to runtime messages when this does not come
      e.waitUntil(
        handlers
          .handle(e.data, { id: browser.runtime.id, url: e.source.url })
          .then((answer) => port.postMessage(answer))
          // An answer that cannot be copied must still end the page's wait (it already heard "received").
          .catch((err: unknown) =>
            port.postMessage({ ok: false, error: `The answer could not be sent: ${String(err)}` }),
          )
          .finally(() => port.close()),
      );
    });

  browser.tabs.onRemoved.addListener((tabId) => handlers.forgetTab(tabId));

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void handlers.runSync();
  });

  browser.runtime.onInstalled.addListener(() => void refresh());
  browser.runtime.onStartup.addListener(() => void refresh());
  browser.permissions.onAdded.addListener(() => void updateOverlayRegistration());
  browser.permissions.onRemoved.addListener(() => void updateOverlayRegistration());
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void refresh();
  });

  async function refresh() {
    const s = await handlers.effectiveSettings();
    await Promise.all([scheduleSync(s), updateOverlayRegistration(s)]);
  }

  function broadcast(message: RegisterChanged, tabIds: number[]) {
    // Rejections only mean nobody is listening (no page open, tab navigated away): nothing to do.
    browser.runtime.sendMessage(message).catch(() => undefined);
    for (const id of tabIds) browser.tabs.sendMessage(id, message).catch(() => undefined);
  }

  async function scheduleSync(s: Settings) {
    const period = syncPeriodMinutes(s);
    const existing = await browser.alarms.get(SYNC_ALARM);
    if (period === undefined) {
      if (existing) await browser.alarms.clear(SYNC_ALARM);
    } else if (existing?.periodInMinutes !== period) {
      await browser.alarms.create(SYNC_ALARM, { periodInMinutes: period, delayInMinutes: period });
    }
  }

  async function managedSites(): Promise<unknown[]> {
    try {
      const { sites } = await browser.storage.managed.get('sites');
      return Array.isArray(sites) ? sites : [];
    } catch {
      return []; // no policy installed (or the browser has no managed storage)
    }
  }

  // One update at a time: two overlapping registrations would fail with "Duplicate script ID".
  let registration: Promise<void> = Promise.resolve();
  function updateOverlayRegistration(s?: Settings): Promise<void> {
    registration = registration.then(() => register(s)).catch((e: unknown) => console.error('Overlay registration', e));
    return registration;
  }

  /** Match patterns of the sites the overlay runs on now: installed, set by policy, or chosen and granted. */
  async function currentMatches(given?: Settings): Promise<string[]> {
    const s = given ?? (await settings.getSettings());
    const granted = (await browser.permissions.getAll()).origins ?? [];
    return overlayMatches({
      installed: browser.runtime.getManifest().host_permissions,
      managed: await managedSites(),
      chosen: s.sites,
      granted,
    });
  }

  /**
   * The whole overlay, into a frame whose first stage found a name. Only on a switched-on site: a page can keep a
   * first stage running after its site was switched off.
   */
  async function loadOverlay(target: { tabId: number; frameId: number; url: string }): Promise<boolean> {
    const matches = await currentMatches();
    if (!matches.some((m) => patternMatchesUrl(m, target.url))) return false;
    await browser.scripting.executeScript({
      target: { tabId: target.tabId, frameIds: [target.frameId] },
      files: [OVERLAY_FILE],
    });
    return true;
  }

  async function register(given?: Settings) {
    const matches = await currentMatches(given);
    // A site switched off must lose its badges now, not at the next page load: tell the tabs already annotated.
    for (const { tabId, url } of handlers.annotatedTabs()) {
      if (!matches.some((m) => patternMatchesUrl(m, url))) {
        browser.tabs.sendMessage(tabId, { type: 'tl:overlayStop' }).catch(() => undefined);
        handlers.forgetTab(tabId);
      }
    }
    const existing = await browser.scripting.getRegisteredContentScripts({ ids: [OVERLAY_SCRIPT_ID] });
    if (matches.length === 0) {
      if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [OVERLAY_SCRIPT_ID] });
      return;
    }
    const script: Browser.scripting.RegisteredContentScript = {
      id: OVERLAY_SCRIPT_ID,
      js: [FIRST_STAGE_FILE],
      matches,
      runAt: 'document_idle',
      persistAcrossSessions: true,
    };
    if (existing.length > 0) await browser.scripting.updateContentScripts([script]);
    else await browser.scripting.registerContentScripts([script]);
  }
});
