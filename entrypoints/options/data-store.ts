import { create } from 'zustand';
import { DEFAULT_SETTINGS, activePlan, todayIso, type Settings, type StaffRecord } from '@/lib/domain';
import { request } from '@/lib/messaging/client';
import type { DamagedRecord } from '@/lib/messaging/protocol';
import { buildRegisterRows, type ReadinessContext, type RegisterRow } from '@/lib/views/register-rows';

/**
 * A read-only copy of what the background holds, for the dashboard's pages. It never writes IndexedDB:
 * pages ask the background for a change (updatePerson, removeRecords…) and this store reloads on
 * `registerChanged`. Other pages may read it with `useDashboardData(useShallow(...))`.
 */
interface DashboardData {
  status: 'loading' | 'ready' | 'error';
  error?: string;
  version: number;
  records: StaffRecord[];
  damaged: DamagedRecord[];
  settings: Settings;
  /** Records with readiness and search text worked out once per load, not per keystroke. */
  rows: RegisterRow[];
  ctx: ReadinessContext;
}

export const useDashboardData = create<DashboardData>(() => ({
  status: 'loading',
  version: -1,
  records: [],
  damaged: [],
  settings: DEFAULT_SETTINGS,
  rows: [],
  ctx: { today: todayIso(), atRiskDays: DEFAULT_SETTINGS.atRiskDays },
}));

/** The active plan, "today" (fixed by demo settings so the demo reads the same any day) and the at-risk days. */
export function readinessContext(settings: Settings): ReadinessContext {
  return { plan: activePlan(settings), today: settings.demoToday || todayIso(), atRiskDays: settings.atRiskDays };
}

let loading: Promise<void> | undefined;
let again = false;

const REGISTER_PAGE = 10_000;

/** The whole register, page by page; starts again if it changes between pages so the pages never mix versions. */
async function loadRegister() {
  for (;;) {
    const first = await request({ type: 'getRegister', offset: 0, limit: REGISTER_PAGE });
    const records = [...first.records];
    let mixed = false;
    while (records.length < first.total) {
      const page = await request({ type: 'getRegister', offset: records.length, limit: REGISTER_PAGE });
      if (page.version !== first.version || page.records.length === 0) {
        mixed = true;
        break;
      }
      records.push(...page.records);
    }
    if (!mixed) return { version: first.version, records, damaged: first.damaged };
  }
}

/** Loads the register and settings; a call while a load runs queues one more load after it. */
export function loadDashboardData(): Promise<void> {
  if (loading) {
    again = true;
    return loading;
  }
  loading = (async () => {
    try {
      do {
        again = false;
        const [register, settings] = await Promise.all([loadRegister(), request({ type: 'getSettings' })]);
        const ctx = readinessContext(settings);
        useDashboardData.setState({
          status: 'ready',
          error: undefined,
          version: register.version,
          records: register.records,
          damaged: register.damaged,
          settings,
          ctx,
          rows: buildRegisterRows(register.records, ctx),
        });
      } while (again);
    } catch (e) {
      useDashboardData.setState({ status: 'error', error: e instanceof Error ? e.message : String(e) });
    } finally {
      loading = undefined;
    }
  })();
  return loading;
}
