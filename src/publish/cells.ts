// cells.csv and cells.parquet: where each figure of tables 二, 三 and 四 was read in its document
// (the records' `cells`), one line per cell, so that a number can be checked against the page it
// came from without opening the PDF. Every record is listed, duplicates (duplicate_of set)
// included, as in the other long tables; records made before extractor 1.2.0 have no cells.
import type { CellSource, ReportRecord } from '../record.js';
import { csvCell, csvText, type CsvValue } from './csvfile.js';
import { type Field, field } from './fields.js';
import { type ParquetColumn, rowBatches, writeParquetFile } from './parquet.js';
import { FileSink, type WrittenFile } from './sink.js';

export interface CellRow extends CellSource {
  report_id: string;
}

/** bbox as text: "x0,y0,x1,y1". */
export function bboxText(bbox: CellSource['bbox']): string | null {
  return bbox ? bbox.join(',') : null;
}

interface CellColumn extends Field {
  get: (c: CellRow) => CsvValue;
}

const column = (name: string, type: Field['type'], zh: string, en: string, get: CellColumn['get']): CellColumn => ({
  ...field(name, type, zh, en),
  get,
});

export const CELL_COLUMNS: CellColumn[] = [
  column('report_id', 'string', '报告编号', 'The report (reports.csv, reports.jsonl).', (c) => c.report_id),
  column(
    'table',
    'string',
    '表格',
    'proactive (table 二), applications (table 三) or reviews (table 四): the long table the cell is a line of.',
    (c) => c.table,
  ),
  column(
    'row',
    'string',
    '行',
    'Row key of the cell (as in applications.csv, proactive.csv, reviews.csv).',
    (c) => c.row,
  ),
  column('column', 'string', '列', 'Column key of the cell.', (c) => c.column),
  column(
    'value',
    'number',
    '数值',
    'What the dataset holds for the cell (money in 万元); blank for a cell printed blank ("—", "/", "无").',
    (c) => c.value,
  ),
  column(
    'printed',
    'string',
    '原文',
    'The cell text exactly as printed ("15.68万元", "—", "１２"); for a figure read from prose, the phrase it was read from.',
    (c) => c.printed,
  ),
  column(
    'via',
    'string',
    '来源方式',
    "table (a cell of the report's table), statistics_table (the 2014 统计表 of pre-2019 reports) or prose (a sentence of the report).",
    (c) => c.via,
  ),
  column(
    'label',
    'string',
    '行名匹配',
    "strict: the row label matched the form's wording; loose: only a fragment of it did (clipped or reworded label, a loose_label warning) — worth a look.",
    (c) => c.label,
  ),
  column('page', 'integer', '页码', 'PDF: the page (1-based).', (c) => c.page ?? null),
  column(
    'bbox',
    'string',
    '位置',
    'PDF: the box of the printed text, "x0,y0,x1,y1" in PDF points (1/72 inch) from the top-left corner of the page as displayed.',
    (c) => bboxText(c.bbox),
  ),
  column(
    'path',
    'string',
    '元素路径',
    'HTML: the element holding the cell, e.g. body>div[2]>table[1]>tbody[1]>tr[5]>td[3] (n-th element of that name among its siblings, 1-based, as a browser parses the page). DOCX: the same in the HTML the document converts to. For a line of text, its paragraph.',
    (c) => c.path ?? null,
  ),
  column(
    'line',
    'integer',
    '行号',
    'Text formats (txt; the text of a .doc, one line per paragraph or table row): the line (1-based).',
    (c) => c.line ?? null,
  ),
  column(
    'col',
    'integer',
    '列号',
    'Text formats: the character column (1-based) where the printed value starts.',
    (c) => c.col ?? null,
  ),
  column(
    'ocr_confidence',
    'integer',
    '识别置信度',
    'Cells read by OCR (scanned pages, pictures): the engine’s confidence in the text read, 0–100 (its least sure word); blank for every other cell.',
    (c) => c.confidence ?? null,
  ),
];

export const CELL_FIELDS: Field[] = CELL_COLUMNS.map(({ name, type, zh, en }) => ({ name, type, zh, en }));

/** The lines of one record. */
export function cellRows(r: ReportRecord): CellRow[] {
  return (r.cells ?? []).map((c) => ({ report_id: r.report_id, ...c }));
}

/**
 * cells.csv (UTF-8 with a byte order mark, like reports.csv), fed one canonical record at a time.
 * A line is assembled from cells escaped by csvCell, the repeated ones (keys, via, label, short
 * printed texts) escaped once: a dataset of 100,000 reports has some 20 million lines.
 */
export class CellsWriter {
  private readonly sink: FileSink;
  private readonly pieces = new Map<string, string>();

  constructor(dir: string) {
    this.sink = new FileSink(dir, 'cells.csv');
    this.sink.write(csvText([CELL_COLUMNS.map((c) => c.name)], true));
  }

  /** csvCell of a text that recurs (memoised; long texts are escaped on the spot). */
  private cached(text: string): string {
    if (text.length > 16) return csvCell(text);
    let out = this.pieces.get(text);
    if (out === undefined) {
      out = csvCell(text);
      if (this.pieces.size < 100_000) this.pieces.set(text, out);
    }
    return out;
  }

  add(r: ReportRecord): void {
    if (!r.cells?.length) return;
    const id = csvCell(r.report_id);
    const lines: string[] = [];
    for (const c of r.cells) {
      lines.push(
        `${id},${this.cached(c.table)},${this.cached(c.row)},${this.cached(c.column)},${csvCell(c.value)},` +
          `${this.cached(c.printed)},${this.cached(c.via)},${this.cached(c.label)},${csvCell(c.page)},` +
          `${csvCell(bboxText(c.bbox))},${csvCell(c.path)},${csvCell(c.line)},${csvCell(c.col)},${csvCell(c.confidence)}\r\n`,
      );
    }
    this.sink.write(lines.join(''));
  }

  close(): WrittenFile {
    return this.sink.close();
  }
}

const PARQUET_COLUMNS: ParquetColumn<CellRow>[] = CELL_COLUMNS;

/** cells.parquet: the lines of cells.csv, typed (DOUBLE value, INT32 page/line/col/confidence). */
export function writeCellsParquet(dir: string, records: ReportRecord[]): WrittenFile {
  return writeParquetFile(dir, 'cells.parquet', PARQUET_COLUMNS, rowBatches(records, cellRows));
}
