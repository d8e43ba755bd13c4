/**
 * Overlay benchmark in real Chromium (Debian's, through playwright-core). Run: `npm run bench:overlay`
 * (tsx tests/bench/overlay.ts). Every figure is measured in the page; nothing is extrapolated. A mark.js run that
 * exceeds its time cap is stopped and reported as "> cap".
 *
 * Per page (../shared/fixtures/pages/*.html and a generated 50,000-row staff directory), with 20 register names
 * planted at the top of the page. Pages are served cross-origin isolated, so performance.now() has a 5 µs timer.
 *   (a) bare TreeWalker pass over text nodes reading each node's text (the floor); 3 rounds of 20 passes, each pass
 *       timed on its own, median pass reported
 *   (a′) the same walk reading every character of the text a recogniser has to look at (each unit once with
 *       `charCodeAt`, nothing else; long scripts and styles stepped over as (b) does): the least any recogniser
 *       written in JavaScript that looks at each character pays. Timed like (a), in the same rounds
 *   (b) our recognition: `scanText`, the very walk the annotator runs (links with markup matched whole, long
 *       scripts and styles stepped over), with the matcher on every text node and the annotator's placement check
 *       where a name is found; nothing written to the page. Timed exactly as (a), in the same rounds, alternating
 *       with (a); "(b) 1st" is the first pass on the page, before the JIT has warmed up
 *   (c) recognition + annotation: one real `annotator.start()` (MutationObserver set up, the walk, the matcher, a
 *       badge after every match in a closed shadow root), synchronously, once per page load
 *   (d) mark.js 8.11 `mark(names, { separateWordSearch: false, accuracy: 'exactly' })`, 1,000 names per call
 *   (e) matcher build for the register: in the content script, in slices, for registers over 2,000 people
 *   (f) for registers of up to 2,000 people, what the content script does instead of (e): unpack the matcher the
 *       background built and sent (packMatcher → JSON → unpackMatcher, timed from the JSON text on); with its size
 * The median pass, not the mean: on a shared machine a pass is now and then descheduled for several
 * milliseconds, which says nothing about the code. The long-task column (at 10,000 and 100,000 people) comes
 * from a separate page load with the content script's real schedule: the matcher built in 8 ms background slices,
 * then the annotator's 8 ms background slices, observed with PerformanceObserver('longtask').
 *
 * Environment:
 *   TL_BENCH_MAX_PEOPLE     largest register (default 100000)
 *   TL_BENCH_PAGES          comma-separated page names to run (default: all)
 *   TL_BENCH_MARKJS_MAX     largest mark.js name count on every page (default 1000)
 *   TL_BENCH_MARKJS_CAP_S   stop a mark.js run after this many seconds (default 60; with 240 the full run took 28 min)
 *   TL_BENCH_MARKJS_BIG_CAP_S  the same for the 10,000-name guardian-1 run (default 600)
 *   TL_BENCH_SKIP_10K_MARKJS=1  skip mark.js with 10,000 names on guardian-1 (then no final ratio line)
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { sharedRoot, startStaticServer } from '../../scripts/static-server';
import { launchChromium, overlayPageScript, repoRoot } from '../unit/overlay/in-chromium';
import type { OverlayPageApi } from '../unit/overlay/page-entry';
import { plantNames } from './plant-names';

const MAX_PEOPLE = Number(process.env.TL_BENCH_MAX_PEOPLE ?? 100_000);
const MARKJS_MAX = Number(process.env.TL_BENCH_MARKJS_MAX ?? 1000);
const MARKJS_CAP_MS = Number(process.env.TL_BENCH_MARKJS_CAP_S ?? 60) * 1000;
/** The 10,000-name run on guardian-1 gives the headline ratio, so it gets its own, longer cap. */
const MARKJS_BIG_CAP_MS = Number(process.env.TL_BENCH_MARKJS_BIG_CAP_S ?? 600) * 1000;
const ONLY_PAGES = (process.env.TL_BENCH_PAGES ?? '').split(',').filter(Boolean);
const REGISTER_SIZES = [100, 500, 1000, 10_000, 100_000].filter((n) => n <= MAX_PEOPLE);
const MARKJS_SIZES = [100, 1000].filter((n) => n <= MARKJS_MAX);
const MARKJS_BIG_PAGE = 'guardian-1.html';
/**
 * Names per mark.js call. Measured: one `mark()` call with 10,000 names fails in Chromium with "Stack overflow"
 * inside RegExp.exec (mark.js chains its keywords recursively), so larger lists go in calls of 1,000, one after
 * the other, which is how an extension would have to use it.
 */
const MARKJS_BATCH = 1000;
const MARKJS_BIG = 10_000;
const DIRECTORY_ROWS = 50_000;
const PLANTED = 20;
/** (a) and (b): passes timed together, and rounds of those (median reported). */
const PASSES = 20;
const ROUNDS = 3;

interface BenchPerson {
  key: string;
  forename: string;
  surname: string;
  employeeNumber: string;
}

// Fictional, generated names: 250 forenames × 400 surnames = 100,000 distinct people.
const FORENAMES = `Aaron Abdul Abigail Ada Adam Adebayo Adeola Aditi Adrian Agnieszka Ahmed Aidan Aisha Alan Alba Alec
Alexa Alfie Alice Alina Alison Amara Amber Amelia Amir Amy Ana Anders Andrea Aneesa Angela Anika Anita Anton April
Arjun Arthur Asha Aston Aurelia Ava Ayesha Barbara Basil Beatrix Belinda Bernard Bethan Bianca Blessing Bogdan Bruno
Bryony Caitlin Callum Camille Carla Carmen Cecily Cedric Chandra Chiara Chidi Chloe Ciara Clara Conor Cosmo Dalia Damon
Dana Daniela Darius Dawn Deepak Delia Denise Desmond Dilys Dimitri Dorian Dorothy Duncan Edith Efe Eileen Elena Elif
Eliza Elliot Elsa Emeka Emil Enzo Erin Esme Ethan Eugene Eva Ezra Fatima Felix Femi Fergus Fiona Flora Florin Freya
Gabriel Gemma Georgia Gideon Gina Giulia Gloria Grace Gregor Greta Hamza Hana Harriet Hassan Hazel Hector Helena Hilda
Hugo Ibrahim Ida Idris Ifeoma Ilona Imogen Ines Ingrid Iona Isaac Isla Ivan Ivy Jacob Jada Jamal Janet Jasper Javier
Jemima Jerome Jia Joanna Jonah Jorge Josephine Judith Julian Juno Kai Kamala Karim Kasia Kate Kayode Keira Kenji Kiran
Kofi Lachlan Laila Lara Laszlo Leah Leon Lia Lidia Lionel Liv Lorna Lucian Lucy Luka Lydia Maeve Magnus Malik Mara
Marcus Marina Marta Mateo Matilda Maya Mehmet Mei Miriam Moira Monty Nadia Naomi Nasir Neha Nell Niamh Nikolai Nina
Noor Nuala Obi Olga Omar Orla Oscar Otto Paloma Parveen Pearl Petra Philippa Pia Quentin Rafael Rania Rashid Reuben
Rhiannon Rohan Rosalind Rowan Ruby Rufus Saanvi Sabine Salma Samir Sanjay Sara Selma Seren Shira Silas Simone Sofia
Stellan Suki Sunita Tamsin Tariq Tess Theo Thea Tobias Uma Una Valentina Vera Viktor Wanda Wes Xavier Yara Yusuf Zara`.split(
  /\s+/,
);
const SURNAMES_A =
  `Abara Achebe Adair Adler Agarwal Ainsworth Akhtar Albescu Alderton Almeida Amadi Ambrose Andersen Appiah
Arkwright Ashdown Atherton Aubrey Avery Babatunde Bainbridge Balogun Banerjee Barraclough Bartos Baxendale Beaumont
Bellamy Benedetti Bergstrom Bexley Bhandari Birtwistle Blackwood Bloomfield Bolton Bonnington Bradwell Brathwaite
Brennan Brightwell Broadbent Bulmer Burkitt Cadwallader Calloway Carmody Castellano Cavendish Chakraborty Chamberlain
Chaudhary Chesterton Chowdhury Clarkson Clementi Cobbold Colquhoun Corrigan Cotterill Crabtree Cunliffe Dalgleish
Danquah Dasgupta Davenport Delacroix Desai Dimitrov Dobrowski Donnelly Drummond Duckworth Dunstan Eastwood Ebdon
Ekwueme Ellsworth Entwistle Esposito Evanston Fairbairn Falconer Farouk Featherstone Fenwick Ferreira Fitzwilliam
Fleetwood Forsyth Fotheringham Fraser Fullerton Gallagher Garside Gbadamosi Gillespie Gladwell Goldsworthy Gonzalez
Greenhalgh Grimshaw Guerrero Hadfield Halvorsen Hardcastle Hargreaves Hartigan Hawthorne Heathcote Hemingway Henriksen
Hetherington Hollingworth Horvath Huddleston Ibekwe Ingleby Iqbal Ishikawa Jablonski Jagger Jankowski Jefferies
Jenkinson Jovanovic Kaczmarek Kavanagh Kearsley Kendrick Khoury Kilpatrick Kingsley Kowalczyk Krishnan Lachance
Lancaster Langridge Larkspur Lazarescu Leadbetter Lestrange Lindqvist Littlewood Lockwood Lombardi Loughlin Lowther
Macaulay Madeley Mahmoud Makepeace Malhotra Mancini Marchetti Markovic Mattingly Mbeki McAllister McCartney McGillivray
Mendelsohn Merriweather Mihailescu Mitford Molyneux Montague Moorcroft Mukherjee Mulvaney Nakamura Nascimento
Nettleton Newbold Ngozi Nightingale Norrington Novak Nwachukwu Oakley Obuya Odhiambo Okafor Oldroyd Olivieri Onyango
Ormerod Osei Ottaway Outhwaite Pagnell Pakenham Papadopoulos Parkinson Pemberton Penhaligon Petrovic Pickering
Pilkington Popescu Prendergast Pritchard Quarshie Quennell Radcliffe Ramaswamy Ravenscroft Redmayne Rhodes Ribeiro
Rigby Rossiter Rowbotham Rutherford Sadiq Salisbury Sandoval Satterthwaite Scarborough Schofield Sedgwick Shacklock
Shepherdson Silvestri Skidmore Slattery Sokolov Southgate Spelman Stainforth Stanhope Stonebridge Strickland Sutcliffe
Szabo Tallis Tennant Thackeray Thistlethwaite Threlfall Tiwari Tomlinson Townsend Tremayne Trevelyan Tunstall Udeh
Umerah Underhill Valentini Vasquez Venkatesh Villiers Wainwright Wakefield Warburton Waterhouse Weatherall Whitlock
Wickramasinghe Wilberforce Winterbottom Wolstenholme Woodhouse Wrigley Yardley Yeboah Youngblood Zielinski Zimmerman`.split(
    /\s+/,
  );
// Two-part surnames widen the list to 400 without real-person-looking collisions.
const SURNAMES = [...SURNAMES_A, ...SURNAMES_A.slice(0, 400 - SURNAMES_A.length).map((s) => `${s}-Vale`)];

function makeRegister(n: number): BenchPerson[] {
  const people: BenchPerson[] = [];
  const total = FORENAMES.length * SURNAMES.length;
  for (let i = 0; i < n && i < total; i++) {
    // A fixed permutation (7919 is prime to 100,000) spreads forenames and surnames evenly.
    const j = (i * 7919) % total;
    const forename = FORENAMES[j % FORENAMES.length] as string;
    const surname = SURNAMES[Math.floor(j / FORENAMES.length) % SURNAMES.length] as string;
    const council = ['camden', 'haringey', 'islington'][i % 3] as string;
    const employeeNumber = `B${String(i).padStart(6, '0')}`;
    people.push({ key: `${council}:${employeeNumber}`, forename, surname, employeeNumber });
  }
  return people;
}

function directoryPage(register: BenchPerson[]): string {
  const rows: string[] = [];
  for (let i = 0; i < DIRECTORY_ROWS; i++) {
    const p = register[(i * 31) % register.length] as BenchPerson;
    rows.push(
      `<tr><td>${p.forename} ${p.surname}</td><td>Officer ${i}</td><td>${p.forename.toLowerCase()}.${p.surname.toLowerCase()}@example.invalid</td></tr>`,
    );
  }
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Staff directory (generated)</title></head><body><h1>Staff directory</h1><table><thead><tr><th>Name</th><th>Role</th><th>E-mail</th></tr></thead><tbody>${rows.join('')}</tbody></table></body></html>`;
}

type W = Window & {
  tlOverlay: OverlayPageApi;
  Mark: new (root: Element) => { mark(names: string[], opts: Record<string, unknown>): void };
};

interface Row {
  page: string;
  people: number;
  textNodes: number;
  a: number;
  /** (a′): the walk reading every character (see the header). */
  aChars: number;
  b: number;
  bFirst: number;
  /** Whether the page was cross-origin isolated (5 µs timer instead of 100 µs). */
  isolated: boolean;
  matches: number;
  c: number;
  badges: number;
  build: number;
  unpack?: number;
  packedKiB?: number;
  d?: string;
  dMs?: number;
  longTasks?: string;
}

async function openPage(browser: Browser, url: string, scripts: string[], planted: string[]): Promise<Page> {
  const page = await browser.newPage();
  // Saved pages reference the internet; only 127.0.0.1 is reachable here, so fail those requests at once.
  await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  // tsx adds a __name helper to named functions in page.evaluate callbacks.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await plantNames(page, planted);
  for (const content of scripts) await page.addScriptTag({ content });
  return page;
}

/** (a), (b), (c) and (e) for one page and one register, in one page load. */
async function measureOurs(page: Page, people: BenchPerson[]): Promise<Omit<Row, 'page' | 'people'>> {
  return page.evaluate(
    ({ register, passes, rounds }) => {
      const w = window as unknown as W;
      const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
      const t0 = performance.now();
      const matcher = w.tlOverlay.buildMatcher(register);
      const build = performance.now() - t0;
      // (f) what a page does with a small register: the background's matcher, sent as JSON, unpacked here.
      let unpack: number | undefined;
      let packedKiB: number | undefined;
      if (register.length <= 2000) {
        const packed = w.tlOverlay.packMatcher(matcher);
        if (packed) {
          const json = JSON.stringify(packed);
          packedKiB = json.length / 1024;
          const u0 = performance.now();
          w.tlOverlay.unpackMatcher(JSON.parse(json) as typeof packed);
          unpack = performance.now() - u0;
        }
      }

      let textNodes = 0;
      let chars = 0;
      // (a) the floor: a bare TreeWalker over text nodes, reading each node's text.
      const bareWalk = () => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        let n = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          chars += (node as Text).data.length;
          n++;
        }
        textNodes = n;
      };
      // (a′) the walk reading every character once, long scripts and styles stepped over as createTextScan does
      // (the same length and parent test): no recogniser that looks at each character can cost less.
      const RAW_TEXT = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'title']);
      const readChars = () => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        let sum = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const data = (node as Text).data;
          if (data.length > 100 && RAW_TEXT.has((node.parentNode as Element | null)?.localName ?? '')) continue;
          for (let i = 0; i < data.length; i++) sum += data.charCodeAt(i);
        }
        chars += sum & 1;
      };
      // (b) recognition: the annotator's own walk (scanText: skip rules, links stepped over) and the matcher on
      // every text node and on each link's text, as the annotator calls them; nothing is written to the page.
      let matches = 0;
      const visitor = {
        text(node: Text, data: string) {
          const found = matcher.findAll(data);
          // The annotator's check where a name is found: text in a button, field or editable region stays bare
          // (a name in a link is badged after the link).
          if (found.length > 0 && w.tlOverlay.placeOf(node) !== null) matches += found.length;
          return node;
        },
        link(_el: Element, text: string) {
          if (text.length >= 3 && text.length <= 2000) matches += matcher.findAll(text).length;
        },
      };
      const recognise = () => w.tlOverlay.scanText(document.body, visitor);
      /** Times each pass on its own (5 µs timer in this cross-origin-isolated page). */
      const timePasses = (pass: () => void, into: number[]) => {
        for (let rep = 0; rep < passes; rep++) {
          const s = performance.now();
          pass();
          into.push(performance.now() - s);
        }
      };

      // The first recognition pass on the page, before any warm-up (what a page load really pays once).
      const s1 = performance.now();
      recognise();
      const bFirst = performance.now() - s1;
      // `rounds` rounds of `passes` passes each, alternating (a) and (b) so both see the same machine; the figure
      // is the median pass. A median, not a mean: on a shared machine a pass is now and then descheduled for
      // several milliseconds, which says nothing about the code and would swamp a 0.1 ms pass.
      const bare: number[] = [];
      const everyChar: number[] = [];
      const recog: number[] = [];
      for (let r = 0; r < rounds; r++) {
        timePasses(bareWalk, bare);
        timePasses(readChars, everyChar);
        matches = 0;
        timePasses(recognise, recog);
      }
      const matchesPerPass = matches / passes;
      (window as unknown as { benchChars: number }).benchChars = chars; // keep the reads from being optimised away

      // (c) one real first pass of the annotator (start(): observer, walk, matcher, badges), synchronously.
      const byKey = new Map(register.map((p) => [p.key, p]));
      const ann = w.tlOverlay.createAnnotator({
        root: document.body,
        findAll: (text) => matcher.findAll(text),
        describe: (keys) => {
          const found = keys.flatMap((k) => {
            const p = byKey.get(k);
            return p ? [{ key: k, name: `${p.forename} ${p.surname}`, council: k.split(':')[0] as 'camden' }] : [];
          });
          return w.tlOverlay.describeBadge(keys, found);
        },
        sliceMs: Number.POSITIVE_INFINITY,
        schedule: (task) => {
          task();
          return () => undefined;
        },
      });
      const s = performance.now();
      ann.start();
      const c = performance.now() - s;
      return {
        textNodes,
        a: median(bare),
        aChars: median(everyChar),
        b: median(recog),
        isolated: crossOriginIsolated,
        bFirst,
        matches: matchesPerPass,
        c,
        badges: document.querySelectorAll('tl-badge').length,
        build,
        ...(unpack === undefined ? {} : { unpack, packedKiB }),
      };
    },
    { register: people, passes: PASSES, rounds: ROUNDS },
  );
}

/**
 * The content script's real schedule: the matcher built in 8 ms background slices (buildMatcherInSlices, as
 * overlay-session.ts does), then the annotator's 8 ms background slices. Long tasks (over 50 ms) seen meanwhile.
 */
async function measureLongTasks(page: Page, people: BenchPerson[]): Promise<string> {
  return page.evaluate(async (register) => {
    const w = window as unknown as W;
    await new Promise((r) => setTimeout(r, 100));
    const tasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push(Math.round(e.duration));
    });
    observer.observe({ type: 'longtask' });
    const s = performance.now();
    const matcher = await w.tlOverlay.buildMatcherInSlices(register, { pause: w.tlOverlay.nextBackgroundTask });
    const built = performance.now() - s;
    const byKey = new Map(register.map((p) => [p.key, p]));
    const ann = w.tlOverlay.createAnnotator({
      root: document.body,
      findAll: (text) => matcher.findAll(text),
      describe: (keys) =>
        w.tlOverlay.describeBadge(
          keys,
          keys.flatMap((k) => {
            const p = byKey.get(k);
            return p ? [{ key: k, name: `${p.forename} ${p.surname}`, council: k.split(':')[0] as 'camden' }] : [];
          }),
        ),
    });
    ann.start();
    while (!ann.idle) await new Promise((r) => setTimeout(r, 10));
    const wall = performance.now() - s;
    // Let the last frame's style and layout land in the observer.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
    observer.disconnect();
    const max = tasks.length ? Math.max(...tasks) : 0;
    return (
      `${tasks.length} (max ${max} ms; annotate slice max ${ann.longestSliceMs.toFixed(1)} ms; ` +
      `${Math.round(built)} ms sliced build + annotate to idle ${Math.round(wall)} ms)`
    );
  }, people);
}

async function measureMarkJs(
  browser: Browser,
  url: string,
  scripts: string[],
  planted: string[],
  names: string[],
  capMs: number,
): Promise<{ text: string; ms?: number }> {
  const page = await openPage(browser, url, scripts, planted);
  try {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ms = await Promise.race([
      page.evaluate(
        async ({ list, batch }) => {
          const w = window as unknown as W;
          const marker = new w.Mark(document.body);
          const s = performance.now();
          for (let i = 0; i < list.length; i += batch) {
            await new Promise<void>((resolve) =>
              marker.mark(list.slice(i, i + batch), {
                separateWordSearch: false,
                accuracy: 'exactly',
                done: () => resolve(),
              }),
            );
          }
          return performance.now() - s;
        },
        { list: names, batch: MARKJS_BATCH },
      ),
      new Promise<undefined>((r) => {
        timer = setTimeout(() => r(undefined), capMs);
      }),
    ]);
    clearTimeout(timer);
    if (ms === undefined) return { text: `> ${capMs / 1000} s (stopped)` };
    return { text: `${ms.toFixed(0)} ms`, ms };
  } finally {
    await page.close({ runBeforeUnload: false }).catch(() => undefined);
  }
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

async function main(): Promise<void> {
  const started = Date.now();
  const fixturesDir = path.join(sharedRoot, 'fixtures', 'pages');
  const fixtureFiles = (await readdir(fixturesDir)).filter((f) => f.endsWith('.html')).sort();
  const allPages = [...fixtureFiles, 'directory-50k.html'].filter(
    (p) => ONLY_PAGES.length === 0 || ONLY_PAGES.includes(p),
  );
  const register = makeRegister(Math.max(...REGISTER_SIZES, MARKJS_BIG));
  const planted = register.slice(0, PLANTED).map((p) => `${p.forename} ${p.surname}`);
  const server = await startStaticServer({ '/fixtures/': fixturesDir });
  // Every page is served cross-origin isolated (COOP + COEP): performance.now() then has a 5 µs resolution instead
  // of 100 µs, so a single pass over a small page can be timed on its own.
  const isolation = {
    'content-type': 'text/html; charset=utf-8',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
  };
  const directory = directoryPage(makeRegister(100_000));
  server.setRoute('/generated/directory-50k.html', () => ({ body: directory, headers: isolation }));
  for (const name of allPages) {
    if (name === 'directory-50k.html') continue;
    const html = await readFile(path.join(fixturesDir, name));
    server.setRoute(`/fixtures/${name}`, () => ({ body: html, headers: isolation }));
  }
  const [ours, markjs] = await Promise.all([
    overlayPageScript(),
    readFile(path.join(repoRoot, 'node_modules', 'mark.js', 'dist', 'mark.min.js'), 'utf8'),
  ]);
  const browser = await launchChromium();
  const rows: Row[] = [];
  let finalRatio: number | undefined;
  try {
    for (const name of allPages) {
      const url =
        name === 'directory-50k.html' ? `${server.origin}/generated/${name}` : `${server.origin}/fixtures/${name}`;
      const markSizes =
        name === MARKJS_BIG_PAGE && process.env.TL_BENCH_SKIP_10K_MARKJS !== '1'
          ? [...MARKJS_SIZES, MARKJS_BIG]
          : MARKJS_SIZES;
      const sizes = [...new Set([...REGISTER_SIZES, ...markSizes])].sort((x, y) => x - y);
      for (const n of sizes) {
        const people = register.slice(0, n);
        const page = await openPage(browser, url, [ours], planted);
        const m = await measureOurs(page, people);
        await page.close();
        const row: Row = { page: name, people: n, ...m };
        if (n >= 10_000 || (n === Math.max(...REGISTER_SIZES) && n < 10_000)) {
          const lt = await openPage(browser, url, [ours], planted);
          row.longTasks = await measureLongTasks(lt, people);
          await lt.close();
        }
        if (markSizes.includes(n)) {
          const names = people.map((p) => `${p.forename} ${p.surname}`);
          const cap = name === MARKJS_BIG_PAGE && n === MARKJS_BIG ? MARKJS_BIG_CAP_MS : MARKJS_CAP_MS;
          const d = await measureMarkJs(browser, url, [markjs], planted, names, cap).catch((e: unknown) => ({
            text: `failed: ${String(e).split('\n')[0]?.slice(0, 60)}`,
            ms: undefined,
          }));
          row.d = d.text;
          if (d.ms !== undefined) row.dMs = d.ms;
          if (name === MARKJS_BIG_PAGE && n === MARKJS_BIG && d.ms !== undefined) finalRatio = m.c / d.ms;
        }
        rows.push(row);
        console.error(`  measured ${name} × ${n} (${((Date.now() - started) / 1000).toFixed(0)} s so far)`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const header = [
    pad('page', 20),
    pad('people', 7),
    pad('text nodes', 10),
    pad('(a) walk', 9),
    pad("(a') chars", 10),
    pad("a'/a", 6),
    pad('(b) recog', 10),
    pad('b/a', 6),
    pad("b/a'", 6),
    pad('(b) 1st', 9),
    pad('matches', 7),
    pad('(c) annot', 10),
    pad('badges', 7),
    pad('(d) mark.js', 22),
    pad('c/d', 8),
    pad('(e) build', 10),
    pad('(f) unpack (size)', 18),
    'long tasks during sliced build + annotation (real scheduler)',
  ].join(' ');
  console.log(header);
  for (const r of rows) {
    console.log(
      [
        pad(r.page, 20),
        pad(String(r.people), 7),
        pad(String(r.textNodes), 10),
        pad(`${r.a.toFixed(2)} ms`, 9),
        pad(`${r.aChars.toFixed(2)} ms`, 10),
        pad((r.aChars / r.a).toFixed(2), 6),
        pad(`${r.b.toFixed(2)} ms`, 10),
        pad((r.b / r.a).toFixed(2), 6),
        pad((r.b / r.aChars).toFixed(2), 6),
        pad(`${r.bFirst.toFixed(1)} ms`, 9),
        pad(String(Math.round(r.matches)), 7),
        pad(`${r.c.toFixed(1)} ms`, 10),
        pad(String(r.badges), 7),
        pad(r.d ?? '', 22),
        pad(
          r.dMs !== undefined
            ? (r.c / r.dMs).toFixed(4)
            : r.d?.startsWith('>')
              ? '< ' + (r.c / MARKJS_CAP_MS).toFixed(4)
              : '',
          8,
        ),
        pad(`${r.build.toFixed(0)} ms`, 10),
        pad(r.unpack === undefined ? '' : `${r.unpack.toFixed(1)} ms (${Math.round(r.packedKiB ?? 0)} KiB)`, 18),
        r.longTasks ?? '',
      ].join(' '),
    );
  }
  console.log(`total bench time ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (finalRatio !== undefined) console.log(`ratio annotate/markjs at 10000: ${finalRatio.toFixed(5)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
