import { describe, expect, it } from 'vitest';
import { readRows } from '../../../lib/csv/read-rows';
import {
  MAX_FILE_BYTES,
  describeDetection,
  fileProblem,
  sourceName,
  withColumnChoice,
} from '../../../entrypoints/options/pages/import-steps';

describe('fileProblem', () => {
  it('accepts CSV-like files and explains why others cannot be read', () => {
    expect(fileProblem({ name: 'staff.csv', size: 10, type: 'text/csv' })).toBeUndefined();
    expect(fileProblem({ name: 'EXPORT.TXT', size: 10, type: '' })).toBeUndefined();
    expect(fileProblem({ name: 'staff.xlsx', size: 10, type: '' })).toMatch(/CSV UTF-8/);
    expect(fileProblem({ name: 'staff.csv', size: 0, type: 'text/csv' })).toBe('staff.csv is empty.');
    expect(fileProblem({ name: 'staff.csv', size: MAX_FILE_BYTES + 1, type: 'text/csv' })).toMatch(/50 MB/);
    expect(fileProblem({ name: 'photo.png', size: 10, type: 'image/png' })).toMatch(/does not look like a CSV/);
  });
});

describe('detection and mapping', () => {
  const csv = 'Shared Digital staff return\r\nEmp No;Surname;First name;Favourite colour\r\n1001;Example;Alex;blue\r\n';
  const result = readRows(new TextEncoder().encode(csv), undefined, { source: sourceName('file', 'return.csv') });

  it('describes the encoding, separator and heading line in plain words', () => {
    const d = describeDetection(result);
    expect(d.encoding).toBe('UTF-8');
    expect(d.delimiter).toBe('semicolon');
    expect(d.headerLine).toBe(2);
    expect(d.headers).toEqual(['Emp No', 'Surname', 'First name', 'Favourite colour']);
    expect(d.format).toMatch(/Other CSV/);
    expect(result.unknownHeaders).toEqual(['Favourite colour']);
    expect(result.required.map((r) => r.kind)).toEqual(['council']);
  });

  it('changes one column choice and a council choice lets the rows through', () => {
    const m = withColumnChoice(result.mapping, 'Favourite colour', 'team');
    expect(m.columns['Favourite colour']).toBe('team');
    expect(result.mapping.columns['Favourite colour']).toBe('ignore');
    const again = readRows(new TextEncoder().encode(csv), { ...m, defaultCouncil: 'haringey' });
    expect(again.required).toEqual([]);
    expect(again.rows.map((r) => [r.record.council, r.record.employeeNumber, r.record.team])).toEqual([
      ['haringey', '1001', 'blue'],
    ]);
  });
});
