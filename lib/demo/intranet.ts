/**
 * The fictional "Shared Digital intranet" demo page: a team directory, a news item and an HR-system-like table
 * that name about 40 demo staff in the forms people meet on real pages. Built from the generated register so
 * the names stay in step with `staff.csv`; `mentions` says which staff key each mention should resolve to.
 */
import { type StaffRecord, councilName, keyOf } from '../domain';
import { SPECIAL_PEOPLE } from './generate';
import { createRng } from './prng';

/** The same words as the name matcher's kinds (lib/match). */
export type MentionKind =
  'full-name' | 'known-as' | 'surname-first' | 'other-spelling' | 'initial' | 'email' | 'employee-number';

export type PageSection = 'directory' | 'news' | 'hr-table';

export interface Mention {
  /** The text exactly as it appears on the page (after collapsing white space). */
  text: string;
  kind: MentionKind;
  section: PageSection;
  /** Staff keys the mention should resolve to: one, or several when the name is ambiguous. */
  keys: string[];
}

export interface IntranetPage {
  html: string;
  mentions: Mention[];
  /** Words on the page that look a little like names but must not be matched. */
  mustNotMatch: string[];
}

const INTRANET_SEED = 4_2017;

/** Accent-, case- and apostrophe-insensitive form used to check which people a mention names. */
export function demoFold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function forms(r: StaffRecord, kind: MentionKind): string[] {
  switch (kind) {
    case 'full-name':
      return [`${r.forename} ${r.surname}`];
    case 'known-as':
      return r.knownAs ? [`${r.knownAs} ${r.surname}`] : [];
    case 'surname-first':
      return [`${r.surname}, ${r.forename}`, ...(r.knownAs ? [`${r.surname}, ${r.knownAs}`] : [])];
    case 'other-spelling':
      return r.otherSpellings;
    case 'initial':
      return [r.forename, r.knownAs ?? ''].filter(Boolean).map((f) => `${f.slice(0, 1)}. ${r.surname}`);
    case 'email':
      return r.emails;
    case 'employee-number':
      return [r.employeeNumber];
  }
}

/** Keys of everyone in post who carries `text` in the form `kind`. */
export function peopleWithForm(records: readonly StaffRecord[], kind: MentionKind, text: string): string[] {
  const want = demoFold(text);
  return records.filter((r) => !r.vacant && forms(r, kind).some((f) => demoFold(f) === want)).map((r) => keyOf(r));
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const curly = (s: string) => s.replace(/'/g, '\u2019');

export function buildIntranetPage(records: readonly StaffRecord[]): IntranetPage {
  const rng = createRng(INTRANET_SEED);
  const inPost = records.filter((r) => !r.vacant);
  const mentions: Mention[] = [];
  const used = new Set<string>();
  const find = (forename: string, surname: string, council?: string) => {
    const r = inPost.find(
      (x) => x.forename === forename && x.surname === surname && (council === undefined || x.council === council),
    );
    if (!r) throw new Error(`Demo person ${forename} ${surname} is missing`);
    used.add(keyOf(r));
    return r;
  };
  const mention = (text: string, kind: MentionKind, section: PageSection): string => {
    const keys = peopleWithForm(records, kind, text);
    if (keys.length === 0) throw new Error(`No demo person for "${text}" (${kind})`);
    mentions.push({ text, kind, section, keys });
    return esc(text);
  };
  // People whose plain names are not special cases, in a stable random order.
  const special = new Set(SPECIAL_PEOPLE.map((p) => `${p.forename} ${p.surname}`));
  const pool = rng.shuffle(inPost.filter((r) => !special.has(`${r.forename} ${r.surname}`) && !r.knownAs));
  const take = (ok: (r: StaffRecord) => boolean = () => true): StaffRecord => {
    const r = pool.find((x) => !used.has(keyOf(x)) && ok(x));
    if (!r) throw new Error('Ran out of demo people for the intranet page');
    used.add(keyOf(r));
    return r;
  };
  const uniqueInitial = (r: StaffRecord) =>
    peopleWithForm(records, 'initial', `${r.forename.slice(0, 1)}. ${r.surname}`).length === 1;

  // Team directory: cards with name (as written, known-as or with a curly apostrophe) and e-mail.
  const cardPeople: { r: StaffRecord; name: string; kind: MentionKind }[] = [
    { r: find('Siobhán', "O'Neill"), name: curly("Siobhán O'Neill"), kind: 'full-name' },
    { r: find('Zoë', 'Müller'), name: 'Zoë Müller', kind: 'full-name' },
    { r: find('José', 'Núñez'), name: 'José Núñez', kind: 'full-name' },
    { r: find('Amy', 'Smith-Jones'), name: 'Amy Smith-Jones', kind: 'full-name' },
    { r: find('Robert', 'Hughes'), name: 'Bob Hughes', kind: 'known-as' },
  ];
  for (let i = 0; i < 9; i++) {
    const r = take();
    cardPeople.push({ r, name: `${r.forename} ${r.surname}`, kind: 'full-name' });
  }
  const cards = cardPeople
    .map(({ r, name, kind }) => {
      const email = r.emails[0]!;
      return [
        '<li class="card">',
        `<h3>${mention(name, kind, 'directory')}</h3>`,
        `<p>${esc(r.jobTitle ?? '')}</p>`,
        `<p class="meta">${esc(r.tomTeam ?? r.team ?? '')} · ${councilName[r.council]}</p>`,
        `<p><a href="mailto:${esc(email)}">${mention(email, 'email', 'directory')}</a></p>`,
        '</li>',
      ].join('\n');
    })
    .join('\n');

  // News item: prose with known-as names, initials, accents, the ambiguous John Smith and non-names.
  find('John', 'Smith', 'haringey');
  find('John', 'Smith', 'islington');
  const [i1, i2, i3] = [take(uniqueInitial), take(uniqueInitial), take(uniqueInitial)];
  const [f1, f2] = [take(), take()];
  find('Margaret', 'Okonkwo');
  find('Seán', 'Ó Briain');
  find('Chloé', "D'Souza");
  find('Ann', 'Lee');
  find('Mary-Kate', 'Fitzgerald');
  const initial = (r: StaffRecord) => mention(`${r.forename.slice(0, 1)}. ${r.surname}`, 'initial', 'news');
  const full = (r: StaffRecord) => mention(`${r.forename} ${r.surname}`, 'full-name', 'news');
  const news = [
    `<p>The Annual infrastructure review took place last week. ${mention('John Smith', 'full-name', 'news')}`,
    `from the Shared Service Centre presented the results with ${mention('Maggie Okonkwo', 'known-as', 'news')},`,
    `and ${mention('Seán Ó Briain', 'full-name', 'news')} thanked everyone who took part in the Leeds`,
    `benchmarking visit. ${initial(i1)} and ${initial(i2)} will run the follow-up sessions, with support from`,
    `${initial(i3)}.</p>`,
    `<p>Congratulations to ${mention(curly("Chloé D'Souza"), 'full-name', 'news')} and`,
    `${mention('Mary-Kate Fitzgerald', 'full-name', 'news')} on finishing the Agile Working pilot, and welcome`,
    `back to ${mention('Ann Lee', 'full-name', 'news')}. ${full(f1)} and ${full(f2)} are collecting ideas for`,
    'next year’s programme.</p>',
  ].join('\n');

  // HR-system-like table: employee number column and "SURNAME, Forename".
  const tablePeople = [find('Olusegun', 'Adeyemi'), find('Jane', 'Smith')];
  for (let i = 0; i < 12; i++) tablePeople.push(take());
  const rows = tablePeople
    .map((r) =>
      [
        '<tr>',
        `<td>${mention(r.employeeNumber, 'employee-number', 'hr-table')}</td>`,
        `<td>${mention(`${r.surname.toUpperCase()}, ${r.forename}`, 'surname-first', 'hr-table')}</td>`,
        `<td>${councilName[r.council]}</td>`,
        `<td>${esc(r.jobTitle ?? '')}</td>`,
        `<td>${r.fte?.toFixed(1) ?? ''}</td>`,
        '</tr>',
      ].join('\n'),
    )
    .join('\n');

  const html = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Shared Digital intranet (fictional demo)</title>
<style>
body { font-family: Arial, Helvetica, sans-serif; margin: 0; color: #0b0c0c; background: #f3f2f1; line-height: 1.4; }
.banner { background: #ffdd00; padding: 12px 20px; margin: 0; font-size: 1.1rem; }
header, main { max-width: 1000px; margin: 0 auto; padding: 0 20px; }
header h1 { margin: 20px 0 4px; }
section { background: #fff; padding: 16px 20px; margin: 20px 0; }
.cards { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 12px; }
.card { border: 1px solid #b1b4b6; padding: 10px 12px; overflow-wrap: anywhere; }
.card h3 { margin: 0 0 4px; font-size: 1.05rem; }
.card p { margin: 2px 0; }
.meta { color: #505a5f; font-size: 0.9rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; border-bottom: 1px solid #b1b4b6; padding: 6px 8px; }
a { color: #1d70b8; }
</style>
</head>
<body>
<p class="banner" role="note"><strong>Fictional demo data.</strong> This is not a real intranet: every person, e-mail address and employee number on this page is made up for the Transition Lens demo.</p>
<header>
<h1>Shared Digital intranet</h1>
<p>Camden, Haringey and Islington: one ICT and digital service.</p>
</header>
<main>
<section aria-labelledby="directory">
<h2 id="directory">Team directory</h2>
<ul class="cards">
${cards}
</ul>
</section>
<section aria-labelledby="news">
<h2 id="news">News: Annual infrastructure review</h2>
${news}
</section>
<section aria-labelledby="hr">
<h2 id="hr">Staff list (HR self-service export)</h2>
<table>
<caption>Staff on the Shared Digital establishment (extract)</caption>
<thead><tr><th scope="col">Employee number</th><th scope="col">Name</th><th scope="col">Council</th><th scope="col">Position</th><th scope="col">FTE</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>
</main>
</body>
</html>
`;
  return { html, mentions, mustNotMatch: ['Annual', 'Leeds', 'Shared Service Centre', 'Agile Working'] };
}
