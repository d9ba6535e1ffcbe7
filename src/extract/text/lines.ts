// Text lines → rows: lines whose cells are separated by tabs or wide spaces become tabular rows
// (one table per run of such lines), other lines one-cell prose rows. Used by the HTML reader
// (for <p> lines and grids it has found), the DOCX reader through it, and the DOC reader.
import { fold, ZERO_WIDTH } from '../../text/normalise.js';
import { parseValue } from '../tables/cells.js';
import type { CellLocation, TextCell, TextRow } from '../model.js';

/** A cell separator in a line of text without tabs: a run of two or more spaces of any width. */
const CELL_GAP = /\s{2,}/;

/**
 * A line of text (with the element holding its paragraph, when known) or a finished grid. A line
 * knows where it is: `at` (the paragraph's element, HTML) or `line` (its 1-based line number in a
 * text format, whose cells then get the character column they start at).
 */
export type Block =
  | {
      kind: 'line';
      text: string;
      parent?: object;
      at?: CellLocation;
      line?: number;
      /** An empty paragraph or box: kept as an empty row, a blank cell when it stands among a table's values. */
      empty?: boolean;
    }
  | { kind: 'grid'; rows: TextCell[][] };

/**
 * Turn text lines into rows: runs of lines whose cells are separated by tabs or wide spaces become
 * tabular rows (one table per run), other lines one-cell prose rows. Shared with the .doc reader.
 */
export function rowsFromLines(lines: string[], firstTable = 0, lineNumbers?: number[]): TextRow[] {
  return rowsFromBlocks(
    lines.map((text, i) => ({ kind: 'line', text, ...(lineNumbers ? { line: lineNumbers[i] } : {}) })),
    firstTable,
  );
}

/** A section heading (一、… / 第X部分): never a row of a space-separated table around it. */
const SECTION_HEADING = /^[一二三四五六七八九十]+[、.．]|^第[一二三四五六七八九十]+[部章节]/;

export function rowsFromBlocks(blocks: Block[], firstTable = 0): TextRow[] {
  const pieces = blocks.map((b) => (b.kind === 'line' ? splitCells(b.text) : []));
  const chunks = pieces.map((p) => p.map((c) => c.text));
  /** Where cell `k` of line block `i` is: the paragraph's element, or the line and the column the cell starts at. */
  const where = (i: number, k: number): CellLocation | undefined => {
    const b = blocks[i];
    if (b.kind !== 'line') return undefined;
    if (b.at) return b.at;
    return b.line === undefined ? undefined : { line: b.line, col: pieces[i][k].col };
  };
  const cell = (text: string, at: CellLocation | undefined): TextCell => (at ? { text, at } : { text });
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
        rows.push({ cells: chunks[i].map((text, k) => cell(text, where(i, k))), tabular: true, table: t });
      }
      i--;
    } else if (b.empty) {
      rows.push({ cells: [cell('', b.at)], tabular: false });
    } else {
      const text = fold(b.text);
      if (text)
        rows.push({
          cells: [
            cell(
              text,
              b.at ??
                (b.line === undefined ? undefined : { line: b.line, col: columnOf(b.text, firstVisible(b.text)) }),
            ),
          ],
          tabular: false,
        });
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

/** 1-based character (code point) column of UTF-16 offset `offset` in `line`. */
export function columnOf(line: string, offset: number): number {
  let col = 1;
  for (let i = 0; i < offset && i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) col++; // a low surrogate ends a character already counted
  }
  return col;
}

/** A character that is neither whitespace nor zero-width (ZERO_WIDTH's range). */
const VISIBLE = /[^\s\u200b-\u200d\u2060\ufeff]/;

/** Offset of the first character that is neither whitespace nor zero-width (0 when none). */
function firstVisible(text: string): number {
  const m = VISIBLE.exec(text);
  return m ? m.index : 0;
}

/**
 * Cells of a line: tab-separated (two tabs in a row = a blank cell), else split at wide spaces.
 * Each cell with the column (1-based, in the line as given) of its first visible character.
 */
function splitCells(line: string): { text: string; col: number }[] {
  // Positions in the line without zero-width characters → positions in the line as given.
  const origin: number[] = [];
  let clean = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch.replace(ZERO_WIDTH, '') === '') continue;
    origin.push(i);
    clean += ch;
  }
  origin.push(line.length);
  const lead = clean.length - clean.trimStart().length;
  const trimmed = clean.trim();
  const at = (offset: number, text: string) => {
    const skip = text.length - text.trimStart().length;
    return columnOf(line, origin[lead + offset + skip]);
  };
  const parts = (sep: RegExp): { raw: string; offset: number }[] => {
    const out: { raw: string; offset: number }[] = [];
    let from = 0;
    for (const m of trimmed.matchAll(sep)) {
      out.push({ raw: trimmed.slice(from, m.index), offset: from });
      from = m.index + m[0].length;
    }
    out.push({ raw: trimmed.slice(from), offset: from });
    return out;
  };
  if (trimmed.includes('\t')) return parts(/\t/g).map((p) => ({ text: fold(p.raw), col: at(p.offset, p.raw) }));
  if (!CELL_GAP.test(trimmed)) return [{ text: trimmed, col: at(0, trimmed) }];
  return parts(new RegExp(CELL_GAP.source, 'g'))
    .map((p) => ({ text: fold(p.raw), col: at(p.offset, p.raw) }))
    .filter((c) => c.text !== '');
}
