// Plain text reports (what copy-paste or a converter left): two table layouts occur.
//  - tab layout: one table row per line, cells separated by tabs (seeds 000, 003);
//  - cell-per-line layout: every cell on its own line behind one tab, a label broken over
//    several lines continues without a tab, a blank line ends the row (seed 001).
// Lines outside tables are prose rows.
import { decodeText } from '../../text/charset.js';
import { modelFromRows, type DocumentModel, type TextRow } from '../model.js';

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

function prose(text: string): TextRow {
  return { cells: [{ text: text.trim() }], tabular: false };
}

function tabLayout(lines: string[]): TextRow[] {
  const rows: TextRow[] = [];
  for (const line of lines) {
    if (!line.trim()) continue;
    if (line.includes('\t')) rows.push({ cells: line.split('\t').map((t) => ({ text: t.trim() })), tabular: true });
    else rows.push(prose(line));
  }
  return rows;
}

function cellPerLine(lines: string[]): TextRow[] {
  const rows: TextRow[] = [];
  let cells: string[] | null = null;
  const flush = () => {
    if (cells) rows.push({ cells: cells.map((t) => ({ text: t.trim() })), tabular: true });
    cells = null;
  };
  for (const line of lines) {
    if (!line.trim() && !line.startsWith('\t')) {
      flush();
    } else if (CELL_LINE.test(line)) {
      (cells ??= []).push(line.slice(1));
    } else if (cells && !line.includes('\t')) {
      cells[cells.length - 1] += line.trim(); // a label broken over lines: "本年新" + "制作数量"
    } else {
      flush();
      if (line.includes('\t')) rows.push({ cells: line.split('\t').map((t) => ({ text: t.trim() })), tabular: true });
      else rows.push(prose(line));
    }
  }
  flush();
  return rows;
}
