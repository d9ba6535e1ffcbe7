// Is this document an annual report at all? Report columns also hold the notices that order the
// reports (关于做好…年度报告编制和发布工作的通知), disclosure guides, budgets and 决算, catalogues,
// and empty shells. The verdict is the shared recognition module's (src/text/report-titles.ts:
// judgeDocument, the same rules the crawl's list titles go by): the document's heading classified,
// and an ambiguous heading (a cover letter, a bare name) decided by the report sections in its text.
import { ExtractError } from '../errors.js';
import { flatten } from '../text/normalise.js';
import { judgeDocument, reportMarkers } from '../text/report-titles.js';
import { findTitle } from './title.js';
import type { DocumentModel } from './model.js';

/** Fewer CJK characters than this: a page shell (navigation, a script), not a document. */
const MIN_CJK_CHARS = 40;

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
  const markers = reportMarkers(flat);
  const title = head && (head.strong || markers < SECTIONS_OUTWEIGH_A_GUESS) ? head.text : null;
  const verdict = judgeDocument(title, markers);
  if (!verdict.report) throw new ExtractError('not_a_report', `${verdict.reason}: title '${head?.text ?? ''}'`);
}
