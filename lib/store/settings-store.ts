import { DEFAULT_SETTINGS, SETTINGS_VERSION, Settings } from '../domain';
import { StoreError, type DbAccess } from './db';
import { SyncStateSchema, type SyncState } from './schemas';
import { describeZodError } from './staff-store';

/**
 * Settings migrations: `SETTINGS_MIGRATIONS[n]` turns version n into version n + 1. Settings saved before the
 * `version` field existed count as version 1 (the Settings schema fills the field in).
 * There are none yet: version 1 is the first. Add a step here and a fixture in tests/unit/store for each new one.
 */
const SETTINGS_MIGRATIONS: Record<number, (s: Record<string, unknown>) => Record<string, unknown>> = {};

export interface LoadedSettings {
  settings: Settings;
  /** Set when the saved settings could not be read; defaults are used and the saved value is left as it was. */
  problem?: string;
}

export function migrateSettings(raw: unknown): LoadedSettings {
  if (raw === undefined) return { settings: DEFAULT_SETTINGS };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { settings: DEFAULT_SETTINGS, problem: 'The saved settings are damaged, so the defaults are in use.' };
  }
  let value = { ...(raw as Record<string, unknown>) };
  let version = typeof value.version === 'number' ? value.version : 1;
  if (version > SETTINGS_VERSION) {
    return {
      settings: DEFAULT_SETTINGS,
      problem: 'The settings were saved by a newer version of Transition Lens, so the defaults are in use.',
    };
  }
  while (version < SETTINGS_VERSION) {
    const step = SETTINGS_MIGRATIONS[version];
    if (!step) return { settings: DEFAULT_SETTINGS, problem: `No way to update settings from version ${version}.` };
    value = step(value);
    version++;
  }
  const parsed = Settings.safeParse({ ...value, version });
  if (!parsed.success) {
    return {
      settings: DEFAULT_SETTINGS,
      problem: `The saved settings are damaged (${describeZodError(parsed.error)}), so the defaults are in use.`,
    };
  }
  return { settings: parsed.data };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;

export function createSettingsStore({ db }: { db: DbAccess }) {
  async function loadSettings(): Promise<LoadedSettings> {
    const d = await db.getDb();
    return migrateSettings(await d.get('settings', 'settings'));
  }

  async function getSettings(): Promise<Settings> {
    return (await loadSettings()).settings;
  }

  async function saveSettings(input: unknown): Promise<Settings> {
    const parsed = Settings.safeParse(input);
    if (!parsed.success) throw new StoreError(`The settings were not saved: ${describeZodError(parsed.error)}`);
    const d = await db.getDb();
    await d.put('settings', parsed.data, 'settings');
    return parsed.data;
  }

  async function getSyncState(url: string): Promise<SyncState> {
    const d = await db.getDb();
    const s = SyncStateSchema.safeParse(await d.get('syncState', url));
    // A damaged or missing entry only costs one full download.
    return s.success && s.data.url === url ? s.data : { url };
  }

  async function saveSyncState(state: SyncState): Promise<void> {
    const d = await db.getDb();
    const s = SyncStateSchema.parse(state);
    await d.put('syncState', s, s.url);
  }

  return { loadSettings, getSettings, saveSettings, getSyncState, saveSyncState };
}
