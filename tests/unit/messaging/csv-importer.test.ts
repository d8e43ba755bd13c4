import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { PREVIEW_LIST_LIMIT, csvImporter, type ImportPlanView } from '../../../lib/messaging/csv-importer';
import { hrCsv, hrMapping } from '../../bench/hr-csv';
import type { ImportPreview, ResponseMap } from '../../../lib/messaging/protocol';
import { DEMO_SETTINGS } from '../../../lib/demo/plan';
import { EXTENSION, makeHandlers } from './helpers';

const demoCsv = () => readFile(new URL('../../../public/demo/staff.csv', import.meta.url));

function withRealImporter() {
  return makeHandlers({
    importer: csvImporter,
    demoSettings: DEMO_SETTINGS,
    fetch: async (url) =>
      url === `${EXTENSION.origin}/demo/staff.csv` ? new Response(await demoCsv()) : new Response('', { status: 404 }),
  });
}

const HR_EXPORT = [
  'Emp No,First name,Last name,Email,Team',
  'H100,Amara,Okoye,amara.okoye@haringey.example,Networks',
  'H101,Tomasz,Nowak,tomasz.nowak@haringey.example,Research',
].join('\n');

describe('importing through lib/csv and lib/register', () => {
  it('loads the packaged demo through the normal path: every person, demo settings, nothing damaged', async () => {
    const h = withRealImporter();
    const r = (await h.ask({ type: 'loadDemoData' })) as ResponseMap['loadDemoData'];
    const lines = (await demoCsv()).toString('utf8').trim().split('\n').length - 1;
    expect(r).toEqual({ version: 1, records: lines });
    const register = (await h.ask({ type: 'getRegister' })) as ResponseMap['getRegister'];
    expect(register.damaged).toEqual([]);
    expect(((await h.ask({ type: 'getSettings' })) as ResponseMap['getSettings']).activePlanId).toBe(
      DEMO_SETTINGS.activePlanId,
    );
    // Loading it again changes nothing but the version.
    const again = (await h.ask({ type: 'loadDemoData' })) as ResponseMap['loadDemoData'];
    expect(again.records).toBe(lines);
  }, 60_000); // lib/csv reads the 460-row demo file in seconds in Node (reported)

  it('asks for the council when the file has none, refuses to apply until then, and saves the mapping after', async () => {
    const h = withRealImporter();
    const first = (await h.ask({ type: 'previewImport', source: 'itrent.csv', text: HR_EXPORT })) as ImportPreview;
    expect(first.problem).toMatch(/council/i);
    expect((first.plan as ImportPlanView).read.required.map((c) => c.kind)).toContain('council');
    const refused = await h.handlers.handle(
      { type: 'applyImport', id: first.id },
      { id: EXTENSION.id, url: `${EXTENSION.origin}/options.html` },
    );
    expect(refused).toEqual({ ok: false, error: first.problem });

    const mapping = { ...((first.plan as ImportPlanView).read.mapping as object), defaultCouncil: 'haringey' };
    const second = (await h.ask({
      type: 'previewImport',
      source: 'itrent.csv',
      text: HR_EXPORT,
      mapping,
    })) as ImportPreview;
    expect(second.problem).toBeUndefined();
    expect(second.counts).toMatchObject({ rows: 2, added: 2, invalid: 0 });
    await h.ask({ type: 'applyImport', id: second.id });
    const names = ((await h.ask({ type: 'search', query: 'okoye' })) as ResponseMap['search']).map((c) => c.key);
    expect(names).toEqual(['haringey:H100']);

    // The next file from the same source needs no question: the saved mapping is used.
    const third = (await h.ask({
      type: 'previewImport',
      source: 'itrent.csv',
      text: HR_EXPORT.replace('Networks', 'Information Security'),
    })) as ImportPreview;
    expect(third.problem).toBeUndefined();
    expect(third.counts).toMatchObject({ changed: 1, unchanged: 1 });
  });

  it('offers a conflict when the file changes a field edited in the extension, and keeps the choice', async () => {
    const h = withRealImporter();
    const p0 = (await h.ask({ type: 'previewImport', source: 'hr.csv', text: HR_EXPORT })) as ImportPreview;
    const mapping = { ...((p0.plan as ImportPlanView).read.mapping as object), defaultCouncil: 'haringey' };
    const p1 = (await h.ask({ type: 'previewImport', source: 'hr.csv', text: HR_EXPORT, mapping })) as ImportPreview;
    await h.ask({ type: 'applyImport', id: p1.id });
    await h.ask({ type: 'updatePerson', key: 'haringey:H100', patch: { team: 'Shared Service Centre' } });
    const p2 = (await h.ask({
      type: 'previewImport',
      source: 'hr.csv',
      text: HR_EXPORT.replace('Networks', 'Information Security'),
    })) as ImportPreview;
    const conflicts = (p2.plan as ImportPlanView).conflicts;
    expect(conflicts.map((c) => c.id)).toEqual(['haringey:H100|team']);
    await h.ask({ type: 'applyImport', id: p2.id, choices: { 'haringey:H100|team': 'incoming' } });
    const person = (await h.ask({ type: 'getPerson', key: 'haringey:H100' })) as { record: { team?: string } };
    expect(person.record.team).toBe('Information Security');
  });

  it('fails a sync of a file it cannot read without touching the register', () => {
    const r = csvImporter.preview({
      source: 'x',
      file: '\u0000\u0001garbage',
      register: [],
      at: '2018-01-01T00:00:00Z',
    });
    expect(r.ok && r.problem).toBeTruthy();
  });

  it('sends the page counts and the first items of each list, not every record', async () => {
    const h = withRealImporter();
    const rows = PREVIEW_LIST_LIMIT + 50;
    const mapping = hrMapping('hr.csv') as unknown as Record<string, unknown>;
    const p = (await h.ask({
      type: 'previewImport',
      source: 'hr.csv',
      text: hrCsv(rows, 7),
      mapping,
    })) as ImportPreview;
    const view = p.plan as ImportPlanView;
    expect(p.counts).toMatchObject({ rows, added: rows, invalid: 0 });
    expect(view.totals.added).toBe(rows);
    expect(view.added).toHaveLength(PREVIEW_LIST_LIMIT);
    expect(view.added[0]).toEqual({ key: 'camden:000001', name: expect.any(String) as string });
    // The whole plan stays in the background: applying writes every row, not just those shown.
    await h.ask({ type: 'applyImport', id: p.id });
    const register = (await h.ask({ type: 'getRegister' })) as ResponseMap['getRegister'];
    expect(register.total).toBe(rows);
    // A month later, 1 in 10 people changed: the preview lists the first changes, applies all of them.
    const q = (await h.ask({
      type: 'previewImport',
      source: 'hr.csv',
      text: hrCsv(rows, 7, 10),
      mapping,
    })) as ImportPreview;
    expect(q.counts).toMatchObject({ added: 0, changed: 25, unchanged: rows - 25 });
    expect((q.plan as ImportPlanView).changed).toHaveLength(25);
    expect(JSON.stringify(q).length).toBeLessThan(60_000);
  });

  it('counts rows held back as Excel-stripped employee numbers as left out with problems', async () => {
    const h = withRealImporter();
    const file = ['Emp No,First name,Last name,Council', '001016,Jo,Smith,Haringey'].join('\n');
    await h.ask({
      type: 'applyImport',
      id: ((await h.ask({ type: 'previewImport', source: 'a.csv', text: file })) as ImportPreview).id,
    });
    const stripped = (await h.ask({
      type: 'previewImport',
      source: 'a.csv',
      text: `${file.split('\n')[0]}\n1016,Jo,Smith,Haringey\n2000,Al,Jones,Haringey`,
    })) as ImportPreview;
    expect(stripped.counts).toMatchObject({ rows: 2, added: 1, invalid: 1, notInRoster: 0 });
    expect((stripped.plan as ImportPlanView).totals.suspectedStrippedZeros).toBe(1);
  });

  it('keeps records small after a second import: history entries hold field values, never whole records', async () => {
    const h = withRealImporter();
    const mapping = hrMapping('hr.csv') as unknown as Record<string, unknown>;
    for (const text of [hrCsv(300, 3), hrCsv(300, 3, 10), hrCsv(300, 3, 3)]) {
      const p = (await h.ask({ type: 'previewImport', source: 'hr.csv', text, mapping })) as ImportPreview;
      await h.ask({ type: 'applyImport', id: p.id });
    }
    const register = (await h.ask({ type: 'getRegister' })) as ResponseMap['getRegister'];
    expect(register.damaged).toEqual([]);
    for (const r of register.records) {
      expect(JSON.stringify(r).length, r.employeeNumber).toBeLessThan(2_000);
      for (const e of r.history) {
        for (const v of [e.from, e.to]) expect(v === undefined || (v.length < 100 && !v.startsWith('{'))).toBe(true);
      }
    }
    // The background's copy after the imports is exactly what a fresh load of the store reads.
    const fresh = await h.staff.loadRegister();
    const byKey = (rs: readonly { council: string; employeeNumber: string }[]) =>
      Object.fromEntries(rs.map((r) => [`${r.council}:${r.employeeNumber}`, r]));
    expect(byKey(register.records)).toEqual(byKey(fresh.records));
    expect(register.version).toBe(fresh.version);
  });
});
