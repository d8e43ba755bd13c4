/**
 * OWASP "CSV injection": a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return can run as a
 * formula when the file is opened in a spreadsheet, so it gets a leading apostrophe, which spreadsheets show
 * as text. Negative numbers are neutralised too: a consultation list has no arithmetic to lose, and a rule
 * with exceptions is the kind attackers look for (https://owasp.org/www-community/attacks/CSV_Injection).
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
