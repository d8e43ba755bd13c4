import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildMatcher, foldKey, packMatcher, unpackMatcher } from '../../../lib/match';
import { collectPatterns } from '../../../lib/match/name-variants';
import { register } from './register';

const matcher = buildMatcher(register);
const patterns = new Set(collectPatterns(register).keys());
// The matcher as a page gets it from the background: packed, through JSON (runtime messaging), unpacked.
const packed = packMatcher(matcher);
const unpacked = packed ? unpackMatcher(JSON.parse(JSON.stringify(packed)) as typeof packed) : undefined;

// Written independently of fold.ts, from the rules in matcher.ts.
const IGNORED = /[\p{M}\u00ad\u200b-\u200d\u2060\ufeff]/u;
const WORD = /[\p{L}\p{N}]/u;

function neighbour(text: string, from: number, step: 1 | -1): string {
  for (let i = from; i >= 0 && i < text.length; i += step) {
    const ch = text.charAt(i);
    if (!IGNORED.test(ch)) return ch;
  }
  return '';
}

const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
// Text made of register names, near-misses and noise, so that matches actually happen.
const fragment = fc.oneof(
  fc.constantFrom(
    'Zoë Müller',
    'ZOE MULLER',
    'Ann Smith',
    'Ann Smith-Jones',
    'Mary-Ann Smith',
    'O’Neill, Siobhan',
    "Shiv O'Neill",
    'R. Brown',
    'John Smith',
    'zoe.muller@council-a.gov.uk',
    'HR10234',
    'E5521',
    'Annual',
    'Leeds',
    'Hans Strauss',
  ),
  fc.constantFrom(
    ' ',
    '\u00a0',
    '\n  ',
    '.',
    ',',
    "'",
    '’',
    '-',
    '@',
    '/',
    '_',
    ':',
    '?',
    '(',
    ')',
    '\u0301',
    '\u00ad',
  ),
  fc.string({ unit: anyUnit, maxLength: 6 }),
  fc.string({ unit: fc.constantFrom('a', 'n', 'A', 'S', 'e', ' ', '1', '0'), maxLength: 6 }),
);
const text = fc.array(fragment, { maxLength: 30 }).map((parts) => parts.join(''));

describe('buildMatcher(...).findAll on generated text', () => {
  it('never throws, and every match is ordered, whole-word and a known pattern', () => {
    fc.assert(
      fc.property(text, (s) => {
        const matches = matcher.findAll(s);
        let lastEnd = 0;
        for (const m of matches) {
          expect(m.start).toBeGreaterThanOrEqual(lastEnd);
          expect(m.end).toBeGreaterThan(m.start);
          expect(m.end).toBeLessThanOrEqual(s.length);
          lastEnd = m.end;
          expect(WORD.test(neighbour(s, m.start - 1, -1))).toBe(false);
          expect(WORD.test(neighbour(s, m.end, 1))).toBe(false);
          expect(patterns.has(foldKey(s.slice(m.start, m.end)))).toBe(true);
          expect(m.keys.length).toBeGreaterThan(0);
        }
        expect(unpacked?.findAll(s)).toEqual(matches);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary UTF-16, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyUnit, maxLength: 200 }), (s) => {
        expect(Array.isArray(matcher.findAll(s))).toBe(true);
      }),
    );
  });
});
