// Which list items are annual reports, what a list item says about its report (year, agency,
// level), and where a site's 年报 column is. Pure functions on titles and pages.
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, ParentNode, Text } from 'domhandler';
import type { AdminLevel } from '../record.js';
import type { DocumentHints } from '../workarea/layout.js';
import { clean, meta, resolveUrl, squeeze } from './page.js';
import type { FetchedPage, ListItem } from './platform.js';

// "…信息公开…年度报告 / 年报 / 工作报告", "…年度政府信息公开工作报告", "…政务公开工作年度报告".
const REPORT = [
  /(?:信息|政务|政府)公开.{0,12}?(?:年度报告|年报|年度工作报告|工作报告|年度报表)/,
  /年度(?:政府|政务)?(?:信息)?公开.{0,4}报告/,
];
// A bare "…年度报告" counts when the title names a year and nothing else (北京市2023年度报告).
const BARE = /^.{0,30}?(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年度?报告$/;
const REJECT = [
  /^关于.*(?:通知|函|公告|通告|决定|意见|方案|批复)$/, // notices about compiling or submitting reports
  /(?:做好|编制|报送|撰写|编写|提交|发布|上报).{0,20}(?:年度报告|年报)(?:工作)?的?(?:通知|要求|说明)?/,
  /(?:填报|编制)说明|工作要点|指南|目录|预算|决算|统计表$|报送情况|考核|评估|第三方|培训|会议/,
  /图解|一图|解读|视频|H5|动漫|问答/,
  /企业.*年度报告|市场主体|年报公示|个体工商户|社会组织|网站(?:工作)?年度报表|工作年度报表/,
];

/** True when a title names an annual OGI report (any year, any wording); notices, guides, budgets are not. */
export function isAnnualReport(title: string): boolean {
  const t = squeeze(title).replace(/[《》“”"]/g, '');
  if (!t || t.length > 90) return false;
  if (REJECT.some((r) => r.test(t))) return false;
  return REPORT.some((r) => r.test(t)) || BARE.test(t);
}

const CN_DIGITS: Record<string, string> = { 〇: '0', 零: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** The year a report title covers: "2023年度…", "（2023年）", "二〇二三年…"; null when it names none. */
export function titleYear(title: string): number | null {
  const t = squeeze(title).replace(/[〇零一二三四五六七八九]{4}(?=年)/g, (w) => [...w].map((c) => CN_DIGITS[c]).join(''));
  const m = /((?:19|20)\d{2})\s*(?:年|年度)/.exec(t) ?? /[（(]((?:19|20)\d{2})[）)]/.exec(t);
  return m ? Number(m[1]) : null;
}

/** Year of a list page from its URL (…/2023n/, 2023nb/, gknb2017/, nb_2022n/) or its ColumnName ("2023年"). */
export function pageYear(page: FetchedPage): number | null {
  const path = new URL(page.url).pathname;
  const m = /\/(?:[a-z_]*?)((?:19|20)\d{2})(?:n|nb|nd|ndbg|年)?(?:_\d+)?\//i.exec(path);
  if (m && !/\/(?:19|20)\d{4}\//.test(`/${m[0].slice(1)}`)) return Number(m[1]);
  const col = meta(page.$, 'ColumnName');
  const c = col ? /^((?:19|20)\d{2})\s*(?:年|年度)?/.exec(col) : null;
  return c ? Number(c[1]) : null;
}

/**
 * The body a report title names at its start: "湖北省市场监督管理局2023年政府信息公开工作年度报告" →
 * 湖北省市场监督管理局; "2023年北京市海淀区人民政府信息公开工作年度报告" → 北京市海淀区人民政府.
 */
export function titleAgency(title: string): string | null {
  let t = squeeze(title).replace(/[《》“”"]/g, '');
  t = t.replace(/^(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})年度?/, '');
  const m = /^(.+?)(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})年度?|^(.+?)(?:政府信息公开|政务信息公开|信息公开|政务公开)/.exec(t);
  let body = m ? (m[1] ?? m[2]) : null;
  if (!body) return null;
  body = body.replace(/[（(]\s*$/, '').replace(/关于$/, '');
  if (/人民$/.test(body)) body += '政府';
  if (body.length < 3 || body.length > 40 || /^(?:关于|本|我)|^(?:政府|政务|人民政府)$/.test(body)) return null;
  return body;
}

/** Level of government a body name belongs to, from its suffix. */
export function agencyLevel(agency: string): AdminLevel | null {
  const a = squeeze(agency);
  if (/^国务院|^国家|^中国|部$|总局$|总署$/.test(a) && !/[省市县区旗]/.test(a.slice(0, 4))) return 'central';
  if (/(?:乡|镇|街道|街道办事处|苏木)(?:人民政府)?$/.test(a)) return 'township';
  if (/(?:人民政府|人民政府办公厅|人民政府办公室|政府办公室|政府办)$/.test(a)) {
    const place = a.replace(/(?:人民政府|人民)?(?:政府)?(?:办公厅|办公室|办)?$/, '');
    if (/(?:县|区|旗|自治县|市辖区)$/.test(place) && /[市州盟]/.test(place.slice(0, -1))) return 'county';
    if (/(?:县|旗|自治县)$/.test(place)) return 'county';
    if (/(?:市|州|盟|地区)$/.test(place) && /[省区]/.test(place.slice(0, -1)) && !/^(?:北京|天津|上海|重庆)市$/.test(place)) return 'city';
    if (/^(?:北京|天津|上海|重庆)市$|省$|自治区$/.test(place)) return 'province';
    if (/(?:市|州|盟)$/.test(place)) return 'city';
    if (/区$/.test(place)) return 'county';
    return null;
  }
  if (/(?:厅|局|委员会|委|办公室|办|中心|院|所|馆|队|站|会)$/.test(a)) return 'department';
  return null;
}

/** What a list item and its page say about the report: title, year, agency, date, level. */
export function itemHints(item: ListItem, page: FetchedPage): DocumentHints {
  // Portal-only flags (PortalHints.discover) ride along in page.hints; they are not document hints.
  const { discover: _discover, ...inherited } = page.hints as DocumentHints & { discover?: boolean };
  const hints: DocumentHints = { ...inherited, title: clean(item.title) };
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
const COLUMN = /^(?:政府|政务)?(?:信息)?公开(?:工作)?(?:年度报告|年报)(?:专栏)?$|^(?:信息公开)?年度(?:工作)?报告$|^年报$|^公开年报$/;
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
      stack.push(...(node as ParentNode).children);
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
      return p.host === base.host && p.pathname !== base.pathname && p.pathname.startsWith(dir) && p.pathname.length > dir.length;
    });
}
