// Reports without tables 三 / 四 state their figures in prose ("2020年，我镇收到政府信息公开申请0件。",
// "其中自然人申请3件", "重复申请1件", "结转下年度1件", "复议维持1件"). This is what such sentences mean:
// which words next to a figure name which record cell. Only statements about information-disclosure
// requests and their review/litigation map to cells; consultations, approvals and other counts never do.
import type { ApplicantColumn, ApplicationRow, ReviewColumn, ReviewGroup } from './tables.js';

export type ProseTarget =
  | { table: 'applications'; row: ApplicationRow; column: ApplicantColumn }
  | { table: 'reviews'; group: ReviewGroup | 'current'; column: ReviewColumn };

const app = (row: ApplicationRow, column: ApplicantColumn = 'total'): ProseTarget => ({
  table: 'applications',
  row,
  column,
});
const rev = (group: ReviewGroup | 'current', column: ReviewColumn = 'total'): ProseTarget => ({
  table: 'reviews',
  group,
  column,
});

export const NARRATIVE = {
  id: 'narrative',
  name: ['仅文字', 'Prose only'],
  /**
   * What the words next to a figure count, most specific first. A review outcome (维持, 纠正…) belongs
   * to the review or litigation group the sentence is about ('current').
   */
  phrases: [
    [/复议后(?:提起)?(?:行政)?(?:起诉|诉讼)/, rev('litigation_after_review')],
    [/未经复议|直接(?:提起)?(?:行政)?(?:起诉|诉讼)/, rev('litigation_direct')],
    [/(?:结果)?维持/, rev('current', 'upheld')],
    [/(?:结果)?纠正/, rev('current', 'corrected')],
    [/其他结果/, rev('current', 'other')],
    [/尚未审结|未审结/, rev('current', 'pending')],
    [/行政复议/, rev('review')],
    [/上年(?:度)?结转/, app('carried_over')],
    [/结转下年|下年度继续办理/, app('carried_forward')],
    [/部分公开/, app('partially_granted')],
    [/(?<![部不未])(?:予以|同意)公开/, app('granted')],
    [/不掌握/, app('unable_not_held')],
    [/信访|举报投诉/, app('rejected_complaint')],
    [/重复申请/, app('rejected_duplicate')],
    [/办结|办理完毕/, app('total_processed')],
    [/自然人/, app('new_received', 'natural_person')],
    [/商业企业/, app('new_received', 'commercial_enterprise')],
    [/科研机构/, app('new_received', 'research_institution')],
    [/社会公益组织/, app('new_received', 'social_welfare_org')],
    [/法律服务机构/, app('new_received', 'legal_service_org')],
    [/(?<!法人或)其他组织/, app('new_received', 'other_org')],
    [/(?:收到|受理|接收|接到|新收|办理)[^，,、]*?(?:公开)?申请|^(?:政府信息)?公开申请/, app('new_received')],
  ] as [RegExp, ProseTarget][],
  /** Words that make a figure something else (法人或其他组织 is a group of columns, not a cell). */
  notACell: /法人或其他组织|咨询|留言|来信|来电|依申请公开目录|主动公开/,
  /** The groups a sentence can be about, for the outcomes stated after them. */
  groupWords: [
    [/复议后(?:提起)?(?:行政)?(?:起诉|诉讼)/, 'litigation_after_review'],
    [/未经复议|直接(?:提起)?(?:行政)?(?:起诉|诉讼)/, 'litigation_direct'],
    [/行政诉讼/, null],
    [/行政复议/, 'review'],
  ] as [RegExp, ReviewGroup | null][],
  /** Counting words after a figure ("3件"). */
  counters: ['件', '宗', '个', '条', '次', '例'],
  /** Zero stated with a negation: "未收到政府信息公开申请", "无行政复议", "未发生行政诉讼". */
  none: [
    [
      /(?:未|没有|无)(?:收到|受理|接到|发生)[^。；，,]{0,12}(?:政府信息)?公开(?:的)?申请|(?:政府信息)?公开申请(?:数)?(?:为)?(?:0|零)(?:件)?$/,
      [app('new_received')],
    ],
    [/^(?:无|没有)上年(?:度)?结转/, [app('carried_over')]],
    [/^(?:无|没有)(?:结转下年|下年度继续办理)/, [app('carried_forward')]],
    [/(?:无|未发生|没有|未出现|未收到)[^。；，,]{0,20}?行政复议/, [rev('review')]],
    [/(?:无|未发生|没有|未出现)[^。；，,]{0,30}?行政诉讼/, [rev('litigation_direct'), rev('litigation_after_review')]],
  ] as [RegExp, ProseTarget[]][],
} as const;
