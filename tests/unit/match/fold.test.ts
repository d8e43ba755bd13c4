import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CharClass, classOfUnit, foldKey, foldText, foldUnit, referenceFoldAndClass } from '../../../lib/match/fold';

describe('foldText', () => {
  it.each([
    ['Zoë Müller', 'zoe muller'],
    ['ZOË MÜLLER', 'zoe muller'],
    ['Øystein Łukasz Đorđe', 'oystein lukasz dorde'],
    ['Ångström', 'angstrom'],
    ['O’Neill O‘Neill Oʼneill', "o'neill o'neill o'neill"],
    ['Ann\u00a0Smith\u2009Jones\u202fX', 'ann smith jones x'],
    ['Smith‐Jones Smith‑Jones Smith–Jones', 'smith-jones smith-jones smith-jones'],
    ['Straße STRAẞE', 'straße straße'],
    ['İstanbul', 'istanbul'],
    ['Smith—Jones', 'smith—jones'], // the em dash separates phrases: left alone
  ])('folds %j to %j', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  it('keeps combining marks and invisible characters in place, so offsets still line up', () => {
    expect(foldText('Zoe\u0308 Smi\u00adth')).toBe('zoe\u0308 smi\u00adth');
  });

  it('never changes the length of any UTF-16 text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }), (s) => {
        expect(foldText(s)).toHaveLength(s.length);
      }),
    );
  });
});

describe('foldKey', () => {
  it.each([
    ['  Zoe\u0308   Mu\u0308ller ', 'zoe muller'],
    ['Smith,\n\tJohn', 'smith, john'],
    ['Smi\u00adth', 'smith'],
    ['', ''],
  ])('turns %j into %j', (input, expected) => {
    expect(foldKey(input)).toBe(expected);
  });
});

describe('classOfUnit', () => {
  it.each([
    ['a', CharClass.Word],
    ['é', CharClass.Word],
    ['7', CharClass.Word],
    ['’', CharClass.Apostrophe],
    ['\u2011', CharClass.Hyphen],
    ['@', CharClass.Joiner],
    ['/', CharClass.Joiner],
    ['\u00a0', CharClass.Space],
    [',', CharClass.Other],
    ['\u0301', CharClass.Mark],
    ['\u00ad', CharClass.Ignorable],
    ['\ud83d', CharClass.Other],
  ])('classes %j as %i', (ch, expected) => {
    expect(classOfUnit(ch.charCodeAt(0))).toBe(expected);
  });
});

describe('the plain-ASCII shortcut', () => {
  it('gives every code unit the fold and class the Unicode rules give it', () => {
    for (let c = 0; c < 0x10000; c++) {
      const [fold, cls] = referenceFoldAndClass(c);
      expect.soft([c, foldUnit(c), classOfUnit(c)]).toEqual([c, fold, cls]);
    }
  });

  it('knows U+0300 and later combining marks still as marks', () => {
    expect(classOfUnit(0x0301)).toBe(CharClass.Mark);
    expect(classOfUnit(0x02c6)).not.toBe(CharClass.Mark); // modifier letter circumflex: a letter, not a mark
  });
});
