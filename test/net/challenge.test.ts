// The 412 challenge policy against a local server, with a stand-in for the browser session: one
// browser visit per challenged host earns the cookie; a cookie that does not pass sends that host's
// pages through the browser and makes its files a 'blocked' failure.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserSession, RenderedPage } from '../../src/net/browser.js';
import { ChallengeAwareFetcher } from '../../src/net/challenge.js';
import type { CookieJar } from '../../src/net/cookies.js';
import { FetchError, HttpClient } from '../../src/net/fetch.js';

let server: http.Server;
let origin: string;
const hits: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    hits.push(url);
    const passed = /\bpass=1\b/.test(req.headers.cookie ?? '');
    // /open/… passes with the challenge cookie; /bound/… never does (the cookie is bound to the browser).
    if (url.startsWith('/open/') && passed) return res.end(`ok ${url}`);
    if (url.startsWith('/open/') || url.startsWith('/bound/')) {
      res.writeHead(412, { 'content-type': 'text/html' });
      return res.end('<script>document.cookie="pass=1";location.reload()</script>');
    }
    res.statusCode = 404;
    res.end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))));

/** Renders by setting the challenge cookie in the jar, as Chromium would after running the script. */
class FakeBrowser {
  readonly rendered: string[] = [];
  constructor(private readonly status = 200) {}
  async render(url: string, jar: CookieJar): Promise<RenderedPage> {
    this.rendered.push(new URL(url).pathname);
    await jar.setCookie('pass=1; Path=/', url);
    return { finalUrl: url, status: this.status, html: `<html><body>rendered ${new URL(url).pathname}</body></html>` };
  }
}

function setup(status = 200) {
  const http = new HttpClient({ rate: Infinity, robots: false, allowHosts: ['127.0.0.1'], retry: { retries: 0 } });
  const browser = new FakeBrowser(status);
  return { browser, fetcher: new ChallengeAwareFetcher(http, browser as unknown as BrowserSession) };
}

async function failure(p: Promise<unknown>): Promise<{ kind: string; status?: number }> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(FetchError);
    return { kind: (err as FetchError).kind, status: (err as FetchError).status };
  }
  throw new Error('expected a FetchError');
}

describe('ChallengeAwareFetcher', () => {
  it('lets the browser earn the cookie once per host, then fetches over HTTP', async () => {
    const { browser, fetcher } = setup();
    const a = await fetcher.fetch({ url: `${origin}/open/a.html` }, { asPage: true });
    expect(a.body.toString()).toBe('ok /open/a.html');
    const b = await fetcher.fetch({ url: `${origin}/open/b.pdf` });
    expect(b.body.toString()).toBe('ok /open/b.pdf');
    expect(browser.rendered).toEqual(['/open/a.html']);
  });

  it('loads the pages of a host whose cookie does not pass through the browser, and reports its files blocked', async () => {
    const { browser, fetcher } = setup();
    const page = await fetcher.fetch({ url: `${origin}/bound/a.html` }, { asPage: true });
    expect(page.body.toString('utf8')).toContain('rendered /bound/a.html');
    expect(page.contentType).toBe('text/html; charset=utf-8');
    expect(await failure(fetcher.fetch({ url: `${origin}/bound/report.pdf` }))).toEqual({
      kind: 'blocked',
      status: 412,
    });

    // From now on the host's pages skip the HTTP client.
    const before = hits.length;
    await fetcher.fetch({ url: `${origin}/bound/b.html` }, { asPage: true });
    expect(hits.slice(before)).toEqual([]);
    expect(browser.rendered).toEqual(['/bound/a.html', '/bound/a.html', '/bound/b.html']);
  });

  it('never sends a POST through the browser', async () => {
    const { fetcher } = setup();
    expect(
      await failure(fetcher.fetch({ url: `${origin}/bound/proxy`, method: 'POST', body: 'a=1' }, { asPage: true })),
    ).toEqual({
      kind: 'blocked',
      status: 412,
    });
  });

  it('turns an error status shown by the browser into a FetchError, under the client manners', async () => {
    expect(await failure(setup(403).fetcher.viaBrowser(`${origin}/bound/x.html`))).toEqual({
      kind: 'blocked',
      status: 403,
    });
    expect(await failure(setup(404).fetcher.viaBrowser(`${origin}/bound/x.html`))).toEqual({
      kind: 'http_404',
      status: 404,
    });
    expect(await failure(setup().fetcher.viaBrowser('https://example.org/x.html'))).toEqual({
      kind: 'not_allowed',
      status: undefined,
    });
  });
});
