import { describe, expect, it } from 'vitest';
import { buildTeamTree, directReports, type TeamNode } from '../../../lib/views/team-tree';
import { person } from './fixtures';

const head = person({ council: 'camden', employeeNumber: 'C1', forename: 'Ada', surname: 'Head', fte: 1 });
const mgr = person({
  council: 'islington',
  employeeNumber: 'I1',
  forename: 'Ben',
  surname: 'Manager',
  fte: 1,
  lineManager: 'camden:C1',
});
const a = person({
  council: 'haringey',
  employeeNumber: 'H1',
  forename: 'Cat',
  surname: 'Able',
  fte: 0.6,
  lineManager: 'islington:I1',
});
const b = person({
  council: 'islington',
  employeeNumber: 'I2',
  surname: 'Baker',
  fte: 0.8,
  lineManager: 'islington:I1',
});
const vacant = person({ council: 'camden', employeeNumber: 'C9', vacant: true, fte: 0.5, lineManager: 'camden:C1' });
const orphan = person({
  council: 'haringey',
  employeeNumber: 'H5',
  surname: 'Zed',
  fte: 0.3,
  lineManager: 'camden:GONE',
});

const shape = (n: TeamNode): unknown => ({
  key: n.key,
  fte: n.fteTotal,
  people: n.headcount,
  ...(n.children.length ? { children: n.children.map(shape) } : {}),
});

describe('team tree by line manager', () => {
  it('nests reports under their manager, across councils, with FTE totals per node, vacant posts last', () => {
    const tree = buildTeamTree([a, orphan, b, vacant, mgr, head]);
    expect(tree.map(shape)).toEqual([
      {
        key: 'camden:C1',
        fte: 3.4,
        people: 4,
        children: [
          {
            key: 'islington:I1',
            fte: 2.4,
            people: 3,
            children: [
              { key: 'haringey:H1', fte: 0.6, people: 1 },
              { key: 'islington:I2', fte: 0.8, people: 1 },
            ],
          },
          // A vacant post sits in the tree but adds no FTE or people.
          { key: 'camden:C9', fte: 0, people: 0 },
        ],
      },
      // A manager who is not in the register makes their report a root.
      { key: 'haringey:H5', fte: 0.3, people: 1 },
    ]);
  });

  it('counts unknown FTE as 0 and avoids float drift', () => {
    const lead = person({ council: 'camden', employeeNumber: 'L', fte: 0.1 });
    const reports = Array.from({ length: 10 }, (_, i) =>
      person({ council: 'camden', employeeNumber: `R${i}`, fte: 0.1, lineManager: 'camden:L' }),
    );
    const noFte = person({ council: 'camden', employeeNumber: 'N', lineManager: 'camden:L' });
    const [root] = buildTeamTree([lead, ...reports, noFte]);
    expect(root!.fteTotal).toBe(1.1);
    expect(root!.headcount).toBe(12);
  });

  it('breaks a loop of line managers instead of hanging, and marks where', () => {
    const x = person({ council: 'camden', employeeNumber: 'X', fte: 1, lineManager: 'camden:Y' });
    const y = person({ council: 'camden', employeeNumber: 'Y', fte: 1, lineManager: 'camden:X' });
    const self = person({ council: 'camden', employeeNumber: 'S', fte: 1, lineManager: 'camden:S' });
    const tree = buildTeamTree([x, y, self]);
    const keys = tree.map((n) => n.key).sort();
    expect(keys).toEqual(['camden:S', 'camden:X']);
    const loopRoot = tree.find((n) => n.key === 'camden:X')!;
    expect(loopRoot.cycle).toBe(true);
    expect(loopRoot.children.map((c) => c.key)).toEqual(['camden:Y']);
    expect(loopRoot.fteTotal).toBe(2);
  });

  it('handles a very deep chain without overflowing the stack', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) =>
      person({ council: 'camden', employeeNumber: `D${i}`, fte: 1, lineManager: i ? `camden:D${i - 1}` : undefined }),
    );
    const [root] = buildTeamTree(chain);
    expect(root!.headcount).toBe(20_000);
    expect(root!.fteTotal).toBe(20_000);
  });

  it('lists direct reports', () => {
    expect(directReports([a, b, mgr], 'islington:I1').map((r) => r.employeeNumber)).toEqual(['H1', 'I2']);
  });
});
