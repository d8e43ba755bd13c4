import { describe, expect, it } from 'vitest';
import { StaffRecord, type TransferPlan } from '../../../lib/domain';
import { buildRegisterRows } from '../../../lib/views/register-rows';
import { consultationCsv } from '../../../entrypoints/options/pages/consultation-export';

const plan: TransferPlan = {
  id: 'fwd',
  name: 'Transfer to Camden',
  legalBasis: 'TUPE',
  transferors: ['haringey', 'islington'],
  transferee: 'camden',
  transferDate: '2018-04-01',
};

const records = [
  StaffRecord.parse({
    council: 'haringey',
    employeeNumber: 'H1',
    forename: 'Zoë',
    surname: 'Brontë',
    jobTitle: '=HYPERLINK("http://evil.example")',
    transfers: [{ planId: 'fwd', scope: 'in-scope', representation: 'unison' }],
  }),
  StaffRecord.parse({
    council: 'islington',
    employeeNumber: 'I2',
    forename: 'Sam',
    surname: 'Able',
    lineManager: 'haringey:H1',
  }),
];
const rows = buildRegisterRows(records, { plan, today: '2018-02-23', atRiskDays: 14 });
const names = new Map([['haringey:H1', 'Zoë Brontë']]);

describe('consultationCsv', () => {
  it('writes the chosen columns in order, for Excel: BOM, CRLF, accents kept, formulas neutralised', () => {
    const csv = consultationCsv(rows, ['name', 'jobTitle', 'manager', 'representation'], names);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('Name,Job title,Line manager,Representative group');
    expect(lines[1]).toContain('Zoë Brontë');
    expect(lines[1]).not.toMatch(/(^|,)"?=/);
    expect(lines[1]).toContain('UNISON');
    expect(lines[2]).toBe('Sam Able,,Zoë Brontë,No representative');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
  });
});
