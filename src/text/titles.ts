// What a report title looks like, and what the titles of the other documents in a 年报 column look
// like (notices ordering the reports, guides, budgets, catalogues, enterprise 年报). The crawler asks
// of a list item's title (isAnnualReport); the extractor finds the title line in a document
// (TITLE_WORDS, GENERIC_TITLE) and names what else a document is (REPORT_WORDS, NOTICE, OTHER_KINDS…).
//
// The crawler's rule is strict on purpose: a title alone decides whether a link is downloaded, so
// it demands 公开…报告 wording and rejects anything that reads like a notice, a guide, a briefing. The
// extractor has the whole document: its words only find candidate lines and name the kind of a
// title, and the report sections decide, so they stay permissive.
import { squeeze } from './normalise.js';

// ---------------------------------------------------------------- list-item titles (crawl)

// "…信息公开…年度报告 / 年报 / 工作报告", "…年度政府信息公开工作报告", "…政务公开工作年度报告".
const REPORT_PHRASES = [
  /(?:信息|政务|政府)公开.{0,12}?(?:年度报告|年报|年度工作报告|工作报告|年度报表)/,
  /年度(?:政府|政务)?(?:信息)?公开.{0,4}报告/,
];
// A bare "…年度报告" counts when the title names a year and nothing else (北京市2023年度报告).
const BARE = /^.{0,30}?(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年度?报告$/;
const REJECTED_TITLES = [
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
  if (REJECTED_TITLES.some((r) => r.test(t))) return false;
  return REPORT_PHRASES.some((r) => r.test(t)) || BARE.test(t);
}

// ---------------------------------------------------------------- document titles (extract)

/**
 * Words a report's title line holds (年度报告, 年报, 工作报告, 年度工作情况, 工作情况报告): what the
 * extractor looks for among the first lines. Narrower than REPORT_WORDS on purpose: a bare 工作情况
 * is also the first section heading of every report (一、总体工作情况), which is no title.
 */
export const TITLE_WORDS = /(?:年度报告|工作报告|年报|年度工作情况|工作情况报告)/;
/** Words that mark a title as one of a report (工作情况 included: "关于…工作情况的报告"), for classifying a document. */
export const REPORT_WORDS = /年度报告|年报|工作报告|工作情况/;
/** A heading that names the column, not a report ("政府信息公开工作年度报告", "年报专栏"). */
export const GENERIC_TITLE = /^(?:政府信息公开|政务公开)?(?:工作)?(?:年度报告|年报)(?:专栏)?$/;

/** A notice: "关于…的通知/函/意见", "…通知/函/通报". */
export const NOTICE = /(?:^关于.*(?:通知|函|意见)|(?:通知|函|通报)$)/;
/** A notice ordering the reports to be compiled or submitted. */
export const ORDERS_REPORTS = /做好|编制|报送|编报|撰写|填报|上报|报告.{0,6}工作的/;
/** A notice about checking or scoring the reports. */
export const REVIEWS_REPORTS = /检查|评估|评查|考核|情况的/;
/** "关于印发/公布…年度报告的通知", "关于2020年度政府信息公开工作年度报告的通知": the report under a cover. */
export const PUBLISHES_REPORT = /(?:(?:印发|公布|发布|公开)[^，。]{0,40}?年度报告(?:的)?|年度报告的)(?:通知|函)$/;

/** Other documents a 年报 column holds, by what their title says. */
export const OTHER_KINDS: readonly [RegExp, string][] = [
  [/信息公开指南|公开指南/, 'disclosure guide'],
  [/预算|决算/, 'budget or final accounts'],
  [/公开目录|目录$/, 'catalogue'],
];
