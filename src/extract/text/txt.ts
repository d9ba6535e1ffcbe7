// Plain text reports (what copy-paste or a converter left): two table layouts occur.
//  - tab layout: one table row per line, cells separated by tabs (seeds 000, 003);
//  - cell-per-line layout: every cell on its own line behind one tab, a label broken over
//    several lines continues without a tab, a blank line ends the row (seed 001).
// Lines outside tables are prose rows.
import { decodeText } from '../../text/charset.js';
import { modelFromRows, type DocumentModel, type TextCell, type TextRow } from '../model.js';
import { columnOf } from './lines.js';

const CELL_LINE = /^\t[^\t]*$/;

export function readTxt(bytes: Buffer, contentType?: string | null): DocumentModel {
  return readTxtString(decodeText(bytes, contentType));
}

export function readTxtString(text: string): DocumentModel {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const cellLines = lines.filter((l) => CELL_LINE.test(l)).length;
  const rows = cellLines >= 20 ? cellPerLine(lines) : tabLayout(lines);
  return modelFromRows('txt', rows);
}

/** A cell: `raw` trimmed, located at 1-based line `line` where its first non-space character is (raw starts at `offset`). */
function cellAt(raw: string, line: number, text: string, offset: number): TextCell {
  return { text: raw.trim(), at: { line, col: columnOf(text, offset + (raw.length - raw.trimStart().length)) } };
}

function prose(text: string, line: number): TextRow {
  return { cells: [cellAt(text, line, text, 0)], tabular: false };
}

/** The tab-separated cells of line `n` (0-based) of the document. */
function tabCells(line: string, n: number): TextCell[] {
  let offset = 0;
  return line.split('\t').map((t) => {
    const cell = cellAt(t, n + 1, line, offset);
    offset += t.length + 1;
    return cell;
  });
}

function tabLayout(lines: string[]): TextRow[] {
  const rows: TextRow[] = [];
  lines.forEach((line, n) => {
    if (!line.trim()) return;
    if (line.includes('\t')) rows.push({ cells: tabCells(line, n), tabular: true });
    else rows.push(prose(line, n + 1));
  });
  return rows;
}

function cellPerLine(lines: string[]): TextRow[] {
  const rows: TextRow[] = [];
  let cells: { raw: string; cell: TextCell }[] | null = null;
  const flush = () => {
    if (cells) rows.push({ cells: cells.map(({ raw, cell }) => ({ ...cell, text: raw.trim() })), tabular: true });
    cells = null;
  };
  lines.forEach((line, n) => {
    if (!line.trim() && !line.startsWith('\t')) {
      flush();
    } else if (CELL_LINE.test(line)) {
      (cells ??= []).push({ raw: line.slice(1), cell: cellAt(line.slice(1), n + 1, line, 1) });
    } else if (cells && !line.includes('\t')) {
      cells[cells.length - 1].raw += line.trim(); // a label broken over lines: "本年新" + "制作数量"
    } else {
      flush();
      if (line.includes('\t')) rows.push({ cells: tabCells(line, n), tabular: true });
      else rows.push(prose(line, n + 1));
    }
  });
  flush();
  return rows;
}
