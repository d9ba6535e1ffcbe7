// Debian's Chromium through Playwright, started only when a list needs JavaScript (`needsBrowser`
// adapters) or a host answers a 412 JavaScript challenge. We drive Playwright directly instead of a
// second PlaywrightCrawler: the crawl keeps one request queue (one resume state after SIGKILL) and one
// HTTP client, and the browser only renders a page or earns the challenge cookie, which is then copied
// into the crawl's cookie jar so plain requests to that host pass too.
//
// A page's scripts are not trusted: the browser is fenced. Every request a page makes passes the
// crawl's manners before it is sent (route interception: allowed host, robots.txt, the host's rate),
// WebSockets only to allowed hosts, no service workers, no downloads; and Chromium's only way out is
// a local proxy (fence.ts) that refuses any other host, so what routing never sees (preconnects,
// prefetches) cannot leave either. Everything refused is counted per host (blockedRequests()).
import type { Browser, BrowserContext, Page, Response } from 'playwright';
import { cookiesForBrowser, storeBrowserCookies, type CookieJar } from './cookies.js';
import { startFence, type Fence } from './fence.js';

/** How long a 412 challenge page gets to reload itself into the real page. */
const CHALLENGE_WAIT_MS = 10_000;
/** Emptied tabs kept for reuse (as many as pages are rendered at once, usually one or two). */
const MAX_IDLE_TABS = 4;

/**
 * How late after its slot a request the browser sends may reach the host: the route's answer goes to
 * Playwright's driver, then Chromium, then the fence — processes that a busy machine leaves waiting
 * for hundreds of milliseconds (the cluster test measured a request 200+ ms late under a full test
 * run). The host is held this much longer after a browser request (RequestLimiter.wait's `lateMs`).
 */
export const BROWSER_LATE_MS = 500;

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface RenderedPage {
  finalUrl: string;
  status: number;
  html: string;
}

export interface BrowserOptions {
  userAgent: string;
  /** Hosts the page may reach (the rest are refused, at the request and at the socket): the crawl's allowed hosts. */
  isAllowed: (url: string) => boolean;
  /**
   * The crawl's manners for one request the page makes (robots.txt, waiting for the host's rate):
   * false = refused. For the page itself when the caller already admitted it (robots.txt), `slot` only.
   */
  admit?: (url: string) => Promise<boolean>;
  /**
   * Waits for the host's next request slot. Taken in the route, as Chromium sends the request, never
   * before the page is opened: a slot taken early (then a browser launched, a page opened) would
   * reach the host late and bunch with the next request of another worker.
   */
  slot?: (url: string) => Promise<void>;
  /** Extra Chromium flags (tests add `--host-resolver-rules=…`). */
  args?: string[];
  timeoutMs: number;
}

export class BrowserSession {
  private browser: Promise<Browser> | null = null;
  private context: Promise<BrowserContext> | null = null;
  /** Tabs that rendered a page and were emptied, ready for the next (at most MAX_IDLE_TABS). */
  private idle: Page[] = [];
  private fence: Promise<Fence> | null = null;
  private readonly blocked = new Map<string, number>();
  /** Page URLs the caller has admitted already (their first navigation only waits for its `slot`). */
  private readonly admitted = new Set<string>();

  constructor(private readonly opts: BrowserOptions) {}

  /** Emptied tabs kept for the next page. */
  keptTabs(): number {
    return this.idle.length;
  }

  /** Requests and connections the fence refused, per host. */
  blockedRequests(): Record<string, number> {
    return Object.fromEntries([...this.blocked].sort(([a], [b]) => a.localeCompare(b)));
  }

  /**
   * Loads the URL, waits for the network to settle (a challenge script reloads the page), returns the
   * DOM. `admitted`: the caller checked robots.txt for this URL already (its slot is taken as it is sent).
   */
  async render(url: string, jar: CookieJar, { admitted = false }: { admitted?: boolean } = {}): Promise<RenderedPage> {
    const context = await this.getContext();
    if (admitted) this.admitted.add(url);
    await context.addCookies(await cookiesForBrowser(jar, url));
    const page = this.idle.pop() ?? (await context.newPage());
    let status = 0;
    let passed: () => void = () => undefined;
    const pass = new Promise<void>((resolve) => (passed = resolve));
    const onResponse = (res: Response) => {
      if (!res.request().isNavigationRequest() || res.frame() !== page.mainFrame()) return;
      status = res.status();
      if (status !== 412) passed();
    };
    page.on('response', onResponse);
    let rendered = false;
    try {
      await page.goto(url, { waitUntil: 'load', timeout: this.opts.timeoutMs });
      // A challenge page sets its cookie and reloads itself: wait for that navigation (briefly).
      if (status === 412) await Promise.race([pass, new Promise((r) => setTimeout(r, CHALLENGE_WAIT_MS))]);
      await page.waitForLoadState('networkidle', { timeout: this.opts.timeoutMs });
      const html = await page.content();
      await storeBrowserCookies(jar, url, await context.cookies(url));
      rendered = true;
      return { finalUrl: page.url(), status, html };
    } finally {
      page.off('response', onResponse);
      await this.release(page, rendered);
    }
  }

  /**
   * A tab that rendered its page is kept for the next one (a new tab costs Chromium a renderer
   * process: about 1 CPU-s, against 0.4 for a navigation in a kept one), emptied first so that the
   * page's scripts stop and make no more requests; a tab whose page failed is closed.
   */
  private async release(page: Page, rendered: boolean): Promise<void> {
    if (rendered && this.idle.length < MAX_IDLE_TABS && !page.isClosed()) {
      try {
        await page.goto('about:blank', { timeout: this.opts.timeoutMs });
        this.idle.push(page);
        return;
      } catch {
        // could not be emptied: closed below
      }
    }
    await page.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    const b = this.browser;
    const f = this.fence;
    this.browser = null;
    this.context = null;
    this.fence = null;
    this.idle = [];
    if (b) await (await b).close().catch(() => undefined);
    if (f) await (await f).close();
  }

  private refuse(url: string): void {
    let host = url;
    try {
      host = new URL(url).host || url;
    } catch {
      // not a URL: counted under what it is
    }
    this.blocked.set(host, (this.blocked.get(host) ?? 0) + 1);
  }

  /** Whether a request the page makes may go: allowed host, then the crawl's manners. */
  private async mayRequest(url: string, navigation: boolean): Promise<boolean> {
    if (!/^https?:/i.test(url) || !this.opts.isAllowed(url)) return false;
    if (navigation && this.admitted.delete(url)) {
      await this.opts.slot?.(url);
      return true;
    }
    return this.opts.admit ? this.opts.admit(url) : true;
  }

  private getContext(): Promise<BrowserContext> {
    this.context ??= (async () => {
      const { chromium } = await import('playwright');
      this.fence ??= startFence(this.opts.isAllowed, (url) => this.refuse(url));
      const fence = await this.fence;
      this.browser ??= chromium.launch({
        executablePath: CHROMIUM_PATH,
        // the process closes the browser itself when it stops (a cluster worker on SIGTERM finishes the
        // pages it has first); Playwright's own handlers would close it under them
        handleSIGTERM: false,
        handleSIGINT: false,
        handleSIGHUP: false,
        // every connection through the fence, loopback included (Chromium bypasses proxies for it by default)
        args: [
          ...CHROMIUM_ARGS,
          `--proxy-server=${fence.proxy}`,
          '--proxy-bypass-list=<-loopback>',
          ...(this.opts.args ?? []),
        ],
      });
      const context = await (await this.browser).newContext({
        userAgent: this.opts.userAgent,
        locale: 'zh-CN',
        serviceWorkers: 'block',
        acceptDownloads: false,
      });
      await context.route('**/*', async (route) => {
        const request = route.request();
        if (await this.mayRequest(request.url(), request.isNavigationRequest())) return route.continue();
        this.refuse(request.url());
        return route.abort('blockedbyclient');
      });
      await context.routeWebSocket(/.*/, (ws) => {
        const url = ws.url().replace(/^ws/i, 'http');
        if (this.opts.isAllowed(url)) ws.connectToServer();
        else {
          this.refuse(ws.url());
          void ws.close({ code: 1008, reason: 'blocked by the crawl fence' });
        }
      });
      return context;
    })();
    return this.context;
  }
}
