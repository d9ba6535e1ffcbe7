// The long ("tidy") tables for researchers, one line per printed table cell: applications,
// proactive, reviews. The CSVs (for spreadsheets) hold `report_id, row, column, value` with the
// row and column keys; the Parquet files hold `report_id, row_code, column_code, value` with the
// integer codes of labels.csv (src/publish/codes.ts). Neither repeats the Chinese labels: at
// 100,000 reports they were half the bytes of applications.csv. A row the report does not have is
// absent; a cell it leaves blank is an empty value. CSV lines are assembled from pieces escaped
// once by csvCell (100,000 reports make ~15 million application lines).
import { APPLICATIONS, PROACTIVE, REVIEWS, TABLE_FORMS, unnumbered, type TableName } from '../forms/index.js';
import type { ReportRecord } from '../record.js';
import { type LabelCodes, RAW_COLUMNS, TIDY_TABLES } from './codes.js';
import { csvCell, numberText } from './csvfile.js';
import { type Field, field } from './fields.js';
import { type ParquetColumn, ParquetSink } from './parquet.js';
import { PartedSink, type WrittenFile } from './sink.js';

const keys = (list: readonly { key: string }[]) => list.map((x) => x.key).join(', ');
const formKeysOf = (list: readonly { key: string }[]) => list.map((x) => x.key);

const reportId = field('report_id', 'string', '报告编号', 'The report (reports.csv, reports.jsonl).');
const valueField = (type: Field['type']) =>
  field(
    'value',
    type,
    '数值',
    'The cell as a number; blank when the report leaves it blank, "—", "/" or "无" (never guessed as 0).',
  );
const valueRaw = field(
  'value_raw',
  'string',
  '原文',
  'Money cells only: the cell as printed ("15.68万元", "251000元"); value is then in 万元, blank when the unit is unknown.',
);

interface TidySpec {
  table: TableName;
  /** The CSV's columns. */
  fields: Field[];
  /** The Parquet file's columns. */
  parquetFields: Field[];
}

function spec(
  table: TableName,
  rowEn: string,
  colEn: string,
  type: Field['type'],
  rows: string[],
  cols: string[],
): TidySpec {
  const what = unnumbered(
    (table === 'applications' ? APPLICATIONS : table === 'proactive' ? PROACTIVE : REVIEWS).title,
  )[0];
  const raw = table === 'proactive' ? [valueRaw] : [];
  const code = (axis: 'row' | 'column') =>
    field(
      `${axis}_code`,
      'integer',
      axis === 'row' ? '行代码' : '列代码',
      `The ${axis} of ${what} as an integer code: labels.parquet (table = ${table}, axis = ${axis}) gives its key and labels.`,
    );
  return {
    table,
    fields: [
      reportId,
      field('row', 'string', '行', `Row key of ${what}: ${rowEn}. Labels: labels.csv.`, { enum: rows }),
      field('column', 'string', '列', `Column key of ${what}: ${colEn}. Labels: labels.csv.`, { enum: cols }),
      valueField(type),
      ...raw,
    ],
    parquetFields: [reportId, code('row'), code('column'), valueField(type), ...raw],
  };
}

const proactiveColumns = PROACTIVE.columns.filter((c) => !RAW_COLUMNS.has(c.key));

export const TIDY: Record<TableName, TidySpec> = {
  applications: spec(
    'applications',
    `${APPLICATIONS.rows[0]!.key} … ${APPLICATIONS.rows.at(-1)!.key} (see CODEBOOK.md)`,
    'the applicant type, or total',
    'integer',
    formKeysOf(APPLICATIONS.rows),
    formKeysOf(APPLICATIONS.columns),
  ),
  proactive: spec(
    'proactive',
    keys(PROACTIVE.rows),
    TABLE_FORMS.map((f) => `${f.name[1]}: ${keys(f.proactive.columns)}`).join('; '),
    'number',
    formKeysOf(PROACTIVE.rows),
    formKeysOf(proactiveColumns),
  ),
  reviews: spec(
    'reviews',
    keys(REVIEWS.rows),
    keys(REVIEWS.columns),
    'integer',
    formKeysOf(REVIEWS.rows),
    formKeysOf(REVIEWS.columns),
  ),
};

type Table = Record<string, Record<string, unknown>> | null | undefined;

const tableOf = (r: ReportRecord, table: TableName): Table => r[table] as Table;

/**
 * Calls `cell` for every line a record makes in a long table, in the record's key order: row,
 * column, value, and for a money cell of table 二 its printed text (its own column, value_raw,
 * rather than a line of its own).
 */
export function eachCell(
  r: ReportRecord,
  table: TableName,
  cell: (row: string, col: string, value: unknown, raw: string | null) => void,
): void {
  const t = tableOf(r, table);
  if (!t) return;
  for (const row in t) {
    const cols = t[row];
    if (!cols) continue;
    if (table !== 'proactive') {
      for (const col in cols) cell(row, col, cols[col], null);
      continue;
    }
    const keys = Object.keys(cols).filter((k) => !RAW_COLUMNS.has(k));
    const rawOf = new Map<string, string>();
    for (const [raw, money] of RAW_COLUMNS) {
      if (typeof cols[raw] !== 'string') continue;
      rawOf.set(money, cols[raw] as string);
      if (!keys.includes(money)) keys.push(money);
    }
    for (const col of keys) cell(row, col, cols[col], rawOf.get(col) ?? null);
  }
}

/** How many lines a record makes in a long table. */
export function cellCount(r: ReportRecord, table: TableName): number {
  let n = 0;
  eachCell(r, table, () => n++);
  return n;
}

interface Piece {
  /** `<row>,<column>,` */
  head: string;
  /** What an empty value_raw adds (proactive.csv only), then the line end. */
  tail: string;
  /** Whole encoded lines after the id, by cached value slot. */
  byValue: (Buffer | undefined)[];
}

/** Slot of a value whose line is cached: 0 = blank, 1… = the counts 0…255; -1 = encode on the spot. */
function cachedSlot(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 256 ? value + 1 : -1;
}

/**
 * One long CSV. A line is `<report_id>,` + `<row>,<column>,<value>[,<raw>]\r\n`; the second part
 * is encoded once per (row, column, value) for small counts (most cells), so 15 million lines cost
 * two byte copies each.
 */
class TidyCsv {
  private readonly sink: PartedSink;
  private readonly pieces = new Map<string, Map<string, Piece>>();
  private readonly withRaw: boolean;

  constructor(
    dir: string,
    name: string,
    private readonly table: TableName,
    private readonly maxRows: number,
    bufferBytes?: number,
  ) {
    this.withRaw = table === 'proactive';
    this.sink = new PartedSink(
      dir,
      name,
      `\uFEFF${TIDY[table].fields.map((f) => f.name).join(',')}\r\n`,
      maxRows,
      bufferBytes,
    );
  }

  private piece(row: string, col: string): Piece {
    let byCol = this.pieces.get(row);
    if (!byCol) this.pieces.set(row, (byCol = new Map()));
    let p = byCol.get(col);
    if (!p) {
      p = { head: `${csvCell(row)},${csvCell(col)},`, tail: this.withRaw ? ',\r\n' : '\r\n', byValue: [] };
      byCol.set(col, p);
    }
    return p;
  }

  private line(id: Buffer, row: string, col: string, value: unknown, raw: string | null, copy?: PartedSink): void {
    const p = this.piece(row, col);
    const slot = raw ? -1 : cachedSlot(value);
    let bytes: Buffer | undefined;
    if (slot >= 0) {
      bytes = p.byValue[slot];
      if (!bytes) p.byValue[slot] = bytes = Buffer.from(`${p.head}${slot === 0 ? '' : slot - 1}${p.tail}`, 'utf8');
    } else {
      const text = typeof value === 'number' ? numberText(value) : '';
      bytes = Buffer.from(`${p.head}${text}${raw ? `,${csvCell(raw)}\r\n` : p.tail}`, 'utf8');
    }
    this.sink.writeBytes(id);
    this.sink.writeBytes(bytes);
    if (copy) {
      copy.writeBytes(id);
      copy.writeBytes(bytes);
    }
  }

  /** The record's lines, also into `copy` (the same table of its province folder: the bytes made once). */
  add(id: Buffer, r: ReportRecord, copy?: TidyCsv): void {
    const group = Number.isFinite(this.maxRows) || (copy && Number.isFinite(copy.maxRows));
    if (group) {
      const n = cellCount(r, this.table);
      if (Number.isFinite(this.maxRows)) this.sink.group(n);
      if (copy && Number.isFinite(copy.maxRows)) copy.sink.group(n);
    }
    eachCell(r, this.table, (row, col, value, raw) => this.line(id, row, col, value, raw, copy?.sink));
  }

  close(): WrittenFile[] {
    return this.sink.close();
  }
}

export interface TidyRow {
  report_id: string;
  row_code: number;
  column_code: number;
  value: unknown;
  value_raw: string | null;
}

const parquetColumns = (table: TableName): ParquetColumn<TidyRow>[] =>
  TIDY[table].parquetFields.map((f) => ({
    name: f.name,
    type: f.type,
    required: f.name.endsWith('_code'),
    get: (r) => r[f.name as keyof TidyRow],
  }));

export interface TidyOptions {
  /** Folder of the files inside the version, with its slash ('by-province/320000/'); default the version itself. */
  prefix?: string;
  /** Cut each CSV into parts of at most this many lines (PartedSink); default: one file. */
  maxRows?: number;
  /** Also write the Parquet files, with these codes. */
  codes?: LabelCodes;
  /** Write buffer per file (FileSink's default: 1 MB). */
  bufferBytes?: number;
}

/** applications, proactive, reviews (.csv, and .parquet when given codes), fed one canonical record at a time. */
export class TidyWriter {
  private readonly csv: TidyCsv[];
  private readonly parquet: {
    table: TableName;
    sink: ParquetSink<TidyRow>;
    row: (key: string) => number;
    column: (key: string) => number;
  }[];

  constructor(dir: string, opts: TidyOptions = {}) {
    const prefix = opts.prefix ?? '';
    const maxRows = opts.maxRows ?? Number.POSITIVE_INFINITY;
    this.csv = TIDY_TABLES.map((t) => new TidyCsv(dir, `${prefix}${t}.csv`, t, maxRows, opts.bufferBytes));
    const codes = opts.codes;
    this.parquet = codes
      ? TIDY_TABLES.map((t) => ({
          table: t,
          sink: new ParquetSink(dir, `${prefix}${t}.parquet`, parquetColumns(t)),
          row: codes.coder(t, 'row'),
          column: codes.coder(t, 'column'),
        }))
      : [];
  }

  /** A canonical record's lines; its CSV lines also into `copy` (a CSV-only writer: its province's). */
  add(r: ReportRecord, copy?: TidyWriter): void {
    const id = Buffer.from(`${csvCell(r.report_id)},`, 'utf8');
    this.csv.forEach((f, i) => f.add(id, r, copy?.csv[i]));
    if (!this.parquet.length) return;
    const line: TidyRow = { report_id: r.report_id, row_code: 0, column_code: 0, value: null, value_raw: null };
    for (const { table, sink, row: rowCode, column: columnCode } of this.parquet)
      eachCell(r, table, (row, col, value, raw) => {
        line.row_code = rowCode(row);
        line.column_code = columnCode(col);
        line.value = value;
        line.value_raw = raw;
        sink.add(line); // copied into the sink's column buffers
      });
  }

  close(): WrittenFile[] {
    return [...this.csv.flatMap((f) => f.close()), ...this.parquet.map((p) => p.sink.close())];
  }
}
