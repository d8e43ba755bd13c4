import Papa from 'papaparse';
import { knownHeaderCount } from './headers';

export type Delimiter = ',' | ';' | '\t';

export const delimiterName: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/** One data row and the 1-based line of the file it starts on, for messages ("line 14: FTE must be …"). */
export interface SourceRow {
  line: number;
  cells: string[];
}

export interface CsvProblem {
  line: number;
  reason: string;
}

export interface ParsedCsv {
  headers: string[];
  /** The line of the column headings; 0 when the file is empty. */
  headerLine: number;
  rows: SourceRow[];
  delimiter: Delimiter;
  /** Plain-words notes about how the file was read (e.g. title lines above the headings). */
  notices: string[];
  /** Broken quoting and similar: the row is still read, as well as it can be. */
  problems: CsvProblem[];
}

const CANDIDATES: readonly Delimiter[] = [',', ';', '\t'];

/**
 * Guesses the delimiter from the first lines: the one that splits the most lines into the same number of
 * fields. Papa Parse's own guess gives up when title lines sit above the headings, so we count ourselves.
 */
export function guessDelimiter(text: string): Delimiter {
  const lines = text.slice(0, 64 * 1024).split(/\r\n|\n|\r/, 50);
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const counts = new Map<number, number>();
    for (const line of lines) {
      const n = countOutsideQuotes(line, d);
      if (n > 0) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    let score = 0;
    for (const [fields, lineCount] of counts) score = Math.max(score, lineCount * 1000 + fields);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

/** Line breaks inside a quoted cell, so the next row's line number stays true to the file. */
function lineBreaksIn(cell: string): number {
  if (cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) return 0;
  return cell.match(/\r\n|\r|\n/g)?.length ?? 0;
}

function isBlank(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}

/** Every non-blank row of the file with its starting line, headings included. */
export function parseRows(
  text: string,
  delimiter: Delimiter = guessDelimiter(text),
): {
  rows: SourceRow[];
  problems: CsvProblem[];
} {
  const result = Papa.parse<string[]>(text, { delimiter, header: false, skipEmptyLines: false });
  const rows: SourceRow[] = [];
  const lineOfIndex: number[] = [];
  let line = 1;
  for (const cells of result.data) {
    lineOfIndex.push(line);
    if (!isBlank(cells)) rows.push({ line, cells });
    let breaks = 1;
    for (const c of cells) breaks += lineBreaksIn(c);
    line += breaks;
  }
  const problems: CsvProblem[] = [];
  for (const e of result.errors) {
    if (e.type !== 'Quotes') continue;
    const at = e.row === undefined ? 0 : (lineOfIndex[e.row] ?? 0);
    problems.push({
      line: at,
      reason:
        e.code === 'MissingQuotes'
          ? 'A quoted cell is never closed, so the rest of the file may have been read into it'
          : 'A cell has a stray quote mark; it was read as well as possible',
    });
  }
  return { rows, problems };
}

const HEADER_SEARCH_ROWS = 20;

/**
 * Finds the row of column headings: the first row with at least two headings we know, or failing that the
 * first row that is at least half as wide as the widest of the first rows (title lines have one cell filled).
 */
export function findHeaderRow(rows: readonly SourceRow[], isHeader?: (cells: string[]) => boolean): number {
  const sample = rows.slice(0, HEADER_SEARCH_ROWS);
  const known = sample.findIndex((r) => (isHeader ? isHeader(r.cells) : false) || knownHeaderCount(r.cells) >= 2);
  if (known >= 0) return known;
  const filled = sample.map((r) => r.cells.filter((c) => c.trim() !== '').length);
  const widest = Math.max(0, ...filled);
  const wide = filled.findIndex((n) => n * 2 >= widest);
  return Math.max(0, wide);
}

export interface ParseOptions {
  delimiter?: Delimiter;
  /** Recognises a heading row that has none of the usual headings (e.g. the register's own format). */
  isHeader?: (cells: string[]) => boolean;
}

export function parseCsv(text: string, options: ParseOptions = {}): ParsedCsv {
  const delimiter = options.delimiter ?? guessDelimiter(text);
  const { rows, problems } = parseRows(text, delimiter);
  const notices: string[] = [];
  if (rows.length === 0) return { headers: [], headerLine: 0, rows: [], delimiter, notices, problems };
  const h = findHeaderRow(rows, options.isHeader);
  const headerRow = rows[h]!;
  if (headerRow.line > 1) {
    const last = headerRow.line - 1;
    notices.push(
      `The column headings are on line ${headerRow.line}; ${last === 1 ? 'line 1 was' : `lines 1–${last} were`} skipped`,
    );
  }
  return {
    headers: headerRow.cells.map((c) => c.trim()),
    headerLine: headerRow.line,
    rows: rows.slice(h + 1),
    delimiter,
    notices,
    problems: problems.filter((p) => p.line >= headerRow.line),
  };
}
