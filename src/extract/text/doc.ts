// Word 97–2003 (.doc) reports → DocumentModel. doc-properties.ts gives the body text with row ends
// and paragraph ends marked, and each row's geometry; each table is rebuilt as a grid like the
// HTML/DOCX readers do: cells spanning several columns get `merged: 'col'` copies, vertically
// merged cells `merged: 'row'` copies. Text between tables goes through the shared line reader.
import { ExtractError } from '../../errors.js';
import { modelFromRows, type CellLocation, type DocumentModel, type TextCell, type TextRow } from '../model.js';
import { checkOle2 } from './containers.js';
import { PARA_END, ROW_END, extractWord, type RowDef } from './doc-properties.js';
import { titleOf } from './docx.js';
import { columnOf, rowsFromLines } from './lines.js';

export { PARA_END, ROW_END } from './doc-properties.js';

/** Read a Word 97–2003 report. Throws ExtractError('corrupt_doc') when the OLE/Word structure is broken. */
export async function readDoc(bytes: Buffer): Promise<DocumentModel> {
  checkOle2(bytes);
  let word: { body: string; rowDefs: RowDef[] };
  try {
    word = await extractWord(bytes);
  } catch (err) {
    throw new ExtractError('corrupt_doc', `unreadable DOC: ${(err as Error).message}`);
  }
  const rows = rowsFromDocText(word.body, word.rowDefs);
  if (rows.length === 0) throw new ExtractError('no_report_content', 'the Word document has no text');
  const title = titleOf(rows);
  return modelFromRows('doc', rows, title ? { title } : {});
}

/**
 * A paragraph line, or a table row's cell texts, with where each starts in the document's text
 * (`line` numbers count every paragraph end, row end and line break of the body text, from 1).
 */
type Item =
  | { kind: 'line'; text: string; line: number }
  | { kind: 'row'; fields: string[]; def?: RowDef; at: CellLocation[] };

/** The fields of `chunk` split at tabs, each with the line and column of its first non-space character. */
function locateFields(fields: string[], chunk: string, firstLine: number): CellLocation[] {
  let offset = 0;
  return fields.map((f) => {
    const start = offset + (f.length - f.trimStart().length);
    offset += f.length + 1;
    const before = chunk.slice(0, start);
    const breaks = before.split('\n').length - 1;
    const lineStart = before.lastIndexOf('\n') + 1;
    return { line: firstLine + breaks, col: columnOf(chunk.slice(lineStart), start - lineStart) };
  });
}

/**
 * Rows of a .doc body: text with ROW_END after each table row (cells ended by tabs) and PARA_END
 * after each paragraph outside tables; `defs` holds each row's geometry, in order. Plain
 * word-extractor text (no marks) is read by its tab + newline row ends instead.
 */
export function rowsFromDocText(body: string, defs: RowDef[] = []): TextRow[] {
  const items = body.includes(ROW_END) || body.includes(PARA_END) ? markedItems(body, defs) : plainItems(body);
  const rows: TextRow[] = [];
  let table = 0;
  for (let i = 0; i < items.length; ) {
    if (items[i].kind === 'row') {
      const run: Extract<Item, { kind: 'row' }>[] = [];
      for (; i < items.length && items[i].kind === 'row'; i++) run.push(items[i] as Extract<Item, { kind: 'row' }>);
      const grid = tableGrid(run);
      if (grid.length > 0) {
        for (const cells of grid) rows.push({ cells, tabular: true, table });
        table++;
      }
    } else {
      const lines: string[] = [];
      const numbers: number[] = [];
      for (; i < items.length && items[i].kind === 'line'; i++) {
        const item = items[i] as Extract<Item, { kind: 'line' }>;
        lines.push(item.text);
        numbers.push(item.line);
      }
      const read = rowsFromLines(lines, table, numbers);
      for (const r of read) if (r.table !== undefined) table = Math.max(table, r.table + 1);
      for (const row of read) rows.push(row);
    }
  }
  return rows;
}

function markedItems(body: string, defs: RowDef[]): Item[] {
  const items: Item[] = [];
  const parts = body.split(new RegExp(`(${ROW_END}|${PARA_END})`));
  let row = 0;
  let line = 1;
  for (let i = 0; i < parts.length; i += 2) {
    const chunk = parts[i];
    if (parts[i + 1] === ROW_END) {
      const fields = chunk.split('\t');
      if (fields.length > 1 && chunk.endsWith('\t')) fields.pop(); // the last cell's end mark
      items.push({ kind: 'row', fields, def: defs[row++], at: locateFields(fields, chunk, line) });
      line += chunk.split('\n').length;
    } else {
      // A paragraph outside tables; newlines left in it are manual line or section breaks.
      for (const text of chunk.split('\n')) items.push({ kind: 'line', text, line: line++ });
    }
  }
  return items;
}

function plainItems(body: string): Item[] {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const items: Item[] = [];
  for (let i = 0; i < lines.length; i++) {
    const end = plainRowEnd(lines, i);
    if (end < 0) {
      items.push({ kind: 'line', text: lines[i], line: i + 1 });
      continue;
    }
    const chunk = lines.slice(i, end + 1).join('\n');
    const fields = chunk.split('\t').slice(0, -1);
    items.push({ kind: 'row', fields, at: locateFields(fields, chunk, i + 1) });
    i = end;
  }
  return items;
}

/** A table row whose first cell spans more lines than this is taken to be prose after all. */
const MAX_ROW_LINES = 6;

/** Index of the line that ends the table row starting at line i, or -1 when line i starts none. */
function plainRowEnd(lines: string[], i: number): number {
  if (!lines[i].includes('\t')) return -1;
  for (let j = i; j < lines.length && j < i + MAX_ROW_LINES; j++) {
    if (lines[j].endsWith('\t')) return j;
  }
  return -1;
}

/**
 * A run of table rows as a grid: each row's cell edges are mapped onto the table's column lines,
 * so a wide cell spans columns (copies `merged: 'col'`) and a vertically merged cell repeats the
 * text above (`merged: 'row'`). Rows without usable geometry keep their cells as they are.
 */
function tableGrid(run: Extract<Item, { kind: 'row' }>[]): TextCell[][] {
  const text = (f: string) => f.replace(/\s+/g, ' ').trim();
  const fits = run.every((r) => r.def && r.def.edges.length === r.fields.length + 1);
  if (!fits) {
    return run
      .map((r) => r.fields.map((f, i) => ({ text: text(f), at: r.at[i] })))
      .filter((cells) => cells.some((c) => c.text !== ''));
  }
  const lines = columnLines(run.flatMap((r) => r.def!.edges));
  const col = (x: number) => {
    let best = 0;
    for (let i = 1; i < lines.length; i++) if (Math.abs(lines[i] - x) < Math.abs(lines[best] - x)) best = i;
    return best;
  };
  const width = lines.length - 1;
  const grid: TextCell[][] = [];
  for (const r of run) {
    const cells: TextCell[] = Array.from({ length: width }, () => ({ text: '' }));
    const above = grid.at(-1);
    r.fields.forEach((f, i) => {
      const start = col(r.def!.edges[i]);
      const end = Math.max(start + 1, col(r.def!.edges[i + 1]));
      const continued = r.def!.continues[i] && above !== undefined;
      for (let c = start; c < end && c < width; c++) {
        cells[c] =
          c > start
            ? { text: '', merged: 'col' }
            : continued
              ? { text: above![c].text, merged: 'row' }
              : { text: text(f), at: r.at[i] };
      }
    });
    grid.push(cells);
  }
  return grid.filter((cells) => cells.some((c) => c.text !== ''));
}

/** Cell edges closer than this (twips) are one grid line. */
const EDGE_TOLERANCE = 20;

/** Sorted distinct x positions of cell edges, those within EDGE_TOLERANCE merged. */
function columnLines(edges: number[]): number[] {
  const sorted = [...new Set(edges)].sort((a, b) => a - b);
  const out: number[] = [];
  for (const x of sorted) if (out.length === 0 || x - out[out.length - 1] > EDGE_TOLERANCE) out.push(x);
  return out;
}
