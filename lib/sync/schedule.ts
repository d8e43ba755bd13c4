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
 * Where the overlay's content script is registered:
 * - sites granted at install (a build made with TL_SITES) and sites the administrator set in managed storage;
 * - sites the user switched on in settings, while the browser still grants them.
 * A permission granted for another reason (the CSV address's site, for syncing) does not switch the overlay on.
 * Invalid patterns (and "every site") are left out, since one bad pattern makes registerContentScripts fail for
 * all; the result is sorted so an unchanged list is recognised.
 */
export function overlayMatches(sites: {
  installed?: readonly unknown[];
  managed?: readonly unknown[];
  chosen?: readonly unknown[];
  granted?: readonly unknown[];
}): string[] {
  const valid = (list: readonly unknown[] | undefined) =>
    (list ?? []).flatMap((p) => (typeof p === 'string' && isValidSitePattern(p) ? [p.trim()] : []));
  const granted = new Set(valid(sites.granted));
  const out = new Set([...valid(sites.installed), ...valid(sites.managed)]);
  for (const p of valid(sites.chosen)) if (granted.has(p)) out.add(p);
  return [...out].sort();
}
