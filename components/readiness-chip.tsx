import { readinessName, type ReadinessState } from '@/lib/domain';

/** A symbol as well as a colour and a word, so the state reads without colour (WCAG 1.4.1). */
const SYMBOL: Record<ReadinessState, string> = { ready: '✓', 'at-risk': '!', blocked: '✕', 'not-applicable': '–' };

export function ReadinessChip({ state }: { state: ReadinessState }) {
  return (
    <span className={`tl-chip tl-chip--${state}`}>
      <span aria-hidden="true">{SYMBOL[state]} </span>
      {readinessName[state]}
    </span>
  );
}
