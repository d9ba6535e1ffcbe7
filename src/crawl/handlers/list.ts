// LIST: a list page → its further pages (LIST) and its items, each decided by its title
// (src/text/report-titles.ts) and the decision logged: a skipped item is never fetched, a kept or
// ambiguous one is (an ambiguous page is judged by its content: handlers/article.ts). A link to a
// file becomes a DOCUMENT, any other an ARTICLE. What the page announces (records, pages) and the
// items it shows are counted per list (ctx.tally; count_mismatch when the run ends).
import type { PlatformName } from '../define.js';
import { loadPage } from '../page.js';
import { LayoutChanged, type FetchedPage, type ListResult, type NextRequest, type Platform } from '../platform.js';
import { detectPlatform, platforms } from '../platforms/index.js';
import type { CrawlRequest } from '../request.js';
import { classifyTitle } from '../../text/report-titles.js';
import { canonicalUrl } from '../canonical.js';
import { itemHints } from '../select.js';
import { readPage, type CrawlContext } from './context.js';

const DOCUMENT_URL =
  /\.(pdf|docx?|wps|xlsx?|et|rtf|ofd|zip|rar|7z|ceb)(?:$|[?#])|\/downfile\.jsp|\/download(?:file)?\.(?:jsp|do|aspx?)/i;

/** A link that points at a file rather than a page. */
export function looksLikeDocument(url: string): boolean {
  return DOCUMENT_URL.test(url);
}

export async function handleList(r: CrawlRequest, ctx: CrawlContext): Promise<void> {
  // Read the page in its own call: its body and DOM (thousands of elements on a long list) are
  // garbage by the time the requests are queued, which can take a while.
  await ctx.enqueue(await readList(r, ctx));
}

/** The requests a list page leads to: its further pages, then its report items. */
async function readList(r: CrawlRequest, ctx: CrawlContext): Promise<CrawlRequest[]> {
  const named = r.platform ? platforms[r.platform] : undefined;
  let page: FetchedPage;
  if (named?.needsBrowser) page = await rendered(r, ctx);
  else {
    const res = await ctx.fetcher.fetch(
      { url: r.url, method: r.method, body: r.body, headers: r.headers },
      { asPage: true },
    );
    page = readPage(res.body, res.contentType, res.finalUrl, { isFirst: r.isFirst ?? false, hints: r.hints });
  }
  let platform: Platform = named ?? detectPlatform(page);
  // `--url` on a page whose list is built by scripts: render it now that we know.
  if (!named && platform.needsBrowser) page = await rendered(r, ctx);
  ctx.page();
  let result: ListResult;
  try {
    result = platform.parseList(page);
  } catch (err) {
    // A static adapter on a page whose list is built by scripts: the browser adapter is the fallback,
    // for this page and the further pages it leads to.
    if (!(err instanceof LayoutChanged) || platform.needsBrowser || !platforms.browser.detect(page)) throw err;
    platform = platforms.browser;
    page = await rendered(r, ctx);
    result = platform.parseList(page);
  }
  if (r.isFirst && result.items.length === 0 && result.next.length === 0) {
    throw new LayoutChanged(page.url, `the ${platform.name} adapter found no items and no further pages`);
  }
  const column = r.column ?? r.url;
  const verdict = await ctx.budget.listPage(
    column,
    page.url,
    result.items.map((i) => i.url),
    r.isFirst ?? false,
  );
  for (const f of verdict.findings) await ctx.fail({ url: r.url, stage: 'crawl', kind: f.kind, message: f.message });
  const list = r.list ?? r.url;
  ctx.tally.page(
    list,
    result,
    result.items.slice(0, verdict.keepItems).map((i) => i.url),
  );
  const out: CrawlRequest[] = verdict.followNext
    ? result.next.map((n: NextRequest) => ({
        label: 'LIST',
        url: n.url,
        method: n.method,
        body: n.body,
        headers: n.headers,
        platform: platform.name as PlatformName,
        isFirst: false,
        column,
        ...(n.newList ? {} : { list }),
        hints: r.hints,
      }))
    : [];
  const items = result.items.slice(0, verdict.keepItems).map((item) => ({ ...item, url: canonicalUrl(item.url) }));
  const verdicts = items.map((item) => classifyTitle(item.title));
  await ctx.decide(
    items.map((item, i) => ({
      list_url: page.url,
      item_url: item.url,
      title: item.title,
      decision: verdicts[i]!.decision,
      by: 'title',
      reason: verdicts[i]!.reason,
    })),
  );
  items.forEach((item, i) => {
    const v = verdicts[i]!;
    if (v.decision === 'skipped') return;
    const hints = itemHints(item, page);
    if (looksLikeDocument(item.url))
      out.push({ label: 'DOCUMENT', url: item.url, hints, pageUrl: null, name: item.title });
    else if (v.decision === 'ambiguous')
      out.push({ label: 'ARTICLE', url: item.url, hints, ambiguous: { list: page.url, title: item.title } });
    else out.push({ label: 'ARTICLE', url: item.url, hints });
  });
  return out;
}

/** The list as the browser shows it (adapters whose lists are built by scripts). */
async function rendered(r: CrawlRequest, ctx: CrawlContext): Promise<FetchedPage> {
  const res = await ctx.fetcher.viaBrowser(r.url);
  return loadPage(res.body.toString('utf8'), res.finalUrl, {
    contentType: res.contentType,
    isFirst: r.isFirst ?? false,
    hints: r.hints,
  });
}
