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
import { CharClass, fillUnit, unitTables } from './fold';
import { collectPatternSteps, MATCH_KINDS, type MatchKind, type MatchPerson } from './name-variants';
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

function* startTableSteps(patterns: readonly string[]): Generator<void, StartTables> {
  const four = new Uint32Array(1 << (START_BITS - 5));
  const three = new Uint32Array(1 << (START_BITS - 5));
  let hasShort = false;
  let count = 0;
  for (const p of patterns) {
    if ((++count & 16383) === 0) yield;
    const a = p.charCodeAt(0);
    const b = p.charCodeAt(1);
    const c = p.charCodeAt(2);
    if (p.length === 3) {
      hasShort = true;
      setBit(three, startHash(a, b, c, 0));
    } else {
      setBit(four, startHash(a, b, c, p.charCodeAt(3)));
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
    /** Dense first step from the root: folded unit → node, or -1. One array read for most text positions. */
    private readonly rootNext: Int32Array,
    private readonly patternKeys: readonly (readonly string[])[],
    private readonly patternKind: Uint8Array,
    private readonly starts: StartTables,
  ) {
    this.stats = { patterns: patternKeys.length, nodes: nodeChar.length };
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
      if (first >= 0 && startAllowed(prev, prevPrev) && this.mayStartAt(text, i, c)) {
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
      keys: this.patternKeys[bestPattern] as readonly string[],
      kind: MATCH_KINDS[this.patternKind[bestPattern] as number] as MatchKind,
    };
  }
}

/**
 * Builds the matcher for a register. Call once per name index and reuse it for every text node: building is the
 * expensive part (measured on a busy 2-core machine: about 0.6 s of CPU for 10,000 people, 3 s for 100,000, most
 * of it hashing and sorting the pattern strings). On a page's main thread use `buildMatcherInSlices`.
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

/** Strings sorted with `Array.prototype.sort` in one go; larger groups are split by their next code unit first. */
const SORT_GROUP = 2048;

/**
 * Sorts strings in UTF-16 code unit order (the default `sort()` order) in steps: groups larger than SORT_GROUP are
 * split by the code unit at `depth` (most-significant-digit radix), so no single `sort()` call is long. A native
 * sort of 600,000 patterns is one uninterruptible call of about a second on a busy machine.
 */
function* sortSteps(strings: string[], depth: number, out: string[]): Generator<void, void> {
  if (strings.length <= SORT_GROUP) {
    strings.sort();
    for (const s of strings) out.push(s);
    yield;
    return;
  }
  const ended: string[] = [];
  const groups = new Map<number, string[]>();
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i] as string;
    if (s.length <= depth) {
      ended.push(s);
      continue;
    }
    const unit = s.charCodeAt(depth);
    const group = groups.get(unit);
    if (group) group.push(s);
    else groups.set(unit, [s]);
    if ((i & 8191) === 8191) yield;
  }
  // A string that ends here sorts before every longer one sharing its prefix (they are all equal here).
  for (const s of ended) out.push(s);
  const units = [...groups.keys()].sort((x, y) => x - y);
  for (const unit of units) yield* sortSteps(groups.get(unit) as string[], depth + 1, out);
}

/** Trie nodes created between two pauses of the build. */
const NODES_PER_STEP = 16_384;

/** The whole build as steps (a generator that yields every few milliseconds of work). */
function* matcherBuildSteps(people: Iterable<MatchPerson>): Generator<void, Matcher> {
  const table = yield* collectPatternSteps(people);
  const usable: string[] = [];
  let seen = 0;
  for (const p of table.keys()) {
    if (p.length >= MIN_PATTERN_LENGTH && p.length <= MAX_PATTERN_LENGTH) usable.push(p);
    if ((++seen & 8191) === 0) yield;
  }
  // UTF-16 code unit order, the same order the trie uses for children.
  const patterns: string[] = [];
  yield* sortSteps(usable, 0, patterns);
  const m = patterns.length;

  const patternKeys: (readonly string[])[] = new Array<readonly string[]>(m);
  const patternKind = new Uint8Array(m);
  let nodeCount = 1;
  let previous = '';
  for (let p = 0; p < m; p++) {
    const pattern = patterns[p] as string;
    const entry = table.get(pattern);
    if (!entry) throw new Error('pattern table changed during build');
    const keys = entry.keys;
    patternKeys[p] = keys;
    patternKind[p] = MATCH_KINDS.indexOf(entry.kind);
    // New nodes for this pattern = its length minus the prefix it shares with the previous (sorted) pattern.
    let common = 0;
    const limit = Math.min(previous.length, pattern.length);
    while (common < limit && previous.charCodeAt(common) === pattern.charCodeAt(common)) common++;
    nodeCount += pattern.length - common;
    previous = pattern;
    if ((p & 8191) === 8191) yield;
  }

  const nodeChar = new Uint16Array(nodeCount);
  const firstChild = new Int32Array(nodeCount + 1);
  const nodePattern = new Int32Array(nodeCount).fill(-1);

  // Breadth-first, one level at a time. Node v owns the sorted patterns lo..hi-1 sharing its prefix; its children
  // are created in character order and, level by level, right after the children of node v - 1.
  let levelLo = new Int32Array(Math.max(m, 1));
  let levelHi = new Int32Array(Math.max(m, 1));
  let nextLo = new Int32Array(Math.max(m, 1));
  let nextHi = new Int32Array(Math.max(m, 1));
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
      if (r < hi && (patterns[r] as string).length === depth) {
        nodePattern[v] = r; // sorted order puts the pattern that ends here first
        r++;
      }
      while (r < hi) {
        const ch = (patterns[r] as string).charCodeAt(depth);
        const lo = r;
        r++;
        while (r < hi && (patterns[r] as string).charCodeAt(depth) === ch) r++;
        nodeChar[nextId] = ch;
        nextLo[nextCount] = lo;
        nextHi[nextCount] = r;
        nextCount++;
        nextId++;
      }
      if (++sincePause === NODES_PER_STEP) {
        sincePause = 0;
        yield;
      }
    }
    [levelLo, nextLo] = [nextLo, levelLo];
    [levelHi, nextHi] = [nextHi, levelHi];
    levelStart += levelCount;
    levelCount = nextCount;
  }
  firstChild[nodeCount] = nodeCount;

  const rootNext = new Int32Array(65536).fill(-1);
  for (let v = firstChild[0] as number; v < (firstChild[1] as number); v++) rootNext[nodeChar[v] as number] = v;
  const starts = yield* startTableSteps(patterns);

  return new TrieMatcher(nodeChar, firstChild, nodePattern, rootNext, patternKeys, patternKind, starts);
}
