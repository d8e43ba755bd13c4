/**
 * Deterministic generator of the FICTIONAL demo register: about 460 made-up Shared Digital staff across
 * Camden, Haringey and Islington, with e-mail addresses at `.example` domains.
 *
 * FTE: the non-vacant people reproduce DOMAIN.md's baseline table exactly, by council and service category
 * (sums are kept in whole tenths, so there is no rounding error). The table's cells add up to 404.8 FTE
 * (council totals 138.1 + 175.0 + 91.7); its printed grand total 404.7 and "Customer Focused IT" total 264.8
 * are 0.1 lower than their cells (96.7 + 110.2 + 58.0 = 264.9) in the source, so the cells are what we match. Vacant posts carry the FTE of the post
 * (1.0) but are NOT part of the baseline: the baseline counts people in post.
 */
import {
  type Council,
  type PensionItem,
  type PensionItemId,
  type PensionSection,
  type PersonTransfer,
  type Representation,
  type ServiceCategory,
  type StaffRecord,
  type TomFunction,
  COUNCILS,
  ELI_ITEMS,
  PENSION_ITEMS,
  StaffRecord as StaffRecordSchema,
  addDays,
  staffKey,
  tomFunctionName,
  tomTeams,
} from '../domain';
import { FORENAMES, KNOWN_AS, SURNAMES } from './names';
import { DEMO_PLAN, DEMO_TODAY } from './plan';
import { type Rng, createRng } from './prng';

export const DEMO_SEED = 20180223;

/** DOMAIN.md baseline FTE in scope, in tenths of an FTE. */
export const BASELINE_FTE_TENTHS: Record<Council, Record<ServiceCategory, number>> = {
  islington: {
    'strategic-leadership': 60,
    transformation: 175,
    'customer-focused-it': 967,
    'architecture-planning-policy': 179,
  },
  camden: {
    'strategic-leadership': 60,
    transformation: 448,
    'customer-focused-it': 1102,
    'architecture-planning-policy': 140,
  },
  haringey: {
    'strategic-leadership': 80,
    transformation: 130,
    'customer-focused-it': 580,
    'architecture-planning-policy': 127,
  },
};

const CATEGORIES: readonly ServiceCategory[] = [
  'strategic-leadership',
  'transformation',
  'customer-focused-it',
  'architecture-planning-policy',
];

const DOMAIN: Record<Council, string> = {
  camden: 'camden.example',
  haringey: 'haringey.example',
  islington: 'islington.example',
};

/** People whose names test the matcher: shared names, apostrophes, hyphens, accents, known-as names. */
interface Special {
  council: Council;
  category: ServiceCategory;
  forename: string;
  surname: string;
  knownAs?: string;
  otherSpellings?: string[];
}

export const SPECIAL_PEOPLE: readonly Special[] = [
  { council: 'haringey', category: 'customer-focused-it', forename: 'John', surname: 'Smith' },
  { council: 'islington', category: 'customer-focused-it', forename: 'John', surname: 'Smith' },
  { council: 'camden', category: 'transformation', forename: 'Jane', surname: 'Smith' },
  {
    council: 'haringey',
    category: 'customer-focused-it',
    forename: 'Siobhán',
    surname: "O'Neill",
    otherSpellings: ["Siobhan O'Neill"],
  },
  { council: 'islington', category: 'transformation', forename: 'Amy', surname: 'Smith-Jones' },
  {
    council: 'camden',
    category: 'architecture-planning-policy',
    forename: 'Zoë',
    surname: 'Müller',
    otherSpellings: ['Zoe Muller', 'Zoe Mueller'],
  },
  {
    council: 'islington',
    category: 'customer-focused-it',
    forename: 'José',
    surname: 'Núñez',
    otherSpellings: ['Jose Nunez'],
  },
  {
    council: 'haringey',
    category: 'architecture-planning-policy',
    forename: 'Seán',
    surname: 'Ó Briain',
    otherSpellings: ["Sean O'Brien"],
  },
  {
    council: 'islington',
    category: 'customer-focused-it',
    forename: 'Chloé',
    surname: "D'Souza",
    otherSpellings: ["Chloe D'Souza"],
  },
  { council: 'camden', category: 'customer-focused-it', forename: 'Ann', surname: 'Lee' },
  { council: 'camden', category: 'customer-focused-it', forename: 'Robert', surname: 'Hughes', knownAs: 'Bob' },
  {
    council: 'islington',
    category: 'architecture-planning-policy',
    forename: 'Margaret',
    surname: 'Okonkwo',
    knownAs: 'Maggie',
  },
  { council: 'haringey', category: 'transformation', forename: 'Olusegun', surname: 'Adeyemi', knownAs: 'Segun' },
  { council: 'islington', category: 'customer-focused-it', forename: 'Mary-Kate', surname: 'Fitzgerald' },
];

const JOB_TITLES: Record<TomFunction, readonly string[]> = {
  'digital-change': [
    'Business Partner',
    'Business Analyst',
    'Senior Business Analyst',
    'Project Manager',
    'Programme Manager',
    'Change Manager',
    'Trainer',
    'Service Designer',
    'User Researcher',
    'Developer',
  ],
  'application-support': [
    'Application Support Analyst',
    'Senior Application Support Analyst',
    'Applications Developer',
    'DevOps Engineer',
    'Database Administrator',
    'Integration Developer',
  ],
  'common-infrastructure': [
    'Service Desk Analyst',
    'Service Desk Analyst',
    'Desktop Support Engineer',
    'Network Engineer',
    'Infrastructure Engineer',
    'Security Analyst',
    'Data Centre Technician',
    'Telephony Engineer',
  ],
  'strategy-architecture': [
    'Enterprise Architect',
    'Solution Architect',
    'Portfolio Officer',
    'Procurement and Vendor Manager',
    'Research Analyst',
    'Resource Planner',
  ],
};

const GRADES: Record<Council, { staff: readonly string[]; lead: readonly string[]; senior: readonly string[] }> = {
  camden: {
    staff: ['Level 3 Zone 1', 'Level 3 Zone 2', 'Level 3 Zone 3', 'Level 4 Zone 1', 'Level 4 Zone 2'],
    lead: ['Level 4 Zone 3', 'Level 5 Zone 1'],
    senior: ['Level 5 Zone 2', 'Level 5 Zone 3', 'Level 6 Zone 1'],
  },
  haringey: {
    staff: ['SO1', 'SO2', 'PO1', 'PO2', 'PO3'],
    lead: ['PO4', 'PO5'],
    senior: ['PO7', 'PO8', 'SM2'],
  },
  islington: {
    staff: ['P1', 'P2', 'P3', 'P4'],
    lead: ['P5', 'P6'],
    senior: ['SMG1', 'SMG2', 'SMG3'],
  },
};

const REPRESENTATION: Record<Council, readonly [Representation, number][]> = {
  camden: [
    ['unison', 45],
    ['gmb', 20],
    ['unite', 15],
    ['elected', 5],
    ['none', 15],
  ],
  haringey: [
    ['unison', 50],
    ['gmb', 25],
    ['unite', 10],
    ['none', 15],
  ],
  islington: [
    ['unison', 40],
    ['unite', 30],
    ['elected', 15],
    ['none', 15],
  ],
};

const NOT_IN_SCOPE_REASONS = [
  'Not assigned to the transferring service: works mainly for the schools traded service',
  'Long-term absence: not expected to return to this work (assignment, TUPE reg 2)',
  'Fixed-term contract ends before the transfer date',
  'Temporary placement with Shared Digital only (not assigned)',
];

const ASSIGNED_BASIS = [
  'Works wholly in the shared service',
  'Spends most of their working time on Shared Digital work',
  'Placed with Shared Digital under Section 113 since 2016 and works only for it',
];

const DISPUTED_BASIS = [
  'Splits time between the schools traded service and Shared Digital (about 40% shared service); needs a judgement',
  'Says their role is mainly council-specific work outside the shared service',
  'On secondment to a council project; manager and employee disagree about assignment',
];

type Role = 'root' | 'head' | 'team-head' | 'lead' | 'staff' | 'vacant';

interface Draft {
  council: Council;
  category: ServiceCategory;
  tenths: number;
  role: Role;
  tomFunction?: TomFunction;
  tomTeam?: string;
  employeeNumber: string;
  forename: string;
  surname: string;
  knownAs?: string;
  otherSpellings: string[];
  lineManager?: string;
}

/** Splits `target` tenths among `n` people, starting from full time and cutting some to 0.9, 0.8, 0.7, 0.6 or 0.5. */
export function allocateTenths(rng: Rng, target: number, n: number, fullTimeFirst = 0): number[] {
  const out = Array.from({ length: n }, () => 10);
  let deficit = 10 * n - target;
  if (deficit < 0) throw new Error(`Cannot reach ${target} tenths with ${n} people`);
  const order = rng.shuffle(Array.from({ length: n - fullTimeFirst }, (_, i) => i + fullTimeFirst));
  if (deficit > 5 * order.length) throw new Error(`Cannot reach ${target} tenths with ${n} people`);
  for (const [k, i] of order.entries()) {
    if (deficit === 0) break;
    // Never cut below 0.5, and leave no more than the people still to come can absorb.
    const least = deficit - 5 * (order.length - k - 1);
    const cuts = [5, 4, 2, 2, 1, 3].filter((c) => c <= deficit && c >= least);
    const cut = rng.pick(cuts);
    out[i] = 10 - cut;
    deficit -= cut;
  }
  if (deficit !== 0) throw new Error(`Could not split ${target} tenths among ${n} people`);
  return out;
}

function weighted<T>(rng: Rng, options: readonly (readonly [T, number])[]): T {
  const total = options.reduce((s, [, w]) => s + w, 0);
  let r = rng.next() * total;
  for (const [v, w] of options) {
    r -= w;
    if (r < 0) return v;
  }
  return options[options.length - 1]![0];
}

/** Lower-case ASCII for e-mail addresses: accents, apostrophes and spaces dropped. */
export function asciiFold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z-]/g, '');
}

function categoryFunctions(category: ServiceCategory): TomFunction[] {
  switch (category) {
    case 'transformation':
      return ['digital-change'];
    case 'customer-focused-it':
      return ['application-support', 'common-infrastructure'];
    case 'architecture-planning-policy':
      return ['strategy-architecture'];
    default:
      return [];
  }
}

function teamTitle(team: string, lead: 'head' | 'lead'): string {
  const m = /^(Service Lead|Portfolio): (.+)$/.exec(team);
  if (m)
    return lead === 'head'
      ? `${m[1] === 'Portfolio' ? 'Portfolio Lead' : 'Service Lead'}, ${m[2]}`
      : `Team leader, ${team}`;
  return lead === 'head' ? `Head of ${team}` : `Team leader, ${team}`;
}

function date(rng: Rng, from: string, to: string): string {
  const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  return addDays(from, rng.int(0, span));
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

/** The whole demo register, in a stable order (council, surname, forename, employee number). */
export function generateDemoStaff(seed: number = DEMO_SEED): StaffRecord[] {
  const rng = createRng(seed);
  const usedNumbers = new Set<string>();
  const employeeNumber = (council: Council, vacant = false): string => {
    for (;;) {
      const n =
        council === 'camden'
          ? `C${vacant ? 'V' : ''}${rng.int(10000, 19999)}`
          : council === 'haringey'
            ? `H${vacant ? 'V' : ''}${rng.int(20000, 29999)}`
            : `${vacant ? 'V' : ''}${rng.int(700000, 799999)}`;
      if (!usedNumbers.has(`${council}:${n}`)) {
        usedNumbers.add(`${council}:${n}`);
        return n;
      }
    }
  };

  // 1. People in post, with FTE that sums exactly to the baseline.
  const groups = new Map<string, Draft[]>();
  const drafts: Draft[] = [];
  for (const council of COUNCILS) {
    for (const category of CATEGORIES) {
      const target = BASELINE_FTE_TENTHS[council][category];
      const n = Math.ceil(target / 9);
      const tenths = allocateTenths(rng, target, n, category === 'strategic-leadership' ? 2 : 0);
      const group = tenths.map((t): Draft => ({
        council,
        category,
        tenths: t,
        role: 'staff',
        employeeNumber: employeeNumber(council),
        forename: '',
        surname: '',
        otherSpellings: [],
      }));
      groups.set(`${council}/${category}`, group);
      drafts.push(...group);
    }
  }
  const group = (c: Council, cat: ServiceCategory) => groups.get(`${c}/${cat}`)!;

  // 2. Leadership: one head of service, four heads of function, heads of teams.
  const root = group('camden', 'strategic-leadership')[0]!;
  root.role = 'root';
  const heads: Record<TomFunction, Draft> = {
    'digital-change': group('islington', 'strategic-leadership')[0]!,
    'application-support': group('haringey', 'strategic-leadership')[0]!,
    'common-infrastructure': group('camden', 'strategic-leadership')[1]!,
    'strategy-architecture': group('islington', 'strategic-leadership')[1]!,
  };
  for (const [f, d] of Object.entries(heads) as [TomFunction, Draft][]) {
    d.role = 'head';
    d.tomFunction = f;
  }
  const allTeams = (Object.keys(tomTeams) as TomFunction[]).flatMap((f) => tomTeams[f].map((team) => ({ f, team })));
  const leadOf = new Map<string, Draft>();
  const otherLeaders = rng.shuffle(drafts.filter((d) => d.category === 'strategic-leadership' && d.role === 'staff'));
  const teamsForHeads = rng.shuffle(allTeams);
  otherLeaders.forEach((d, i) => {
    const t = teamsForHeads[i % teamsForHeads.length]!;
    d.role = 'team-head';
    d.tomFunction = t.f;
    d.tomTeam = t.team;
    if (!leadOf.has(t.team)) leadOf.set(t.team, d);
  });

  // 3. Everyone else into a team of their category's function(s); each team gets at least one person.
  for (const category of CATEGORIES) {
    const fs = categoryFunctions(category);
    if (fs.length === 0) continue;
    const teams = fs.flatMap((f) => tomTeams[f].map((team) => ({ f, team })));
    const people = rng.shuffle(COUNCILS.flatMap((c) => group(c, category)));
    people.forEach((d, i) => {
      const t =
        i < teams.length
          ? teams[i]!
          : weighted(
              rng,
              teams.map((x) => [x, x.team === 'Shared Service Centre' ? 5 : x.f === 'common-infrastructure' ? 2 : 1]),
            );
      d.tomFunction = t.f;
      d.tomTeam = t.team;
      if (!leadOf.has(t.team)) {
        leadOf.set(t.team, d);
        d.role = 'lead';
      }
    });
  }

  // 4. Vacant posts (not part of the baseline FTE).
  const vacantTeams = ['Shared Service Centre', 'Networks', 'Business Analysts', 'Information Security', 'Research'];
  const vacancies: Draft[] = vacantTeams.map((team, i) => {
    const f = (Object.keys(tomTeams) as TomFunction[]).find((x) => tomTeams[x].includes(team))!;
    const council = COUNCILS[i % COUNCILS.length]!;
    const category: ServiceCategory =
      f === 'digital-change'
        ? 'transformation'
        : f === 'strategy-architecture'
          ? 'architecture-planning-policy'
          : 'customer-focused-it';
    return {
      council,
      category,
      tenths: 10,
      role: 'vacant',
      tomFunction: f,
      tomTeam: team,
      employeeNumber: employeeNumber(council, true),
      forename: '',
      surname: '',
      otherSpellings: [],
    };
  });
  vacancies.push({ ...vacancies[0]!, council: 'islington', employeeNumber: employeeNumber('islington', true) });

  // 5. Names: the special people first (never as leaders), then unique random names.
  const usedNames = new Set<string>();
  for (const s of SPECIAL_PEOPLE) {
    const d = group(s.council, s.category).find((x) => x.role === 'staff' && !x.surname)!;
    d.forename = s.forename;
    d.surname = s.surname;
    d.knownAs = s.knownAs;
    d.otherSpellings = s.otherSpellings ?? [];
    usedNames.add(`${s.forename} ${s.surname}`);
  }
  for (const d of drafts) {
    if (d.surname) continue;
    for (;;) {
      const forename = rng.pick(FORENAMES);
      const surname = rng.pick(SURNAMES);
      if (usedNames.has(`${forename} ${surname}`)) continue;
      usedNames.add(`${forename} ${surname}`);
      d.forename = forename;
      d.surname = surname;
      const short = KNOWN_AS[forename];
      if (short && rng.chance(0.5)) d.knownAs = short;
      break;
    }
  }

  // 6. Line managers: a tree from the head of service down.
  for (const d of [...drafts, ...vacancies]) {
    if (d.role === 'root') continue;
    if (d.role === 'head') d.lineManager = staffKey(root.council, root.employeeNumber);
    else if (d.role === 'team-head' || d.role === 'lead') {
      const h = heads[d.tomFunction!];
      d.lineManager = staffKey(h.council, h.employeeNumber);
    } else {
      const lead = leadOf.get(d.tomTeam!)!;
      d.lineManager = staffKey(lead.council, lead.employeeNumber);
    }
  }

  // 7. Readiness stories for the transferring councils' people in post.
  const transferring = rng.shuffle(
    drafts.filter((d) => DEMO_PLAN.transferors.includes(d.council) && d.role !== 'root'),
  );
  const story = new Map<Draft, Story>();
  const forced: Story[] = [
    'objection',
    'objection',
    'objection-withdrawn',
    'disputed',
    'disputed',
    'disputed',
    'disputed',
    'substantial-change',
    'no-tom',
    'no-tom',
  ];
  // The fixed stories go to people without a leadership role, so the tree stays plausible.
  let next = 0;
  for (const d of transferring) {
    if (d.role === 'staff' && next < forced.length) story.set(d, forced[next++]!);
    else story.set(d, pickStory(rng));
  }

  const usedEmails = new Set<string>();
  const records = [...drafts, ...vacancies].map((d) => buildRecord(rng, d, story.get(d) ?? 'host', usedEmails));
  return records.sort(compareRecords);
}

export function compareRecords(a: StaffRecord, b: StaffRecord): number {
  const ka = [a.council, a.surname, a.forename, a.employeeNumber];
  const kb = [b.council, b.surname, b.forename, b.employeeNumber];
  for (let i = 0; i < ka.length; i++) {
    if (ka[i]! < kb[i]!) return -1;
    if (ka[i]! > kb[i]!) return 1;
  }
  return 0;
}

type Story =
  | 'host'
  | 'ready'
  | 'objection-withdrawn'
  | 'risk-eli-partial'
  | 'risk-eli-none'
  | 'risk-not-informed'
  | 'under-review'
  | 'disputed'
  | 'objection'
  | 'substantial-change'
  | 'blocked-pension'
  | 'blocked-s113'
  | 'no-tom'
  | 'not-assessed'
  | 'not-in-scope';

function pickStory(rng: Rng): Story {
  return weighted<Story>(rng, [
    ['ready', 36],
    ['risk-eli-partial', 10],
    ['risk-eli-none', 8],
    ['risk-not-informed', 6],
    ['under-review', 4],
    ['blocked-pension', 13],
    ['blocked-s113', 7],
    ['not-assessed', 5],
    ['disputed', 2],
    ['not-in-scope', 5],
  ]);
}

function buildRecord(rng: Rng, d: Draft, s: Story, usedEmails: Set<string>): StaffRecord {
  const vacant = d.role === 'vacant';
  const senior = d.role === 'root' || d.role === 'head' || d.role === 'team-head';
  const jobTitle =
    d.role === 'root'
      ? 'Chief Digital and Information Officer'
      : d.role === 'head'
        ? `Head of ${tomFunctionName[d.tomFunction!]}`
        : d.role === 'team-head'
          ? teamTitle(d.tomTeam!, 'head')
          : d.role === 'lead'
            ? teamTitle(d.tomTeam!, 'lead')
            : rng.pick(JOB_TITLES[d.tomFunction!]);
  const grades = GRADES[d.council];
  const grade = rng.pick(senior ? grades.senior : d.role === 'lead' ? grades.lead : grades.staff);
  const csd = date(rng, senior ? '1988-01-01' : '1990-01-01', '2017-06-30');
  const contractType = senior
    ? 'permanent'
    : weighted(rng, [
        ['permanent', 90],
        ['fixed-term', 8],
        ['casual', 2],
      ] as const);

  const base = {
    council: d.council,
    employeeNumber: d.employeeNumber,
    forename: d.forename,
    surname: d.surname,
    jobTitle,
    grade,
    fte: d.tenths / 10,
    tomFunction: d.tomFunction,
    tomTeam: d.tomTeam,
    team:
      d.tomTeam ?? (d.role === 'root' ? 'Shared Digital leadership' : `${tomFunctionName[d.tomFunction!]} leadership`),
    serviceCategory: d.category,
    lineManager: d.lineManager,
  };
  if (vacant) {
    return StaffRecordSchema.parse({
      ...base,
      vacant: true,
      jobTitle: `${rng.pick(JOB_TITLES[d.tomFunction!])} (vacant post)`,
    });
  }

  const emails = [emailFor(d.forename, d.surname, d.council, usedEmails)];
  if (d.knownAs || rng.chance(0.08)) {
    const alias = `${asciiFold(d.knownAs ?? d.forename).slice(0, 1)}${asciiFold(d.surname)}@${DOMAIN[d.council]}`;
    if (!usedEmails.has(alias)) {
      usedEmails.add(alias);
      emails.push(alias);
    }
  }
  const otherSpellings = [...d.otherSpellings];
  const folded = `${d.forename.normalize('NFD').replace(/[\u0300-\u036f]/g, '')} ${d.surname
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')}`;
  if (folded !== `${d.forename} ${d.surname}` && !otherSpellings.includes(folded)) otherSpellings.push(folded);

  // Section 113: consulted, then a notice at inception (or on joining), then confirmed as continuing.
  const consulted = maxDate('2016-09-15', addDays(csd, 7));
  const s113 = {
    placed: true,
    agreementRef: `SD-S113-${d.council.slice(0, 3).toUpperCase()}`,
    consulted,
    noticeIssued: addDays(consulted, 14),
    confirmedContinuing: s === 'blocked-s113' ? undefined : '2017-11-20',
  };

  const section: PensionSection = weighted(rng, [
    ['main', 88],
    ['50-50', 6],
    ['opted-out', 4],
    ['not-eligible', contractType === 'casual' ? 50 : 0],
  ] as const);
  const pension = {
    membershipNumber:
      section === 'not-eligible'
        ? undefined
        : `${{ camden: 'CPF', haringey: 'HPF', islington: 'ICPF' }[d.council]}${rng.int(100000, 999999)}`,
    section,
    items: pensionItems(rng, d.council, s, section, csd),
  };

  const representation = weighted(rng, REPRESENTATION[d.council]);
  const transfer = transferFor(rng, d, s, representation);
  const noTom = s === 'no-tom';

  return StaffRecordSchema.parse({
    ...base,
    knownAs: d.knownAs,
    otherSpellings,
    emails,
    contractType,
    continuousServiceDate: csd,
    tomFunction: noTom ? undefined : base.tomFunction,
    tomTeam: noTom ? undefined : base.tomTeam,
    s113,
    pension,
    transfers: [transfer],
  });
}

function emailFor(forename: string, surname: string, council: Council, used: Set<string>): string {
  const local = `${asciiFold(forename)}.${asciiFold(surname)}`;
  for (let n = 1; ; n++) {
    const e = `${local}${n === 1 ? '' : n}@${DOMAIN[council]}`;
    if (!used.has(e)) {
      used.add(e);
      return e;
    }
  }
}

const DONE_FROM = '2018-01-08';

function pensionItems(
  rng: Rng,
  council: Council,
  s: Story,
  section: PensionSection,
  csd: string,
): Partial<Record<PensionItemId, PensionItem>> {
  const items: Partial<Record<PensionItemId, PensionItem>> = {};
  const done = (note?: string): PensionItem => ({ state: 'done', date: date(rng, DONE_FROM, DEMO_TODAY), note });
  const na = (note?: string): PensionItem => ({ state: 'not-applicable', note });
  if (council === 'camden') {
    // Staying in the Camden fund: a light check only; items 2, 6, 7, 9 and 12 do not apply.
    items['fund-confirmed'] = done();
    if (rng.chance(0.5)) items['continuous-service'] = done();
    if (rng.chance(0.3)) items['bulk-transfer'] = na('Stays in the Camden Pension Fund');
    return items;
  }
  if (section === 'opted-out' || section === 'not-eligible') {
    for (const { id } of PENSION_ITEMS) items[id] = na(section === 'opted-out' ? 'Opted out of the LGPS' : undefined);
    items['fund-confirmed'] = done(section === 'opted-out' ? 'Opted out; opt-out form on file' : 'Not eligible');
    items['continuous-service'] = done();
  } else {
    for (const { id } of PENSION_ITEMS) items[id] = done();
    if (csd >= '2006-10-01') items['rule-of-85'] = na('Joined after 1 October 2006');
    if (csd >= '2012-04-01') items['mccloud'] = na('Joined after 1 April 2012');
    if (rng.chance(0.7)) items['avcs'] = na('No AVCs');
    if (rng.chance(0.85)) items['additional-pension'] = na('No additional pension contracts');
    items['ill-health'] = { ...items['ill-health']!, note: 'Nothing pending' };
  }
  const leaveOut = (n: number) => {
    const ids = rng.shuffle(PENSION_ITEMS.map((i) => i.id)).slice(0, n);
    for (const id of ids) {
      if (items[id]?.state === 'done') delete items[id];
    }
    // Make sure at least one item is really outstanding.
    if (!ids.some((id) => items[id] === undefined)) delete items['combine-letter'];
  };
  if (s === 'blocked-pension' || s === 'substantial-change') leaveOut(rng.int(1, 4));
  else if (s.startsWith('risk-') || s === 'under-review') {
    if (rng.chance(0.5)) leaveOut(rng.int(1, 6));
  } else if (s === 'not-in-scope' || s === 'disputed' || s === 'objection') {
    if (rng.chance(0.6)) leaveOut(rng.int(2, 8));
  }
  return items;
}

function transferFor(rng: Rng, d: Draft, s: Story, representation: Representation): PersonTransfer {
  const planId = DEMO_PLAN.id;
  if (s === 'host') {
    return {
      planId,
      scope: 'not-in-scope',
      notInScopeReason: 'Already employed by Camden, the host employer',
      assignment: 'not-assessed',
      affected: rng.chance(0.85),
      representation,
      eliSent: {},
      informed: rng.chance(0.6) ? date(rng, '2018-02-01', DEMO_TODAY) : undefined,
      outcome: 'not-transferring',
    };
  }
  if (s === 'not-in-scope') {
    return {
      planId,
      scope: 'not-in-scope',
      notInScopeReason: rng.pick(NOT_IN_SCOPE_REASONS),
      assignment: 'not-assigned',
      affected: true,
      representation,
      eliSent: {},
      informed: date(rng, '2018-02-01', DEMO_TODAY),
      outcome: 'pending',
    };
  }
  // A complete record first; each story then takes something away.
  const eliDate = date(rng, '2018-02-01', '2018-02-22');
  const informed = date(rng, '2018-02-01', eliDate);
  const t: PersonTransfer = {
    planId,
    scope: 'in-scope',
    assignment: 'assigned',
    assignmentBasis: rng.pick(ASSIGNED_BASIS),
    affected: true,
    representation,
    eliSent: Object.fromEntries(ELI_ITEMS.map((i) => [i.id, eliDate])) as PersonTransfer['eliSent'],
    informed,
    letterSent: addDays(informed, 1),
    meetingHeld: rng.chance(0.5) ? date(rng, addDays(informed, 1), DEMO_TODAY) : undefined,
    outcome: 'pending',
  };
  switch (s) {
    case 'risk-eli-partial': {
      const missing = rng.shuffle(['disciplinary', 'claims', 'collective'] as const).slice(0, rng.int(1, 3));
      for (const id of missing) delete t.eliSent[id];
      break;
    }
    case 'risk-eli-none':
      t.eliSent = {};
      t.letterSent = undefined;
      t.meetingHeld = undefined;
      break;
    case 'risk-not-informed':
      t.informed = undefined;
      t.letterSent = undefined;
      t.meetingHeld = undefined;
      break;
    case 'under-review':
      t.scope = 'under-review';
      t.assignment = 'not-assessed';
      t.assignmentBasis = undefined;
      t.eliSent = {};
      t.letterSent = undefined;
      t.meetingHeld = undefined;
      break;
    case 'disputed':
      t.assignment = 'disputed';
      t.assignmentBasis = rng.pick(DISPUTED_BASIS);
      if (rng.chance(0.5)) t.eliSent = {};
      break;
    case 'not-assessed':
      t.assignment = 'not-assessed';
      t.assignmentBasis = undefined;
      break;
    case 'objection':
      t.objection = date(rng, '2018-02-12', DEMO_TODAY);
      break;
    case 'objection-withdrawn':
      t.objection = '2018-02-09';
      t.objectionWithdrawn = '2018-02-19';
      break;
    case 'substantial-change':
      t.substantialChangeClaim = date(rng, '2018-02-12', DEMO_TODAY);
      break;
    default:
      break;
  }
  return t;
}
