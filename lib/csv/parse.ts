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

const QUOTE_PROBLEM = {
  MissingQuotes: 'A quoted cell is never closed, so the rest of the file may have been read into it',
  other: 'A cell has a stray quote mark; it was read as well as possible',
};

/**
 * Calls `onRow` for every non-blank row of the file with its starting line, headings included, as Papa Parse
 * reads it: a row is not kept unless the caller keeps it, so a large file's cells can be dropped as soon as
 * they are read (for 100,000 rows × 30 columns, keeping them all made garbage collection half the read time).
 */
export function scanRows(
  text: string,
  delimiter: Delimiter,
  onRow: (row: SourceRow) => void,
  onProblem: (problem: CsvProblem) => void,
): void {
  let line = 1;
  Papa.parse<string[]>(text, {
    delimiter,
    header: false,
    skipEmptyLines: false,
    step: (result) => {
      const cells = result.data;
      for (const e of result.errors) {
        if (e.type !== 'Quotes') continue;
        onProblem({ line, reason: e.code === 'MissingQuotes' ? QUOTE_PROBLEM.MissingQuotes : QUOTE_PROBLEM.other });
      }
      const at = line;
      let breaks = 1;
      for (const c of cells) breaks += lineBreaksIn(c);
      line += breaks;
      if (!isBlank(cells)) onRow({ line: at, cells });
    },
  });
}

/** Every non-blank row of the file with its starting line, headings included. */
export function parseRows(
  text: string,
  delimiter: Delimiter = guessDelimiter(text),
): {
  rows: SourceRow[];
  problems: CsvProblem[];
} {
  const rows: SourceRow[] = [];
  const problems: CsvProblem[] = [];
  scanRows(
    text,
    delimiter,
    (r) => rows.push(r),
    (p) => problems.push(p),
  );
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

/** What is known once the headings are found: everything in ParsedCsv but the data rows. */
export type CsvHead = Omit<ParsedCsv, 'rows'> & {
  /** The first data rows (up to FIRST_ROWS), for looks at the content before reading it all. */
  firstRows: readonly SourceRow[];
};

/** Data rows held back before the headings are settled, so the caller can look at the first ones. */
export const FIRST_ROWS = 50;

/**
 * Reads a CSV file as a stream of rows: `begin` gets the headings (found among the first rows) and the first
 * data rows, and returns what to do with each data row; every data row, those first ones included, then goes
 * to it in order. Problems are those on or after the heading line, known once the whole file is read.
 */
export function streamCsv(
  text: string,
  options: ParseOptions,
  begin: (head: CsvHead) => (row: SourceRow) => void,
): { head: CsvHead; problems: CsvProblem[] } {
  const delimiter = options.delimiter ?? guessDelimiter(text);
  const notices: string[] = [];
  const problems: CsvProblem[] = [];
  const buffered: SourceRow[] = [];
  let head: CsvHead | undefined;
  let onData: ((row: SourceRow) => void) | undefined;
  let dataStart = 0;

  const settle = () => {
    if (buffered.length === 0) {
      head = { headers: [], headerLine: 0, delimiter, notices, problems, firstRows: [] };
      onData = begin(head);
      return;
    }
    const h = findHeaderRow(buffered, options.isHeader);
    const headerRow = buffered[h]!;
    if (headerRow.line > 1) {
      const last = headerRow.line - 1;
      notices.push(
        `The column headings are on line ${headerRow.line}; ${last === 1 ? 'line 1 was' : `lines 1–${last} were`} skipped`,
      );
    }
    dataStart = h + 1;
    head = {
      headers: headerRow.cells.map((c) => c.trim()),
      headerLine: headerRow.line,
      delimiter,
      notices,
      problems,
      firstRows: buffered.slice(dataStart, dataStart + FIRST_ROWS),
    };
    onData = begin(head);
    for (let i = dataStart; i < buffered.length; i++) onData(buffered[i]!);
    buffered.length = 0;
  };

  scanRows(
    text,
    delimiter,
    (row) => {
      if (onData) return onData(row);
      buffered.push(row);
      // The headings are among the first HEADER_SEARCH_ROWS rows; FIRST_ROWS more are the data rows shown to `begin`.
      if (buffered.length >= HEADER_SEARCH_ROWS + FIRST_ROWS) settle();
    },
    (p) => problems.push(p),
  );
  if (!onData) settle();
  const headerLine = head!.headerLine;
  const kept = head!.headers.length === 0 ? problems : problems.filter((p) => p.line >= headerLine);
  head!.problems = kept;
  return { head: head!, problems: kept };
}

export function parseCsv(text: string, options: ParseOptions = {}): ParsedCsv {
  const rows: SourceRow[] = [];
  const { head } = streamCsv(text, options, () => (row) => rows.push(row));
  const { firstRows: _first, ...rest } = head;
  return { ...rest, rows };
}
