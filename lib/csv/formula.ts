/**
 * OWASP "CSV injection": a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return can run as a
 * formula when the file is opened in a spreadsheet, so it gets a leading apostrophe, which spreadsheets treat
 * as "this is text". Negative numbers are neutralised too: a consultation list has no arithmetic to lose, and
 * a rule with exceptions is what attackers look for (https://owasp.org/www-community/attacks/CSV_Injection).
 *
 * Apostrophes already in front of such a character get one more, so `restoreNeutralised` gives back exactly
 * the original text and the register's export reads back unchanged.
 */
const RISKY = /^'*[=+\-@\t\r]/;

export function neutraliseFormula(cell: string): string {
  return RISKY.test(cell) ? `'${cell}` : cell;
}

/** Undoes neutraliseFormula when reading the register's own export back. */
export function restoreNeutralised(cell: string): string {
  return cell.startsWith("'") && RISKY.test(cell.slice(1)) ? cell.slice(1) : cell;
}
