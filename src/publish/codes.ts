// Integer codes for the rows and columns of the long tables, and labels.csv / labels.parquet, the
// one lookup table that turns a code (or a key) into the form's Chinese and English wording. The
// long Parquet tables carry the codes; the long CSVs carry the keys; neither repeats a label.
// Codes follow the form specs' order (rows, then columns, per table); a key no form has (none
// today) gets the next free code and blank labels rather than failing the publish. A code names
// the same key only within one version: across versions, join on `key`.
import { PROACTIVE, tableLabels, type TableName } from '../forms/index.js';
import { csvText } from './csvfile.js';
import { type Field, field } from './fields.js';
import { writeParquetFile } from './parquet.js';
import { FileSink, type WrittenFile } from './sink.js';

export const TIDY_TABLES: readonly TableName[] = ['applications', 'proactive', 'reviews'];
export type Axis = 'row' | 'column';
const AXES: readonly Axis[] = ['row', 'column'];

export interface LabelRow {
  table: TableName;
  axis: Axis;
  code: number;
  key: string;
  label_zh: string | null;
  label_en: string | null;
}

/** Table 二's printed-text columns: folded into value_raw of their money column, never a line of their own. */
export const RAW_COLUMNS: ReadonlyMap<string, string> = new Map(
  PROACTIVE.columns.flatMap((c) => (c.type === 'money' && c.raw ? [[c.raw.key, c.key] as const] : [])),
);

/** The forms' keys of a table's axis, in form order, with their labels. */
export function formKeys(table: TableName, axis: Axis): [string, readonly [string, string]][] {
  const l = tableLabels(table);
  return Object.entries(axis === 'row' ? l.rows : l.columns).filter(
    ([k]) => !(axis === 'column' && RAW_COLUMNS.has(k)),
  );
}

export const LABEL_FIELDS: Field[] = [
  field(
    'table',
    'string',
    '表格',
    'The long table: applications (table 三), proactive (table 二) or reviews (table 四).',
    {
      enum: TIDY_TABLES,
    },
  ),
  field('axis', 'string', '行或列', 'row or column: which code of the long table this is.', { enum: AXES }),
  field(
    'code',
    'integer',
    '代码',
    'The integer in row_code / column_code of the long Parquet tables (1, 2, … per table and axis).',
  ),
  field(
    'key',
    'string',
    '键',
    'The key in the row / column of the long CSVs and in reports.jsonl; stable across versions.',
  ),
  field('label_zh', 'string', '中文名称', "The official form's wording."),
  field('label_en', 'string', '英文名称', 'English translation.'),
];

/** The codes of one publish: the forms' keys, then any other key met, in the order met. */
export class LabelCodes {
  private readonly byKey = new Map<string, LabelRow>();
  private readonly count = new Map<string, number>();

  constructor() {
    for (const table of TIDY_TABLES)
      for (const axis of AXES) for (const [key, [zh, en]] of formKeys(table, axis)) this.add(table, axis, key, zh, en);
  }

  private add(table: TableName, axis: Axis, key: string, zh: string | null, en: string | null): LabelRow {
    const slot = `${table}/${axis}`;
    const code = (this.count.get(slot) ?? 0) + 1;
    this.count.set(slot, code);
    const row: LabelRow = { table, axis, code, key, label_zh: zh, label_en: en };
    this.byKey.set(`${slot}/${key}`, row);
    return row;
  }

  code(table: TableName, axis: Axis, key: string): number {
    return (this.byKey.get(`${table}/${axis}/${key}`) ?? this.add(table, axis, key, null, null)).code;
  }

  /** code() of one table's axis, its answers kept (15 million look-ups build no key strings). */
  coder(table: TableName, axis: Axis): (key: string) => number {
    const known = new Map<string, number>();
    return (key) => {
      let c = known.get(key);
      if (c === undefined) known.set(key, (c = this.code(table, axis, key)));
      return c;
    };
  }

  rows(): LabelRow[] {
    return [...this.byKey.values()];
  }
}

const get = (name: keyof LabelRow) => (r: LabelRow) => r[name];

export function writeLabels(dir: string, codes: LabelCodes): WrittenFile[] {
  const rows = codes.rows();
  const sink = new FileSink(dir, 'labels.csv');
  sink.write(
    csvText(
      [LABEL_FIELDS.map((f) => f.name), ...rows.map((r) => LABEL_FIELDS.map((f) => get(f.name as keyof LabelRow)(r)))],
      true,
    ),
  );
  return [
    sink.close(),
    writeParquetFile(
      dir,
      'labels.parquet',
      LABEL_FIELDS.map((f) => ({ name: f.name, type: f.type, get: get(f.name as keyof LabelRow) })),
      [rows],
    ),
  ];
}
