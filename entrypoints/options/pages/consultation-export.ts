import { exportConsultationList, type ExportColumn } from '@/lib/csv/export';
import type { RegisterRow } from '@/lib/views/register-rows';
import { keyOf } from '@/lib/domain';
import { cellText, columnLabel, type ConsultationColumn } from './consultation-filter';
import { downloadText } from './import-download';

/**
 * The consultation list as CSV text, in the order shown: UTF-8 with a byte order mark, CRLF line ends and every
 * cell formula-safe (exportConsultationList does those). Cells read the same as on screen and in print.
 */
export function consultationCsv(
  rows: readonly RegisterRow[],
  columns: readonly ConsultationColumn[],
  names: ReadonlyMap<string, string>,
): string {
  const byKey = new Map(rows.map((r) => [r.key as string, r]));
  const exportColumns: ExportColumn[] = columns.map((id) => ({
    header: columnLabel(id),
    value: (record) => {
      const row = byKey.get(keyOf(record));
      return row ? cellText(row, id, names) : '';
    },
  }));
  return exportConsultationList(
    rows.map((r) => r.record),
    exportColumns,
  );
}

export function downloadConsultationCsv(
  fileName: string,
  rows: readonly RegisterRow[],
  columns: readonly ConsultationColumn[],
  names: ReadonlyMap<string, string>,
): void {
  downloadText(fileName, consultationCsv(rows, columns, names));
}
