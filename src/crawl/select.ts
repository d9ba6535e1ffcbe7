// What a list item says about its report (year, agency, level: read by src/text/) and where a
// site's 年报 column is. Pure functions on titles and pages.
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, ParentNode, Text } from 'domhandler';
import type { DocumentHints } from '../workarea/layout.js';
import { agencyLevel, titleAgency } from '../text/agency.js';
import { titleYear } from '../text/dates.js';
import { fold, squeeze } from '../text/normalise.js';
import { meta, resolveUrl } from './page.js';
import type { FetchedPage, ListItem } from './platform.js';

/** Year of a list page from its URL (…/2023n/, 2023nb/, gknb2017/, nb_2022n/) or its ColumnName ("2023年"). */
export function pageYear(page: FetchedPage): number | null {
  const path = new URL(page.url).pathname;
  const m = /\/(?:[a-z_]*?)((?:19|20)\d{2})(?:n|nb|nd|ndbg|年)?(?:_\d+)?\//i.exec(path);
  if (m && !/\/(?:19|20)\d{4}\//.test(`/${m[0].slice(1)}`)) return Number(m[1]);
  const col = meta(page.$, 'ColumnName');
  const c = col ? /^((?:19|20)\d{2})\s*(?:年|年度)?/.exec(col) : null;
  return c ? Number(c[1]) : null;
}

/** What a list item and its page say about the report: title, year, agency, date, level. */
export function itemHints(item: ListItem, page: FetchedPage): DocumentHints {
  // Portal-only flags (PortalHints.discover) ride along in page.hints; they are not document hints.
  const { discover: _discover, ...inherited } = page.hints as DocumentHints & { discover?: boolean };
  const hints: DocumentHints = { ...inherited, title: fold(item.title) };
  const year = titleYear(item.title) ?? pageYear(page);
  if (year !== null) hints.year = year;
  const agency = titleAgency(item.title);
  if (agency) {
    hints.agency = agency;
    const level = agencyLevel(agency);
    if (level) hints.admin_level = level;
  }
  if (item.published_date) hints.published_date = item.published_date;
  return hints;
}

// Column names of the 年报 column (portals.md §1) and of its year sub-columns.
const COLUMN =
  /^(?:政府|政务)?(?:信息)?公开(?:工作)?(?:年度报告|年报)(?:专栏)?$|^(?:信息公开)?年度(?:工作)?报告$|^年报$|^公开年报$/;
const YEAR = /^((?:19|20)\d{2})\s*(?:年|年度)?(?:年报|年度报告)?$/;
const SLUG = /(?:zfxxgk(?:nb|ndbg)|xxgk(?:nb|ndbg)|gknb|ndbg|zfgknb|bgtndbg)/i;
// Article URLs are items, not columns.
const ARTICLE = /\/t\d{8}_\d+|\/art\/\d{4}\/|\/content\/|post_\d+|\/\d{6}\/[^/]+\.s?html?$|c01_\d+/;

export interface ReportColumn {
  url: string;
  text: string;
  /** Year of a year sub-column, as written. */
  year: string | null;
}

/**
 * The 年报 column links a page offers: anchors named like a 年报 column, the year sub-columns
 * listed under such a heading or inside a 年报 path, and the page itself when its ColumnName is one.
 */
export function findReportColumnLinks(page: FetchedPage): ReportColumn[] {
  const { $ } = page;
  const out = new Map<string, ReportColumn>();
  const add = (href: string | undefined, text: string, year: string | null) => {
    const url = resolveUrl(href ?? '', page.url);
    if (url && !out.has(url) && !ARTICLE.test(new URL(url).pathname)) out.set(url, { url, text, year });
  };
  const colName = squeeze(meta($, 'ColumnName'));
  if (COLUMN.test(colName)) add(page.url, colName, null);
  for (const a of $('a[href]').toArray()) {
    const text = squeeze($(a).attr('title') || $(a).text());
    if (COLUMN.test(text)) add($(a).attr('href'), text, null);
  }
  // Headings (not links) naming the column: year links in the block that follows belong to it.
  // Candidates are the parents of text nodes that mention 年报/报告 (a walk over text, not over every element).
  for (const el of headingCandidates($)) {
    if (!COLUMN.test(squeeze($(el).text()))) continue;
    const block = $(el).nextAll().first().add($(el).parent().nextAll().first());
    for (const a of block.find('a[href]').toArray()) {
      const y = YEAR.exec(squeeze($(a).text()));
      if (y) add($(a).attr('href'), squeeze($(a).text()), y[1]);
    }
  }
  // Year links whose path is inside a 年报 slug (…/zfxxgknb/2023n/).
  for (const a of $('a[href]').toArray()) {
    const y = YEAR.exec(squeeze($(a).text()));
    const url = resolveUrl($(a).attr('href') ?? '', page.url);
    if (y && url && SLUG.test(new URL(url).pathname)) add(url, squeeze($(a).text()), y[1]);
  }
  return [...out.values()];
}

/** Elements (up to two levels above a text node) whose text may name the 年报 column. */
function headingCandidates($: CheerioAPI): AnyNode[] {
  const out = new Set<AnyNode>();
  const stack: AnyNode[] = [...$.root().toArray()];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'text') {
      if (/年报|报告/.test((node as Text).data) && node.parent) {
        out.add(node.parent);
        if (node.parent.parent) out.add(node.parent.parent);
      }
    } else if ('children' in node && node.type !== 'script' && node.type !== 'style') {
      for (const child of (node as ParentNode).children) stack.push(child); // no spread: 100,000 children overflow it
    }
  }
  return [...out].filter((el) => el.type === 'tag');
}

/** URLs of the 年报 columns (and year sub-columns) a page links to. */
export function findReportColumns(page: FetchedPage): string[] {
  return findReportColumnLinks(page).map((c) => c.url);
}

/** Year sub-columns below the current list (…/zfxxgknb/ → …/zfxxgknb/2023n/): further list pages. */
export function childReportColumns(page: FetchedPage): string[] {
  const base = new URL(page.url);
  const dir = base.pathname.replace(/[^/]*$/, '');
  return findReportColumnLinks(page)
    .map((c) => c.url)
    .filter((u) => {
      const p = new URL(u);
      return (
        p.host === base.host &&
        p.pathname !== base.pathname &&
        p.pathname.startsWith(dir) &&
        p.pathname.length > dir.length
      );
    });
}
