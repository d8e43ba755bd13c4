import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  excelSerialToIso,
  parseBooleanCell,
  parseDateCell,
  parseFteCell,
  splitEmails,
} from '../../../lib/csv/cell-values';

describe('parseDateCell', () => {
  it.each([
    ['01/04/2018', '2018-04-01'],
    ['1/4/2018', '2018-04-01'],
    ['1/4/18', '2018-04-01'],
    ['31/12/99', '1999-12-31'],
    ['01.04.2018', '2018-04-01'],
    ['01-04-2018', '2018-04-01'],
    ['2018-04-01', '2018-04-01'],
    ['2018-04-01T00:00:00', '2018-04-01'],
    ['01/04/2018 00:00', '2018-04-01'],
    ['1 April 2018', '2018-04-01'],
    ['01-Apr-18', '2018-04-01'],
    ['43191', '2018-04-01'],
    ['43191.0', '2018-04-01'],
    [' 29/02/2016 ', '2016-02-29'],
  ])('%s → %s', (text, iso) => {
    expect(parseDateCell(text)).toEqual({ ok: true, value: iso });
  });

  it.each([
    ['31/02/2018', "is not a real date: '31/02/2018'"],
    ['2018-13-01', "is not a real date: '2018-13-01'"],
    ['04/31/2018', "is not a real date: '04/31/2018'"],
    ['next Tuesday', "must be a date like 31/03/2018, not 'next Tuesday'"],
    ['60', "must be a date like 31/03/2018, not '60'"],
  ])('%s is refused: %s', (text, reason) => {
    expect(parseDateCell(text)).toEqual({ ok: false, reason });
  });

  it('reads any real date written dd/mm/yyyy or as ISO', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const [y, m, day] = iso.split('-');
        expect(parseDateCell(`${day}/${m}/${y}`)).toEqual({ ok: true, value: iso });
        expect(parseDateCell(iso)).toEqual({ ok: true, value: iso });
      }),
    );
  });
});

describe('excelSerialToIso (with the 1900 leap-year bug)', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [60, undefined], // Excel's 29 February 1900, a day that never existed
    [61, '1900-03-01'],
    [36526, '2000-01-01'],
    [43191, '2018-04-01'],
    [0, undefined],
    [1.5, undefined],
  ])('%d → %s', (serial, iso) => {
    expect(excelSerialToIso(serial)).toBe(iso);
  });

  it('gives consecutive days for consecutive serials after February 1900', () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 80_000 }), (n) => {
        const a = Date.parse(excelSerialToIso(n)!);
        const b = Date.parse(excelSerialToIso(n + 1)!);
        expect(b - a).toBe(86_400_000);
      }),
    );
  });
});

describe('parseFteCell', () => {
  it.each([
    ['1', 1],
    ['1.0', 1],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['50%', 0.5],
    ['80 %', 0.8],
    ['0', 0],
    ['1.5', 1.5],
    ['0.94', 0.94],
  ])('%s → %d', (text, fte) => {
    expect(parseFteCell(text)).toEqual({ ok: true, value: fte });
  });

  it.each(['full time', '2', '-1', '160%', '', '1,0'])('%j is refused in plain words', (text) => {
    expect(parseFteCell(text)).toEqual({ ok: false, reason: `must be a number between 0 and 1.5, not '${text}'` });
  });
});

describe('parseBooleanCell', () => {
  it.each([
    ['yes', true],
    ['Y', true],
    ['TRUE', true],
    ['no', false],
    ['n', false],
    ['False', false],
  ])('%s → %s', (text, value) => {
    expect(parseBooleanCell(text)).toEqual({ ok: true, value });
  });

  it('refuses anything else', () => {
    expect(parseBooleanCell('maybe')).toEqual({ ok: false, reason: "must be yes or no, not 'maybe'" });
  });
});

describe('splitEmails', () => {
  it.each([
    ['a@x.gov.uk', ['a@x.gov.uk']],
    ['a@x.gov.uk; b@x.gov.uk', ['a@x.gov.uk', 'b@x.gov.uk']],
    ['a@x.gov.uk, b@x.gov.uk', ['a@x.gov.uk', 'b@x.gov.uk']],
    ['a@x.gov.uk b@x.gov.uk', ['a@x.gov.uk', 'b@x.gov.uk']],
    ['CTLB Grp Mailbox (MULTIUSER)@mod.uk', ['CTLB Grp Mailbox (MULTIUSER)@mod.uk']],
    ['N/A', []],
    ['none', []],
    ['-', []],
    [' a@x.gov.uk ', ['a@x.gov.uk']],
    ['a@x.gov.uk\u00a0', ['a@x.gov.uk']],
    ['a@x.gov.uk;', ['a@x.gov.uk']],
    ['', []],
  ])('%j', (text, emails) => {
    expect(splitEmails(text)).toEqual(emails);
  });
});
