// Any static list (or JSON list API reply, whatever its shape): entries are anchors with a date beside them (<li><a title=…>…</a><span>date</span>)
// or with an article-shaped URL; further pages from "下一页" / numbered links (?page=N, N.html,
// index_N). Also the 甘肃 province-cloud (UCAP-style) lists whose entries and pager script sit inside an
// HTML comment, filled by script at view time: the commented markup is read as the list.
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import type { FetchedPage, ListItem, ListResult, NextRequest } from '../platform.js';
import { childReportColumns, findReportColumns } from '../select.js';
import {
  anchorItem,
  anchorTitle,
  hasDateBeside,
  jsonBody,
  jsonItems,
  nonEmpty,
  platform,
  uniqueItems,
  uniqueNext,
} from './common.js';
import {
  announcedIn,
  announcedInJson,
  apiPageUrls,
  enumeratePages,
  pageCount,
  pageLinks,
  pagerCalls,
  startsList,
} from './pager.js';

/** Article-shaped URLs of the CMS families in portals.md §3. */
export const ARTICLE_URL =
  /\/columns\/[0-9a-f-]{36}\/\d{6}\/\d{2}\/|\/\d{8}\/[0-9a-f]{32}\.s?html?$|\/\d{8}\/[\w-]+\.html$|\/t\d{6,}\.shtml$|\/\d{8}-\d+\.shtml$|\/\d{16,}\/index\.shtml$|\/t(?:19|20)\d{6}_\d+|\/art\/\d{4}\/|\/content\/|content_\d+|post_\d+|c01_\d+|\/(?:19|20)\d{4}\/[^/]+\.s?html?$|\/(?:19|20)\d{2}\/\d{1,2}-\d{1,2}\/|show\.php\?id=|c=show&id=|\/\d{4}\/\d{1,2}\/\d{1,2}\/[^/]+\.s?html?$/i;

/** The list entries of a page: anchors with a date beside them or an article-shaped URL. */
export function listEntries(page: FetchedPage, $: CheerioAPI): ListItem[] {
  return $('a[href]')
    .toArray()
    .filter((a) => {
      const href = $(a).attr('href') ?? '';
      if (/^(?:javascript|mailto|#)/i.test(href.trim())) return false;
      if (anchorTitle($, a).replace(/\s/g, '').length < 4) return false;
      return hasDateBeside($, a) || ARTICLE_URL.test(href);
    })
    .map((a) => anchorItem(page, $, a))
    .filter((it): it is ListItem => it !== null);
}

/** The HTML comments of a page that hold links (commented-out list markup). */
export function commentedMarkup(body: string): string[] {
  return [...body.matchAll(/<!--([\s\S]*?)-->/g)].map((m) => m[1]).filter((c) => /<a\s[^>]*href=/i.test(c));
}

export interface UcapPager {
  call: string;
  total_pages: number;
  current_page: number;
  total_records: number | null;
  /** True when the call itself sits inside an HTML comment. */
  commented: boolean;
}

/** createPageHTML('page_div', totalPages, currentPage, name, ext, totalRecords): the UCAP variant. */
export function ucapPager(body: string): UcapPager | null {
  for (const { call, args } of pagerCalls(body)) {
    if (typeof args[0] !== 'string' || typeof args[1] !== 'number') continue;
    const at = body.indexOf(call);
    const open = body.lastIndexOf('<!--', at);
    const commented = open >= 0 && body.lastIndexOf('-->', at) < open;
    return {
      call,
      total_pages: args[1],
      current_page: typeof args[2] === 'number' ? args[2] : 1,
      total_records: typeof args[5] === 'number' ? args[5] : null,
      commented,
    };
  }
  return null;
}

/** The entry is a portal page, not its 年报 column (PortalHints.discover, carried in the page hints). */
export function wantsDiscovery(page: FetchedPage): boolean {
  return page.isFirst && (page.hints as { discover?: boolean }).discover === true;
}

export interface GenericOptions {
  /** Read list markup that sits inside HTML comments (default true). */
  comments?: boolean;
}

export function parseGeneric(page: FetchedPage, opts: GenericOptions = {}): ListResult {
  const data = jsonBody(page);
  const rows = data === null ? null : jsonItems(page, data);
  if (rows) {
    // A JSON list API: its total, and its further pages by its page parameter (from page 1).
    const told = announcedInJson(data);
    const pages = pageCount(told, rows.length);
    return { items: rows, next: apiPageUrls(page.url, pages).map((url) => ({ url })), total: told.total, pages };
  }
  const items = listEntries(page, page.$);
  if (opts.comments ?? true)
    for (const c of commentedMarkup(page.body)) for (const item of listEntries(page, cheerio.load(c))) items.push(item);
  const unique = uniqueItems(items);
  const told = announcedIn(page);
  const next: NextRequest[] = pageLinks(page, page.$).map((url) => ({ url }));
  if (startsList(page)) {
    // Pages the pager does not link (1 2 3 … 10), up to the count the list announces.
    for (const url of enumeratePages(page, page.$, pageCount(told, unique.length))) next.push({ url });
    const columns = wantsDiscovery(page) ? findReportColumns(page) : childReportColumns(page);
    for (const url of columns) next.push({ url, newList: true });
  }
  return { items: unique, next: uniqueNext(next, page), total: told.total, pages: told.pages };
}

export const generic = platform({
  name: 'generic',
  detect: () => true,
  parseList: (page) => nonEmpty(page, parseGeneric(page), 'list entries'),
});
