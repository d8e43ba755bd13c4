import type { Settings } from '../domain';
import { isValidSitePattern } from '../sites';

/** The alarm that runs the scheduled sync (chrome.alarms survive the service worker stopping). */
export const SYNC_ALARM = 'transition-lens-sync';

/** Chromium's shortest alarm period for a packed extension is 30 seconds; we never go below one minute. */
const MIN_PERIOD_MINUTES = 1;

/** The alarm period for the settings, or undefined when scheduled syncs are off (no address or interval 0). */
export function syncPeriodMinutes(settings: Pick<Settings, 'csvUrl' | 'syncEveryMinutes'>): number | undefined {
  if (!settings.csvUrl || settings.syncEveryMinutes <= 0) return undefined;
  return Math.max(MIN_PERIOD_MINUTES, settings.syncEveryMinutes);
}

/**
 * Where the overlay's content script is registered: origins the user granted ∪ sites in settings ∪ sites the
 * administrator set in managed storage. Invalid patterns (and "every site") are left out, since one bad
 * pattern makes registerContentScripts fail for all; the result is sorted so an unchanged list is recognised.
 */
export function overlayMatches(...lists: readonly (readonly unknown[] | undefined)[]): string[] {
  const out = new Set<string>();
  for (const list of lists) {
    for (const p of list ?? []) if (typeof p === 'string' && isValidSitePattern(p)) out.add(p.trim());
  }
  return [...out].sort();
}
