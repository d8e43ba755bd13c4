import { describe, expect, it } from 'vitest';
import { knownHeaderCount, normaliseHeader, targetForHeader } from '../../../lib/csv/headers';

describe('targetForHeader', () => {
  it.each([
    ['Employee No', 'employeeNumber'],
    ['Emp No.', 'employeeNumber'],
    ['EMPLOYEE NUMBER', 'employeeNumber'],
    ['Person Number', 'employeeNumber'],
    ['Post Unique Reference', 'employeeNumber'],
    ['Forename', 'forename'],
    ['First name', 'forename'],
    ['Given name', 'forename'],
    ['Known as', 'knownAs'],
    ['Preferred name', 'knownAs'],
    ['Surname', 'surname'],
    ['Last name', 'surname'],
    ['Family name', 'surname'],
    ['Name', 'fullName'],
    ['Full name', 'fullName'],
    ['"""Name"""', 'fullName'],
    ['Contact E-mail', 'emails'],
    [' Work email ', 'emails'],
    ['Email', 'emails'],
    ['Organisation', 'council'],
    ['Employer', 'council'],
    ['Council', 'council'],
    ['Reports to', 'lineManager'],
    ['Line manager', 'lineManager'],
    ['Reports to Senior Post', 'lineManager'],
    ['Manager employee number', 'lineManager'],
    ['Unit', 'team'],
    ['Team', 'team'],
    ['Service', 'team'],
    ['Job title', 'jobTitle'],
    ['Job Title', 'jobTitle'],
    ['Grade', 'grade'],
    ['Grade (or equivalent)', 'grade'],
    ['FTE', 'fte'],
    ['Continuous service date', 'continuousServiceDate'],
    ['Contract type', 'contractType'],
  ])('%s → %s', (header, target) => {
    expect(targetForHeader(header)).toBe(target);
  });

  it.each(['Salary Cost of Reports (£)', 'Job/Team Function', 'Valid?', '', 'Contact Phone', 'Notes'])(
    '%s is not a known heading',
    (header) => {
      expect(targetForHeader(header)).toBeUndefined();
    },
  );
});

describe('normaliseHeader', () => {
  it('ignores case, spacing, punctuation and the pound sign', () => {
    expect(normaliseHeader('  Actual Pay Floor (£) ')).toBe('actualpayfloor');
    expect(normaliseHeader('Strategy & Architecture')).toBe('strategyandarchitecture');
  });
});

describe('knownHeaderCount', () => {
  it('counts cells that are known headings', () => {
    expect(knownHeaderCount(['Employee No', 'Surname', 'Shoe size'])).toBe(2);
    expect(knownHeaderCount(['Staff list exported 3 March 2018'])).toBe(0);
  });
});
