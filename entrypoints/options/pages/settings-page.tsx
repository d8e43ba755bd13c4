import { FormGroup, describedBy } from '@/components/form-group';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { browser } from 'wxt/browser';
import {
  COUNCILS,
  Settings as SettingsSchema,
  councilName,
  formatDate,
  planDeadlines,
  type Settings,
} from '@/lib/domain';
import { sendMessage } from '@/lib/messaging/client';
import { checkCsvUrl, removeSite, siteLabel } from '@/lib/sites';
import { Term } from '@/components/glossary';
import { loadDashboardData, useDashboardData } from '../data-store';
import { SettingsWipe } from './settings-wipe';
import {
  legalBasisExplanation,
  newPlanForm,
  parseWholeNumber,
  planFromForm,
  planToForm,
  syncScheduleText,
  withPlan,
  type FieldErrors,
  type PlanForm,
} from './settings-form';

type Status = { kind: 'saved' | 'error'; text: string } | undefined;

/**
 * Saves a change to the latest settings (read fresh, so two sections never overwrite each other), then reloads
 * the dashboard's copy so readiness follows the new plan or threshold at once.
 */
async function saveChange(
  change: (s: Settings) => Settings,
): Promise<{ ok: true; data: Settings } | { ok: false; error: string }> {
  const current = await sendMessage({ type: 'getSettings' });
  if (!current.ok) return current;
  const next = SettingsSchema.safeParse(change(current.data));
  if (!next.success) return { ok: false, error: next.error.issues[0]?.message ?? 'These settings are not valid' };
  const saved = await sendMessage({ type: 'saveSettings', settings: next.data });
  if (saved.ok) void loadDashboardData();
  return saved;
}

export function SettingsPage() {
  const settings = useDashboardData((s) => s.settings);
  const status = useDashboardData((s) => s.status);
  // Forms start again from the stored values only when the register is replaced (e.g. after a wipe), not after
  // their own save: that would drop the "saved" message.
  const v = useDashboardData((s) => s.version);
  if (status === 'loading') return <p role="status">Loading settings…</p>;
  return (
    <>
      <h1 className="tl-heading-l">Settings</h1>
      <p className="tl-lead">Everything here is stored on this computer only, in this browser profile.</p>
      <PlanSection key={`p-${v}`} settings={settings} />
      <UserSection key={`u-${v}`} settings={settings} />
      <ReadinessSection key={`r-${v}`} settings={settings} />
      <SitesSection settings={settings} />
      <CsvSection key={`c-${v}`} settings={settings} />
      <SettingsWipe />
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="tl-panel" aria-labelledby={id}>
      <h2 id={id} className="tl-heading-m">
        {title}
      </h2>
      {children}
    </section>
  );
}

function StatusLine({ status }: { status: Status }) {
  return (
    <div role="status" className="tl-status">
      {status?.kind === 'saved' ? (
        <p>
          <strong>{status.text}</strong>
        </p>
      ) : null}
      {status?.kind === 'error' ? (
        <p className="tl-error-message" role="alert">
          {status.text}
        </p>
      ) : null}
    </div>
  );
}

/** "Transfer to Camden (TUPE): transfer on 1 April 2018"; the legal basis is added when the name does not say it. */
function planSummary(p: { name: string; legalBasis: string; transferDate: string }): string {
  const named = new RegExp(`\\b${p.legalBasis}\\b`, 'i').test(p.name);
  return `${p.name}: ${named ? '' : `${p.legalBasis} `}transfer on ${formatDate(p.transferDate)}`;
}

/** A labelled field (components/form-group). */
const Field = FormGroup;

function ErrorSummary({ errors, labels }: { errors: FieldErrors; labels: Record<string, string> }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div className="tl-error-summary" role="alert" tabIndex={-1}>
      <h3 className="tl-heading-s">There is a problem</h3>
      <ul>
        {entries.map(([field, text]) => (
          <li key={field}>
            <a
              href={`#plan-${field}`}
              onClick={(e) => {
                e.preventDefault();
                document.getElementById(`plan-${field}`)?.focus();
              }}
            >
              {labels[field] ? `${labels[field]}: ` : ''}
              {text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

const PLAN_LABELS: Record<string, string> = {
  name: 'Plan name',
  transferDate: 'Transfer date',
  measuresLetterDate: 'Measures letter date',
  representativesInformedBy: 'Representatives informed by',
  transferors: 'Councils whose staff transfer',
  transferee: 'Council staff transfer to',
};

function PlanSection({ settings }: { settings: Settings }) {
  const [editing, setEditing] = useState<string | undefined>(settings.activePlanId ?? settings.plans[0]?.id);
  const [adding, setAdding] = useState(settings.plans.length === 0);
  const [status, setStatus] = useState<Status>();
  const plan = settings.plans.find((p) => p.id === editing);

  async function choose(id: string) {
    const r = await saveChange((s) => ({ ...s, activePlanId: id }));
    setStatus(
      r.ok
        ? { kind: 'saved', text: 'Active plan changed. Readiness now follows this plan.' }
        : { kind: 'error', text: r.error },
    );
  }

  return (
    <Section id="plan-h" title="Transfer plan">
      <p>
        Readiness is worked out against the active plan&apos;s transfer date. Keep more than one plan when you need to
        compare scenarios, such as the transfer to Camden and a later return to the home councils.
      </p>
      {settings.plans.length > 0 ? (
        <fieldset className="tl-fieldset">
          <legend className="tl-heading-s">Active plan</legend>
          {settings.plans.map((p) => (
            <div key={p.id} className="tl-checkbox">
              <input
                type="radio"
                id={`active-${p.id}`}
                name="active-plan"
                checked={(settings.activePlanId ?? settings.plans[0]?.id) === p.id}
                onChange={() => void choose(p.id)}
              />
              <label htmlFor={`active-${p.id}`}>{planSummary(p)}</label>
              <button
                type="button"
                className="tl-link-button"
                onClick={() => {
                  setAdding(false);
                  setEditing(p.id);
                }}
                aria-label={`Edit ${p.name}`}
              >
                Edit
              </button>
            </div>
          ))}
        </fieldset>
      ) : null}
      {adding ? (
        <PlanEditor
          key="new"
          initial={newPlanForm(settings.plans.map((p) => p.id))}
          isNew
          onDone={(id) => {
            setAdding(false);
            if (id) setEditing(id);
          }}
          canCancel={settings.plans.length > 0}
        />
      ) : plan ? (
        <PlanEditor key={plan.id} initial={planToForm(plan)} isNew={false} onDone={() => {}} />
      ) : null}
      {!adding ? (
        <button type="button" className="tl-button tl-button--secondary" onClick={() => setAdding(true)}>
          Add another plan
        </button>
      ) : null}
      <StatusLine status={status} />
    </Section>
  );
}

function PlanEditor({
  initial,
  isNew,
  onDone,
  canCancel = true,
}: {
  initial: PlanForm;
  isNew: boolean;
  onDone: (id?: string) => void;
  canCancel?: boolean;
}) {
  const [form, setForm] = useState<PlanForm>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status>();
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof PlanForm>(k: K, v: PlanForm[K]) => setForm((f) => ({ ...f, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const checked = planFromForm(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      setStatus(undefined);
      requestAnimationFrame(() => document.querySelector<HTMLElement>('#plan-form .tl-error-summary')?.focus());
      return;
    }
    setErrors({});
    setBusy(true);
    const r = await saveChange((s) => withPlan(s, checked.plan, isNew && s.plans.length === 0));
    setBusy(false);
    setStatus(r.ok ? { kind: 'saved', text: `Saved “${checked.plan.name}”.` } : { kind: 'error', text: r.error });
    if (r.ok) onDone(checked.plan.id);
  }

  const deadlines = (() => {
    const c = planFromForm(form);
    return c.ok ? planDeadlines(c.plan) : undefined;
  })();

  return (
    <form id="plan-form" onSubmit={(e) => void submit(e)} noValidate>
      <h3 className="tl-heading-s">{isNew ? 'New plan' : `Edit “${initial.name}”`}</h3>
      <ErrorSummary errors={errors} labels={PLAN_LABELS} />
      <Field id="plan-name" label="Plan name" error={errors.name}>
        <input
          id="plan-name"
          className={`tl-input tl-input--wide${errors.name ? ' tl-input--error' : ''}`}
          value={form.name}
          onChange={(e) => set('name', e.target.value)}
          aria-describedby={describedBy('plan-name', false, errors.name)}
        />
      </Field>
      <fieldset className="tl-fieldset" aria-describedby="plan-legalBasis-hint">
        <legend className="tl-heading-s">Legal basis</legend>
        <p className="tl-hint" id="plan-legalBasis-hint">
          Which rules the transfer follows. This needs a legal judgement: the tool records it, it does not decide it.
        </p>
        {(['TUPE', 'COSOP'] as const).map((b, i) => (
          <div key={b} className="tl-checkbox">
            <input
              type="radio"
              id={i === 0 ? 'plan-legalBasis' : `plan-legalBasis-${b}`}
              name="legal-basis"
              checked={form.legalBasis === b}
              onChange={() => set('legalBasis', b)}
              aria-describedby={`basis-${b}`}
            />
            <label htmlFor={i === 0 ? 'plan-legalBasis' : `plan-legalBasis-${b}`}>
              <Term id={b === 'TUPE' ? 'tupe' : 'cosop'} />
              <span className="tl-hint" id={`basis-${b}`}>
                {' '}
                – {legalBasisExplanation[b]}
              </span>
            </label>
          </div>
        ))}
      </fieldset>
      <fieldset className={`tl-fieldset${errors.transferors ? ' tl-form-group--error' : ''}`}>
        <legend className="tl-heading-s">Councils whose staff transfer</legend>
        {errors.transferors ? (
          <p className="tl-error-message" id="plan-transferors-error">
            <span className="tl-visually-hidden">Error:</span> {errors.transferors}
          </p>
        ) : null}
        {COUNCILS.map((c, i) => (
          <div key={c} className="tl-checkbox">
            <input
              type="checkbox"
              id={i === 0 ? 'plan-transferors' : `plan-transferors-${c}`}
              checked={form.transferors.includes(c)}
              onChange={(e) =>
                set(
                  'transferors',
                  e.target.checked ? [...form.transferors, c] : form.transferors.filter((x) => x !== c),
                )
              }
            />
            <label htmlFor={i === 0 ? 'plan-transferors' : `plan-transferors-${c}`}>{councilName[c]}</label>
          </div>
        ))}
      </fieldset>
      <Field
        id="plan-transferee"
        label="Council staff transfer to"
        hint="The host authority that becomes the employer."
      >
        <select
          id="plan-transferee"
          className="tl-select"
          value={form.transferee}
          onChange={(e) => set('transferee', e.target.value as PlanForm['transferee'])}
          aria-describedby="plan-transferee-hint"
        >
          {COUNCILS.map((c) => (
            <option key={c} value={c}>
              {councilName[c]}
            </option>
          ))}
        </select>
      </Field>
      <div className="tl-inline-fields">
        <DateField
          id="plan-transferDate"
          label="Transfer date"
          hint="The go-live date agreed by the councils."
          value={form.transferDate}
          error={errors.transferDate}
          onChange={(v) => set('transferDate', v)}
        />
        <DateField
          id="plan-measuresLetterDate"
          label="Measures letter date (optional)"
          hint="When the new employer sent its measures letter (TUPE reg 13(4))."
          value={form.measuresLetterDate}
          error={errors.measuresLetterDate}
          onChange={(v) => set('measuresLetterDate', v)}
        />
        <DateField
          id="plan-representativesInformedBy"
          label="Representatives informed by (optional)"
          hint="Your target: TUPE reg 13(2) only says “long enough before” the transfer to consult."
          value={form.representativesInformedBy}
          error={errors.representativesInformedBy}
          onChange={(v) => set('representativesInformedBy', v)}
        />
      </div>
      {deadlines ? (
        <div className="tl-inset">
          <p>
            <strong>Deadlines from this plan</strong>
          </p>
          <ul>
            <li>Employee liability information due: {formatDate(deadlines.eliDue)} (28 days before, TUPE reg 11(6))</li>
            <li>Objections before: {formatDate(form.transferDate)} (TUPE reg 4(7))</li>
            <li>Claims window ends: {formatDate(deadlines.claimsWindowEnds)} (3 months after)</li>
            <li>Pension records election ends: {formatDate(deadlines.pensionElectionEnds)} (LGPS, 12 months after)</li>
          </ul>
        </div>
      ) : null}
      <div className="tl-inline-fields">
        <button type="submit" className="tl-button" disabled={busy}>
          {isNew ? 'Add plan' : 'Save plan'}
        </button>
        {isNew && canCancel ? (
          <button type="button" className="tl-button tl-button--secondary" onClick={() => onDone()}>
            Cancel
          </button>
        ) : null}
      </div>
      <StatusLine status={status} />
    </form>
  );
}

function DateField({
  id,
  label,
  hint,
  value,
  error,
  onChange,
}: {
  id: string;
  label: string;
  hint: string;
  value: string;
  error?: string;
  onChange: (v: string) => void;
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        type="date"
        className={`tl-input tl-input--date${error ? ' tl-input--error' : ''}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy(id, true, error)}
        aria-invalid={error ? true : undefined}
      />
    </Field>
  );
}

function UserSection({ settings }: { settings: Settings }) {
  const [name, setName] = useState(settings.userName);
  const [status, setStatus] = useState<Status>();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await saveChange((s) => ({ ...s, userName: name.trim() }));
    setStatus(r.ok ? { kind: 'saved', text: 'Your name is saved.' } : { kind: 'error', text: r.error });
  }
  return (
    <Section id="user-h" title="Your name">
      <form onSubmit={(e) => void submit(e)}>
        <Field id="user-name" label="Name shown in each person’s history" hint="Recorded with every change you make.">
          <input
            id="user-name"
            className="tl-input"
            autoComplete="name"
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-describedby="user-name-hint"
          />
        </Field>
        <button type="submit" className="tl-button">
          Save name
        </button>
        <StatusLine status={status} />
      </form>
    </Section>
  );
}

function ReadinessSection({ settings }: { settings: Settings }) {
  const [days, setDays] = useState(String(settings.atRiskDays));
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<Status>();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const n = parseWholeNumber(days, 1, 365);
    if (n === undefined) {
      setError('Enter a whole number of days from 1 to 365');
      return;
    }
    setError(undefined);
    const r = await saveChange((s) => ({ ...s, atRiskDays: n }));
    setStatus(r.ok ? { kind: 'saved', text: `Saved: at risk within ${n} days.` } : { kind: 'error', text: r.error });
  }
  return (
    <Section id="risk-h" title="When a person is at risk">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field
          id="risk-days"
          label="Days before a deadline"
          hint="A person who is not ready is “at risk” when a deadline is fewer than this many days away."
          error={error}
        >
          <input
            id="risk-days"
            className={`tl-input tl-input--date${error ? ' tl-input--error' : ''}`}
            inputMode="numeric"
            value={days}
            onChange={(e) => setDays(e.target.value)}
            aria-describedby={describedBy('risk-days', true, error)}
            aria-invalid={error ? true : undefined}
          />
        </Field>
        <button type="submit" className="tl-button">
          Save
        </button>
        <StatusLine status={status} />
      </form>
    </Section>
  );
}

function SitesSection({ settings }: { settings: Settings }) {
  const [status, setStatus] = useState<Status>();
  async function remove(pattern: string) {
    const r = await saveChange((s) => ({ ...s, sites: removeSite(s.sites, pattern) }));
    if (!r.ok) {
      setStatus({ kind: 'error', text: r.error });
      return;
    }
    // Keep the permission when the CSV source is on the same origin: syncing still needs it.
    const csv = checkCsvUrl(r.data.csvUrl);
    if (!(csv.ok && csv.pattern === pattern)) {
      try {
        await browser.permissions.remove({ origins: [pattern] });
      } catch {
        // Sites an administrator switched on at install cannot be removed by the user; settings no longer list it.
      }
    }
    setStatus({
      kind: 'saved',
      text: `Staff facts are no longer shown on ${siteLabel(pattern)}. Pages open there now keep theirs until reloaded.`,
    });
  }
  return (
    <Section id="sites-h" title="Sites where staff facts are shown">
      <p>
        Switch a site on from the Transition Lens button in the browser toolbar while you are on it. The extension can
        only read pages on the sites listed here.
      </p>
      {settings.sites.length === 0 ? (
        <p className="tl-hint">No sites are switched on.</p>
      ) : (
        <table className="tl-table">
          <caption className="tl-visually-hidden">Sites switched on</caption>
          <thead>
            <tr>
              <th scope="col">Site</th>
              <th scope="col">Address pattern</th>
              <th scope="col">
                <span className="tl-visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {settings.sites.map((p) => (
              <tr key={p}>
                <td>{siteLabel(p)}</td>
                <td>
                  <code>{p}</code>
                </td>
                <td>
                  <button
                    type="button"
                    className="tl-link-button"
                    onClick={() => void remove(p)}
                    aria-label={`Remove ${siteLabel(p)}`}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <StatusLine status={status} />
    </Section>
  );
}

function CsvSection({ settings }: { settings: Settings }) {
  const [url, setUrl] = useState(settings.csvUrl);
  const [minutes, setMinutes] = useState(String(settings.syncEveryMinutes));
  const [autoApply, setAutoApply] = useState(settings.autoApplySync);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status>();
  const [syncing, setSyncing] = useState(false);
  const autoId = useId();

  function submit(e: FormEvent) {
    e.preventDefault();
    const csv = checkCsvUrl(url);
    const n = parseWholeNumber(minutes, 0, 10080);
    const errs: FieldErrors = {};
    if (!csv.ok) errs.url = csv.reason;
    if (n === undefined) errs.minutes = 'Enter a whole number of minutes from 0 (off) to 10080 (a week)';
    setErrors(errs);
    if (!csv.ok || n === undefined) return;
    const before = checkCsvUrl(settings.csvUrl);
    const save = () =>
      saveChange((s) => ({ ...s, csvUrl: csv.url, syncEveryMinutes: n, autoApplySync: autoApply })).then(async (r) => {
        setStatus(r.ok ? { kind: 'saved', text: 'CSV source saved.' } : { kind: 'error', text: r.error });
        // Least privilege: give back the old address's site unless it is still needed.
        const old = before.ok ? before.pattern : undefined;
        if (r.ok && old && old !== csv.pattern && !r.data.sites.includes(old)) {
          await browser.permissions.remove({ origins: [old] }).catch(() => false);
        }
      });
    if (!csv.pattern) {
      void save();
      return;
    }
    // Ask for this origin only, straight from the click (a user gesture): no await before the request.
    browser.permissions
      .request({ origins: [csv.pattern] })
      .then((granted) => {
        if (!granted) {
          setStatus({
            kind: 'error',
            text: `Not saved: the extension needs your permission to read files from ${csv.origin}.`,
          });
          return;
        }
        return save();
      })
      .catch((err: unknown) => setStatus({ kind: 'error', text: `Could not ask for permission: ${String(err)}` }));
  }

  async function syncNow() {
    setSyncing(true);
    const r = await sendMessage({ type: 'syncNow' });
    setSyncing(false);
    if (!r.ok) setStatus({ kind: 'error', text: r.error });
    else {
      const pending = r.data.status === 'pending' ? ' Review the changes on the Import page.' : '';
      setStatus({ kind: r.data.status === 'failed' ? 'error' : 'saved', text: r.data.message + pending });
    }
  }

  const n = parseWholeNumber(minutes, 0, 10080);
  return (
    <Section id="csv-h" title="CSV source and sync">
      <form onSubmit={submit} noValidate>
        <Field
          id="csv-url"
          label="Address of the staff CSV file (optional)"
          hint="For example an export your HR system publishes on the council network. The extension asks to read from that site only, and sends nothing to it."
          error={errors.url}
        >
          <input
            id="csv-url"
            type="url"
            className={`tl-input tl-input--wide${errors.url ? ' tl-input--error' : ''}`}
            value={url}
            spellCheck={false}
            onChange={(e) => setUrl(e.target.value)}
            aria-describedby={describedBy('csv-url', true, errors.url)}
            aria-invalid={errors.url ? true : undefined}
          />
        </Field>
        <Field
          id="csv-minutes"
          label="Sync every (minutes)"
          hint={`0 turns scheduled sync off. ${n !== undefined ? `Now: ${syncScheduleText(n)}.` : ''}`}
          error={errors.minutes}
        >
          <input
            id="csv-minutes"
            className={`tl-input tl-input--date${errors.minutes ? ' tl-input--error' : ''}`}
            inputMode="numeric"
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            aria-describedby={describedBy('csv-minutes', true, errors.minutes)}
            aria-invalid={errors.minutes ? true : undefined}
          />
        </Field>
        <div className="tl-form-group">
          <div className="tl-checkbox">
            <input
              id={autoId}
              type="checkbox"
              checked={autoApply}
              onChange={(e) => setAutoApply(e.target.checked)}
              aria-describedby={`${autoId}-hint`}
            />
            <label htmlFor={autoId}>Apply synced changes without asking</label>
          </div>
          <p className="tl-hint" id={`${autoId}-hint`}>
            Conflicts with your own edits always keep your edits. Without this, changes wait for you on the Import page.
            People missing from the file are marked “not in latest roster”, never deleted.
          </p>
        </div>
        <div className="tl-inline-fields">
          <button type="submit" className="tl-button">
            Save CSV source
          </button>
          {settings.csvUrl ? (
            <button
              type="button"
              className="tl-button tl-button--secondary"
              disabled={syncing}
              onClick={() => void syncNow()}
            >
              {syncing ? 'Syncing…' : 'Sync now'}
            </button>
          ) : null}
        </div>
        <StatusLine status={status} />
      </form>
    </Section>
  );
}
