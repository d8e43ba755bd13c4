import { describe, expect, it } from 'vitest';
import {
  buildMatcher,
  buildMatcherInSlices,
  MAX_PATTERN_LENGTH,
  packMatcher,
  unpackMatcher,
  type MatchPerson,
} from '../../../lib/match';
import { collectPatterns } from '../../../lib/match/name-variants';

const FORENAMES = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'Siobhan', 'Zoë'];
const SURNAMES = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'O’Neill', 'Müller', 'Patel', 'Khan', 'Nguyen'];

/** 100,000 synthetic people: repeated plain names (ambiguous) and unique suffixed ones. */
function syntheticRegister(size: number): MatchPerson[] {
  return Array.from({ length: size }, (_, i) => {
    const forename = `${FORENAMES[i % FORENAMES.length]}${i % 5 === 0 ? '' : i.toString(36)}`;
    const surname = `${SURNAMES[Math.floor(i / FORENAMES.length) % SURNAMES.length]}`;
    return {
      key: `council${i % 4}:${100000 + i}`,
      forename,
      surname,
      knownAs: i % 3 === 0 ? 'Sam' : undefined,
      emails: [`${forename}.${surname}.${i}@council${i % 4}.gov.uk`],
      employeeNumber: String(100000 + i),
    };
  });
}

describe('buildMatcher at register scale', () => {
  it('builds for 100,000 people and still finds one of them', () => {
    const people = syntheticRegister(100_000);
    const matcher = buildMatcher(people);
    expect(matcher.stats.patterns).toBeGreaterThan(300_000);
    const target = people[54_321] as MatchPerson;
    const text = `Meeting with ${target.forename} ${target.surname} (${target.employeeNumber}).`;
    expect(matcher.findAll(text).map((m) => [text.slice(m.start, m.end), m.keys])).toEqual([
      [`${target.forename} ${target.surname}`, [target.key]],
      [target.employeeNumber, [target.key]],
    ]);
  }, 60_000);
});

describe('buildMatcher agrees with collectPatterns (the plain Map of patterns)', () => {
  it('finds every pattern of the table, whole, with the same people and the same form', () => {
    // Shared names, shared initials (dropped), duplicate records, "Sam" known-as names shared by thousands.
    const people = [...syntheticRegister(20_000), ...syntheticRegister(50)];
    const table = collectPatterns(people);
    const usable = [...table].filter(([p]) => p.length >= 3 && p.length <= MAX_PATTERN_LENGTH);
    const matcher = buildMatcher(people);
    expect(matcher.stats.patterns).toBe(usable.length);
    for (const [pattern, entry] of usable) {
      // Initial forms need a capital initial on the page.
      const text = entry.kind === 'initial' ? pattern.charAt(0).toUpperCase() + pattern.slice(1) : pattern;
      const found = matcher.findAll(text);
      expect(found.map((m) => [m.start, m.end, [...m.keys], m.kind])).toEqual([
        [0, text.length, [...entry.keys], entry.kind],
      ]);
    }
  }, 120_000);
});

describe('packMatcher / unpackMatcher', () => {
  it('gives a page the same matcher through JSON, without building it', () => {
    const people = [...syntheticRegister(5_000), ...syntheticRegister(20)];
    const whole = buildMatcher(people);
    const packed = packMatcher(whole);
    expect(packed).toBeDefined();
    const json = JSON.stringify(packed);
    const unpacked = unpackMatcher(JSON.parse(json) as NonNullable<typeof packed>);
    expect(unpacked.stats).toEqual(whole.stats);
    const texts = people
      .filter((_, i) => i % 97 === 0)
      .map(
        (p) =>
          `From ${p.forename} ${p.surname} <${p.emails?.[0] ?? ''}> (${p.employeeNumber}); Sam ${p.surname}; ` +
          `${p.surname}, ${p.forename}; ${p.forename.charAt(0)}. ${p.surname}; ${p.forename.charAt(0)} ${p.surname}.`,
      );
    let found = 0;
    for (const text of texts) {
      const expected = whole.findAll(text);
      found += expected.length;
      expect(unpacked.findAll(text)).toEqual(expected);
    }
    expect(found).toBeGreaterThan(texts.length * 3);
  });

  it('refuses a pack whose arrays do not fit together', () => {
    const packed = packMatcher(buildMatcher(syntheticRegister(50)));
    if (!packed) throw new Error('not packed');
    expect(() => unpackMatcher({ ...packed, nodes: packed.nodes + 1 })).toThrow('malformed matcher');
    expect(() => unpackMatcher({ ...packed, kind: '' })).toThrow('malformed matcher');
  });
});

describe('buildMatcherInSlices', () => {
  it('builds the same matcher as buildMatcher, pausing between short slices', async () => {
    const people = syntheticRegister(30_000);
    const whole = buildMatcher(people);
    let pauses = 0;
    const slices: number[] = [];
    let sliceStart = performance.now();
    const sliced = await buildMatcherInSlices(people, {
      sliceMs: 5,
      pause: async () => {
        slices.push(performance.now() - sliceStart);
        pauses++;
        await new Promise((r) => setTimeout(r, 0));
        sliceStart = performance.now();
      },
    });
    expect(sliced.stats).toEqual(whole.stats);
    expect(pauses).toBeGreaterThan(10);
    // Each slice stops at the first step boundary after its 5 ms: a typical slice stays near that.
    slices.sort((a, b) => a - b);
    expect(slices[Math.floor(slices.length / 2)]).toBeLessThan(50);
    const texts = people
      .filter((_, i) => i % 997 === 0)
      .map((p) => `From ${p.forename} ${p.surname} <${p.emails?.[0] ?? ''}> (${p.employeeNumber}); Sam ${p.surname}.`);
    for (const text of texts) expect(sliced.findAll(text)).toEqual(whole.findAll(text));
  }, 120_000);

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    const build = buildMatcherInSlices(syntheticRegister(20_000), {
      sliceMs: 1,
      signal: controller.signal,
      pause: async () => {
        controller.abort(new Error('site switched off'));
        await Promise.resolve();
      },
    });
    await expect(build).rejects.toThrow('site switched off');
  }, 60_000);
});
