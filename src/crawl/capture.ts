// `ogi capture <url>`: saves a list page, and the pager responses it leads to, as a test fixture
// (the layout in src/crawl/fixtures.ts) with where and when it came from; and the replay the tests
// run on a capture: the adapter reads the saved bodies exactly as the crawl reads fetched ones.
// The capture fetches under the crawl's manners (robots.txt, rate, size cap): the URL's own host is
// allowed, as for an explicit --url.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeText } from '../text/charset.js';
import { writeAtomic } from '../workarea/atomic.js';
import type { BrowserSession } from '../net/browser.js';
import { HttpClient, politeBrowser, type FetchResult } from '../net/fetch.js';
import { USER_AGENT, type RetryPolicy } from '../net/manners.js';
import type { PlatformName } from './define.js';
import { CAPTURE_FILE, type CaptureFile, type CaptureMeta } from './fixtures.js';
import { loadPage, looksLikeJson } from './page.js';
import type { FetchedPage, ListItem, NextRequest } from './platform.js';
import { detectPlatform, platforms } from './platforms/index.js';

export interface CaptureOptions {
  url: string;
  /** Fixtures root (default test/fixtures/pages in the working folder). */
  out: string;
  /** The adapter (default: detected from the page). */
  platform?: PlatformName;
  /** The province crawler the page stands for: the capture goes to <out>/<province>/. */
  province?: string;
  /** Folder name (default: from the URL's host and path). */
  name?: string;
  /** Pager responses to save at most (default 3). */
  pages?: number;
  rate?: number;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  allowHosts?: string[];
  browserArgs?: string[];
  /** ISO time to record (tests); default now. */
  now?: string;
  /** Written into `from` (the ogi version). */
  by?: string;
}

export interface CaptureResult {
  dir: string;
  meta: CaptureMeta;
  items: number;
}

/** A folder name from a URL: host and path, runs of other characters as '-'. */
export function captureName(url: string): string {
  const u = new URL(url);
  return `${u.host}${u.pathname}${u.search}`
    .replace(/[^\w.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
}

function extension(contentType: string | null, body: string): string {
  if (looksLikeJson(body) || /json/i.test(contentType ?? '')) return 'json';
  if (/xml/i.test(contentType ?? '') || /^\s*<\?xml|^\s*<datastore>/i.test(body)) return 'xml';
  return 'html';
}

export async function capture(opts: CaptureOptions): Promise<CaptureResult> {
  const host = new URL(opts.url).host;
  const http = new HttpClient({
    userAgent: USER_AGENT,
    rate: opts.rate ?? 1,
    timeoutMs: opts.timeoutMs,
    retry: opts.retry,
    allowHosts: [host, ...(opts.allowHosts ?? [])],
  });
  let browser: BrowserSession | null = null;
  const saved: { res: FetchResult; req: NextRequest; body: Buffer }[] = [];
  try {
    const first = await http.fetch({ url: opts.url });
    let page = loadPage(decodeText(first.body, first.contentType), first.finalUrl, { contentType: first.contentType });
    const platform = opts.platform ? platforms[opts.platform] : detectPlatform(page);
    let rendered = false;
    let firstBody = first.body;
    if (platform.needsBrowser) {
      browser = politeBrowser(http, { userAgent: USER_AGENT, args: opts.browserArgs, timeoutMs: opts.timeoutMs });
      const out = await browser.render(opts.url, http.jar, { admitted: true });
      firstBody = Buffer.from(out.html, 'utf8');
      page = loadPage(out.html, out.finalUrl, { contentType: 'text/html; charset=utf-8' });
      rendered = true;
    }
    saved.push({
      res: { ...first, finalUrl: page.url, contentType: rendered ? 'text/html; charset=utf-8' : first.contentType },
      req: { url: opts.url },
      body: firstBody,
    });
    const result = platform.parseList(page);
    // Pager responses of this list (not the other lists it links: year sub-columns, categories).
    for (const next of result.next.filter((n) => !n.newList).slice(0, opts.pages ?? 3)) {
      if (rendered && browser) {
        const out = await browser.render(next.url, http.jar, { admitted: false });
        const res = { ...first, url: next.url, finalUrl: out.finalUrl, contentType: 'text/html; charset=utf-8' };
        saved.push({ res, req: next, body: Buffer.from(out.html, 'utf8') });
      } else {
        const res = await http.fetch({ url: next.url, method: next.method, body: next.body, headers: next.headers });
        saved.push({ res, req: next, body: res.body });
      }
    }
    const group = opts.province ?? platform.name;
    const dir = path.join(opts.out, group, opts.name ?? captureName(opts.url));
    mkdirSync(dir, { recursive: true });
    const files: CaptureFile[] = [];
    for (const [i, s] of saved.entries()) {
      const file = `${i === 0 ? 'page' : `pager-${i}`}.${extension(s.res.contentType, s.body.subarray(0, 200).toString('latin1'))}`;
      await writeAtomic(path.join(dir, file), s.body);
      files.push({
        file,
        url: s.res.finalUrl,
        ...(s.req.method === 'POST' ? { method: 'POST' as const, body: s.req.body } : {}),
        content_type: s.res.contentType,
      });
    }
    const meta: CaptureMeta = {
      url: opts.url,
      captured_at: opts.now ?? new Date().toISOString(),
      platform: platform.name as PlatformName,
      province: opts.province ?? null,
      synthetic: false,
      from: opts.by ?? 'ogi capture',
      ...(rendered ? { rendered: true } : {}),
      files,
    };
    await writeAtomic(path.join(dir, CAPTURE_FILE), `${JSON.stringify(meta, null, 2)}\n`);
    return { dir, meta, items: replayCapture(dir, meta).items.length };
  } finally {
    await browser?.close();
  }
}

export interface Replay {
  platform: string;
  /** Items of the list page and its saved pager responses, in order. */
  items: ListItem[];
  /** The further requests the list page leads to (what a crawl would queue). */
  next: NextRequest[];
  total: number | null;
  pages: number | null;
}

/** The saved bodies of a capture as the crawl's adapter reads them (bytes decoded as fetched ones are). */
export function replayCapture(dir: string, meta: CaptureMeta): Replay {
  const adapter = platforms[meta.platform];
  const out: Replay = { platform: adapter.name, items: [], next: [], total: null, pages: null };
  for (const [i, f] of meta.files.entries()) {
    const bytes = readFileSync(path.join(dir, f.file));
    const page: FetchedPage = loadPage(decodeText(bytes, f.content_type), f.url, {
      contentType: f.content_type,
      isFirst: i === 0,
    });
    const result = adapter.parseList(page);
    out.items.push(...result.items);
    if (i === 0) {
      out.next = result.next;
      out.total = result.total ?? null;
      out.pages = result.pages ?? null;
    }
  }
  return out;
}
