import { describe, expect, it } from 'vitest';
import { collectPatterns, initialPatterns, personPatterns, type MatchPerson } from '../../../lib/match/name-variants';

const siobhan: MatchPerson = {
  key: 'north:30001',
  forename: 'Siobhán',
  surname: 'O’Neill',
  knownAs: 'Shiv',
  otherSpellings: ['Siobhan O Neill', 'Shivvy'],
  emails: ['Siobhan.ONeill@north.gov.uk', 'not an address'],
  employeeNumber: '30001',
};

describe('personPatterns', () => {
  it('gives every form of the name, folded, with its kind', () => {
    expect(personPatterns(siobhan)).toEqual([
      { pattern: "siobhan o'neill", kind: 'full-name' },
      { pattern: "shiv o'neill", kind: 'known-as' },
      { pattern: "o'neill, siobhan", kind: 'surname-first' },
      { pattern: "o'neill, shiv", kind: 'surname-first' },
      { pattern: 'siobhan o neill', kind: 'other-spelling' }, // "Shivvy" is one word: too weak, dropped
      { pattern: 'siobhan.oneill@north.gov.uk', kind: 'email' },
      { pattern: '30001', kind: 'employee-number' },
    ]);
  });

  it.each([
    ['123', false],
    ['1234', true],
    ['HR 1234', false],
  ])('uses employee number %j only when it is one token of at least 4 characters: %s', (employeeNumber, used) => {
    const kinds = personPatterns({ key: 'k', forename: 'A', surname: 'B', employeeNumber }).map((p) => p.kind);
    expect(kinds.includes('employee-number')).toBe(used);
  });

  it('does not repeat a pattern when the known-as name is the forename', () => {
    const patterns = personPatterns({ key: 'k', forename: 'Ann', surname: 'Lee', knownAs: 'Ann', employeeNumber: '' });
    expect(patterns).toEqual([
      { pattern: 'ann lee', kind: 'full-name' },
      { pattern: 'lee, ann', kind: 'surname-first' },
    ]);
  });

  it('adds the "ss" spelling of a name written with ß', () => {
    const patterns = personPatterns({ key: 'k', forename: 'Hans', surname: 'Strauß', employeeNumber: '' });
    expect(patterns.map((p) => p.pattern)).toEqual(['hans strauß', 'hans strauss', 'strauß, hans', 'strauss, hans']);
  });

  it('gives no name forms when the surname is missing', () => {
    expect(personPatterns({ key: 'k', forename: 'Ann', surname: ' ', employeeNumber: '' })).toEqual([]);
  });
});

describe('initialPatterns', () => {
  it.each([
    [{ forename: 'Robert', surname: 'Brown' }, ['r. brown', 'r brown']],
    [{ forename: 'Émile', surname: 'Zola' }, ['e. zola', 'e zola']],
    [{ forename: '', surname: 'Brown' }, []],
    [{ forename: '4', surname: 'Brown' }, []],
  ])('for %j gives %j', (name, expected) => {
    expect(initialPatterns({ key: 'k', employeeNumber: '', ...name })).toEqual(expected);
  });
});

describe('collectPatterns', () => {
  const people: MatchPerson[] = [
    { key: 'north:1', forename: 'John', surname: 'Smith', employeeNumber: '' },
    { key: 'south:7', forename: 'John', surname: 'Smith', employeeNumber: '' },
    { key: 'north:2', forename: 'Mary', surname: 'Patel', employeeNumber: '' },
    { key: 'north:3', forename: 'Mark', surname: 'Patel', employeeNumber: '' },
    { key: 'north:4', forename: 'Robert', surname: 'Brown', employeeNumber: '' },
    { key: 'north:4', forename: 'Robert', surname: 'Brown', employeeNumber: '' }, // duplicate record
    { key: 'north:5', forename: 'Brown', surname: 'Robert', otherSpellings: ['Robert Brown'], employeeNumber: '' },
  ];
  const table = collectPatterns(people);

  it('merges a shared name into one ambiguous entry with sorted keys', () => {
    expect(table.get('john smith')).toEqual({ keys: ['north:1', 'south:7'], kind: 'full-name' });
  });

  it('drops an initial form two people share, and keeps a unique one', () => {
    expect(table.has('m. patel')).toBe(false);
    expect(table.has('m patel')).toBe(false);
    expect(table.get('r. brown')).toEqual({ keys: ['north:4'], kind: 'initial' });
  });

  it('reports the strongest kind when people share a pattern through different forms', () => {
    expect(table.get('robert brown')).toEqual({ keys: ['north:4', 'north:5'], kind: 'full-name' });
  });
});
