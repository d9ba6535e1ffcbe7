// TRS WCM (拓尔思) "t-date" sites: static index.html, index_1.html … index_{N-1}.html, the page count
// only in a script (createPageHTML(N, cur, "index", "html"), createPage(N, …), var countPage = N) or
// only the record count (var totalRecord = 20 while 10 are served per page); items link to
// …/YYYYMM/tYYYYMMDD_ID.html. Also TRS JSON lists ({"data":[{URL, FILENAME, …}], "total": N}), paged
// by their page parameter when they announce more than one page.
import { isoDate } from '../../text/dates.js';
import { fold } from '../../text/normalise.js';
import type { FetchedPage, ListItem, ListResult, NextRequest } from '../platform.js';
import { childReportColumns } from '../select.js';
import { anchorItem, hasDateBeside, jsonBody, nonEmpty, platform, uniqueItems, uniqueNext } from './common.js';
import {
  announcedIn,
  announcedInJson,
  apiPageUrls,
  pageCount,
  startsList,
  trsPager,
  trsPageUrls,
  type Announced,
} from './pager.js';

export { trsPager } from './pager.js';

/** A TRS article URL: …/YYYYMM/tYYYYMMDD_ID.html (.shtml, .htm, _wap twins). */
export const T_DATE = /\/t((?:19|20)\d{6})_\d+(?:_wap)?\.s?html?$/i;

function tDate(url: string): string | null {
  const m = T_DATE.exec(new URL(url).pathname);
  return m ? isoDate(m[1]) : null;
}

interface TrsJsonRow {
  URL?: string;
  DOCPUBURL?: string;
  FILENAME?: string;
  DOCTITLE?: string;
  PUBDATE?: string;
  DOCRELTIME?: string;
  FILENUM?: string;
  WORD?: string;
  PDF?: string;
}

/** The rows of a TRS JSON list: `data`, `datas` or `list`, at the top or one level down. */
function trsRows(data: unknown): TrsJsonRow[] | null {
  const isRows = (v: unknown): v is TrsJsonRow[] =>
    Array.isArray(v) && v.some((r) => r && typeof r === 'object' && ('URL' in r || 'DOCPUBURL' in r));
  const d = data as Record<string, unknown> | null;
  for (const key of ['data', 'datas', 'list']) {
    const v = d?.[key];
    if (isRows(v)) return v;
    for (const inner of ['data', 'datas', 'list']) {
      const w = (v as Record<string, unknown> | null | undefined)?.[inner];
      if (isRows(w)) return w;
    }
  }
  return null;
}

function jsonList(page: FetchedPage, rows: TrsJsonRow[], told: Announced): ListResult {
  const items = rows.map((r): ListItem | null => {
    const url = page.resolve(fold(r.URL ?? r.DOCPUBURL));
    const title = (r.FILENAME ?? r.DOCTITLE ?? '').trim();
    if (!url || !title) return null;
    const attachments = [r.WORD, r.PDF].map((u) => page.resolve(fold(u))).filter(Boolean);
    return {
      url,
      title,
      published_date: isoDate(r.DOCRELTIME) ?? isoDate(r.PUBDATE),
      document_date: isoDate(r.PUBDATE),
      doc_number: (r.FILENUM ?? '').trim() || null,
      ...(attachments.length ? { attachments } : {}),
    };
  });
  // A reply that announces nothing is the whole list (the static zcwj.json files).
  const pages = told.total === null && told.pages === null ? 1 : pageCount(told, rows.length);
  const next = apiPageUrls(page.url, pages).map((url) => ({ url }));
  return { items: uniqueItems(items), next, total: told.total ?? (pages === 1 ? rows.length : null), pages };
}

/** The file name of a TRS list page (index.shtml → index, shtml); a folder URL is index.html. */
function pageFile(page: FetchedPage): { name: string; ext: string } {
  const m = /\/(\w+)\.(s?html?)$/i.exec(new URL(page.url).pathname);
  if (m && !/_\d+$/.test(m[1])) return { name: m[1], ext: m[2] };
  const ext = /var\s+\w*(?:ext|suffix)\w*\s*=\s*['"]\.?(\w+)['"]/i.exec(page.body)?.[1] ?? 'html';
  return { name: 'index', ext };
}

export const trs = platform({
  name: 'trs',
  detect: (page) =>
    trsPager(page.body) !== null ||
    trsRows(jsonBody(page)) !== null ||
    page
      .$('a[href]')
      .toArray()
      .filter((a) => T_DATE.test(page.$(a).attr('href') ?? '')).length >= 3,
  parseList(page) {
    const data = jsonBody(page);
    const rows = trsRows(data);
    if (rows) return nonEmpty(page, jsonList(page, rows, announcedInJson(data)), 'rows');
    const { $ } = page;
    const items = uniqueItems(
      $('a[href]')
        .toArray()
        // t-date articles, plus list entries with a date beside them (a PDF or another site's page).
        .filter((a) => T_DATE.test(($(a).attr('href') ?? '').split(/[?#]/)[0]) || hasDateBeside($, a))
        .map((a) => anchorItem(page, $, a, tDate)),
    );
    const told = announcedIn(page);
    const pager = trsPager(page.body);
    const pages = pager?.pages ?? pageCount(told, items.length);
    const next: NextRequest[] = [];
    if (startsList(page)) {
      const { name, ext } = pager ?? pageFile(page);
      for (const url of trsPageUrls(page, pages ?? 0, name, ext)) next.push({ url });
      for (const url of childReportColumns(page)) next.push({ url, newList: true });
    }
    return nonEmpty(
      page,
      { items, next: uniqueNext(next, page), total: told.total, pages: pages ?? null },
      't-date items',
    );
  },
});
