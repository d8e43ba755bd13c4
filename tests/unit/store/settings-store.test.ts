import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_VERSION } from '../../../lib/domain';
import { createDbAccess } from '../../../lib/store/db';
import { createSettingsStore, migrateSettings } from '../../../lib/store/settings-store';
import { uniqueDbName } from './helpers';

/** One fixture per settings version, as saved by that version's code. */
const FIXTURES: Record<number, unknown> = {
  1: {
    version: 1,
    userName: 'Asha Patel',
    plans: [
      {
        id: 'forward-2018',
        name: 'Haringey and Islington staff to Camden',
        legalBasis: 'TUPE',
        transferors: ['haringey', 'islington'],
        transferee: 'camden',
        transferDate: '2018-04-01',
      },
    ],
    activePlanId: 'forward-2018',
    atRiskDays: 21,
    csvUrl: 'https://intranet.example/register.csv',
    syncEveryMinutes: 60,
    autoApplySync: false,
    sites: ['https://intranet.example/*'],
  },
};

describe('migrateSettings', () => {
  it('has a fixture for every settings version up to the current one', () => {
    for (let v = 1; v <= SETTINGS_VERSION; v++) expect(FIXTURES[v], `fixture for version ${v}`).toBeDefined();
  });

  it.each(Object.entries(FIXTURES))('reads version %s settings into the current schema', (_v, fixture) => {
    const r = migrateSettings(fixture);
    expect(r.problem).toBeUndefined();
    expect(r.settings.version).toBe(SETTINGS_VERSION);
    expect(r.settings.userName).toBe('Asha Patel');
    expect(r.settings.plans[0]?.transferDate).toBe('2018-04-01');
  });

  it('treats settings saved without a version as version 1', () => {
    expect(migrateSettings({ userName: 'Sam' })).toEqual({ settings: { ...DEFAULT_SETTINGS, userName: 'Sam' } });
  });

  it.each([
    ['nothing saved', undefined, undefined],
    ['a damaged value', 'oops', /damaged/],
    ['an invalid field', { atRiskDays: 0 }, /atRiskDays/],
    ['a newer version', { version: SETTINGS_VERSION + 1 }, /newer version/],
  ])('falls back to the defaults for %s and says why', (_what, raw, problem) => {
    const r = migrateSettings(raw);
    expect(r.settings).toEqual(DEFAULT_SETTINGS);
    if (problem) expect(r.problem).toMatch(problem);
    else expect(r.problem).toBeUndefined();
  });
});

describe('settings store', () => {
  it('saves valid settings and reads them back', async () => {
    const store = createSettingsStore({ db: createDbAccess({ name: uniqueDbName() }) });
    expect(await store.getSettings()).toEqual(DEFAULT_SETTINGS);
    const saved = await store.saveSettings({ ...DEFAULT_SETTINGS, userName: 'Asha Patel', atRiskDays: 10 });
    expect(await store.getSettings()).toEqual(saved);
  });

  it('refuses invalid settings with a plain reason and keeps the old ones', async () => {
    const store = createSettingsStore({ db: createDbAccess({ name: uniqueDbName() }) });
    await expect(store.saveSettings({ ...DEFAULT_SETTINGS, csvUrl: 'ftp://x' })).rejects.toThrow(
      /The settings were not saved: csvUrl/,
    );
    expect(await store.getSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps HTTP validators per address', async () => {
    const store = createSettingsStore({ db: createDbAccess({ name: uniqueDbName() }) });
    const url = 'https://intranet.example/register.csv';
    expect(await store.getSyncState(url)).toEqual({ url });
    await store.saveSyncState({ url, etag: '"abc"', lastModified: 'Tue, 09 Jan 2018 10:00:00 GMT' });
    expect(await store.getSyncState(url)).toEqual({
      url,
      etag: '"abc"',
      lastModified: 'Tue, 09 Jan 2018 10:00:00 GMT',
    });
  });
});
