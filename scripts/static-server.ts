/**
 * A small static file server on 127.0.0.1 for the end-to-end suite and `npm start`.
 *
 * Serves files from one or more folders, each under a URL prefix, with correct content types and
 * conditional requests (ETag and Last-Modified, answered with 304), so the extension's register refresh can be
 * tested against a real HTTP cache. Tests can add routes that change between requests or fail on purpose.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const sharedRoot = path.resolve(repoRoot, '..', 'shared');

/** The folders the suite serves: `public/` at `/`, test pages at `/pages/`, shared real-world pages at `/fixtures/`. */
export function defaultRoots(): Record<string, string> {
  return {
    '/': path.join(repoRoot, 'public'),
    '/pages/': path.join(repoRoot, 'tests', 'e2e', 'pages'),
    '/fixtures/': path.join(sharedRoot, 'fixtures', 'pages'),
  };
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

export function contentTypeFor(filePath: string): string {
  return contentTypes[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** What a route handler may return instead of writing to `res` itself. */
export interface RouteResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/**
 * A custom route. Either write the response yourself (and return nothing), or return a RouteResponse.
 * A returned body gets an ETag, and a matching If-None-Match is answered with 304.
 */
export type RouteHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
) => RouteResponse | void | Promise<RouteResponse | void>;

export interface ServedRequest {
  method: string;
  path: string;
  status: number;
  headers: http.IncomingHttpHeaders;
}

export interface StaticServer {
  /** For example `http://127.0.0.1:40123`. */
  origin: string;
  port: number;
  /** Every request served so far, oldest first. Clear it with `requests.length = 0`. */
  requests: ServedRequest[];
  /** Serve `routePath` (exact path, query ignored) from `handler`, before any file. Replaces an earlier route. */
  setRoute(routePath: string, handler: RouteHandler): void;
  removeRoute(routePath: string): void;
  close(): Promise<void>;
}

export interface StaticServerOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
}

function etagFor(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

function isFresh(req: http.IncomingMessage, etag: string, lastModified?: Date): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch
      .split(',')
      .map((tag) => tag.trim().replace(/^W\//, ''))
      .some((tag) => tag === etag || tag === '*');
  }
  const ifModifiedSince = req.headers['if-modified-since'];
  if (ifModifiedSince !== undefined && lastModified !== undefined) {
    const since = Date.parse(ifModifiedSince);
    // HTTP dates have one-second resolution.
    return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
  }
  return false;
}

function normaliseRoots(roots: Record<string, string> | string): [string, string][] {
  const entries = typeof roots === 'string' ? [['/', roots] as [string, string]] : Object.entries(roots);
  return entries
    .map(([prefix, dir]): [string, string] => {
      let p = prefix.startsWith('/') ? prefix : `/${prefix}`;
      if (!p.endsWith('/')) p += '/';
      return [p, path.resolve(repoRoot, dir)];
    })
    .sort((a, b) => b[0].length - a[0].length); // longest prefix first
}

async function resolveFile(roots: [string, string][], urlPath: string): Promise<string | undefined> {
  for (const [prefix, dir] of roots) {
    if (!urlPath.startsWith(prefix)) continue;
    const relative = urlPath.slice(prefix.length);
    const candidate = path.resolve(dir, `.${path.sep}${relative}`);
    if (candidate !== dir && !candidate.startsWith(dir + path.sep)) return undefined; // path traversal
    try {
      const stat = await fs.stat(candidate);
      if (stat.isFile()) return candidate;
      if (stat.isDirectory()) {
        const index = path.join(candidate, 'index.html');
        if ((await fs.stat(index).catch(() => undefined))?.isFile()) return index;
      }
    } catch {
      // Not in this root: try the next one.
    }
  }
  return undefined;
}

function send(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
): void {
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

export async function startStaticServer(
  roots: Record<string, string> | string = defaultRoots(),
  options: StaticServerOptions = {},
): Promise<StaticServer> {
  const servedRoots = normaliseRoots(roots);
  const routes = new Map<string, RouteHandler>();
  const requests: ServedRequest[] = [];

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(url.pathname);
    } catch {
      send(req, res, 400, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Bad request');
      return;
    }

    const route = routes.get(urlPath);
    if (route) {
      const result = await route(req, res);
      if (result && !res.headersSent) {
        const body = result.body ?? '';
        const status = result.status ?? 200;
        const headers: Record<string, string> = {
          'Content-Type': contentTypeFor(urlPath),
          'Cache-Control': 'no-cache',
          ...result.headers,
        };
        if (status === 200) {
          const etag = headers.ETag ?? etagFor(body);
          headers.ETag = etag;
          if (isFresh(req, etag)) {
            send(req, res, 304, { ETag: etag, 'Cache-Control': headers['Cache-Control'] ?? 'no-cache' }, '');
            return;
          }
        }
        send(req, res, status, headers, body);
      }
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(req, res, 405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, 'Method not allowed');
      return;
    }

    const file = await resolveFile(servedRoots, urlPath);
    if (!file) {
      send(req, res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not found');
      return;
    }
    const [body, stat] = await Promise.all([fs.readFile(file), fs.stat(file)]);
    const etag = etagFor(body);
    const lastModified = stat.mtime;
    const validators = { ETag: etag, 'Last-Modified': lastModified.toUTCString(), 'Cache-Control': 'no-cache' };
    if (isFresh(req, etag, lastModified)) {
      send(req, res, 304, validators, '');
      return;
    }
    send(req, res, 200, { 'Content-Type': contentTypeFor(file), ...validators }, body);
  };

  const server = http.createServer((req, res) => {
    res.on('finish', () => {
      requests.push({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        status: res.statusCode,
        headers: req.headers,
      });
    });
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      }
      res.end(`Server error: ${String(error)}`);
    });
  });
  // Browsers keep connections open; do not let them hold close() up.
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    setRoute(routePath, handler) {
      routes.set(routePath, handler);
    },
    removeRoute(routePath) {
      routes.delete(routePath);
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
