/**
 * What the overlay costs a page that names nobody, in the real built extension. Run:
 * `npm run bench:overlay-startup` (tsx tests/bench/overlay-startup.ts).
 *
 * Builds the copy that is switched on for http://127.0.0.1/* (as scripts/run-e2e.mjs does, into .output-e2e),
 * loads it into Chromium with the demo register (`transitionLens.loadDemoData()` in the service worker), then
 * opens fixture pages that name no one on the register. For each page a DevTools trace of the page's renderer is
 * recorded from before navigation until the content script has its name index and is idle, and the main-thread
 * time of every trace event that runs the extension's content script (its evaluation and compilation, each call
 * into it: message replies, scheduled slices, observers) is summed, nested events counted once. The page is loaded
 * RUNS times; the median is printed. Also checked: the scripts the extension puts into the page (on a page naming
 * no one only the first stage, content-scripts/probe.js; the whole overlay, content.js, comes where a name is found),
 * no React in either, and that no badge appeared. Not counted, for ours and the floor alike: work that runs as a
 * promise continuation (after an `await`) sits in the browser's "RunMicrotasks" event, which names no script; the
 * first stage runs its work in tasks of its own, so all of it is counted.
 *
 * The floor, measured in the same page loads: a second extension loaded beside ours (tests/bench/peers/text-reader)
 * whose content script reads every text node of the page once and sends one message, the least any overlay that
 * looks for names must do; its main-thread time is summed the same way, and the ratio ours/floor is printed.
 *
 * Goal (issue 4): under 5 ms of main thread on a page with no matches, and no React.
 *
 * Environment: TL_BENCH_NO_BUILD=1 uses the existing .output-e2e build; TL_BENCH_RUNS (default 5);
 * TL_BENCH_DEBUG=1 lists every counted trace event (name, wall ms, CPU ms, data).
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { repoRoot, sharedRoot, startStaticServer } from '../../scripts/static-server';
import { launchExtension } from '../e2e/harness';
import { sendToTab, tabIdOf } from '../e2e/overlay-helpers';

const RUNS = Number(process.env.TL_BENCH_RUNS ?? 5);
const PAGES = ['mozilla-2.html', 'nytimes-5.html', 'wikipedia-2.html'];
const OUT_DIR = '.output-e2e';
/** The floor, loaded beside ours: a content script that reads every text node once and sends one message. */
const PEER = path.join(repoRoot, 'tests', 'bench', 'peers', 'text-reader');

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; scriptName?: string; stackTrace?: { url?: string }[] } };
}

function run(command: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function trace<T>(page: Page, body: () => Promise<T>): Promise<{ result: T; events: TraceEvent[] }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', {
    traceConfig: {
      recordMode: 'recordAsMuchAsPossible',
      includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute'],
    },
  });
  const result = await body();
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach().catch(() => undefined);
  return { result, events };
}

function urlOf(e: TraceEvent): string {
  const data = e.args?.data;
  return data?.url ?? data?.scriptName ?? data?.stackTrace?.[0]?.url ?? '';
}

/**
 * Main-thread milliseconds of events that run the content script, each moment counted once: wall time (`dur`) and
 * the thread's CPU time (`tdur`). On a shared machine the wall time includes moments the thread was descheduled;
 * the CPU time is what the page's main thread really spent on us.
 */
function contentScriptMs(
  events: TraceEvent[],
  scriptUrl: string,
): { ms: number; cpuMs: number; events: Map<string, number> } {
  const ours = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined && urlOf(e).startsWith(scriptUrl))
    .sort((a, b) => a.ts - b.ts);
  // CPU time: events nested in one already counted are left out (their time is inside the outer one's).
  let cpu = 0;
  let cpuUntil = -1;
  for (const e of ours) {
    if (e.ts < cpuUntil) continue;
    cpu += e.tdur ?? e.dur ?? 0;
    cpuUntil = e.ts + (e.dur as number);
  }
  const names = new Map<string, number>();
  if (process.env.TL_BENCH_DEBUG) {
    for (const e of ours)
      console.error(
        '   ',
        e.name,
        ((e.dur as number) / 1000).toFixed(2),
        ((e.tdur ?? 0) / 1000).toFixed(2),
        JSON.stringify(e.args?.data ?? {}).slice(0, 160),
      );
  }
  let total = 0;
  let coveredUntil = -1;
  let coveredTid = -1;
  for (const e of ours) {
    names.set(e.name, (names.get(e.name) ?? 0) + 1);
    const end = e.ts + (e.dur as number);
    if (e.tid === coveredTid && e.ts < coveredUntil) {
      // Nested in (or overlapping) an event already counted: count only what sticks out.
      if (end > coveredUntil) {
        total += end - coveredUntil;
        coveredUntil = end;
      }
      continue;
    }
    total += e.dur as number;
    coveredUntil = end;
    coveredTid = e.tid;
  }
  return { ms: total / 1000, cpuMs: cpu / 1000, events: names };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function main(): Promise<void> {
  if (process.env.TL_BENCH_NO_BUILD !== '1') {
    const code = await run('npx', ['wxt', 'build'], { TL_SITES: 'http://127.0.0.1/*', TL_OUT_DIR: OUT_DIR });
    if (code !== 0) throw new Error(`build failed (${code})`);
  }
  const extensionPath = path.join(repoRoot, OUT_DIR, 'chrome-mv3');
  // The first stage (on every page of a switched-on site) and the whole overlay (loaded where a name is found).
  const scripts = await Promise.all(
    ['probe.js', 'content.js'].map(async (file) => ({
      file,
      text: await readFile(path.join(extensionPath, 'content-scripts', file), 'utf8'),
    })),
  );
  // React's element symbols and its internals object appear in every React build, minified or not.
  const reactMarkers = ['react.element', 'react.transitional.element', '__CLIENT_INTERNALS', 'react-dom'];
  const reactInContentScript = scripts.flatMap(({ file, text }) =>
    reactMarkers.filter((m) => text.includes(m)).map((m) => `${m} in ${file}`),
  );

  const server = await startStaticServer({ '/fixtures/': path.join(sharedRoot, 'fixtures', 'pages') });
  const ext = await launchExtension({ extensionPath, alsoLoad: [PEER] });
  const rows: string[] = [];
  const floors: { name: string; ours: number; floor: number; floorSamples: number[] }[] = [];
  try {
    const worker = await ext.ensureServiceWorker();
    const loaded = await worker.evaluate(async () => {
      const api = (globalThis as { transitionLens?: { loadDemoData?: () => Promise<{ records: number }> } })
        .transitionLens;
      return api?.loadDemoData ? (await api.loadDemoData()).records : -1;
    });
    if (loaded <= 0) throw new Error('the demo register did not load');
    const scriptUrl = `chrome-extension://${ext.extensionId}/content-scripts/`;
    const peerScriptUrl = `chrome-extension://${ext.peerIds[0]}/read-text.js`;
    for (const name of PAGES) {
      const samples: number[] = [];
      const cpuSamples: number[] = [];
      const peerCpuSamples: number[] = [];
      let eventKinds = '';
      let badges = -1;
      let extensionScripts: string[] = [];
      let indexVersion: unknown;
      for (let r = 0; r < RUNS; r++) {
        const page = await ext.context.newPage();
        await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
        const dbg = await page.context().newCDPSession(page);
        const parsed: string[] = [];
        dbg.on('Debugger.scriptParsed', (e: { url: string; length?: number }) => {
          if (e.url.startsWith('chrome-extension://')) parsed.push(`${e.url.split('/').slice(3).join('/')}`);
        });
        await dbg.send('Debugger.enable');
        const url = `${server.origin}/fixtures/${name}`;
        const { events } = await trace(page, async () => {
          await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
          const tabId = await tabIdOf(await ext.ensureServiceWorker(), page.url());
          // Ready when the content script answers with the index version it matched against.
          for (let i = 0; i < 300; i++) {
            const answer = (await sendToTab(await ext.ensureServiceWorker(), tabId, { type: 'tl:peopleOnPage' })) as {
              version?: unknown;
            };
            indexVersion = answer.version;
            if (typeof answer.version === 'number') break;
            await page.waitForTimeout(100);
          }
          // Let the first pass finish (background slices) and any report go out.
          await page.waitForTimeout(2000);
        });
        badges = await page.locator('tl-badge').count();
        extensionScripts = [...new Set(parsed)];
        await dbg.detach().catch(() => undefined);
        const { ms, cpuMs, events: kinds } = contentScriptMs(events, scriptUrl);
        samples.push(ms);
        cpuSamples.push(cpuMs);
        peerCpuSamples.push(contentScriptMs(events, peerScriptUrl).cpuMs);
        eventKinds = [...kinds].map(([k, v]) => `${k}×${v}`).join(', ');
        await page.close();
      }
      floors.push({
        name,
        ours: median(cpuSamples),
        floor: median(peerCpuSamples),
        floorSamples: peerCpuSamples,
      });
      rows.push(
        `${name.padEnd(18)} CPU ${cpuSamples.map((s) => s.toFixed(1)).join(' / ')} ms -> median ${median(cpuSamples).toFixed(1)} ms; ` +
          `wall ${samples.map((s) => s.toFixed(1)).join(' / ')} ms -> median ${median(samples).toFixed(1)} ms; ` +
          `badges ${badges}; index ${typeof indexVersion === 'number' ? 'loaded' : 'NOT loaded'}; ` +
          `extension scripts in page: ${extensionScripts.join(', ') || 'none'}; events: ${eventKinds}`,
      );
      console.error(`  measured ${name}`);
    }
  } finally {
    await ext.close();
    await server.close();
  }
  console.log(
    `demo register loaded; content scripts: ${scripts.map((c) => `${c.file} ${(c.text.length / 1024).toFixed(1)} KiB`).join(', ')}`,
  );
  console.log(`React in content scripts: ${reactInContentScript.length ? reactInContentScript.join(', ') : 'no'}`);
  console.log(`main-thread time of the content script on pages naming no one (${RUNS} loads each):`);
  for (const row of rows) console.log(row);
  console.log('the floor, in the same page loads: a content script that reads every text node once, one message:');
  for (const f of floors) {
    console.log(
      `${f.name.padEnd(18)} CPU ${f.floorSamples.map((s) => s.toFixed(1)).join(' / ')} ms -> median ${f.floor.toFixed(1)} ms; ` +
        `ratio ours/floor ${(f.ours / f.floor).toFixed(2)}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
