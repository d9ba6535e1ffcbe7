// The text of a Word 97–2003 file with its table structure, on top of word-extractor's OLE and
// piece-table reader. word-extractor turns cell marks into tabs and finds row ends by the sprmPFTtp
// flag, but misses that flag when a row's properties are too large for their FKP page and sit in
// the Data stream (sprmPHugePapx: wide tables such as table 三), and keeps no table geometry.
// TableExtractor reads every paragraph's properties itself: a row end becomes ROW_END (with the
// row's cell edges and merge flags from sprmTDefTable), a paragraph outside tables ends in PARA_END.
import { createRequire } from 'node:module';

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
    const grpprl =
      cb !== 0 ? fkp.subarray(at + 3, at + 2 * cb) : fkp.subarray(at + 4, at + 2 + 2 * fkp.readUInt8(at + 1));
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

export async function extractWord(bytes: Buffer): Promise<{ body: string; rowDefs: RowDef[] }> {
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
