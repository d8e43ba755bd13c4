import { useRef, useState } from 'react';
import { activePlan, todayIso } from '@/lib/domain';
import { browser } from 'wxt/browser';
import { sendMessage } from '@/lib/messaging/client';
import { checkCsvUrl } from '@/lib/sites';
import { exportRegister } from '@/lib/csv/export';
import { useDashboardData } from '../data-store';
import { downloadText } from './import-download';

async function revoke(origins: string[]) {
  for (const origin of origins) {
    try {
      await browser.permissions.remove({ origins: [origin] });
    } catch {
      // Granted at install by an administrator: only they can take it away.
    }
  }
}

/** The register export file name: `staff-register-2018-02-23.csv`. */
export function registerFileName(today: string): string {
  return `staff-register-${today}.csv`;
}

/**
 * Wipe all data in one step, after a confirmation; "Export the register first" is offered right before it,
 * because a wipe cannot be undone.
 */
export function SettingsWipe() {
  const records = useDashboardData((s) => s.records);
  const settings = useDashboardData((s) => s.settings);
  const [confirming, setConfirming] = useState(false);
  const [exported, setExported] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ error?: boolean; text: string }>();
  const confirmRef = useRef<HTMLDivElement>(null);

  function exportFirst() {
    const planIds = settings.plans.map((p) => p.id);
    const plan = activePlan(settings);
    const ordered = plan ? [plan.id, ...planIds.filter((id) => id !== plan.id)] : planIds;
    downloadText(registerFileName(settings.demoToday || todayIso()), exportRegister(records, ordered));
    setExported(true);
  }

  async function wipe() {
    setBusy(true);
    // The sites and CSV address go with the settings, so their permissions go too (the browser keeps any an
    // administrator granted at install).
    const csv = checkCsvUrl(settings.csvUrl);
    const origins = [...new Set([...settings.sites, ...(csv.ok && csv.pattern ? [csv.pattern] : [])])];
    const r = await sendMessage({ type: 'wipeAll' });
    if (r.ok) {
      // The extension's local storage holds only the saved views and the popup's last counts: both go.
      localStorage.clear();
    }
    if (r.ok && origins.length > 0) await revoke(origins);
    setBusy(false);
    setConfirming(false);
    setStatus(
      r.ok
        ? {
            text: 'All data is wiped: staff records, import history, saved column choices, saved register views and settings.',
          }
        : { error: true, text: r.error },
    );
  }

  return (
    <section className="tl-panel" aria-labelledby="wipe-h">
      <h2 id="wipe-h" className="tl-heading-m">
        Wipe all data
      </h2>
      <p>
        Removes every staff record, the import history, saved column choices, saved register views and these settings
        from this computer, and switches off the sites where staff facts are shown. It cannot be undone.
      </p>
      <div className="tl-inline-fields">
        <button
          type="button"
          className="tl-button tl-button--secondary"
          onClick={exportFirst}
          disabled={records.length === 0}
        >
          Export the register first
        </button>
        {!confirming ? (
          <button
            type="button"
            className="tl-button tl-button--warning"
            onClick={() => {
              setConfirming(true);
              setStatus(undefined);
              requestAnimationFrame(() => confirmRef.current?.focus());
            }}
          >
            Wipe all data…
          </button>
        ) : null}
      </div>
      {exported ? (
        <p role="status">
          The register was downloaded as {registerFileName(settings.demoToday || todayIso())}. Check it opened before
          wiping.
        </p>
      ) : null}
      {confirming ? (
        <div className="tl-error-summary" ref={confirmRef} tabIndex={-1} role="alertdialog" aria-labelledby="wipe-q">
          <h3 id="wipe-q" className="tl-heading-s">
            Wipe {records.length.toLocaleString('en-GB')} staff records and all settings?
          </h3>
          {!exported && records.length > 0 ? (
            <p>You have not exported the register. Once wiped, the data cannot be got back.</p>
          ) : null}
          <div className="tl-inline-fields">
            <button type="button" className="tl-button tl-button--warning" disabled={busy} onClick={() => void wipe()}>
              Yes, wipe everything
            </button>
            <button type="button" className="tl-button tl-button--secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      <div role="status" className="tl-status">
        {status && !status.error ? (
          <p>
            <strong>{status.text}</strong>
          </p>
        ) : null}
      </div>
      {status?.error ? (
        <p className="tl-error-message" role="alert">
          {status.text}
        </p>
      ) : null}
    </section>
  );
}
