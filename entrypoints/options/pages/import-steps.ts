import { csvEncodingName } from '@/lib/csv/decode';
import type { Mapping } from '@/lib/csv/mapping';
import { delimiterName } from '@/lib/csv/parse';
import type { ReadResult } from '@/lib/csv/read-rows';

/** Pure helpers for the Import page's steps. */

/** Larger files are refused before reading: a council's register is a few megabytes at most. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Why a chosen file cannot be read, or undefined when it looks like a CSV file. */
export function fileProblem(file: { name: string; size: number; type: string }): string | undefined {
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > MAX_FILE_BYTES) return `${file.name} is larger than 50 MB. Export fewer columns or rows.`;
  const lower = file.name.toLowerCase();
  if (/\.(xlsx|xlsm|xls|ods)$/.test(lower)) {
    return `${file.name} is a spreadsheet. In Excel choose File > Save As > "CSV UTF-8 (Comma delimited)", then choose that file.`;
  }
  if (!/\.(csv|txt|tsv)$/.test(lower) && !/csv|text\/plain|tab-separated/.test(file.type)) {
    return `${file.name} does not look like a CSV file. Choose a file ending in .csv.`;
  }
  return undefined;
}

/** What the page says when the chosen file is not text at all (see looksBinary in lib/csv/decode.ts). */
export function notTextProblem(name: string): string {
  return `${name} is not a text file, so it cannot be a CSV file. If it is a spreadsheet, open it in Excel and choose File > Save As > "CSV UTF-8 (Comma delimited)", then choose that file.`;
}

export interface Detection {
  encoding: string;
  delimiter: string;
  headerLine: number;
  headers: string[];
  format: string;
}

/** What the reader found out about the file, in plain words. */
export function describeDetection(r: ReadResult): Detection {
  return {
    encoding: csvEncodingName[r.encoding],
    delimiter: delimiterName[r.delimiter],
    headerLine: r.headerLine,
    headers: r.headers,
    format: r.registerFormat ? 'Transition Lens register export' : 'Other CSV (columns matched by their headings)',
  };
}

/** The mapping with one column's choice changed. */
export function withColumnChoice(mapping: Mapping, header: string, choice: Mapping['columns'][string]): Mapping {
  return { ...mapping, columns: { ...mapping.columns, [header]: choice } };
}

/** The source name an import is remembered by (and its column choices saved under). */
export function sourceName(kind: 'file' | 'url', nameOrUrl: string): string {
  return kind === 'file' ? `File: ${nameOrUrl}` : nameOrUrl;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** "23 February 2018 at 14:05" for import history, from an ISO date-time. */
export function formatWhen(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return `${date} at ${time}`;
}
