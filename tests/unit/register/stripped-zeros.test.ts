import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRows } from '../../../lib/csv/read-rows';
import { StaffRecord, type StaffRecordInput, keyOf } from '../../../lib/domain';
import { planCounts, planImport, resolvePlan, strippedZerosReason } from '../../../lib/register/plan-import';

const NOW = '2018-03-01T09:00:00.000Z';
const HR = 'Employee No,Forename,Surname,Council,Team';

function rec(input: Partial<StaffRecordInput> & { employeeNumber: string }): StaffRecord {
  return StaffRecord.parse({ council: 'haringey', forename: 'Jo', surname: 'Smith', ...input });
}

describe('employee numbers are text', () => {
  it('keeps leading zeros from the file', () => {
    const r = readRows(`${HR}\n001016,Jo,Smith,Haringey,Networks\n0042,Al,Jones,Camden,\n`);
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => keyOf(x.record))).toEqual(['haringey:001016', 'camden:0042']);
  });
});

describe('numbers Excel stripped of their leading zeros', () => {
  const register = [
    rec({ employeeNumber: '001016', forename: 'Ada', surname: 'Obi' }),
    rec({ employeeNumber: '002000', forename: 'Ben', surname: 'Roe' }),
    rec({ council: 'camden', employeeNumber: '0077' }),
    rec({ employeeNumber: 'H5' }),
  ];

  it('flags the row, does not add it and does not mark the person in the register as missing', () => {
    const file = `${HR}\n1016,Ada,Obi,Haringey,Networks\n002000,Ben,Roe,Haringey,\nH5,Jo,Smith,Haringey,\n3000,New,Person,Haringey,\n`;
    const read = readRows(file);
    expect(read.errors).toEqual([]);
    const plan = planImport(register, read.rows, { source: 'hr.csv', now: NOW });
    expect(plan.suspectedStrippedZeros).toEqual([
      { line: 2, incomingKey: 'haringey:1016', existingKey: 'haringey:001016' },
    ]);
    expect(plan.added.map(keyOf)).toEqual(['haringey:3000']);
    expect(plan.missing).toEqual([]);
    expect(strippedZerosReason(plan.suspectedStrippedZeros[0]!)).toBe(
      'Employee number 1016 looks like 001016 with its leading zeros removed (Excel does this). Check the file; this row was not imported.',
    );
    expect(planCounts(plan, read.total, 0)).toMatchObject({ rows: 4, added: 1, invalid: 1 });
    const { put, undo } = resolvePlan(plan);
    expect(put.map(keyOf)).not.toContain('haringey:1016');
    expect(undo.remove).toEqual(['haringey:3000']);
  });

  it('flags a partly stripped number, and only within the same council', () => {
    const rows = [
      { line: 2, record: rec({ employeeNumber: '01016' }), carried: ['council', 'employeeNumber'] },
      { line: 3, record: rec({ council: 'islington', employeeNumber: '1016' }), carried: ['council'] },
      { line: 4, record: rec({ council: 'camden', employeeNumber: '77' }), carried: ['council'] },
    ];
    const plan = planImport(register, rows, { source: 'hr.csv', now: NOW });
    expect(plan.suspectedStrippedZeros).toEqual([
      { line: 2, incomingKey: 'haringey:01016', existingKey: 'haringey:001016' },
      { line: 4, incomingKey: 'camden:77', existingKey: 'camden:0077' },
    ]);
    expect(plan.added.map(keyOf)).toEqual(['islington:1016']);
  });

  it('does not flag numbers with letters, longer numbers, or a number that is in the register itself', () => {
    const existing = [...register, rec({ employeeNumber: '1016' })];
    const rows = [
      { line: 2, record: rec({ employeeNumber: '1016' }), carried: ['council'] },
      { line: 3, record: rec({ employeeNumber: '0001016' }), carried: ['council'] },
      { line: 4, record: rec({ employeeNumber: 'A1016' }), carried: ['council'] },
    ];
    const plan = planImport(existing, rows, { source: 'hr.csv', now: NOW });
    expect(plan.suspectedStrippedZeros).toEqual([]);
    expect(plan.added.map(keyOf)).toEqual(['haringey:0001016', 'haringey:A1016']);
  });

  it('flags a whole file saved by Excel: nobody is added twice and nobody is marked as missing', () => {
    const big = Array.from({ length: 50 }, (_, i) => rec({ employeeNumber: String(i + 1).padStart(6, '0') }));
    const rows = big.map((r, i) => ({
      line: i + 2,
      record: rec({ employeeNumber: String(Number(r.employeeNumber)) }),
      carried: ['council', 'employeeNumber'],
    }));
    const plan = planImport(big, rows, { source: 'excel.csv', now: NOW });
    expect(plan.suspectedStrippedZeros).toHaveLength(50);
    expect(plan.added).toEqual([]);
    expect(plan.missing).toEqual([]);
    expect(resolvePlan(plan).put).toEqual([]);
  });
});

describe('duplicate keys in one file', () => {
  it('are reported in the register format too, and only the first is imported', () => {
    const text = readFileSync(path.resolve(__dirname, '../../../public/demo/staff.csv'), 'utf8');
    const lines = text.split(/\r?\n/).filter(Boolean);
    const withRepeat = [...lines.slice(0, 4), lines[2]!, ''].join('\r\n');
    const r = readRows(withRepeat);
    expect(r.registerFormat).toBe(true);
    expect(r.rows.map((x) => x.line)).toEqual([2, 3, 4]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ line: 5, column: 'Employee number' });
    expect(r.errors[0]!.reason).toMatch(/ employee number \S+ is also on line 3; only line 3 is imported$/);
  });

  it('are reported when the same number differs only by surrounding spaces', () => {
    const r = readRows(`${HR}\nH1,Jo,Smith,Haringey,\n H1 ,Jo,Smith,Haringey,\n`);
    expect(r.rows.map((x) => x.line)).toEqual([2]);
    expect(r.errors.map((e) => e.reason)).toEqual([
      'Haringey employee number H1 is also on line 2; only line 2 is imported',
    ]);
  });
});

describe('a bad value in a list column of the register format (found by the import fuzz test)', () => {
  it('is reported against the column, not the list position', () => {
    const lines = readFileSync(path.resolve(__dirname, '../../../public/demo/staff.csv'), 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    const emailsAt = lines[0]!.split(',').indexOf('Work e-mails');
    const cells = lines[1]!.split(',');
    cells[emailsAt] = 'White';
    expect(readRows([lines[0], cells.join(',')].join('\r\n')).errors).toEqual([
      { line: 2, column: 'Work e-mails', value: 'White', reason: "Work e-mails: 'White' is not an e-mail address" },
    ]);
  });
});
