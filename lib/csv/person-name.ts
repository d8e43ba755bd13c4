/**
 * Organogram returns and HR exports put a person's whole name in one cell, sometimes as "Surname, Forename",
 * with titles and ranks ("Dr", "Maj Gen", "Air Vice-Marshal", "Sir") and sometimes in capitals.
 */

/** Words that say a post has no named person: organogram returns use N/D (not disclosed), Vacant, Eliminated. */
const NO_PERSON = new Set(['', 'nd', 'n/d', 'na', 'n/a', 'vacant', 'vacancy', 'eliminated', 'none', '-', 'tbc']);

/** Strips stray quotes a spreadsheet left around a value: `'Eliminated'`, `"Vacant"`, `N/D'`. */
export function stripStrayQuotes(text: string): string {
  return text.trim().replace(/^['"‘’“”]+|['"‘’“”]+$/g, '');
}

export function isNoNamedPerson(text: string): boolean {
  return NO_PERSON.has(stripStrayQuotes(text).toLowerCase());
}

// Multi-word titles first, longest first, so "Air Vice-Marshal" is not read as "Air" + a name.
const TITLE_PHRASES = [
  'air chief marshal',
  'air vice-marshal',
  'air vice marshal',
  'air marshal',
  'air commodore',
  'vice admiral',
  'rear admiral',
  'admiral of the fleet',
  'lieutenant general',
  'major general',
  'brigadier general',
  'lieutenant colonel',
  'maj gen',
  'lt gen',
  'lt col',
  'brig gen',
  'r adm',
  'v adm',
  'rt hon',
  'the rt hon',
  'the hon',
].map((p) => p.split(' '));

const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'professor',
  'sir',
  'dame',
  'lord',
  'lady',
  'rev',
  'revd',
  'cllr',
  'gen',
  'general',
  'maj',
  'major',
  'lt',
  'col',
  'colonel',
  'brig',
  'brigadier',
  'capt',
  'captain',
  'cdr',
  'cmdr',
  'commander',
  'cdre',
  'commodore',
  'adm',
  'admiral',
  'avm',
  'am',
  'acm',
]);

// Honours and letters after a name: "Jane Smith CBE" is Smith, not CBE.
const SUFFIXES = new Set([
  'cb',
  'cbe',
  'obe',
  'mbe',
  'kcb',
  'gcb',
  'kbe',
  'dbe',
  'qc',
  'kc',
  'mp',
  'frs',
  'phd',
  'jr',
  'sr',
]);

function bare(word: string): string {
  return word.toLowerCase().replace(/[.,]/g, '');
}

function dropTitles(words: string[]): string[] {
  let rest = words;
  for (let changed = true; changed && rest.length > 1;) {
    changed = false;
    for (const phrase of TITLE_PHRASES) {
      if (phrase.length < rest.length && phrase.every((p, i) => bare(rest[i]!) === p)) {
        rest = rest.slice(phrase.length);
        changed = true;
        break;
      }
    }
    if (!changed && rest.length > 1 && TITLES.has(bare(rest[0]!))) {
      rest = rest.slice(1);
      changed = true;
    }
  }
  while (rest.length > 1 && SUFFIXES.has(bare(rest[rest.length - 1]!))) rest = rest.slice(0, -1);
  return rest;
}

/** "SIR BOB KERSLAKE" → "Bob Kerslake"; names already in mixed case are left as they are ("McDonald"). */
function fixCapitals(word: string): string {
  if (word.length < 2 || word !== word.toUpperCase() || word === word.toLowerCase()) return word;
  return word.toLowerCase().replace(/(^|[-'’])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

export interface NameParts {
  forename: string;
  surname: string;
}

/** Splits a whole name; the last word is the surname unless the name is written "Surname, Forename". */
export function splitFullName(text: string): NameParts {
  const t = stripStrayQuotes(text).replace(/\s+/g, ' ').trim();
  if (!t) return { forename: '', surname: '' };
  const comma = t.indexOf(',');
  if (comma > 0) {
    const before = t.slice(0, comma).trim();
    const after = t
      .slice(comma + 1)
      .trim()
      .split(' ')
      .filter(Boolean);
    // "Smith, Jane" but not "Jane Smith, CBE"
    if (after.length > 0 && !after.every((w) => SUFFIXES.has(bare(w)))) {
      const surname = dropTitles(before.split(' ')).map(fixCapitals).join(' ');
      const forename = dropTitles(after).map(fixCapitals).join(' ');
      return { forename, surname };
    }
    return splitFullName(before);
  }
  const words = dropTitles(t.split(' ')).map(fixCapitals);
  if (words.length === 1) return { forename: '', surname: words[0]! };
  return { forename: words.slice(0, -1).join(' '), surname: words[words.length - 1]! };
}
