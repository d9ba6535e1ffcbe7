// A report's detail page → title, dates, agency, column and attachment links. Sources in order of
// trust (portals.md §8 and the samples' expected files): the visible 发布日期/发布时间 line over the
// PubDate meta (which is often a later build time), the 政府信息公开 metadata table (索引号, 发布机构,
// 发文日期, 文号) over ContentSource, ArticleTitle over <h1> over <title>, site prefixes stripped.
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, ParentNode, Text } from 'domhandler';
import { stripSiteName } from '../text/agency.js';
import { isoDate } from '../text/dates.js';
import { fold, squeeze } from '../text/normalise.js';
import { decodeURIComponentSafe, meta, resolveUrl } from './page.js';
import type { DetailResult, FetchedPage } from './platform.js';

const LABELS =
  '索引号|发布机构|发文机关|发文单位|发布单位|文号|发文字号|发文日期|成文日期|发布日期|公开日期|生成日期|主题分类|分类|有效性|名称|标题';
const LABEL = new RegExp(`^(${LABELS})[:：]?$`);
const INLINE = /^(索引号|发布机构|发文机关|文号|发文字号|发文日期|成文日期|发布日期|公开日期)[:：](.+)$/;
const LABEL_START = new RegExp(`^(?:${LABELS})`);

/**
 * Label → value pairs of the metadata table (th/td, td/td, 'label：value' cells), labels squeezed.
 * Found from the text nodes that start with a label, so a page's size costs one walk.
 */
export function metadataTable($: CheerioAPI): Map<string, string> {
  const out = new Map<string, string>();
  const stack: AnyNode[] = [...$.root().toArray()];
  const cells: AnyNode[] = [];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'text') {
      if (node.parent && LABEL_START.test(squeeze((node as Text).data))) cells.push(node.parent);
    } else if ('children' in node && node.type !== 'script' && node.type !== 'style') {
      const children = (node as ParentNode).children;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!); // no spread: 100,000 children overflow it
    }
  }
  for (const cell of cells) {
    for (const el of [cell, cell.parent].filter((e): e is ParentNode => !!e && e.type === 'tag')) {
      const own = squeeze($(el).text());
      const inline = INLINE.exec(own);
      if (inline && inline[2].length < 60) {
        if (!out.has(inline[1])) out.set(inline[1], fold($(el).text()).replace(/^[^:：]*[:：]\s*/, ''));
        break;
      }
      const m = LABEL.exec(own);
      if (!m) continue;
      const value = fold($(el).next().text());
      if (!out.has(m[1]) && value && value.length < 80) out.set(m[1], value);
      break;
    }
  }
  return out;
}

const ATTACHMENT = /\.(pdf|docx?|wps|xlsx?|et|rtf|ofd|zip|rar|7z)$/i;
const TRS_P0 = /\/P0\d{8,}[^/]*$/;

/** True for links to report files: office/PDF extensions, downfile.jsp, TRS P0… names. */
export function isAttachmentUrl(url: string): boolean {
  const u = new URL(url);
  if (/downfile\.jsp$|\/download(?:file)?\.(?:jsp|do|aspx?)$/i.test(u.pathname)) return true;
  const file = u.searchParams.get('filename') ?? u.searchParams.get('file') ?? '';
  if (ATTACHMENT.test(file)) return true;
  return ATTACHMENT.test(decodeURIComponentSafe(u.pathname)) || TRS_P0.test(u.pathname);
}

const RELATED = /(?:相关|关联)(?:链接|文件|阅读|政策|解读|信息|文章|新闻)|延伸阅读|推荐阅读/;

/** True for links in a 相关链接 / 关联文件 block: other documents, not this report's attachments. */
function inRelatedBlock($: CheerioAPI, a: AnyNode): boolean {
  for (const el of $(a).parents().slice(0, 5).toArray()) {
    const head =
      $(el).children('h1,h2,h3,h4,h5,h6,dt,.tit,.title').first().text() +
      $(el).prev('h1,h2,h3,h4,h5,h6,dt,.tit,.title').text();
    if (RELATED.test(squeeze(head))) return true;
  }
  return false;
}

function attachments(page: FetchedPage): DetailResult['attachments'] {
  const { $ } = page;
  const out = new Map<string, string>();
  const add = (href: string | undefined, name: string) => {
    const url = resolveUrl(href ?? '', page.url);
    if (!url || out.has(url) || !isAttachmentUrl(url)) return;
    out.set(url, name || decodeURIComponentSafe(new URL(url).pathname.split('/').pop() ?? ''));
  };
  for (const a of $('a[href]').toArray()) {
    const url = resolveUrl($(a).attr('href') ?? '', page.url);
    if (url && isAttachmentUrl(url) && !inRelatedBlock($, a)) add(url, fold($(a).text()) || fold($(a).attr('title')));
  }
  // Embedded viewers: <iframe src=…pdf>, <embed>, pdfjs/viewer.html?file=…pdf.
  for (const el of $('iframe[src],embed[src],object[data]').toArray()) {
    const src = $(el).attr('src') ?? $(el).attr('data') ?? '';
    const file = /[?&]file=([^&]+)/.exec(src)?.[1];
    add(file ? decodeURIComponentSafe(file) : src, '');
  }
  return [...out].map(([url, name]) => ({ url, name }));
}

function title(page: FetchedPage, site: string | null): string | null {
  const { $ } = page;
  const article = meta($, 'ArticleTitle');
  if (article) return stripSiteName(fold(article), site ? [site] : []);
  const ucap = fold($('ucaptitle').first().text());
  if (ucap) return ucap;
  for (const h of $('h1').toArray()) {
    const t = fold($(h).text());
    if (t && t !== site && t.length > 4) return t;
  }
  const t = fold($('title').first().text());
  return t ? stripSiteName(t, site ? [site] : []) : null;
}

/** 发布日期/发布时间 as the page shows it (metadata table, or a line in the article head). */
function visibleDate($: CheerioAPI, table: Map<string, string>): string | null {
  const fromTable = isoDate(table.get('发布日期') ?? table.get('公开日期'));
  if (fromTable) return fromTable;
  const text = squeeze($('body').text());
  const m = /(?:发布日期|发布时间|发表时间|publishtime)[:：]((?:19|20)\d{2}[-年/.]\d{1,2}[-月/.]\d{1,2})/i.exec(text);
  return m ? isoDate(m[1]) : isoDate(fold($('publishtime').first().text()));
}

export function parseDetail(page: FetchedPage): DetailResult {
  const { $ } = page;
  const site = meta($, 'SiteName');
  const table = metadataTable($);
  const urlDate = /\/t((?:19|20)\d{6})_\d+/.exec(page.url)?.[1];
  const published = visibleDate($, table) ?? isoDate(meta($, 'PubDate')) ?? (urlDate ? isoDate(urlDate) : null);
  const agency = table.get('发布机构') ?? table.get('发文机关') ?? meta($, 'ContentSource') ?? site;
  return {
    title: title(page, site),
    published_date: published,
    agency: agency ? fold(agency) : null,
    column_name: meta($, 'ColumnName'),
    attachments: attachments(page),
    document_date: isoDate(table.get('发文日期') ?? table.get('成文日期')),
    index_number: table.get('索引号') ?? null,
    doc_number: table.get('文号') ?? table.get('发文字号') ?? null,
    site_id_code: meta($, 'SiteIDCode'),
  };
}
