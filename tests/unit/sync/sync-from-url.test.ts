import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../lib/domain';
import { withManagedSettings } from '../../../lib/messaging/handlers';
import type { ResponseMap } from '../../../lib/messaging/protocol';
import { originPattern, syncFromUrl, type FetchLike } from '../../../lib/sync/sync-from-url';
import { makeHandlers, rows } from '../messaging/helpers';

const URL_ = 'https://intranet.example/hr/register.csv';

/** A fake intranet server that answers 304 when the client already has the current ETag. */
function server(options: { body: () => string; etag?: string; status?: number; type?: string }) {
  const seen: Headers[] = [];
  const fetch: FetchLike = async (_url, init) => {
    const headers = new Headers(init?.headers);
    seen.push(headers);
    if (options.status && options.status !== 200) return new Response('error', { status: options.status });
    if (options.etag && headers.get('If-None-Match') === options.etag) return new Response(null, { status: 304 });
    return new Response(options.body(), {
      status: 200,
      headers: {
        'content-type': options.type ?? 'text/csv',
        ...(options.etag ? { etag: options.etag } : {}),
        'last-modified': 'Tue, 09 Jan 2018 10:00:00 GMT',
      },
    });
  };
  return { fetch, seen };
}

describe('syncFromUrl', () => {
  it('sends the validators it has and treats 304 as no change', async () => {
    const s = server({ body: () => 'a,b', etag: '"v1"' });
    const r = await syncFromUrl(URL_, { etag: '"v1"', lastModified: 'Tue, 09 Jan 2018 10:00:00 GMT' }, s.fetch);
    expect(r).toEqual({ status: 'unchanged' });
    expect(s.seen[0]?.get('If-None-Match')).toBe('"v1"');
    expect(s.seen[0]?.get('If-Modified-Since')).toBe('Tue, 09 Jan 2018 10:00:00 GMT');
  });

  it('returns the file and its new validators when it changed', async () => {
    const s = server({ body: () => 'a,b', etag: '"v2"' });
    const r = await syncFromUrl(URL_, { etag: '"v1"' }, s.fetch);
    expect(r).toMatchObject({ status: 'changed', etag: '"v2"', lastModified: 'Tue, 09 Jan 2018 10:00:00 GMT' });
    expect(r.status === 'changed' && new TextDecoder().decode(r.bytes)).toBe('a,b');
  });

  it.each([
    [500, 'The server answered 500: the server had a problem, try again later.'],
    [404, 'The server answered 404: there is no file at this address.'],
    [403, 'The server answered 403: you do not have access to the file (sign in to the intranet?).'],
  ])('reports HTTP %i plainly', async (status, message) => {
    expect(await syncFromUrl(URL_, {}, server({ body: () => '', status }).fetch)).toEqual({
      status: 'failed',
      message,
    });
  });

  it('reports a network failure plainly', async () => {
    const r = await syncFromUrl(URL_, {}, async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(r).toEqual({
      status: 'failed',
      message: 'Could not reach intranet.example. Check the address and your network connection. (Failed to fetch)',
    });
  });

  it('does not take a sign-in page or an empty file for the register', async () => {
    const html = await syncFromUrl(URL_, {}, server({ body: () => '<html>Sign in</html>', type: 'text/html' }).fetch);
    expect(html).toMatchObject({ status: 'failed', message: expect.stringContaining('a web page, not a CSV file') });
    const empty = await syncFromUrl(URL_, {}, server({ body: () => '' }).fetch);
    expect(empty).toEqual({ status: 'failed', message: 'The file at the address is empty.' });
  });

  it.each([
    ['https://intranet.example/hr/register.csv', 'https://intranet.example/*'],
    ['http://127.0.0.1:8080/staff.csv', 'http://127.0.0.1/*'],
    ['file:///c:/staff.csv', undefined],
    ['not a url', undefined],
  ])('asks for host permission on the origin of %s', (url, pattern) => {
    expect(originPattern(url)).toBe(pattern);
  });
});

describe('syncNow and scheduled syncs through the handlers', () => {
  async function setUp(autoApplySync: boolean, srv: ReturnType<typeof server>) {
    const h = makeHandlers({ fetch: srv.fetch });
    await h.ask({ type: 'saveSettings', settings: { csvUrl: URL_, autoApplySync, syncEveryMinutes: 60 } });
    return h;
  }

  it('says when no address is set', async () => {
    const h = makeHandlers();
    expect(await h.ask({ type: 'syncNow' })).toMatchObject({ status: 'not-configured' });
  });

  it('leaves changes waiting as a preview, and downloads again until they are applied', async () => {
    const srv = server({ body: () => rows(['haringey', 'H1']), etag: '"v1"' });
    const h = await setUp(false, srv);
    const first = (await h.handlers.runSync()) as ResponseMap['syncNow'];
    expect(first).toMatchObject({ status: 'pending', previewId: expect.any(String) });
    expect(((await h.ask({ type: 'getRegister' })) as ResponseMap['getRegister']).records).toEqual([]);
    // Not applied yet, so the ETag was not kept: the next sync downloads the file again, and replaces the preview.
    const second = (await h.handlers.runSync()) as ResponseMap['syncNow'];
    expect(srv.seen[1]?.get('If-None-Match')).toBeNull();
    expect(await h.ask({ type: 'getPendingImports' })).toEqual([expect.objectContaining({ id: second.previewId })]);

    await h.ask({ type: 'applyImport', id: second.previewId });
    expect(((await h.ask({ type: 'getRegister' })) as ResponseMap['getRegister']).records).toHaveLength(1);
    expect(await h.handlers.runSync()).toMatchObject({ status: 'unchanged' });
    expect(srv.seen[2]?.get('If-None-Match')).toBe('"v1"');
  });

  it('applies changes at once when the settings say so, then gets 304 and changes nothing', async () => {
    let body = rows(['haringey', 'H1']);
    const srv = server({ body: () => body, etag: '"v1"' });
    const h = await setUp(true, srv);
    expect(await h.ask({ type: 'syncNow' })).toMatchObject({ status: 'applied', version: 1 });
    body = rows(['haringey', 'H1'], ['islington', 'I1']); // the server would say 200 only with a new ETag
    expect(await h.ask({ type: 'syncNow' })).toMatchObject({ status: 'unchanged' });
    expect(await h.ask({ type: 'getRegister' })).toMatchObject({ version: 1 });
    expect(h.broadcast).toHaveBeenCalledTimes(2); // saveSettings, then the one applied sync
  });

  it('leaves the register untouched when the server fails, and shows why in the summary', async () => {
    const good = server({ body: () => rows(['haringey', 'H1']) });
    const h = await setUp(true, good);
    await h.ask({ type: 'syncNow' });
    const before = await h.ask({ type: 'getRegister' });
    h.deps.fetch = server({ body: () => '', status: 500 }).fetch;
    expect(await h.ask({ type: 'syncNow' })).toEqual({
      status: 'failed',
      message: 'The server answered 500: the server had a problem, try again later. The register was not changed.',
    });
    expect(await h.ask({ type: 'getRegister' })).toEqual(before);
    expect(((await h.ask({ type: 'getSummary' })) as ResponseMap['getSummary']).lastSync).toMatchObject({
      ok: false,
      message: 'The server answered 500: the server had a problem, try again later.',
    });
  });

  it('leaves the register untouched when the file cannot be read', async () => {
    const h = await setUp(true, server({ body: () => rows(['haringey', 'H1']) }));
    await h.ask({ type: 'syncNow' });
    const before = await h.ask({ type: 'getRegister' });
    h.deps.fetch = server({ body: () => '"unterminated, quote\n' }).fetch;
    const r = (await h.ask({ type: 'syncNow' })) as ResponseMap['syncNow'];
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(
      /^The file at the register address could not be read: .+ The register was not changed\.$/,
    );
    expect(await h.ask({ type: 'getRegister' })).toEqual(before);
  });
});

describe('settings from the administrator (managed storage)', () => {
  const policy = { csvUrl: URL_, syncEveryMinutes: 30 };

  it.each([
    ['fills in the address and interval when the user set none', {}, policy, { csvUrl: URL_, syncEveryMinutes: 30 }],
    [
      "keeps the user's own address",
      { csvUrl: 'https://other.example/r.csv' },
      policy,
      { csvUrl: 'https://other.example/r.csv', syncEveryMinutes: 0 },
    ],
    ['ignores an invalid policy', {}, { csvUrl: 'ftp://x', syncEveryMinutes: -5 }, { csvUrl: '', syncEveryMinutes: 0 }],
    ['ignores no policy', {}, undefined, { csvUrl: '', syncEveryMinutes: 0 }],
  ])('%s', (_what, own, managed, expected) => {
    expect(withManagedSettings({ ...DEFAULT_SETTINGS, ...own }, managed)).toMatchObject(expected);
  });

  it('syncs from the address the administrator set', async () => {
    const srv = server({ body: () => rows(['haringey', 'H1']) });
    const h = makeHandlers({ fetch: srv.fetch, managedSettings: async () => policy });
    expect(await h.ask({ type: 'getSettings' })).toMatchObject({ csvUrl: URL_, syncEveryMinutes: 30 });
    expect(await h.ask({ type: 'syncNow' })).toMatchObject({ status: 'pending' });
    expect(srv.seen).toHaveLength(1);
  });
});
