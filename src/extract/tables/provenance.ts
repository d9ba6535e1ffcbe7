// Where each filled cell of the record was read (the record's `cells`). The table readers hand
// over the cells they placed, with the form row and column of each; prose figures are found back
// in the rows by the offset of the phrase they were read from. `finishSources` then keeps one
// entry per cell the record holds, with the value the record holds for it.
import type { CellSource, CellTable, ReportRecord } from '../../record.js';
import { labelKey } from '../../text/normalise.js';
import type { CellLocation, TextRow } from '../model.js';
import type { ValueCell } from './sections.js';

/** The location keys of a CellSource, copied from a reader's CellLocation (only those it set). */
function locationOf(at: CellLocation | undefined): Partial<CellSource> {
  if (!at) return {};
  const out: Partial<CellSource> = {};
  if (at.page !== undefined) out.page = at.page;
  if (at.bbox !== undefined) out.bbox = [...at.bbox];
  if (at.path !== undefined) out.path = at.path;
  if (at.line !== undefined) out.line = at.line;
  if (at.col !== undefined) out.col = at.col;
  if (at.confidence !== undefined) out.confidence = at.confidence;
  return out;
}

export function cellSource(
  table: CellTable,
  row: string,
  column: string,
  cell: { value: number | null; printed: string; at?: CellLocation },
  via: CellSource['via'],
  loose = false,
): CellSource {
  return {
    table,
    row,
    column,
    value: cell.value,
    printed: cell.printed,
    via,
    label: loose ? 'loose' : 'strict',
    ...locationOf(cell.at),
  };
}

/**
 * Entries for the cells a table reader placed: `slots[i]` is the form row and column of
 * `placed[i]`; `values` are the row's cells as printed. A number split out of digits run together
 * keeps the whole cell as printed. A printed blank ("—", "/", "无") has an entry (value null) when
 * the placed cells line up with the printed ones, so that its column is certain.
 */
export function placedSources(
  table: CellTable,
  slots: readonly (readonly [string, string])[],
  values: readonly ValueCell[],
  placed: readonly (ValueCell | null)[],
  loose: boolean,
): CellSource[] {
  // Printed blanks: placed cell i is printed cell i + shift for one shift, the same for every number
  // (a row of blanks only: when it printed exactly the form's cells).
  const first = placed.findIndex((c) => c !== null);
  const shift = first < 0 ? 0 : values.indexOf(placed[first]!) - first;
  const aligned =
    first < 0 ? values.length === placed.length : placed.every((c, i) => c === null || values[i + shift] === c);
  const out: CellSource[] = [];
  placed.forEach((cell, i) => {
    const slot = slots[i];
    if (!slot) return;
    if (!cell) {
      const v = aligned ? values[i + shift] : undefined;
      if (v && v.kind === 'blank' && v.raw)
        out.push(cellSource(table, slot[0], slot[1], { value: null, printed: v.raw, at: v.at }, 'table', loose));
      return;
    }
    const printed = values.includes(cell)
      ? cell.raw
      : (values.find((v) => v.kind === 'number' && v.at === cell.at && v.x0 === cell.x0)?.raw ?? cell.raw);
    out.push(cellSource(table, slot[0], slot[1], { value: cell.value, printed, at: cell.at }, 'table', loose));
  });
  return out;
}

/**
 * Where a prose phrase was read: the cell (paragraph, PDF line) its first character is in. The
 * prose reader matches `labelKey` of the rows' text (whitespace gone), so the offset is counted
 * the same way, cell by cell.
 */
export function proseLocation(rows: TextRow[], index: number): CellLocation | undefined {
  let offset = 0;
  for (const row of rows)
    for (const cell of row.cells) {
      const length = labelKey(cell.text).length;
      if (index < offset + length) return cell.at;
      offset += length;
    }
  return undefined;
}

type Tables = Pick<ReportRecord, 'proactive' | 'applications' | 'reviews'>;

/**
 * One entry per cell the record holds (the last one read wins, as in the tables), with the value
 * the record holds: a money cell's 万元, a 小计 row the readers skipped has none. Entries for
 * cells no table holds are dropped. Ordered by table (二, 三, 四), then as read.
 */
export function finishSources(sources: CellSource[], tables: Tables): CellSource[] {
  const byCell = new Map<string, CellSource>();
  for (const s of sources) {
    const value = (tables[s.table] as Record<string, Record<string, unknown>> | null)?.[s.row]?.[s.column];
    if (value === undefined) continue;
    byCell.set(`${s.table}.${s.row}.${s.column}`, { ...s, value: typeof value === 'number' ? value : null });
  }
  const order: CellTable[] = ['proactive', 'applications', 'reviews'];
  return [...byCell.values()].sort((a, b) => order.indexOf(a.table) - order.indexOf(b.table));
}
