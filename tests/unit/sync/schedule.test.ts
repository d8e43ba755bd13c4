import { describe, expect, it } from 'vitest';
import { overlayMatches, syncPeriodMinutes } from '../../../lib/sync/schedule';

describe('syncPeriodMinutes', () => {
  it.each([
    ['', 60, undefined],
    ['https://intranet.example/r.csv', 0, undefined],
    ['https://intranet.example/r.csv', 60, 60],
    ['https://intranet.example/r.csv', 1, 1],
  ])('address %j every %i minutes → %j', (csvUrl, syncEveryMinutes, period) => {
    expect(syncPeriodMinutes({ csvUrl, syncEveryMinutes })).toBe(period);
  });
});

describe('overlayMatches', () => {
  it('joins install-time, managed and switched-on sites, once each, leaving out invalid and all-sites patterns', () => {
    expect(
      overlayMatches({
        installed: ['http://127.0.0.1/*', 'https://*/*'],
        managed: ['https://*.sharepoint.com/*', 42, 'not a pattern'],
        chosen: ['https://intranet.example/*', 'http://127.0.0.1/*'],
        granted: ['https://intranet.example/*', 'http://*/*'],
      }),
    ).toEqual(['http://127.0.0.1/*', 'https://*.sharepoint.com/*', 'https://intranet.example/*']);
  });

  it('does not switch the overlay on for a site granted only for the CSV address', () => {
    expect(overlayMatches({ granted: ['https://files.example/*'], chosen: [] })).toEqual([]);
  });

  it('drops a switched-on site whose permission was removed', () => {
    expect(overlayMatches({ chosen: ['https://intranet.example/*'], granted: [] })).toEqual([]);
  });
});
