// Long ("tidy") CSVs for researchers: applications.csv, proactive.csv, reviews.csv, one line per
// printed table cell: report_id, row, column, value (+ the Chinese labels). A row the report does
// not have is absent; a cell it leaves blank is an empty value. Lines are assembled from pieces
// escaped once by csvCell (100,000 reports make ~17 million application lines).
import {
  APPLICATIONS,
  PROACTIVE,
  REVIEWS,
  TABLE_FORMS,
  tableLabels,
  unnumbered,
  type Bi,
  type TableName,
} from '../forms/index.js';
import type { ReportRecord } from '../record.js';
import { csvCell, numberText } from './csvfile.js';
import { type Field, field } from './fields.js';
import { FileSink, type WrittenFile } from './sink.js';

/** Chinese labels of a table's rows and columns (the form specs'). */
function zh(table: TableName): { rows: Record<string, string>; columns: Record<string, string> } {
  const l = tableLabels(table);
  const only = (m: Record<string, Bi>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v[0]]));
  return { rows: only(l.rows), columns: only(l.columns) };
}
const keys = (list: readonly { key: string }[]) => list.map((x) => x.key).join(', ');
/** Money columns and the columns of their printed text. */
const MONEY = PROACTIVE.columns.flatMap((c) => (c.type === 'money' && c.raw ? [[c.key, c.raw.key] as const] : []));

const common = (what: string, rowEn: string, colEn: string, valueType: Field['type']): Field[] => [
  field('report_id', 'string', '报告编号', 'The report (reports.csv, reports.jsonl).'),
  field('row', 'string', '行', `Row key of ${what}: ${rowEn}.`),
  field('column', 'string', '列', `Column key of ${what}: ${colEn}.`),
  field(
    'value',
    valueType,
    '数值',
    'The cell as a number; blank when the report leaves it blank, "—", "/" or "无" (never guessed as 0).',
  ),
];
const labels: Field[] = [
  field('row_label_zh', 'string', '行名称', "Chinese label of the row (the official form's wording)."),
  field('column_label_zh', 'string', '列名称', 'Chinese label of the column.'),
];

export const APPLICATIONS_FIELDS: Field[] = [
  ...common(
    unnumbered(APPLICATIONS.title)[0],
    `${APPLICATIONS.rows[0]!.key} … ${APPLICATIONS.rows.at(-1)!.key} (see CODEBOOK.md)`,
    'the applicant type, or total',
    'integer',
  ),
  ...labels,
];
export const PROACTIVE_FIELDS: Field[] = [
  ...common(
    unnumbered(PROACTIVE.title)[0],
    keys(PROACTIVE.rows),
    TABLE_FORMS.map((f) => `${f.name[1]}: ${keys(f.proactive.columns)}`).join('; '),
    'number',
  ),
  field(
    'value_raw',
    'string',
    '原文',
    'Money cells only: the cell as printed ("15.68万元", "251000元"); value is then in 万元, blank when the unit is unknown.',
  ),
  ...labels,
];
export const REVIEWS_FIELDS: Field[] = [
  ...common(unnumbered(REVIEWS.title)[0], keys(REVIEWS.rows), keys(REVIEWS.columns), 'integer'),
  ...labels,
];

const header = (fields: Field[]) => `${fields.map((f) => f.name).join(',')}\r\n`;

type Table = Record<string, Record<string, unknown>> | null | undefined;

interface Piece {
  /** `<row>,<column>,` */
  head: string;
  /** `,<row label>,<column label>\r\n` */
  tail: string;
  /** What an empty value_raw adds (proactive.csv only). */
  empty: string;
  /** Whole encoded lines after the id, by cached value slot. */
  byValue: (Buffer | undefined)[];
}

/** Slot of a value whose line is cached: 0 = blank, 1… = the counts 0…255; -1 = encode on the spot. */
function cachedSlot(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 256 ? value + 1 : -1;
}

/**
 * One tidy file. A line is `<report_id>,` + `<row>,<column>,<value>[,<raw>],<labels>\r\n`; the
 * second part is encoded once per (row, column, value) for small counts (most cells), so
 * 17 million lines cost two byte copies each.
 */
class TidyFile {
  private readonly sink: FileSink;
  private readonly pieces = new Map<string, Map<string, Piece>>();

  constructor(
    dir: string,
    name: string,
    fields: Field[],
    /** proactive.csv: a value_raw column after value. */
    private readonly withRaw: boolean,
    private readonly rowLabels: Record<string, string>,
    private readonly colLabels: Record<string, string>,
  ) {
    this.sink = new FileSink(dir, name);
    this.sink.write(header(fields));
  }

  private piece(row: string, col: string): Piece {
    let byCol = this.pieces.get(row);
    if (!byCol) this.pieces.set(row, (byCol = new Map()));
    let p = byCol.get(col);
    if (!p) {
      p = {
        head: `${csvCell(row)},${csvCell(col)},`,
        tail: `,${csvCell(this.rowLabels[row] ?? '')},${csvCell(this.colLabels[col] ?? '')}\r\n`,
        empty: this.withRaw ? ',' : '',
        byValue: [],
      };
      byCol.set(col, p);
    }
    return p;
  }

  line(id: Buffer, row: string, col: string, value: unknown, raw: string | null = null): void {
    const p = this.piece(row, col);
    this.sink.writeBytes(id);
    const slot = raw ? -1 : cachedSlot(value);
    if (slot >= 0) {
      let bytes = p.byValue[slot];
      if (!bytes)
        p.byValue[slot] = bytes = Buffer.from(`${p.head}${slot === 0 ? '' : slot - 1}${p.empty}${p.tail}`, 'utf8');
      this.sink.writeBytes(bytes);
    } else {
      const text = typeof value === 'number' ? numberText(value) : '';
      this.sink.write(`${p.head}${text}${raw ? `,${csvCell(raw)}` : p.empty}${p.tail}`);
    }
  }

  table(id: Buffer, table: Table): void {
    if (!table) return;
    for (const row in table) {
      const cols = table[row];
      if (!cols) continue;
      for (const col in cols) this.line(id, row, col, cols[col]);
    }
  }

  close(): WrittenFile {
    return this.sink.close();
  }
}

/** applications.csv, proactive.csv, reviews.csv, fed one canonical record at a time. */
export class TidyWriter {
  private readonly apps: TidyFile;
  private readonly pro: TidyFile;
  private readonly revs: TidyFile;

  constructor(dir: string) {
    const file = (name: string, fields: Field[], table: TableName, withRaw: boolean) => {
      const l = zh(table);
      return new TidyFile(dir, name, fields, withRaw, l.rows, l.columns);
    };
    this.apps = file('applications.csv', APPLICATIONS_FIELDS, 'applications', false);
    this.pro = file('proactive.csv', PROACTIVE_FIELDS, 'proactive', true);
    this.revs = file('reviews.csv', REVIEWS_FIELDS, 'reviews', false);
  }

  add(r: ReportRecord): void {
    const id = Buffer.from(`${csvCell(r.report_id)},`, 'utf8');
    this.apps.table(id, r.applications as Table);
    this.revs.table(id, r.reviews as Table);
    this.proactive(id, r.proactive as Table);
  }

  /** Money cells carry their printed text: the raw column goes to value_raw, not a line of its own. */
  private proactive(id: Buffer, table: Table): void {
    if (!table) return;
    for (const row in table) {
      const cols = table[row];
      if (!cols) continue;
      const keys = Object.keys(cols).filter((k) => !MONEY.some(([, raw]) => raw === k));
      const rawOf = new Map<string, string>();
      for (const [money, raw] of MONEY) {
        if (typeof cols[raw] !== 'string') continue;
        rawOf.set(money, cols[raw] as string);
        if (!keys.includes(money)) keys.push(money);
      }
      for (const col of keys) this.pro.line(id, row, col, cols[col], rawOf.get(col) ?? null);
    }
  }

  close(): WrittenFile[] {
    return [this.apps.close(), this.pro.close(), this.revs.close()];
  }
}
