/**
 * The strings by which a person may be named on a page, derived from their register record.
 * Pure: no DOM, no browser API, no zod (this runs over the whole register whenever the name index is rebuilt).
 */
import { foldKey } from './fold';
import { runToEnd } from './steps';

/** What the matcher needs to know about one person. Built from the staff record by whoever owns the index. */
export interface MatchPerson {
  /** Stable identity, "council:employeeNumber"; returned in `Match.keys`. */
  key: string;
  forename: string;
  surname: string;
  /** Preferred name (e.g. "Bob" for Robert). */
  knownAs?: string | undefined;
  /** Other full-name spellings seen in other systems ("Siobhan O Neill"). Single words are ignored: too weak. */
  otherSpellings?: readonly string[] | undefined;
  /** Work e-mail addresses. */
  emails?: readonly string[] | undefined;
  employeeNumber: string;
}

/**
 * How a pattern names the person. Listed strongest first: when people share a pattern through different forms,
 * the match reports the strongest form.
 */
export const MATCH_KINDS = [
  'full-name', // Forename Surname
  'known-as', // KnownAs Surname
  'surname-first', // Surname, Forename / Surname, KnownAs (SURNAME, Forename is the same after folding)
  'other-spelling', // a full name from `otherSpellings`
  'initial', // F. Surname / F Surname, only when one person in the register has it
  'email', // a work e-mail address
  'employee-number', // the employee number, as a whole token, at least 4 characters
] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export interface NamePattern {
  /** Folded with `foldKey`, the form the matcher compares. */
  pattern: string;
  kind: MatchKind;
}

/**
 * Employee numbers shorter than this are not matched: "123" appears on every page as a quantity or a room.
 * Four characters keeps real payroll numbers (usually 5–8) and drops most stray small numbers.
 */
export const MIN_EMPLOYEE_NUMBER_LENGTH = 4;

function twoWords(first: string, second: string): string {
  return first && second ? `${first} ${second}` : '';
}

type Emit = (pattern: string, kind: MatchKind) => void;

/** Emits a pattern and, for one containing ß, its "ss" spelling: English-language pages usually write Strauss. */
function emitWithSpellings(emit: Emit, pattern: string, kind: MatchKind): void {
  if (!pattern) return;
  emit(pattern, kind);
  if (pattern.includes('ß')) emit(pattern.replaceAll('ß', 'ss'), kind);
}

/** The folded name parts, computed once per person. */
interface FoldedNames {
  forename: string;
  surname: string;
  knownAs: string;
}

function foldNames(person: MatchPerson): FoldedNames {
  return {
    forename: foldKey(person.forename),
    surname: foldKey(person.surname),
    knownAs: person.knownAs ? foldKey(person.knownAs) : '',
  };
}

/** Emits every non-initial pattern, strongest kind first (so the first kind seen for a pattern is its best). */
function emitPersonPatterns(person: MatchPerson, names: FoldedNames, emit: Emit): void {
  const { forename, surname, knownAs } = names;
  emitWithSpellings(emit, twoWords(forename, surname), 'full-name');
  emitWithSpellings(emit, twoWords(knownAs, surname), 'known-as');
  if (surname) {
    emitWithSpellings(emit, forename ? `${surname}, ${forename}` : '', 'surname-first');
    emitWithSpellings(emit, knownAs ? `${surname}, ${knownAs}` : '', 'surname-first');
  }
  for (const spelling of person.otherSpellings ?? []) {
    const folded = foldKey(spelling);
    if (folded.includes(' ')) emitWithSpellings(emit, folded, 'other-spelling');
  }
  for (const email of person.emails ?? []) {
    const folded = foldKey(email);
    // Only something shaped like an address: a single token with text either side of one @.
    if (/^[^\s@]+@[^\s@]+$/.test(folded)) emitWithSpellings(emit, folded, 'email');
  }
  const number = foldKey(person.employeeNumber);
  if (number.length >= MIN_EMPLOYEE_NUMBER_LENGTH && !number.includes(' ')) {
    emitWithSpellings(emit, number, 'employee-number');
  }
}

function initialForms({ forename, surname }: FoldedNames): string[] {
  const initial = forename.charAt(0);
  if (!initial || !surname || !/^\p{L}$/u.test(initial)) return [];
  const forms = [`${initial}. ${surname}`, `${initial} ${surname}`];
  if (surname.includes('ß')) {
    const ss = surname.replaceAll('ß', 'ss');
    forms.push(`${initial}. ${ss}`, `${initial} ${ss}`);
  }
  return forms;
}

/**
 * Every pattern for one person except the initial forms (those depend on the rest of the register, see
 * `initialPatterns`). Deduplicated: if Forename and KnownAs are the same, the pattern appears once, as full-name.
 */
export function personPatterns(person: MatchPerson): NamePattern[] {
  const out: NamePattern[] = [];
  const seen = new Set<string>();
  emitPersonPatterns(person, foldNames(person), (pattern, kind) => {
    if (seen.has(pattern)) return;
    seen.add(pattern);
    out.push({ pattern, kind });
  });
  return out;
}

/**
 * "F. Surname" and "F Surname" for one person. The caller keeps them only when no other person in the register
 * yields the same form: an initial is weak evidence, so a shared one is dropped rather than shown as ambiguous.
 */
export function initialPatterns(person: MatchPerson): string[] {
  return initialForms(foldNames(person));
}

/**
 * Every pattern of one person, initial forms included (kind 'initial'), not deduplicated: the caller merges
 * equal patterns (and drops an initial form that more than one person yields). Used by the matcher's build, which
 * keeps patterns in flat arrays rather than in a Map of strings.
 */
export function emitAllPatterns(person: MatchPerson, emit: (pattern: string, kind: MatchKind) => void): void {
  const names = foldNames(person);
  emitPersonPatterns(person, names, emit);
  for (const form of initialForms(names)) emit(form, 'initial');
}

/** One distinct pattern string with everyone it names. */
export interface PatternEntry {
  /**
   * Sorted, distinct person keys. More than one means the pattern is ambiguous. Frozen: a one-key array is shared
   * by all of that person's patterns (100,000 arrays for 100,000 people, not 600,000).
   */
  keys: readonly string[];
  kind: MatchKind;
}

const KIND_RANK = new Map<MatchKind, number>(MATCH_KINDS.map((kind, index) => [kind, index]));

function rank(kind: MatchKind): number {
  return KIND_RANK.get(kind) ?? MATCH_KINDS.length;
}

function addEntry(table: Map<string, PatternEntry>, pattern: string, own: readonly string[], kind: MatchKind): void {
  const entry = table.get(pattern);
  if (!entry) {
    table.set(pattern, { keys: own, kind });
    return;
  }
  const key = own[0] as string;
  const keys = entry.keys;
  // A person's own patterns arrive together, so checking the last key is enough here; keys repeated by
  // duplicate records elsewhere in the register are removed once, at the end (an includes() here is quadratic for
  // a pattern like "bob smith" shared by hundreds of people).
  if (keys[keys.length - 1] !== key) {
    // One-key arrays are shared and frozen: copy on the first merge, then grow the copy.
    if (keys.length === 1) entry.keys = [keys[0] as string, key];
    else (keys as string[]).push(key);
  }
  if (rank(kind) < rank(entry.kind)) entry.kind = kind;
}

/**
 * All patterns of the register, merged: one entry per distinct folded string, with every person it names.
 * Initial forms are kept only when exactly one person (one key) yields them.
 */
export function collectPatterns(people: Iterable<MatchPerson>): Map<string, PatternEntry> {
  return runToEnd(collectPatternSteps(people));
}

/** People handled between two pauses of `collectPatternSteps`. */
const PEOPLE_PER_STEP = 256;

/**
 * `collectPatterns` as steps: yields after every few hundred people, so a caller on a page's main thread can let
 * the page run between steps (100,000 people take seconds).
 */
export function* collectPatternSteps(people: Iterable<MatchPerson>): Generator<void, Map<string, PatternEntry>> {
  const table = new Map<string, PatternEntry>();
  // Initial form → the one-key array of the person who has it, or null once a second person has it too.
  const initials = new Map<string, readonly string[] | null>();
  let count = 0;
  for (const person of people) {
    const own = Object.freeze([person.key]);
    const names = foldNames(person);
    emitPersonPatterns(person, names, (pattern, kind) => addEntry(table, pattern, own, kind));
    for (const form of initialForms(names)) {
      const owner = initials.get(form);
      if (owner === undefined) initials.set(form, own);
      else if (owner !== null && owner[0] !== person.key) initials.set(form, null); // same key: duplicate record
    }
    if (++count % PEOPLE_PER_STEP === 0) yield;
  }
  count = 0;
  for (const [form, owner] of initials) {
    if (owner !== null) addEntry(table, form, owner, 'initial');
    if (++count % (PEOPLE_PER_STEP * 8) === 0) yield;
  }
  count = 0;
  for (const entry of table.values()) {
    if (entry.keys.length > 1) entry.keys = Object.freeze([...new Set(entry.keys)].sort());
    if (++count % (PEOPLE_PER_STEP * 8) === 0) yield;
  }
  return table;
}
