import { z } from 'zod';

/**
 * The staff-record fields a column of someone else's CSV file (an HR system export, an organogram return)
 * can fill. `fullName` is not a record field: its value is split into forename and surname.
 */
export const MappingTarget = z.enum([
  'employeeNumber',
  'fullName',
  'forename',
  'surname',
  'knownAs',
  'otherSpellings',
  'emails',
  'council',
  'lineManager',
  'team',
  'jobTitle',
  'grade',
  'fte',
  'contractType',
  'continuousServiceDate',
  'tomFunction',
  'tomTeam',
  'serviceCategory',
]);
export type MappingTarget = z.infer<typeof MappingTarget>;

/** Labels for the mapping screen, in the words an HR officer uses. */
export const mappingTargetLabel: Record<MappingTarget, string> = {
  employeeNumber: 'Employee number',
  fullName: 'Full name (split into first name and surname)',
  forename: 'First name',
  surname: 'Surname',
  knownAs: 'Known as',
  otherSpellings: 'Other spellings of the name',
  emails: 'Work e-mail',
  council: 'Employing council',
  lineManager: "Line manager's employee number",
  team: 'Team',
  jobTitle: 'Job title',
  grade: 'Grade',
  fte: 'FTE',
  contractType: 'Contract type',
  continuousServiceDate: 'Continuous service date',
  tomFunction: 'TOM function',
  tomTeam: 'TOM team',
  serviceCategory: 'Service category',
};

/** Column headings seen in HR exports and organogram returns, by the field they fill. */
const ALIASES: Record<MappingTarget, readonly string[]> = {
  employeeNumber: [
    'Employee No',
    'Emp No',
    'Employee number',
    'Employee ID',
    'Emp number',
    'Staff number',
    'Staff No',
    'Payroll number',
    'Person Number',
    'Post Unique Reference',
  ],
  fullName: ['Name', 'Full name', 'Employee name', 'Staff name'],
  forename: ['Forename', 'Forenames', 'First name', 'Given name'],
  surname: ['Surname', 'Last name', 'Family name'],
  knownAs: ['Known as', 'Preferred name'],
  otherSpellings: ['Other spellings', 'Other names'],
  emails: ['Contact E-mail', 'Work email', 'Email', 'Email address', 'Work email address'],
  council: ['Organisation', 'Organization', 'Employer', 'Council', 'Employing council'],
  lineManager: [
    'Reports to',
    'Line manager',
    'Reports to Senior Post',
    'Reporting Senior Post',
    'Manager employee number',
    'Line manager employee number',
  ],
  team: ['Unit', 'Team', 'Service'],
  jobTitle: ['Job title', 'Post title'],
  grade: ['Grade', 'Grade (or equivalent)', 'Pay grade'],
  fte: ['FTE', 'Full time equivalent'],
  contractType: ['Contract type', 'Employment type'],
  continuousServiceDate: [
    'Continuous service date',
    'Continuous service start date',
    'Date of continuous service',
    'Continuous employment date',
    'CSD',
  ],
  tomFunction: ['TOM function', 'Target function'],
  tomTeam: ['TOM team', 'Target team'],
  serviceCategory: ['Service category'],
};

/**
 * Case, spacing and punctuation do not matter in a heading: `" Contact E-mail "`, `"Salary Cost of Reports (£)"`
 * and a heading wrapped in tripled quotes all compare by their letters and digits.
 */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '');
}

const BY_NORMALISED = new Map<string, MappingTarget>();
for (const target of MappingTarget.options) {
  for (const alias of ALIASES[target]) BY_NORMALISED.set(normaliseHeader(alias), target);
}

/** The field a heading fills, or undefined when it is not a heading we know. */
export function targetForHeader(header: string): MappingTarget | undefined {
  return BY_NORMALISED.get(normaliseHeader(header));
}

/** How many cells of a row read as known column headings: used to find the heading row under title lines. */
export function knownHeaderCount(cells: readonly string[]): number {
  let n = 0;
  for (const cell of cells) if (targetForHeader(cell)) n++;
  return n;
}
