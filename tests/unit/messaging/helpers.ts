import { vi } from 'vitest';
import { DEMO_PLAN } from '../../../lib/demo/plan';
import { StaffRecord, keyOf } from '../../../lib/domain';
import { createHandlers, type HandlerDeps, type Importer, type Sender } from '../../../lib/messaging/handlers';
import { createDbAccess } from '../../../lib/store/db';
import { createSettingsStore } from '../../../lib/store/settings-store';
import { createStaffStore } from '../../../lib/store/staff-store';
import { tickingClock, uniqueDbName } from '../store/helpers';

export const EXTENSION = {
  id: 'abcdefghijklmnopabcdefghijklmnop',
  origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
};
export const DASHBOARD: Sender = { id: EXTENSION.id, url: `${EXTENSION.origin}/options.html#/register` };
export const CONTENT_SCRIPT: Sender = { id: EXTENSION.id, url: 'https://intranet.example/people', tab: { id: 7 } };

/**
 * A stand-in for lib/csv + lib/register, so these tests check the handlers alone: the "CSV" is a JSON array of
 * record inputs; every valid record is put, and a file that is not JSON cannot be read.
 */
export const jsonImporter: Importer = {
  preview({ file, register }) {
    const text = typeof file === 'string' ? file : new TextDecoder().decode(file);
    let rows: unknown;
    try {
      rows = JSON.parse(text);
    } catch {
      return { ok: false, error: 'The file is not in a format Transition Lens can read.' };
    }
    if (!Array.isArray(rows)) return { ok: false, error: 'The file has no rows.' };
    const records = rows.map((r) => StaffRecord.parse(r));
    const known = new Map(register.map((r) => [keyOf(r), JSON.stringify(r)]));
    const added = records.filter((r) => !known.has(keyOf(r))).length;
    const changed = records.filter((r) => known.has(keyOf(r)) && known.get(keyOf(r)) !== JSON.stringify(r)).length;
    return {
      ok: true,
      plan: records,
      view: { people: records.length },
      counts: {
        rows: records.length,
        added,
        changed,
        unchanged: records.length - added - changed,
        notInRoster: 0,
        invalid: 0,
        conflicts: 0,
      },
    };
  },
  resolve(plan) {
    return plan as StaffRecord[];
  },
};

export function makeHandlers(overrides: Partial<HandlerDeps> = {}) {
  const db = createDbAccess({ name: uniqueDbName() });
  const now = tickingClock();
  const staff = createStaffStore({ db, now });
  const settings = createSettingsStore({ db });
  const broadcast = vi.fn();
  const onSettingsChanged = vi.fn();
  const deps: HandlerDeps = {
    staff,
    settings,
    now,
    fetch: vi.fn(async () => new Response('not found', { status: 404 })),
    importer: jsonImporter,
    extension: EXTENSION,
    assetUrl: (path) => `${EXTENSION.origin}${path}`,
    demoSettings: { userName: 'Demo HR officer', atRiskDays: 10, demoToday: '2018-02-23' },
    broadcast,
    onSettingsChanged,
    ...overrides,
  };
  const handlers = createHandlers(deps);
  /** Sends as the dashboard and returns the data, failing the test on an error answer. */
  async function ask(message: unknown, sender: Sender = DASHBOARD): Promise<unknown> {
    const r = await handlers.handle(message, sender);
    if (!r.ok) throw new Error(r.error);
    return r.data;
  }
  return { handlers, deps, staff, settings, broadcast, onSettingsChanged, ask };
}

/** The demo's transfer plan, without the representatives' and measures letter dates (so only the ELI deadline counts). */
const { representativesInformedBy: _informedBy, measuresLetterDate: _measures, ...demoPlanDeadlines } = DEMO_PLAN;
export const CAMDEN_TUPE = demoPlanDeadlines;

export function rows(...people: [string, string, Record<string, unknown>?][]): string {
  return JSON.stringify(
    people.map(([council, employeeNumber, extra]) => ({
      council,
      employeeNumber,
      forename: 'Test',
      surname: `Person ${employeeNumber}`,
      ...extra,
    })),
  );
}
