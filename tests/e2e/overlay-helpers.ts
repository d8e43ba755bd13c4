/**
 * Helpers for the overlay's end-to-end tests: wait for badges, read inside closed shadow roots through the
 * DevTools protocol's accessibility tree, find a tab's id, talk to the content script as the background would.
 */
import { expect } from 'vitest';
import type { Frame, Page, Worker } from 'playwright-core';
import type { ExtensionGlobal, ExtensionHandle } from './harness';

/** `data-staff-key` of every badge on the page, in page order. */
export function badgeKeys(page: Page): Promise<string[]> {
  return page.$$eval('tl-badge', (els) => els.map((e) => e.getAttribute('data-staff-key') ?? ''));
}

/** Waits until every one of `keys` has a badge (explicit condition, generous timeout, no fixed sleep). */
export async function waitForBadges(page: Page, keys: readonly string[], timeout = 20_000): Promise<void> {
  await expect
    .poll(
      async () => {
        const present = new Set(await badgeKeys(page));
        return keys.filter((k) => !present.has(k));
      },
      { timeout, interval: 100 },
    )
    .toEqual([]);
}

/** Accessible names of the badge buttons, read from Chromium's accessibility tree (it sees closed shadow roots). */
export async function badgeAccessibleNames(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: { role?: { value?: string }; name?: { value?: string } }[];
    };
    return nodes
      .filter((n) => n.role?.value === 'button' && (n.name?.value ?? '').endsWith(': show details'))
      .map((n) => n.name?.value ?? '');
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** The card's frame once it shows these keys, or throws after the timeout. */
export async function waitForCard(page: Page, key: string, timeout = 15_000): Promise<Frame> {
  const wanted = `key=${encodeURIComponent(key)}`;
  let found: Frame | undefined;
  await expect
    .poll(
      () => {
        found = page.frames().find((f) => f.url().includes('/card.html') && f.url().includes(wanted));
        return found !== undefined;
      },
      { timeout, interval: 100 },
    )
    .toBe(true);
  const frame = found as Frame;
  await frame.locator('section.person').first().waitFor({ timeout });
  return frame;
}

/** Whether the card host is on the page and shown. */
export function cardShown(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const host = document.querySelector('tl-card') as HTMLElement | null;
    return !!host && getComputedStyle(host).display !== 'none';
  });
}

/** `data-staff-key` of the focused badge, or '' when focus is elsewhere (closed shadow roots retarget focus). */
export function focusedBadgeKey(page: Page): Promise<string> {
  return page.evaluate(() => {
    const a = document.activeElement;
    return a?.tagName === 'TL-BADGE' ? (a.getAttribute('data-staff-key') ?? '') : '';
  });
}

export async function tabIdOf(worker: Worker, url: string): Promise<number> {
  const id = await worker.evaluate(async (u) => {
    const { chrome } = globalThis as unknown as ExtensionGlobal;
    const tabs = await chrome.tabs.query({});
    return tabs.find((t) => t.url === u)?.id;
  }, url);
  if (id === undefined) throw new Error(`No tab with URL ${url}`);
  return id;
}

/** The active tab's id: for pages whose URL the extension may not read (sites not switched on). */
export async function activeTabId(worker: Worker): Promise<number> {
  const id = await worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as ExtensionGlobal;
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id;
  });
  if (id === undefined) throw new Error('No active tab');
  return id;
}

/** Sends a message to the content script of a tab, as the background or the side panel would. */
export function sendToTab(worker: Worker, tabId: number, message: unknown): Promise<unknown> {
  return worker.evaluate(
    async ({ tabId, message }) => {
      const { chrome } = globalThis as unknown as ExtensionGlobal;
      try {
        return await chrome.tabs.sendMessage(tabId, message);
      } catch (e) {
        return { error: String(e) };
      }
    },
    { tabId, message },
  );
}

/** Loads the demo register through the background and waits until the overlay's content script is registered. */
export async function loadDemoAndWaitForOverlay(ext: ExtensionHandle): Promise<void> {
  const worker = await ext.ensureServiceWorker();
  await worker.evaluate(async () => {
    const g = globalThis as unknown as { transitionLens: { loadDemoData(): Promise<unknown> } };
    await g.transitionLens.loadDemoData();
  });
  await pollUntil(async () => {
    const w = await ext.ensureServiceWorker();
    return w.evaluate(async () => {
      const { chrome } = globalThis as unknown as ExtensionGlobal;
      return (await chrome.scripting.getRegisteredContentScripts()).length > 0;
    });
  }, 'the overlay content script to be registered');
}

/** For hooks, where expect.poll is not available: polls `check` until it returns true, or throws after `timeout`. */
export async function pollUntil(check: () => Promise<boolean>, what: string, timeout = 20_000): Promise<void> {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Timed out after ${timeout} ms waiting for ${what}`);
}

/** Sends a request to the background from an extension page, as the dashboard would. */
export async function askBackground<T>(ext: ExtensionHandle, message: unknown): Promise<T> {
  const page = await ext.openExtensionPage('popup.html');
  try {
    const answer = (await page.evaluate(async (m) => {
      const { chrome } = globalThis as unknown as ExtensionGlobal;
      return chrome.runtime.sendMessage(m);
    }, message)) as { ok: boolean; data?: T; error?: string };
    if (!answer?.ok) throw new Error(`Background refused ${JSON.stringify(message).slice(0, 80)}: ${answer?.error}`);
    return answer.data as T;
  } finally {
    await page.close();
  }
}
