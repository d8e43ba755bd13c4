import { describe, expect, it } from 'vitest';
import { fteByCouncilAndCategory, tomGrid } from '../../../lib/views/tom-grid';
import { person } from './fixtures';

const records = [
  person({ council: 'camden', team: 'Service Desk', tomFunction: 'common-infrastructure', fte: 1 }),
  person({ council: 'haringey', team: 'Service Desk', tomFunction: 'common-infrastructure', fte: 0.5 }),
  person({ council: 'haringey', team: 'Service Desk', tomFunction: 'application-support', fte: 0.8 }),
  person({ council: 'islington', team: 'Web', fte: 1 }),
  person({ council: 'islington', fte: 0.2 }),
  person({ council: 'islington', team: 'Web', vacant: true, fte: 1, tomFunction: 'digital-change' }),
];

describe('current team × TOM function grid', () => {
  it('counts people and FTE per cell, rows by team name with "no team" last, vacant posts left out', () => {
    const g = tomGrid(records);
    expect(g.rows.map((r) => r.team)).toEqual(['Service Desk', 'Web', '']);
    const desk = g.rows[0]!;
    expect(desk.cells['common-infrastructure']).toEqual({ people: 2, fte: 1.5 });
    expect(desk.cells['application-support']).toEqual({ people: 1, fte: 0.8 });
    expect(desk.cells['digital-change']).toEqual({ people: 0, fte: 0 });
    expect(desk.total).toEqual({ people: 3, fte: 2.3 });
    expect(g.rows[1]!.cells.none).toEqual({ people: 1, fte: 1 });
    expect(g.totals['digital-change']).toEqual({ people: 0, fte: 0 });
    expect(g.total).toEqual({ people: 5, fte: 3.5 });
  });
});

describe('FTE by council × service category', () => {
  it('sums FTE of people in post per cell and totals, uncategorised kept apart', () => {
    const b = fteByCouncilAndCategory([
      person({ council: 'islington', serviceCategory: 'transformation', fte: 0.1 }),
      person({ council: 'islington', serviceCategory: 'transformation', fte: 0.2 }),
      person({ council: 'camden', serviceCategory: 'strategic-leadership', fte: 1 }),
      person({ council: 'camden', serviceCategory: 'strategic-leadership', fte: 1, vacant: true }),
      person({ council: 'haringey', fte: 0.5 }),
    ]);
    expect(b.fte.transformation).toEqual({ camden: 0, haringey: 0, islington: 0.3 });
    expect(b.fte['strategic-leadership'].camden).toBe(1);
    expect(b.fte.none.haringey).toBe(0.5);
    expect(b.categoryTotals).toEqual({
      'strategic-leadership': 1,
      transformation: 0.3,
      'customer-focused-it': 0,
      'architecture-planning-policy': 0,
      none: 0.5,
    });
    expect(b.councilTotals).toEqual({ camden: 1, haringey: 0.5, islington: 0.3 });
    expect(b.total).toBe(1.8);
  });
});
