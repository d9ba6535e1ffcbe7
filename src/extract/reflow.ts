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
//  2. gather: a one-cell label row followed by one-cell value rows becomes one row, label + values.
import { fold, labelKey } from '../text/normalise.js';
import { parseValue } from './forms/cells.js';
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

/** A number followed by its unit or date word is prose ("2020 年度…", "共 12 件"), not a cell: joined back to its words. */
const UNIT_AFTER = /^[年月日件条个项次人号期篇万元%％]/;

function rejoinProse(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (/^\d+$/.test(t) && next && UNIT_AFTER.test(next)) {
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
 * character columns as x positions. Null unless it has a label and a value cell.
 */
function layoutCells(line: string): TextCell[] | null {
  if (!LAYOUT_GAP.test(line)) return null;
  LAYOUT_GAP.lastIndex = 0;
  const cells: TextCell[] = [];
  let at = 0;
  for (const part of line.split(LAYOUT_GAP)) {
    const start = line.indexOf(part, at);
    at = start + part.length;
    const text = part.trim();
    if (!text) continue;
    // Single spaces inside a part separate values ("0 0") but not words of a label ("(一) 予以公开").
    const words = text.split(/\s+/);
    if (words.length > 1 && words.every(isValue)) {
      let w = start;
      for (const word of words) {
        const s = line.indexOf(word, w);
        w = s + word.length;
        cells.push({ text: word, x0: s, x1: w });
      }
    } else cells.push({ text, x0: start, x1: at });
  }
  return cells.some((c) => isValue(c.text)) && cells.length >= 2 ? cells : null;
}

/** Step 1: lines that hold a table written without table structure, split into cells or tokens. */
function explode(rows: TextRow[]): TextRow[] {
  const out: TextRow[] = [];
  for (const row of rows) {
    if (row.tabular || row.cells.length !== 1) {
      out.push(row);
      continue;
    }
    const text = row.cells[0]!.text;
    const laid = layoutCells(text);
    if (laid) {
      out.push({ ...row, cells: laid, tabular: true });
      continue;
    }
    const tokens = flattenedTokens(text);
    if (tokens) for (const t of tokens) out.push({ ...row, cells: [{ text: t }], tabular: false });
    else out.push(row);
  }
  return out;
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
  return gather(explode(rows));
}

/** The model with its rows reflowed (its text, what prose is read from, unchanged). */
export function reflowModel(model: DocumentModel): DocumentModel {
  return { ...model, rows: reflow(model.rows) };
}
