import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { Settings } from '../../lib/domain';
import { addSite, checkCsvUrl, enabledSiteFor, removeSite, siteForUrl, siteLabel } from '../../lib/sites';
import { send } from './messaging';

interface Tab {
  id?: number;
  url?: string;
}

/** The content script's file in the build (WXT names it after entrypoints/content). */
const CONTENT_SCRIPT = '/content-scripts/content.js';

/**
 * "Show staff on this site": asks for the active tab's origin only, from the click (a user gesture), then saves
 * it in settings (the background registers the content script for later visits) and runs the content script in
 * this tab straight away.
 */
export function SiteSection({ settings, onSettings }: { settings?: Settings; onSettings: (s: Settings) => void }) {
  const [tab, setTab] = useState<Tab>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error?: boolean; reload?: boolean }>();

  useEffect(() => {
    void browser.tabs.query({ active: true, currentWindow: true }).then((tabs) => setTab(tabs[0] ?? {}));
  }, []);

  if (!tab) return null;
  const site = siteForUrl(tab.url);
  const enabled = settings && tab.url ? enabledSiteFor(settings.sites, tab.url) : undefined;

  function enable() {
    if (!site.ok || !settings) return;
    const pattern = site.pattern;
    const before = settings;
    setBusy(true);
    setMessage(undefined);
    // permissions.request must be the first call in the click handler: no await before it.
    browser.permissions
      .request({ origins: [pattern] })
      .then(async (granted) => {
        if (!granted) {
          setMessage({ text: 'Permission was not given, so staff facts are not shown on this site.', error: true });
          return;
        }
        const saved = await send({
          type: 'saveSettings',
          settings: { ...before, sites: addSite(before.sites, pattern) },
        });
        if (!saved.ok) {
          setMessage({ text: saved.error, error: true });
          return;
        }
        onSettings(saved.data);
        if (tab?.id !== undefined) {
          try {
            await browser.scripting.executeScript({ target: { tabId: tab.id }, files: [CONTENT_SCRIPT] });
          } catch {
            setMessage({ text: 'Switched on. Reload the page to see staff facts.', reload: true });
            return;
          }
        }
        setMessage({ text: `Staff facts are now shown on ${site.host}.` });
      })
      .catch((e: unknown) => setMessage({ text: `Could not switch this site on: ${String(e)}`, error: true }))
      .finally(() => setBusy(false));
  }

  async function disable(pattern: string) {
    if (!settings) return;
    setBusy(true);
    setMessage(undefined);
    const saved = await send({
      type: 'saveSettings',
      settings: { ...settings, sites: removeSite(settings.sites, pattern) },
    });
    if (!saved.ok) {
      setBusy(false);
      setMessage({ text: saved.error, error: true });
      return;
    }
    onSettings(saved.data);
    // Keep the permission if the CSV source lives on the same origin: sync still needs it.
    const csv = checkCsvUrl(saved.data.csvUrl);
    if (!(csv.ok && csv.pattern === pattern)) {
      try {
        await browser.permissions.remove({ origins: [pattern] });
      } catch {
        // A site an administrator switched on at install cannot be removed here; settings no longer list it.
      }
    }
    setBusy(false);
    setMessage({ text: 'Staff facts are no longer shown on this site. Reload the page to clear them.', reload: true });
  }

  function reload() {
    if (tab?.id !== undefined) void browser.tabs.reload(tab.id);
    window.close();
  }

  return (
    <section aria-labelledby="site-h" className="panel">
      <h2 id="site-h">This site</h2>
      {!site.ok ? (
        <p className="hint">{site.reason}</p>
      ) : enabled ? (
        <>
          <p>
            <strong>Staff shown on this site</strong> ({siteLabel(enabled)})
          </p>
          <button type="button" className="button secondary" disabled={busy} onClick={() => void disable(enabled)}>
            Stop showing
          </button>
        </>
      ) : (
        <>
          <p className="hint" id="site-hint">
            Shows each person’s council, Section 113 status, transfer, TOM function and pension checklist next to their
            name on {site.host}. Your browser will ask you to allow this site only.
          </p>
          <button
            type="button"
            className="button"
            disabled={busy || !settings}
            onClick={enable}
            aria-describedby="site-hint"
          >
            Show staff on this site
          </button>
        </>
      )}
      {message && (
        <p className={message.error ? 'error' : 'success'} role={message.error ? 'alert' : 'status'}>
          {message.text}{' '}
          {message.reload && (
            <button type="button" className="link-button" onClick={reload}>
              Reload the page
            </button>
          )}
        </p>
      )}
    </section>
  );
}
