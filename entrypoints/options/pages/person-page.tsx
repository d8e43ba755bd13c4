import { ErrorMessage, FormGroup, describedBy } from '@/components/form-group';
import { Fragment, useEffect, useMemo } from 'react';
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import {
  Assignment,
  assignmentName,
  ContractType,
  councilName,
  displayName,
  ELI_ITEMS,
  formatDate,
  keyOf,
  outcomeName,
  PENSION_ITEMS,
  pensionFundName,
  pensionItemState,
  PensionSection,
  Representation,
  representationName,
  TomFunction,
  todayIso,
  tomFunctionName,
  tomTeams,
  TransferOutcome,
  TransferScope,
  transferScopeName,
  serviceCategoryName,
  type PensionItemState,
  type StaffRecord,
  type TransferPlan,
} from '@/lib/domain';
import { sendMessage } from '@/lib/messaging/client';
import { historyChanges } from '@/lib/views/history';
import { changedFields, ensureTransfer, setField, validateDraft, type PersonDraft } from '@/lib/views/person-draft';
import { registerHref } from '@/lib/views/register-filter';
import { readinessOf } from '@/lib/views/register-rows';
import { personHref } from '@/lib/views/route';
import { formatFte } from '@/lib/views/text';
import { CouncilBadge } from '@/components/council-badge';
import { Glossary, Term } from '@/components/glossary';
import { ReadinessChip } from '@/components/readiness-chip';
import { StaffFacts } from '@/components/staff-facts';
import { useDashboardData } from '../data-store';

/** View state of the person page: the draft being edited and the save status. */
interface PersonViewState {
  key?: string;
  /** The stored record the draft started from. */
  base?: StaffRecord;
  draft?: PersonDraft;
  /** The latest draft that passed validation: readiness follows it while a field is half typed. */
  lastValid?: StaffRecord;
  saving: boolean;
  message?: { kind: 'success' | 'error'; text: string };
}
const usePersonView = create<PersonViewState>(() => ({ saving: false }));

function setDraft(draft: PersonDraft) {
  const valid = validateDraft(draft).record;
  usePersonView.setState((s) => ({ draft, lastValid: valid ?? s.lastValid, message: undefined }));
}

function edit(path: readonly (string | number)[], value: unknown) {
  const { draft } = usePersonView.getState();
  if (!draft) return;
  setDraft(setField(draft, path, value));
}

function editTransfer(planId: string, path: readonly (string | number)[], value: unknown) {
  const { draft } = usePersonView.getState();
  if (!draft) return;
  const ensured = ensureTransfer(draft, planId);
  setDraft(setField(ensured.draft, ['transfers', ensured.index, ...path], value));
}

async function save(key: string) {
  const { draft } = usePersonView.getState();
  if (!draft) return;
  const check = validateDraft(draft);
  if (!check.record) {
    usePersonView.setState({ message: { kind: 'error', text: 'Correct the fields marked in red, then save.' } });
    return;
  }
  usePersonView.setState({ saving: true, message: undefined });
  const r = await sendMessage({
    type: 'updatePerson',
    key: key,
    record: check.record as unknown as Record<string, unknown>,
  });
  if (r.ok) {
    usePersonView.setState({
      saving: false,
      base: r.data.record,
      draft: r.data.record,
      lastValid: r.data.record,
      message: { kind: 'success', text: 'Saved.' },
    });
  } else {
    usePersonView.setState({ saving: false, message: { kind: 'error', text: r.error } });
  }
}

export function PersonPage({ personKey }: { personKey: string }) {
  const { records, settings, ctx } = useDashboardData(
    useShallow((s) => ({ records: s.records, settings: s.settings, ctx: s.ctx })),
  );
  const stored = useMemo(() => records.find((r) => keyOf(r) === personKey), [records, personKey]);
  const reports = useMemo(() => records.filter((r) => r.lineManager === personKey), [records, personKey]);
  const manager = useMemo(
    () => (stored?.lineManager ? records.find((r) => keyOf(r) === stored.lineManager) : undefined),
    [records, stored],
  );
  const { draft, base, lastValid, saving, message } = usePersonView(
    useShallow((s) => ({ draft: s.draft, base: s.base, lastValid: s.lastValid, saving: s.saving, message: s.message })),
  );

  // Start a new draft when the person changes, or when the stored record changes and nothing is being edited.
  useEffect(() => {
    const s = usePersonView.getState();
    if (!stored) return;
    const dirty = s.draft && s.base && JSON.stringify(s.draft) !== JSON.stringify(s.base);
    if (s.key !== personKey || (!dirty && s.base !== stored)) {
      usePersonView.setState({
        key: personKey,
        base: stored,
        draft: stored,
        lastValid: stored,
        message: s.key === personKey ? s.message : undefined,
      });
    }
  }, [personKey, stored]);

  const check = useMemo(() => (draft ? validateDraft(draft) : { errors: {} }), [draft]);
  const live = check.record ?? lastValid ?? base;
  const readiness = useMemo(() => (live ? readinessOf(live, ctx) : undefined), [live, ctx]);

  if (!stored) {
    return (
      <>
        <h1 className="tl-heading-l">Person not found</h1>
        <p>
          Nobody with the key “{personKey}” is in the register. They may have been removed. Go back to the{' '}
          <a href="#/register">staff register</a>.
        </p>
      </>
    );
  }
  if (!draft || !base || usePersonView.getState().key !== personKey) return null;

  const errors = check.errors;
  const changed = check.record ? changedFields(base, check.record) : [];
  const dirty = JSON.stringify(draft) !== JSON.stringify(base);
  const errorCount = Object.keys(errors).length;
  const plans = settings.plans;
  const orphanTransfers = draft.transfers.filter((t) => !plans.some((p) => p.id === t.planId));

  return (
    <>
      <p>
        <a href="#/register">Back to the register</a>
      </p>
      <span className="tl-caption">
        {councilName[stored.council]} employee {stored.employeeNumber}
      </span>
      <h1 className="tl-heading-l">{displayName(stored)}</h1>
      {!stored.inLatestRoster ? (
        <p className="tl-inset">
          <strong>Not in the latest roster:</strong> the last file synced did not list this person. Check whether they
          have left before removing them.
        </p>
      ) : null}

      <div className="tl-person__grid">
        <div>
          <h2 className="tl-heading-m">The five facts</h2>
          <StaffFacts record={live ?? stored} plan={ctx.plan} />

          <h2 className="tl-heading-m">Details from the HR file</h2>
          <Details record={stored} manager={manager} />
          {reports.length > 0 ? (
            <p>
              <a href={registerHref({ manager: personKey })}>
                My team: {reports.length} {reports.length === 1 ? 'person reports' : 'people report'} to{' '}
                {displayName(stored)}
              </a>{' '}
              · <a href={`#/teams?root=${encodeURIComponent(personKey)}`}>Team tree</a>
            </p>
          ) : null}

          {errorCount > 0 ? (
            <div className="tl-error-summary" role="alert" aria-labelledby="person-errors-heading">
              <h2 id="person-errors-heading" className="tl-heading-m" style={{ marginTop: 0 }}>
                There {errorCount === 1 ? 'is a problem' : `are ${errorCount} problems`}
              </h2>
              <ul>
                {Object.entries(errors).map(([path, text]) => (
                  <li key={path}>
                    <a href={`#/person/${encodeURIComponent(personKey)}`} onClick={(e) => focusField(e, path)}>
                      {text}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}

          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void save(personKey);
            }}
          >
            <TomSection draft={draft} errors={errors} />
            <S113Section draft={draft} errors={errors} />
            {plans.length === 0 ? (
              <p className="tl-inset">
                Add a transfer plan on the <a href="#/settings">Settings page</a> to record TUPE steps.
              </p>
            ) : (
              plans.map((p) => <TransferSection key={p.id} plan={p} draft={draft} errors={errors} />)
            )}
            {orphanTransfers.length > 0 ? (
              <p className="tl-hint">
                Also recorded for plans no longer in settings: {orphanTransfers.map((t) => t.planId).join(', ')}.
              </p>
            ) : null}
            <PensionFieldset draft={draft} errors={errors} />
            <button type="submit" className="tl-button" disabled={saving || !dirty}>
              {saving ? 'Saving…' : 'Save changes'}
            </button>
            {dirty ? (
              <button
                type="button"
                className="tl-button tl-button--secondary"
                onClick={() => usePersonView.setState({ draft: base, lastValid: base, message: undefined })}
              >
                Discard changes
              </button>
            ) : null}
          </form>
          <History record={stored} plans={plans} />
        </div>

        <aside aria-labelledby="readiness-heading">
          <div className="tl-sticky tl-panel">
            <h2 id="readiness-heading" className="tl-heading-m" style={{ marginTop: 0 }}>
              Readiness
            </h2>
            {ctx.plan ? (
              <p className="tl-hint">
                For {ctx.plan.name}, transfer on {formatDate(ctx.plan.transferDate)}
              </p>
            ) : null}
            {readiness ? (
              <>
                <p>
                  <ReadinessChip state={readiness.state} />
                  {readiness.reason ? ` ${readiness.reason}` : null}
                </p>
                {readiness.blockers.length > 0 ? (
                  <ul className="tl-blockers" aria-label="Blockers">
                    {readiness.blockers.map((b) => (
                      <li key={b.code}>{b.text}</li>
                    ))}
                  </ul>
                ) : null}
              </>
            ) : null}
            {errorCount > 0 ? (
              <p className="tl-hint">Readiness shows your changes up to the last valid value.</p>
            ) : null}
            <div role="status" aria-live="polite">
              {message ? (
                <p className={message.kind === 'error' ? 'tl-error-message' : undefined}>
                  <strong>{message.text}</strong>
                </p>
              ) : dirty ? (
                <p>Not saved yet{changed.length > 0 ? `: ${changed.map(fieldLabel).join(', ')}` : ''}.</p>
              ) : null}
            </div>
            <button
              type="button"
              className="tl-button"
              disabled={saving || !dirty}
              onClick={() => void save(personKey)}
            >
              {saving ? 'Saving…' : 'Save changes'}
            </button>
          </div>
        </aside>
      </div>
      <Glossary ids={['s113', 'tupe', 'eli', 'tom', 'lgps', 'cosop']} />
    </>
  );
}

const FIELD_LABELS: Record<string, string> = {
  s113: 'Section 113',
  transfers: 'transfer steps',
  pension: 'pension checklist',
  tomFunction: 'TOM function',
  tomTeam: 'TOM team',
};
function fieldLabel(f: string): string {
  return FIELD_LABELS[f] ?? f;
}

function fieldId(path: string): string {
  return `field-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}

function focusField(e: React.MouseEvent, path: string) {
  e.preventDefault();
  document.getElementById(fieldId(path))?.focus();
}

function Details({ record, manager }: { record: StaffRecord; manager?: StaffRecord }) {
  const rows: [string, React.ReactNode][] = [
    ['Employing council', <CouncilBadge key="c" council={record.council} />],
    ['Employee number', record.employeeNumber],
    ['Forename', record.forename || '–'],
    ['Surname', record.surname || '–'],
    ['Known as', record.knownAs || '–'],
    ['Other spellings', record.otherSpellings.join(', ') || '–'],
    ['E-mail', record.emails.join(', ') || '–'],
    ['Job title', record.jobTitle || '–'],
    ['Grade', record.grade || '–'],
    ['FTE', record.fte === undefined ? '–' : formatFte(record.fte)],
    ['Contract type', record.contractType ? ContractType.enum[record.contractType].replace('-', ' ') : '–'],
    ['Continuous service date', record.continuousServiceDate ? formatDate(record.continuousServiceDate) : '–'],
    [
      'Line manager',
      record.lineManager ? (
        <a key="m" href={personHref(record.lineManager)}>
          {manager ? displayName(manager) : record.lineManager}
        </a>
      ) : (
        '–'
      ),
    ],
    ['Current team', record.team || '–'],
    ['Service category', record.serviceCategory ? serviceCategoryName[record.serviceCategory] : '–'],
    ['Vacant post', record.vacant ? 'Yes' : 'No'],
    ['In the latest roster', record.inLatestRoster ? 'Yes' : 'No'],
    [
      'Edited in Transition Lens',
      Object.keys(record.localEdits).length === 0
        ? 'Nothing yet'
        : Object.entries(record.localEdits)
            .map(([field, at]) => `${field} (${formatWhen(at)})`)
            .join(', '),
    ],
  ];
  return (
    <dl className="tl-summary-list">
      {rows.map(([k, v]) => (
        <div className="tl-summary-list__row" key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

type Errors = Record<string, string>;

function FieldError({ path, errors }: { path: string; errors: Errors }) {
  return <ErrorMessage id={fieldId(path)} error={errors[path]} />;
}

function TextField({
  path,
  label,
  hint,
  value,
  errors,
  onChange,
  date = false,
  wide = false,
}: {
  path: string;
  label: string;
  hint?: string;
  value: string | undefined;
  errors: Errors;
  onChange: (v: string) => void;
  date?: boolean;
  wide?: boolean;
}) {
  const id = fieldId(path);
  const error = errors[path];
  const hintText = hint ?? (date ? 'For example, 2018-03-04' : undefined);
  return (
    <FormGroup id={id} label={label} hint={hintText} error={error}>
      <input
        id={id}
        className={`tl-input${date ? ' tl-input--date' : ''}${wide ? ' tl-input--wide' : ''}${error ? ' tl-input--error' : ''}`}
        value={value ?? ''}
        inputMode={date ? 'numeric' : undefined}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, Boolean(hintText), error)}
        onChange={(e) => onChange(e.target.value)}
      />
    </FormGroup>
  );
}

function SelectField({
  path,
  label,
  value,
  options,
  errors,
  onChange,
  hint,
}: {
  path: string;
  label: string;
  value: string | undefined;
  options: readonly (readonly [string, string])[];
  errors: Errors;
  onChange: (v: string) => void;
  hint?: string;
}) {
  const id = fieldId(path);
  const error = errors[path];
  return (
    <FormGroup id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        className="tl-select"
        value={value ?? ''}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, Boolean(hint), error)}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map(([v, t]) => (
          <option key={v} value={v}>
            {t}
          </option>
        ))}
      </select>
    </FormGroup>
  );
}

function TomSection({ draft, errors }: { draft: PersonDraft; errors: Errors }) {
  const fn = draft.tomFunction;
  const teams = fn ? tomTeams[fn] : [];
  const teamOptions: [string, string][] = [['', 'Not chosen'], ...teams.map((t) => [t, t] as [string, string])];
  if (draft.tomTeam && !teams.includes(draft.tomTeam))
    teamOptions.push([draft.tomTeam, `${draft.tomTeam} (from file)`]);
  return (
    <fieldset className="tl-fieldset">
      <legend>
        <Term id="tom" /> function and team
      </legend>
      <div className="tl-inline-fields">
        <SelectField
          path="tomFunction"
          label="TOM function"
          value={fn}
          errors={errors}
          options={[
            ['', 'Not assigned'],
            ...TomFunction.options.map((f) => [f, tomFunctionName[f]] as [string, string]),
          ]}
          onChange={(v) => {
            edit(['tomFunction'], v);
            // A team belongs to one function: drop a team the new function does not have.
            const fnNew = v as TomFunction | '';
            if (draft.tomTeam && (!fnNew || !tomTeams[fnNew].includes(draft.tomTeam))) edit(['tomTeam'], '');
          }}
        />
        <SelectField
          path="tomTeam"
          label="TOM team"
          value={draft.tomTeam}
          errors={errors}
          options={teamOptions}
          onChange={(v) => edit(['tomTeam'], v)}
        />
      </div>
    </fieldset>
  );
}

function S113Section({ draft, errors }: { draft: PersonDraft; errors: Errors }) {
  const s = draft.s113;
  return (
    <fieldset className="tl-fieldset">
      <legend>
        <Term id="s113" /> placement
      </legend>
      <p className="tl-hint">
        The officer stays employed by {councilName[draft.council]} and must be consulted before being placed.
      </p>
      <label className="tl-checkbox">
        <input type="checkbox" checked={s.placed} onChange={(e) => edit(['s113', 'placed'], e.target.checked)} />
        Placed at the disposal of the shared service
      </label>
      <TextField
        path="s113.agreementRef"
        label="Agreement reference"
        value={s.agreementRef}
        errors={errors}
        onChange={(v) => edit(['s113', 'agreementRef'], v)}
      />
      <div className="tl-inline-fields">
        {(
          [
            ['noticeIssued', 'Notice issued'],
            ['consulted', 'Consulted'],
            ['confirmedContinuing', 'Confirmed as continuing'],
            ['ended', 'Ended'],
          ] as const
        ).map(([f, label]) => (
          <TextField
            key={f}
            path={`s113.${f}`}
            label={label}
            date
            value={s[f]}
            errors={errors}
            onChange={(v) => edit(['s113', f], v)}
          />
        ))}
      </div>
    </fieldset>
  );
}

function TransferSection({ plan, draft, errors }: { plan: TransferPlan; draft: PersonDraft; errors: Errors }) {
  const index = draft.transfers.findIndex((t) => t.planId === plan.id);
  const t = index >= 0 ? draft.transfers[index] : undefined;
  const p = (f: string) => `transfers.${index >= 0 ? index : draft.transfers.length}.${f}`;
  const set = (path: readonly (string | number)[], v: unknown) => editTransfer(plan.id, path, v);
  const host = draft.council === plan.transferee;
  return (
    <fieldset className="tl-fieldset">
      <legend>
        {plan.name}: {plan.legalBasis === 'COSOP' ? <Term id="cosop" /> : <Term id="tupe" />} steps
      </legend>
      <p className="tl-hint">
        Transfer to {councilName[plan.transferee]} on {formatDate(plan.transferDate)}.
        {host ? ` No transfer: ${councilName[draft.council]} is the host employer; they may still be affected.` : ''}
      </p>
      {!t ? <p className="tl-hint">Nothing recorded for this plan yet; changing a field starts the record.</p> : null}
      <div className="tl-inline-fields">
        <SelectField
          path={p('scope')}
          label="Scope"
          value={t?.scope ?? 'under-review'}
          errors={errors}
          options={TransferScope.options.map((s) => [s, transferScopeName[s]] as [string, string])}
          onChange={(v) => set(['scope'], v)}
        />
        <SelectField
          path={p('outcome')}
          label="Outcome"
          value={t?.outcome ?? 'pending'}
          errors={errors}
          options={TransferOutcome.options.map((s) => [s, outcomeName[s]] as [string, string])}
          onChange={(v) => set(['outcome'], v)}
        />
        <TextField
          path={p('outcomeDate')}
          label="Outcome date"
          date
          value={t?.outcomeDate}
          errors={errors}
          onChange={(v) => set(['outcomeDate'], v)}
        />
      </div>
      {t?.scope === 'not-in-scope' ? (
        <TextField
          path={p('notInScopeReason')}
          label="Why not in scope"
          wide
          value={t.notInScopeReason}
          errors={errors}
          onChange={(v) => set(['notInScopeReason'], v)}
        />
      ) : null}
      <div className="tl-inline-fields">
        <SelectField
          path={p('assignment')}
          label="Assignment to the transferring service"
          hint="TUPE reg 2: not temporary; time spent is one factor. This needs a judgement, not a rule."
          value={t?.assignment ?? 'not-assessed'}
          errors={errors}
          options={Assignment.options.map((s) => [s, assignmentName[s]] as [string, string])}
          onChange={(v) => set(['assignment'], v)}
        />
        <SelectField
          path={p('representation')}
          label="Representatives"
          value={t?.representation ?? 'none'}
          errors={errors}
          options={Representation.options.map((s) => [s, representationName[s]] as [string, string])}
          onChange={(v) => set(['representation'], v)}
        />
      </div>
      <TextField
        path={p('assignmentBasis')}
        label="Basis for the assignment decision"
        wide
        value={t?.assignmentBasis}
        errors={errors}
        onChange={(v) => set(['assignmentBasis'], v)}
      />
      <label className="tl-checkbox">
        <input type="checkbox" checked={t?.affected ?? true} onChange={(e) => set(['affected'], e.target.checked)} />
        Affected employee (to be informed and consulted, TUPE reg 13)
      </label>
      <h3 className="tl-heading-s">
        <Term id="eli" /> sent (due 28 days before the transfer)
      </h3>
      <div className="tl-inline-fields">
        {ELI_ITEMS.map((item) => (
          <TextField
            key={item.id}
            path={p(`eliSent.${item.id}`)}
            label={item.label}
            date
            value={t?.eliSent[item.id]}
            errors={errors}
            onChange={(v) => set(['eliSent', item.id], v)}
          />
        ))}
      </div>
      {STEP_DATE_GROUPS.map((group) => (
        <Fragment key={group.heading}>
          <h3 className="tl-heading-s">{group.heading}</h3>
          <div className="tl-inline-fields">
            {group.fields.map(([f, label]) => (
              <TextField
                key={f}
                path={p(f)}
                label={label}
                date
                value={t?.[f]}
                errors={errors}
                onChange={(v) => set([f], v)}
              />
            ))}
          </div>
        </Fragment>
      ))}
    </fieldset>
  );
}

/** The TUPE step dates after the ELI, in the order an HR officer records them. */
const STEP_DATE_GROUPS = [
  {
    heading: 'Informing and consulting',
    fields: [
      ['informed', 'Informed (fact, date, reasons, implications, measures)'],
      ['letterSent', 'Individual letter sent'],
      ['meetingHeld', 'Consultation meeting held'],
    ],
  },
  {
    heading: 'Objection',
    fields: [
      ['objection', 'Objected (TUPE reg 4(7))'],
      ['objectionWithdrawn', 'Objection withdrawn'],
      ['substantialChangeClaim', 'Substantial change claim (reg 4(9))'],
    ],
  },
] as const;

const ITEM_STATE_NAME: Record<PensionItemState, string> = {
  todo: 'To do',
  done: 'Done',
  'not-applicable': 'Not applicable',
};

function PensionFieldset({ draft, errors }: { draft: PersonDraft; errors: Errors }) {
  const camden = draft.council === 'camden';
  return (
    <fieldset className="tl-fieldset">
      <legend>
        <Term id="lgps" /> pension checklist
      </legend>
      <p className="tl-hint">
        Current fund: {pensionFundName[draft.council]}.
        {camden ? ' Items about moving to the Camden fund do not apply to Camden’s own members.' : ''}
      </p>
      <div className="tl-inline-fields">
        <TextField
          path="pension.membershipNumber"
          label="Membership number"
          value={draft.pension.membershipNumber}
          errors={errors}
          onChange={(v) => edit(['pension', 'membershipNumber'], v)}
        />
        <SelectField
          path="pension.section"
          label="Section"
          value={draft.pension.section}
          errors={errors}
          options={[
            ['', 'Not recorded'],
            ...PensionSection.options.map(
              (s) =>
                [
                  s,
                  { main: 'Main', '50-50': '50/50', 'opted-out': 'Opted out', 'not-eligible': 'Not eligible' }[s],
                ] as [string, string],
            ),
          ]}
          onChange={(v) => edit(['pension', 'section'], v)}
        />
      </div>
      <table className="tl-table tl-pension-table">
        <caption className="tl-visually-hidden">Pension checklist items</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">State</th>
            <th scope="col">Date</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {PENSION_ITEMS.map((item, i) => {
            const stored = draft.pension.items[item.id];
            const state = pensionItemState(draft.pension, item.id, camden);
            const base = `pension.items.${item.id}`;
            const labelId = `pension-item-${item.id}`;
            return (
              <tr key={item.id}>
                <th scope="row" id={labelId}>
                  {i + 1}. {item.label}
                </th>
                <td>
                  <select
                    id={fieldId(`${base}.state`)}
                    className="tl-select"
                    aria-labelledby={`${labelId} ${labelId}-state`}
                    value={state}
                    onChange={(e) => edit(['pension', 'items', item.id, 'state'], e.target.value)}
                  >
                    {(['todo', 'done', 'not-applicable'] as const).map((s) => (
                      <option key={s} value={s}>
                        {ITEM_STATE_NAME[s]}
                      </option>
                    ))}
                  </select>
                  <span id={`${labelId}-state`} className="tl-visually-hidden">
                    state
                  </span>
                </td>
                <td>
                  <FieldError path={`${base}.date`} errors={errors} />
                  <input
                    id={fieldId(`${base}.date`)}
                    className={`tl-input tl-input--date${errors[`${base}.date`] ? ' tl-input--error' : ''}`}
                    aria-label={`${item.label}: date (for example, 2018-03-04)`}
                    aria-invalid={errors[`${base}.date`] ? true : undefined}
                    aria-describedby={errors[`${base}.date`] ? `${fieldId(`${base}.date`)}-error` : undefined}
                    inputMode="numeric"
                    value={stored?.date ?? ''}
                    onChange={(e) => {
                      if (!stored) edit(['pension', 'items', item.id, 'state'], state);
                      edit(['pension', 'items', item.id, 'date'], e.target.value);
                    }}
                  />
                </td>
                <td>
                  <FieldError path={`${base}.note`} errors={errors} />
                  <input
                    id={fieldId(`${base}.note`)}
                    className="tl-input"
                    aria-label={`${item.label}: note`}
                    value={stored?.note ?? ''}
                    onChange={(e) => {
                      if (!stored) edit(['pension', 'items', item.id, 'state'], state);
                      edit(['pension', 'items', item.id, 'note'], e.target.value);
                    }}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}

function History({ record, plans }: { record: StaffRecord; plans: readonly TransferPlan[] }) {
  // Transfers are named by plan id in the diff; show the plan's name where the plan still exists.
  const planName = (what: string) => plans.reduce((w, p) => w.replace(`› ${p.id}`, `› ${p.name}`), what);
  const entries = [...record.history].reverse();
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading" className="tl-heading-m">
        History
      </h2>
      {entries.length === 0 ? (
        <p>No changes recorded yet.</p>
      ) : (
        <table className="tl-table tl-history">
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Old → new</th>
              <th scope="col">When</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {entries.flatMap((h, i) =>
              historyChanges(h).map((c, j) => (
                <tr key={`${h.at}-${h.field}-${i}-${j}`}>
                  <td>{planName(c.what)}</td>
                  <td>
                    {c.from} → {c.to}
                  </td>
                  <td>{formatWhen(h.at)}</td>
                  <td>{h.by || 'Unknown'}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A history time in the user's own time zone: "29 November 2026, 19:46". */
function formatWhen(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  const time = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return `${formatDate(todayIso(d))}, ${time}`;
}
