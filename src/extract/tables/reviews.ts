// Table 四 (政府信息公开行政复议、行政诉讼情况): one data row of 15 cells under a 3-level header
// (行政复议 ×5 · 未经复议直接起诉 ×5 · 复议后起诉 ×5); some reports print one row per group instead.
import { REVIEW_COLUMNS, REVIEW_GROUPS, REVIEWS, evaluateIdentities } from '../../forms/index.js';
import { emptyReviews, type CellSource, type ReviewsTable, type Warning } from '../../record.js';
import { centersFromFullRows, HeaderColumns, placeValues } from './columns.js';
import { labelKey } from '../../text/normalise.js';
import { parseValue } from './cells.js';
import { placedSources } from './provenance.js';
import { matchAll, REVIEW_MATCHERS } from './labels.js';
import { toItem, type ValueCell } from './sections.js';
import type { TableRead } from './applications.js';
import type { TextRow } from '../model.js';

const N = REVIEW_GROUPS.length * REVIEW_COLUMNS.length;
const GROUP_HEADER = REVIEWS.headerGroups!;
/** A piece of a column header (headers break over lines: "结果维" / "持"): only characters of the column labels. */
const HEADER_PART = new RegExp(`^[${[...new Set(REVIEWS.columns.flatMap((c) => [...c.label[0]]))].join('')}]+$`);

export function readReviews(rows: TextRow[]): TableRead<ReviewsTable> {
  const items = rows.map(toItem);
  const warnings: Warning[] = [];
  const valueItems = items.filter((i) => i.values?.some((v) => v.kind === 'number'));
  if (!valueItems.length) return { table: null, warnings: [], keys: [] };
  const table = emptyReviews();

  // One row per group ("行政复议 | 0 | 0 | 0 | 0 | 0")
  const perGroup = valueItems.map((i) => ({ item: i, group: matchAll(i.label, REVIEW_MATCHERS)[0]?.key }));
  if (
    perGroup.length >= 2 &&
    perGroup.every((g) => g.group) &&
    new Set(perGroup.map((g) => g.group)).size === perGroup.length
  ) {
    const cells: CellSource[] = [];
    for (const { item, group } of perGroup) {
      const placed = placeValues(item.values!, REVIEW_COLUMNS.length, null, `reviews.${group}`);
      warnings.push(...placed.warnings);
      REVIEW_COLUMNS.forEach((c, k) => (table[group!][c] = placed.cells[k]?.value ?? null));
      const slots = REVIEW_COLUMNS.map((c) => [group!, c] as const);
      cells.push(...placedSources('reviews', slots, item.values!, placed.cells, false));
    }
    return { table, warnings, keys: perGroup.map((g) => g.group!), cells };
  }

  // The usual single data row (a PDF may break it over lines: take value rows in order).
  const values: ValueCell[] = valueItems.flatMap((i) => i.values!);
  const centers = headerCenters(rows) ?? ruledCenters(rows) ?? centersFromFullRows([values], N);
  const placed = placeValues(values, N, centers, 'reviews', totalsHold);
  warnings.push(...placed.warnings);
  REVIEW_GROUPS.forEach((g, gi) =>
    REVIEW_COLUMNS.forEach((c, ci) => {
      const v = placed.cells[gi * REVIEW_COLUMNS.length + ci];
      table[g][c] = v?.value ?? null;
    }),
  );
  const slots = REVIEW_GROUPS.flatMap((g) => REVIEW_COLUMNS.map((c) => [g, c] as const));
  return {
    table,
    warnings,
    keys: [...REVIEW_GROUPS],
    cells: placedSources('reviews', slots, values, placed.cells, false),
  };
}

/**
 * x centres of the 15 column headers (结果维持 … 总计 three times), when the reader kept positions.
 * Header labels are often broken over lines ("结果维" / "持"): every header cell that is not a group
 * label contributes its centre, and cells of one column share it.
 */
function headerCenters(rows: TextRow[]): number[] | null {
  const header = new HeaderColumns();
  for (const row of rows) {
    if (row.cells.some((c) => parseValue(c.text)?.kind === 'number')) continue;
    for (const c of row.cells) {
      const t = labelKey(c.text);
      if (c.x0 === undefined || c.x1 === undefined || !t || GROUP_HEADER.test(t) || !HEADER_PART.test(t)) continue;
      header.add(c.x0, c.x1);
    }
  }
  const xs = header.centers();
  return xs.length === N ? xs : null;
}

/**
 * x centres of the 15 columns from a row of a ruled table that has exactly 15 cells, blank ones
 * included (a scan's cells keep their boxes: a header read as noise still gives its columns).
 */
function ruledCenters(rows: TextRow[]): number[] | null {
  for (const row of rows)
    if (row.tabular && row.cells.length === N && row.cells.every((c) => c.x0 !== undefined && c.x1 !== undefined))
      return row.cells.map((c) => (c.x0! + c.x1!) / 2);
  return null;
}

/** Used to split digits run together: every identity of the table holds on the reading. */
function totalsHold(cells: (ValueCell | null)[]): boolean {
  const table = Object.fromEntries(
    REVIEW_GROUPS.map((g, gi) => [
      g,
      Object.fromEntries(REVIEW_COLUMNS.map((c, ci) => [c, cells[gi * REVIEW_COLUMNS.length + ci]?.value ?? 0])),
    ]),
  );
  return evaluateIdentities(REVIEWS, table).every((c) => c.ok);
}
