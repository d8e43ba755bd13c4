import { create } from 'zustand';
import { DEFAULT_SETTINGS, activePlan, todayIso, type Settings, type StaffRecord } from '@/lib/domain';
import { request } from '@/lib/messaging/client';
import type { DamagedRecord, ResponseMap } from '@/lib/messaging/protocol';
import { buildRegisterRows, type ReadinessContext, type RegisterRow } from '@/lib/views/register-rows';
import { requestOverChannel } from './worker-channel';

/**
 * A read-only copy of what the background holds, for the dashboard's pages. It never writes IndexedDB:
 * pages ask the background for a change (updatePerson, removeRecords…) and this store reloads on
 * `registerChanged`. Other pages may read it with `useDashboardData(useShallow(...))`.
 */
interface DashboardData {
  status: 'loading' | 'ready' | 'error';
  /**
   * Set while the first load is still fetching the register page by page: the register view already shows the
   * people loaded so far; pages that count or export everyone wait for the whole register (see App.tsx).
   */
  progress?: { loaded: number; total: number };
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

/** People per getRegister answer: a runtime message is limited to 64 MiB, and 10,000 records are about 14 MB. */
const REGISTER_PAGE = 10_000;
/** The first page is smaller, so the register view has rows to show sooner. */
const FIRST_PAGE = 2_000;

interface LoadedRegister {
  version: number;
  records: StaffRecord[];
  damaged: DamagedRecord[];
  rows: RegisterRow[];
}

type RegisterPage = ResponseMap['getRegister'];

/**
 * One page of the register from the background: over a MessageChannel to its service worker (structured clone,
 * about 3 times faster than runtime messages for a large register: worker-channel.ts), or as a runtime message
 * where there is no worker to post to or the channel fails. The background's copy was checked record by record when
 * it read the register; damaged records come with the first page.
 */
let channelWorks = true;
async function getPage(offset: number, limit: number): Promise<RegisterPage> {
  if (channelWorks) {
    try {
      return await requestOverChannel({ type: 'getRegister', offset, limit });
    } catch {
      channelWorks = false;
    }
  }
  return request({ type: 'getRegister', offset, limit });
}

/**
 * The whole register, page by page, with its rows built as each page arrives (while the background prepares the
 * next one). `onFirstPage` gets the first page as soon as it is ready, so the register view can show it while the
 * rest loads. Starts again if the register changes between pages, so the pages never mix versions.
 */
async function loadRegister(
  settings: Promise<Settings>,
  onFirstPage?: (first: LoadedRegister, total: number, settings: Settings) => void,
): Promise<LoadedRegister> {
  channelWorks = true; // each load tries the channel again
  for (;;) {
    const firstRequest = getPage(0, FIRST_PAGE);
    const ctx = readinessContext(await settings);
    const first = await firstRequest;
    let next = first.records.length < first.total ? getPage(first.records.length, REGISTER_PAGE) : undefined;
    const records = [...first.records];
    const rows = buildRegisterRows(first.records, ctx);
    if (next)
      onFirstPage?.({ version: first.version, records, damaged: first.damaged, rows }, first.total, await settings);
    let mixed = false;
    while (next) {
      const page: RegisterPage = await next;
      if (page.version !== first.version || page.records.length === 0) {
        mixed = true;
        break;
      }
      const loaded = records.length + page.records.length;
      next = loaded < first.total ? getPage(loaded, REGISTER_PAGE) : undefined;
      for (const r of page.records) records.push(r);
      for (const row of buildRegisterRows(page.records, ctx)) rows.push(row);
    }
    if (!mixed) return { version: first.version, records, damaged: first.damaged, rows };
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
        const settingsRequest = request({ type: 'getSettings' });
        // Only the first load shows a part of the register: a reload keeps the whole previous one until it is done.
        const showFirstPage = useDashboardData.getState().status !== 'ready';
        const register = await loadRegister(
          settingsRequest,
          showFirstPage
            ? (first, total, settings) =>
                useDashboardData.setState({
                  status: 'ready',
                  progress: { loaded: first.records.length, total },
                  error: undefined,
                  version: first.version,
                  records: first.records.slice(),
                  damaged: first.damaged,
                  settings,
                  ctx: readinessContext(settings),
                  rows: first.rows.slice(),
                })
            : undefined,
        );
        const settings = await settingsRequest;
        useDashboardData.setState({
          status: 'ready',
          progress: undefined,
          error: undefined,
          version: register.version,
          records: register.records,
          damaged: register.damaged,
          settings,
          ctx: readinessContext(settings),
          rows: register.rows,
        });
      } while (again);
    } catch (e) {
      useDashboardData.setState({
        status: 'error',
        progress: undefined,
        error: e instanceof Error ? e.message : String(e),
      });
    } finally {
      loading = undefined;
    }
  })();
  return loading;
}
