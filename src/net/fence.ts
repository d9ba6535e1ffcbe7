// The browser's fence at the socket level: Chromium is started with this local proxy as its only
// way out (`--proxy-server`, loopback not bypassed), so every connection a page makes — documents,
// scripts, XHR/fetch, WebSockets, preconnects and prefetches that Playwright's request routing never
// sees — reaches the network only through it, and only to hosts the crawl allows. The rest is
// refused and counted. (Per-request manners — robots.txt, the host's rate — are applied by the
// session's request routing in browser.ts; this proxy is what holds when routing is bypassed.)
import http from 'node:http';
import net from 'node:net';

export interface Fence {
  /** `http://127.0.0.1:PORT`, for Chromium's --proxy-server. */
  readonly proxy: string;
  close(): Promise<void>;
}

/**
 * Starts the proxy on 127.0.0.1. `allowed` decides each target (a URL: http(s)://host:port/…);
 * `refused` hears of each refusal.
 */
export async function startFence(allowed: (url: string) => boolean, refused: (url: string) => void): Promise<Fence> {
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    // A plain-HTTP request through the proxy: the request line carries the absolute URL.
    const url = req.url ?? '';
    if (!/^http:\/\//i.test(url) || !allowed(url)) {
      refused(url);
      res.writeHead(403, { 'content-type': 'text/plain' }).end('blocked by the crawl fence');
      return;
    }
    const target = new URL(url);
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port || 80,
        path: `${target.pathname}${target.search}`,
        method: req.method,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.rawHeaders as unknown as http.OutgoingHttpHeaders);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  // HTTPS and secure WebSockets: a tunnel to host:port, opened only for an allowed host.
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const [host, port] = splitHostPort(req.url ?? '', 443);
    const url = `https://${host}:${port}/`;
    if (!host || !allowed(url)) {
      refused(url);
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = net.connect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  // Plain WebSockets (ws://): an upgrade request with the absolute URL.
  server.on('upgrade', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const url = req.url ?? '';
    if (!/^(http|ws):\/\//i.test(url) || !allowed(url.replace(/^ws:/i, 'http:'))) {
      refused(url);
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const target = new URL(url.replace(/^ws:/i, 'http:'));
    const upstream = net.connect(Number(target.port || 80), target.hostname, () => {
      const headers = Object.entries(req.headers).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`);
      upstream.write(`${req.method} ${target.pathname}${target.search} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    proxy: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function splitHostPort(authority: string, defaultPort: number): [string, number] {
  const m = authority.match(/^\[?([^\]]+?)\]?(?::(\d+))?$/);
  return m ? [m[1]!, Number(m[2] ?? defaultPort)] : ['', defaultPort];
}
