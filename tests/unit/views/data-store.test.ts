import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type StaffRecord } from '../../../lib/domain';
import { DEMO_SETTINGS, generateDemoStaff } from '../../../lib/demo';

/*
 * The dashboard's register loading, page by page: the first (smaller) page is shown at once with its progress,
 * the rest follows, and pages of two register versions are never mixed. The background is a fake `request`.
 */

const mocks = vi.hoisted(() => ({ request: vi.fn(), overChannel: vi.fn() }));
vi.mock('@/lib/messaging/client', () => ({ request: mocks.request }));
vi.mock('../../../entrypoints/options/worker-channel', () => ({ requestOverChannel: mocks.overChannel }));

const { loadDashboardData, useDashboardData } = await import('../../../entrypoints/options/data-store');

function register(n: number): StaffRecord[] {
  const demo = generateDemoStaff();
  return Array.from({ length: n }, (_, i) => ({ ...demo[i % demo.length]!, employeeNumber: `X${i}` }));
}

const settings = { ...DEFAULT_SETTINGS, ...DEMO_SETTINGS };

/** A background holding `records` at `version`; `bumpAfter` changes the version after that many page answers. */
function fakeBackground(records: StaffRecord[], { bumpAfter }: { bumpAfter?: number } = {}) {
  let version = 7;
  let answered = 0;
  const pages: { offset: number; limit?: number }[] = [];
  mocks.request.mockImplementation(async (msg: { type: string; offset?: number; limit?: number }) => {
    if (msg.type === 'getSettings') return settings;
    if (msg.type !== 'getRegister') throw new Error(`unexpected ${msg.type}`);
    const offset = msg.offset ?? 0;
    pages.push({ offset, limit: msg.limit });
    const answer = {
      version,
      total: records.length,
      records: records.slice(offset, msg.limit === undefined ? undefined : offset + msg.limit),
      damaged: [],
    };
    if (++answered === bumpAfter) version++;
    return answer;
  });
  return pages;
}

beforeEach(() => {
  mocks.request.mockReset();
  mocks.overChannel.mockReset();
  // Unless a test says otherwise, the channel to the worker is there and answers as runtime messages would.
  mocks.overChannel.mockImplementation((msg: unknown) => mocks.request(msg));
  useDashboardData.setState({ status: 'loading', progress: undefined, records: [], rows: [], version: -1 });
});

describe('dashboard data loading', () => {
  it('shows the first 2,000 people with the progress, then the whole register in order', async () => {
    const records = register(12_500);
    const pages = fakeBackground(records);
    const seen: { status: string; progress?: { loaded: number; total: number }; rows: number }[] = [];
    const unsubscribe = useDashboardData.subscribe((s) =>
      seen.push({ status: s.status, progress: s.progress, rows: s.rows.length }),
    );
    await loadDashboardData();
    unsubscribe();

    expect(pages).toEqual([
      { offset: 0, limit: 2_000 },
      { offset: 2_000, limit: 10_000 },
      { offset: 12_000, limit: 10_000 },
    ]);
    expect(seen[0]).toEqual({ status: 'ready', progress: { loaded: 2_000, total: 12_500 }, rows: 2_000 });
    const done = useDashboardData.getState();
    expect(done.progress).toBeUndefined();
    expect(done.version).toBe(7);
    expect(done.records.map((r) => r.employeeNumber)).toEqual(records.map((r) => r.employeeNumber));
    expect(done.rows.map((r) => r.key)).toEqual(records.map((r) => `${r.council}:${r.employeeNumber}`));
  }, 30_000); // 12,500 people: seconds on a loaded machine

  it('loads a small register in one answer, with no progress shown', async () => {
    const pages = fakeBackground(register(300));
    await loadDashboardData();
    expect(pages).toEqual([{ offset: 0, limit: 2_000 }]);
    expect(useDashboardData.getState()).toMatchObject({ status: 'ready', progress: undefined });
    expect(useDashboardData.getState().rows).toHaveLength(300);
  });

  it('starts again when the register changes between pages', async () => {
    const records = register(5_000);
    const pages = fakeBackground(records, { bumpAfter: 1 });
    await loadDashboardData();
    // First page at version 7, second at 8: mixed, so all again at version 8.
    expect(pages.map((p) => p.offset)).toEqual([0, 2_000, 0, 2_000]);
    expect(useDashboardData.getState().version).toBe(8);
    expect(useDashboardData.getState().records).toHaveLength(5_000);
  });

  it('falls back to runtime messages when the channel to the worker fails, and stays with them', async () => {
    const records = register(5_000);
    const pages = fakeBackground(records);
    mocks.overChannel.mockReset();
    mocks.overChannel.mockRejectedValue(new Error('No service worker to post to'));
    await loadDashboardData();
    expect(pages.map((p) => p.offset)).toEqual([0, 2_000]);
    expect(mocks.overChannel).toHaveBeenCalledTimes(1);
    expect(useDashboardData.getState()).toMatchObject({ status: 'ready', version: 7 });
    expect(useDashboardData.getState().records).toHaveLength(5_000);
  });
});
