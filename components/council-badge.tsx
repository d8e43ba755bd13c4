import { councilLetter, councilName, type Council } from '@/lib/domain';

/**
 * The employing council: a coloured letter tile AND the council's name, so meaning never rests on colour alone
 * (WCAG 1.4.1). `compact` shows the letter with the name for screen readers and as a tooltip.
 */
export function CouncilBadge({ council, compact = false }: { council: Council; compact?: boolean }) {
  const name = councilName[council];
  return (
    <span className={`tl-council tl-council--${council}`} title={compact ? name : undefined}>
      <span className="tl-council__letter" aria-hidden="true">
        {councilLetter[council]}
      </span>
      {compact ? <span className="tl-visually-hidden">{name}</span> : <span className="tl-council__name">{name}</span>}
    </span>
  );
}
