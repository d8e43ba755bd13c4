import type { RegisterSummary, ResponseOf } from '../../lib/messaging/protocol';
import { COUNT_STATES, planLine, readinessLabel, registerLine } from './format';

/*
 * The counts as plain HTML, for the moment before React has loaded: main.ts puts them on screen from the popup's
 * local copy (or the background's first answer), then React renders the same markup over them. A unit test keeps
 * this markup equal to the React Counts component's, so the hand-over cannot be seen.
 */

function escapeText(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');
}

export function countsHtml(summary: RegisterSummary, busy: boolean): string {
  const plan = summary.plan
    ? `<p class="hint">${escapeText(planLine(summary.plan))}</p>`
    : '<p class="hint">No transfer plan is set up. <button type="button" class="link-button">Set one up in Settings</button></p>';
  const items = COUNT_STATES.map(
    (state) =>
      `<li class="count count-${state}"><button type="button" class="count-button">` +
      `<span class="count-n">${summary.readiness[state].toLocaleString('en-GB')}</span> ` +
      `<span class="count-label">${readinessLabel[state]}</span>` +
      '<span class="visually-hidden">: show in the register</span></button></li>',
  ).join('');
  return (
    `<section aria-labelledby="counts-h" class="panel" aria-busy="${busy}">` +
    `<h2 id="counts-h">Transfer readiness</h2>${plan}<ul class="counts">${items}</ul>` +
    `<p class="hint">${escapeText(registerLine(summary))}</p></section>`
  );
}

/** What the shell has on screen when React takes over, and the background's first answer (maybe still coming). */
export interface PopupStart {
  summary?: RegisterSummary;
  /** Whether `summary` is the background's answer (not the local copy). */
  fresh: boolean;
  first?: Promise<ResponseOf<'getSummary'>>;
}

/**
 * For the speed check (tests/bench/popup.ts, tests/e2e/popup.e2e.ts): 'tl-popup-summary' when counts are first on
 * screen, 'tl-popup-summary-fresh' when the background's counts are.
 */
export function markCountsShown(fresh: boolean): void {
  if (performance.getEntriesByName('tl-popup-summary').length === 0) performance.mark('tl-popup-summary');
  if (fresh && performance.getEntriesByName('tl-popup-summary-fresh').length === 0) {
    performance.mark('tl-popup-summary-fresh');
  }
}
