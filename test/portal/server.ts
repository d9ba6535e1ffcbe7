// The fixture portal: one site directory served on 127.0.0.1 (port 0) with the transport quirks of
// real government portals. A site is
//   site.json      routes with behaviour (see Route), keyed by path (+ query), `*` suffix = prefix match
//   files/         the pages as they would be served (a/b/ → a/b/index.html)
//   expected.json  what a correct crawl finds, downloads and records as failures
// Every answer carries an ETag and Last-Modified and honours If-None-Match / If-Modified-Since, and every
// request is logged (method, path, conditional headers, status) so tests can see what the crawler sent.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { DocumentEntry } from '../../src/workarea/layout.js';
import { tinyPdf } from './documents.js';

export interface Route {
  /** File under files/ to serve (default: from the path). */
  file?: string;
  /** A file elsewhere in the repository to serve (a real sample), relative to the repository root. */
  sample?: string;
  /** Answer `failStatus` (default 500) to the first `failTimes` requests, then normally. */
  failTimes?: number;
  failStatus?: number;
  /** Retry-After (seconds) on those failures. */
  retryAfter?: number;
  /** Wait before answering. */
  delayMs?: number;
  /** 302 (or `redirectStatus`) to this location. */
  redirect?: string;
  redirectStatus?: number;
  /** Requests without this cookie get a 302 to themselves that sets it (cookie-redirect WAF). */
  requireCookie?: string;
  /**
   * 瑞数-style JS challenge: 412 + a script that sets `challenge=passed` and reloads, unless the cookie is
   * there. 'strict' also wants a browser navigation (Sec-Fetch-Dest: document), as when the cookie is
   * bound to the browser: the cookie alone does not pass.
   */
  challenge?: boolean | 'strict';
  /** Serve the (UTF-8) file transcoded to GBK, with `contentType` (default text/html without charset). */
  encoding?: 'gbk';
  contentType?: string;
  /** Generated bodies: a tiny PDF saying `text` (`{path}` = the request's path), or `bytes` zero bytes (streamed, no Content-Length). */
  generate?: { kind: 'pdf'; text: string } | { kind: 'zeros'; bytes: number };
  /** Content-Disposition as given; `dispositionGbk` = file name sent as raw GBK bytes. */
  disposition?: string;
  dispositionGbk?: string;
  /** POST routes: file per `startrecord` query value (Hanweb dataproxy). */
  post?: Record<string, string>;
  /** File per value of a query parameter, also one inside a JSON-valued parameter (API pagers: page=, pageNo=). */
  byQuery?: { param: string; files: Record<string, string> };
  /** No ETag / Last-Modified on this answer. */
  noValidators?: boolean;
  status?: number;
}

export interface SiteConfig {
  routes: Record<string, Route>;
}

export interface Expected {
  /** The list page(s) the test starts from (paths). */
  start: string[];
  /** Documents a correct crawl stores, sorted by path. */
  documents: { path: string; kind: DocumentEntry['kind']; page: string | null; filename: string | null }[];
  /** Failures a correct crawl records, sorted by path (a count_mismatch with its message). */
  failures: { path: string; stage: string; kind: string; message?: string }[];
  /** Paths a correct crawl never requests (noise items, disallowed paths). */
  neverRequested: string[];
  blockedHosts: boolean;
  /** Sites that test recognition (recog): every decision of a crawl, sorted by `by`, item, list. */
  decisions?: ExpectedDecision[];
  /** …the outcomes of ambiguous file items once a refresh extracted them. */
  settled?: ExpectedDecision[];
  /** …the records a refresh publishes (one per report), sorted by read_from. */
  reports?: { agency: string; year: number; format: string; read_from: string; urls: string[] }[];
  /** …the extraction failures it lists. */
  extractFailures?: { path: string; kind: string }[];
}

export interface ExpectedDecision {
  list: string;
  item: string;
  title: string;
  decision: string;
  by: string;
  reason: string;
}

export interface Hit {
  method: string;
  path: string;
  status: number;
  ifNoneMatch: string | null;
  ifModifiedSince: string | null;
  cookie: string | null;
  userAgent: string | null;
}

export interface Portal {
  origin: string;
  url(p: string): string;
  expected: Expected;
  hits: Hit[];
  /** When each hit arrived (ms, same order as `hits`): the per-host rate as the server saw it. */
  arrivals: number[];
  close(): Promise<void>;
}

const LAST_MODIFIED = 'Mon, 15 Jan 2024 08:00:00 GMT';
const REPO = path.resolve(import.meta.dirname, '../..');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.shtml': 'text/html; charset=utf-8',
  '.xml': 'text/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.pdf': 'application/pdf',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export async function startPortal(siteDir: string): Promise<Portal> {
  const dir = path.resolve(siteDir);
  const config = JSON.parse(readFileSync(path.join(dir, 'site.json'), 'utf8')) as SiteConfig;
  const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
  const hits: Hit[] = [];
  const arrivals: number[] = [];
  const served = new Map<string, number>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void answer(req, res).catch((err: Error) => {
        res.statusCode = 500;
        res.end(String(err.stack));
      });
    });
  });

  function findRoute(pathWithQuery: string): [string, Route] | undefined {
    const pathname = decodeURIComponent(pathWithQuery.split('?')[0]);
    for (const key of [pathWithQuery, pathname]) if (config.routes[key]) return [key, config.routes[key]];
    const prefix = Object.keys(config.routes)
      .filter((k) => k.endsWith('*') && pathname.startsWith(k.slice(0, -1)))
      .sort((a, b) => b.length - a.length)[0];
    return prefix ? [prefix, config.routes[prefix]] : undefined;
  }

  async function answer(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const pathname = decodeURIComponent(url.split('?')[0]);
    const hit: Hit = {
      method: req.method ?? 'GET',
      path: url,
      status: 0,
      ifNoneMatch: header(req, 'if-none-match'),
      ifModifiedSince: header(req, 'if-modified-since'),
      cookie: header(req, 'cookie'),
      userAgent: header(req, 'user-agent'),
    };
    hits.push(hit);
    arrivals.push(performance.timeOrigin + performance.now());
    const send = (status: number, headers: Record<string, string | number>, body?: Buffer | string) => {
      hit.status = status;
      res.writeHead(status, headers);
      res.end(body);
    };
    const [key, route] = findRoute(url) ?? ['', {} as Route];
    const count = (served.get(`${req.method} ${url}`) ?? 0) + 1;
    served.set(`${req.method} ${url}`, count);

    if (route.delayMs) await new Promise((r) => setTimeout(r, route.delayMs));
    if (res.destroyed) return;
    if (route.failTimes && count <= route.failTimes) {
      const h: Record<string, string | number> = { 'content-type': 'text/html; charset=utf-8' };
      if (route.retryAfter !== undefined) h['retry-after'] = route.retryAfter;
      return send(route.failStatus ?? 500, h, '<html><body>busy</body></html>');
    }
    const cookies = hit.cookie ?? '';
    const navigation = header(req, 'sec-fetch-dest') === 'document';
    if (route.challenge && (!/\bchallenge=passed\b/.test(cookies) || (route.challenge === 'strict' && !navigation))) {
      return send(
        412,
        { 'content-type': 'text/html; charset=utf-8' },
        `<html><head><script>document.cookie = "challenge=passed; path=/"; location.reload();</script></head><body></body></html>`,
      );
    }
    if (route.requireCookie && !cookies.split(/;\s*/).includes(route.requireCookie)) {
      return send(302, { location: url, 'set-cookie': `${route.requireCookie}; Path=/` }, '');
    }
    if (route.redirect) return send(route.redirectStatus ?? 302, { location: route.redirect }, '');
    if (route.status) return send(route.status, { 'content-type': 'text/html; charset=utf-8' }, 'status');

    let body: Buffer;
    let type: string;
    if (route.generate?.kind === 'zeros') {
      hit.status = 200;
      res.writeHead(200, { 'content-type': 'application/pdf' });
      const chunk = Buffer.alloc(64 * 1024);
      let left = route.generate.bytes;
      const pump = () => {
        while (left > 0 && !res.destroyed) {
          left -= chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => undefined);
      return pump();
    } else if (route.generate?.kind === 'pdf') {
      body = tinyPdf(route.generate.text.replace('{path}', pathname));
      type = 'application/pdf';
    } else {
      let file = route.file;
      if (req.method === 'POST' && route.post) {
        const start = new URL(url, 'http://x').searchParams.get('startrecord') ?? '';
        file = route.post[start];
      }
      if (route.byQuery) file = route.byQuery.files[queryValue(url, route.byQuery.param) ?? ''];
      file ??= pathname.endsWith('/') ? `${pathname}index.html` : pathname;
      const full = route.sample ? path.join(REPO, route.sample) : path.join(dir, 'files', file);
      const inside = route.sample ? full.startsWith(REPO) : full.startsWith(path.join(dir, 'files'));
      if (!inside || !existsSync(full) || key === '404') {
        return send(404, { 'content-type': 'text/html; charset=utf-8' }, '<html><body>404 Not Found</body></html>');
      }
      body = readFileSync(full);
      type = route.contentType ?? TYPES[path.extname(full)] ?? 'application/octet-stream';
      if (route.encoding === 'gbk') {
        body = iconv.encode(body.toString('utf8'), 'gbk');
        type = route.contentType ?? 'text/html';
      }
    }
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
    const headers: Record<string, string | number> = { 'content-type': type, 'content-length': body.length };
    if (!route.noValidators) {
      headers.etag = etag;
      headers['last-modified'] = LAST_MODIFIED;
      const inm = hit.ifNoneMatch;
      const ims = hit.ifModifiedSince;
      if ((inm && inm === etag) || (!inm && ims && Date.parse(ims) >= Date.parse(LAST_MODIFIED))) {
        return send(304, { etag, 'last-modified': LAST_MODIFIED });
      }
    }
    if (route.disposition) headers['content-disposition'] = route.disposition;
    if (route.dispositionGbk) {
      // Raw GBK bytes in a header: node:http refuses them, so this answer is written to the socket by hand.
      const lines = Object.entries({ ...headers, connection: 'close' }).map(([k, v]) => `${k}: ${v}\r\n`);
      const head = Buffer.concat([
        Buffer.from(`HTTP/1.1 200 OK\r\n${lines.join('')}content-disposition: attachment; filename="`, 'latin1'),
        iconv.encode(route.dispositionGbk, 'gbk'),
        Buffer.from('"\r\n\r\n', 'latin1'),
      ]);
      hit.status = 200;
      res.socket?.end(Buffer.concat([head, body]));
      return;
    }
    send(200, headers, req.method === 'HEAD' ? undefined : body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (p: string) => new URL(p, origin).href,
    expected,
    hits,
    arrivals,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A query parameter's value, or the number a JSON-valued parameter gives it ({"pageNo":2}). */
function queryValue(url: string, param: string): string | null {
  const q = new URL(url, 'http://x').searchParams;
  if (q.has(param)) return q.get(param);
  for (const v of q.values()) {
    const m = new RegExp(`["']?${param}["']?\\s*:\\s*(\\d+)`).exec(v);
    if (m) return m[1];
  }
  return null;
}

function header(req: http.IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : (v ?? null);
}
