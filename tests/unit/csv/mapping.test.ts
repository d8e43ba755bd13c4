import { describe, expect, it } from 'vitest';
import { SavedMapping, checkMapping, suggestMapping } from '../../../lib/csv/mapping';

const ORGANOGRAM = [
  'Post Unique Reference',
  'Name',
  'Grade (or equivalent)',
  'Job Title',
  'Job/Team Function',
  'Parent Department',
  'Organisation',
  'Unit',
  'Contact Phone',
  'Contact E-mail',
  'Reports to Senior Post',
  'Salary Cost of Reports (£)',
  'FTE',
  '',
];

describe('suggestMapping', () => {
  it('maps the organogram headings it knows and lists the rest for the user', () => {
    const s = suggestMapping(ORGANOGRAM, undefined, { source: 'organogram.csv' });
    expect(s.registerFormat).toBe(false);
    expect(s.mapping.columns).toMatchObject({
      'Post Unique Reference': 'employeeNumber',
      Name: 'fullName',
      'Grade (or equivalent)': 'grade',
      'Job Title': 'jobTitle',
      Organisation: 'council',
      Unit: 'team',
      'Contact E-mail': 'emails',
      'Reports to Senior Post': 'lineManager',
      FTE: 'fte',
      'Job/Team Function': 'ignore',
      '': 'ignore',
    });
    expect(s.unknownHeaders).toEqual([
      'Job/Team Function',
      'Parent Department',
      'Contact Phone',
      'Salary Cost of Reports (£)',
    ]);
    expect(s.required).toEqual([]);
    expect(s.mapping).toMatchObject({ source: 'organogram.csv', vacantRows: 'keep' });
  });

  it('requires a council for the whole file when no column holds one', () => {
    const s = suggestMapping(['Employee No', 'Surname']);
    expect(s.required).toEqual([
      { kind: 'council', text: 'This file has no council column. Choose the council that employs everyone in it.' },
    ]);
    expect(suggestMapping(['Employee No', 'Surname'], { ...s.mapping, defaultCouncil: 'haringey' }).required).toEqual(
      [],
    );
  });

  it('requires the employee number column and notes when no column holds names', () => {
    const s = suggestMapping(['Council', 'Grade', 'Number of Posts in FTE']);
    expect(s.required.map((r) => r.kind)).toEqual(['employee-number']);
    expect(s.notes).toContain('No column holds names, so every row will be read as a post with nobody named in it.');
  });

  it('uses the saved mapping for this source before the aliases, and asks nothing already answered', () => {
    const saved = SavedMapping.parse({
      source: 'itrent.csv',
      columns: { 'Pay Ref': 'employeeNumber', Name: 'ignore', 'Shoe size': 'ignore' },
      defaultCouncil: 'islington',
      vacantRows: 'skip',
    });
    const s = suggestMapping(['Pay Ref', 'Name', 'Surname', 'Shoe size'], saved);
    expect(s.mapping).toEqual({
      source: 'itrent.csv',
      columns: { 'Pay Ref': 'employeeNumber', Name: 'ignore', Surname: 'surname', 'Shoe size': 'ignore' },
      defaultCouncil: 'islington',
      vacantRows: 'skip',
    });
    expect(s.unknownHeaders).toEqual([]);
    expect(s.required).toEqual([]);
  });

  it('asks no questions for the register format', () => {
    const s = suggestMapping(['Council', 'Employee number'], undefined, { registerFormat: true, source: 'x.csv' });
    expect(s).toEqual({
      mapping: { source: 'x.csv', columns: {}, vacantRows: 'keep' },
      registerFormat: true,
      unknownHeaders: [],
      required: [],
      notes: [],
    });
  });

  it('is not fooled by headings that are names of object properties', () => {
    const s = suggestMapping(['constructor', 'toString', 'Employee No', 'Council', 'Surname']);
    expect(s.mapping.columns.constructor).toBe('ignore');
    expect(s.unknownHeaders).toEqual(['constructor', 'toString']);
  });
});

describe('checkMapping', () => {
  it('notes duplicate headings and two columns filling one field', () => {
    const { notes } = checkMapping(['Employee No', 'Surname', 'Last name', 'Surname', 'Council'], {
      source: 's',
      columns: { 'Employee No': 'employeeNumber', Surname: 'surname', 'Last name': 'surname', Council: 'council' },
      vacantRows: 'keep',
    });
    expect(notes).toEqual([
      "'Surname' and 'Last name' both fill surname: the first one with a value is used.",
      "The heading 'Surname' appears more than once: only the first is read.",
    ]);
  });
});

describe('SavedMapping', () => {
  it.each([
    [{ source: '', columns: {} }],
    [{ source: 'a', columns: { X: 'salary' } }],
    [{ source: 'a', columns: {}, defaultCouncil: 'hackney' }],
    [{ source: 'a', columns: {}, vacantRows: 'delete' }],
  ])('refuses %j', (value) => {
    expect(SavedMapping.safeParse(value).success).toBe(false);
  });
});
