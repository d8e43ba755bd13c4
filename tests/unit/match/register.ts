import type { MatchPerson } from '../../../lib/match';

/** A small register that exercises every name form and every kind of clash. */
export const ZOE = 'north:HR10234';
export const JOHN_NORTH = 'north:20001';
export const JOHN_SOUTH = 'south:20001';
export const SIOBHAN = 'north:30001';
export const ANN_SJ = 'south:40001';
export const ANN_SMITH = 'south:40002';
export const ANN_LEE = 'north:E5521';
export const ROBERT = 'north:50001';
export const HANS = 'south:60001';

export const register: MatchPerson[] = [
  {
    key: ZOE,
    forename: 'Zoë',
    surname: 'Müller',
    emails: ['zoe.muller@council-a.gov.uk'],
    employeeNumber: 'HR10234',
  },
  { key: JOHN_NORTH, forename: 'John', surname: 'Smith', employeeNumber: '20001' },
  { key: JOHN_SOUTH, forename: 'John', surname: 'Smith', employeeNumber: '20001' },
  {
    key: SIOBHAN,
    forename: 'Siobhan',
    surname: 'O’Neill',
    knownAs: 'Shiv',
    otherSpellings: ['Siobhan O Neill'],
    employeeNumber: '30001',
  },
  { key: ANN_SJ, forename: 'Ann', surname: 'Smith-Jones', employeeNumber: '40001' },
  { key: ANN_SMITH, forename: 'Ann', surname: 'Smith', employeeNumber: '40002' },
  { key: ANN_LEE, forename: 'Ann', surname: 'Lee', employeeNumber: 'E5521' },
  { key: ROBERT, forename: 'Robert', surname: 'Brown', knownAs: 'Bob', employeeNumber: '50001' },
  { key: 'north:50002', forename: 'Mary', surname: 'Patel', employeeNumber: '50002' },
  { key: 'north:50003', forename: 'Mark', surname: 'Patel', employeeNumber: '50003' },
  { key: HANS, forename: 'Hans', surname: 'Strauß', employeeNumber: '60001' },
  { key: 'north:123', forename: 'Short', surname: 'Number', employeeNumber: '123' },
];
