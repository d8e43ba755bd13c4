/**
 * Folds text for search as you type: lower case, accents removed ("Zoë" matches "zoe"), and the few Latin
 * letters that do not decompose (ø, æ, ß, ł, đ) spelt out, so names from HR systems match however typed.
 */
const SPECIAL: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[øæœßłđðþı]/g, (c) => SPECIAL[c] ?? c);
}

/** Splits a query into folded words; every word must appear for a row to match. */
export function queryWords(query: string): string[] {
  return foldText(query)
    .split(/[\s,]+/)
    .map((w) => w.trim())
    .filter(Boolean);
}

/** One decimal place without floating-point noise (0.1 + 0.2 → 0.3). */
export function roundFte(n: number): number {
  return Math.round(n * 10) / 10;
}

export function formatFte(n: number): string {
  return roundFte(n).toFixed(1);
}
