// Is this document an annual report at all? Report columns also hold the notices that order the
// reports (关于做好…年度报告编制和发布工作的通知), disclosure guides, budgets and 决算, catalogues,
// and empty shells. These are rejected with a reason; a real report never is: rejection needs the
// title to say what else the document is, or no trace of a report anywhere.
import { ExtractError } from '../errors.js';
import { APPLICATIONS, PROACTIVE, REVIEWS, unnumbered } from '../forms/index.js';
import { flatten } from '../text/normalise.js';
import {
  NOTICE,
  ORDERS_REPORTS,
  OTHER_KINDS,
  PUBLISHES_REPORT,
  REPORT_WORDS,
  REVIEWS_REPORTS,
} from '../text/titles.js';
import { findTitle } from './title.js';
import type { DocumentModel } from './model.js';

/** Fewer CJK characters than this: a page shell (navigation, a script), not a document. */
const MIN_CJK_CHARS = 40;

/** Section headings and sentences every report form has (the tables' titles: the form specs'). */
const REPORT_MARKERS = [
  /统计(?:期限|时限|期间|时间|区间)/,
  ...[PROACTIVE.title, APPLICATIONS.title].map((title) => new RegExp(unnumbered(title)[0])),
  new RegExp(`政府信息公开(?:的)?${REVIEWS.rows[0]!.label[0]}`),
  /存在的主要问题及改进情况/,
  /其他需要报告的事项/,
  /依申请公开/,
];

/** The heading to classify by: the report title or the page title (strong), else the first short line (weak). */
function heading(model: DocumentModel): { text: string; strong: boolean } | null {
  const title = findTitle(model) ?? model.meta.title ?? null;
  if (title) return { text: flatten(title), strong: true };
  for (const row of model.rows.slice(0, 10)) {
    const line = flatten(row.cells.map((c) => c.text).join(' ')).replace(/^#+/, '');
    if (line && line.length <= 80) return { text: line, strong: false };
  }
  return null;
}

/** A first line is only a guess at the heading (it may be a menu item): several report sections outweigh it. */
const SECTIONS_OUTWEIGH_A_GUESS = 3;

export function rejectIfNotReport(model: DocumentModel): void {
  const flat = flatten(model.text);
  const cjk = flat.match(/\p{Script=Han}/gu)?.length ?? 0;
  if (cjk < MIN_CJK_CHARS) {
    throw new ExtractError('no_report_content', `empty shell: ${cjk} Chinese characters of text`);
  }
  const head = heading(model);
  const markers = REPORT_MARKERS.filter((m) => m.test(flat)).length;
  const title = head && (head.strong || markers < SECTIONS_OUTWEIGH_A_GUESS) ? head.text : null;
  const quoted = `title '${head?.text ?? ''}'`;

  if (title && NOTICE.test(title)) {
    const coverNotice =
      PUBLISHES_REPORT.test(title) && !ORDERS_REPORTS.test(title) && !REVIEWS_REPORTS.test(title) && markers >= 2;
    if (!coverNotice) {
      const about = !REPORT_WORDS.test(title)
        ? 'notice'
        : ORDERS_REPORTS.test(title)
          ? 'notice about compiling reports'
          : 'notice about reports';
      throw new ExtractError('not_a_report', `${about}: ${quoted}`);
    }
    return;
  }
  if (title && !REPORT_WORDS.test(title)) {
    for (const [pattern, kind] of OTHER_KINDS) {
      if (pattern.test(title)) throw new ExtractError('not_a_report', `${kind}: ${quoted}`);
    }
  }
  if (title && REPORT_WORDS.test(title) && !/公开/.test(title) && markers < 2) {
    throw new ExtractError('not_a_report', `report on something other than open government information: ${quoted}`);
  }
  if ((!head || !REPORT_WORDS.test(head.text)) && markers === 0) {
    throw new ExtractError('not_a_report', `neither an annual-report title nor any report section: ${quoted}`);
  }
}
