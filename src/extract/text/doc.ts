// Word 97–2003 (.doc) reports → DocumentModel. word-extractor gives the body text with each table
// cell ended by a tab and each table row by a tab + newline; paragraphs inside a cell are newlines
// too. Lines ending in a tab (plus the lines they continue) are table rows; everything else goes
// through the shared line reader (tab- or space-separated lines, prose).
//
// word-extractor finds row ends by the sprmPFTtp flag in paragraph properties, but misses it when
// a row's properties are too large for their page and sit in the Data stream (sprmPHugePapx):
// wide tables such as table 三 (10 columns). TableRowExtractor below follows those too.
import { createRequire } from 'node:module';
import { ExtractError } from '../../errors.js';
import { modelFromRows, type DocumentModel, type TextRow } from '../model.js';
import { titleOf } from './docx.js';
import { rowsFromLines } from './html.js';

interface WordDocument {
  getBody(options?: { filterUnicode?: boolean }): string;
}
interface Piece {
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
  extract(reader: Reader): Promise<WordDocument>;
  extractWordDocument(document: OleDocument, buffer: Buffer): Promise<WordDocument>;
  writeParagraphProperties(buffer: Buffer, tableBuffer: Buffer): void;
  documentStream(document: OleDocument, name: string): Promise<unknown>;
  streamBuffer(stream: unknown): Promise<Buffer>;
}
const require = createRequire(import.meta.url);
const WordOleExtractor = require('word-extractor/lib/word-ole-extractor.js') as new () => OleExtractor;
const BufferReader = require('word-extractor/lib/buffer-reader.js') as new (b: Buffer) => Reader;

const SPRM_HUGE_PAPX = 0x6646;
const SPRM_TTP = [0x2417, 0x244c]; // sprmPFTtp, sprmPFInnerTtp: "this paragraph mark ends a table row"

/** word-extractor's Word 97 reader, also reading row ends from paragraph properties in the Data stream. */
class TableRowExtractor extends WordOleExtractor {
  private data: Buffer = Buffer.alloc(0);

  override async extractWordDocument(document: OleDocument, buffer: Buffer): Promise<WordDocument> {
    try {
      this.data = await this.streamBuffer(await this.documentStream(document, 'Data'));
    } catch {
      this.data = Buffer.alloc(0); // no Data stream: nothing to follow
    }
    return super.extractWordDocument(document, buffer);
  }

  override writeParagraphProperties(buffer: Buffer, tableBuffer: Buffer): void {
    super.writeParagraphProperties(buffer, tableBuffer);
    if (this.data.length === 0) return;
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
        const at = fkp.readUInt8((runs + 1) * 4 + j * 13) * 2;
        if (at === 0) continue;
        const cb = fkp.readUInt8(at);
        const grpprl = cb !== 0 ? fkp.subarray(at + 3, at + 2 * cb) : fkp.subarray(at + 4, at + 2 + 2 * fkp.readUInt8(at + 1));
        const huge = findSprm(grpprl, SPRM_HUGE_PAPX);
        if (huge < 0 || huge + 4 > grpprl.length) continue;
        const offset = grpprl.readUInt32LE(huge);
        if (offset + 2 > this.data.length) continue;
        const props = this.data.subarray(offset + 2, offset + 2 + this.data.readUInt16LE(offset));
        if (SPRM_TTP.some((s) => findSprm(props, s) >= 0)) {
          this.markRowEnd(fkp.readUInt32LE(j * 4), fkp.readUInt32LE((j + 1) * 4));
        }
      }
    }
  }

  /** Turn the row-end mark in [start, end) (file positions) into a newline, as word-extractor does. */
  private markRowEnd(start: number, end: number): void {
    for (const piece of this._pieces) {
      const s = Math.max(start, piece.startFilePos);
      const e = Math.min(end, piece.startFilePos + piece.size);
      if (e <= s) continue;
      const a = (s - piece.startFilePos) / piece.bpc;
      const b = (e - piece.startFilePos) / piece.bpc;
      piece.text = piece.text.slice(0, a) + '\n'.repeat(b - a) + piece.text.slice(b);
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
    if (id === 0xd608 || id === 0xd606) off += off + 2 <= grpprl.length ? grpprl.readUInt16LE(off) + 1 : 2;
    else if (spra === 6) off += off < grpprl.length ? grpprl.readUInt8(off) + 1 : 1;
    else off += [1, 1, 2, 4, 2, 2, 0, 3][spra];
  }
  return -1;
}

async function extractWord(bytes: Buffer): Promise<WordDocument> {
  const reader = new BufferReader(bytes);
  await reader.open();
  try {
    return await new TableRowExtractor().extract(reader);
  } finally {
    await reader.close();
  }
}

/** A table row whose first cell spans more lines than this is taken to be prose after all. */
const MAX_ROW_LINES = 6;

/** Read a Word 97–2003 report. Throws ExtractError('corrupt_doc') when the OLE/Word structure is broken. */
export async function readDoc(bytes: Buffer): Promise<DocumentModel> {
  let body: string;
  try {
    // filterUnicode would turn “” into "" and em spaces into spaces: keep the text as written.
    body = (await extractWord(bytes)).getBody({ filterUnicode: false });
  } catch (err) {
    throw new ExtractError('corrupt_doc', `unreadable DOC: ${(err as Error).message}`);
  }
  const rows = rowsFromDocText(body);
  if (rows.length === 0) throw new ExtractError('no_report_content', 'the Word document has no text');
  const title = titleOf(rows);
  return modelFromRows('doc', rows, title ? { title } : {});
}

/** Rows of word-extractor body text (exported for tests of odd layouts). */
export function rowsFromDocText(body: string): TextRow[] {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const rows: TextRow[] = [];
  let pending: string[] = [];
  let table = 0;
  let inTable = false;
  const flushPending = () => {
    const read = rowsFromLines(pending, table);
    for (const r of read) if (r.table !== undefined) table = Math.max(table, r.table + 1);
    rows.push(...read);
    pending = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const end = rowEnd(lines, i);
    if (end < 0) {
      if (inTable) table++;
      inTable = false;
      pending.push(lines[i]);
      continue;
    }
    flushPending();
    inTable = true;
    const cells = lines
      .slice(i, end + 1)
      .join('\n')
      .split('\t')
      .slice(0, -1) // the row's last cell ends with a tab too
      .map((c) => ({ text: c.replace(/\s+/g, ' ').trim() }));
    if (cells.some((c) => c.text !== '')) rows.push({ cells, tabular: true, table });
    i = end;
  }
  flushPending();
  return rows;
}

/** Index of the line that ends the table row starting at line i, or -1 when line i starts none. */
function rowEnd(lines: string[], i: number): number {
  if (!lines[i].includes('\t')) return -1;
  for (let j = i; j < lines.length && j < i + MAX_ROW_LINES; j++) {
    if (lines[j].endsWith('\t')) return j;
  }
  return -1;
}
