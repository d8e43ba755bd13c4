/**
 * Turns the bytes of an uploaded or fetched CSV file into text. HR systems and Excel save CSV in several
 * encodings: UTF-8 (with or without a byte order mark), "Unicode text" (UTF-16 with a byte order mark), and
 * older Windows exports in Windows-1252, where "£" is one byte (0xA3) that is not valid UTF-8.
 */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export const csvEncodingName: Record<CsvEncoding | 'text', string> = {
  text: 'text',
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252 (Western European)',
};

export interface DecodedText {
  text: string;
  /** 'text' when the caller passed a string that was decoded elsewhere (e.g. by fetch). */
  encoding: CsvEncoding | 'text';
  /** True when the file began with a byte order mark (it is removed from `text`). */
  bom: boolean;
  /** True when the bytes are not text at all (a spreadsheet, a PDF, a picture): `text` is then empty. */
  binary?: boolean;
}

/** The plain words for a file that is not text. */
export const NOT_TEXT_REASON =
  'This is not a text file, so it cannot be a CSV file. It may be a spreadsheet, a PDF or a picture. In Excel choose File > Save As > "CSV UTF-8 (Comma delimited)" and choose that file.';

const SNIFF_BYTES = 8192;

/**
 * Whether bytes without a UTF-16 byte order mark are binary rather than text: a NUL byte (text files in
 * UTF-8 and Windows-1252 never hold one; zip-based .xlsx, old .xls, PDF and images almost always do early
 * on), or more than 1 in 10 of the first bytes being control characters other than tab, line feed, carriage
 * return and form feed.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) control++;
  }
  return control * 10 > n;
}

export function decodeCsvBytes(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decode('utf-8', bytes.subarray(3)), encoding: 'utf-8', bom: true };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: decode('utf-16le', bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: decode('utf-16be', bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  }
  if (looksBinary(bytes)) return { text: '', encoding: 'utf-8', bom: false, binary: true };
  try {
    // fatal: true makes invalid UTF-8 throw instead of turning into U+FFFD, which is how we tell the encodings apart.
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes),
      encoding: 'utf-8',
      bom: false,
    };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252', bom: false };
  }
}

function decode(encoding: CsvEncoding, bytes: Uint8Array): string {
  // ignoreBOM: true keeps the decoder from looking for a second mark; the first one is already stripped.
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}

/** Accepts text as it is (a BOM at the start is dropped), bytes to decode, or text decoded already. */
export function toCsvText(source: string | Uint8Array | DecodedText): DecodedText {
  if (source instanceof Uint8Array) return decodeCsvBytes(source);
  if (typeof source !== 'string') return source;
  const bom = source.charCodeAt(0) === 0xfeff;
  return { text: bom ? source.slice(1) : source, encoding: 'text', bom };
}

// Windows-1252 puts printable characters (€, curly quotes, dashes) where Latin-1 has control codes 0x80–0x9F.
// Node 20's TextDecoder('windows-1252') decodes those bytes as Latin-1 (measured: 0x80 gives U+0080, not €),
// so we map them ourselves and get the same text in Node and in browsers.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  const codes = new Uint16Array(Math.min(CHUNK, bytes.length));
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length);
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      codes[i - start] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : b;
    }
    parts.push(String.fromCharCode(...codes.subarray(0, end - start)));
  }
  return parts.join('');
}
