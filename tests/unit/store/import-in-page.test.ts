import { describe, expect, it, vi } from 'vitest';
import { readRows } from '../../../lib/csv/read-rows';
import type { ImportPlanView } from '../../../lib/messaging/csv-importer';
import { MESSAGES, createDbAccess } from '../../../lib/store/db';
import { STALE_PREVIEW, createStaffStore } from '../../../lib/store/staff-store';
import { createInPageImporter } from '../../../entrypoints/options/pages/import-in-page';
import { hrCsv, hrMapping } from '../../bench/hr-csv';
import { tickingClock, uniqueDbName } from './helpers';

function setup() {
  const db = createDbAccess({ name: uniqueDbName() });
  const now = tickingClock();
  const notify = vi.fn(async () => undefined);
  return { importer: createInPageImporter({ db, now, notify }), store: createStaffStore({ db, now }), notify };
}

const SOURCE = 'File: hr.csv';
const read = (text: string) => readRows(text, hrMapping(SOURCE), { source: SOURCE });

describe('importing a file in the Import page', () => {
  it('previews without writing, applies in one go, tells the background, and saves the mapping', async () => {
    const { importer, store, notify } = setup();
    const p = await importer.preview(SOURCE, read(hrCsv(30, 5)));
    expect(p.preview.counts).toMatchObject({ rows: 30, added: 30, changed: 0, invalid: 0 });
    expect(p.preview.problem).toBeUndefined();
    expect((await store.loadRegister()).records).toHaveLength(0);
    expect(notify).not.toHaveBeenCalled();

    const r = await importer.apply(p, {});
    expect(r.counts).toEqual(p.preview.counts);
    expect(notify).toHaveBeenCalledTimes(1);
    const after = await store.loadRegister();
    expect(after.records).toHaveLength(30);
    expect(after.version).toBe(r.version);
    expect((await store.getImportHistory())[0]).toMatchObject({ source: SOURCE, touched: 30 });
    expect(await store.getMapping(SOURCE)).toMatchObject({ columns: { 'Employee No': 'employeeNumber' } });

    // A month later: only the changed people change, and undo puts them back exactly.
    const before = JSON.stringify((await store.loadRegister()).records);
    const q = await importer.preview(SOURCE, read(hrCsv(30, 5, 10)));
    expect(q.preview.counts).toMatchObject({ added: 0, changed: 3, unchanged: 27 });
    expect((q.preview.plan as ImportPlanView).changed.map((c) => c.key)).toEqual([
      'camden:000001',
      'haringey:000011',
      'islington:000021',
    ]);
    await importer.apply(q, {});
    await store.undoLastImport();
    expect(JSON.stringify((await store.loadRegister()).records)).toBe(before);
  });

  it('stores exactly the same whether the records were sealed when read (as the Import page does) or not', async () => {
    const stored: string[] = [];
    for (const seal of [false, true]) {
      const { importer, store } = setup();
      const readAs = (text: string) => readRows(text, hrMapping(SOURCE), { source: SOURCE, seal });
      await importer.apply(await importer.preview(SOURCE, readAs(hrCsv(40, 5))), {});
      await store.updateRecord('camden:000001', (r) => ({ ...r, team: 'Edited here' }), 'Asha');
      const before = JSON.stringify(await store.loadRegister());
      const q = await importer.preview(SOURCE, readAs(hrCsv(40, 5, 10)));
      await importer.apply(q, { 'camden:000001|team': 'incoming' });
      stored.push(JSON.stringify((await store.loadRegister()).records));
      // Undo after a sealed import puts back the register exactly as it was.
      await store.undoLastImport();
      const after = await store.loadRegister();
      expect(JSON.stringify({ ...after, version: 0 })).toBe(JSON.stringify({ ...JSON.parse(before), version: 0 }));
    }
    expect(stored[1]).toBe(stored[0]);
  });

  it('reads the register early, but compares with it as it is at "Preview changes"', async () => {
    const { importer, store } = setup();
    await importer.apply(await importer.preview(SOURCE, read(hrCsv(3, 5))), {});
    importer.preload();
    await store.updateRecord('camden:000001', (r) => ({ ...r, team: 'Edited here' }), 'Asha');
    const p = await importer.preview(SOURCE, read(hrCsv(3, 5, 10)));
    expect((p.preview.plan as ImportPlanView).conflicts.map((c) => c.id)).toEqual(['camden:000001|team']);
    expect(p.basedOnVersion).toBe(await store.getVersion());
  });

  it('refuses a preview the register has moved on from, though it kept what it read', async () => {
    const { importer, store } = setup();
    await importer.apply(await importer.preview(SOURCE, read(hrCsv(3, 5))), {});
    const p = await importer.preview(SOURCE, read(hrCsv(3, 5, 10)));
    expect(p.stored?.version).toBe(p.basedOnVersion);
    await store.updateRecord('camden:000001', (r) => ({ ...r, fte: 0.5 }), 'Asha');
    const before = JSON.stringify(await store.loadRegister());
    await expect(importer.apply(p, {})).rejects.toThrow(STALE_PREVIEW);
    expect(JSON.stringify(await store.loadRegister())).toBe(before);
  });

  it('writes the same on a second try after a failed apply (what it read is copied, never changed)', async () => {
    const { importer, store } = setup();
    const readSealed = (text: string) => readRows(text, hrMapping(SOURCE), { source: SOURCE, seal: true });
    await importer.apply(await importer.preview(SOURCE, readSealed(hrCsv(30, 5))), {});
    const before = JSON.stringify((await store.loadRegister()).records);
    const p = await importer.preview(SOURCE, readSealed(hrCsv(30, 5, 10)));
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'staff') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    await expect(importer.apply(p, {})).rejects.toThrow(MESSAGES.quota);
    vi.restoreAllMocks();
    expect(JSON.stringify((await store.loadRegister()).records)).toBe(before);
    await importer.apply(p, {});
    expect((await store.loadRegister()).records.filter((r) => r.history.length > 1)).toHaveLength(3);
    await store.undoLastImport();
    expect(JSON.stringify((await store.loadRegister()).records)).toBe(before);
  });

  it('asks the user about a field edited in the extension, and keeps their choice', async () => {
    const { importer, store } = setup();
    await importer.apply(await importer.preview(SOURCE, read(hrCsv(3, 5))), {});
    await store.updateRecord('camden:000001', (r) => ({ ...r, team: 'Edited here' }), 'Asha');
    const p = await importer.preview(SOURCE, read(hrCsv(3, 5, 10)));
    const conflicts = (p.preview.plan as ImportPlanView).conflicts;
    expect(conflicts.map((c) => c.id)).toEqual(['camden:000001|team']);
    await importer.apply(p, { 'camden:000001|team': 'local' });
    const kept = await store.getRecord('camden:000001');
    expect(kept && 'team' in kept ? kept.team : undefined).toBe('Edited here');
  });

  it('refuses to apply a file that still needs choices, and changes nothing', async () => {
    const { importer, store, notify } = setup();
    const text = 'Emp No,First name,Last name\nH1,Jo,Smith\n';
    const p = await importer.preview('File: x.csv', readRows(text, undefined, { source: 'File: x.csv' }));
    expect(p.preview.problem).toMatch(/council/);
    await expect(importer.apply(p, {})).rejects.toThrow(/council/);
    expect((await store.loadRegister()).records).toHaveLength(0);
    expect(notify).not.toHaveBeenCalled();
  });

  it('counts rows held back as Excel-stripped employee numbers as left out with problems', async () => {
    const { importer } = setup();
    const head = 'Emp No,First name,Last name,Council';
    await importer.apply(await importer.preview('File: a.csv', readRows(`${head}\n001016,Jo,Smith,Haringey\n`)), {});
    const p = await importer.preview('File: a.csv', readRows(`${head}\n1016,Jo,Smith,Haringey\n`));
    expect(p.preview.counts).toMatchObject({ rows: 1, added: 0, invalid: 1, notInRoster: 0 });
  });
});
