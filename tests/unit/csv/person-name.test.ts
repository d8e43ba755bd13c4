import { describe, expect, it } from 'vitest';
import { isNoNamedPerson, splitFullName } from '../../../lib/csv/person-name';

describe('splitFullName', () => {
  it.each([
    ['Jo Smith', 'Jo', 'Smith'],
    ['Smith, Jo', 'Jo', 'Smith'],
    ['Smith, Mary Jane', 'Mary Jane', 'Smith'],
    ['Mr John Smith', 'John', 'Smith'],
    ['Dr. Amara Okafor', 'Amara', 'Okafor'],
    ['Ms Okafor, Amara', 'Amara', 'Okafor'],
    ['Okafor, Dr Amara', 'Amara', 'Okafor'],
    ['Maj Gen John Crackett', 'John', 'Crackett'],
    ['Air Vice-Marshal M Brecht', 'M', 'Brecht'],
    ['Air Chief Marshal Sir Stuart Peach', 'Stuart', 'Peach'],
    ['R Adm N W Hine', 'N W', 'Hine'],
    ['General Sir Nicholas Houghton', 'Nicholas', 'Houghton'],
    ['Professor JEREMY WATSON', 'Jeremy', 'Watson'],
    ['SIR BOB KERSLAKE', 'Bob', 'Kerslake'],
    ["Siobhan O'NEILL-BROWN", 'Siobhan', "O'Neill-Brown"],
    ['Jane Smith CBE', 'Jane', 'Smith'],
    ['Jane Smith, CBE', 'Jane', 'Smith'],
    ['Ewan McDonald', 'Ewan', 'McDonald'],
    ['Madonna', '', 'Madonna'],
    ['  Jo   Smith  ', 'Jo', 'Smith'],
    ['', '', ''],
  ])('%s', (text, forename, surname) => {
    expect(splitFullName(text)).toEqual({ forename, surname });
  });
});

describe('isNoNamedPerson', () => {
  it.each(['N/D', 'ND', 'Vacant', 'VACANT', "'Eliminated'", '"Eliminated"', "N/D'", '', '  ', 'n/a'])(
    '%j is not a named person',
    (text) => {
      expect(isNoNamedPerson(text)).toBe(true);
    },
  );

  it.each(['Mark Sedwill', 'Vance', 'Nd Okafor'])('%j is a named person', (text) => {
    expect(isNoNamedPerson(text)).toBe(false);
  });
});
