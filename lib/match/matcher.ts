/**
 * One pass over a text for every name in the register.
 *
 * Measured (ARCHITECTURE.md): one search per name costs about 60 ms per name on a large page, so all names are
 * matched in a single walk over the text. The patterns go into one trie over folded UTF-16 code units, stored in
 * flat typed arrays (about 10 bytes a node) so that 100,000 people build in a few seconds and a content script
 * holds no per-node objects.
 *
 * Why a trie walked from word starts and not a full Aho–Corasick automaton: a match may only begin where a word
 * begins (the rules below), so there is never a need to follow failure links from the middle of a word. Trying
 * the trie at each word start finds the same leftmost-longest matches, builds faster and needs no failure or
 * output-link arrays. The cost per word start is bounded by the longest pattern (MAX_PATTERN_LENGTH).
 *
 * Word-boundary rules (why: a badge on the wrong person is worse than no badge):
 * - The unit before a match and the unit after it must not be a letter or digit ("Ann" not in "Annual", "Lee" not
 *   in "Leeds", "10234" not in "HR102345").
 * - An apostrophe or hyphen touching a match counts as part of the word when a letter or digit is on its other
 *   side ("Neill" not in "O'Neill", "Ann Smith" not in "Mary-Ann Smith" or "Ann Smith-Jones"). A possessive
 *   "Ann Smith's" is allowed.
 * - @ . _ / : ? = & % # glue URLs, e-mail addresses and file names into one token, so a match must not touch them
 *   ("ann.smith@x.gov.uk" is not Ann Smith's name; "/staff/10234" is not an employee number), except sentence
 *   punctuation . : ? followed by a space, other punctuation or the end ("I met Ann Smith.").
 * - Combining marks and invisible characters are ignored (see fold.ts); runs of white space (a line break and
 *   indentation between forename and surname in HTML source) match a single space.
 * - "F Surname" initial forms match only with a capital initial, so "a Smith" is not read as "A Smith".
 */
import { base64ToBytes, bytesToBase64 } from '../bytes/base64';
import { CharClass, fillUnit, unitTables } from './fold';
import { emitAllPatterns, MATCH_KINDS, type MatchKind, type MatchPerson } from './name-variants';
import { runToEnd } from './steps';

export interface Match {
  /** Offset in the original text of the first code unit of the match. */
  start: number;
  /** Offset in the original text just after the match: `text.slice(start, end)` is what the reader sees. */
  end: number;
  /** Sorted person keys; more than one means the text is ambiguous (two people with the same name). Do not mutate. */
  keys: readonly string[];
  /** Which form of the name matched (the strongest form when people share the pattern). */
  kind: MatchKind;
}

export interface MatcherStats {
  /** Distinct folded patterns in the trie. */
  patterns: number;
  /** Trie nodes (about 10 bytes each). */
  nodes: number;
}

export interface Matcher {
  /**
   * Every match in `text`, leftmost-longest and non-overlapping, in text order. Allocates nothing when there is no
   * match (returns a shared empty array), so it is safe to call once per text node.
   */
  findAll(text: string): readonly Match[];
  readonly stats: MatcherStats;
}

/** Longer patterns are dropped: real names and e-mail addresses are far shorter, and this bounds each walk. */
export const MAX_PATTERN_LENGTH = 200;

const NO_MATCHES: readonly Match[] = Object.freeze([]);
/** First unit that is not white space. `\s` is exactly the units fold.ts classes as Space. */
const LEADING_SPACE = /\S/g;
const NONE = 0; // class used for "before the start / after the end of the text"
const SPACE = 0x20;
const LOWER_S = 0x73;
const INITIAL_KIND = MATCH_KINDS.indexOf('initial');

// Module-local copies: the inner loop reads these once per code unit, and a read through an imported binding or
// an object property is measurably slower once bundled or transpiled.
const { folds: FOLDS, classes: CLASSES } = unitTables;
const WORD: number = CharClass.Word;
const APOSTROPHE: number = CharClass.Apostrophe;
const HYPHEN: number = CharClass.Hyphen;
const SPACE_CLASS: number = CharClass.Space;
const OTHER: number = CharClass.Other;
const MARK: number = CharClass.Mark;
const IGNORABLE: number = CharClass.Ignorable;

/** Class of a code unit of the original text (fills the tables on first sight of the unit). */
function classOf(c: number): number {
  const cls = CLASSES[c] as number;
  return cls === 0 ? fillUnit(c) : cls;
}

/** Folded code unit. Only valid after `classOf(c)` has been called for the same unit. */
function foldOf(c: number): number {
  return FOLDS[c] as number;
}

function isIgnored(cls: number): boolean {
  return cls === MARK || cls === IGNORABLE;
}

/** Index of the first unit at or after `from` that is not ignored, or `text.length`. */
function nextSolid(text: string, from: number): number {
  let i = from;
  while (i < text.length && isIgnored(classOf(text.charCodeAt(i)))) i++;
  return i;
}

/** Whether a match may begin after units of class `prev` (just before) and `prevPrev` (before that). */
function startAllowed(prev: number, prevPrev: number): boolean {
  if (prev === NONE || prev === SPACE_CLASS || prev === OTHER) return true;
  if (prev === WORD) return false;
  // Apostrophe, hyphen or joiner: allowed only as an opening quote/dash/symbol, not glued to a word before it.
  return prevPrev === NONE || prevPrev === SPACE_CLASS || prevPrev === OTHER;
}

function isSentencePunctuation(folded: number): boolean {
  return folded === 0x2e || folded === 0x3a || folded === 0x3f; // . : ?
}

/** Whether a match may end at `end` (exclusive). */
function endAllowed(text: string, end: number): boolean {
  const n = text.length;
  const j = nextSolid(text, end);
  if (j >= n) return true;
  const c = text.charCodeAt(j);
  const cls = classOf(c);
  if (cls === SPACE_CLASS || cls === OTHER) return true;
  if (cls === WORD) return false;
  if (cls === APOSTROPHE) {
    const k = nextSolid(text, j + 1);
    if (k >= n || classOf(text.charCodeAt(k)) !== WORD) return true; // closing quote, "James'"
    if (foldOf(text.charCodeAt(k)) !== LOWER_S) return false; // "O'…" style: inside a word
    const after = nextSolid(text, k + 1);
    return after >= n || classOf(text.charCodeAt(after)) !== WORD; // possessive "Smith's"
  }
  if (cls === HYPHEN) {
    const k = nextSolid(text, j + 1);
    return k >= n || classOf(text.charCodeAt(k)) !== WORD;
  }
  // Joiner: only sentence punctuation (possibly repeated, "Smith...") followed by a space, punctuation or the end.
  if (!isSentencePunctuation(foldOf(c))) return false;
  let k = j + 1;
  while (k < n) {
    const ck = text.charCodeAt(k);
    if (!isIgnored(classOf(ck)) && !isSentencePunctuation(foldOf(ck))) break;
    k++;
  }
  if (k >= n) return true;
  const after = classOf(text.charCodeAt(k));
  return after === SPACE_CLASS || after === OTHER || after === APOSTROPHE;
}

function isCapital(c: number): boolean {
  const ch = String.fromCharCode(c);
  return ch !== ch.toLowerCase();
}

/** Bits in each start table: 2^20 bits (128 KiB) keep false positives rare even for 100,000 people. */
const START_BITS = 20;

/** Hash of a pattern's first four folded units (0 for the fourth of a three-unit pattern), into START_BITS bits. */
function startHash(a: number, b: number, c: number, d: number): number {
  return (
    (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b) ^ Math.imul(c, 0xc2b2ae35) ^ Math.imul(d, 0x27d4eb2f)) >>>
    (32 - START_BITS)
  );
}

function hasBit(table: Uint32Array, h: number): boolean {
  return ((table[h >>> 5] as number) & (1 << (h & 31))) !== 0;
}

function setBit(table: Uint32Array, h: number): void {
  table[h >>> 5] = (table[h >>> 5] as number) | (1 << (h & 31));
}

/** Which four-unit (and three-unit) beginnings the patterns have. */
interface StartTables {
  four: Uint32Array;
  three: Uint32Array;
  /** Whether any pattern is exactly three units long (then `three` is consulted too). */
  hasShort: boolean;
}

/** Every pattern has at least three units (see name-variants.ts); shorter ones are dropped at build. */
const MIN_PATTERN_LENGTH = 3;

function* startTableSteps(set: PatternSet): Generator<void, StartTables> {
  const four = new Uint32Array(1 << (START_BITS - 5));
  const three = new Uint32Array(1 << (START_BITS - 5));
  const { units, start, length, order } = set;
  let hasShort = false;
  for (let r = 0; r < order.length; r++) {
    if ((r & 16383) === 16383) yield;
    const e = order[r] as number;
    const s = start[e] as number;
    const a = units[s] as number;
    const b = units[s + 1] as number;
    const c = units[s + 2] as number;
    if (length[e] === 3) {
      hasShort = true;
      setBit(three, startHash(a, b, c, 0));
    } else {
      setBit(four, startHash(a, b, c, units[s + 3] as number));
    }
  }
  return { four, three, hasShort };
}

class TrieMatcher implements Matcher {
  readonly stats: MatcherStats;

  constructor(
    /** Folded code unit on the edge into each node (children of a node are contiguous and sorted). */
    private readonly nodeChar: Uint16Array,
    /** Children of node v are nodes firstChild[v] .. firstChild[v + 1] - 1 (nodes are numbered breadth-first). */
    private readonly firstChild: Int32Array,
    /** Pattern id ending at each node, or -1. */
    private readonly nodePattern: Int32Array,
    /**
     * Dense first step from the root: folded unit → node, or 0 for none (the root itself is node 0). One array read
     * for most text positions; 0 rather than -1 so the table needs no fill (measured: a millisecond on a page load).
     */
    private readonly rootNext: Int32Array,
    /** Who each pattern names: a person index (>= 0), or -1 - i for the shared key list `sharedKeys[i]`. */
    private readonly patternOwner: Int32Array,
    private readonly patternKind: Uint8Array,
    private readonly personKeys: readonly string[],
    private readonly sharedKeys: readonly (readonly string[])[],
    private readonly starts: StartTables,
  ) {
    this.stats = { patterns: patternOwner.length, nodes: nodeChar.length };
  }

  pack(): PackedMatcher {
    return {
      format: 2,
      nodes: this.nodeChar.length,
      chars: toBase64(this.nodeChar),
      firstChild: toBase64(this.firstChild),
      nodePattern: toBase64(this.nodePattern),
      owner: toBase64(this.patternOwner),
      kind: toBase64(this.patternKind),
      four: toBase64(setBits(this.starts.four)),
      three: toBase64(setBits(this.starts.three)),
      keys: [...this.personKeys],
      shared: this.sharedKeys.map((k) => [...k]),
    };
  }

  /** One-key arrays, made on a person's first match and reused (matches are rare; 100,000 arrays up front are not). */
  private readonly ownKeys: (readonly string[] | undefined)[] = [];

  private keysOf(pattern: number): readonly string[] {
    const owner = this.patternOwner[pattern] as number;
    if (owner < 0) return this.sharedKeys[-1 - owner] as readonly string[];
    let keys = this.ownKeys[owner];
    if (!keys) {
      keys = Object.freeze([this.personKeys[owner] as string]);
      this.ownKeys[owner] = keys;
    }
    return keys;
  }

  private child(v: number, folded: number): number {
    const nodeChar = this.nodeChar;
    let lo = this.firstChild[v] as number;
    let hi = this.firstChild[v + 1] as number;
    while (hi - lo > 8) {
      const mid = (lo + hi) >>> 1;
      const m = nodeChar[mid] as number;
      if (m < folded) lo = mid + 1;
      else if (m > folded) hi = mid;
      else return mid;
    }
    for (; lo < hi; lo++) if (nodeChar[lo] === folded) return lo;
    return -1;
  }

  findAll(text: string): readonly Match[] {
    const n = text.length;
    const rootNext = this.rootNext;
    let result: Match[] | null = null;
    let prev: number = NONE;
    let prevPrev: number = NONE;
    let i = 0;
    if (n > 0 && CLASSES[text.charCodeAt(0)] === SPACE_CLASS) {
      // Half of a typical page's text nodes are only the line breaks and indentation between tags (measured: 7,233
      // of 14,341 on the Wikipedia fixture, 341,000 of its 493,000 characters): a native regular expression skips
      // leading white space over twice as fast as this loop.
      LEADING_SPACE.lastIndex = 0;
      if (!LEADING_SPACE.test(text)) return NO_MATCHES;
      i = LEADING_SPACE.lastIndex - 1;
      prev = SPACE_CLASS;
      prevPrev = i > 1 ? SPACE_CLASS : NONE;
    }
    while (i < n) {
      const c = text.charCodeAt(i);
      let cls = CLASSES[c] as number;
      if (cls === 0) cls = fillUnit(c);
      if (cls === WORD && prev === WORD) {
        // Inside a word (most of any text) nothing can start: run to the word's end with one table read a unit.
        let j = i + 1;
        while (j < n && CLASSES[text.charCodeAt(j)] === WORD) j++;
        prevPrev = WORD;
        i = j;
        continue;
      }
      if (cls === SPACE_CLASS) {
        // No pattern starts with a space.
        prevPrev = prev;
        prev = SPACE_CLASS;
        i++;
        continue;
      }
      if (cls === MARK || cls === IGNORABLE) {
        i++;
        continue;
      }
      const first = rootNext[FOLDS[c] as number] as number;
      if (first !== 0 && startAllowed(prev, prevPrev) && this.mayStartAt(text, i, c)) {
        const match = this.longestAt(text, i, first);
        if (match) {
          (result ??= []).push(match);
          // Resume after the match with the classes of its last two units.
          let j = match.end - 1;
          while (j > i && isIgnored(classOf(text.charCodeAt(j)))) j--;
          prev = classOf(text.charCodeAt(j));
          j--;
          while (j > i && isIgnored(classOf(text.charCodeAt(j)))) j--;
          prevPrev = j >= i ? classOf(text.charCodeAt(j)) : NONE;
          i = match.end;
          continue;
        }
      }
      prevPrev = prev;
      prev = cls;
      i++;
    }
    return result ?? NO_MATCHES;
  }

  /**
   * Whether some pattern may begin with the four units at `start` (a bit table of the patterns' first four folded
   * units; three for the rare three-unit pattern such as "A Li"'s initial form). Measured on a Wikipedia page with
   * 10,000 people: a third of the word starts begin like some name ("the" like Theo), but very few pass four
   * units, so most never walk the trie. Conservative: with ignorable units or a run of spaces in those units it
   * says yes and lets the trie decide.
   */
  private mayStartAt(text: string, start: number, c: number): boolean {
    const starts = this.starts;
    if (start + 2 >= text.length) return false; // every pattern has at least three units
    const c2 = text.charCodeAt(start + 1);
    const k2 = classOf(c2);
    const c3 = text.charCodeAt(start + 2);
    const k3 = classOf(c3);
    if (isIgnored(k2) || isIgnored(k3) || (k2 === SPACE_CLASS && k3 === SPACE_CLASS)) return true;
    const f1 = FOLDS[c] as number;
    const f2 = FOLDS[c2] as number;
    const f3 = FOLDS[c3] as number;
    if (starts.hasShort && hasBit(starts.three, startHash(f1, f2, f3, 0))) return true;
    if (start + 3 >= text.length) return false;
    const c4 = text.charCodeAt(start + 3);
    const k4 = classOf(c4);
    if (isIgnored(k4) || (k3 === SPACE_CLASS && k4 === SPACE_CLASS)) return true;
    return hasBit(starts.four, startHash(f1, f2, f3, FOLDS[c4] as number));
  }

  /** The longest pattern starting at `start` whose end satisfies the boundary rules, or null. */
  private longestAt(text: string, start: number, firstNode: number): Match | null {
    const n = text.length;
    const { firstChild, nodePattern } = this;
    let v = firstNode;
    let pos = start + 1;
    let lastWasSpace = false;
    let bestPattern = -1;
    let bestEnd = -1;
    for (;;) {
      const pattern = nodePattern[v] as number;
      if (pattern >= 0) {
        // A combining mark after the last letter belongs to it: include it so the badge covers the whole letter.
        let end = pos;
        while (end < n && classOf(text.charCodeAt(end)) === MARK) end++;
        if (
          endAllowed(text, end) &&
          (this.patternKind[pattern] !== INITIAL_KIND || isCapital(text.charCodeAt(start)))
        ) {
          bestPattern = pattern;
          bestEnd = end;
        }
      }
      if (firstChild[v] === firstChild[v + 1]) break; // leaf: no longer pattern on this path
      let c = 0;
      let cls = 0;
      while (pos < n) {
        c = text.charCodeAt(pos);
        cls = classOf(c);
        if (isIgnored(cls) || (cls === SPACE_CLASS && lastWasSpace)) pos++;
        else break;
      }
      if (pos >= n) break;
      const folded = foldOf(c);
      lastWasSpace = folded === SPACE;
      v = this.child(v, folded);
      if (v < 0) break;
      pos++;
    }
    if (bestPattern < 0) return null;
    return {
      start,
      end: bestEnd,
      keys: this.keysOf(bestPattern),
      kind: MATCH_KINDS[this.patternKind[bestPattern] as number] as MatchKind,
    };
  }
}

/**
 * Builds the matcher for a register. Call once per name index and reuse it for every text node: building is the
 * expensive part (measured in Chromium on a busy 2-core machine: about 0.4 s for 10,000 people, 2.2 s for 100,000,
 * most of it folding the names and sorting the patterns). On a page's main thread use `buildMatcherInSlices`.
 */
export function buildMatcher(people: Iterable<MatchPerson>): Matcher {
  return runToEnd(matcherBuildSteps(people));
}

export interface SliceOptions {
  /** Longest stretch of work between pauses, in milliseconds (default 8). */
  sliceMs?: number;
  /** Resolves when the caller is ready for the next slice (e.g. a background-priority task). */
  pause(): Promise<void>;
  /** Stops the build (the promise rejects with the signal's reason). */
  signal?: AbortSignal;
  now?(): number;
}

/**
 * `buildMatcher` cut into slices of at most `sliceMs`, with `pause()` between them, so that building the matcher
 * for a large register in a content script never blocks the page for long (issue 4: no main-thread task over
 * 50 ms). The result is the same matcher.
 */
export async function buildMatcherInSlices(people: Iterable<MatchPerson>, options: SliceOptions): Promise<Matcher> {
  const sliceMs = options.sliceMs ?? 8;
  const now = options.now ?? (() => performance.now());
  const steps = matcherBuildSteps(people);
  for (;;) {
    const deadline = now() + sliceMs;
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (now() >= deadline) break;
    }
    await options.pause();
    options.signal?.throwIfAborted();
  }
}

/**
 * The register's patterns in flat arrays: pattern e is `units[start[e] .. start[e] + length[e] - 1]`, naming person
 * `person[e]` in form `kind[e]`; `order` lists the distinct patterns kept, in UTF-16 code unit order.
 *
 * Why flat arrays and not a Map of strings (measured in Chromium with 100,000 people, 432,000 patterns): every
 * string, map entry and key array of such a Map survives until the build ends, so each young-generation garbage
 * collection during the build copied all of them, one uninterruptible pause of 40–290 ms, and two full collections
 * took 126–140 ms more; those pauses, not our slices, were the page's long tasks. Typed arrays keep their contents
 * outside the collected heap, and the strings made while folding each name die at once, which costs nothing.
 */
interface PatternSet {
  units: Uint16Array;
  start: Int32Array;
  length: Uint8Array;
  order: Int32Array;
}

/** Patterns compared between two pauses when sorting (a run sorted natively, or part of a merge). */
const SORT_RUN = 2048;
const MERGE_STEP = 8192;
/** People handled between two pauses while their patterns are collected. */
const PEOPLE_PER_STEP = 256;

function grow16(a: Uint16Array, need: number): Uint16Array {
  if (need <= a.length) return a;
  const b = new Uint16Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

function grow32(a: Int32Array, need: number): Int32Array {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

function grow8(a: Uint8Array, need: number): Uint8Array {
  if (need <= a.length) return a;
  const b = new Uint8Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

interface Collected {
  units: Uint16Array;
  start: Int32Array;
  length: Uint8Array;
  person: Int32Array;
  kind: Uint8Array;
  count: number;
  keys: string[];
}

/** Every pattern of every person, as emitted (not yet merged), into flat arrays. */
function* collectSteps(people: Iterable<MatchPerson>): Generator<void, Collected> {
  const guess = Array.isArray(people) ? (people as unknown[]).length * 6 + 64 : 4096;
  let units: Uint16Array = new Uint16Array(guess * 16);
  let start: Int32Array = new Int32Array(guess);
  let length: Uint8Array = new Uint8Array(guess);
  let person: Int32Array = new Int32Array(guess);
  let kind: Uint8Array = new Uint8Array(guess);
  let count = 0;
  let used = 0;
  const keys: string[] = [];
  let who = 0;
  const emit = (pattern: string, k: MatchKind) => {
    const n = pattern.length;
    if (n < MIN_PATTERN_LENGTH || n > MAX_PATTERN_LENGTH) return;
    if (count === start.length) {
      start = grow32(start, count + 1);
      length = grow8(length, count + 1);
      person = grow32(person, count + 1);
      kind = grow8(kind, count + 1);
    }
    units = grow16(units, used + n);
    for (let i = 0; i < n; i++) units[used + i] = pattern.charCodeAt(i);
    start[count] = used;
    length[count] = n;
    person[count] = who;
    kind[count] = MATCH_KINDS.indexOf(k);
    used += n;
    count++;
  };
  for (const p of people) {
    who = keys.length;
    keys.push(p.key);
    emitAllPatterns(p, emit);
    if (keys.length % PEOPLE_PER_STEP === 0) yield;
  }
  return { units, start, length, person, kind, count, keys };
}

/** Compares patterns a and b in UTF-16 code unit order (the default `sort()` order of their strings). */
function patternComparer(units: Uint16Array, start: Int32Array, length: Uint8Array): (a: number, b: number) => number {
  return (a, b) => {
    const sa = start[a] as number;
    const sb = start[b] as number;
    const la = length[a] as number;
    const lb = length[b] as number;
    const n = la < lb ? la : lb;
    for (let i = 0; i < n; i++) {
      const d = (units[sa + i] as number) - (units[sb + i] as number);
      if (d !== 0) return d;
    }
    return la - lb;
  };
}

/** Pattern indices 0..count-1 sorted by `cmp`, in steps: native sorts of short runs, then merges of runs. */
function* sortSteps(count: number, cmp: (a: number, b: number) => number): Generator<void, Int32Array> {
  let a = new Int32Array(count);
  for (let i = 0; i < count; i++) a[i] = i;
  for (let lo = 0; lo < count; lo += SORT_RUN) {
    a.subarray(lo, Math.min(count, lo + SORT_RUN)).sort(cmp);
    yield;
  }
  let b = new Int32Array(count);
  let done = 0;
  for (let width = SORT_RUN; width < count; width *= 2) {
    for (let lo = 0; lo < count; lo += 2 * width) {
      const mid = Math.min(count, lo + width);
      const hi = Math.min(count, lo + 2 * width);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        const x = a[i] as number;
        const y = a[j] as number;
        if (cmp(x, y) <= 0) {
          b[k++] = x;
          i++;
        } else {
          b[k++] = y;
          j++;
        }
        if (++done === MERGE_STEP) {
          done = 0;
          yield;
        }
      }
      while (i < mid) b[k++] = a[i++] as number;
      while (j < hi) b[k++] = a[j++] as number;
    }
    [a, b] = [b, a];
  }
  return a;
}

interface Merged {
  set: PatternSet;
  owner: Int32Array;
  kind: Uint8Array;
  shared: (readonly string[])[];
}

/**
 * Equal patterns merged (they are neighbours once sorted): one entry per distinct pattern with everyone it names,
 * sorted keys, the strongest form. An initial form yielded by more than one person is dropped (an initial is weak
 * evidence: shown as ambiguous it would badge half the page).
 */
function* mergeSteps(c: Collected, sorted: Int32Array): Generator<void, Merged> {
  const { units, start, length, person, kind, keys } = c;
  const cmp = patternComparer(units, start, length);
  const n = sorted.length;
  const order = new Int32Array(n);
  const owner = new Int32Array(n);
  const bestKind = new Uint8Array(n);
  const shared: (readonly string[])[] = [];
  let m = 0;
  let sinceYield = 0;
  for (let i = 0; i < n;) {
    const first = sorted[i] as number;
    let j = i + 1;
    while (j < n && cmp(first, sorted[j] as number) === 0) j++;
    if (j === i + 1) {
      order[m] = first;
      owner[m] = person[first] as number;
      bestKind[m] = kind[first] as number;
      m++;
    } else {
      // Initial forms count only when every one of them in the group is the same person (duplicate records).
      let initialKey: string | undefined;
      let dropInitials = false;
      for (let g = i; g < j; g++) {
        const e = sorted[g] as number;
        if (kind[e] !== INITIAL_KIND) continue;
        const key = keys[person[e] as number] as string;
        if (initialKey === undefined) initialKey = key;
        else if (key !== initialKey) dropInitials = true;
      }
      let best: number = MATCH_KINDS.length;
      let someone = -1;
      const names = new Set<string>();
      for (let g = i; g < j; g++) {
        const e = sorted[g] as number;
        if (dropInitials && kind[e] === INITIAL_KIND) continue;
        someone = person[e] as number;
        names.add(keys[someone] as string);
        if ((kind[e] as number) < best) best = kind[e] as number;
      }
      if (someone >= 0) {
        order[m] = first;
        bestKind[m] = best;
        if (names.size === 1) owner[m] = someone;
        else {
          shared.push(Object.freeze([...names].sort()));
          owner[m] = -shared.length;
        }
        m++;
      }
    }
    sinceYield += j - i;
    i = j;
    if (sinceYield >= MERGE_STEP) {
      sinceYield = 0;
      yield;
    }
  }
  return {
    set: { units, start, length, order: order.slice(0, m) },
    owner: owner.slice(0, m),
    kind: bestKind.slice(0, m),
    shared,
  };
}

/** The root's children by folded unit, for TrieMatcher's `rootNext` (0: no child; the root is node 0). */
function rootTable(nodeChar: Uint16Array, firstChild: Int32Array): Int32Array {
  const rootNext = new Int32Array(65536);
  for (let v = firstChild[0] as number; v < (firstChild[1] as number); v++) rootNext[nodeChar[v] as number] = v;
  return rootNext;
}

/** Patterns read (while making trie nodes) between two pauses of the build. */
const PATTERNS_PER_STEP = 32_768;

/** The whole build as steps (a generator that yields every few milliseconds of work). */
function* matcherBuildSteps(people: Iterable<MatchPerson>): Generator<void, Matcher> {
  const collected = yield* collectSteps(people);
  const sorted = yield* sortSteps(collected.count, patternComparer(collected.units, collected.start, collected.length));
  const { set, owner, kind, shared } = yield* mergeSteps(collected, sorted);
  const { units, start, length, order } = set;
  const m = order.length;

  // New nodes for each pattern = its length minus the prefix it shares with the previous (sorted) pattern.
  let nodeCount = 1;
  let previous = -1;
  for (let p = 0; p < m; p++) {
    const e = order[p] as number;
    const s = start[e] as number;
    const n = length[e] as number;
    let common = 0;
    if (previous >= 0) {
      const ps = start[previous] as number;
      const limit = Math.min(length[previous] as number, n);
      while (common < limit && units[ps + common] === units[s + common]) common++;
    }
    nodeCount += n - common;
    previous = e;
    if ((p & 16383) === 16383) yield;
  }

  // A pause after each large array: making one can start a garbage collection of the page's heap (the engine
  // counts the memory outside it). With 100,000 people one such array took 40–50 ms in a page, so at most one of
  // them should fall in a slice.
  const nodeChar = new Uint16Array(nodeCount);
  yield;
  const firstChild = new Int32Array(nodeCount + 1);
  yield;
  const nodePattern = new Int32Array(nodeCount).fill(-1);
  yield;

  // Breadth-first, one level at a time. Node v owns the sorted patterns lo..hi-1 sharing its prefix; its children
  // are created in character order and, level by level, right after the children of node v - 1.
  let levelLo = new Int32Array(Math.max(m, 1));
  let levelHi = new Int32Array(Math.max(m, 1));
  yield;
  let nextLo = new Int32Array(Math.max(m, 1));
  let nextHi = new Int32Array(Math.max(m, 1));
  yield;
  levelLo[0] = 0;
  levelHi[0] = m;
  let levelStart = 0;
  let levelCount = 1;
  let nextId = 1;
  let sincePause = 0;
  for (let depth = 0; levelCount > 0; depth++) {
    let nextCount = 0;
    for (let k = 0; k < levelCount; k++) {
      const v = levelStart + k;
      firstChild[v] = nextId;
      let r = levelLo[k] as number;
      const hi = levelHi[k] as number;
      if (r < hi && length[order[r] as number] === depth) {
        nodePattern[v] = r; // sorted order puts the pattern that ends here first
        r++;
      }
      while (r < hi) {
        const ch = units[(start[order[r] as number] as number) + depth] as number;
        const lo = r;
        r++;
        while (r < hi && units[(start[order[r] as number] as number) + depth] === ch) r++;
        nodeChar[nextId] = ch;
        nextLo[nextCount] = lo;
        nextHi[nextCount] = r;
        nextCount++;
        nextId++;
        // Counted in patterns read, not nodes made: near the root one node reads every pattern (all 500,000 with
        // 100,000 people), so pausing every so many nodes made one slice of 150–190 ms.
        sincePause += r - lo;
        if (sincePause >= PATTERNS_PER_STEP) {
          sincePause = 0;
          yield;
        }
      }
    }
    [levelLo, nextLo] = [nextLo, levelLo];
    [levelHi, nextHi] = [nextHi, levelHi];
    levelStart += levelCount;
    levelCount = nextCount;
  }
  firstChild[nodeCount] = nodeCount;

  const rootNext = rootTable(nodeChar, firstChild);
  const starts = yield* startTableSteps(set);

  return new TrieMatcher(nodeChar, firstChild, nodePattern, rootNext, owner, kind, collected.keys, shared, starts);
}

/**
 * A built matcher in a form that runtime messaging can carry (JSON: no typed arrays, so the arrays go as base64
 * strings). The background builds the matcher once per name index and sends it with the index when it is small,
 * so a page does not build it again: building is most of what the overlay costs a page that names no one.
 */
export interface PackedMatcher {
  format: 2;
  /** Trie nodes, breadth-first. */
  nodes: number;
  /** base64 of the matcher's own typed arrays (Uint16 nodeChar, Int32 firstChild and nodePattern, Int32 owner,
   * Uint8 kind), so that a page decodes them natively and runs no loop over the nodes. */
  chars: string;
  firstChild: string;
  nodePattern: string;
  owner: string;
  kind: string;
  /** base64 of Int32: the bits set in the start tables. */
  four: string;
  three: string;
  keys: string[];
  shared: string[][];
}

/** Positions of the bits set in a bit table. */
function setBits(table: Uint32Array): Int32Array {
  const out: number[] = [];
  for (let w = 0; w < table.length; w++) {
    const word = table[w] as number;
    if (word === 0) continue;
    for (let b = 0; b < 32; b++) if (word & (1 << b)) out.push(w * 32 + b);
  }
  return Int32Array.from(out);
}

function toBase64(a: Uint16Array | Int32Array | Uint8Array): string {
  return bytesToBase64(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
}

function fromBase64(s: string): ArrayBuffer {
  return base64ToBytes(s).buffer;
}

/** The matcher in a form runtime messaging can carry (see PackedMatcher). */
export function packMatcher(matcher: Matcher): PackedMatcher | undefined {
  return matcher instanceof TrieMatcher ? matcher.pack() : undefined;
}

/**
 * A matcher from its packed form, the same as the one packed. Only native base64 decoding and loops over the
 * start tables' bits and the root's children: measured on a page, loops over every node in not yet optimised code
 * cost about as much as building a 455-person matcher. Throws on a malformed pack.
 */
export function unpackMatcher(p: PackedMatcher): Matcher {
  if (p.format !== 2) throw new Error('unknown matcher format');
  const n = p.nodes;
  const nodeChar = new Uint16Array(fromBase64(p.chars));
  const firstChild = new Int32Array(fromBase64(p.firstChild));
  const nodePattern = new Int32Array(fromBase64(p.nodePattern));
  const owner = new Int32Array(fromBase64(p.owner));
  const kind = new Uint8Array(fromBase64(p.kind));
  if (
    n < 1 ||
    nodeChar.length !== n ||
    firstChild.length !== n + 1 ||
    firstChild[n] !== n ||
    nodePattern.length !== n ||
    kind.length !== owner.length
  ) {
    throw new Error('malformed matcher');
  }
  const rootNext = rootTable(nodeChar, firstChild);
  const four = new Uint32Array(1 << (START_BITS - 5));
  const three = new Uint32Array(1 << (START_BITS - 5));
  const fourBits = new Int32Array(fromBase64(p.four));
  const threeBits = new Int32Array(fromBase64(p.three));
  for (let i = 0; i < fourBits.length; i++) setBit(four, fourBits[i] as number);
  for (let i = 0; i < threeBits.length; i++) setBit(three, threeBits[i] as number);
  const starts = { four, three, hasShort: threeBits.length > 0 };
  return new TrieMatcher(nodeChar, firstChild, nodePattern, rootNext, owner, kind, p.keys, p.shared, starts);
}
