import { useState } from 'react';
import { sendMessage } from '@/lib/messaging/client';

/**
 * Shown on every page while the register is empty: how to start, with fictional demo data one click away.
 * This panel goes away as soon as the register has people, so `onLoaded` tells the page, which says how many
 * people were loaded in a status line of its own.
 */
export function EmptyRegister({ onLoaded }: { onLoaded: (people: number) => void }) {
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });

  async function loadDemo() {
    setState({ busy: true });
    const r = await sendMessage({ type: 'loadDemoData' });
    // The register reloads itself on the background's `registerChanged` broadcast.
    setState(r.ok ? { busy: false } : { busy: false, error: r.error });
    if (r.ok) onLoaded(r.data.records);
  }

  return (
    <section className="tl-panel tl-panel--empty" aria-labelledby="empty-register-heading">
      <h2 id="empty-register-heading" className="tl-heading-m">
        The register is empty
      </h2>
      <p>
        Import a CSV file from your HR system on the <a href="#/import">Import page</a>, or try the dashboard with demo
        data.
      </p>
      <p>
        <strong>The demo data is fictional.</strong> The people, employee numbers and e-mail addresses are made up; none
        of them is a real member of staff. You can remove them all from the Settings page.
      </p>
      <button type="button" className="tl-button" onClick={() => void loadDemo()} disabled={state.busy}>
        {state.busy ? 'Loading demo data…' : 'Load demo data'}
      </button>
      {state.error ? (
        <p className="tl-error-message" role="alert">
          {state.error}
        </p>
      ) : null}
    </section>
  );
}
