import { useEffect, useRef } from 'react';
import { formatDate } from '@/lib/domain';
import type { RegisterRow } from '@/lib/views/register-rows';
import { cellText, columnLabel, groupByRepresentation, type ConsultationColumn } from './consultation-filter';

/**
 * Print CSS for meeting lists: only the lists print (no header, navigation, buttons or footer), each
 * representative group starts on a new page, and table headings repeat on every page.
 */
const PRINT_CSS = `
@media print {
  @page { margin: 15mm; }
  .tl-skip-link, .tl-header, .tl-nav, .tl-footer, .tl-no-print { display: none !important; }
  .tl-main { padding: 0 !important; max-width: none !important; }
  body { font-size: 11pt; color: #000; background: #fff; }
  .tl-print-group { break-before: page; }
  .tl-print-group:first-of-type { break-before: auto; }
  .tl-print-group table { width: 100%; border-collapse: collapse; }
  .tl-print-group th, .tl-print-group td { border: 1px solid #000; padding: 3pt 5pt; font-size: 10pt; }
  .tl-print-group thead { display: table-header-group; }
  .tl-print-group tr { break-inside: avoid; }
  a { color: #000; text-decoration: none; }
}
.tl-print-group { margin-bottom: 40px; }
.tl-print-sign { min-width: 10em; }
`;

export function ConsultationPrint({
  rows,
  columns,
  names,
  description,
  planName,
  today,
  onClose,
}: {
  rows: readonly RegisterRow[];
  columns: readonly ConsultationColumn[];
  names: ReadonlyMap<string, string>;
  description: string;
  planName?: string;
  today: string;
  onClose: () => void;
}) {
  const groups = groupByRepresentation(rows);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <>
      <style>{PRINT_CSS}</style>
      <div className="tl-no-print tl-inline-fields">
        <button type="button" className="tl-button" onClick={() => window.print()}>
          Print
        </button>
        <button type="button" className="tl-button tl-button--secondary" onClick={onClose}>
          Back to the filters
        </button>
      </div>
      <h1 className="tl-heading-l" ref={headingRef} tabIndex={-1}>
        Consultation list{planName ? `: ${planName}` : ''}
      </h1>
      <p>
        {description}. {rows.length.toLocaleString('en-GB')} {rows.length === 1 ? 'person' : 'people'} in{' '}
        {groups.length} {groups.length === 1 ? 'group' : 'groups'}. Printed {formatDate(today)}.
      </p>
      {groups.map((g) => (
        <section key={g.rep} className="tl-print-group" aria-labelledby={`g-${g.rep}`}>
          <h2 id={`g-${g.rep}`} className="tl-heading-m">
            {g.title} ({g.rows.length})
          </h2>
          <table className="tl-table">
            <caption className="tl-visually-hidden">
              {g.title}: {g.rows.length} people
            </caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} scope="col">
                    {columnLabel(c)}
                  </th>
                ))}
                <th scope="col" className="tl-print-sign">
                  Notes
                </th>
              </tr>
            </thead>
            <tbody>
              {g.rows.map((row) => (
                <tr key={row.key}>
                  {columns.map((c) => (
                    <td key={c}>{cellText(row, c, names)}</td>
                  ))}
                  <td />
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}
