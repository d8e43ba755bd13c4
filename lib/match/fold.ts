/**
 * Case- and accent-insensitive folding of UTF-16 text, one code unit at a time.
 *
 * Why per code unit: folding never changes the length of the text, so an offset found in the folded view is an
 * offset in the original text, and a badge can be placed on exactly the characters the reader sees. Tables are
 * filled lazily, one code unit at a time, so a page of plain ASCII pays for about a hundred `normalize` calls, not
 * 65,536.
 *
 * Choices:
 * - Precomposed letters fold to the lower case of their first NFD character (é → e, Ü → u, Å → a).
 * - Letters with a stroke, which NFD does not decompose, have a small table (ø → o, ł → l, đ → d, ı → i).
 * - ß stays ß (folding it to "ss" would change the length); name-variants.ts adds an "ss" spelling instead.
 * - Combining marks (text already decomposed: "e" + U+0301) and invisible format characters (soft hyphen,
 *   zero-width space/joiners, BOM) are IGNORED by the matcher: they do not advance it, so "Zoe\u0308" matches the
 *   pattern "zoe". A trailing combining mark is included in the match so the badge covers the whole letter.
 * - Curly apostrophes ’ ‘ ʼ ′ → ', every kind of space (nbsp, thin, narrow nbsp, ideographic) → ' ', hyphen
 *   variants ‐ ‑ ‒ – − → '-'. The em dash stays as it is: it separates phrases, it does not join names.
 */

/** Class of a code unit, used for word boundaries. 0 means "not computed yet". */
export const CharClass = {
  /** Letter or digit (any script). */
  Word: 1,
  /** ' after folding: inside a word (O'Neill) or a quote mark. */
  Apostrophe: 2,
  /** - after folding: inside a word (Smith-Jones) or a dash. */
  Hyphen: 3,
  /** @ . _ / : ? = & % # — characters that glue e-mail addresses, URLs and file names into one token. */
  Joiner: 4,
  /** Any white space, folded to ' '. */
  Space: 5,
  /** Other punctuation and symbols, including surrogate halves (emoji). */
  Other: 6,
  /** Combining mark: ignored by the matcher, belongs to the letter before it. */
  Mark: 7,
  /** Invisible format character (soft hyphen, zero-width space, BOM): ignored by the matcher. */
  Ignorable: 8,
} as const;
export type CharClass = (typeof CharClass)[keyof typeof CharClass];

const FOLD = new Uint16Array(65536);
const CLASS = new Uint8Array(65536);

const SPACE = 0x20;
const APOSTROPHE = 0x27;
const HYPHEN = 0x2d;

// Letters that NFD leaves whole but readers treat as accented forms of a plain letter.
const STROKE_LETTERS: Record<string, string> = {
  ø: 'o',
  Ø: 'o',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  ħ: 'h',
  Ħ: 'h',
  ŧ: 't',
  Ŧ: 't',
  ı: 'i',
  ẞ: 'ß',
};

const APOSTROPHES = new Set([0x2019, 0x2018, 0x02bc, 0x2032, 0xff07]);
const HYPHENS = new Set([0x2010, 0x2011, 0x2012, 0x2013, 0x2212, 0xfe63, 0xff0d]);
const JOINERS = new Set('@._/:?=&%#'.split('').map((ch) => ch.charCodeAt(0)));
const IGNORABLES = new Set([0x00ad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);

const MARK_RE = /^\p{M}$/u;
const WORD_RE = /^[\p{L}\p{N}]$/u;
const SPACE_RE = /^\s$/;
const ALL_MARKS_RE = /^\p{M}*$/u;

function computeFold(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return c; // surrogate half: leave alone, never a letter on its own
  if (APOSTROPHES.has(c)) return APOSTROPHE;
  if (HYPHENS.has(c)) return HYPHEN;
  const ch = String.fromCharCode(c);
  if (SPACE_RE.test(ch)) return SPACE;
  const stroke = STROKE_LETTERS[ch];
  if (stroke !== undefined) return stroke.charCodeAt(0);
  const nfd = ch.normalize('NFD');
  // Only take the base letter when the rest is combining marks (Hangul syllables decompose into letters).
  const base = nfd.length > 1 && ALL_MARKS_RE.test(nfd.slice(1)) ? nfd.charAt(0) : ch;
  const lower = base.toLowerCase();
  if (lower.length === 1) return lower.charCodeAt(0);
  const ownLower = ch.toLowerCase(); // e.g. İ lowers to "i̇" (two units): fall back to the unit itself
  return ownLower.length === 1 ? ownLower.charCodeAt(0) : c;
}

function computeClass(c: number, folded: number): CharClass {
  if (c >= 0xd800 && c <= 0xdfff) return CharClass.Other;
  if (IGNORABLES.has(c)) return CharClass.Ignorable;
  const ch = String.fromCharCode(c);
  if (c >= 0x300 && MARK_RE.test(ch)) return CharClass.Mark; // no combining mark comes before U+0300
  if (folded === SPACE) return CharClass.Space;
  if (folded === APOSTROPHE) return CharClass.Apostrophe;
  if (folded === HYPHEN) return CharClass.Hyphen;
  if (JOINERS.has(folded)) return CharClass.Joiner;
  if (WORD_RE.test(ch)) return CharClass.Word;
  return CharClass.Other;
}

/**
 * Fold and class of a code unit by the Unicode rules above: the reference every table entry must equal. Exported
 * for the test that checks the plain-ASCII shortcut against it.
 */
export function referenceFoldAndClass(c: number): [fold: number, cls: CharClass] {
  const folded = computeFold(c);
  return [folded, computeClass(c, folded)];
}

/**
 * Plain ASCII without `normalize` or Unicode regular expressions. Why: on a page the first of those calls sets up
 * the engine's Unicode tables and compiles the `\p{…}` expressions, a few milliseconds of a page load that names
 * no one (measured with npm run bench:overlay-startup); most of a page's text is ASCII.
 */
function asciiFoldAndClass(c: number): [fold: number, cls: CharClass] {
  if (c >= 0x41 && c <= 0x5a) return [c + 0x20, CharClass.Word]; // A–Z
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) return [c, CharClass.Word];
  if (c === SPACE || (c >= 0x09 && c <= 0x0d)) return [SPACE, CharClass.Space];
  if (c === APOSTROPHE) return [c, CharClass.Apostrophe];
  if (c === HYPHEN) return [c, CharClass.Hyphen];
  if (JOINERS.has(c)) return [c, CharClass.Joiner];
  return [c, CharClass.Other];
}

function fill(c: number): CharClass {
  const [folded, cls] = c < 0x80 ? asciiFoldAndClass(c) : referenceFoldAndClass(c);
  FOLD[c] = folded;
  CLASS[c] = cls;
  return cls;
}

/**
 * The raw lazily filled tables, for the matcher's inner loop (a function call or property read per code unit
 * there is measurable). `classes[c] === 0` means "not computed yet": call `fillUnit(c)` first.
 */
export const unitTables: { readonly folds: Uint16Array; readonly classes: Uint8Array } = {
  folds: FOLD,
  classes: CLASS,
};

/** Computes and stores the fold and class of code unit `c`; returns its class. */
export function fillUnit(c: number): CharClass {
  return fill(c);
}

/** Class of one UTF-16 code unit (of the original text, not the folded one). */
export function classOfUnit(c: number): CharClass {
  const cls = CLASS[c] as CharClass | 0;
  return cls === 0 ? fill(c) : cls;
}

/** Folded form of one UTF-16 code unit. Length-preserving: always exactly one code unit. */
export function foldUnit(c: number): number {
  if (CLASS[c] === 0) fill(c);
  return FOLD[c] as number;
}

/**
 * Length-preserving fold of a whole string: `foldText(s).length === s.length`, and position i of the result is
 * the fold of position i of `s`. Ignored characters (combining marks, soft hyphens) are kept as they are.
 */
export function foldText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const cls = classOfUnit(c);
    out += String.fromCharCode(cls === CharClass.Mark || cls === CharClass.Ignorable ? c : (FOLD[c] as number));
  }
  return out;
}

/**
 * Comparison key for a pattern (a name, e-mail or number from the register): folded, with combining marks and
 * invisible characters dropped, white space runs collapsed to one space and trimmed. The matcher walks page text
 * the same way (ignoring marks, collapsing white space), so a key matches however the page spells the spacing.
 */
export function foldKey(text: string): string {
  if (keyBuffer.length < text.length) keyBuffer = new Uint16Array(text.length * 2);
  const buffer = keyBuffer;
  let length = 0;
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const cls = classOfUnit(c);
    if (cls === CharClass.Mark || cls === CharClass.Ignorable) continue;
    if (cls === CharClass.Space) {
      pendingSpace = length > 0;
      continue;
    }
    if (pendingSpace) buffer[length++] = SPACE;
    pendingSpace = false;
    buffer[length++] = FOLD[c] as number;
  }
  // Built from a buffer, not with +=: one flat string per pattern instead of a rope of one-character pieces, which
  // matters when the whole register (600,000 patterns) is folded, hashed and sorted.
  let out = '';
  for (let from = 0; from < length; from += KEY_CHUNK) {
    const chunk = buffer.subarray(from, Math.min(length, from + KEY_CHUNK));
    out += String.fromCharCode.apply(null, chunk as unknown as number[]);
  }
  return out;
}

/** fromCharCode.apply takes its arguments on the stack: keep each call well under engine limits. */
const KEY_CHUNK = 8192;
let keyBuffer = new Uint16Array(256);
