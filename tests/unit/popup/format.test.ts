import { describe, expect, it } from 'vitest';
import { councilLetter, councilName, readinessName } from '../../../lib/domain';
import {
  councilInitial,
  councilLabel,
  employeeNumberOf,
  fiveFacts,
  isSearchable,
  longDate,
  pensionText,
  readinessLabel,
  tomText,
} from '../../../entrypoints/popup/format';
import { card } from './fixtures';

describe('popup labels', () => {
  it('repeat the domain labels exactly (the popup avoids importing the domain at run time)', () => {
    expect(councilLabel).toEqual(councilName);
    expect(councilInitial).toEqual(councilLetter);
    expect(readinessLabel).toEqual(readinessName);
  });
});

describe('fiveFacts', () => {
  it('lists the five facts in order, in plain words', () => {
    expect(fiveFacts(card())).toEqual([
      { label: 'Employing council', value: 'Haringey' },
      { label: 'Section 113', value: 'Section 113 confirmed as continuing' },
      { label: 'Planned transfer', value: 'Transfers to Camden on 1 April 2018 (TUPE)' },
      { label: 'TOM function', value: 'Common Infrastructure: Networks' },
      { label: 'Pension', value: 'Pension checklist: 10 of 12 done' },
    ]);
  });

  it('says when there is no plan, no TOM function or nothing left to do', () => {
    const facts = fiveFacts(
      card({ transfer: undefined, tom: {}, pension: { outstanding: [], applicable: 7, done: 7 } }),
    ).map((f) => f.value);
    expect(facts).toContain('No transfer plan set');
    expect(facts).toContain('No TOM function assigned');
    expect(facts).toContain('Pension checklist complete (7 of 7)');
    expect(tomText({ functionName: 'Digital Change' })).toBe('Digital Change');
    expect(pensionText({ outstanding: [], applicable: 0, done: 0 })).toBe('Pension checklist: no items apply');
  });
});

describe('small helpers', () => {
  it('takes the employee number from a key', () => {
    expect(employeeNumberOf('islington:I-0042')).toBe('I-0042');
    expect(employeeNumberOf('odd')).toBe('odd');
  });

  it('searches from two letters or any digit', () => {
    expect(isSearchable('a')).toBe(false);
    expect(isSearchable('  ')).toBe(false);
    expect(isSearchable('ab')).toBe(true);
    expect(isSearchable('7')).toBe(true);
  });

  it('writes dates the GOV.UK way', () => {
    expect(longDate('2018-04-01')).toBe('1 April 2018');
    expect(longDate('2018-13-01')).toBe('2018-13-01');
  });
});
