// The national 《政府信息公开情况统计表》 of 国办发〔2014〕32号 that many 2014–2018 reports append
// (report-forms.md §9): one column of figures (统计指标 · 单位 · 统计数), rows such as
// "（一）收到申请数 | 件 | 12". It has no applicant split, so only totals are read, and only where
// a row means the same thing as a schema cell:
//   收到申请数 → applications.new_received.total
//   同意公开答复数 → applications.granted.total
//   同意部分公开答复数 → applications.partially_granted.total
//   行政复议数量 → reviews.review.total; its 维持具体行政行为数 / 被依法纠错数 / 其他情形数 →
//     upheld / corrected / other (pending stays null: the 统计表 has no such row)
// Deliberately not mapped:
//   申请信息不存在数 and 不属于本行政机关公开数: the 2019 form's 本机关不掌握相关政府信息
//     (unable_not_held) covers both cases at once, so neither row alone is that cell, and adding
//     them up would be our inference, not the report's figure. Both are named in a warning.
//   行政诉讼数量: the 统计表 does not say whether a suit followed a review, so it fits neither
//     litigation_direct nor litigation_after_review; the groups stay null and a warning keeps the figure.
//   不同意公开 reasons (涉及国家秘密…): the 2007 条例's grounds, not the 2019 form's eight.
// Rows are read by their labels (spaced, full-width, numbered, unit in its own cell or glued on).
import type { ApplicationRow, Cell, CellSource, ReviewColumn, ReviewGroup, Warning } from '../../record.js';
import type { CellLocation, TextRow } from '../model.js';
import { labelKey } from '../../text/normalise.js';
import { parseValue } from './cells.js';
import { cellSource } from './provenance.js';
import { toItem } from './sections.js';

export interface StatisticsTable {
  /** Totals the table gives, by schema row (null: printed blank or "—"). */
  applications: Partial<Record<ApplicationRow, Cell>>;
  /** 行政复议 totals, when the table prints the row. */
  review: Partial<Record<ReviewColumn, Cell>> | null;
  /** Schema cells the table speaks about, placed or not: prose figures must not fill them. */
  covered: { applications: ApplicationRow[]; reviews: ReviewGroup[] };
  /** The table's rows, for the 2019/2021 form readers to skip. */
  rows: Set<TextRow>;
  warnings: Warning[];
  /** Where the figures placed in `applications` and `review` were read. */
  cells: CellSource[];
}

/** Labels only the 统计表 prints; a table is one when at least MIN_SIGNATURES of them appear. */
const SIGNATURES = [
  /主动公开政府信息数/,
  /收到申请数/,
  /申请办结数/,
  /按时办结数/,
  /申请答复数/,
  /属于已主动公开范围/,
  /同意部分公开答复数/,
  /(?<!不)同意公开答复数/,
  /不同意公开答复数/,
  /不属于本(行政)?机关公开/,
  /申请信息不存在/,
  /告知作出更改补充/,
  /告知通过其他途径/,
  /行政复议数(量)?$/,
  /行政诉讼数(量)?$/,
  /举报投诉数(量)?$/,
  /依申请公开信息收取的费用/,
];
const MIN_SIGNATURES = 3;
const MAX_LABEL = 80;

const UNITS = '人次|万元|件|条|个|次|人|篇|项|元';
/** The unit glued to the label, bare or in brackets ("收到申请数件", "收到申请数（件）"). */
const UNIT = new RegExp(`(?:${UNITS}|\\((?:单位:)?(?:${UNITS})\\))$`);
/** A row that arrived as one cell: label, unit, number ("（一）收到申请数 件 12" without gaps). */
const INLINE = new RegExp(`^(.*(?:数|数量|费用|经费))(?:${UNITS}|\\((?:单位:)?(?:${UNITS})\\))?(\\d+(?:\\.\\d+)?)$`);
/** Top-level block heading ("四、行政复议数量", "六、举报投诉数量"): ends the 复议/诉讼 sub-rows. */
const BLOCK = /^[一二三四五六七八九十]+、/;
/** Numbering in front of a label: "（一）", "1.", "1、", "其中：", in any combination. */
const NUMBERING = /^(?:\d+[.、]?|[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\)|其中:?)*/;
/** A 序号 column's number glued to the label ("4四、行政复议数量"). */
const SERIAL = /^\d+(?=[一二三四五六七八九十(其])/;

type Key = ApplicationRow | 'not_held_part' | 'review_total' | 'litigation_total' | 'upheld' | 'corrected' | 'other';

function keyOf(label: string, block: 'review' | 'litigation' | null): Key | null {
  if (/同意部分公开/.test(label)) return 'partially_granted';
  if (/(?<!不)同意公开/.test(label)) return 'granted';
  if (/收到.{0,8}申请(总)?数/.test(label)) return 'new_received';
  if (/申请信息不存在|不属于本(行政)?机关公开/.test(label)) return 'not_held_part';
  if (block && /维持/.test(label)) return 'upheld';
  if (block && /纠错|纠正/.test(label)) return 'corrected';
  if (block && /其他情形/.test(label)) return 'other';
  // "行政复议数量", or "行政复议 | 行政复议数量" when a rowspan group cell names the block.
  if (/^行政复议$|行政复议(案件)?(数量|数|总数)$/.test(label)) return 'review_total';
  if (/^行政诉讼$|行政诉讼(案件)?(数量|数|总数)$/.test(label)) return 'litigation_total';
  return null;
}

interface Line {
  row: TextRow;
  /** Label in `labelKey` form without numbering and unit. */
  label: string;
  value: Cell;
  /** The row printed a value cell (blank or number), not just a label. */
  hasValue: boolean;
  /** The value as printed and where. */
  printed: string;
  at?: CellLocation;
}

function lineOf(row: TextRow): Line | null {
  const item = toItem(row);
  let label = item.label;
  let value: Cell = null;
  let hasValue = false;
  let printed = '';
  let at: CellLocation | undefined;
  if (item.values?.length) {
    // The 统计数 column is the last one (a 序号 column may come first, the unit cell in between).
    const last = item.values[item.values.length - 1];
    value = last.value;
    hasValue = true;
    printed = last.raw;
    at = last.at;
  } else {
    const m = INLINE.exec(labelKey(row.cells.map((c) => c.text).join('')));
    if (m?.[1]) {
      label = m[1];
      value = parseValue(m[2])?.value ?? null;
      hasValue = true;
      printed = m[2];
      at = row.cells.at(-1)?.at;
    }
  }
  if (!label || label.length > MAX_LABEL) return null;
  label = label.replace(UNIT, '').replace(SERIAL, '');
  return { row, label, value, hasValue, printed, at };
}

/** The 统计表 in a document's rows, or null when the document does not print one. */
export function readStatisticsTable(rows: TextRow[]): StatisticsTable | null {
  const lines = rows.map((row) => ({ row, line: lineOf(row) }));
  const hits = new Set<number>();
  let first = -1;
  let last = -1;
  let perUnitColumns = false;
  lines.forEach(({ row, line }, index) => {
    const header = row.cells.findIndex((c) => labelKey(c.text) === '统计指标');
    if (header >= 0 && first < 0) {
      // One 统计数 column only: a table with a figure per kind of unit (区政府 · 区直单位 · 乡镇) is another table.
      const after = row.cells
        .slice(header + 1)
        .filter((c) => c.merged !== 'col' && labelKey(c.text) && !/单位$/.test(labelKey(c.text)));
      if (after.length <= 1) first = index;
      else perUnitColumns = true;
      return;
    }
    // A signature counts on a row printing a figure: a prose sentence naming the row is not the table.
    if (!line?.hasValue) return;
    const s = SIGNATURES.findIndex((re) => re.test(line.label.replace(NUMBERING, '')));
    if (s < 0) return;
    hits.add(s);
    if (first < 0) first = index;
    last = index;
  });
  if (hits.size < MIN_SIGNATURES || perUnitColumns) return null;
  // The rest of the last block (复议/诉讼 sub-rows, 费用, 机构, 会议培训) follows the last signature row:
  // take the following rows that still look like table rows.
  while (last + 1 < rows.length && lines[last + 1].line?.hasValue) last++;
  if (first > last) return null;

  const out: StatisticsTable = {
    applications: {},
    review: null,
    covered: { applications: [], reviews: [] },
    rows: new Set(),
    warnings: [],
    cells: [],
  };
  const notHeld: string[] = [];
  const litigation: string[] = [];
  let block: 'review' | 'litigation' | null = null;
  for (let i = first; i <= last; i++) {
    const row = rows[i];
    const line = lines[i].line;
    if (!line) {
      if (row.tabular) out.rows.add(row);
      continue;
    }
    out.rows.add(row);
    const full = line.label;
    const label = full.replace(NUMBERING, '');
    if (BLOCK.test(full)) block = /行政复议/.test(label) ? 'review' : /行政诉讼/.test(label) ? 'litigation' : null;
    else if (/行政复议/.test(label) && !/诉讼/.test(label)) block = 'review';
    else if (/行政诉讼/.test(label)) block = 'litigation';
    const key = keyOf(label, block);
    if (!key || !line.hasValue) continue;
    const printed = `${label} ${line.value ?? '—'}`;
    const source = (table: 'applications' | 'reviews', row: string, column: string) =>
      (line.value !== null || line.printed) &&
      out.cells.push(
        cellSource(table, row, column, { value: line.value, printed: line.printed, at: line.at }, 'statistics_table'),
      );
    switch (key) {
      case 'not_held_part':
        notHeld.push(printed);
        if (!out.covered.applications.includes('unable_not_held')) out.covered.applications.push('unable_not_held');
        break;
      case 'review_total':
        out.review ??= {};
        if (out.review.total === undefined || out.review.total === null) source('reviews', 'review', 'total');
        out.review.total ??= line.value;
        if (!out.covered.reviews.includes('review')) out.covered.reviews.push('review');
        break;
      case 'litigation_total':
        litigation.push(printed);
        for (const g of ['litigation_direct', 'litigation_after_review'] as const)
          if (!out.covered.reviews.includes(g)) out.covered.reviews.push(g);
        break;
      case 'upheld':
      case 'corrected':
      case 'other':
        if (block === 'litigation') litigation.push(printed);
        else if (out.review && !(key in out.review)) {
          out.review[key] = line.value;
          source('reviews', 'review', key);
        }
        break;
      default:
        if (!(key in out.applications)) {
          out.applications[key] = line.value;
          source('applications', key, 'total');
          out.covered.applications.push(key);
        }
    }
  }
  if (notHeld.length)
    out.warnings.push({
      code: 'unmapped_statistic',
      where: 'applications.unable_not_held.total',
      detail: `统计表 prints ${notHeld.join(', ')}; 本机关不掌握 (2019 form) counts 信息不存在 and 不属于本机关 together, so the cell is left null`,
    });
  if (litigation.length)
    out.warnings.push({
      code: 'unmapped_statistic',
      where: 'reviews.litigation',
      detail: `统计表 prints ${litigation.join(', ')} without saying whether suits followed a review; litigation groups left null`,
    });
  return out;
}
