import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOT_TEXT_REASON, decodeCsvBytes, looksBinary, toCsvText } from '../../../lib/csv/decode';
import { readRows } from '../../../lib/csv/read-rows';

const text = 'Surname,Salary (£)\r\nBrontë,£30\r\n';

function utf16(s: string, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + s.length * 2);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < s.length; i++) view.setUint16(2 + i * 2, s.charCodeAt(i), littleEndian);
  return out;
}

/** Windows-1252 bytes for text whose characters are all in Latin-1 except the few 1252 moved (none here). */
function latin1(s: string): Uint8Array {
  return Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
}

describe('decodeCsvBytes', () => {
  it.each([
    ['UTF-8 without a byte order mark', new TextEncoder().encode(text), 'utf-8', false],
    [
      'UTF-8 with a byte order mark',
      Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]),
      'utf-8',
      true,
    ],
    ['UTF-16 little-endian ("Unicode text" from Excel)', utf16(text, true), 'utf-16le', true],
    ['UTF-16 big-endian', utf16(text, false), 'utf-16be', true],
    ['Windows-1252 (£ is the single byte 0xA3)', latin1(text), 'windows-1252', false],
  ] as const)('%s', (_name, bytes, encoding, bom) => {
    const decoded = decodeCsvBytes(bytes);
    expect(decoded).toEqual({ text, encoding, bom });
  });

  it('reads the Windows-1252 characters that differ from Latin-1 (€ is 0x80, curly quotes 0x91–0x94)', () => {
    const decoded = decodeCsvBytes(Uint8Array.from([0x80, 0x91, 0x41, 0x92, 0x93, 0x94]));
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toBe('€‘A’“”');
  });

  it('returns an empty text for an empty file', () => {
    expect(decodeCsvBytes(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8', bom: false });
  });

  it('decodes any UTF-8 text back to itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        fc.pre(s.charCodeAt(0) !== 0xfeff);
        expect(decodeCsvBytes(new TextEncoder().encode(s))).toEqual({ text: s, encoding: 'utf-8', bom: false });
      }),
    );
  });
});

describe('toCsvText', () => {
  it('drops a byte order mark left at the start of a string', () => {
    expect(toCsvText('\uFEFFa,b')).toEqual({ text: 'a,b', encoding: 'text', bom: true });
    expect(toCsvText('a,b')).toEqual({ text: 'a,b', encoding: 'text', bom: false });
  });
});

describe('files that are not text', () => {
  const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]);
  const pdf = Uint8Array.from([...new TextEncoder().encode('%PDF-1.7\n'), 0xe2, 0xe3, 0xcf, 0xd3, 0x0a, 0x00, 0x01]);
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]);
  const controls = Uint8Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? 0x01 : 0x41));

  it.each([
    ['a spreadsheet (.xlsx is a zip)', zip],
    ['a PDF', pdf],
    ['a picture', png],
    ['bytes full of control characters', controls],
  ])('%s is not text', (_name, bytes) => {
    expect(looksBinary(bytes)).toBe(true);
    expect(decodeCsvBytes(bytes)).toMatchObject({ binary: true, text: '' });
    const r = readRows(bytes);
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([{ line: 1, reason: NOT_TEXT_REASON }]);
    expect(NOT_TEXT_REASON).toMatch(/^This is not a text file, so it cannot be a CSV file\./);
  });

  it('keeps reading real CSV files: UTF-16 with its byte order mark, tabs, form feeds, Windows-1252', () => {
    // UTF-16 is full of NUL bytes: its byte order mark is what says it is text.
    expect(decodeCsvBytes(utf16(text, true))).toMatchObject({ encoding: 'utf-16le', text });
    for (const bytes of [
      new TextEncoder().encode('a\tb\r\n1\t2\f\r\n'),
      latin1(text),
      new TextEncoder().encode(text),
    ]) {
      expect(looksBinary(bytes)).toBe(false);
      expect(decodeCsvBytes(bytes).binary).toBeUndefined();
    }
  });
});
