import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type StaffRecord, type StaffRecordInput, StaffRecord as Schema, keyOf } from '../../../lib/domain';
import { type IncomingRow, planCounts, planImport, resolvePlan } from '../../../lib/register/plan-import';

const NOW = '2018-03-01T09:00:00.000Z';
const SOURCE = 'itrent.csv';

function rec(input: Partial<StaffRecordInput> & { employeeNumber: string }): StaffRecord {
  return Schema.parse({ council: 'haringey', forename: 'Jo', surname: 'Smith', ...input });
}

const IDENTITY = ['council', 'employeeNumber', 'forename', 'surname', 'vacant', 'jobTitle', 'team', 'fte'];

function row(record: StaffRecord, line = 2, carried: readonly string[] = IDENTITY): IncomingRow {
  return { line, record, carried: new Set(carried) };
}

describe('planImport', () => {
  it('adds new people, counts unchanged ones, and lists field changes in display words', () => {
    const existing = [rec({ employeeNumber: 'H1', jobTitle: 'Analyst', fte: 1 }), rec({ employeeNumber: 'H2' })];
    const plan = planImport(
      existing,
      [
        row(rec({ employeeNumber: 'H1', jobTitle: 'Senior analyst', fte: 0.8 }), 2),
        row(rec({ employeeNumber: 'H2' }), 3),
        row(rec({ employeeNumber: 'H3', forename: 'Al', surname: 'Jones' }), 4),
      ],
      { source: SOURCE, now: NOW },
    );
    expect(plan.added.map(keyOf)).toEqual(['haringey:H3']);
    expect(plan.unchanged).toBe(1);
    expect(plan.changed).toEqual([
      {
        key: 'haringey:H1',
        name: 'Jo Smith',
        line: 2,
        changes: [
          { path: 'fte', label: 'FTE', old: '1', new: '0.8' },
          { path: 'jobTitle', label: 'Job title', old: 'Analyst', new: 'Senior analyst' },
        ],
        conflictIds: [],
      },
    ]);
    expect(plan.conflicts).toEqual([]);
    expect(plan.missing).toEqual([]);
    expect(planCounts(plan, 5, 2)).toEqual({
      rows: 5,
      added: 1,
      changed: 1,
      unchanged: 1,
      notInRoster: 0,
      invalid: 2,
      conflicts: 0,
    });
  });

  it('keeps fields the file does not carry (pension ticks, other plans) and overwrites those it does', () => {
    const local = rec({
      employeeNumber: 'H1',
      team: 'Networks',
      pension: { items: { mccloud: { state: 'done', date: '2018-02-01' } } },
      transfers: [{ planId: 'fwd', scope: 'in-scope' }],
    });
    const file = rec({ employeeNumber: 'H1', team: 'Service Desk' });
    const { put } = resolvePlan(planImport([local], [row(file)], { source: SOURCE, now: NOW }));
    expect(put).toHaveLength(1);
    expect(put[0]).toMatchObject({
      team: 'Service Desk',
      pension: { items: { mccloud: { state: 'done', date: '2018-02-01' } } },
      transfers: [{ planId: 'fwd', scope: 'in-scope' }],
    });
    expect(put[0]!.history).toEqual([
      { at: NOW, by: 'CSV import: itrent.csv', field: 'team', from: 'Networks', to: 'Service Desk' },
    ]);
  });

  it('clears a carried field the file leaves empty', () => {
    const plan = planImport(
      [rec({ employeeNumber: 'H1', jobTitle: 'Analyst' })],
      [row(rec({ employeeNumber: 'H1' }))],
      {
        source: SOURCE,
        now: NOW,
      },
    );
    expect(plan.changed[0]!.changes).toEqual([{ path: 'jobTitle', label: 'Job title', old: 'Analyst', new: '' }]);
    expect(resolvePlan(plan).put[0]!.jobTitle).toBeUndefined();
  });

  describe('conflicts with edits made in the extension', () => {
    const local = rec({
      employeeNumber: 'H1',
      team: 'Networks (edited)',
      jobTitle: 'Lead (edited)',
      grade: 'PO4',
      localEdits: { team: '2018-02-20T10:00:00Z', jobTitle: '2018-02-21T10:00:00Z' },
    });
    const file = rec({ employeeNumber: 'H1', team: 'Networks', jobTitle: 'Lead (edited)', grade: 'PO5' });
    const plan = planImport([local], [row(file, 7, [...IDENTITY, 'grade'])], { source: SOURCE, now: NOW });

    it('asks only about locally edited fields the file changes', () => {
      expect(plan.conflicts).toEqual([
        {
          id: 'haringey:H1|team',
          key: 'haringey:H1',
          name: 'Jo Smith',
          line: 7,
          path: 'team',
          label: 'Team',
          local: 'Networks (edited)',
          file: 'Networks',
          editedAt: '2018-02-20T10:00:00Z',
        },
      ]);
      expect(plan.changed[0]!.changes.map((c) => c.path)).toEqual(['grade']);
    });

    it.each([
      ['unanswered keeps the local edit', {}, 'Networks (edited)', { team: '2018-02-20T10:00:00Z' }, 1, 0],
      ['keep-local', { 'haringey:H1|team': 'keep-local' }, 'Networks (edited)', { team: '2018-02-20T10:00:00Z' }, 1, 0],
      ['take-file', { 'haringey:H1|team': 'take-file' }, 'Networks', {}, 0, 1],
      ['the protocol word "incoming"', { 'haringey:H1|team': 'incoming' }, 'Networks', {}, 0, 1],
    ] as const)('%s', (_name, choices, team, teamEdit, keptLocal, tookFile) => {
      const { put, summary } = resolvePlan(plan, choices);
      expect(put[0]!.team).toBe(team);
      expect(put[0]!.grade).toBe('PO5');
      expect(put[0]!.localEdits).toEqual({ ...teamEdit, jobTitle: '2018-02-21T10:00:00Z' });
      expect(summary).toMatchObject({ changed: 1, conflicts: 1, keptLocal, tookFile });
    });

    it('treats an edit of a whole group (s113) as covering its fields', () => {
      const edited = rec({
        employeeNumber: 'H2',
        s113: { placed: true },
        localEdits: { s113: '2018-02-01T00:00:00Z' },
      });
      const fromFile = rec({ employeeNumber: 'H2', s113: { placed: false } });
      const p = planImport([edited], [row(fromFile, 2, ['s113.placed'])], { source: SOURCE, now: NOW });
      expect(p.conflicts.map((c) => [c.id, c.local, c.file])).toEqual([['haringey:H2|s113.placed', 'Yes', 'No']]);
      expect(resolvePlan(p, { 'haringey:H2|s113.placed': 'take-file' }).put[0]!.localEdits).toEqual({});
    });
  });

  it('marks people missing from the file as not in the latest roster, only in the councils the file covers, never deleting', () => {
    const existing = [
      rec({ employeeNumber: 'H1' }),
      rec({ employeeNumber: 'H2', forename: 'Gone', surname: 'Away' }),
      rec({ employeeNumber: 'H3', inLatestRoster: false }),
      rec({ council: 'camden', employeeNumber: 'C1' }),
    ];
    const plan = planImport(existing, [row(rec({ employeeNumber: 'H1' }))], { source: SOURCE, now: NOW });
    expect(plan.councils).toEqual(['haringey']);
    expect(plan.missing).toEqual([{ key: 'haringey:H2', name: 'Gone Away' }]);
    const { put, summary, undo } = resolvePlan(plan);
    expect(put.map((r) => [keyOf(r), r.inLatestRoster])).toEqual([['haringey:H2', false]]);
    expect(put[0]!.history.at(-1)).toEqual({
      at: NOW,
      by: 'CSV import: itrent.csv',
      field: 'inLatestRoster',
      from: 'Yes',
      to: 'No',
    });
    expect(summary).toMatchObject({ notInRoster: 1, unchanged: 1 });
    expect(undo.restore).toEqual([existing[1]]);
  });

  it('puts people back in the roster when they reappear', () => {
    const plan = planImport(
      [rec({ employeeNumber: 'H1', inLatestRoster: false })],
      [row(rec({ employeeNumber: 'H1' }))],
      {
        source: SOURCE,
        now: NOW,
      },
    );
    expect(plan.returning).toEqual(['haringey:H1']);
    expect(plan.changed[0]!.changes).toEqual([
      { path: 'inLatestRoster', label: 'In the latest file', old: 'No', new: 'Yes' },
    ]);
    const { put, summary } = resolvePlan(plan);
    expect(put[0]!.inLatestRoster).toBe(true);
    expect(summary.returned).toBe(1);
  });

  it('removes a transfer the file no longer has, instead of leaving one full of defaults', () => {
    const paths = ['scope', 'assignment', 'representation', 'affected', 'outcome', 'informed'].map(
      (f) => `transfers.fwd.${f}`,
    );
    const local = rec({
      employeeNumber: 'H1',
      transfers: [{ planId: 'fwd', scope: 'in-scope', informed: '2018-01-05' }],
    });
    const plan = planImport([local], [row(rec({ employeeNumber: 'H1' }), 2, paths)], { source: SOURCE, now: NOW });
    const { put } = resolvePlan(plan);
    expect(put[0]!.transfers).toEqual([]);
    // Importing the same file again finds nothing to change.
    expect(
      planImport(put, [row(rec({ employeeNumber: 'H1' }), 2, paths)], { source: SOURCE, now: NOW }).unchanged,
    ).toBe(1);
  });

  it('gives undo what it needs: earlier records and added keys', () => {
    const before = rec({ employeeNumber: 'H1', team: 'A' });
    const plan = planImport(
      [before],
      [row(rec({ employeeNumber: 'H1', team: 'B' })), row(rec({ employeeNumber: 'H9' }), 3)],
      {
        source: SOURCE,
        now: NOW,
      },
    );
    expect(resolvePlan(plan).undo).toEqual({ restore: [before], remove: ['haringey:H9'] });
  });

  it('ignores a repeated key in the incoming rows (the first wins)', () => {
    const plan = planImport(
      [],
      [row(rec({ employeeNumber: 'H1', team: 'A' })), row(rec({ employeeNumber: 'H1', team: 'B' }), 3)],
      {
        source: SOURCE,
        now: NOW,
      },
    );
    expect(plan.added.map((r) => r.team)).toEqual(['A']);
  });

  const arbRecord = fc
    .record({
      n: fc.integer({ min: 1, max: 30 }),
      team: fc.option(fc.constantFrom('Networks', 'Service Desk', 'Security'), { nil: undefined }),
      jobTitle: fc.option(fc.constantFrom('Analyst', 'Lead'), { nil: undefined }),
      fte: fc.option(fc.constantFrom(0.5, 1), { nil: undefined }),
      edited: fc.boolean(),
    })
    .map(({ n, team, jobTitle, fte, edited }) =>
      rec({ employeeNumber: `H${n}`, team, jobTitle, fte, localEdits: edited ? { team: NOW } : {} }),
    );

  it('is idempotent: applying a file and planning it again finds nothing to change (all conflicts taken)', () => {
    fc.assert(
      fc.property(fc.array(arbRecord, { maxLength: 15 }), fc.array(arbRecord, { maxLength: 15 }), (store, file) => {
        const dedupe = (rs: StaffRecord[]) => rs.filter((r, i) => rs.findIndex((x) => keyOf(x) === keyOf(r)) === i);
        const existing = dedupe(store);
        const rows = dedupe(file).map((r, i) => row({ ...r, localEdits: {} }, i + 2));
        const plan = planImport(existing, rows, { source: SOURCE, now: NOW });
        const choices = Object.fromEntries(plan.conflicts.map((c) => [c.id, 'take-file' as const]));
        const { put } = resolvePlan(plan, choices);
        const byKey = new Map(existing.map((r) => [keyOf(r), r]));
        for (const r of put) byKey.set(keyOf(r), r);
        const again = planImport([...byKey.values()], rows, { source: SOURCE, now: NOW });
        expect(again.added).toEqual([]);
        expect(again.changed).toEqual([]);
        expect(again.unchanged).toBe(rows.length);
        // Nothing is ever deleted.
        expect(byKey.size).toBeGreaterThanOrEqual(existing.length);
      }),
    );
  });

  it('is deterministic and does not change its inputs', () => {
    const existing = [rec({ employeeNumber: 'H1', team: 'A', localEdits: { team: NOW } })];
    const copy = structuredClone(existing);
    const rows = [row(rec({ employeeNumber: 'H1', team: 'B' }))];
    const a = planImport(existing, rows, { source: SOURCE, now: NOW });
    const b = planImport(existing, rows, { source: SOURCE, now: NOW });
    expect(structuredClone(a)).toEqual(structuredClone(b));
    resolvePlan(a, { 'haringey:H1|team': 'take-file' });
    expect(existing).toEqual(copy);
  });
});
