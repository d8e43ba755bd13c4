import { PersonTransfer, StaffRecord } from '../domain';

/**
 * A person's record while the user edits it. Values are kept exactly as typed (an unfinished date is still a
 * string) so the form can say what is wrong next to the field; `validateDraft` turns it into a StaffRecord.
 */
export type PersonDraft = StaffRecord;

type Path = readonly (string | number)[];

/** Returns a copy with the value at `path` replaced; '' and undefined remove an optional field. */
export function setField(draft: PersonDraft, path: Path, value: unknown): PersonDraft {
  return setIn(draft, path, value) as PersonDraft;
}

function setIn(obj: unknown, path: Path, value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const base = (Array.isArray(obj) ? [...(obj as unknown[])] : { ...((obj ?? {}) as object) }) as Record<
    string | number,
    unknown
  >;
  const next = setIn(base[head], rest, value);
  if (next === undefined || next === '') delete base[head];
  else base[head] = next;
  return base;
}

/** Makes sure the draft has a transfer entry for the plan (a new one is "under review"); returns its index. */
export function ensureTransfer(draft: PersonDraft, planId: string): { draft: PersonDraft; index: number } {
  const index = draft.transfers.findIndex((t) => t.planId === planId);
  if (index >= 0) return { draft, index };
  const transfers = [...draft.transfers, PersonTransfer.parse({ planId })];
  return { draft: { ...draft, transfers }, index: transfers.length - 1 };
}

export interface DraftCheck {
  /** The valid record, when there is no error. */
  record?: StaffRecord;
  /** Field path ("transfers.0.eliSent.identity") → the first message for it. */
  errors: Record<string, string>;
}

/** Checks the draft with the StaffRecord schema and a few rules between fields. */
export function validateDraft(draft: PersonDraft): DraftCheck {
  const result = StaffRecord.safeParse(draft);
  const errors: Record<string, string> = {};
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = issue.path.join('.');
      errors[key] ??= issue.message;
    }
  }
  draft.transfers.forEach((t, i) => {
    if (t.objectionWithdrawn && !t.objection) {
      errors[`transfers.${i}.objectionWithdrawn`] ??= 'Enter the date of the objection first';
    } else if (t.objection && t.objectionWithdrawn && t.objectionWithdrawn < t.objection) {
      errors[`transfers.${i}.objectionWithdrawn`] ??= 'The withdrawal must be on or after the objection';
    }
    if (t.outcome === 'transferred' && !t.outcomeDate) {
      errors[`transfers.${i}.outcomeDate`] ??= 'Enter the date the transfer took effect';
    }
  });
  const s = draft.s113;
  if (s.ended && s.noticeIssued && s.ended < s.noticeIssued) {
    errors['s113.ended'] ??= 'The placement cannot end before the notice was issued';
  }
  if (Object.keys(errors).length > 0 || !result.success) return { errors };
  return { record: result.data, errors };
}

/** The top-level fields that differ, for a short "You have changed: …" line. */
export function changedFields(before: StaffRecord, after: StaffRecord): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof StaffRecord>;
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}
