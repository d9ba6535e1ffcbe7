// Long ("tidy") CSVs for researchers: applications.csv, proactive.csv, reviews.csv, one line per
// printed table cell: report_id, row, column, value (+ the Chinese labels). A row the report does
// not have is absent; a cell it leaves blank is an empty value. Lines are assembled from pieces
// escaped once by csvCell (100,000 reports make ~17 million application lines).
import {
  APPLICANT_COLUMN_LABELS,
  APPLICATION_ROWS,
  PROACTIVE_COLUMN_LABELS,
  PROACTIVE_ROW_LABELS,
  REVIEW_COLUMN_LABELS,
  REVIEW_GROUP_LABELS,
  type ReportRecord,
} from '../record.js';
import { csvCell, numberText } from './csvfile.js';
import { type Field, field } from './fields.js';
import { FileSink, type WrittenFile } from './sink.js';

const APPLICATION_LABELS: Record<string, string> = Object.fromEntries(APPLICATION_ROWS);

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
    'table 三 (收到和处理政府信息公开申请情况)',
    'new_received … carried_forward (see CODEBOOK.md)',
    'the applicant type, or total',
    'integer',
  ),
  ...labels,
];
export const PROACTIVE_FIELDS: Field[] = [
  ...common(
    'table 二 (主动公开政府信息情况)',
    'regulations, normative_documents, licensing, other_services, penalty, coercion, fees, procurement',
    '2019 form new_made/new_published/total_published, prev_items/change/decisions, items/amount_wan_yuan; 2021 form issued/repealed/in_force, decisions, amount_wan_yuan',
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
  ...common(
    'table 四 (行政复议、行政诉讼情况)',
    'review, litigation_direct, litigation_after_review',
    'upheld, corrected, other, pending, total',
    'integer',
  ),
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
    this.apps = new TidyFile(
      dir,
      'applications.csv',
      APPLICATIONS_FIELDS,
      false,
      APPLICATION_LABELS,
      APPLICANT_COLUMN_LABELS,
    );
    this.pro = new TidyFile(
      dir,
      'proactive.csv',
      PROACTIVE_FIELDS,
      true,
      PROACTIVE_ROW_LABELS,
      PROACTIVE_COLUMN_LABELS,
    );
    this.revs = new TidyFile(dir, 'reviews.csv', REVIEWS_FIELDS, false, REVIEW_GROUP_LABELS, REVIEW_COLUMN_LABELS);
  }

  add(r: ReportRecord): void {
    const id = Buffer.from(`${csvCell(r.report_id)},`, 'utf8');
    this.apps.table(id, r.applications as Table);
    this.revs.table(id, r.reviews as Table);
    this.proactive(id, r.proactive as Table);
  }

  /** Money cells carry their printed text: `amount_raw` goes to value_raw, not a line of its own. */
  private proactive(id: Buffer, table: Table): void {
    if (!table) return;
    for (const row in table) {
      const cols = table[row];
      if (!cols) continue;
      const rawText = typeof cols.amount_raw === 'string' ? cols.amount_raw : null;
      const keys = Object.keys(cols).filter((k) => k !== 'amount_raw');
      if (rawText !== null && !keys.includes('amount_wan_yuan')) keys.push('amount_wan_yuan');
      for (const col of keys) {
        this.pro.line(id, row, col, cols[col], col === 'amount_wan_yuan' ? rawText : null);
      }
    }
  }

  close(): WrittenFile[] {
    return [this.apps.close(), this.pro.close(), this.revs.close()];
  }
}
