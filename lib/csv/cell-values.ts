/**
 * Readers for the cell values HR exports hold: UK and ISO dates, Excel serial dates, FTE as a fraction or a
 * percentage, yes/no. Each returns the value or a reason in plain words, never throws.
 */
export type CellResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = (reason: string): CellResult<never> => ({ ok: false, reason });

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isoFromParts(y: number, m: number, d: number): string | undefined {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Two-digit years: 00–49 are 2000–2049 and 50–99 are 1950–1999 (service dates, not birth dates). */
function fullYear(y: string): number {
  const n = Number(y);
  if (y.length > 2) return n;
  return n < 50 ? 2000 + n : 1900 + n;
}

/**
 * Excel stores dates as days since 1900 and counts 29 February 1900, a day that never existed (a bug kept for
 * Lotus 1-2-3 compatibility), so serials from 61 on are one day ahead of a plain count: 43191 is 1 April 2018.
 */
export function excelSerialToIso(serial: number): string | undefined {
  if (!Number.isInteger(serial) || serial < 1 || serial > 2_958_465 || serial === 60) return undefined;
  const base = serial > 60 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  return new Date(base + serial * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Reads `dd/mm/yyyy` (also `d/m/yy`, `-` or `.` between parts: UK order, never US), `yyyy-mm-dd` (with or
 * without a time after it), `1 April 2018`, `01-Apr-18`, and Excel serial numbers.
 */
export function parseDateCell(text: string): CellResult<string> {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(t);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]), t);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?: [\d:]+)?$/.exec(t);
  if (m) return checked(fullYear(m[3]!), Number(m[2]), Number(m[1]), t);
  m = /^(\d{1,2})[\s-]([a-z]{3,9})\.?[\s-](\d{2}|\d{4})$/i.exec(t);
  if (m) {
    const month = MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase()) + 1;
    if (month > 0) return checked(fullYear(m[3]!), month, Number(m[1]), t);
  }
  if (/^\d{1,7}(\.0+)?$/.test(t)) {
    const iso = excelSerialToIso(Number(t));
    if (iso) return ok(iso);
  }
  return fail(`must be a date like 31/03/2018, not '${t}'`);
}

function checked(y: number, m: number, d: number, original: string): CellResult<string> {
  const iso = isoFromParts(y, m, d);
  return iso ? ok(iso) : fail(`is not a real date: '${original}'`);
}

/** FTE (full-time equivalent) as `1`, `0.5`, `.5` or `50%`. */
export function parseFteCell(text: string): CellResult<number> {
  const t = text.trim();
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*(%?)$/.exec(t);
  if (m) {
    const n = m[2] ? Number(m[1]) / 100 : Number(m[1]);
    if (n <= 1.5) return ok(Math.round(n * 10_000) / 10_000);
  }
  return fail(`must be a number between 0 and 1.5, not '${t}'`);
}

const TRUE_WORDS = new Set(['yes', 'y', 'true', '1']);
const FALSE_WORDS = new Set(['no', 'n', 'false', '0']);

export function parseBooleanCell(text: string): CellResult<boolean> {
  const t = text.trim().toLowerCase();
  if (TRUE_WORDS.has(t)) return ok(true);
  if (FALSE_WORDS.has(t)) return ok(false);
  return fail(`must be yes or no, not '${text.trim()}'`);
}

const NO_VALUE = new Set(['n/a', 'na', 'n/d', 'none', '-']);

/**
 * Several e-mail addresses may share a cell, separated by `;`, `,`, a line break, or spaces when every word is
 * an address. A mailbox name with spaces stays one (invalid) value, so the error shows it whole.
 */
/** A cell with one address and nothing to split or trim: most cells of an e-mail column. */
const ONE_PIECE = /^[^;,\s]+$/;

export function splitEmails(text: string): string[] {
  // The same answer as the loop below gives such a cell, without splitting it twice.
  if (ONE_PIECE.test(text)) return NO_VALUE.has(text.toLowerCase()) ? [] : [text];
  const out: string[] = [];
  for (const piece of text.split(/[;,\r\n]+/)) {
    const t = piece.trim();
    if (!t || NO_VALUE.has(t.toLowerCase())) continue;
    const words = t.split(/\s+/);
    if (words.length > 1 && words.every((w) => w.includes('@'))) out.push(...words);
    else out.push(t);
  }
  return out;
}
