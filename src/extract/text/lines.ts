// Text lines → rows: lines whose cells are separated by tabs or wide spaces become tabular rows
// (one table per run of such lines), other lines one-cell prose rows. Used by the HTML reader
// (for <p> lines and grids it has found), the DOCX reader through it, and the DOC reader.
import { fold, ZERO_WIDTH } from '../../text/normalise.js';
import { parseValue } from '../forms/cells.js';
import type { TextCell, TextRow } from '../model.js';

/** A cell separator in a line of text without tabs: a run of two or more spaces of any width. */
const CELL_GAP = /\s{2,}/;

/** A line of text (with the element holding its paragraph, when known) or a finished grid. */
export type Block =
  | {
      kind: 'line';
      text: string;
      parent?: object;
      /** An empty paragraph or box: kept as an empty row, a blank cell when it stands among a table's values. */
      empty?: boolean;
    }
  | { kind: 'grid'; rows: TextCell[][] };

/**
 * Turn text lines into rows: runs of lines whose cells are separated by tabs or wide spaces become
 * tabular rows (one table per run), other lines one-cell prose rows. Shared with the .doc reader.
 */
export function rowsFromLines(lines: string[], firstTable = 0): TextRow[] {
  return rowsFromBlocks(
    lines.map((text) => ({ kind: 'line', text })),
    firstTable,
  );
}

/** A section heading (一、… / 第X部分): never a row of a space-separated table around it. */
const SECTION_HEADING = /^[一二三四五六七八九十]+[、.．]|^第[一二三四五六七八九十]+[部章节]/;

export function rowsFromBlocks(blocks: Block[], firstTable = 0): TextRow[] {
  const chunks = blocks.map((b) => (b.kind === 'line' ? splitCells(b.text) : []));
  const tabular = tabularLines(blocks, chunks);
  const rows: TextRow[] = [];
  let table = firstTable;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind === 'grid') {
      const t = table++;
      for (const cells of b.rows) rows.push({ cells, tabular: true, table: t });
    } else if (tabular[i]) {
      const t = table++;
      for (; i < blocks.length && tabular[i]; i++) {
        rows.push({ cells: chunks[i].map((text) => ({ text })), tabular: true, table: t });
      }
      i--;
    } else if (b.empty) {
      rows.push({ cells: [{ text: '' }], tabular: false });
    } else {
      const text = fold(b.text);
      if (text) rows.push({ cells: [{ text }], tabular: false });
    }
  }
  return keepBlankCells(rows);
}

const isFigureRow = (row: TextRow | undefined) =>
  row !== undefined && row.cells.length === 1 && row.cells[0]!.text !== '' && parseValue(row.cells[0]!.text) !== null;

/** Empty paragraphs are kept only next to a figure standing alone (a blank cell of a table drawn without one). */
function keepBlankCells(rows: TextRow[]): TextRow[] {
  const empty = (r: TextRow) => !r.tabular && r.cells.length === 1 && r.cells[0]!.text === '';
  const nearest = (i: number, step: number) => {
    let j = i + step;
    while (rows[j] && empty(rows[j]!)) j += step;
    return rows[j];
  };
  return rows.filter((r, i) => !empty(r) || isFigureRow(nearest(i, -1)) || isFigureRow(nearest(i, 1)));
}

/**
 * Which lines are rows of a table written as text. A line of 2+ cells is a row when a neighbour
 * is one too (a lone one is a byline: 发布日期… 来源…); in a block whose lines mostly have 2+ cells
 * (a `<div>` of `<p>` rows) every line is a row if the one-cell lines are short labels; a one-cell line between two rows joins them
 * unless it is a section heading.
 */
function tabularLines(blocks: Block[], chunks: string[][]): boolean[] {
  const n = blocks.length;
  const multi = chunks.map((c) => c.length >= 2);
  const out = multi.map((m, i) => m && (multi[i - 1] || multi[i + 1]));
  const parentOf = (i: number) => (blocks[i].kind === 'line' ? (blocks[i] as { parent?: object }).parent : undefined);
  for (let i = 0; i < n; ) {
    const parent = parentOf(i);
    let j = i + 1;
    while (j < n && parent && parentOf(j) === parent) j++;
    const rows = multi.slice(i, j).filter(Boolean).length;
    const others = blocks.slice(i, j).filter((_, k) => !multi[i + k]);
    if (parent && j - i >= 3 && rows >= 2 && rows * 2 > j - i && others.every(isRowLabel)) out.fill(true, i, j);
    i = j;
  }
  for (let i = 1; i < n - 1; i++) {
    const b = blocks[i];
    if (!out[i] && b.kind === 'line' && out[i - 1] && out[i + 1] && !SECTION_HEADING.test(fold(b.text))) out[i] = true;
  }
  return out;
}

/** A one-cell line that can be a table row: short, not a sentence, not a section heading. */
function isRowLabel(b: Block): boolean {
  const text = b.kind === 'line' ? fold(b.text) : '';
  return text.length <= 30 && !/[。；;]$/.test(text) && !SECTION_HEADING.test(text);
}

/** Cells of a line: tab-separated (two tabs in a row = a blank cell), else split at wide spaces. */
function splitCells(line: string): string[] {
  const trimmed = line.replace(ZERO_WIDTH, '').trim();
  if (trimmed.includes('\t')) return trimmed.split('\t').map(fold);
  if (!CELL_GAP.test(trimmed)) return [trimmed];
  return trimmed
    .split(CELL_GAP)
    .map(fold)
    .filter((c) => c !== '');
}
