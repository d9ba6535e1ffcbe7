// The format-neutral view of a document that every text/<format>.ts reader produces and the
// form readers (forms/*.ts) consume. Readers keep what the page shows; forms decide what it means.
import type { Format, SourcePicture } from '../record.js';

export interface TextCell {
  /** The cell's text as printed (whitespace inside kept; an empty string is a blank cell). */
  text: string;
  /** Left and right x of the cell on its page (PDF only), in PDF points. */
  x0?: number;
  x1?: number;
  /**
   * Set on the copies a merged cell leaves in the expanded grid (HTML/DOCX): 'row' = a rowspan copy
   * (text repeated, so a row keeps its group label), 'col' = a colspan copy (text '', not a blank cell).
   */
  merged?: 'row' | 'col';
  /** Where the cell was read in the document (the readers under text/ set it; see CellLocation). */
  at?: CellLocation;
}

/**
 * Where a cell's text sits in its document, as much as the format tells: PDF page and box
 * (points, origin top-left of the page as shown), the HTML/DOCX element path, or the line and
 * character column in a text format (txt, the text of a .doc).
 */
export interface CellLocation {
  page?: number;
  bbox?: [number, number, number, number];
  path?: string;
  line?: number;
  col?: number;
  /** Read by OCR: the engine's confidence in the text read here, 0–100 (its least sure word). */
  confidence?: number;
}

export interface TextRow {
  /**
   * One table row (HTML/DOCX `<tr>` with rowspan/colspan expanded so every row has one cell per
   * grid column; a tab-separated text line; a PDF line split into cells at wide gaps) or one
   * prose paragraph / heading (a single cell).
   */
  cells: TextCell[];
  /** True when the row comes from a real table structure (HTML/DOCX table, tab layout, PDF grid). */
  tabular: boolean;
  /** Index of the source table in the document (HTML/DOCX), when known. */
  table?: number;
  /** 1-based page number (PDF). */
  page?: number;
}

export interface DocumentModel {
  format: Format;
  /** Every row in reading order: headings, prose paragraphs and table rows. */
  rows: TextRow[];
  /** Plain text of the whole document in reading order (rows joined by newlines). */
  text: string;
  /** Metadata the container knows beyond the text (HTML meta tags, page header, PDF info). */
  meta: DocumentMeta;
}

export interface DocumentMeta {
  title?: string;
  /** ISO date printed on the page (发布日期, meta PubDate), not a file timestamp. */
  published?: string;
  agency?: string;
  pages?: number;
  /** Pages read by OCR (scans), and the engine that read them. */
  ocr?: { name: string; version: string; pages: number[] };
  /** A report published as pictures (text/pictures.ts): each picture, in page order, and which did not come or read. */
  pictures?: SourcePicture[];
}

export function modelFromRows(format: Format, rows: TextRow[], meta: DocumentMeta = {}): DocumentModel {
  const text = rows.map((r) => r.cells.map((c) => c.text).join('\t')).join('\n');
  return { format, rows, text, meta };
}

/** How a reader reads: `ocr` false leaves scanned pages unread (needs_ocr); default on (ocr.ts ocrWanted). */
export interface ReadOptions {
  ocr?: boolean;
  /** Folder of the OCR page cache (storage/ocr): pages read before are taken from it. */
  ocrCache?: string;
  /** The pictures a picture set (a report published as pictures: sys/pictures.ts PictureSet) lists as come, in its order. */
  pictures?: Buffer[];
  /** The cluster's OCR page jobs: defer the scanned pages not cached, or read only this one (ocr.ts OcrCache.pages). */
  ocrPages?: 'defer' | number;
}
