// Hanweb 大汉 JCMS / jpaas. Three shapes of the same list:
//  - the column page /col/colNNN/index.html with the first records in a <script type="text/xml">
//    <datastore><recordset><record><![CDATA[<li>…]]> data island; further records only through
//    POST /module/web/jpage/dataproxy.jsp?startrecord=&endrecord=&perpage= (unitid, webid, columnid
//    and totalRecord read from the column page);
//  - the dataproxy reply itself (a bare <datastore>): items only;
//  - the new jpaas column page: items in inline JSON `var listData = { articleList: [...] }`,
//    pages ?uid=<unitid>&pageNum=N, count in channelsTagSelf.articleCount;
//  - the jpaas api-gateway (/api-gateway/jpaas-publish-server/front/page/build/unit?…&pageNo=N):
//    a column page whose list is empty names the call in its script; the JSON reply carries the
//    list as HTML (or as rows) and its total, and page 1 yields the further pageNo calls.
import * as cheerio from 'cheerio';
import { isoDate } from '../../text/dates.js';
import { decodeURIComponentSafe, meta } from '../page.js';
import type { FetchedPage, ListItem, ListResult, NextRequest } from '../platform.js';
import { anchorItem, jsonBody, nonEmpty, platform, uniqueItems, uniqueNext } from './common.js';
import { announcedIn, announcedInJson, apiPageUrls, pageCount, startsList, withPageNumber } from './pager.js';

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
  const total = announcedIn(page).total ?? Number.NaN;
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

function jpaasItems(page: FetchedPage, list: JpaasArticle[]): ListItem[] {
  return uniqueItems(
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
}

function jpaasList(page: FetchedPage, list: JpaasArticle[]): ListResult {
  const items = jpaasItems(page, list);
  const total = announcedIn(page).total;
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

const GATEWAY = /\/api-gateway\/jpaas-publish-server\//;

/** The api-gateway calls a column page's script makes, as page 1 of the list. */
export function gatewayCalls(page: FetchedPage): string[] {
  const out: string[] = [];
  // A quoted URL (its JSON-valued parameter may hold the other kind of quote).
  for (const m of page.body.matchAll(
    /(['"])((?:(?!\1)[^\s])*\/api-gateway\/jpaas-publish-server\/(?:(?!\1)[^\s])+)\1/g,
  )) {
    const url = page.resolve(m[2].replace(/&amp;/g, '&'));
    if (url) out.push(withPageNumber(url, 1) ?? url);
  }
  return out;
}

interface GatewayReply {
  data?: { html?: string; list?: JpaasArticle[] } | string;
}

/** An api-gateway reply: the list as HTML (data.html) or rows (data.list), its total, the further pages. */
function gatewayList(page: FetchedPage, reply: GatewayReply): ListResult {
  const data = reply.data;
  const html = typeof data === 'string' ? data : (data?.html ?? '');
  const $ = cheerio.load(html);
  const fromHtml = $('a[href]')
    .toArray()
    .map((a) => anchorItem(page, $, a));
  const rows = typeof data === 'object' && Array.isArray(data?.list) ? jpaasItems(page, data.list) : [];
  const items = uniqueItems([...fromHtml, ...rows]);
  const told = announcedInJson(reply);
  const pages = pageCount(told, items.length);
  return { items, next: apiPageUrls(page.url, pages).map((url) => ({ url })), total: told.total, pages };
}

export const hanweb = platform({
  name: 'hanweb',
  detect: (page) =>
    /<datastore>|<recordset>|jpage\/dataproxy\.jsp|var\s+listData\s*=\s*\{\s*articleList/i.test(page.body) ||
    /\/col\/col\d+\/(?:index\.html)?$/.test(new URL(page.url).pathname) ||
    GATEWAY.test(page.url),
  parseList(page) {
    if (GATEWAY.test(page.url)) {
      const reply = jsonBody(page);
      if (reply && typeof reply === 'object')
        return nonEmpty(page, gatewayList(page, reply as GatewayReply), 'articles');
    }
    const articles = valueAfter(page.body, /var\s+listData\s*=\s*\{\s*articleList\s*:/) as JpaasArticle[] | null;
    if (Array.isArray(articles)) return nonEmpty(page, jpaasList(page, articles), 'articles');
    const frags = records(page.body);
    const items = recordItems(page, frags);
    const told = announcedIn(page);
    const pages = told.pages ?? (told.total !== null && told.perPage ? Math.ceil(told.total / told.perPage) : null);
    const next: NextRequest[] = startsList(page) ? dataproxyRequests(page, frags.length) : [];
    if (startsList(page) && frags.length === 0) for (const url of gatewayCalls(page)) next.push({ url });
    return nonEmpty(
      page,
      {
        items,
        next: uniqueNext(next, page),
        total: told.total,
        pages,
      },
      'records',
    );
  },
});
