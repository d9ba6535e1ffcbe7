// Hanweb 大汉 JCMS / jpaas. Three shapes of the same list:
//  - the column page /col/colNNN/index.html with the first records in a <script type="text/xml">
//    <datastore><recordset><record><![CDATA[<li>…]]> data island; further records only through
//    POST /module/web/jpage/dataproxy.jsp?startrecord=&endrecord=&perpage= (unitid, webid, columnid
//    and totalRecord read from the column page);
//  - the dataproxy reply itself (a bare <datastore>): items only;
//  - the new jpaas column page: items in inline JSON `var listData = { articleList: [...] }`,
//    pages ?uid=<unitid>&pageNum=N, count in channelsTagSelf.articleCount.
import * as cheerio from 'cheerio';
import { isoDate } from '../../text/dates.js';
import { decodeURIComponentSafe, meta } from '../page.js';
import type { FetchedPage, ListItem, ListResult, NextRequest } from '../platform.js';
import { anchorItem, nonEmpty, platform, uniqueItems, uniqueNext, startsList } from './common.js';

const RECORD = /<record>\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*<\/record>/gi;

/** The HTML fragments of a data island or dataproxy reply. */
export function records(body: string): string[] {
  return [...body.matchAll(RECORD)].map((m) => m[1]);
}

function recordItems(page: FetchedPage, frags: string[]): ListItem[] {
  return uniqueItems(
    frags.map((html) => {
      const $ = cheerio.load(html);
      const a = $('a[href]').first().get(0);
      return a ? anchorItem(page, $, a) : null;
    }),
  );
}

/** `name: 'value'`, `name = value`, `name=value&` in scripts and URLs of the page. */
function param(body: string, name: string): string | null {
  const m = new RegExp(`[?&;\\s,{'"]${name}['"]?\\s*[:=]\\s*['"]?([^'"&,;\\s}<]+)`, 'i').exec(body);
  return m ? m[1] : null;
}

/** Dataproxy POSTs for the records after the ones the column page embeds. */
export function dataproxyRequests(page: FetchedPage, embedded: number): NextRequest[] {
  const body = page.body;
  const total = Number(param(body, 'totalRecord') ?? /<totalrecord>(\d+)<\/totalrecord>/i.exec(body)?.[1] ?? NaN);
  const unitid =
    /<div[^>]*\bid=["']?(\d+)["']?[^>]*>\s*<script[^>]*type=["']?text\/xml/i.exec(body)?.[1] ?? param(body, 'unitid');
  const columnid = param(body, 'columnid') ?? /\/col\/col(\d+)\//.exec(page.url)?.[1] ?? null;
  const webid = param(body, 'webid') ?? param(body, 'siteid');
  if (!Number.isFinite(total) || !unitid || !columnid || !webid) return [];
  const perpage = Number(param(body, 'perpage') ?? 15) || 15;
  const group = perpage * 3;
  const proxy = /proxyUrl['"]?\s*:\s*['"]([^'"]+)['"]/i.exec(body)?.[1] ?? '/module/web/jpage/dataproxy.jsp';
  const webname = param(body, 'webname') ?? meta(page.$, 'SiteName') ?? '';
  const form = new URLSearchParams({
    col: '1',
    appid: '1',
    webid,
    path: '/',
    columnid,
    unitid,
    sourceContentType: '1',
    webname: decodeURIComponentSafe(webname),
    permissiontype: '0',
  }).toString();
  const out: NextRequest[] = [];
  for (let start = embedded + 1; start <= total; start += group) {
    const end = Math.min(start + group - 1, total);
    out.push({
      url: page.resolve(`${proxy}?startrecord=${start}&endrecord=${end}&perpage=${perpage}`),
      method: 'POST',
      body: form,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' },
    });
  }
  return out;
}

/** The JSON value that starts at `from` (an array or object literal), string-aware bracket matching. */
export function jsonAt(text: string, from: number): unknown {
  const open = text[from];
  const close = open === '[' ? ']' : '}';
  let depth = 0;
  let inStr: string | null = null;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === inStr) inStr = null;
    } else if (c === '"') inStr = c;
    else if (c === open) depth++;
    else if (c === close) {
      depth--;
      if (depth === 0) return JSON.parse(text.slice(from, i + 1));
    }
  }
  return null;
}

function valueAfter(body: string, re: RegExp): unknown {
  const m = re.exec(body);
  if (!m) return null;
  const at = body.slice(m.index + m[0].length).search(/[[{]/) + m.index + m[0].length;
  try {
    return jsonAt(body, at);
  } catch {
    return null;
  }
}

interface JpaasArticle {
  title?: string;
  showTitle?: string;
  pubDate?: string;
  urls?: string;
  url?: string;
}

function jpaasList(page: FetchedPage, list: JpaasArticle[]): ListResult {
  const items = uniqueItems(
    list.map((a) => {
      let href = a.url ?? '';
      try {
        const urls = typeof a.urls === 'string' ? JSON.parse(a.urls) : a.urls;
        href = urls?.pc ?? urls?.h5 ?? href;
      } catch {
        /* urls not JSON: keep url */
      }
      const url = href ? page.resolve(href) : '';
      const title = (a.title ?? a.showTitle ?? '').trim();
      return url && title ? { url, title, published_date: isoDate(a.pubDate) } : null;
    }),
  );
  const self = valueAfter(page.body, /var\s+channelsTagSelf\s*=/) as { articleCount?: number } | null;
  const total = typeof self?.articleCount === 'number' ? self.articleCount : null;
  const perPage = Number(/perPage\s*:\s*['"]?(\d+)/.exec(page.body)?.[1] ?? 15);
  const unitid = /unitid\s*:\s*['"]?(\d+)/i.exec(page.body)?.[1] ?? null;
  const pages = total !== null ? Math.ceil(total / perPage) : null;
  const next: NextRequest[] = [];
  if (startsList(page) && pages && unitid) {
    const base = page.url.split(/[?#]/)[0];
    for (let n = 2; n <= pages; n++) next.push({ url: `${base}?uid=${unitid}&pageNum=${n}` });
  }
  return { items, next, total, pages };
}

export const hanweb = platform({
  name: 'hanweb',
  detect: (page) =>
    /<datastore>|<recordset>|jpage\/dataproxy\.jsp|var\s+listData\s*=\s*\{\s*articleList/i.test(page.body) ||
    /\/col\/col\d+\/(?:index\.html)?$/.test(new URL(page.url).pathname),
  parseList(page) {
    const articles = valueAfter(page.body, /var\s+listData\s*=\s*\{\s*articleList\s*:/) as JpaasArticle[] | null;
    if (Array.isArray(articles)) return nonEmpty(page, jpaasList(page, articles), 'articles');
    const frags = records(page.body);
    const items = recordItems(page, frags);
    const totalText = /<totalrecord>(\d+)<\/totalrecord>/i.exec(page.body)?.[1] ?? param(page.body, 'totalRecord');
    const perpage = Number(param(page.body, 'perpage') ?? NaN);
    const pagesText =
      /<totalpage>(\d+)<\/totalpage>/i.exec(page.body)?.[1] ??
      (totalText && perpage ? String(Math.ceil(Number(totalText) / perpage)) : null);
    const next = startsList(page) ? dataproxyRequests(page, frags.length) : [];
    return nonEmpty(
      page,
      {
        items,
        next: uniqueNext(next, page),
        total: totalText ? Number(totalText) : null,
        pages: pagesText ? Number(pagesText) : null,
      },
      'records',
    );
  },
});
