// Page metadata of an HTML report: title (meta ArticleTitle, <title> without the site name, first
// heading), publication date (the visible 发布日期 in the page header, else meta PubDate) and agency
// (meta ContentSource, else a 发布机构 cell of the metadata table).
import type { Element, ParentNode } from 'domhandler';
import type { DocumentMeta, TextRow } from '../model.js';
import { findFirst, isCell, isElement, textOf } from './dom.js';
import { stripSiteName } from '../../text/agency.js';
import { isoFromParts, NUMERIC_DATE } from '../../text/dates.js';
import { fold } from '../../text/normalise.js';

const DATE = new RegExp(NUMERIC_DATE);
/** 发布日期：…, 发布时间：…, or a bare 日期：/时间： (not 发文日期, 统计时间 or another word ending in 日期/时间). */
const VISIBLE_DATE = new RegExp(
  String.raw`(?:(?:发布|公开|更新|生成|发表)(?:日期|时间)|(?<![\u4e00-\u9fff])(?:日期|时间))\s*[:：]\s*` + DATE.source,
);
const AGENCY_LABELS = new Set(['发布机构', '发布单位', '发文机关', '发文单位', '公开机构', '信息来源']);

export function readMeta(
  doc: ParentNode,
  body: ParentNode,
  container: Element | undefined,
  rows: TextRow[],
): DocumentMeta {
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
    siteless(metas.get('articletitle'), sites) ??
    siteless(title, sites) ??
    (heading ? fold(textOf(heading)) || undefined : undefined) ??
    rows.find((r) => !r.tabular)?.cells[0].text;

  // The date printed in the page header beats meta PubDate, which CMSs often set at (re)build time.
  const outside = fold(textOf(body, container));
  const visible = VISIBLE_DATE.exec(outside);
  const published = visible ? (isoFromParts(visible[1]!, visible[2]!, visible[3]!) ?? undefined) : undefined;
  meta.published =
    published ?? firstDate(metas.get('pubdate') ?? metas.get('publishdate') ?? metas.get('firstpublishedtime'));

  meta.agency = metas.get('contentsource') ?? labelledValue(body, AGENCY_LABELS);
  for (const k of Object.keys(meta) as (keyof DocumentMeta)[]) if (meta[k] === undefined) delete meta[k];
  return meta;
}

/** The title without site names, those of the page's metas and any part that looks like one. */
function siteless(title: string | undefined, sites: string[]): string | undefined {
  return title ? stripSiteName(title, sites, true) || undefined : undefined;
}

function firstDate(s: string | undefined): string | undefined {
  const m = s ? DATE.exec(s) : null;
  return m ? (isoFromParts(m[1]!, m[2]!, m[3]!) ?? undefined) : undefined;
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
