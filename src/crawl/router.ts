// The router only routes: LIST → parseList → more LIST + report items (kept by isAnnualReport);
// ARTICLE (a report's detail page) → stored as a document (kind 'page') → its attachments as DOCUMENT;
// DOCUMENT → stored (kind 'attachment'). Every fetch of a document is conditional on what the store
// already holds, so an unchanged document costs a 304 and adds nothing.
import type { PlatformName } from './define.js';
import type { DocumentEntry, DocumentHints, Failure, Stage } from '../workarea/layout.js';
import { FetchError, type FetchRequest, type FetchResult, type HttpClient } from '../download/fetch.js';
import { filenameFromDisposition, filenameFromUrl, safeName } from '../download/filename.js';
import type { DocumentStore } from '../workarea/index.js';
import type { FailureKind } from '../failures.js';
import type { BrowserSession } from './browser.js';
import { loadPage } from './page.js';
import { LayoutChanged, type FetchedPage, type NextRequest, type Platform } from './platform.js';
import { itemHints } from './select.js';
import { parseDetail } from './detail.js';
import { detectPlatform, platforms } from './platforms/index.js';
import { decodeText } from '../text/charset.js';
import { isAnnualReport } from '../text/titles.js';

export type Label = 'LIST' | 'ARTICLE' | 'DOCUMENT';

/** What a queued request carries (crawlee `userData`; plain JSON so the queue can persist it). */
export interface CrawlRequest {
  label: Label;
  url: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  /** LIST: the adapter to read it with; null = detect from the page (`ogi crawl --url`). */
  platform?: PlatformName | null;
  /** LIST: first page of its list. */
  isFirst?: boolean;
  hints: DocumentHints;
  /** DOCUMENT: the detail page that links to it. */
  pageUrl?: string | null;
  /** DOCUMENT: the link text (a file name when Content-Disposition gives none). */
  name?: string | null;
}

/** The queue's identity for a request: POST bodies (Hanweb dataproxy pages) make distinct requests. */
export function uniqueKey(r: Pick<CrawlRequest, 'url' | 'method' | 'body'>): string {
  return r.method === 'POST' ? `POST ${r.url} ${r.body ?? ''}` : r.url;
}

export interface RouterContext {
  http: HttpClient;
  store: DocumentStore;
  browser: BrowserSession;
  enqueue(requests: CrawlRequest[]): Promise<void>;
  fail(failure: Omit<Failure, 'at'>): Promise<void>;
  /** Called for each document stored: `added` false = unchanged (304 or same bytes). */
  stored(entry: DocumentEntry, added: boolean): void;
  /** Called for each list or detail page fetched. */
  page(): void;
  blocked(host: string): void;
}

const DOCUMENT_URL = /\.(pdf|docx?|wps|xlsx?|et|rtf|ofd|zip|rar|7z|ceb)(?:$|[?#])|\/downfile\.jsp|\/download(?:file)?\.(?:jsp|do|aspx?)/i;
const HTML_TYPE = /html|xml/i;

/** HTML by its Content-Type, or (for a missing or generic one) by its first bytes. */
export function isHtml(contentType: string | null, bytes: Buffer): boolean {
  if (contentType && HTML_TYPE.test(contentType)) return true;
  if (contentType && !/octet-stream|text\/plain|unknown/i.test(contentType)) return false;
  const head = bytes.subarray(0, 1024).toString('latin1').trimStart().toLowerCase();
  return /^(<!doctype html|<html|<head|<meta|<!--)/.test(head);
}

/** A link that points at a file rather than a page. */
export function looksLikeDocument(url: string): boolean {
  return DOCUMENT_URL.test(url);
}

export function createRouter(ctx: RouterContext) {
  // One browser visit per challenged host: its cookie then serves every request to that host.
  const challenges = new Map<string, Promise<unknown>>();
  function passChallenge(url: string): Promise<unknown> {
    const host = new URL(url).host;
    let visit = challenges.get(host);
    if (!visit) {
      visit = ctx.browser.render(url, ctx.http.jar).catch(() => undefined);
      challenges.set(host, visit);
    }
    return visit;
  }

  /** Hosts whose challenge cookie is bound to the browser: their pages are fetched by the browser. */
  const browserHosts = new Set<string>();

  /**
   * Fetch through the HTTP client; on a 412 challenge let the browser earn the cookie and try once more.
   * If the cookie alone does not pass, a page (`asPage`) is loaded by the browser from then on for
   * that host; a file cannot be, and the host is reported blocked.
   */
  async function fetchWithChallenge(req: FetchRequest, asPage = false): Promise<FetchResult> {
    const host = new URL(req.url).host;
    asPage &&= (req.method ?? 'GET') === 'GET';
    if (asPage && browserHosts.has(host)) return viaBrowser(req.url);
    try {
      return await ctx.http.fetch(req);
    } catch (err) {
      if (!(err instanceof FetchError) || err.kind !== 'challenge') throw err;
      await passChallenge(req.url);
      try {
        return await ctx.http.fetch(req);
      } catch (again) {
        if (!(again instanceof FetchError) || again.kind !== 'challenge') throw again;
        if (asPage) {
          browserHosts.add(host);
          return viaBrowser(req.url);
        }
        throw new FetchError('blocked', req.url, `${again.message}; the challenge cookie alone does not pass it`, 412);
      }
    }
  }

  /** A page as the browser shows it (its DOM serialised as UTF-8: there are no raw bytes to keep). */
  async function viaBrowser(url: string): Promise<FetchResult> {
    await ctx.http.admit(url);
    await ctx.http.slot(url);
    const out = await ctx.browser.render(url, ctx.http.jar);
    if (out.status >= 400) {
      const kind = out.status === 403 || out.status === 412 ? 'blocked' : `http_${out.status}`;
      throw new FetchError(kind, url, `HTTP ${out.status} from ${url} (browser)`, out.status);
    }
    return {
      url,
      finalUrl: out.finalUrl,
      status: out.status,
      notModified: false,
      body: Buffer.from(out.html, 'utf8'),
      contentType: 'text/html; charset=utf-8',
      etag: null,
      lastModified: null,
      contentDisposition: null,
      fetchedAt: new Date().toISOString(),
    };
  }

  async function rendered(r: CrawlRequest): Promise<FetchedPage> {
    const res = await viaBrowser(r.url);
    return loadPage(res.body.toString('utf8'), res.finalUrl, { contentType: res.contentType, isFirst: r.isFirst ?? false, hints: r.hints });
  }

  async function list(r: CrawlRequest): Promise<void> {
    // Read the page in its own call: its body and DOM (thousands of elements on a long list) are
    // garbage by the time the requests are queued, which can take a while.
    await ctx.enqueue(await readList(r));
  }

  /** The requests a list page leads to: its further pages, then its report items. */
  async function readList(r: CrawlRequest): Promise<CrawlRequest[]> {
    const named = r.platform ? platforms[r.platform] : undefined;
    let page: FetchedPage;
    if (named?.needsBrowser) page = await rendered(r);
    else {
      const res = await fetchWithChallenge({ url: r.url, method: r.method, body: r.body, headers: r.headers }, true);
      page = loadPage(decodeText(res.body, res.contentType), res.finalUrl, {
        contentType: res.contentType,
        isFirst: r.isFirst ?? false,
        hints: r.hints,
      });
    }
    const platform: Platform = named ?? detectPlatform(page);
    // `--url` on a page whose list is built by scripts: render it now that we know.
    if (!named && platform.needsBrowser) page = await rendered(r);
    ctx.page();
    const result = platform.parseList(page);
    if (r.isFirst && result.items.length === 0 && result.next.length === 0) {
      throw new LayoutChanged(page.url, `the ${platform.name} adapter found no items and no further pages`);
    }
    const out: CrawlRequest[] = result.next.map((n: NextRequest) => ({
      label: 'LIST',
      url: n.url,
      method: n.method,
      body: n.body,
      headers: n.headers,
      platform: platform.name as PlatformName,
      isFirst: false,
      hints: r.hints,
    }));
    for (const item of result.items) {
      if (!isAnnualReport(item.title)) continue;
      const hints = itemHints(item, page);
      out.push(
        looksLikeDocument(item.url)
          ? { label: 'DOCUMENT', url: item.url, hints, pageUrl: null, name: item.title }
          : { label: 'ARTICLE', url: item.url, hints },
      );
    }
    return out;
  }

  async function article(r: CrawlRequest): Promise<void> {
    const prev = ctx.store.previous(r.url);
    const res = await fetchWithChallenge({ url: r.url, validators: prev && { etag: prev.etag, lastModified: prev.last_modified } }, true);
    ctx.page();
    const bytes = res.notModified && prev ? await ctx.store.readBlob(prev.sha256) : res.body;
    const contentType = res.notModified && prev ? prev.content_type : res.contentType;
    if (!isHtml(contentType, bytes)) {
      // The "detail page" is the file itself (a list linking straight to a PDF without an extension).
      await keep(r, res, prev, { kind: 'attachment', pageUrl: null });
      return;
    }
    const page = loadPage(decodeText(bytes, contentType), res.notModified && prev ? prev.final_url : res.finalUrl, {
      contentType,
      isFirst: false,
      hints: r.hints,
    });
    const detail = parseDetail(page);
    const hints: DocumentHints = {
      ...r.hints,
      ...(detail.title && !r.hints.title ? { title: detail.title } : {}),
      ...(detail.agency && !r.hints.agency ? { agency: detail.agency } : {}),
      ...(detail.published_date && !r.hints.published_date ? { published_date: detail.published_date } : {}),
    };
    await keep({ ...r, hints }, res, prev, { kind: 'page', pageUrl: page.url, text: articleText(page) });
    await ctx.enqueue(
      detail.attachments.map((a) => ({ label: 'DOCUMENT', url: a.url, hints, pageUrl: page.url, name: a.name })),
    );
  }

  async function document(r: CrawlRequest): Promise<void> {
    const prev = ctx.store.previous(r.url);
    const res = await fetchWithChallenge({ url: r.url, validators: prev && { etag: prev.etag, lastModified: prev.last_modified } });
    await keep(r, res, prev, { kind: 'attachment', pageUrl: r.pageUrl ?? null });
  }

  async function keep(
    r: CrawlRequest,
    res: FetchResult,
    prev: DocumentEntry | undefined,
    how: { kind: DocumentEntry['kind']; pageUrl: string | null; text?: string | null },
  ): Promise<void> {
    if (res.notModified && prev) {
      ctx.stored(prev, false);
      return;
    }
    const { entry, added } = await ctx.store.put(
      res.body,
      {
        url: r.url,
        final_url: res.finalUrl,
        page_url: how.pageUrl,
        content_type: res.contentType,
        filename: how.kind === 'attachment' ? attachmentName(res, r.name) : null,
        fetched_at: res.fetchedAt,
        etag: res.etag,
        last_modified: res.lastModified,
        kind: how.kind,
        hints: r.hints,
      },
      how.text,
    );
    ctx.stored(entry, added);
  }

  /** Handles one request; every problem becomes a recorded Failure and the crawl goes on. */
  return async function route(r: CrawlRequest): Promise<void> {
    try {
      if (r.label === 'LIST') await list(r);
      else if (r.label === 'ARTICLE') await article(r);
      else await document(r);
    } catch (err) {
      const stage: Stage = r.label === 'LIST' ? 'crawl' : 'download';
      const { kind, message } = describe(err);
      if (kind === 'blocked') ctx.blocked(new URL(r.url).host);
      await ctx.fail({ url: r.url, stage, kind, message });
    }
  };
}

function describe(err: unknown): { kind: FailureKind; message: string } {
  if (err instanceof FetchError) return { kind: err.kind as FailureKind, message: err.message };
  if (err instanceof LayoutChanged) return { kind: 'layout_changed', message: err.message };
  const e = err as { name?: string; kind?: FailureKind; message?: string };
  if (e?.name === 'TimeoutError') return { kind: 'timeout', message: e.message ?? String(err) };
  if (e?.name === 'ExtractError' && e.kind) return { kind: e.kind, message: e.message ?? String(err) };
  return { kind: 'error', message: e?.message ?? String(err) };
}

/** Content-Disposition name, else the link text when it is a file name, else the URL's last segment. */
function attachmentName(res: FetchResult, linkText?: string | null): string | null {
  const fromHeader = filenameFromDisposition(res.contentDisposition);
  if (fromHeader) return fromHeader;
  if (linkText && /\.[a-z0-9]{2,5}$/i.test(linkText.trim())) return safeName(linkText.trim());
  return filenameFromUrl(res.finalUrl);
}

const BODY_SELECTORS = ['#zoom', '.TRS_Editor', '.trs_editor_view', '#UCAP-CONTENT', '.article-content', '.Article_content'];

/** The article body's text (for duplicate marking); the whole body when no known container is found. */
function articleText(page: FetchedPage): string {
  const { $ } = page;
  for (const sel of BODY_SELECTORS) {
    const t = $(sel).first().text();
    if (t.trim()) return t;
  }
  return $('body').text();
}
