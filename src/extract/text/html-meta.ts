// Page metadata of an HTML report: title (meta ArticleTitle, <title> without the site name, first
// heading), publication date (the visible 发布日期 in the page header, else meta PubDate) and agency
// (meta ContentSource, else a 发布机构 cell of the metadata table).
import type { Element, ParentNode } from 'domhandler';
import type { DocumentMeta, TextRow } from '../model.js';
import { findFirst, isCell, isElement, textOf } from './dom.js';
import { fold } from './lines.js';

const DATE = /(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/;
/** 发布日期：…, 发布时间：…, or a bare 日期：/时间： (not 发文日期, 统计时间 or another word ending in 日期/时间). */
const VISIBLE_DATE = new RegExp(
  String.raw`(?:(?:发布|公开|更新|生成|发表)(?:日期|时间)|(?<![\u4e00-\u9fff])(?:日期|时间))\s*[:：]\s*` + DATE.source,
);
const AGENCY_LABELS = new Set(['发布机构', '发布单位', '发文机关', '发文单位', '公开机构', '信息来源']);

export function readMeta(doc: ParentNode, body: ParentNode, container: Element | undefined, rows: TextRow[]): DocumentMeta {
  const metas = new Map<string, string>();
  let title: string | undefined;
  const visit = (node: ParentNode): void => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      if (child.name === 'meta') {
        const name = (child.attribs.name ?? '').trim().toLowerCase();
        const content = fold(child.attribs.content ?? '');
        if (name && content && !metas.has(name)) metas.set(name, content);
      } else if (child.name === 'title' && title === undefined) {
        title = fold(textOf(child));
      } else if (child.name !== 'body') {
        visit(child);
      }
    }
  };
  visit(doc);
  const sites = [metas.get('sitename'), metas.get('contentsource')].filter((s): s is string => !!s);
  const meta: DocumentMeta = {};
  const heading = findFirst(container ?? body, (e) => /^h[1-3]$/.test(e.name));
  meta.title =
    stripSiteName(metas.get('articletitle'), sites) ??
    stripSiteName(title, sites) ??
    (heading ? fold(textOf(heading)) || undefined : undefined) ??
    rows.find((r) => !r.tabular)?.cells[0].text;

  // The date printed in the page header beats meta PubDate, which CMSs often set at (re)build time.
  const outside = fold(textOf(body, container));
  const visible = VISIBLE_DATE.exec(outside);
  const published = visible ? isoDate(visible.slice(1, 4)) : undefined;
  meta.published = published ?? firstDate(metas.get('pubdate') ?? metas.get('publishdate') ?? metas.get('firstpublishedtime'));

  meta.agency = metas.get('contentsource') ?? labelledValue(body, AGENCY_LABELS);
  for (const k of Object.keys(meta) as (keyof DocumentMeta)[]) if (meta[k] === undefined) delete meta[k];
  return meta;
}

/** Drop a site name prefix or suffix (`保定市人民政府网——标题`, `标题_某某市人民政府`). */
function stripSiteName(title: string | undefined, sites: string[]): string | undefined {
  if (!title) return undefined;
  const sep = String.raw`\s*(?:——|--|—|_|－|-|\||｜|::)\s*`;
  const looksSite = (s: string) =>
    sites.includes(s) || /(网|网站|门户|政府|政务网|政务服务网|信息公开|gov\.cn|\.com)$/i.test(s.trim());
  let t = title.trim();
  for (;;) {
    const pre = new RegExp(`^(.+?)${sep}(.+)$`).exec(t);
    if (pre && looksSite(pre[1]) && pre[2].length > 0) {
      t = pre[2];
      continue;
    }
    const post = new RegExp(`^(.+)${sep}([^_|｜—－-]+)$`).exec(t);
    if (post && looksSite(post[2]) && post[1].length > 0) {
      t = post[1];
      continue;
    }
    return t || undefined;
  }
}

function firstDate(s: string | undefined): string | undefined {
  const m = s ? DATE.exec(s) : null;
  return m ? isoDate(m.slice(1, 4)) : undefined;
}

function isoDate([y, m, d]: string[]): string | undefined {
  const [month, day] = [Number(m), Number(d)];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The value next to a label cell (`<th>发布机构</th><td>…</td>`) in a metadata table. */
function labelledValue(root: ParentNode, labels: Set<string>): string | undefined {
  const label = findFirst(root, (e) => isCell(e) && labels.has(textOf(e).replace(/[\s:：]/g, '')));
  if (!label) return undefined;
  let next = label.next;
  while (next && !isElement(next)) next = next.next;
  const value = next ? fold(textOf(next)) : '';
  return value || undefined;
}
