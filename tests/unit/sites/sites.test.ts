import { describe, expect, it } from 'vitest';
import {
  addSite,
  checkCsvUrl,
  enabledSiteFor,
  isValidSitePattern,
  patternMatchesUrl,
  removeSite,
  siteForUrl,
  siteLabel,
} from '../../../lib/sites';

describe('siteForUrl', () => {
  it('gives the origin pattern of a web page, without path, query or port', () => {
    expect(siteForUrl('https://intranet.camden.gov.uk/people/search?q=smith#top')).toEqual({
      ok: true,
      pattern: 'https://intranet.camden.gov.uk/*',
      origin: 'https://intranet.camden.gov.uk',
      host: 'intranet.camden.gov.uk',
    });
    const local = siteForUrl('http://127.0.0.1:8080/itrent.html');
    expect(local.ok && local.pattern).toBe('http://127.0.0.1/*');
    expect(local.ok && local.origin).toBe('http://127.0.0.1:8080');
  });

  it('refuses pages that cannot take a content script, with a reason', () => {
    for (const url of [
      'chrome://extensions',
      'chrome-extension://abc/popup.html',
      'file:///home/a.html',
      'about:blank',
      'https://chromewebstore.google.com/detail/x',
      'not a url',
      undefined,
    ]) {
      const r = siteForUrl(url);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason.length).toBeGreaterThan(10);
    }
  });
});

describe('isValidSitePattern', () => {
  it('accepts host patterns', () => {
    expect(isValidSitePattern('https://intranet.camden.gov.uk/*')).toBe(true);
    expect(isValidSitePattern('*://*.haringey.gov.uk/*')).toBe(true);
    expect(isValidSitePattern('http://127.0.0.1/*')).toBe(true);
    expect(isValidSitePattern('https://sharepoint.example/sites/hr/*')).toBe(true);
  });

  it('refuses every-site patterns, missing paths and odd schemes or hosts', () => {
    expect(isValidSitePattern('<all_urls>')).toBe(false);
    expect(isValidSitePattern('*://*/*')).toBe(false);
    expect(isValidSitePattern('https://example.org')).toBe(false);
    expect(isValidSitePattern('ftp://example.org/*')).toBe(false);
    expect(isValidSitePattern('https://exa*mple.org/*')).toBe(false);
    expect(isValidSitePattern('https://example..org/*')).toBe(false);
    expect(isValidSitePattern('https://example.org:8080/*')).toBe(false);
  });
});

describe('patternMatchesUrl and enabledSiteFor', () => {
  it('matches scheme, host, subdomains and path', () => {
    expect(patternMatchesUrl('https://intranet.camden.gov.uk/*', 'https://intranet.camden.gov.uk/a/b')).toBe(true);
    expect(patternMatchesUrl('https://intranet.camden.gov.uk/*', 'http://intranet.camden.gov.uk/a')).toBe(false);
    expect(patternMatchesUrl('https://intranet.camden.gov.uk/*', 'https://evil.example/intranet.camden.gov.uk')).toBe(
      false,
    );
    expect(patternMatchesUrl('*://*.haringey.gov.uk/*', 'http://hr.haringey.gov.uk/x')).toBe(true);
    expect(patternMatchesUrl('*://*.haringey.gov.uk/*', 'https://haringey.gov.uk/')).toBe(true);
    expect(patternMatchesUrl('*://*.haringey.gov.uk/*', 'https://nothharingey.gov.uk/')).toBe(false);
    expect(patternMatchesUrl('https://sp.example/sites/hr/*', 'https://sp.example/sites/hr/page')).toBe(true);
    expect(patternMatchesUrl('https://sp.example/sites/hr/*', 'https://sp.example/sites/finance/page')).toBe(false);
    expect(patternMatchesUrl('http://127.0.0.1/*', 'http://127.0.0.1:4173/page.html')).toBe(true);
  });

  it('finds the enabled site covering the active tab', () => {
    const sites = ['https://a.example/*', '*://*.b.example/*'];
    expect(enabledSiteFor(sites, 'https://x.b.example/p')).toBe('*://*.b.example/*');
    expect(enabledSiteFor(sites, 'https://c.example/')).toBeUndefined();
    expect(enabledSiteFor(sites, undefined)).toBeUndefined();
  });
});

describe('site list helpers', () => {
  it('labels patterns for people', () => {
    expect(siteLabel('https://intranet.camden.gov.uk/*')).toBe('intranet.camden.gov.uk');
    expect(siteLabel('http://127.0.0.1/*')).toBe('127.0.0.1 (not secure: http)');
    expect(siteLabel('https://sp.example/sites/hr/*')).toBe('sp.example (/sites/hr/*)');
  });

  it('adds once, sorted, and removes', () => {
    const a = addSite(['https://b.example/*'], 'https://a.example/*');
    expect(a).toEqual(['https://a.example/*', 'https://b.example/*']);
    expect(addSite(a, 'https://a.example/*')).toEqual(a);
    expect(removeSite(a, 'https://a.example/*')).toEqual(['https://b.example/*']);
  });
});

describe('checkCsvUrl', () => {
  it('accepts an https address and asks for its origin only', () => {
    expect(checkCsvUrl(' https://hr.example.gov.uk/exports/register.csv?x=1 ')).toEqual({
      ok: true,
      url: 'https://hr.example.gov.uk/exports/register.csv?x=1',
      pattern: 'https://hr.example.gov.uk/*',
      origin: 'https://hr.example.gov.uk',
    });
  });

  it('treats empty as off, and refuses other schemes, credentials and non-addresses', () => {
    expect(checkCsvUrl('  ')).toEqual({ ok: true, url: '', pattern: undefined, origin: undefined });
    expect(checkCsvUrl('ftp://hr.example/x.csv').ok).toBe(false);
    expect(checkCsvUrl('https://user:pw@hr.example/x.csv').ok).toBe(false);
    expect(checkCsvUrl('register.csv').ok).toBe(false);
  });
});
