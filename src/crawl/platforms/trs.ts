// TRS WCM (拓尔思) "t-date" sites: static index.html, index_1.html … index_{N-1}.html, the page count
// only in a script call (createPageHTML(N, cur, "index", "html"), createPage(N, …), var countPage = N);
// items link to …/YYYYMM/tYYYYMMDD_ID.html. Also TRS JSON lists ({"data":[{URL, FILENAME, …}]}).
import { isoDate } from '../../text/dates.js';
import { fold } from '../../text/normalise.js';
import type { FetchedPage, ListItem, ListResult, NextRequest } from '../platform.js';
import { childReportColumns } from '../select.js';
import {
  anchorItem,
  countPageVar,
  hasDateBeside,
  startsList,
  jsonBody,
  nonEmpty,
  pagerCalls,
  platform,
  uniqueItems,
  uniqueNext,
} from './common.js';

/** A TRS article URL: …/YYYYMM/tYYYYMMDD_ID.html (.shtml, .htm, _wap twins). */
export const T_DATE = /\/t((?:19|20)\d{6})_\d+(?:_wap)?\.s?html?$/i;

function tDate(url: string): string | null {
  const m = T_DATE.exec(new URL(url).pathname);
  return m ? isoDate(m[1]) : null;
}

/** Total pages and file name of a TRS pager: (N, cur, "index", "html") or countPage = N. */
export function trsPager(body: string): { pages: number; name: string; ext: string } | null {
  for (const { args } of pagerCalls(body)) {
    if (typeof args[0] === 'number') {
      const name = typeof args[2] === 'string' && /^\w+$/.test(args[2]) ? args[2] : 'index';
      const ext = typeof args[3] === 'string' && /^\w+$/.test(args[3]) ? args[3] : 'html';
      return { pages: args[0], name, ext };
    }
  }
  const count = countPageVar(body);
  if (count === null) return null;
  const ext = /var\s+\w*(?:ext|suffix)\w*\s*=\s*['"]\.?(\w+)['"]/i.exec(body)?.[1] ?? 'html';
  return { pages: count, name: 'index', ext };
}

interface TrsJsonRow {
  URL?: string;
  FILENAME?: string;
  DOCTITLE?: string;
  PUBDATE?: string;
  DOCRELTIME?: string;
  FILENUM?: string;
  WORD?: string;
  PDF?: string;
}

function isTrsJson(data: unknown): data is { data: TrsJsonRow[] } {
  const rows = (data as { data?: unknown })?.data;
  return Array.isArray(rows) && rows.some((r) => r && typeof r === 'object' && 'URL' in r);
}

function jsonList(page: FetchedPage, rows: TrsJsonRow[]): ListResult {
  const items = rows.map((r): ListItem | null => {
    const url = page.resolve(fold(r.URL));
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
  return { items: uniqueItems(items), next: [], total: rows.length, pages: 1 };
}

export const trs = platform({
  name: 'trs',
  detect: (page) =>
    trsPager(page.body) !== null ||
    isTrsJson(jsonBody(page)) ||
    page
      .$('a[href]')
      .toArray()
      .filter((a) => T_DATE.test(page.$(a).attr('href') ?? '')).length >= 3,
  parseList(page) {
    const data = jsonBody(page);
    if (isTrsJson(data)) return nonEmpty(page, jsonList(page, data.data), 'rows');
    const { $ } = page;
    const items = uniqueItems(
      $('a[href]')
        .toArray()
        // t-date articles, plus list entries with a date beside them (a PDF or another site's page).
        .filter((a) => T_DATE.test(($(a).attr('href') ?? '').split(/[?#]/)[0]) || hasDateBeside($, a))
        .map((a) => anchorItem(page, $, a, tDate)),
    );
    const pager = trsPager(page.body);
    const next: NextRequest[] = [];
    if (startsList(page)) {
      for (let i = 1; i < (pager?.pages ?? 0); i++)
        next.push({ url: page.resolve(`${pager!.name}_${i}.${pager!.ext}`) });
      for (const url of childReportColumns(page)) next.push({ url });
    }
    return nonEmpty(page, { items, next: uniqueNext(next, page), pages: pager?.pages ?? null }, 't-date items');
  },
});
