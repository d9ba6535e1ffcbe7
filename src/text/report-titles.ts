// Report recognition, in one place for the crawl and the extractor: what a title says a document is
// (classifyTitle: kept / skipped / ambiguous, with a kind and a reason), and what a document's title
// and text together say (judgeDocument: the extractor's verdict, also used on fetched pages whose
// list title was ambiguous). The words the extractor finds a title line by live here too.
//
// Titles are read by their head: a Chinese title ends with what the document is (…年度报告,
// …工作情况的报告, …的通知, …的函, …工作要点), so "…评估中心2023年政府信息公开工作年度报告" is a
// report whatever its agency is called, and "…年度报告编制工作的通知" a notice. The decisions:
//
//   kept       the title names an annual open-government-information report (年度报告, 年报,
//              工作报告, 工作情况的报告, any year in digits or Chinese numerals, or none)
//   skipped    the title names another kind of document (notices about compiling the reports,
//              要点, 自查, 指南, 目录, budgets, interpretations, enterprise 年报…): never fetched
//   ambiguous  the title does not say (a cover letter 关于报送《…》的函 whose attachment is the
//              report, a notice publishing one, a bare agency name, a 工作报告 on something else):
//              the item is fetched and its content decides (judgeDocument), and so do the names of
//              its attachments (classifyTitle on each)
import { APPLICATIONS, PROACTIVE, REVIEWS, unnumbered } from '../forms/index.js';
import { halfWidthAlnum, squeeze } from './normalise.js';

export type TitleDecision = 'kept' | 'skipped' | 'ambiguous';

/** What a title says the document is; each kind has one decision (KIND_DECISION). */
export type TitleKind =
  | 'report'
  | 'bare_report'
  | 'cover_letter'
  | 'cover_notice'
  | 'other_report'
  | 'disclosure_work'
  | 'no_wording'
  | 'notice_compiling'
  | 'notice_about_reports'
  | 'notice'
  | 'review_of_reports'
  | 'interpretation'
  | 'enterprise_report'
  | 'key_points'
  | 'self_inspection'
  | 'guide'
  | 'catalogue'
  | 'budget'
  | 'statistics_sheet'
  | 'assessment'
  | 'meeting';

export interface TitleVerdict {
  decision: TitleDecision;
  kind: TitleKind;
  /** Why, in words (the decisions log, `ogi crawl --explain`, the extractor's not_a_report message). */
  reason: string;
}

const KINDS: Readonly<Record<TitleKind, { decision: TitleDecision; reason: string }>> = {
  report: { decision: 'kept', reason: 'annual report title' },
  bare_report: { decision: 'kept', reason: 'annual report title (a year and 年度报告/年报)' },
  cover_letter: { decision: 'ambiguous', reason: 'cover letter submitting a report' },
  cover_notice: { decision: 'ambiguous', reason: 'notice publishing a report' },
  other_report: { decision: 'ambiguous', reason: 'report on something other than open government information' },
  disclosure_work: { decision: 'ambiguous', reason: 'work situation without a report word' },
  no_wording: { decision: 'ambiguous', reason: 'no report wording' },
  notice_compiling: { decision: 'skipped', reason: 'notice about compiling reports' },
  notice_about_reports: { decision: 'skipped', reason: 'notice about reports' },
  notice: { decision: 'skipped', reason: 'notice' },
  review_of_reports: { decision: 'skipped', reason: 'review of reports' },
  interpretation: { decision: 'skipped', reason: 'interpretation or graphic of a report' },
  enterprise_report: { decision: 'skipped', reason: 'enterprise or website annual report' },
  key_points: { decision: 'skipped', reason: 'work plan (要点)' },
  self_inspection: { decision: 'skipped', reason: 'self-inspection (自查)' },
  guide: { decision: 'skipped', reason: 'disclosure guide' },
  catalogue: { decision: 'skipped', reason: 'catalogue or list' },
  budget: { decision: 'skipped', reason: 'budget or final accounts' },
  statistics_sheet: { decision: 'skipped', reason: 'statistics sheet or form instructions' },
  assessment: { decision: 'skipped', reason: 'assessment or evaluation' },
  meeting: { decision: 'skipped', reason: 'meeting or training' },
};

const verdict = (kind: TitleKind): TitleVerdict => ({ kind, ...KINDS[kind] });

// ---------------------------------------------------------------- the title's words

const QUOTES = /[《》〈〉“”‘’"'「」『』【】〔〕[\]]/g;
/** Trailing words that are not the title: a file extension, a bracketed note (（全文）, (2023年)), a date, new, punctuation. */
const TRAILER =
  /(?:\.(?:pdf|docx?|wps|ofd|xlsx?|html?|shtml|txt)|[（(][^（）()]{0,14}[）)]|(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|new|最新|[。.，,、:：;；\s]+)$/i;
/** Leading words that are not the title: 附件1：, 置顶, 最新, numbering. */
const LEADER = /^(?:附件\d*[:：]?|置顶|最新|new|\d{1,3}[.、．]\s*)/i;
/** Separators before a site name or column in page titles ("…年度报告 - 某某区人民政府"). */
const SEPARATOR = /\s*(?:[|｜_]|\s[-–—]\s|——|--)\s*/;

const DISCLOSURE = /(?:信息|政务|政府)公开|公开(?:工作)?年度|年度(?:政府|政务)?(?:信息)?公开/;
/** A year in digits, full-width digits or Chinese numerals. */
const YEAR = /(?:19|20)\d{2}|[〇零○一二][〇零○一二三四五六七八九]{3}/;
/** The heads that make a title a report. */
const REPORT_HEAD = /(?:年度报告|年报|工作报告|情况的?报告|年度工作报告|公开报告|报告书?|年度报表)$/;
/** A report about the reports, not one: "…年度报告第三方评估报告", "…自查报告". */
const REVIEW_HEAD = /(?:评估|考核|检查|评查|审计|调研|督查|整改|述职|测评)(?:情况)?(?:的)?报告书?$/;
const SELF_HEAD = /自查(?:情况)?(?:的)?报告$/;
const NOTICE_HEAD = /(?:通知|通报|公告|通告|意见|方案|批复|决定|函|请示|纪要)$/;
const LETTER_HEAD = /函$/;
const SUBMITS = /报送|呈报|上报|提交|报请/;
/** Words that name a report (工作情况 included: "关于…工作情况的报告", a cover letter's "《…工作情况》"). */
export const REPORT_WORDS = /年度报告|年报|工作报告|工作情况/;
/** A notice ordering the reports to be compiled or submitted. */
const ORDERS_REPORTS = /做好|编制|报送|编报|撰写|填报|上报|报告.{0,6}工作的/;
/** A notice about checking or scoring the reports. */
const REVIEWS_REPORTS = /检查|评估|评查|考核|情况的/;
/** "关于印发/公布…年度报告的通知", "关于2020年度政府信息公开工作年度报告的通知": the report under a cover. */
const PUBLISHES_REPORT = /(?:(?:印发|公布|发布|公开)[^，。]{0,40}?年度报告(?:的)?|年度报告的)(?:通知|函)$/;

/** Kinds named anywhere in the title (checked after the report and notice heads), first match wins. */
const OTHER_KINDS: readonly [RegExp, TitleKind][] = [
  [/要点/, 'key_points'],
  [/自查/, 'self_inspection'],
  [/指南|指引/, 'guide'],
  [/目录|清单|名录/, 'catalogue'],
  [/预算|决算|三公经费/, 'budget'],
  [/统计表|报表|填报说明|编制说明/, 'statistics_sheet'],
  [/考核|评估|评议|第三方|测评|检查/, 'assessment'],
  [/培训|会议|座谈|推进会/, 'meeting'],
];
const INTERPRETATION = /图解|一图|读懂|解读|视频|H5|动漫|问答|海报|长图/i;
const ENTERPRISE =
  /企业(?:信用)?(?:年度报告|年报)|市场主体|年报公示|个体工商户|网站(?:工作)?年度报表|网站年度|工作年度报表/;
/** A body's name and nothing else ("某某市绩效考核办公室"): says nothing of the document, whatever words the name holds. */
const AGENCY_HEAD = /(?:人民政府|政府|办公室|办公厅|委员会|联合会|协会|局|厅|委|办|中心|院|队|所|站|处|署|街道|乡|镇)$/;
/** Open-government work named without a report word: "…2023年政府信息公开工作情况", "…政务公开工作总结". */
const DISCLOSURE_WORK = /公开(?:工作)?(?:年度)?(?:工作)?(?:情况|总结)$/;

/** The title as its words are compared: no spaces, quotes or brackets, no file extension or note, half-width digits. */
export function titleCore(title: string): string {
  let t = halfWidthAlnum(title);
  t = t.replace(/\s*[-–—]+\s*$/, '');
  // a site name after a separator: keep the part that names a report, else the first part
  const parts = t.split(SEPARATOR).filter((p) => p.trim());
  if (parts.length > 1) t = parts.find((p) => REPORT_WORDS.test(p) || DISCLOSURE.test(p)) ?? parts[0]!;
  t = squeeze(t).replace(QUOTES, '');
  for (let prev = ''; prev !== t; ) {
    prev = t;
    t = t.replace(TRAILER, '').replace(LEADER, '');
  }
  return t;
}

/** What a list item's (or an attachment's, or a document's) title says the document is. */
export function classifyTitle(title: string | null | undefined): TitleVerdict {
  const t = titleCore(title ?? '');
  if (!t) return { decision: 'ambiguous', kind: 'no_wording', reason: 'no title' };
  if (INTERPRETATION.test(t)) return verdict('interpretation');
  if (ENTERPRISE.test(t)) return verdict('enterprise_report');
  if (REPORT_HEAD.test(t)) {
    if (SELF_HEAD.test(t)) return verdict('self_inspection');
    if (REVIEW_HEAD.test(t)) return verdict('review_of_reports');
    if (DISCLOSURE.test(t)) return verdict('report');
    if (/(?:年度报告|年报)$/.test(t) && YEAR.test(t) && !/公司|集团|企业/.test(t)) return verdict('bare_report');
    return verdict('other_report');
  }
  if (NOTICE_HEAD.test(t)) {
    const aboutReports = REPORT_WORDS.test(t) || /报告/.test(t);
    if (LETTER_HEAD.test(t) && SUBMITS.test(t) && aboutReports && DISCLOSURE.test(t)) return verdict('cover_letter');
    // what follows the report's name says what is done with it (检查情况的通报): the agency's name before it does not
    const after = t.slice(Math.max(0, t.lastIndexOf('报告')));
    if (PUBLISHES_REPORT.test(t) && !ORDERS_REPORTS.test(t) && !REVIEWS_REPORTS.test(after))
      return verdict('cover_notice');
    if (!aboutReports) return verdict('notice');
    return verdict(ORDERS_REPORTS.test(t) ? 'notice_compiling' : 'notice_about_reports');
  }
  if (DISCLOSURE_WORK.test(t)) return verdict('disclosure_work');
  // "…印发《…纲要》": a document issued, named without its notice head, and no report
  if (/印发|转发/.test(t) && !/报告|年报|工作情况/.test(t)) return verdict('notice');
  if (AGENCY_HEAD.test(t)) return verdict('no_wording');
  for (const [pattern, kind] of OTHER_KINDS) if (pattern.test(t)) return verdict(kind);
  if (REPORT_WORDS.test(t)) return verdict('disclosure_work');
  return verdict('no_wording');
}

/** True when a list item is fetched: its title names a report or does not say (only skipped titles are not). */
export const fetchesItem = (v: TitleVerdict) => v.decision !== 'skipped';

/** True when an anchor on a rendered page (menus and all) is a report link: a report title, or a cover that names one. */
export const namesReport = (v: TitleVerdict) =>
  v.decision === 'kept' || v.kind === 'cover_letter' || v.kind === 'cover_notice' || v.kind === 'disclosure_work';

// ---------------------------------------------------------------- documents (title + text)

/** Section headings and sentences every report form has. */
const REPORT_MARKERS = [
  /统计(?:期限|时限|期间|时间|区间)/,
  // The tables' titles, as the form specs print them.
  ...[PROACTIVE.title, APPLICATIONS.title].map((title) => new RegExp(unnumbered(title)[0])),
  new RegExp(`政府信息公开(?:的)?${REVIEWS.rows[0]!.label[0]}`),
  /存在的主要问题及改进情况/,
  /其他需要报告的事项/,
  /依申请公开/,
];

/** How many of the report form's section markers a (flattened) text has. */
export function reportMarkers(text: string): number {
  return REPORT_MARKERS.filter((m) => m.test(text)).length;
}

/** Report sections an ambiguous title needs before its document counts as a report. */
const SECTIONS_NEEDED: Partial<Record<TitleKind, number>> = {
  cover_letter: 2,
  cover_notice: 2,
  other_report: 2,
  disclosure_work: 1,
  no_wording: 1,
};

export interface DocumentVerdict {
  report: boolean;
  /** The title's verdict (null: no title to go by). */
  title: TitleVerdict | null;
  /** Why, in words ("notice about compiling reports", "cover letter submitting a report: 3 report sections"). */
  reason: string;
}

/**
 * Is a document a report, from its title (null when none could be found or it was only a guess the
 * sections outweigh) and its text's report sections? A kept title is a report, a skipped one is not;
 * an ambiguous one is when the text has the report sections its kind needs; no title, when any.
 */
export function judgeDocument(title: string | null, markers: number): DocumentVerdict {
  const sections = `${markers} report section${markers === 1 ? '' : 's'}`;
  if (title === null) {
    return markers > 0
      ? { report: true, title: null, reason: `no title; ${sections}` }
      : { report: false, title: null, reason: 'neither an annual-report title nor any report section' };
  }
  const v = classifyTitle(title);
  if (v.decision === 'kept') return { report: true, title: v, reason: v.reason };
  if (v.decision === 'skipped') return { report: false, title: v, reason: v.reason };
  const needed = SECTIONS_NEEDED[v.kind] ?? 1;
  if (markers >= needed) return { report: true, title: v, reason: `${v.reason}; ${sections}` };
  const reason =
    v.kind === 'no_wording' || v.kind === 'disclosure_work'
      ? 'neither an annual-report title nor any report section'
      : v.kind === 'other_report'
        ? v.reason
        : `${v.reason}, without the report's sections`;
  return { report: false, title: v, reason };
}

// ---------------------------------------------------------------- the title line of a document (extract)

/**
 * Words a report's title line holds (年度报告, 年报, 工作报告, 年度工作情况, 工作情况报告): what the
 * extractor looks for among the first lines. Narrower than REPORT_WORDS on purpose: a bare 工作情况
 * is also the first section heading of every report (一、总体工作情况), which is no title.
 */
export const TITLE_WORDS = /(?:年度报告|工作报告|年报|年度工作情况|工作情况的?报告)/;
/** A heading that names the column, not a report ("政府信息公开工作年度报告", "年报专栏"). */
export const GENERIC_TITLE = /^(?:政府信息公开|政务公开)?(?:工作)?(?:年度报告|年报)(?:专栏)?$/;
