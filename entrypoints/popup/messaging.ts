import type { WxtBrowser } from 'wxt/browser';
import type { RequestInputOf, RequestType, ResponseOf } from '../../lib/messaging/protocol';

/**
 * The extension API, found as wxt/browser finds it (Firefox's `browser`, else Chromium's `chrome`) but without
 * importing wxt/browser: the dashboard and other pages share that module, so the build makes it a separate file,
 * and each file the popup's first script imports is one more request before the popup can show anything.
 */
const browser: WxtBrowser = (() => {
  const g = globalThis as unknown as { browser?: WxtBrowser; chrome: WxtBrowser };
  return g.browser?.runtime?.id ? g.browser : g.chrome;
})();

/**
 * The popup's own message sender. It does the same as `sendMessage` in lib/messaging/client, but imports the
 * protocol for its types only: the client module pulls in zod and the domain schemas at run time, which would
 * more than double the popup's script and slow its opening. Never throws; errors come back as plain sentences.
 */
export async function send<T extends RequestType>(msg: RequestInputOf<T>): Promise<ResponseOf<T>> {
  try {
    const answer: unknown = await browser.runtime.sendMessage(msg);
    if (typeof answer === 'object' && answer !== null && typeof (answer as { ok?: unknown }).ok === 'boolean') {
      return answer as ResponseOf<T>;
    }
    return { ok: false, error: 'The extension did not answer. Close this window and try again.' };
  } catch (e) {
    return { ok: false, error: `Could not reach the extension: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Calls `listener` when the background broadcasts a new register version. Returns an unsubscribe function. */
export function onRegisterChanged(listener: (version: number) => void): () => void {
  const handler = (message: unknown) => {
    const m = message as { type?: unknown; version?: unknown } | null;
    if (m && m.type === 'registerChanged' && typeof m.version === 'number') listener(m.version);
  };
  browser.runtime.onMessage.addListener(handler);
  return () => browser.runtime.onMessage.removeListener(handler);
}

/** Opens the dashboard (at `hash`, e.g. `#/settings`) in a tab and closes the popup. */
export function openDashboard(hash?: string): void {
  if (hash) void browser.tabs.create({ url: browser.runtime.getURL('/options.html') + hash });
  else void browser.runtime.openOptionsPage();
  window.close();
}
