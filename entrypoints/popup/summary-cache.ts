import type { RegisterSummary } from '../../lib/messaging/protocol';

/**
 * The popup's copy of the last readiness counts it showed, in the extension's own localStorage (read
 * synchronously, so the counts can be on screen before React or the service worker have started). The popup
 * always asks the background again at once and replaces them. Only counts and the plan's name and date are kept:
 * no one's personal details. Settings' "wipe all data" removes it (it clears the extension's local storage).
 */
export const SUMMARY_CACHE_KEY = 'tl-popup-summary';

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function defaultStore(): Store | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage switched off: the popup just waits for the background
  }
}

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;

function countsOf<K extends string>(x: unknown, keys: readonly K[]): Record<K, number> | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const o = x as Record<string, unknown>;
  return keys.every((k) => isCount(o[k]))
    ? (Object.fromEntries(keys.map((k) => [k, o[k]])) as Record<K, number>)
    : undefined;
}

/** Checks a stored value field by field (the popup avoids zod, see messaging.ts); anything odd is ignored. */
export function parseCachedSummary(text: string | null): RegisterSummary | undefined {
  if (!text) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const o = raw as Record<string, unknown>;
  const top = countsOf(o, ['version', 'total', 'damaged', 'notInLatestRoster', 'pendingImports'] as const);
  const readiness = countsOf(o.readiness, ['ready', 'at-risk', 'blocked', 'not-applicable'] as const);
  const byCouncil = countsOf(o.byCouncil, ['camden', 'haringey', 'islington'] as const);
  if (!top || !readiness || !byCouncil) return undefined;
  const summary: RegisterSummary = { ...top, readiness, byCouncil };
  const p = o.plan as Record<string, unknown> | undefined;
  if (p !== undefined) {
    if (typeof p !== 'object' || p === null) return undefined;
    if (typeof p.id !== 'string' || typeof p.name !== 'string' || typeof p.transferDate !== 'string') return undefined;
    summary.plan = { id: p.id, name: p.name, transferDate: p.transferDate };
  }
  return summary;
}

export function readCachedSummary(store = defaultStore()): RegisterSummary | undefined {
  try {
    return parseCachedSummary(store?.getItem(SUMMARY_CACHE_KEY) ?? null);
  } catch {
    return undefined;
  }
}

/** Keeps the counts for the next opening; an empty register keeps nothing. */
export function saveCachedSummary(s: RegisterSummary, store = defaultStore()): void {
  try {
    if (s.total === 0 && s.damaged === 0) {
      store?.removeItem(SUMMARY_CACHE_KEY);
      return;
    }
    const kept: RegisterSummary = {
      version: s.version,
      total: s.total,
      damaged: s.damaged,
      notInLatestRoster: s.notInLatestRoster,
      pendingImports: s.pendingImports,
      readiness: s.readiness,
      byCouncil: s.byCouncil,
      ...(s.plan ? { plan: { id: s.plan.id, name: s.plan.name, transferDate: s.plan.transferDate } } : {}),
    };
    store?.setItem(SUMMARY_CACHE_KEY, JSON.stringify(kept));
  } catch {
    // Full or switched-off storage: the next opening waits for the background, nothing else changes.
  }
}
