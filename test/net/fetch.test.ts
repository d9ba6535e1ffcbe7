// The HTTP client against a local server: size cap, conditional requests, redirects with cookies,
// retries (5xx, 429 + Retry-After), timeouts, blocks, robots.txt and allowed hosts.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError, HttpClient, type HttpClientOptions } from '../../src/net/fetch.js';

interface Seen {
  path: string;
  headers: http.IncomingHttpHeaders;
}
let server: http.Server;
let origin: string;
const seen: Seen[] = [];
const counts = new Map<string, number>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    seen.push({ path: url, headers: req.headers });
    const n = (counts.get(url) ?? 0) + 1;
    counts.set(url, n);
    switch (url) {
      case '/robots.txt':
        return res.end('User-agent: *\nDisallow: /secret/\n');
      case '/small':
        return res.end('hello');
      case '/big-declared':
        res.writeHead(200, { 'content-length': 5000 });
        return res.end(Buffer.alloc(5000));
      case '/big-streamed': {
        res.writeHead(200, { 'content-type': 'application/pdf' }); // chunked, no Content-Length
        for (let i = 0; i < 10; i++) res.write(Buffer.alloc(1000));
        return res.end();
      }
      case '/doc': {
        if (req.headers['if-none-match'] === '"v1"') {
          res.writeHead(304, { etag: '"v1"' });
          return res.end();
        }
        res.writeHead(200, {
          etag: '"v1"',
          'last-modified': 'Mon, 15 Jan 2024 08:00:00 GMT',
          'content-type': 'application/pdf',
        });
        return res.end('%PDF-1.4 doc');
      }
      case '/waf':
        if (!/\bwaf=1\b/.test(req.headers.cookie ?? '')) {
          res.writeHead(302, { location: '/waf', 'set-cookie': 'waf=1; Path=/' });
          return res.end();
        }
        res.writeHead(301, { location: '/final' });
        return res.end();
      case '/final':
        return res.end(`cookie=${req.headers.cookie ?? ''}`);
      case '/flaky':
        res.statusCode = n === 1 ? 503 : 200;
        return res.end(n === 1 ? 'busy' : 'ok');
      case '/throttled':
        if (n === 1) {
          res.writeHead(429, { 'retry-after': '1' });
          return res.end();
        }
        return res.end('ok');
      case '/always-429':
        res.writeHead(429, { 'retry-after': '0' });
        return res.end();
      case '/forbidden':
        res.statusCode = 403;
        return res.end();
      case '/challenge':
        res.statusCode = 412;
        return res.end('<script>document.cookie="x=1"</script>');
      case '/slow':
        return void setTimeout(() => res.end('late'), 6000);
      case '/post':
        return void req
          .on('data', () => undefined)
          .on('end', () => res.end(`${req.method} ${req.headers['content-type']}`));
      default:
        res.statusCode = 404;
        return res.end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))));

const client = (opts: HttpClientOptions = {}) =>
  new HttpClient({
    rate: Infinity,
    allowHosts: ['127.0.0.1'],
    retry: { retries: 2, baseDelayMs: 10, maxDelayMs: 1500 },
    timeoutMs: 2000,
    ...opts,
  });

async function failure(p: Promise<unknown>): Promise<{ kind: string; status?: number }> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(FetchError);
    const e = err as FetchError;
    return { kind: e.kind, ...(e.status !== undefined ? { status: e.status } : {}) };
  }
  throw new Error('expected a FetchError');
}
const hitsOf = (path: string) => seen.filter((s) => s.path === path).length;

describe('size cap', () => {
  it('reads a body under the cap', async () => {
    const res = await client({ maxBytes: 100 }).fetch({ url: `${origin}/small` });
    expect(res.body.toString()).toBe('hello');
  });
  it('refuses a declared Content-Length over the cap', async () => {
    expect(await failure(client({ maxBytes: 1000 }).fetch({ url: `${origin}/big-declared` }))).toEqual({
      kind: 'too_large',
    });
  });
  it('aborts a streamed body once it passes the cap', async () => {
    expect(await failure(client({ maxBytes: 2500 }).fetch({ url: `${origin}/big-streamed` }))).toEqual({
      kind: 'too_large',
    });
  });
});

describe('a body streamed to a file (toFile)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ogi-fetch-file-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

  it('writes the whole body to the file with its size and sha256, and nothing to memory', async () => {
    const file = path.join(dir, 'big');
    const res = await client({ maxBytes: 10_000 }).fetch({ url: `${origin}/big-streamed`, toFile: file });
    expect(res.body.length).toBe(0);
    expect(res.file).toEqual({ path: file, bytes: 10_000, sha256: sha(Buffer.alloc(10_000)) });
    expect(readFileSync(file)).toEqual(Buffer.alloc(10_000));
  });
  it('truncates a file already there (a retried request writes it afresh)', async () => {
    const file = path.join(dir, 'again');
    writeFileSync(file, 'x'.repeat(100));
    const res = await client().fetch({ url: `${origin}/small`, toFile: file });
    expect(res.file).toEqual({ path: file, bytes: 5, sha256: sha(Buffer.from('hello')) });
    expect(readFileSync(file, 'utf8')).toBe('hello');
  });
  it('leaves no file when the body passes the cap, declared or streamed', async () => {
    for (const [url, max] of [
      ['/big-streamed', 2500],
      ['/big-declared', 1000],
    ] as const) {
      const file = path.join(dir, `capped${max}`);
      expect(await failure(client({ maxBytes: max }).fetch({ url: `${origin}${url}`, toFile: file }))).toEqual({
        kind: 'too_large',
      });
      expect(existsSync(file)).toBe(false);
    }
  });
  it('writes no file for a 304 or an HTTP error', async () => {
    const c = client();
    const first = await c.fetch({ url: `${origin}/doc`, toFile: path.join(dir, 'doc1') });
    expect(readFileSync(path.join(dir, 'doc1'), 'utf8')).toBe('%PDF-1.4 doc');
    const again = await c.fetch({
      url: `${origin}/doc`,
      validators: { etag: first.etag },
      toFile: path.join(dir, 'doc2'),
    });
    expect([again.status, again.notModified, again.file]).toEqual([304, true, undefined]);
    expect(existsSync(path.join(dir, 'doc2'))).toBe(false);
    expect(await failure(c.fetch({ url: `${origin}/nothing-here`, toFile: path.join(dir, 'missing') }))).toEqual({
      kind: 'http_404',
      status: 404,
    });
    expect(existsSync(path.join(dir, 'missing'))).toBe(false);
  });
});

describe('conditional requests', () => {
  it('keeps the validators and sends them back; a 304 has no body', async () => {
    const c = client();
    const first = await c.fetch({ url: `${origin}/doc` });
    expect([first.status, first.etag, first.lastModified, first.contentType]).toEqual([
      200,
      '"v1"',
      'Mon, 15 Jan 2024 08:00:00 GMT',
      'application/pdf',
    ]);
    const again = await c.fetch({
      url: `${origin}/doc`,
      validators: { etag: first.etag, lastModified: first.lastModified },
    });
    expect([again.status, again.notModified, again.body.length]).toEqual([304, true, 0]);
    const last = seen.filter((s) => s.path === '/doc').at(-1)!;
    expect([last.headers['if-none-match'], last.headers['if-modified-since']]).toEqual([
      '"v1"',
      'Mon, 15 Jan 2024 08:00:00 GMT',
    ]);
  });
});

describe('redirects and cookies', () => {
  it('follows a cookie-setting 302-to-self and a 301, and reports the final URL', async () => {
    const res = await client().fetch({ url: `${origin}/waf` });
    expect(res.finalUrl).toBe(`${origin}/final`);
    expect(res.url).toBe(`${origin}/waf`);
    expect(res.body.toString()).toBe('cookie=waf=1');
  });
  it('sends POST bodies as a form', async () => {
    const res = await client().fetch({ url: `${origin}/post`, method: 'POST', body: 'a=1' });
    expect(res.body.toString()).toBe('POST application/x-www-form-urlencoded; charset=UTF-8');
  });
});

describe('retries and blocks', () => {
  it('retries a 5xx and succeeds', async () => {
    const res = await client().fetch({ url: `${origin}/flaky` });
    expect([res.status, res.body.toString(), hitsOf('/flaky')]).toEqual([200, 'ok', 2]);
  });
  it('waits out a 429 with Retry-After and succeeds', async () => {
    const res = await client().fetch({ url: `${origin}/throttled` });
    expect([res.status, hitsOf('/throttled')]).toEqual([200, 2]);
  });
  it('reports a host that keeps answering 429 as blocked, after all attempts', async () => {
    expect(await failure(client().fetch({ url: `${origin}/always-429` }))).toEqual({ kind: 'blocked', status: 429 });
    expect(hitsOf('/always-429')).toBe(3);
  });
  it('does not retry a 404', async () => {
    expect(await failure(client().fetch({ url: `${origin}/gone` }))).toEqual({ kind: 'http_404', status: 404 });
    expect(hitsOf('/gone')).toBe(1);
  });
  it('reports 403 as blocked and 412 as a JavaScript challenge', async () => {
    expect(await failure(client().fetch({ url: `${origin}/forbidden` }))).toEqual({ kind: 'blocked', status: 403 });
    expect(await failure(client().fetch({ url: `${origin}/challenge` }))).toEqual({ kind: 'challenge', status: 412 });
  });
  it('times out a slow answer, retrying first', async () => {
    expect(await failure(client({ retry: { retries: 1, baseDelayMs: 10 } }).fetch({ url: `${origin}/slow` }))).toEqual({
      kind: 'timeout',
    });
    expect(hitsOf('/slow')).toBe(2);
  });
  it('reports a refused connection as a network failure', async () => {
    expect(await failure(client({ retry: { retries: 0 } }).fetch({ url: 'http://127.0.0.1:1/x' }))).toEqual({
      kind: 'network',
    });
  });
});

describe('manners', () => {
  it('obeys robots.txt, fetched once per host', async () => {
    const c = client();
    const before = hitsOf('/robots.txt');
    expect(await failure(c.fetch({ url: `${origin}/secret/report.html` }))).toEqual({ kind: 'robots' });
    await c.fetch({ url: `${origin}/small` });
    expect(hitsOf('/robots.txt') - before).toBe(1);
    expect(hitsOf('/secret/report.html')).toBe(0);
  });
  it('sends the ogi User-Agent', async () => {
    await client().fetch({ url: `${origin}/small` });
    expect(seen.at(-1)!.headers['user-agent']).toMatch(
      /^ogi\/[\d.]+ \(\+https:\/\/github\.com\/ogi-data\/ogi; open government information research\)$/,
    );
  });
  it('refuses hosts outside *.gov.cn and the allowed list without connecting', async () => {
    expect(await failure(new HttpClient().fetch({ url: `${origin}/small` }))).toEqual({ kind: 'not_allowed' });
    expect(await failure(new HttpClient().fetch({ url: 'https://www.gov.cn.evil.example/x' }))).toEqual({
      kind: 'not_allowed',
    });
  });
});
