/**
 * Sites where the overlay runs are stored as Chromium match patterns (also granted as optional host
 * permissions). Pure helpers: no browser API here.
 */

/** Schemes the overlay can run on. Other pages (chrome://, the Web Store, file://) cannot take content scripts. */
const SUPPORTED_SCHEMES = ['http:', 'https:'] as const;

/** Hosts where Chromium never lets an extension inject, so offering the button would only fail. */
const BLOCKED_HOSTS = ['chrome.google.com', 'chromewebstore.google.com', 'microsoftedge.microsoft.com'];

export type SiteCheck = { ok: true; pattern: string; origin: string; host: string } | { ok: false; reason: string };

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * The match pattern for the origin of a page, e.g. `https://intranet.camden.gov.uk/any/page` →
 * `https://intranet.camden.gov.uk/*`. A port is dropped, since match patterns cannot carry one and match any port.
 */
export function siteForUrl(url: string | undefined): SiteCheck {
  if (!url) return { ok: false, reason: 'This tab has no web address.' };
  const u = parseUrl(url);
  if (!u) return { ok: false, reason: 'This tab has no web address.' };
  if (!(SUPPORTED_SCHEMES as readonly string[]).includes(u.protocol)) {
    return { ok: false, reason: 'Staff facts can only be shown on web pages (http or https).' };
  }
  if (!u.hostname) return { ok: false, reason: 'This tab has no web address.' };
  if (BLOCKED_HOSTS.includes(u.hostname)) {
    return { ok: false, reason: 'The browser does not let extensions run on this site.' };
  }
  return {
    ok: true,
    pattern: `${u.protocol}//${u.hostname}/*`,
    origin: u.origin,
    host: u.hostname,
  };
}

const PATTERN_RE = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*:]+)(\/.*)$/;

/** Whether `text` is a match pattern this extension accepts for a site (http/https/*, a host, a path). */
export function isValidSitePattern(text: string): boolean {
  const m = PATTERN_RE.exec(text.trim());
  if (!m) return false;
  const host = m[2]!;
  if (host === '*') return false; // every site: never offered, the overlay is switched on site by site
  const bare = host.startsWith('*.') ? host.slice(2) : host;
  return /^[a-z0-9.-]+$/i.test(bare) && !bare.startsWith('.') && !bare.endsWith('.') && !bare.includes('..');
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/** Whether a page address falls under a match pattern (scheme, host with `*.` subdomains, path glob). */
export function patternMatchesUrl(pattern: string, url: string): boolean {
  const m = PATTERN_RE.exec(pattern.trim());
  const u = parseUrl(url);
  if (!m || !u) return false;
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  const uScheme = u.protocol.slice(0, -1);
  if (scheme === '*' ? !['http', 'https'].includes(uScheme) : scheme !== uScheme) return false;
  const h = u.hostname.toLowerCase();
  if (host !== '*') {
    if (host.startsWith('*.')) {
      const base = host.slice(2).toLowerCase();
      if (h !== base && !h.endsWith(`.${base}`)) return false;
    } else if (host.toLowerCase() !== h) return false;
  }
  return globToRegExp(path).test(u.pathname + u.search);
}

/** The first enabled site whose pattern covers this page, if any. */
export function enabledSiteFor(sites: readonly string[], url: string | undefined): string | undefined {
  if (!url) return undefined;
  return sites.find((p) => patternMatchesUrl(p, url));
}

/** A readable name for a pattern in lists: `https://intranet.camden.gov.uk/*` → `intranet.camden.gov.uk`. */
export function siteLabel(pattern: string): string {
  const m = PATTERN_RE.exec(pattern.trim());
  if (!m) return pattern;
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  const parts = [host === '*' ? 'every site' : host];
  if (path !== '/*') parts.push(`(${path})`);
  if (scheme === 'http') parts.push('(not secure: http)');
  return parts.join(' ');
}

/** Adds a pattern once, keeping the list sorted so settings compare equal however they were built. */
export function addSite(sites: readonly string[], pattern: string): string[] {
  return [...new Set([...sites, pattern])].sort();
}

export function removeSite(sites: readonly string[], pattern: string): string[] {
  return sites.filter((s) => s !== pattern);
}

export type CsvUrlCheck =
  | { ok: true; url: string; pattern: string; origin: string }
  | { ok: true; url: ''; pattern: undefined; origin: undefined }
  | { ok: false; reason: string };

/**
 * Checks a CSV source address before it is saved, and gives the host permission to ask for: that origin only.
 * An empty value turns the CSV source off.
 */
export function checkCsvUrl(text: string): CsvUrlCheck {
  const t = text.trim();
  if (!t) return { ok: true, url: '', pattern: undefined, origin: undefined };
  const u = parseUrl(t);
  if (!u) return { ok: false, reason: 'Enter a full web address, like https://hr.example.gov.uk/register.csv' };
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    return { ok: false, reason: 'The address must start with https:// (or http:// on a local network)' };
  }
  if (u.username || u.password) {
    return { ok: false, reason: 'Do not put a user name or password in the address' };
  }
  return { ok: true, url: u.href, pattern: `${u.protocol}//${u.hostname}/*`, origin: u.origin };
}
