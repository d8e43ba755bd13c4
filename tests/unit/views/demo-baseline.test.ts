import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_AT_RISK_DAYS, DEMO_PLAN, DEMO_TODAY, generateDemoStaff } from '../../../lib/demo';
import { countReadiness, summariseReadiness } from '../../../lib/views/readiness-summary';
import { buildRegisterRows } from '../../../lib/views/register-rows';
import { buildTeamTree } from '../../../lib/views/team-tree';
import { fteByCouncilAndCategory } from '../../../lib/views/tom-grid';

const records = generateDemoStaff();
const expected = JSON.parse(readFileSync(path.join(__dirname, '../../../public/demo/expected.json'), 'utf8')) as {
  fte: { byCouncil: Record<string, number>; byCouncilAndCategory: Record<string, Record<string, number>> };
  readiness: Record<string, Record<string, number>>;
};

describe('views on the demo data', () => {
  it('reproduce the SOCITM baseline: Islington 138.1, Camden 175.0, Haringey 91.7 FTE', () => {
    const b = fteByCouncilAndCategory(records);
    expect(b.councilTotals).toEqual({ islington: 138.1, camden: 175, haringey: 91.7 });
    for (const [council, byCategory] of Object.entries(expected.fte.byCouncilAndCategory)) {
      for (const [category, fte] of Object.entries(byCategory)) {
        expect(b.fte[category as keyof typeof b.fte][council as 'camden']).toBe(fte);
      }
    }
    expect(b.categoryTotals.none).toBe(0);
  });

  it('count readiness by council as the demo expects', () => {
    const rows = buildRegisterRows(records, { plan: DEMO_PLAN, today: DEMO_TODAY, atRiskDays: DEMO_AT_RISK_DAYS });
    const byCouncil = Object.fromEntries(summariseReadiness(rows, 'council').map((g) => [g.id, g.counts]));
    for (const council of ['haringey', 'islington']) {
      const e = expected.readiness[council]!;
      expect(byCouncil[council]).toEqual({
        ready: e.ready,
        atRisk: e['at-risk'],
        blocked: e.blocked,
        total: e.ready! + e['at-risk']! + e.blocked!,
      });
    }
    expect(byCouncil.camden).toBeUndefined();
    expect(countReadiness(rows).total).toBe(31 + 35 + 34 + 52 + 53 + 40);
  });

  it('build a line-management tree whose roots carry the whole service’s FTE in post', () => {
    const roots = buildTeamTree(records);
    const total = roots.reduce((s, r) => s + r.fteTotal, 0);
    expect(Math.round(total * 10) / 10).toBe(404.8);
    expect(roots.reduce((s, r) => s + r.headcount, 0)).toBe(records.filter((r) => !r.vacant).length);
  });
});
