// Figures stated in prose, for reports without table 三 / 四. Each figure (a number, Arabic or
// Chinese, with its counting word) is read with the words next to it in its clause — before it
// ("予以公开5件"), else after it ("2件本机关不掌握…") — against the narrative spec's table of what
// such words count (src/forms/narrative.ts).
import {
  NARRATIVE,
  type ApplicantColumn,
  type ApplicationRow,
  type ProseTarget,
  type ReviewColumn,
  type ReviewGroup,
} from '../../forms/index.js';
import type { Warning } from '../../record.js';
import { labelKey } from '../../text/normalise.js';
import { chineseNumber } from '../../text/numerals.js';

export interface ProseFigures {
  /** Cells the prose states: row → applicant column → value (headline figures are the row's total). */
  applications: Partial<Record<ApplicationRow, Partial<Record<ApplicantColumn, number>>>>;
  reviews: Partial<Record<ReviewGroup, Partial<Record<ReviewColumn, number>>>>;
  warnings: Warning[];
  /**
   * Where each stated cell was read, by "table.row.column": the figure's offset in the text in
   * `labelKey` form (what tables/provenance.ts proseLocation maps back to a row) and its clause.
   */
  quotes: Record<string, { index: number; phrase: string }>;
}

type Target = ProseTarget;
const { phrases: PHRASES, notACell: NOT_A_CELL, groupWords: GROUP_WORDS, none: NONE } = NARRATIVE;

const NUM = '(\\d+|[零〇一二两三四五六七八九十]+)';
const FIGURE = new RegExp(`${NUM}(?:${NARRATIVE.counters.join('|')})`, 'g');
const FIGURE_TEST = new RegExp(FIGURE.source);
const CLAUSE_BREAK = /[，,、；;：:（）()]|其中/;

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
