/**
 * A synthetic HR-system export (fictional people), deterministic for a seed: 30 columns, 16 of them mapped to
 * staff-record fields and 14 the mapping ignores, as an iTrent or Oracle export has. Used by the import
 * benchmark (100,000 rows) and the import fuzz test (a few rows).
 */
import type { Mapping } from '../../lib/csv/mapping';

export const HR_HEADERS = [
  'Employee No',
  'Forename',
  'Surname',
  'Known as',
  'Council',
  'Work email',
  'Job title',
  'Grade',
  'FTE',
  'Contract type',
  'Continuous service date',
  'Line manager',
  'Team',
  'TOM function',
  'TOM team',
  'Service category',
  'Cost centre',
  'Location',
  'Position ID',
  'Working pattern',
  'Contracted hours',
  'Directorate',
  'Division',
  'Payroll area',
  'Pay point',
  'Start date in post',
  'Probation end',
  'Building',
  'Absence scheme',
  'Notes',
] as const;

/** The user's mapping for this export: the first 16 columns fill fields, the rest are ignored. */
export function hrMapping(source = 'hr-export.csv'): Mapping {
  const columns: Mapping['columns'] = {
    'Employee No': 'employeeNumber',
    Forename: 'forename',
    Surname: 'surname',
    'Known as': 'knownAs',
    Council: 'council',
    'Work email': 'emails',
    'Job title': 'jobTitle',
    Grade: 'grade',
    FTE: 'fte',
    'Contract type': 'contractType',
    'Continuous service date': 'continuousServiceDate',
    'Line manager': 'lineManager',
    Team: 'team',
    'TOM function': 'tomFunction',
    'TOM team': 'tomTeam',
    'Service category': 'serviceCategory',
  };
  for (const h of HR_HEADERS.slice(16)) columns[h] = 'ignore';
  return { source, columns, vacantRows: 'keep' };
}

/** mulberry32: a small, fast, seeded generator (same numbers on every machine). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FORENAMES =
  'Ada Adam Aisha Alan Alice Amara Amir Ana Arjun Asha Ava Basil Bea Bruno Carla Chidi Chloe Clara Conor Dalia Dana Deepak Edith Efe Elena Eliza Emeka Erin Esme Ezra Fatima Felix Femi Fiona Freya Gemma Grace Hamza Hana Hazel Hugo Idris Ines Isla Ivan Jada Jamal Jasper Jia Jonah Kai Karim Kate Kiran Kofi Laila Leah Leon Lucy Luka Maeve Malik Mara Marta Maya Mei Nadia Naomi Neha Nina'.split(
    ' ',
  );
const SURNAMES =
  "Abbott Achebe Adams Ahmed Ali Allen Bailey Baker Banerjee Bell Brown Campbell Chen Clarke Cole Costa Cruz Davies Dixon Edwards Evans Fernandes Fisher Ford Garcia Green Gupta Hall Harris Hughes Hussain Igwe Jackson James Jones Kaur Kelly Khan King Kowalski Lee Lewis Martin Mensah Mitchell Moore Murphy Nguyen Novak O'Brien Okafor Owusu Patel Price Quinn Rahman Reid Roberts Rossi Shah Singh Smith Taylor Thomas Turner Walker Ward Watson White Williams Wilson Wright Yilmaz Young".split(
    ' ',
  );
const COUNCILS = ['Camden', 'Haringey', 'Islington'] as const;
const TITLES = [
  'Service Desk Analyst',
  'Network Engineer',
  'Business Analyst',
  'Project Manager',
  'Solutions Architect',
  'Applications Support Officer',
  'Head of Digital',
  'Data Centre Technician',
];
const TEAMS = ['Service Desk', 'Networks', 'Information Security', 'Applications', 'Architecture', 'Programme Office'];
const TOM = ['Digital Change', 'Application Support', 'Common Infrastructure', 'Strategy & Architecture'];
const CATEGORIES = ['Strategic Leadership', 'Transformation', 'Customer Focused IT / ICT Operational'];
const CONTRACTS = ['Permanent', 'Fixed term', 'Casual', 'Agency'];

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface HrRowOptions {
  /** Changes a few mapped fields (job title, team, FTE), as a later export of the same people would. */
  changed?: boolean;
}

/** The cells of row `i` (0-based) of the export for `seed`; employee numbers are 6-digit text with leading zeros. */
export function hrRow(i: number, random: () => number, options: HrRowOptions = {}): string[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const council = COUNCILS[i % 3]!;
  const forename = pick(FORENAMES);
  const surname = pick(SURNAMES);
  const number = String(i + 1).padStart(6, '0');
  // Every random number is drawn whether or not the row is changed, so the other rows stay the same.
  const fteDrawn = pick(['1', '1', '1', '0.8', '0.5']);
  const titleDrawn = pick(TITLES);
  const teamDrawn = pick(TEAMS);
  const fte = options.changed ? '0.6' : fteDrawn;
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
  const year = 1990 + Math.floor(random() * 28);
  const manager = i < 3 ? '' : String(1 + Math.floor(random() * i)).padStart(6, '0');
  return [
    number,
    forename,
    surname,
    random() < 0.1 ? forename.slice(0, 3) : '',
    council,
    `${forename[0]}${surname}${i}@${council.toLowerCase()}.example`.replace(/'/g, '').toLowerCase(),
    options.changed ? 'Senior Service Desk Analyst' : titleDrawn,
    `PO${1 + Math.floor(random() * 8)}`,
    fte,
    pick(CONTRACTS),
    `${day}/${month}/${year}`,
    manager && (i + 1) % 3 === Number(manager) % 3 ? manager : '',
    options.changed ? 'Transformation Office' : teamDrawn,
    pick(TOM),
    pick(TEAMS),
    pick(CATEGORIES),
    `CC${100 + Math.floor(random() * 900)}`,
    pick(['TH', 'CC', 'RPH', '5PS']),
    `P${i}`,
    pick(['FT', 'PT', 'CH']),
    String(18 + Math.floor(random() * 19)),
    'DS',
    pick(['INF', 'DEL', 'STR']),
    pick(['A', 'B']),
    String(20 + Math.floor(random() * 30)),
    '',
    '',
    pick(['F2', 'F3', 'AX']),
    'STD',
    random() < 0.02 ? 'Notes, with a comma' : '',
  ];
}

/**
 * The whole export as text (CRLF, like Excel). `changedEvery`: every n-th row is a changed version
 * (10 gives the 10% of changes of a typical month-on-month export).
 */
export function hrCsv(rows: number, seed: number, changedEvery = 0): string {
  const random = seededRandom(seed);
  const parts: string[] = [HR_HEADERS.join(',')];
  for (let i = 0; i < rows; i++) {
    const changed = changedEvery > 0 && i % changedEvery === 0;
    parts.push(hrRow(i, random, { changed }).map(csvCell).join(','));
  }
  return parts.join('\r\n') + '\r\n';
}
