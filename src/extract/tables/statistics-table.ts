// The 2014 统计表 (src/forms/statistics-2014.ts: which rows it has, what each means) read from a
// document's rows: only totals, only where a row means the same thing as a record cell. Rows are
// read by their labels (spaced, full-width, numbered, unit in its own cell or glued on).
import {
  STATISTICS_2014,
  type ApplicationRow,
  type ReviewColumn,
  type ReviewGroup,
  type StatisticMeaning,
} from '../../forms/index.js';
import type { Cell, CellSource, Warning } from '../../record.js';
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

const { signatures: SIGNATURES, minSignatures: MIN_SIGNATURES } = STATISTICS_2014;
const MAX_LABEL = 80;

const UNITS = STATISTICS_2014.units.join('|');
/** The unit glued to the label, bare or in brackets ("收到申请数件", "收到申请数（件）"). */
const UNIT = new RegExp(`(?:${UNITS}|\\((?:单位:)?(?:${UNITS})\\))$`);
/** A row that arrived as one cell: label, unit, number ("（一）收到申请数 件 12" without gaps). */
const INLINE = new RegExp(
  `^(.*(?:${STATISTICS_2014.labelEnds.join('|')}))(?:${UNITS}|\\((?:单位:)?(?:${UNITS})\\))?(\\d+(?:\\.\\d+)?)$`,
);
/** Top-level block heading ("四、行政复议数量", "六、举报投诉数量"): ends the 复议/诉讼 sub-rows. */
const BLOCK = /^[一二三四五六七八九十]+、/;
/** Numbering in front of a label: "（一）", "1.", "1、", "其中：", in any combination. */
const NUMBERING = /^(?:\d+[.、]?|[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\)|其中:?)*/;
/** A 序号 column's number glued to the label ("4四、行政复议数量"). */
const SERIAL = /^\d+(?=[一二三四五六七八九十(其])/;

type Block = keyof typeof STATISTICS_2014.blocks;
type Unmapped = Extract<StatisticMeaning, { unmapped: string }>;
/** The 行政诉讼 figures' meaning, which the outcome rows of the 诉讼 block share. */
const LITIGATION = STATISTICS_2014.rows.find((r) => 'unmapped' in r.means && r.means.unmapped === 'reviews')!
  .means as Unmapped;

/** What a row means (outcome rows only inside a 复议 or 诉讼 block). */
function meaningOf(label: string, block: Block | null): StatisticMeaning | null {
  return STATISTICS_2014.rows.find((r) => r.label.test(label) && (!('outcome' in r.means) || block))?.means ?? null;
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
    const header = row.cells.findIndex((c) => labelKey(c.text) === STATISTICS_2014.header);
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
  /** Unmapped figures as printed, by the meaning they have no cell for. */
  const unmapped = new Map<Unmapped, string[]>();
  let block: Block | null = null;
  const blockOf = (label: string) =>
    (Object.keys(STATISTICS_2014.blocks) as Block[]).find((b) => STATISTICS_2014.blocks[b].test(label)) ?? null;
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
    if (BLOCK.test(full)) block = blockOf(label);
    else block = blockOf(label) ?? block;
    let means = meaningOf(label, block);
    if (!means || !line.hasValue) continue;
    if ('outcome' in means && block !== 'review') means = LITIGATION;
    const printed = `${label} ${line.value ?? '—'}`;
    const source = (table: 'applications' | 'reviews', row: string, column: string) =>
      (line.value !== null || line.printed) &&
      out.cells.push(
        cellSource(table, row, column, { value: line.value, printed: line.printed, at: line.at }, 'statistics_table'),
      );
    if ('unmapped' in means) {
      unmapped.set(means, [...(unmapped.get(means) ?? []), printed]);
      const covered = out.covered[means.unmapped] as string[];
      for (const c of means.covers) if (!covered.includes(c)) covered.push(c);
    } else if ('outcome' in means) {
      if (out.review && !(means.outcome in out.review)) {
        out.review[means.outcome] = line.value;
        source('reviews', 'review', means.outcome);
      }
    } else if (means.table === 'reviews') {
      out.review ??= {};
      if (out.review.total === undefined || out.review.total === null) source('reviews', 'review', 'total');
      out.review.total ??= line.value;
      if (!out.covered.reviews.includes('review')) out.covered.reviews.push('review');
    } else if (!(means.row in out.applications)) {
      out.applications[means.row] = line.value;
      source('applications', means.row, 'total');
      out.covered.applications.push(means.row);
    }
  }
  for (const [means, figures] of unmapped)
    out.warnings.push({
      code: 'unmapped_statistic',
      where: means.where,
      detail: `统计表 prints ${figures.join(', ')}${means.why}`,
    });
  return out;
}
