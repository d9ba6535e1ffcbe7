// Rows as the form readers want them, whatever layout the document used. Readers keep what the
// page shows; some layouts show a table without rows:
//  - a page flattened to one line (innerText, a portal's 文字版): cells separated by single spaces;
//  - a table with no <table> (Word "save as web page", CMS editors): every cell its own <p>/<div>/
//    <span>, one cell per row, in reading order;
//  - text laid out with spaces (pdftotext -layout, a text-layer copy): cells at character columns.
// This pass turns them back into what a table row is to the form readers — a label followed by its
// values — without changing anything a real grid row already says:
//  1. explode: a line holding a flattened table (many figures between single spaces) becomes one
//     row per token; a line laid out with runs of spaces becomes a tabular row whose cells keep
//     their character columns as positions (x0/x1), so a blank cell left as spaces is not lost;
//  2. vertical group labels: one character a line in their own column beside rows of figures
//     ("（/六/）/其/他/处/理", in a PDF or laid-out text) are dropped from those rows;
//  3. gather: a one-cell label row followed by one-cell value rows becomes one row, label + values.
import { fold, labelKey } from '../text/normalise.js';
import { parseValue } from './tables/cells.js';
import type { DocumentModel, TextCell, TextRow } from './model.js';

/** A token that is a value (a number or a blank marker), not a label. */
const isValue = (text: string) => parseValue(text) !== null && text.trim() !== '';

/** Minimum figures on one line for it to be a flattened table rather than prose that names numbers. */
const FLAT_MIN_VALUES = 6;
/** A run of two or more spaces (of any width) separates cells on a laid-out text line. */
const LAYOUT_GAP = /[ \u3000\u00a0]{2,}/g;

/** A flattened table on one line: many tokens between single spaces, a good share of them figures. */
function flattenedTokens(text: string): string[] | null {
  const tokens = text.split(/\s+/).filter(Boolean);
  const values = tokens.filter(isValue).length;
  return values >= FLAT_MIN_VALUES && values * 4 >= tokens.length ? rejoinProse(tokens) : null;
}

/**
 * A number followed by its unit or date word is prose ("2020 年度…", "共 12 件"), and one followed by
 * a dot is item numbering ("3 . 其他"): neither is a cell, each is joined back to its words.
 */
const UNIT_AFTER = /^[年月日件条个项次人号期篇万元%％]/;

function rejoinProse(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (/^\d{1,2}$/.test(t) && next && /^[.、．]/.test(next)) {
      out.push(t + next); // item numbering spaced out ("3 . 其 他"), not a figure
      i++;
    } else if (/^\d+$/.test(t) && next && UNIT_AFTER.test(next)) {
      const prev = out.at(-1);
      const joined = t + next;
      if (prev !== undefined && !isValue(prev) && !/[。；;：:]$/.test(prev)) out[out.length - 1] = prev + joined;
      else out.push(joined);
      i++;
    } else out.push(t);
  }
  return out;
}

/**
 * A line laid out with runs of spaces ("一、本年新收…数量      8        8"): its cells with their
 * character columns (from the line's start: `base` is the column of its first character) as x
 * positions, or null when it has no such gap. Single spaces inside a part separate figures ("0 0")
 * but not the words of a label ("(一) 予以公开").
 */
function layoutCells(cell: TextCell, width: Width): TextCell[] | null {
  const line = cell.text;
  if (!LAYOUT_GAP.test(line)) return null;
  LAYOUT_GAP.lastIndex = 0;
  const base = (cell.at?.col ?? 1) - 1;
  const cells: TextCell[] = [];
  const push = (text: string, start: number) => {
    const x0 = base + width(line.slice(0, start));
    cells.push({
      text,
      x0,
      x1: x0 + width(text),
      ...(cell.at?.line !== undefined
        ? { at: { line: cell.at.line, col: base + [...line.slice(0, start)].length + 1 } }
        : {}),
    });
  };
  let at = 0;
  for (const part of line.split(LAYOUT_GAP)) {
    const start = line.indexOf(part, at);
    at = start + part.length;
    const text = part.trim();
    if (!text) continue;
    const words = text.split(/\s+/);
    if (words.length > 1 && words.every(isValue)) {
      let w = start;
      for (const word of words) {
        const s = line.indexOf(word, w);
        w = s + word.length;
        push(word, s);
      }
    } else push(text, start + (part.length - part.trimStart().length));
  }
  return cells.length >= 2 ? cells : null;
}

/** A label line this short between laid-out lines is part of their table (a wrapped label's end). */
const SHORT = 12;
const isShortLabelLine = (row: TextRow) => isLabelRow(row) && labelKey(row.cells[0]!.text).length <= SHORT;
/** One-character cells stacked in one column on this many lines are a label written vertically. */
const VERTICAL_MIN = 3;

/**
 * Step 1: lines that hold a table written without table structure, split into cells or tokens. A
 * laid-out line with figures becomes a tabular row; so does a laid-out label line next to one (the
 * wrapped part of a label, a header). In such a run, the characters of a group label written
 * vertically ("三/、/本/年/度…" one per line in its own column) are dropped: they name the group
 * the rows' own labels already say, and would otherwise glue onto those labels.
 */
function explode(rows: TextRow[]): TextRow[] {
  const layout = (width: Width) =>
    rows.map((r) => (!r.tabular && r.cells.length === 1 ? layoutCells(r.cells[0]!, width) : null));
  // Text is aligned either by characters (pdftotext) or by how wide they show (an editor's monospace
  // font: a CJK character is two columns): the figures of a column line up under one of the two.
  const byChars = layout(charWidth);
  const byDisplay = layout(displayWidth);
  const display = figureColumns(byDisplay) < figureColumns(byChars);
  const laid = display ? byDisplay : byChars;
  const width = display ? displayWidth : charWidth;
  // A table is a run of laid-out lines (short label lines between them allowed: the wrapped end of a
  // label) holding at least one line of figures; its header lines belong to it.
  const figures = laid.map((cells) => Boolean(cells?.some((c) => isValue(c.text))));
  const inRun = (i: number) => laid[i] !== null || isShortLabelLine(rows[i]!);
  const table = laid.map(() => false);
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j < rows.length && inRun(j)) j++;
    if (figures.slice(i, j).some(Boolean))
      for (let k = i; k < j; k++) {
        // A one-part line of the table (a header word, a wrapped label's end) keeps its column too.
        laid[k] ??= indentedCell(rows[k]!.cells[0]!, width);
        table[k] = laid[k] !== null;
      }
    i = Math.max(j, i + 1);
  }
  const out: TextRow[] = [];
  rows.forEach((row, i) => {
    if (table[i]) return void out.push({ ...row, cells: laid[i]!, tabular: true });
    if (row.tabular || row.cells.length !== 1) return void out.push(row);
    const tokens = flattenedTokens(row.cells[0]!.text);
    if (tokens) for (const t of tokens) out.push({ ...row, cells: [{ text: t }], tabular: false });
    else out.push(row);
  });
  return out;
}

/** A line of text with no gap inside it, as one cell at its indentation (text formats only: they know the column). */
function indentedCell(cell: TextCell, width: Width): TextCell[] | null {
  if (cell.at?.col === undefined) return null;
  const x0 = cell.at.col - 1;
  return [{ ...cell, x0, x1: x0 + width(cell.text) }];
}

type Width = (text: string) => number;
const charWidth: Width = (text) => [...text].length;
/** Columns a text takes in a monospace font: East Asian wide and fullwidth characters take two. */
const displayWidth: Width = (text) => {
  let w = 0;
  for (const ch of text)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u.test(
        ch,
      )
        ? 2
        : 1;
  return w;
};

/** How many distinct x ranges the figures of laid-out lines fall into (fewer: the better alignment). */
function figureColumns(laid: (TextCell[] | null)[]): number {
  const figures = laid
    .flatMap((cells) => cells ?? [])
    .filter((c) => isValue(c.text))
    .sort((a, b) => a.x0! - b.x0!);
  let columns = 0;
  let end = -Infinity;
  for (const f of figures) {
    if (f.x0! >= end) columns++;
    end = f.x0! >= end ? f.x1! : Math.max(end, f.x1!);
  }
  return columns;
}

/** A cell that may be one character of a vertical label: one character, no figure, more label to its right. */
function verticalCandidate(cells: TextCell[], k: number): boolean {
  const c = cells[k]!;
  return [...c.text].length === 1 && !isValue(c.text) && cells.slice(k + 1).some((d) => !isValue(d.text));
}

/**
 * The characters of a group label written vertically, one per line in its own column beside the
 * rows it groups ("（/六/）/其/他/处/理"), in any layout with positions (a PDF, text laid out with
 * spaces): dropped, since they name the group the rows' own labels already say and would glue onto
 * them. A column is such a label when one-character cells stand in it on VERTICAL_MIN lines, one of
 * them a line of figures (a header's words stacked one per line stand beside no figures).
 */
function dropVerticalLabels(rows: TextRow[]): TextRow[] {
  // Columns are per table: a run of tabular rows (short label lines between them do not end it).
  const columns = new Map<string, { x: number; lines: number[] }>(); // "run:x0" → rows with a candidate there
  let run = 0;
  rows.forEach((row, i) => {
    if (!row.tabular) {
      if (!isShortLabelLine(row)) run++;
      return;
    }
    row.cells.forEach((c, k) => {
      if (c.x0 === undefined || !verticalCandidate(row.cells, k)) return;
      const x = Math.round(c.x0);
      const column = columns.get(`${run}:${x}`) ?? { x, lines: [] };
      column.lines.push(i);
      columns.set(`${run}:${x}`, column);
    });
  });
  const drop = new Map<number, Set<number>>(); // row → x0s to drop
  const withFigures = (i: number) => rows[i]!.cells.some((c) => isValue(c.text));
  for (const { x, lines } of columns.values()) {
    if (lines.length < VERTICAL_MIN || !lines.some(withFigures)) continue;
    for (const i of lines) drop.set(i, (drop.get(i) ?? new Set()).add(x));
  }
  if (!drop.size) return rows;
  return rows.map((row, i) => {
    const xs = drop.get(i);
    if (!xs) return row;
    const cells = row.cells.filter(
      (c, k) => !(c.x0 !== undefined && xs.has(Math.round(c.x0)) && verticalCandidate(row.cells, k)),
    );
    return { ...row, cells };
  });
}

/** A one-cell row that can be a table row's label: short, not a sentence. */
function isLabelRow(row: TextRow): boolean {
  if (row.cells.length !== 1) return false;
  const t = labelKey(row.cells[0]!.text);
  return t.length > 0 && t.length <= 80 && !isValue(row.cells[0]!.text) && !/[。；;]$/.test(t);
}

/** An empty row: an empty paragraph or box the reader kept (a blank cell, when among values). */
const isEmptyRow = (row: TextRow) => row.cells.length === 1 && row.cells[0]!.text.trim() === '';
const isValueRow = (row: TextRow) =>
  !row.tabular && row.cells.length === 1 && (isValue(row.cells[0]!.text) || isEmptyRow(row));

/** Step 2: label row + the one-cell value rows after it (a figure among them) → one row. */
function gather(rows: TextRow[]): TextRow[] {
  const out: TextRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    let j = i + 1;
    while (j < rows.length && isValueRow(rows[j]!)) j++;
    const values = rows.slice(i + 1, j);
    if (!isLabelRow(row) || !values.some((r) => !isEmptyRow(r))) {
      if (!isEmptyRow(row)) out.push(row);
      continue;
    }
    // Empty rows count as blank cells; placeValues drops those beyond the form's columns at the row's edges.
    out.push({
      ...row,
      cells: [{ ...row.cells[0]!, text: fold(row.cells[0]!.text) }, ...values.map((r) => r.cells[0]!)],
      tabular: true,
    });
    i = j - 1;
  }
  return out;
}

export function reflow(rows: TextRow[]): TextRow[] {
  return gather(dropVerticalLabels(explode(rows)));
}

/** The model with its rows reflowed (its text, what prose is read from, unchanged). */
export function reflowModel(model: DocumentModel): DocumentModel {
  return { ...model, rows: reflow(model.rows) };
}
