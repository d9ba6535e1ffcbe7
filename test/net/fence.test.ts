// The fenced browser: a page whose scripts try to reach another local address (fetch, WebSocket,
// preconnect, prefetch, an image), a path robots.txt forbids, and a service worker. Nothing reaches
// the other address (a listener there counts connections), the forbidden path is never requested,
// no service worker is fetched, the allowed request goes through, and every refusal is counted.
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../../src/net/browser.js';
import { CookieJar } from '../../src/net/cookies.js';

describe('BrowserSession fence', () => {
  let site: http.Server;
  let sitePort = 0;
  let other: net.Server;
  let otherPort = 0;
  const otherConnections: string[] = [];
  const hits: string[] = [];

  beforeAll(async () => {
    other = net.createServer((s) => {
      otherConnections.push(s.remoteAddress ?? '?');
      s.destroy();
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.2', r));
    otherPort = (other.address() as net.AddressInfo).port;
    const elsewhere = `127.0.0.2:${otherPort}`;
    site = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/ok') return res.writeHead(200, { 'content-type': 'text/plain' }).end('allowed-data');
      if (req.url === '/sw.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end('');
      if (req.url === '/poll')
        // polls from 0.8 s after load on: after the page has gone quiet and been read
        return res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(`<p>poll</p><script>setTimeout(() => setInterval(() => fetch('/tick'), 100), 800)</script>`);
      if (req.url === '/tick') return res.writeHead(200, { 'content-type': 'text/plain' }).end('tick');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html><head>
<link rel="preconnect" href="http://${elsewhere}">
<link rel="dns-prefetch" href="http://${elsewhere}">
<link rel="prefetch" href="http://${elsewhere}/prefetch">
</head><body><p id="out">start</p><img src="http://${elsewhere}/pixel.png">
<script>
const out = document.getElementById('out');
fetch('/ok').then((r) => r.text()).then((t) => { out.textContent += ' ' + t; });
fetch('http://${elsewhere}/fetch').catch(() => { out.textContent += ' fetch-refused'; });
fetch('/private/secret').catch(() => { out.textContent += ' robots-refused'; });
try { const ws = new WebSocket('ws://${elsewhere}/ws'); ws.onerror = () => { out.textContent += ' ws-refused'; }; } catch { out.textContent += ' ws-refused'; }
if (navigator.serviceWorker) navigator.serviceWorker.register('/sw.js').catch(() => { out.textContent += ' sw-refused'; });
</script></body></html>`);
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    sitePort = (site.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((r) => site.close(r));
    await new Promise((r) => other.close(r));
  });

  it('lets a page reach only the allowed host, under the crawl manners, and counts what it refused', async () => {
    const allowedHost = `127.0.0.1:${sitePort}`;
    const session = new BrowserSession({
      userAgent: 'ogi-test',
      isAllowed: (url) => new URL(url).host === allowedHost,
      admit: async (url) => !new URL(url).pathname.startsWith('/private/'), // robots.txt: Disallow /private/
      timeoutMs: 30_000,
    });
    try {
      const page = await session.render(`http://${allowedHost}/`, new CookieJar(), { admitted: true });
      expect(page.status).toBe(200);
      expect(page.html).toContain('allowed-data');
      expect(page.html).toContain('fetch-refused');
      expect(page.html).toContain('robots-refused');
      expect(page.html).toContain('ws-refused');
      // a little longer for speculative connections that would come late
      await new Promise((r) => setTimeout(r, 500));
      expect(otherConnections).toEqual([]);
      expect(hits.filter((h) => h !== '/favicon.ico').sort()).toEqual(['/', '/ok']);
      expect(session.keptTabs()).toBe(1);
      const blocked = session.blockedRequests();
      // Chromium's own calls home (accounts.google.com, update.googleapis.com), when it makes them, are refused too.
      const byPage = Object.keys(blocked).filter((h) => !/\.google(apis)?\.com(:\d+)?$/.test(h));
      expect(byPage.sort()).toEqual([allowedHost, `127.0.0.2:${otherPort}`].sort());
      expect(blocked[allowedHost]).toBe(1); // /private/secret
      expect(blocked[`127.0.0.2:${otherPort}`]).toBeGreaterThanOrEqual(3); // fetch, image, WebSocket (and prefetch)
    } finally {
      await session.close();
    }
  });

  it('keeps a tab for the next page, emptied so that its scripts make no more requests; a failed page’s tab is closed', async () => {
    const host = `127.0.0.1:${sitePort}`;
    const session = new BrowserSession({
      userAgent: 'ogi-test',
      isAllowed: (url) => new URL(url).host === host,
      timeoutMs: 5_000,
    });
    try {
      const ticks: number[] = [];
      site.on('request', (req) => {
        if (req.url === '/tick') ticks.push(Date.now());
      });
      let returned = 0;
      for (let i = 0; i < 3; i++) {
        const page = await session.render(`http://${host}/poll`, new CookieJar());
        returned = Date.now();
        expect(page.html).toContain('<p>poll</p>');
        expect(session.keptTabs()).toBe(1); // the same tab each time
      }
      // A page left running would poll ten times a second from here on (on a busy machine it may
      // have polled while it was being read); one request already on its way may still arrive.
      await new Promise((r) => setTimeout(r, 1500));
      expect(ticks.filter((t) => t > returned + 200)).toEqual([]);
      await expect(session.render(`http://127.0.0.2:${otherPort}/`, new CookieJar())).rejects.toThrow();
      expect(session.keptTabs()).toBe(0);
      expect((await session.render(`http://${host}/poll`, new CookieJar())).status).toBe(200);
      expect(session.keptTabs()).toBe(1);
    } finally {
      await session.close();
    }
  });
});
