import { describe, expect, it } from 'vitest';
import { StaffRecord } from '../../../lib/domain';
import { buildRegisterIndex, searchRegister } from '../../../lib/store/register-index';

const people = [
  { council: 'haringey', employeeNumber: '001016', forename: 'Siobhán', surname: "O'Neill" },
  {
    council: 'camden',
    employeeNumber: '000200',
    forename: 'Zoë',
    surname: 'Müller',
    emails: ['zoe.muller@camden.example'],
  },
  { council: 'islington', employeeNumber: '000300', forename: 'Ann', surname: 'Lee' },
].map((p) => StaffRecord.parse(p));
const index = buildRegisterIndex({ version: 1, records: people, damaged: [] });
const keys = (q: string) => searchRegister(index, q).map((r) => `${r.council}:${r.employeeNumber}`);

describe('searchRegister', () => {
  it.each([
    ['Siobhán O’Neill', 'haringey:001016'], // curly apostrophe, as pages and Word write it
    ["siobhan o'neill", 'haringey:001016'], // no accent typed
    ['siobhan oneill', 'haringey:001016'], // no apostrophe typed
    ['ZOE MULLER', 'camden:000200'],
    ['zoe.muller@camden.example', 'camden:000200'],
    ['001016', 'haringey:001016'],
  ])('%j finds %s', (query, key) => {
    expect(keys(query)).toEqual([key]);
  });

  it('finds nobody for a name that is not there, and nothing for an empty query', () => {
    expect(keys('Nobody Here')).toEqual([]);
    expect(keys('   ')).toEqual([]);
  });
});

describe('buildRegisterIndex', () => {
  it('lists the register in one order (by key) however the copy was put together', () => {
    const forward = buildRegisterIndex({ version: 1, records: people, damaged: [] });
    const backward = buildRegisterIndex({ version: 1, records: [...people].reverse(), damaged: [] });
    const order = ['camden:000200', 'haringey:001016', 'islington:000300'];
    expect(forward.records.map((r) => `${r.council}:${r.employeeNumber}`)).toEqual(order);
    expect(backward.records).toEqual(forward.records);
  });
});
