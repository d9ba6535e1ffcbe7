// Word 97–2003 (.doc) reports → DocumentModel, with word-extractor's OLE/piece-table reader.
//
// word-extractor turns cell marks into tabs and finds row ends by the sprmPFTtp flag, but misses
// that flag when a row's properties are too large for their page and sit in the Data stream
// (sprmPHugePapx: wide tables such as table 三), and it keeps no table geometry. TableExtractor
// reads every paragraph's properties itself: a row end becomes ROW_END (with the row's cell
// edges and merge flags from sprmTDefTable), a paragraph outside any table ends with PARA_END.
// rowsFromDocText then rebuilds each table as a grid like the HTML/DOCX readers do: cells spanning
// several columns get `merged: 'col'` copies, vertically merged cells `merged: 'row'` copies.
import { createRequire } from 'node:module';
import { ExtractError } from '../../errors.js';
import { modelFromRows, type DocumentModel, type TextCell, type TextRow } from '../model.js';
import { titleOf } from './docx.js';
import { rowsFromLines } from './html.js';

/** Private-use characters the extractor writes into the text for structure (never in real text). */
export const ROW_END = '\ue000';
export const PARA_END = '\ue001';

/** Geometry of one table row (sprmTDefTable): cell edges in twips, and per cell its merge flags. */
export interface RowDef {
  edges: number[];
  /** Per cell: true when the cell continues a vertical merge from the row above. */
  continues: boolean[];
}

interface WordDocument {
  getBody(options?: { filterUnicode?: boolean }): string;
}
interface Piece {
  startCp: number;
  startFilePos: number;
  size: number;
  bpc: number;
  text: string;
}
interface OleDocument {
  stream(name: string): unknown;
}
interface Reader {
  open(): Promise<unknown>;
  close(): Promise<unknown>;
}
interface OleExtractor {
  _pieces: Piece[];
  _boundaries: { ccpText: number };
  extract(reader: Reader): Promise<WordDocument>;
  extractWordDocument(document: OleDocument, buffer: Buffer): Promise<WordDocument>;
  writeParagraphProperties(buffer: Buffer, tableBuffer: Buffer): void;
  documentStream(document: OleDocument, name: string): Promise<unknown>;
  streamBuffer(stream: unknown): Promise<Buffer>;
}
const require = createRequire(import.meta.url);
const WordOleExtractor = require('word-extractor/lib/word-ole-extractor.js') as new () => OleExtractor;
const BufferReader = require('word-extractor/lib/buffer-reader.js') as new (b: Buffer) => Reader;

const SPRM_IN_TABLE = 0x2416; // sprmPFInTable
const SPRM_TTP = [0x2417, 0x244c]; // sprmPFTtp, sprmPFInnerTtp: this paragraph mark ends a table row
const SPRM_HUGE_PAPX = 0x6646; // the paragraph's properties are in the Data stream at this offset
const SPRM_TDEF_TABLE = 0xd608;
/** Cell edges closer than this (twips) are one grid line. */
const EDGE_TOLERANCE = 20;

class TableExtractor extends WordOleExtractor {
  rowDefs: RowDef[] = [];
  private data: Buffer = Buffer.alloc(0);

  override async extractWordDocument(document: OleDocument, buffer: Buffer): Promise<WordDocument> {
    try {
      this.data = await this.streamBuffer(await this.documentStream(document, 'Data'));
    } catch {
      this.data = Buffer.alloc(0); // no Data stream: no huge properties to follow
    }
    return super.extractWordDocument(document, buffer);
  }

  override writeParagraphProperties(buffer: Buffer, tableBuffer: Buffer): void {
    let marks: { cp: number; fc: number; bpc: number; char: string; def?: RowDef }[];
    try {
      marks = this.paragraphMarks(buffer, tableBuffer);
    } catch {
      return super.writeParagraphProperties(buffer, tableBuffer); // odd file: word-extractor's own way
    }
    marks.sort((a, b) => a.cp - b.cp);
    for (const m of marks) this.replaceAt(m.fc, m.bpc, m.char);
    this.rowDefs = marks
      .filter((m) => m.char === ROW_END && m.cp < this._boundaries.ccpText)
      .map((m) => m.def ?? { edges: [], continues: [] });
  }

  /** Every paragraph mark to rewrite: row ends (with their geometry) and ends of paragraphs outside tables. */
  private paragraphMarks(buffer: Buffer, tableBuffer: Buffer) {
    const marks: { cp: number; fc: number; bpc: number; char: string; def?: RowDef }[] = [];
    const fcPlcfbtePapx = buffer.readUInt32LE(0x0102);
    const lcbPlcfbtePapx = buffer.readUInt32LE(0x0106);
    const count = (lcbPlcfbtePapx - 4) / 8;
    const plc = tableBuffer.subarray(fcPlcfbtePapx, fcPlcfbtePapx + lcbPlcfbtePapx);
    for (let i = 0; i < count; i++) {
      const page = plc.readUInt32LE((count + 1) * 4 + i * 4);
      const fkp = buffer.subarray(page * 512, (page + 1) * 512);
      if (fkp.length < 512) continue;
      const runs = fkp.readUInt8(511);
      for (let j = 0; j < runs; j++) {
        const end = fkp.readUInt32LE((j + 1) * 4);
        const piece = this._pieces.find((p) => end > p.startFilePos && end <= p.startFilePos + p.size);
        if (!piece) continue;
        const fc = end - piece.bpc; // the paragraph mark is the run's last character
        const cp = piece.startCp + (fc - piece.startFilePos) / piece.bpc;
        const props = this.properties(fkp, fkp.readUInt8((runs + 1) * 4 + j * 13) * 2);
        const markChar = piece.text[(fc - piece.startFilePos) / piece.bpc];
        if (markChar === '\x00') continue; // deleted (tracked change)
        if (SPRM_TTP.some((s) => findSprm(props, s) >= 0)) {
          marks.push({ cp, fc, bpc: piece.bpc, char: ROW_END, def: rowDef(props) });
        } else if (findSprm(props, SPRM_IN_TABLE) < 0 && markChar === '\r') {
          marks.push({ cp, fc, bpc: piece.bpc, char: PARA_END });
        }
      }
    }
    return marks;
  }

  /** The grpprl of a paragraph: in its FKP page, or in the Data stream (sprmPHugePapx). */
  private properties(fkp: Buffer, at: number): Buffer {
    if (at === 0) return Buffer.alloc(0);
    const cb = fkp.readUInt8(at);
    const grpprl = cb !== 0 ? fkp.subarray(at + 3, at + 2 * cb) : fkp.subarray(at + 4, at + 2 + 2 * fkp.readUInt8(at + 1));
    const huge = findSprm(grpprl, SPRM_HUGE_PAPX);
    if (huge < 0 || huge + 4 > grpprl.length) return grpprl;
    const offset = grpprl.readUInt32LE(huge);
    if (offset + 2 > this.data.length) return grpprl;
    return this.data.subarray(offset + 2, offset + 2 + this.data.readUInt16LE(offset));
  }

  private replaceAt(fc: number, bpc: number, char: string): void {
    for (const piece of this._pieces) {
      if (fc < piece.startFilePos || fc >= piece.startFilePos + piece.size || piece.bpc !== bpc) continue;
      const i = (fc - piece.startFilePos) / bpc;
      piece.text = piece.text.slice(0, i) + char + piece.text.slice(i + 1);
    }
  }
}

/** Offset of the operand of `sprm` in a grpprl (a run of property modifiers), or -1. */
function findSprm(grpprl: Buffer, sprm: number): number {
  let off = 0;
  while (off + 2 <= grpprl.length) {
    const id = grpprl.readUInt16LE(off);
    off += 2;
    if (id === sprm) return off;
    const spra = id >> 13;
    if (id === SPRM_TDEF_TABLE || id === 0xd606) off += off + 2 <= grpprl.length ? grpprl.readUInt16LE(off) + 1 : 2;
    else if (spra === 6) off += off < grpprl.length ? grpprl.readUInt8(off) + 1 : 1;
    else off += [1, 1, 2, 4, 2, 2, 0, 3][spra];
  }
  return -1;
}

/** sprmTDefTable: itcMac, itcMac+1 cell edges, then a 20-byte TC per cell (bit 5 vertical merge, bit 6 its start). */
function rowDef(props: Buffer): RowDef | undefined {
  const at = findSprm(props, SPRM_TDEF_TABLE);
  if (at < 0 || at + 3 > props.length) return undefined;
  const end = Math.min(props.length, at + props.readUInt16LE(at) + 1);
  const cells = props.readUInt8(at + 2);
  const edgesAt = at + 3;
  if (edgesAt + 2 * (cells + 1) > end) return undefined;
  const edges = Array.from({ length: cells + 1 }, (_, i) => props.readInt16LE(edgesAt + 2 * i));
  const tcAt = edgesAt + 2 * (cells + 1);
  const continues = Array.from({ length: cells }, (_, i) => {
    const flags = tcAt + 20 * i + 2 <= end ? props.readUInt16LE(tcAt + 20 * i) : 0;
    return (flags & 0x20) !== 0 && (flags & 0x40) === 0;
  });
  return { edges, continues };
}

async function extractWord(bytes: Buffer): Promise<{ body: string; rowDefs: RowDef[] }> {
  const reader = new BufferReader(bytes);
  await reader.open();
  try {
    const extractor = new TableExtractor();
    const doc = await extractor.extract(reader);
    // filterUnicode would turn “” into "" and em spaces into spaces: keep the text as written.
    return { body: doc.getBody({ filterUnicode: false }), rowDefs: extractor.rowDefs };
  } finally {
    await reader.close();
  }
}

/** Read a Word 97–2003 report. Throws ExtractError('corrupt_doc') when the OLE/Word structure is broken. */
export async function readDoc(bytes: Buffer): Promise<DocumentModel> {
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

type Item = { kind: 'line'; text: string } | { kind: 'row'; fields: string[]; def?: RowDef };

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
      for (; i < items.length && items[i].kind === 'line'; i++) lines.push((items[i] as { text: string }).text);
      const read = rowsFromLines(lines, table);
      for (const r of read) if (r.table !== undefined) table = Math.max(table, r.table + 1);
      rows.push(...read);
    }
  }
  return rows;
}

function markedItems(body: string, defs: RowDef[]): Item[] {
  const items: Item[] = [];
  const parts = body.split(new RegExp(`(${ROW_END}|${PARA_END})`));
  let row = 0;
  for (let i = 0; i < parts.length; i += 2) {
    const chunk = parts[i];
    if (parts[i + 1] === ROW_END) {
      const fields = chunk.split('\t');
      if (fields.length > 1 && chunk.endsWith('\t')) fields.pop(); // the last cell's end mark
      items.push({ kind: 'row', fields, def: defs[row++] });
    } else {
      // A paragraph outside tables; newlines left in it are manual line or section breaks.
      for (const text of chunk.split('\n')) items.push({ kind: 'line', text });
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
      items.push({ kind: 'line', text: lines[i] });
      continue;
    }
    items.push({ kind: 'row', fields: lines.slice(i, end + 1).join('\n').split('\t').slice(0, -1) });
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
    return run.map((r) => r.fields.map((f) => ({ text: text(f) }))).filter((cells) => cells.some((c) => c.text !== ''));
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
              : { text: text(f) };
      }
    });
    grid.push(cells);
  }
  return grid.filter((cells) => cells.some((c) => c.text !== ''));
}

/** Sorted distinct x positions of cell edges, those within EDGE_TOLERANCE merged. */
function columnLines(edges: number[]): number[] {
  const sorted = [...new Set(edges)].sort((a, b) => a - b);
  const out: number[] = [];
  for (const x of sorted) if (out.length === 0 || x - out[out.length - 1] > EDGE_TOLERANCE) out.push(x);
  return out;
}
