// Figures stated in prose, for reports without table 三 / 四 ("2020年，我镇收到政府信息公开申请0件。",
// "其中自然人申请3件", "重复申请1件", "结转下年度1件", "复议维持1件"). Each figure (a number, Arabic or
// Chinese, with its counting word) is read with the words next to it in its clause — before it
// ("予以公开5件"), else after it ("2件本机关不掌握…") — against a table of what such words count.
// Only statements about information-disclosure requests and their review/litigation are taken;
// consultations, approvals and other counts in the prose never reach the tables.
import type { ApplicantColumn, ApplicationRow, ReviewColumn, ReviewGroup, Warning } from '../../record.js';
import { labelKey } from '../../text/normalise.js';
import { chineseNumber } from '../../text/numerals.js';

export interface ProseFigures {
  /** Cells the prose states: row → applicant column → value (headline figures are the row's total). */
  applications: Partial<Record<ApplicationRow, Partial<Record<ApplicantColumn, number>>>>;
  reviews: Partial<Record<ReviewGroup, Partial<Record<ReviewColumn, number>>>>;
  warnings: Warning[];
  /**
   * Where each stated cell was read, by "table.row.column": the figure's offset in the text in
   * `labelKey` form (what forms/provenance.ts proseLocation maps back to a row) and its clause.
   */
  quotes: Record<string, { index: number; phrase: string }>;
}

type Target =
  | { table: 'applications'; row: ApplicationRow; column: ApplicantColumn }
  | { table: 'reviews'; group: ReviewGroup | 'current'; column: ReviewColumn };

const app = (row: ApplicationRow, column: ApplicantColumn = 'total'): Target => ({
  table: 'applications',
  row,
  column,
});
const rev = (group: ReviewGroup | 'current', column: ReviewColumn = 'total'): Target => ({
  table: 'reviews',
  group,
  column,
});

/**
 * What the words next to a figure count, most specific first. A review outcome (维持, 纠正…) belongs
 * to the review or litigation group the sentence is about ('current').
 */
const PHRASES: [RegExp, Target][] = [
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
];

/** Words that make a figure something else (法人或其他组织 is a group of columns, not a cell). */
const NOT_A_CELL = /法人或其他组织|咨询|留言|来信|来电|依申请公开目录|主动公开/;
/** The groups a sentence can be about, for the outcomes stated after them. */
const GROUP_WORDS: [RegExp, ReviewGroup | null][] = [
  [/复议后(?:提起)?(?:行政)?(?:起诉|诉讼)/, 'litigation_after_review'],
  [/未经复议|直接(?:提起)?(?:行政)?(?:起诉|诉讼)/, 'litigation_direct'],
  [/行政诉讼/, null],
  [/行政复议/, 'review'],
];

const NUM = '(\\d+|[零〇一二两三四五六七八九十]+)';
const FIGURE = new RegExp(`${NUM}(?:件|宗|个|条|次|例)`, 'g');
const FIGURE_TEST = new RegExp(FIGURE.source);
const CLAUSE_BREAK = /[，,、；;：:（）()]|其中/;

/** Zero stated with a negation: "未收到政府信息公开申请", "无行政复议", "未发生行政诉讼". */
const NONE: [RegExp, Target[]][] = [
  [
    /(?:未|没有|无)(?:收到|受理|接到|发生)[^。；，,]{0,12}(?:政府信息)?公开(?:的)?申请|(?:政府信息)?公开申请(?:数)?(?:为)?(?:0|零)(?:件)?$/,
    [app('new_received')],
  ],
  [/^(?:无|没有)上年(?:度)?结转/, [app('carried_over')]],
  [/^(?:无|没有)(?:结转下年|下年度继续办理)/, [app('carried_forward')]],
  [/(?:无|未发生|没有|未出现|未收到)[^。；，,]{0,20}?行政复议/, [rev('review')]],
  [/(?:无|未发生|没有|未出现)[^。；，,]{0,30}?行政诉讼/, [rev('litigation_direct'), rev('litigation_after_review')]],
];

function targetOf(words: string): Target | null {
  if (!words || NOT_A_CELL.test(words)) return null;
  return PHRASES.find(([re]) => re.test(words))?.[1] ?? null;
}

export function readProse(text: string): ProseFigures {
  const out: ProseFigures = { applications: {}, reviews: {}, warnings: [], quotes: {} };
  const full = labelKey(text);
  let at = 0; // offset in `full` of the clause being read
  const take = (target: Target, value: number, quote: string, current: ReviewGroup | null, offset = 0) => {
    if (Number.isNaN(value)) return;
    if (target.table === 'applications') {
      const row = (out.applications[target.row] ??= {});
      if (target.column in row) return;
      row[target.column] = value;
      out.quotes[`applications.${target.row}.${target.column}`] = { index: at + offset, phrase: quote };
      out.warnings.push({
        code: 'prose_figure',
        where: `applications.${target.row}.${target.column}`,
        detail: `from prose: '${quote}'`,
      });
    } else {
      const group = target.group === 'current' ? current : target.group;
      if (!group) return;
      const cells = (out.reviews[group] ??= {});
      if (target.column in cells) return;
      cells[target.column] = value;
      out.quotes[`reviews.${group}.${target.column}`] = { index: at + offset, phrase: quote };
      out.warnings.push({
        code: 'prose_figure',
        where: `reviews.${group}.${target.column}`,
        detail: `from prose: '${quote}'`,
      });
    }
  };

  let cursor = 0;
  for (const sentence of text.split(/[。；;！!\n]/).map(labelKey)) {
    if (!sentence) continue;
    const start = full.indexOf(sentence, cursor);
    cursor = start + sentence.length;
    let current: ReviewGroup | null = null;
    // A sentence with no figure at all is read whole for negations ("未发生行政复议、行政诉讼案件").
    const clauses = FIGURE_TEST.test(sentence) ? sentence.split(CLAUSE_BREAK).filter(Boolean) : [sentence];
    let within = 0;
    for (const clause of clauses) {
      within = sentence.indexOf(clause, within);
      at = start + within;
      const group = GROUP_WORDS.find(([re]) => re.test(clause));
      if (group) current = group[1];
      const figures = [...clause.matchAll(FIGURE)];
      if (!figures.length) {
        for (const [re, targets] of NONE) if (re.test(clause)) for (const tg of targets) take(tg, 0, clause, current);
        continue;
      }
      figures.forEach((m, i) => {
        const start = i === 0 ? 0 : figures[i - 1]!.index! + figures[i - 1]![0].length;
        const end = i + 1 < figures.length ? figures[i + 1]!.index! : clause.length;
        const before = clause.slice(start, m.index);
        const after = clause.slice(m.index! + m[0].length, end);
        const target = targetOf(before) ?? targetOf(after);
        if (target) take(target, chineseNumber(m[1]!), clause, current, m.index);
      });
    }
  }
  return out;
}
