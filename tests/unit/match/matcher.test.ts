import { describe, expect, it } from 'vitest';
import { buildMatcher, type Match } from '../../../lib/match';
import { ANN_LEE, ANN_SJ, ANN_SMITH, HANS, JOHN_NORTH, JOHN_SOUTH, register, ROBERT, SIOBHAN, ZOE } from './register';

const matcher = buildMatcher(register);

/** What the reader sees for each match: the original text under it, who it names, and how. */
function visible(text: string, matches: readonly Match[]): [string, string[], string][] {
  return matches.map((m) => [text.slice(m.start, m.end), [...m.keys], m.kind]);
}

describe('buildMatcher(...).findAll: name forms', () => {
  it.each<[string, string, [string, string[], string][]]>([
    ['full name', 'Please ask Zoë Müller today', [['Zoë Müller', [ZOE], 'full-name']]],
    ['capitals without accents', 'ZOE MULLER', [['ZOE MULLER', [ZOE], 'full-name']]],
    ['plain letters', 'from Zoe Muller:', [['Zoe Muller', [ZOE], 'full-name']]],
    ['decomposed accents', 'Zoe\u0308 Mu\u0308ller', [['Zoe\u0308 Mu\u0308ller', [ZOE], 'full-name']]],
    ['accents the register does not have', 'Zóe Mulleŕ', [['Zóe Mulleŕ', [ZOE], 'full-name']]],
    ['known-as name', 'Shiv O’Neill', [['Shiv O’Neill', [SIOBHAN], 'known-as']]],
    ['straight apostrophe', "Siobhan O'Neill", [["Siobhan O'Neill", [SIOBHAN], 'full-name']]],
    ['modifier-letter apostrophe', 'Siobhan Oʼneill', [['Siobhan Oʼneill', [SIOBHAN], 'full-name']]],
    ['non-breaking space', 'Siobhan\u00a0O’Neill', [['Siobhan\u00a0O’Neill', [SIOBHAN], 'full-name']]],
    ['line break and indentation', 'Siobhan\n      O’Neill', [['Siobhan\n      O’Neill', [SIOBHAN], 'full-name']]],
    ['soft hyphen inside', 'Siobhan O’Ne\u00adill', [['Siobhan O’Ne\u00adill', [SIOBHAN], 'full-name']]],
    ['surname first', 'O’Neill, Siobhan', [['O’Neill, Siobhan', [SIOBHAN], 'surname-first']]],
    ['SURNAME, Forename', 'MÜLLER, Zoë', [['MÜLLER, Zoë', [ZOE], 'surname-first']]],
    ['Surname, KnownAs', "O'Neill, Shiv", [["O'Neill, Shiv", [SIOBHAN], 'surname-first']]],
    ['other spelling', 'Siobhan O Neill', [['Siobhan O Neill', [SIOBHAN], 'other-spelling']]],
    ['hyphenated surname', 'Ann Smith-Jones', [['Ann Smith-Jones', [ANN_SJ], 'full-name']]],
    ['non-breaking hyphen', 'Ann Smith\u2011Jones', [['Ann Smith\u2011Jones', [ANN_SJ], 'full-name']]],
    ['possessive', "Ann Smith's team", [['Ann Smith', [ANN_SMITH], 'full-name']]],
    ['curly possessive', 'Ann Smith’s team', [['Ann Smith', [ANN_SMITH], 'full-name']]],
    ['quoted', '‘Ann Smith’', [['Ann Smith', [ANN_SMITH], 'full-name']]],
    ['end of sentence', 'I met Ann Smith.', [['Ann Smith', [ANN_SMITH], 'full-name']]],
    ['ellipsis', 'Ann Smith... and', [['Ann Smith', [ANN_SMITH], 'full-name']]],
    ['question', 'Ann Smith?', [['Ann Smith', [ANN_SMITH], 'full-name']]],
    ['in brackets', '(Ann Lee)', [['Ann Lee', [ANN_LEE], 'full-name']]],
    ['unique initial with a full stop', 'R. Brown signed', [['R. Brown', [ROBERT], 'initial']]],
    ['unique initial without a full stop', 'R Brown signed', [['R Brown', [ROBERT], 'initial']]],
    ['lower-case initial', 'r brown', []],
    ['initial shared by two people', 'M. Patel and M Patel', []],
    ['known-as with surname', 'Bob Brown', [['Bob Brown', [ROBERT], 'known-as']]],
    ['ß written as ss', 'Hans Strauss', [['Hans Strauss', [HANS], 'full-name']]],
    ['ß', 'HANS STRAUß', [['HANS STRAUß', [HANS], 'full-name']]],
    ['e-mail', 'Write to zoe.muller@council-a.gov.uk.', [['zoe.muller@council-a.gov.uk', [ZOE], 'email']]],
    ['e-mail in capitals', '<ZOE.MULLER@COUNCIL-A.GOV.UK>', [['ZOE.MULLER@COUNCIL-A.GOV.UK', [ZOE], 'email']]],
    ['employee number', 'Ref HR10234 updated', [['HR10234', [ZOE], 'employee-number']]],
    ['employee number in lower case', 'hr10234:', [['hr10234', [ZOE], 'employee-number']]],
    ['employee number with letters', 'E5521', [['E5521', [ANN_LEE], 'employee-number']]],
    ['ambiguous name', 'John Smith', [['John Smith', [JOHN_NORTH, JOHN_SOUTH], 'full-name']]],
    [
      'several people in one text',
      'John Smith, Ann Lee and Zoe Muller',
      [
        ['John Smith', [JOHN_NORTH, JOHN_SOUTH], 'full-name'],
        ['Ann Lee', [ANN_LEE], 'full-name'],
        ['Zoe Muller', [ZOE], 'full-name'],
      ],
    ],
    [
      'longest match wins',
      'Ann Smith-Jones and Ann Smith',
      [
        ['Ann Smith-Jones', [ANN_SJ], 'full-name'],
        ['Ann Smith', [ANN_SMITH], 'full-name'],
      ],
    ],
  ])('%s: %j', (_label, text, expected) => {
    expect(visible(text, matcher.findAll(text))).toEqual(expected);
  });
});

describe('buildMatcher(...).findAll: no false positives', () => {
  it.each([
    ['common words', 'The annual report was sent to the board and filed.'],
    ['"Ann" inside "Annual"', 'Annual Lee'],
    ['"Ann Lee" inside "Ann Leeds"', 'Ann Leeds'],
    ['"Ann Lee" inside "Joann Lee"', 'Joann Lee'],
    ['"Ann Smith" inside "Mary-Ann Smith"', 'Mary-Ann Smith'],
    ['"Ann Smith" inside "Ann Smithson"', 'Ann Smithson'],
    ['a longer hyphenated surname', 'Ann Smith-Jonesy'],
    ['"Smith, John" before a longer forename', 'Smith, Johnny'],
    ['"O\'Neill, Shiv" before a longer name', "O'Neill, Shivani"],
    ['employee number inside a longer number', 'HR102345'],
    ['employee number after a prefix', 'XHR10234'],
    ['employee number as a file name', 'HR10234.pdf'],
    ['employee number joined by an underscore', 'file_HR10234'],
    ['employee number in a URL path', 'https://intranet.example.gov.uk/staff/HR10234'],
    ['employee number in a query string', 'https://intranet.example.gov.uk/staff?id=HR10234&x=1'],
    ['short employee numbers', 'Room 123, floor 2'],
    ['a name in another person’s e-mail', 'john.smith@council-a.gov.uk'],
    ['an e-mail inside a longer e-mail', 'x.zoe.muller@council-a.gov.uk'],
    ['an e-mail followed by more domain', 'zoe.muller@council-a.gov.uk.evil.example'],
    ['a name in a URL', 'https://intranet.example.gov.uk/people/Ann Smith'],
    ['a name glued to a hash', 'tag#Ann Smith'],
    ['an empty text', ''],
  ])('%s: %j', (_label, text) => {
    expect(matcher.findAll(text)).toEqual([]);
  });

  it('returns the same empty array for every text without a match, so scanning allocates nothing', () => {
    expect(matcher.findAll('nothing here')).toBe(matcher.findAll('nor here'));
  });
});

describe('buildMatcher(...).findAll: offsets', () => {
  it.each([
    'Zoë Müller',
    ' \u00a0Zoe\u0308 Mu\u0308ller\u0301,',
    'x'.repeat(1000) + ' Ann Lee ' + 'y'.repeat(1000),
    '😀 Ann Lee 😀 Siobhan O’Neill 😀',
  ])('map back to the original text exactly: %j', (text) => {
    const matches = matcher.findAll(text);
    expect(matches.length).toBeGreaterThan(0);
    for (const m of matches) {
      const seen = text.slice(m.start, m.end);
      expect(seen).toMatch(/^\p{L}/u);
      expect(seen).toMatch(/[\p{L}\p{N}\p{M}]$/u);
    }
  });

  it('covers a combining mark after the last letter, so the badge covers the whole letter', () => {
    const text = 'Ann Lee\u0301 came';
    expect(visible(text, matcher.findAll(text))).toEqual([['Ann Lee\u0301', [ANN_LEE], 'full-name']]);
  });
});

describe('buildMatcher', () => {
  it('works with an empty register', () => {
    const empty = buildMatcher([]);
    expect(empty.findAll('John Smith')).toEqual([]);
    expect(empty.stats).toEqual({ patterns: 0, nodes: 1 });
  });
});
