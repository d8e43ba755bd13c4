/** One-line explanations of the legal and programme terms the dashboard uses, shown where a term first appears. */
export const GLOSSARY = {
  s113: {
    term: 'Section 113',
    text: 'Section 113 of the Local Government Act 1972: a council places its officer at the disposal of another body while still employing them.',
  },
  tupe: {
    term: 'TUPE',
    text: 'Transfer of Undertakings (Protection of Employment) Regulations 2006: staff move to the new employer on their existing terms.',
  },
  eli: {
    term: 'ELI',
    text: 'Employee liability information: facts about each person the old employer must send the new one at least 28 days before the transfer (TUPE reg 11).',
  },
  tom: {
    term: 'TOM',
    text: 'Target Operating Model: the four functions and their teams of the future shared service.',
  },
  lgps: {
    term: 'LGPS',
    text: 'Local Government Pension Scheme: each council runs its own fund; a transfer moves members to the Camden fund.',
  },
  cosop: {
    term: 'COSOP',
    text: 'Cabinet Office Statement of Practice: public bodies follow TUPE principles when TUPE itself does not apply.',
  },
} as const;
export type GlossaryId = keyof typeof GLOSSARY;

/** A term with its meaning as a tooltip; with `explain`, the one-line meaning follows in brackets (first use). */
export function Term({ id, explain = false }: { id: GlossaryId; explain?: boolean }) {
  const g = GLOSSARY[id];
  if (!explain) {
    return (
      <abbr className="tl-term" title={g.text}>
        {g.term}
      </abbr>
    );
  }
  return (
    <>
      {/* The sentence goes on after the brackets: no full stop inside them. */}
      <span className="tl-term">{g.term}</span> <span className="tl-term__explain">({g.text.replace(/\.$/, '')})</span>
    </>
  );
}

/** "What these words mean": the terms a page uses, each in one line. */
export function Glossary({ ids }: { ids: readonly GlossaryId[] }) {
  return (
    <details className="tl-details">
      <summary className="tl-details__summary">What these words mean</summary>
      <dl className="tl-glossary">
        {ids.map((id) => (
          <div key={id} className="tl-glossary__row">
            <dt>{GLOSSARY[id].term}</dt>
            <dd>{GLOSSARY[id].text}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
