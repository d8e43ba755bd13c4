import { siteForUrl } from '../sites';

/**
 * Downloads the register CSV from the address the user or their administrator configured, asking the server
 * for it only if it changed since the last download (ETag / Last-Modified). Never throws: every failure comes
 * back as a plain sentence, and the caller leaves the register untouched. No browser API here: `fetch` is
 * passed in, so tests run in Node with a fake server.
 */

export interface HttpValidators {
  etag?: string;
  lastModified?: string;
}

export type SyncDownload =
  | { status: 'unchanged' }
  | { status: 'changed'; bytes: Uint8Array; etag?: string; lastModified?: string }
  | { status: 'failed'; message: string };

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/** Anything bigger is not a staff register of a few thousand people; refuse rather than fill the memory. */
export const MAX_CSV_BYTES = 100 * 1024 * 1024;

export async function syncFromUrl(url: string, syncState: HttpValidators, fetch: FetchLike): Promise<SyncDownload> {
  const headers: Record<string, string> = {};
  if (syncState.etag) headers['If-None-Match'] = syncState.etag;
  if (syncState.lastModified) headers['If-Modified-Since'] = syncState.lastModified;
  let res: Response;
  try {
    // credentials: the intranet usually needs the user's own sign-in cookie; cache: we do the revalidation.
    res = await fetch(url, { headers, credentials: 'include', cache: 'no-store', redirect: 'follow' });
  } catch (e) {
    return {
      status: 'failed',
      message: `Could not reach ${hostOf(url)}. Check the address and your network connection. (${errorText(e)})`,
    };
  }
  if (res.status === 304) return { status: 'unchanged' };
  if (!res.ok) return { status: 'failed', message: `The server answered ${res.status}${statusWords(res.status)}.` };
  const type = (res.headers.get('content-type') ?? '').toLowerCase();
  if (type.includes('text/html')) {
    return {
      status: 'failed',
      message:
        'The address returned a web page, not a CSV file. You may need to sign in to the intranet, or the address may be wrong.',
    };
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    return { status: 'failed', message: `The download stopped before the end. (${errorText(e)})` };
  }
  if (bytes.byteLength === 0) return { status: 'failed', message: 'The file at the address is empty.' };
  if (bytes.byteLength > MAX_CSV_BYTES) {
    return { status: 'failed', message: 'The file at the address is larger than 100 MB, so it was not read.' };
  }
  const out: SyncDownload = { status: 'changed', bytes };
  const etag = res.headers.get('etag');
  const lastModified = res.headers.get('last-modified');
  if (etag) out.etag = etag;
  if (lastModified) out.lastModified = lastModified;
  return out;
}

/**
 * The host permission pattern for a CSV address, e.g. `https://intranet.example/hr/register.csv` →
 * `https://intranet.example/*`. The UI asks for it with permissions.request (which needs a user gesture).
 */
export function originPattern(url: string): string | undefined {
  const s = siteForUrl(url);
  return s.ok ? s.pattern : undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the address';
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function statusWords(status: number): string {
  if (status === 401 || status === 403) return ': you do not have access to the file (sign in to the intranet?)';
  if (status === 404) return ': there is no file at this address';
  if (status >= 500) return ': the server had a problem, try again later';
  return '';
}
