// Pieces the adapters share: reading one list entry (anchor, full title, date beside it),
// de-duplicating, JSON bodies and the layout-changed guard (pagers: ./pager.ts).
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { DATE_19_20, isoDate } from '../../text/dates.js';
import { fold } from '../../text/normalise.js';
import { resolveUrl } from '../page.js';
import {
  LayoutChanged,
  type FetchedPage,
  type ListItem,
  type ListResult,
  type NextRequest,
  type Platform,
} from '../platform.js';

export function platform(p: Platform): Platform {
  return p;
}

/** Full title of a list anchor: title= when the text is cut short ("…"), else the text. */
export function anchorTitle($: CheerioAPI, a: Element): string {
  const attr = ($(a).attr('title') ?? '').trim();
  const text = fold($(a).text());
  if (attr && (!text || /(?:\.\.\.|…)$/.test(text) || attr.length >= text.length)) return attr;
  return text || attr;
}

/** The nearest ancestor whose tag is one of `tags` (a hand walk: a selector would be compiled per item). */
function closestTag(el: Element, tags: ReadonlySet<string>): Element | null {
  for (let n = el.parent; n; n = n.parent) if (n.type === 'tag' && tags.has((n as Element).name)) return n as Element;
  return null;
}

/** The first readlabel="…" value below `node`, in document order. */
function readlabelBelow(node: AnyNode): string[] {
  const out: string[] = [];
  const walk = (n: AnyNode) => {
    if (n.type !== 'tag' && n.type !== 'root') return;
    const el = n as Element;
    if (el.attribs?.readlabel !== undefined) out.push(el.attribs.readlabel);
    for (const c of el.children ?? []) walk(c as AnyNode);
  };
  for (const c of (node as Element).children ?? []) walk(c as AnyNode);
  return out;
}

const ENTRY = new Set(['li', 'tr', 'dd', 'dl', 'p']);
const LIST_ENTRY = new Set(['li', 'tr', 'dd']);

/** Date written beside an anchor in its list entry (<span>, <b readlabel>, <td>), if any. */
export function dateBeside($: CheerioAPI, a: Element): string | null {
  const scope = closestTag(a, ENTRY) ?? (a.parent as Element | null);
  if (!scope) return null;
  for (const label of readlabelBelow(scope)) {
    const d = isoDate(label);
    if (d) return d;
  }
  const own = fold($(a).text());
  const text = fold($(scope).text()).replace(own, ' ');
  const m = DATE_19_20.exec(text);
  return m ? isoDate(m[0]) : null;
}

/** True when the anchor's list entry shows a date: the mark of a list item (title + date span). */
export function hasDateBeside($: CheerioAPI, a: Element): boolean {
  const entry = closestTag(a, LIST_ENTRY);
  if (!entry) return false;
  if ($(entry).find('a[href]').length > 2) return false;
  return dateBeside($, a) !== null;
}

/** Item from an anchor, or null for links to nowhere. */
export function anchorItem(
  page: FetchedPage,
  $: CheerioAPI,
  a: Element,
  fallbackDate?: (url: string) => string | null,
): ListItem | null {
  const url = resolveUrl($(a).attr('href') ?? '', page.url);
  const title = anchorTitle($, a);
  if (!url || !title) return null;
  return { url, title, published_date: dateBeside($, a) ?? fallbackDate?.(url) ?? null };
}

export function uniqueItems(items: (ListItem | null)[]): ListItem[] {
  const seen = new Set<string>();
  const out: ListItem[] = [];
  for (const it of items) {
    if (!it || seen.has(it.url)) continue;
    seen.add(it.url);
    out.push(it);
  }
  return out;
}

export function uniqueNext(next: NextRequest[], page: FetchedPage): NextRequest[] {
  const seen = new Set<string>([`GET ${page.url}`]);
  return next.filter((r) => {
    const key = `${r.method ?? 'GET'} ${r.url} ${r.body ?? ''}`.trim();
    if (seen.has(key) || seen.has(`${r.method ?? 'GET'} ${r.url}`)) return false;
    seen.add(key);
    return true;
  });
}

/** An adapter's verdict on a page that gave nothing: the column moved or its layout changed. */
export function nonEmpty(page: FetchedPage, result: ListResult, what: string): ListResult {
  if (result.items.length === 0 && result.next.length === 0)
    throw new LayoutChanged(page.url, `no ${what} and no further pages`);
  return result;
}

/** Reads the JSON body of an API reply; null when it is not JSON. */
export function jsonBody(page: FetchedPage): unknown {
  if (!/^\s*[[{]/.test(page.body)) return null;
  try {
    return JSON.parse(page.body);
  } catch {
    return null;
  }
}

const JSON_URL = /^(?:url|link|href|linkurl|pcUrl|docpuburl|art_url|visitUrl)$/i;
const JSON_TITLE = /^(?:title|name|doctitle|showTitle|FILENAME|subject)$/i;
const JSON_DATE =
  /^(?:date|pubDate|publishTime|publish_time|pubtime|PUBDATE|DOCRELTIME|releaseTime|createTime|created_at|publishDate)$/i;

function field(row: Record<string, unknown>, re: RegExp): string {
  for (const [k, v] of Object.entries(row))
    if (re.test(k) && (typeof v === 'string' || typeof v === 'number')) return String(v);
  return '';
}

/**
 * The list of a JSON API reply whatever its shape (UCAP /common/search, SPA APIs…): the first array,
 * breadth-first, whose objects carry a URL and a title under any of the usual names. Null when none.
 */
export function jsonItems(page: FetchedPage, data: unknown): ListItem[] | null {
  let level: unknown[] = [data];
  for (let depth = 0; depth < 4 && level.length; depth++) {
    const next: unknown[] = [];
    for (const node of level) {
      if (Array.isArray(node)) {
        const rows = node.filter(
          (r): r is Record<string, unknown> => !!r && typeof r === 'object' && !Array.isArray(r),
        );
        if (rows.length && rows.some((r) => field(r, JSON_URL) && field(r, JSON_TITLE))) {
          return uniqueItems(
            rows.map((r) => {
              const url = page.resolve(field(r, JSON_URL));
              const title = fold(field(r, JSON_TITLE));
              return url && title ? { url, title, published_date: isoDate(field(r, JSON_DATE)) } : null;
            }),
          );
        }
        next.push(...rows);
      } else if (node && typeof node === 'object') next.push(...Object.values(node));
    }
    level = next;
  }
  return null;
}
