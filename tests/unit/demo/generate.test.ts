import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { isRegisterFormat, rowToRecordInput } from '../../../lib/csv/register-format';
import {
  BASELINE_FTE_TENTHS,
  DEMO_PLAN,
  DEMO_SETTINGS,
  DEMO_TODAY,
  buildDemoFiles,
  demoStaffCsv,
  generateDemoStaff,
} from '../../../lib/demo';
import { allocateTenths, asciiFold } from '../../../lib/demo/generate';
import { createRng } from '../../../lib/demo/prng';
import {
  COUNCILS,
  ServiceCategory,
  Settings,
  StaffRecord,
  TransferPlan,
  assessReadiness,
  keyOf,
  type ReadinessState,
} from '../../../lib/domain';

const records = generateDemoStaff();
const inPost = records.filter((r) => !r.vacant);
const publicDemo = join(__dirname, '..', '..', '..', 'public', 'demo');

describe('demo staff generator', { timeout: 30_000 }, () => {
  it('makes about 460 fictional people with e-mail addresses at .example domains', () => {
    expect(records.length).toBeGreaterThanOrEqual(440);
    expect(records.length).toBeLessThanOrEqual(480);
    for (const r of records) for (const e of r.emails) expect(e).toMatch(/@(camden|haringey|islington)\.example$/);
    expect(inPost.every((r) => r.emails.length > 0)).toBe(true);
  });

  it('reproduces the baseline FTE table exactly by council and service category (people in post only)', () => {
    for (const council of COUNCILS) {
      for (const category of ServiceCategory.options) {
        const tenths = inPost
          .filter((r) => r.council === council && r.serviceCategory === category)
          .reduce((sum, r) => sum + Math.round(r.fte! * 10), 0);
        expect(tenths, `${council} ${category}`).toBe(BASELINE_FTE_TENTHS[council][category]);
      }
    }
    // DOMAIN.md: Islington 138.1, Camden 175.0, Haringey 91.7; Islington Transformation 17.5.
    expect(BASELINE_FTE_TENTHS.islington.transformation).toBe(175);
    const total = (c: string) => inPost.filter((r) => r.council === c).reduce((s, r) => s + Math.round(r.fte! * 10), 0);
    expect([total('islington'), total('camden'), total('haringey')]).toEqual([1381, 1750, 917]);
    // Every FTE is a whole number of tenths, and part-time staff exist.
    expect(
      inPost.every(
        (r) => Number.isInteger(Math.round(r.fte! * 10)) && Math.abs(r.fte! * 10 - Math.round(r.fte! * 10)) < 1e-9,
      ),
    ).toBe(true);
    expect(inPost.filter((r) => r.fte! < 1).length).toBeGreaterThan(30);
  });

  it('keeps vacant posts out of the baseline', () => {
    const vacant = records.filter((r) => r.vacant);
    expect(vacant.length).toBeGreaterThanOrEqual(3);
    for (const v of vacant) {
      expect(v.surname).toBe('');
      expect(assessReadiness(v, DEMO_PLAN, DEMO_TODAY, 14).state).toBe('not-applicable');
    }
  });

  it('splits FTE exactly whatever the random numbers', () => {
    for (let seed = 1; seed < 200; seed++) {
      const rng = createRng(seed);
      const target = 50 + (seed % 900);
      const n = Math.ceil(target / 9);
      const out = allocateTenths(rng, target, n, seed % 3);
      expect(out.slice(0, seed % 3).every((t) => t === 10)).toBe(true);
      expect(out.reduce((a, b) => a + b, 0)).toBe(target);
      expect(out.every((t) => t >= 5 && t <= 10)).toBe(true);
    }
  });

  it('is deterministic', () => {
    expect(demoStaffCsv(generateDemoStaff())).toBe(demoStaffCsv(records));
    expect(generateDemoStaff(7)).not.toEqual(records);
  });

  it('gives every record a valid StaffRecord with a unique key', () => {
    for (const r of records) expect(StaffRecord.parse(r)).toEqual(r);
    expect(new Set(records.map(keyOf)).size).toBe(records.length);
  });

  it('builds a line-manager tree: one root, no cycles, every manager exists', () => {
    const byKey = new Map<string, StaffRecord>(records.map((r) => [keyOf(r), r]));
    const roots = records.filter((r) => !r.lineManager);
    expect(roots).toHaveLength(1);
    for (const r of records) {
      if (r.lineManager) expect(byKey.has(r.lineManager), `${keyOf(r)} → ${r.lineManager}`).toBe(true);
      const seen = new Set<string>();
      let cur: StaffRecord | undefined = r;
      while (cur?.lineManager) {
        expect(seen.has(keyOf(cur)), `cycle at ${keyOf(cur)}`).toBe(false);
        seen.add(keyOf(cur));
        cur = byKey.get(cur.lineManager);
      }
      expect(cur && keyOf(cur)).toBe(keyOf(roots[0]!));
    }
    expect(records.some((r) => r.lineManager && !r.lineManager.startsWith(`${r.council}:`))).toBe(true);
  });

  it('spreads people over all four TOM functions and every TOM team', async () => {
    const { tomTeams } = await import('../../../lib/domain');
    for (const [f, teams] of Object.entries(tomTeams)) {
      for (const team of teams) {
        expect(
          inPost.some((r) => r.tomFunction === f && r.tomTeam === team),
          team,
        ).toBe(true);
      }
    }
  });

  it('has the awkward names the matcher must handle', () => {
    const johns = inPost.filter((r) => r.forename === 'John' && r.surname === 'Smith');
    expect(johns.length).toBeGreaterThanOrEqual(2);
    expect(new Set(johns.map((r) => r.council)).size).toBe(johns.length);
    for (const name of ["Siobhán O'Neill", 'Amy Smith-Jones', 'Zoë Müller', 'José Núñez', 'Jane Smith']) {
      expect(
        inPost.filter((r) => `${r.forename} ${r.surname}` === name),
        name,
      ).toHaveLength(1);
    }
    expect(inPost.filter((r) => r.knownAs).length).toBeGreaterThan(5);
    expect(asciiFold("O'Neill")).toBe('oneill');
  });

  it('gives a mix of ready, at risk and blocked among transferring staff, and none for Camden', () => {
    const counts: Record<ReadinessState, number> = { ready: 0, 'at-risk': 0, blocked: 0, 'not-applicable': 0 };
    for (const r of records) {
      const state = assessReadiness(r, DEMO_PLAN, DEMO_TODAY, 14).state;
      if (r.council === 'camden') expect(state).toBe('not-applicable');
      else counts[state]++;
    }
    const applicable = counts.ready + counts['at-risk'] + counts.blocked;
    for (const s of ['ready', 'at-risk', 'blocked'] as const) {
      expect(counts[s] / applicable, s).toBeGreaterThanOrEqual(0.25);
      expect(counts[s] / applicable, s).toBeLessThanOrEqual(0.4);
    }
    for (const c of ['haringey', 'islington'] as const) {
      const states = new Set(
        records.filter((r) => r.council === c).map((r) => assessReadiness(r, DEMO_PLAN, DEMO_TODAY, 14).state),
      );
      expect([...states].sort()).toEqual(['at-risk', 'blocked', 'not-applicable', 'ready']);
    }
  });

  it('has some not in scope (with reasons), under review, objections and disputed assignments', () => {
    const t = records.flatMap((r) => (r.council === 'camden' ? [] : r.transfers));
    expect(t.filter((x) => x.scope === 'not-in-scope' && x.notInScopeReason).length).toBeGreaterThan(2);
    expect(t.filter((x) => x.scope === 'under-review').length).toBeGreaterThan(2);
    expect(t.filter((x) => x.objection && !x.objectionWithdrawn)).toHaveLength(2);
    expect(t.filter((x) => x.assignment === 'disputed').length).toBeGreaterThanOrEqual(4);
    expect(new Set(records.flatMap((r) => r.transfers.map((x) => x.representation)))).toEqual(
      new Set(['unison', 'gmb', 'unite', 'elected', 'none']),
    );
    // Nothing is dated after the demo's "today".
    for (const x of t)
      for (const d of [x.informed, x.letterSent, x.meetingHeld, ...Object.values(x.eliSent)]) {
        if (d) expect(d <= DEMO_TODAY).toBe(true);
      }
  });

  it('exports a valid plan and settings', () => {
    expect(TransferPlan.parse(DEMO_PLAN)).toEqual(DEMO_PLAN);
    const s = Settings.parse(DEMO_SETTINGS);
    expect(s.activePlanId).toBe('camden-tupe');
    expect(s.demoToday).toBe('2018-02-23');
    expect(s.atRiskDays).toBe(14);
    expect(s.userName).toBe('Demo HR officer');
  });
});

describe('generated demo files', { timeout: 30_000 }, () => {
  const files = buildDemoFiles();

  it('public/demo/staff.csv is what the generator makes now (run npm run demo:generate)', () => {
    expect(readFileSync(join(publicDemo, 'staff.csv'), 'utf8')).toBe(files['staff.csv']);
  });

  it('public/demo/intranet.html and expected.json are up to date', () => {
    expect(readFileSync(join(publicDemo, 'intranet.html'), 'utf8')).toBe(files['intranet.html']);
    expect(JSON.parse(readFileSync(join(publicDemo, 'expected.json'), 'utf8'))).toEqual(files.expected);
  });

  it('writes a UTF-8 CSV with a byte-order mark and CRLF that imports back to the same records', () => {
    const csv = files['staff.csv'];
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.replace(/\r\n/g, '').includes('\n')).toBe(false);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: 'greedy' });
    expect(parsed.errors).toEqual([]);
    expect(isRegisterFormat(parsed.meta.fields!)).toBe(true);
    const back = parsed.data.map((row) => StaffRecord.parse(rowToRecordInput(row).input));
    expect(back).toEqual(records);
  });

  it('expected.json counts agree with the records', () => {
    const e = files.expected;
    expect(e.people.total).toBe(records.length);
    expect(e.fte.byCouncil).toEqual({ camden: 175, haringey: 91.7, islington: 138.1 });
    expect(e.fte.byCouncilAndCategory.islington.transformation).toBe(17.5);
    expect(e.readiness.camden['not-applicable']).toBe(
      e.people.byCouncil.camden.inPost + e.people.byCouncil.camden.vacant,
    );
  });
});
