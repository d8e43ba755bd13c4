import { describe, expect, it } from 'vitest';
import { buildMatcher, type MatchPerson } from '../../../lib/match';

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
