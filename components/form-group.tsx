import type { ReactNode } from 'react';

/** The ids a field's aria-describedby lists: its hint and its error, when shown (see FormGroup). */
export function describedBy(id: string, hint: boolean, error?: string): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** An error message under a label, GOV.UK style; `id` is the field's, the message is `${id}-error`. */
export function ErrorMessage({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p className="tl-error-message" id={`${id}-error`}>
      <span className="tl-visually-hidden">Error: </span>
      {error}
    </p>
  );
}

/**
 * One labelled field: label, hint (`${id}-hint`), error message (`${id}-error`), then the control, which should
 * point at them with `aria-describedby={describedBy(id, Boolean(hint), error)}`.
 */
export function FormGroup({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className={`tl-form-group${error ? ' tl-form-group--error' : ''}`}>
      <label className="tl-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="tl-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <ErrorMessage id={id} error={error} />
      {children}
    </div>
  );
}
