import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { type Mapping, suggestMapping } from '../../../lib/csv/mapping';
import { errorsToCsv, readRows } from '../../../lib/csv/read-rows';
import { recordToRow, registerHeaders } from '../../../lib/csv/register-format';
import { StaffRecord } from '../../../lib/domain';

const root = path.resolve(__dirname, '..', '..', '..');
const organograms = path.resolve(root, '..', 'shared', 'fixtures', 'organograms');

function mappingFor(text: string, extra: Partial<Mapping> = {}): Mapping {
  return { ...readRows(text).mapping, ...extra };
}

const HR = 'Employee No,Forename,Surname,Council,FTE,Continuous service date,Line manager,Work email';

describe('readRows on an HR export', () => {
  it('reads rows into validated records with their lines and the fields the file carries', () => {
    const text = `${HR}\r\nH1042,Jo,Smith,Haringey,0.5,01/04/2009,H1,jo.smith@haringey.example\r\nI7,Al,Jones,LB Islington,100%,43191,,\r\n`;
    const r = readRows(text);
    expect(r.errors).toEqual([]);
    expect(r.required).toEqual([]);
    expect(r.rows.map((x) => x.line)).toEqual([2, 3]);
    expect(r.rows[0]!.record).toMatchObject({
      council: 'haringey',
      employeeNumber: 'H1042',
      forename: 'Jo',
      surname: 'Smith',
      fte: 0.5,
      continuousServiceDate: '2009-04-01',
      lineManager: 'haringey:H1',
      emails: ['jo.smith@haringey.example'],
      vacant: false,
    });
    expect(r.rows[1]!.record).toMatchObject({ council: 'islington', fte: 1, continuousServiceDate: '2018-04-01' });
    expect(r.rows[1]!.record.lineManager).toBeUndefined();
    expect([...r.rows[0]!.carried].sort()).toEqual(
      [
        'continuousServiceDate',
        'council',
        'emails',
        'employeeNumber',
        'forename',
        'fte',
        'lineManager',
        'surname',
        'vacant',
      ].sort(),
    );
    expect(r).toMatchObject({ headerLine: 1, delimiter: ',', encoding: 'text', vacant: 0, skipped: 0, total: 2 });
  });

  it.each([
    [
      'H1,Jo,Smith,Haringey,full time,,,',
      { column: 'FTE', value: 'full time', reason: "FTE must be a number between 0 and 1.5, not 'full time'" },
    ],
    [',Jo,Smith,Haringey,1,,,', { column: 'Employee No', reason: 'Employee number is missing' }],
    [
      'H 1,Jo,Smith,Haringey,1,,,',
      { column: 'Employee No', value: 'H 1', reason: 'Employee number must not contain spaces or colons' },
    ],
    [
      'H1,Jo,Smith,Hackney,1,,,',
      { column: 'Council', value: 'Hackney', reason: "Council must be Camden, Haringey or Islington, not 'Hackney'" },
    ],
    ['H1,Jo,Smith,,1,,,', { column: 'Council', reason: 'Council is missing' }],
    [
      'H1,Jo,Smith,Haringey,1,31/02/2010,,',
      {
        column: 'Continuous service date',
        value: '31/02/2010',
        reason: "Continuous service date is not a real date: '31/02/2010'",
      },
    ],
    [
      'H1,Jo,Smith,Haringey,1,,,jo at haringey',
      {
        column: 'Work email',
        value: 'jo at haringey',
        reason: "Work e-mail: 'jo at haringey' is not an e-mail address",
      },
    ],
    [
      'H1,Jo,Smith,Haringey,1,,Jo Bloggs,',
      {
        column: 'Line manager',
        value: 'Jo Bloggs',
        reason: "Line manager must be an employee number without spaces, not 'Jo Bloggs'",
      },
    ],
  ])('explains a bad row in plain words: %s', (row, error) => {
    const r = readRows(`${HR}\nH0,Ann,Lee,Haringey,1,,,\n${row}\n`);
    expect(r.rows.map((x) => x.line)).toEqual([2]);
    expect(r.errors).toEqual([{ line: 3, ...error }]);
  });

  it('reports a repeated key on the second row, naming the first line', () => {
    const r = readRows(
      `${HR}\nH1,Jo,Smith,Haringey,1,,,\nH2,Al,Jones,Haringey,1,,,\nH1,Jo,Smyth,Haringey,1,,,\nH1,Jo,Smith,Islington,1,,,\n`,
    );
    expect(r.rows.map((x) => x.line)).toEqual([2, 3, 5]);
    expect(r.errors).toEqual([
      {
        line: 4,
        column: 'Employee No',
        value: 'H1',
        reason: 'Haringey employee number H1 is also on line 2; only line 2 is imported',
      },
    ]);
  });

  it.each([
    ['keep', 2, 0],
    ['skip', 0, 2],
  ] as const)('rows with no named person are vacant posts, kept or skipped (%s)', (vacantRows, vacant, skipped) => {
    const text = 'Post Unique Reference,Name,Council\nP1,N/D,Camden\nP2,Vacant,Camden\nP3,Dr Jo Smith,Camden\n';
    const r = readRows(text, mappingFor(text, { vacantRows }));
    expect(r.errors).toEqual([]);
    expect({ vacant: r.vacant, skipped: r.skipped }).toEqual({ vacant, skipped });
    expect(r.rows.map((x) => [x.record.employeeNumber, x.record.forename, x.record.surname, x.record.vacant])).toEqual([
      ...(vacantRows === 'keep'
        ? [
            ['P1', '', '', true],
            ['P2', '', '', true],
          ]
        : []),
      ['P3', 'Jo', 'Smith', false],
    ]);
  });

  it('reads headings under title lines, semicolons, and Windows-1252 bytes', () => {
    const text =
      'Staff list;;\r\nExported 1 March 2018;;\r\nEmp No;Surname;Council;Grade\r\nC1;Brontë;Camden;£ band 5\r\n';
    const bytes = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
    const r = readRows(bytes);
    expect(r).toMatchObject({ encoding: 'windows-1252', delimiter: ';', headerLine: 3 });
    expect(r.notices).toContain('The column headings are on line 3; lines 1–2 were skipped');
    expect(r.rows[0]).toMatchObject({ line: 4, record: { surname: 'Brontë', grade: '£ band 5' } });
  });

  it('reads Excel "Unicode text" (UTF-16 with a byte order mark, tab-separated)', () => {
    const text = 'Employee No\tFull name\tCouncil\r\nI5\tOkafor, Dr Amara\tIslington\r\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + i * 2] = text.charCodeAt(i);
    const r = readRows(bytes);
    expect(r).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', errors: [] });
    expect(r.rows[0]!.record).toMatchObject({ employeeNumber: 'I5', forename: 'Amara', surname: 'Okafor' });
  });

  it('asks for a council instead of failing every row when the file has none', () => {
    const text = 'Emp No,Surname\nC1,Smith\n';
    const first = readRows(text);
    expect(first.rows).toEqual([]);
    expect(first.required.map((q) => q.kind)).toEqual(['council']);
    expect(first.errors).toEqual([{ line: 1, reason: first.required[0]!.text }]);
    const second = readRows(text, { ...first.mapping, defaultCouncil: 'camden' });
    expect(second.rows[0]!.record).toMatchObject({ council: 'camden', employeeNumber: 'C1' });
  });

  it('keeps a saved council column and notes what the mapping implies', () => {
    const text = 'Emp No,Organisation,Surname,Last name\nC1,Camden,Smith,Smyth\n';
    const saved = {
      source: 's',
      columns: { 'Emp No': 'employeeNumber', Organisation: 'council' },
      vacantRows: 'keep',
    } as const;
    const r = readRows(text, undefined, { saved });
    expect(r.rows[0]!.record).toMatchObject({ council: 'camden', surname: 'Smith' });
    expect(readRows(text, r.mapping).notices).toEqual([
      "'Surname' and 'Last name' both fill surname: the first one with a value is used.",
    ]);
  });

  it('reads an empty file without throwing', () => {
    expect(readRows('')).toMatchObject({ rows: [], errors: [{ line: 1, reason: 'The file is empty' }] });
    expect(readRows(new Uint8Array())).toMatchObject({ rows: [], errors: [{ line: 1, reason: 'The file is empty' }] });
  });
});

describe('readRows on the register format', () => {
  it('maps itself with no questions and reports a bad cell against its column', () => {
    const record = StaffRecord.parse({ council: 'islington', employeeNumber: 'I9', forename: 'Ann', surname: 'Lee' });
    const good: Record<string, string> = recordToRow(record, ['fwd']);
    const bad: Record<string, string> = {
      ...recordToRow({ ...record, employeeNumber: 'I10' }, ['fwd']),
      FTE: 'full',
      'TUPE fwd: scope': 'maybe',
    };
    const text = Papa.unparse({
      fields: registerHeaders(['fwd']),
      data: [good, bad].map((row) => registerHeaders(['fwd']).map((h) => row[h] ?? '')),
    });
    const r = readRows(text);
    expect(r.registerFormat).toBe(true);
    expect(r.required).toEqual([]);
    expect(r.rows.map((x) => x.record)).toEqual([record]);
    expect(r.rows[0]!.carried.has('transfers.fwd.scope')).toBe(true);
    expect(r.errors).toEqual([
      { line: 3, column: 'FTE', value: 'full', reason: "FTE: is not understood: 'full'" },
      { line: 3, column: 'TUPE fwd: scope', value: 'maybe', reason: "TUPE fwd: scope: is not understood: 'maybe'" },
    ]);
  });
});

describe('readRows on the organogram fixtures', () => {
  const files = readdirSync(organograms).filter((f) => f.endsWith('.csv'));

  it('finds the fixtures', () => {
    expect(files).toHaveLength(4);
  });

  it.each(files.filter((f) => f.includes('senior')))('%s: rows read, errors reasoned, no crash', (file) => {
    const bytes = new Uint8Array(readFileSync(path.join(organograms, file)));
    const first = readRows(bytes, undefined, { source: file });
    // Central-government returns have no council column ("Organisation" names the department).
    expect(first.required.map((q) => q.kind)).toEqual(['council']);
    expect(first.notices.some((n) => n.includes("'Organisation' column does not name"))).toBe(true);
    const r = readRows(bytes, { ...first.mapping, defaultCouncil: 'haringey' });
    expect(r.rows.length).toBeGreaterThan(r.total / 2);
    expect(r.rows.length + r.invalidRows + r.skipped).toBe(r.total);
    expect(r.vacant).toBeGreaterThan(0);
    expect(r.rows.some((x) => !x.record.vacant && x.record.surname && x.record.forename)).toBe(true);
    for (const e of r.errors) {
      expect(e.line).toBeGreaterThan(1);
      expect(e.reason).toMatch(/^[A-Z]/);
      expect(e.reason).not.toMatch(/undefined|Invalid input|\[object/);
    }
    for (const row of r.rows) expect(row.record.council).toBe('haringey');
  });

  it('Home Office: the unnamed index column is ignored and names, ranks and quotes are read', () => {
    const bytes = new Uint8Array(readFileSync(path.join(organograms, 'home-office-2013-09-30-senior.csv')));
    const mapping = { ...suggestMapping(['x']).mapping, ...readRows(bytes).mapping, defaultCouncil: 'camden' as const };
    expect(mapping.columns['']).toBe('ignore');
    const r = readRows(bytes, mapping);
    expect(r.rows[0]!.record).toMatchObject({
      employeeNumber: '4PO01',
      forename: 'Mark',
      surname: 'Sedwill',
      grade: 'SCS4',
      jobTitle: 'Permanent Secretary',
      vacant: false,
    });
    expect(r.rows.find((x) => x.record.surname === 'Montgomery')!.record.forename).toBe('Charles');
    const quoted = r.rows.filter((x) => x.record.vacant).length;
    expect(quoted).toBe(r.vacant);
    expect(r.errors.map((e) => e.reason)).toEqual([
      'Camden employee number 2UKBA18 is also on line 86; only line 86 is imported',
      'Camden employee number 1SIIG11 is also on line 113; only line 113 is imported',
      'Camden employee number 2SIIGSEC is also on line 165; only line 165 is imported',
    ]);
  });

  it('the junior file (no names, no post references) gives a clear reason and imports nothing', () => {
    const bytes = new Uint8Array(readFileSync(path.join(organograms, 'dclg-2011-09-30-junior.csv')));
    const r = readRows(bytes, undefined, { source: 'junior' });
    expect(r.rows).toEqual([]);
    expect(r.required.map((q) => q.kind)).toEqual(['employee-number', 'council']);
    expect(r.errors[0]!.reason).toContain('no row can be imported without it');
    expect(r.notices).toContain('No column holds names, so every row will be read as a post with nobody named in it.');
    const withCouncil = readRows(bytes, { ...r.mapping, defaultCouncil: 'haringey' });
    expect(withCouncil.rows).toEqual([]);
    expect(withCouncil.required.map((q) => q.kind)).toEqual(['employee-number']);
  });
});

describe('errorsToCsv', () => {
  it('writes a downloadable list with a BOM, CRLF and formula-safe cells', () => {
    const csv = errorsToCsv([
      {
        line: 3,
        column: 'FTE',
        value: '=HYPERLINK("http://x")',
        reason: "FTE must be a number between 0 and 1.5, not '=1'",
      },
      { line: 9, reason: 'Council is missing' },
    ]);
    expect(csv).toBe(
      '\uFEFFLine,Column,Value,Problem\r\n' +
        `3,FTE,"'=HYPERLINK(""http://x"")",FTE must be a number between 0 and 1.5, not '=1'\r\n`.replace(
          "FTE must be a number between 0 and 1.5, not '=1'",
          `"FTE must be a number between 0 and 1.5, not '=1'"`,
        ) +
        '9,,,Council is missing',
    );
  });
});
