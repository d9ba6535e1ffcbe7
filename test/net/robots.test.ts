// robots.txt as RFC 9309 reads it: 4xx = none (everything allowed); 5xx, timeout or network error =
// unreachable, and the host counts as disallowing everything for the run, with the reason named.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError, HttpClient } from '../../src/net/fetch.js';

describe('robots.txt that cannot be read', () => {
  const servers: http.Server[] = [];
  const hits: string[] = [];
  /** A site whose /robots.txt answers `status`; every other path answers 200. */
  async function site(status: number): Promise<string> {
    const server = http.createServer((req, res) => {
      hits.push(`${status} ${req.url}`);
      res.statusCode = req.url === '/robots.txt' ? status : 200;
      res.end(req.url === '/robots.txt' ? 'busy' : 'report');
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  let down: string;
  let missing: string;
  beforeAll(async () => {
    down = await site(503);
    missing = await site(404);
  });
  afterAll(async () => {
    for (const s of servers) await new Promise((r) => s.close(r));
  });
  const client = () => new HttpClient({ rate: Infinity, allowHosts: ['127.0.0.1'], retry: { retries: 0 } });

  it('a 5xx robots.txt disallows the whole host for the run, naming why; the page is never requested', async () => {
    const c = client();
    for (const path of ['/a.html', '/b.pdf']) {
      const err = await c.fetch({ url: `${down}${path}` }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FetchError);
      expect({ kind: (err as FetchError).kind, message: (err as FetchError).message }).toEqual({
        kind: 'robots',
        message: `robots.txt unreachable (HTTP 503): the host counts as disallowing everything this run (RFC 9309): ${down}${path}`,
      });
    }
    expect(hits.filter((h) => h.startsWith('503'))).toEqual(['503 /robots.txt']); // asked once, pages never
  });

  it('a 4xx robots.txt means there is none: everything allowed', async () => {
    const res = await client().fetch({ url: `${missing}/a.html` });
    expect(res.body.toString()).toBe('report');
  });

  it('an unreachable host keeps its kind (network), and the message says robots.txt could not be read', async () => {
    const err = await client()
      .fetch({ url: 'http://127.0.0.1:1/a.html' })
      .catch((e: unknown) => e);
    expect({ kind: (err as FetchError).kind, message: (err as FetchError).message }).toEqual({
      kind: 'network',
      message:
        'robots.txt unreachable (network): the host counts as disallowing everything this run (RFC 9309): http://127.0.0.1:1/a.html',
    });
  });
});
