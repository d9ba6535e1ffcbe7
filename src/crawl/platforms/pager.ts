// Every pager the platforms use, in one place. What a list page announces (record and page counts in
// script variables, TRS/UCAP pager calls, Hanweb <totalrecord>, "共N条"/"共N页" in the text, totals in a
// JSON reply), and the URLs of its further pages: TRS index_N, numbered links and "下一页" (index_1.html,
// list_2.html, ?page=N) enumerated up to the announced count, page parameters of JSON APIs (page=,
// pageNo=, also inside a JSON-valued parameter). Adapters call these; the crawl runtime compares what a
// list announces with the items it found (src/crawl/tally.ts → count_mismatch).
import type { CheerioAPI } from 'cheerio';
import { fold } from '../../text/normalise.js';
import { resolveUrl } from '../page.js';
import type { FetchedPage } from '../platform.js';

/** What a list says about its size; null where it says nothing. */
export interface Announced {
  /** Records in the whole list. */
  total: number | null;
  /** Pages of the whole list. */
  pages: number | null;
  /** Records per page. */
  perPage: number | null;
}

/** A parsed call of the TRS/UCAP pager script: createPageHTML(…) / createPage(…). */
export interface PagerCall {
  call: string;
  /** Numbers, quoted strings, and null for an identifier no `var name = N` resolves (an expression). */
  args: (string | number | null)[];
}

/** Finds pager calls, resolving identifier arguments from `var name = N` in the same body. */
export function pagerCalls(body: string): PagerCall[] {
  const out: PagerCall[] = [];
  for (const m of body.matchAll(/\bcreatePage(?:HTML)?\s*\(([^()]*)\)/g)) {
    if (/function\s*$/.test(body.slice(Math.max(0, m.index! - 12), m.index))) continue; // the definition
    const args = m[1].split(',').map((raw) => {
      const s = raw.trim();
      if (/^-?\d+$/.test(s)) return Number(s);
      const q = /^(['"])(.*)\1$/.exec(s);
      if (q) return q[2];
      const v = new RegExp(`\\b${s.replace(/[^\w$]/g, '')}\\s*=\\s*['"]?(\\d+)`).exec(body);
      return v ? Number(v[1]) : null;
    });
    out.push({ call: m[0], args });
  }
  return out;
}

/** A TRS pager: (pages, current, "index", "html"[, total]), or `var countPage = N`. */
export interface TrsPager {
  pages: number;
  name: string;
  ext: string;
}

const WORD = /^\w+$/;

/** The TRS pager call of a page (first argument the page count), else its `countPage` variable. */
export function trsPager(body: string): TrsPager | null {
  for (const { args } of pagerCalls(body)) {
    if (typeof args[0] === 'number') {
      const name = typeof args[2] === 'string' && WORD.test(args[2]) ? args[2] : 'index';
      const ext = typeof args[3] === 'string' && WORD.test(args[3]) ? args[3] : 'html';
      return { pages: args[0], name, ext };
    }
  }
  const count = scriptNumber(body, ['countPage']);
  if (count === null) return null;
  const ext = /var\s+\w*(?:ext|suffix)\w*\s*=\s*['"]\.?(\w+)['"]/i.exec(body)?.[1] ?? 'html';
  return { pages: count, name: 'index', ext };
}

// Script variables (and object keys) that announce a list's size, as TRS, Hanweb jpage, UCAP and
// hand-made templates name them.
const TOTAL_VARS = [
  'totalRecord',
  'totalRecords',
  'recordCount',
  'totalCount',
  'allRecord',
  'm_nRecordCount',
  'totalNum',
  'articleCount',
];
const PAGE_VARS = ['countPage', 'pageCount', 'totalPage', 'totalPages', 'm_nPageCount', 'pageTotal'];
const SIZE_VARS = ['pageSize', 'perPage', 'm_nPageSize', 'pagesize'];

/** `name = N`, `name: N`, `name: 'N'` in a script (the first of `names` that is set to a number). */
export function scriptNumber(body: string, names: string[]): number | null {
  for (const name of names) {
    const m = new RegExp(`(?:^|[^\\w$.])['"]?${name}['"]?\\s*[:=]\\s*['"]?(\\d+)\\b`, 'i').exec(body);
    if (m) return Number(m[1]);
  }
  return null;
}

const tag = (body: string, name: string) => {
  const m = new RegExp(`<${name}>\\s*(\\d+)\\s*</${name}>`, 'i').exec(body);
  return m ? Number(m[1]) : null;
};

/** "共 20 条" / "共2页" in the page's visible text (markup between the words dropped). */
function textCounts($: CheerioAPI | null, body: string): { total: number | null; pages: number | null } {
  const text = fold(($ ? $('body').text() : '') || body.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, '');
  const total = /共(\d+)(?:条|篇|项)/.exec(text)?.[1];
  const pages = /共(\d+)页/.exec(text)?.[1];
  return { total: total ? Number(total) : null, pages: pages ? Number(pages) : null };
}

/** What an HTML or XML list page announces, read in every place the platforms put it. */
export function announcedIn(page: Pick<FetchedPage, 'body' | '$'>): Announced {
  const { body } = page;
  const calls = pagerCalls(body);
  // UCAP: ('page_div', pages, current, name, ext, total); TRS: (pages, current, name, ext[, total]).
  let callPages: number | null = null;
  let callTotal: number | null = null;
  for (const { args } of calls) {
    const at = typeof args[0] === 'string' && typeof args[1] === 'number' ? 1 : typeof args[0] === 'number' ? 0 : -1;
    if (at < 0) continue;
    callPages = args[at] as number;
    const last = args.slice(at + 4).find((a) => typeof a === 'number');
    callTotal = typeof last === 'number' ? last : null;
    break;
  }
  const text = textCounts(page.$, body);
  return {
    total: tag(body, 'totalrecord') ?? scriptNumber(body, TOTAL_VARS) ?? callTotal ?? text.total,
    pages: tag(body, 'totalpage') ?? callPages ?? scriptNumber(body, PAGE_VARS) ?? text.pages,
    perPage: scriptNumber(body, SIZE_VARS),
  };
}

const JSON_TOTAL =
  /^(?:total|totalCount|totalRecords?|recordCount|totalElements|totalNum|count|post_count|articleCount)$/i;
const JSON_PAGES = /^(?:pages|pageCount|totalPages?|pageTotal|total_page)$/i;
const JSON_SIZE = /^(?:pageSize|perPage|per_page|size|limit|rows)$/i;

/** Totals of a JSON reply: the first matching numeric key, breadth-first, three levels deep. */
export function announcedInJson(data: unknown): Announced {
  const out: Announced = { total: null, pages: null, perPage: null };
  let level: unknown[] = [data];
  for (let depth = 0; depth < 3 && level.length; depth++) {
    const next: unknown[] = [];
    for (const node of level) {
      if (!node || typeof node !== 'object' || Array.isArray(node)) continue;
      for (const [k, v] of Object.entries(node)) {
        const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null;
        if (n !== null) {
          if (out.total === null && JSON_TOTAL.test(k)) out.total = n;
          else if (out.pages === null && JSON_PAGES.test(k)) out.pages = n;
          else if (out.perPage === null && JSON_SIZE.test(k) && n > 0) out.perPage = n;
        } else if (v && typeof v === 'object' && !Array.isArray(v)) next.push(v);
      }
    }
    level = next;
  }
  return out;
}

/** Pages of the list: as announced, else its records over the page size (stated, else this page's length). */
export function pageCount(a: Announced, itemsOnPage: number): number | null {
  if (a.pages !== null) return a.pages;
  if (a.total === null) return null;
  const per = a.perPage ?? (itemsOnPage > 0 ? itemsOnPage : null);
  return per ? Math.ceil(a.total / per) : null;
}

/** TRS page files: page 1 is name.ext (or the folder), page k is name_{k-1}.ext. */
export function trsPageUrls(page: FetchedPage, pages: number, name: string, ext: string): string[] {
  const out: string[] = [];
  for (let i = 1; i < pages; i++) out.push(page.resolve(`${name}_${i}.${ext}`));
  return out;
}

const NEXT_TEXT = /^(?:下一页|下页|后一页|下一页>|>|›|»|>>|next)$/i;
// Where a page number sits in a page URL: ?page=N (and its spellings), name_N.html, /N.html.
// (what comes before the number, the number, what comes after it)
const NUMBER_IN_URL = [
  /([?&](?:page|pageNum|pageNo|pageIndex|currentPage|curPage|p)=)(\d+)()/i,
  /(_)(\d+)(\.s?html?)$/i,
  /(\/)(\d+)(\.s?html?)$/i,
];

function numberIn(url: string): { re: RegExp; n: number } | null {
  for (const re of NUMBER_IN_URL) {
    const m = re.exec(url);
    if (m) return { re, n: Number(m[2]) };
  }
  return null;
}

/** "下一页" links and numbered page links with a real href (javascript: pagers give none). */
export function pageLinks(page: FetchedPage, $: CheerioAPI): string[] {
  return numberedLinks(page, $).map((l) => l.url);
}

interface PageLink {
  url: string;
  /** The page number the link names (its text), or null for a "下一页" link. */
  number: number | null;
}

function numberedLinks(page: FetchedPage, $: CheerioAPI): PageLink[] {
  const out: PageLink[] = [];
  for (const a of $('a[href]').toArray()) {
    const text = fold($(a).text()).replace(/\s/g, '');
    const url = resolveUrl($(a).attr('href') ?? '', page.url);
    if (!url || url === page.url) continue;
    if (NEXT_TEXT.test(text)) out.push({ url, number: null });
    // Page 1 is where a list starts: a link back to it (often another URL for the same page) is no further page.
    else if (/^\d{1,4}$/.test(text) && Number(text) > 1 && numberIn(url)) out.push({ url, number: Number(text) });
  }
  return out;
}

/**
 * Every further page of a list whose numbered links show how page URLs are made (list_2.html,
 * index_1.html for page 2, ?page=3): pages 2…`pages` from that pattern, so pages the pager does not
 * link (1 2 3 … 10) are reached too. Empty when the count or the pattern is unknown.
 */
export function enumeratePages(page: FetchedPage, $: CheerioAPI, pages: number | null): string[] {
  if (!pages || pages < 2) return [];
  // Page number → URL number: from a numbered link, else from "下一页" on page 1 (it names page 2).
  const links = numberedLinks(page, $);
  const sample =
    links.find((l) => l.number !== null && l.number > 1) ?? links.find((l) => l.number === null && startsList(page));
  if (!sample) return [];
  const at = numberIn(sample.url);
  if (!at) return [];
  const offset = at.n - (sample.number ?? 2);
  const out: string[] = [];
  for (let p = 2; p <= pages; p++) {
    out.push(sample.url.replace(at.re, (_m, head: string, _n: string, tail: string) => `${head}${p + offset}${tail}`));
  }
  return out;
}

const PAGE_PARAM = /^(?:page|pageNo|pageNum|pageIndex|currentPage|curPage)$/i;

/** The URL of page `n` of a JSON API, by its page parameter (also one inside a JSON-valued parameter); null without one. */
export function withPageNumber(url: string, n: number): string | null {
  const u = new URL(url);
  for (const [k, v] of u.searchParams) {
    if (PAGE_PARAM.test(k) && /^\d+$/.test(v)) {
      u.searchParams.set(k, String(n));
      return u.href;
    }
    const inner = /(["']?(?:page|pageNo|pageNum|pageIndex|currentPage)["']?\s*:\s*)(\d+)/i;
    if (/^\s*\{/.test(v) && inner.test(v)) {
      u.searchParams.set(
        k,
        v.replace(inner, (_m, head: string) => `${head}${n}`),
      );
      return u.href;
    }
  }
  return null;
}

/** Pages 2…`pages` of a JSON API reply, asked for from its page 1 only. */
export function apiPageUrls(url: string, pages: number | null): string[] {
  if (!pages || pages < 2 || !isPageOne(url)) return [];
  const out: string[] = [];
  for (let p = 2; p <= pages; p++) {
    const next = withPageNumber(url, p);
    if (next) out.push(next);
  }
  return out;
}

function isPageOne(url: string): boolean {
  const one = withPageNumber(url, 1);
  return one !== null && decodeURIComponent(one) === decodeURIComponent(new URL(url).href);
}

/**
 * True on the first page of a list: the entry URL, or a list reached as a further request that is
 * page 0 by its URL (a year sub-column …/2023n/ found on the column page starts its own list, while
 * index_2.html, 3.html, ?page=4, ?pageNum=5 and dataproxy replies continue one).
 */
export function startsList(page: FetchedPage): boolean {
  if (page.isFirst) return true;
  const u = new URL(page.url);
  if (/dataproxy\.jsp$|\/api\//.test(u.pathname)) return false;
  if (/[?&](?:page|pageNum|pageNo|currentPage|p|startrecord)=/i.test(u.search)) return false;
  return !/(?:_\d+|\/\d+)\.s?html?$/i.test(u.pathname);
}
