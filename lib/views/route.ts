/** Hash routes of the dashboard: `#/register?council=haringey`, `#/person/<key>`, `#/readiness`, … */
export const PAGES = ['register', 'person', 'readiness', 'teams', 'consultation', 'import', 'settings'] as const;
export type Page = (typeof PAGES)[number];

export type Route =
  | { page: 'register'; params: URLSearchParams }
  | { page: 'person'; key: string }
  | { page: Exclude<Page, 'register' | 'person'>; params: URLSearchParams }
  | { page: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const path = (q < 0 ? raw : raw.slice(0, q)).replace(/^\/+/, '');
  const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  const [first = '', ...rest] = path.split('/');
  if (first === '' || first === 'register') return { page: 'register', params };
  if (first === 'person') {
    const key = safeDecode(rest.join('/'));
    return key ? { page: 'person', key } : { page: 'not-found', path };
  }
  if (first === 'readiness' || first === 'teams' || first === 'consultation' || first === 'import') {
    return { page: first, params };
  }
  if (first === 'settings') return { page: 'settings', params };
  return { page: 'not-found', path };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function personHref(key: string): string {
  return `#/person/${encodeURIComponent(key)}`;
}
