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
  it('joins granted, settings and managed sites, once each, leaving out invalid and all-sites patterns', () => {
    expect(
      overlayMatches(
        ['https://intranet.example/*', 'http://*/*', 'https://*/*'],
        ['https://intranet.example/*', 'https://*.sharepoint.com/*', 'not a pattern'],
        ['http://127.0.0.1/*', 42],
        undefined,
      ),
    ).toEqual(['http://127.0.0.1/*', 'https://*.sharepoint.com/*', 'https://intranet.example/*']);
  });
});
