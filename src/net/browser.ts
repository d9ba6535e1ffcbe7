// Debian's Chromium through Playwright, started only when a list needs JavaScript (`needsBrowser`
// adapters) or a host answers a 412 JavaScript challenge. We drive Playwright directly instead of a
// second PlaywrightCrawler: the crawl keeps one request queue (one resume state after SIGKILL) and one
// HTTP client, and the browser only renders a page or earns the challenge cookie, which is then copied
// into the crawl's cookie jar so plain requests to that host pass too.
import type { Browser, BrowserContext } from 'playwright';
import { cookiesForBrowser, storeBrowserCookies, type CookieJar } from './cookies.js';

/** How long a 412 challenge page gets to reload itself into the real page. */
const CHALLENGE_WAIT_MS = 10_000;

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
  /** Requests the page may make (the rest are aborted): the crawl's allowed hosts. */
  isAllowed: (url: string) => boolean;
  /** Extra Chromium flags (tests add `--host-resolver-rules=…`). */
  args?: string[];
  timeoutMs: number;
}

export class BrowserSession {
  private browser: Promise<Browser> | null = null;
  private context: Promise<BrowserContext> | null = null;

  constructor(private readonly opts: BrowserOptions) {}

  /** Loads the URL, waits for the network to settle (a challenge script reloads the page), returns the DOM. */
  async render(url: string, jar: CookieJar): Promise<RenderedPage> {
    const context = await this.getContext();
    await context.addCookies(await cookiesForBrowser(jar, url));
    const page = await context.newPage();
    try {
      let status = 0;
      let passed: () => void = () => undefined;
      const pass = new Promise<void>((resolve) => (passed = resolve));
      page.on('response', (res) => {
        if (!res.request().isNavigationRequest() || res.frame() !== page.mainFrame()) return;
        status = res.status();
        if (status !== 412) passed();
      });
      await page.goto(url, { waitUntil: 'load', timeout: this.opts.timeoutMs });
      // A challenge page sets its cookie and reloads itself: wait for that navigation (briefly).
      if (status === 412) await Promise.race([pass, new Promise((r) => setTimeout(r, CHALLENGE_WAIT_MS))]);
      await page.waitForLoadState('networkidle', { timeout: this.opts.timeoutMs });
      const html = await page.content();
      await storeBrowserCookies(jar, url, await context.cookies(url));
      return { finalUrl: page.url(), status, html };
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    const b = this.browser;
    this.browser = null;
    this.context = null;
    if (b) await (await b).close().catch(() => undefined);
  }

  private getContext(): Promise<BrowserContext> {
    this.context ??= (async () => {
      const { chromium } = await import('playwright');
      this.browser ??= chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: [...CHROMIUM_ARGS, ...(this.opts.args ?? [])],
      });
      const context = await (await this.browser).newContext({ userAgent: this.opts.userAgent, locale: 'zh-CN' });
      await context.route('**/*', (route) =>
        this.opts.isAllowed(route.request().url()) ? route.continue() : route.abort('blockedbyclient'),
      );
      return context;
    })();
    return this.context;
  }
}
