// The bundled demo portal (demo/site/ in the repo, built by demo/build.ts) served on 127.0.0.1 (a free port, or the one asked for).
// Static files with ETag and Last-Modified; If-None-Match (else If-Modified-Since) answers 304, as a
// real portal's web server does, so a second refresh costs only conditional requests.
// `replace(path, bytes)` serves other bytes at a path from then on (tests: a report corrected on the portal).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PACKAGE_ROOT } from '../sys/package-root.js';

export const DEMO_SITE = path.join(PACKAGE_ROOT, 'demo', 'site');
/** The 年报 column's first list page: where a crawl of the demo starts. */
export const DEMO_LIST_PATH = '/zfxxgk/zfxxgknb/index.html';

const SITE_DATE = 'Mon, 20 Jan 2025 08:00:00 GMT';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.txt': 'text/plain; charset=utf-8',
};

export interface DemoPortal {
  origin: string;
  /** The list page to crawl from. */
  listUrl: string;
  url(p: string): string;
  /** Every request: method, path, status (tests check 304s). */
  hits: { method: string; path: string; status: number; conditional: boolean }[];
  /** Serve these bytes at this path from now on (with a new ETag and Last-Modified). */
  replace(p: string, bytes: Buffer): void;
  close(): Promise<void>;
}

/**
 * `port`: the port to serve on, when free (`ogi demo` asks for the one it used last, so the portal's
 * URLs, and with them the crawl's ETags and the records' links, stay the same from run to run);
 * 0 or a busy port: a free one.
 */
export async function startDemoPortal(siteDir: string = DEMO_SITE, port = 0): Promise<DemoPortal> {
  const root = path.resolve(siteDir);
  const replaced = new Map<string, { bytes: Buffer; lastModified: string }>();
  const hits: DemoPortal['hits'] = [];

  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent((req.url ?? '/').split('?')[0]);
    const hit = { method: req.method ?? 'GET', path: req.url ?? '/', status: 0, conditional: false };
    hits.push(hit);
    const send = (status: number, headers: Record<string, string | number>, body?: Buffer | string) => {
      hit.status = status;
      res.writeHead(status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const rel = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
    let body: Buffer;
    let lastModified = SITE_DATE;
    const swapped = replaced.get(rel);
    if (swapped) ({ bytes: body, lastModified } = swapped);
    else {
      const file = path.join(root, rel);
      if (!file.startsWith(root + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
        return send(
          404,
          { 'content-type': 'text/html; charset=utf-8' },
          '<html><body><h1>404 Not Found</h1></body></html>',
        );
      }
      body = readFileSync(file);
    }
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    hit.conditional = Boolean(inm || ims);
    const fresh = inm ? inm === etag : ims ? Date.parse(ims) >= Date.parse(lastModified) : false;
    if (fresh) return send(304, { etag, 'last-modified': lastModified });
    send(
      200,
      {
        'content-type': TYPES[path.extname(rel)] ?? 'application/octet-stream',
        'content-length': body.length,
        etag,
        'last-modified': lastModified,
      },
      body,
    );
  });

  const listen = (p: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  try {
    await listen(port);
  } catch (err) {
    if (port === 0 || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    await listen(0);
  }
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let tick = 0;
  return {
    origin,
    listUrl: `${origin}${DEMO_LIST_PATH}`,
    url: (p) => new URL(p, origin).href,
    hits,
    replace(p, bytes) {
      // a later, distinct Last-Modified for each replacement
      replaced.set(p, { bytes, lastModified: new Date(Date.parse(SITE_DATE) + ++tick * 86_400_000).toUTCString() });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
