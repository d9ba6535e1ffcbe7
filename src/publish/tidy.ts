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
import { canonicalRecord } from './jsonl.js';
import { csvCell, numberText } from './csvfile.js';
import { type Field, field } from './fields.js';
import { FileSink, type WrittenFile } from './sink.js';

const APPLICATION_LABELS: Record<string, string> = Object.fromEntries(APPLICATION_ROWS);

const common = (what: string, rowEn: string, colEn: string, valueType: Field['type']): Field[] => [
  field('report_id', 'string', '报告编号', 'The report (reports.csv, reports.jsonl).'),
  field('row', 'string', '行', `Row key of ${what}: ${rowEn}.`),
  field('column', 'string', '列', `Column key of ${what}: ${colEn}.`),
  field('value', valueType, '数值', 'The cell as a number; blank when the report leaves it blank, "—", "/" or "无" (never guessed as 0).'),
];
const labels: Field[] = [
  field('row_label_zh', 'string', '行名称', 'Chinese label of the row (the official form\'s wording).'),
  field('column_label_zh', 'string', '列名称', 'Chinese label of the column.'),
];

export const APPLICATIONS_FIELDS: Field[] = [
  ...common('table 三 (收到和处理政府信息公开申请情况)', 'new_received … carried_forward (see CODEBOOK.md)', 'the applicant type, or total', 'integer'),
  ...labels,
];
export const PROACTIVE_FIELDS: Field[] = [
  ...common(
    'table 二 (主动公开政府信息情况)',
    'regulations, normative_documents, licensing, other_services, penalty, coercion, fees, procurement',
    '2019 form new_made/new_published/total_published, prev_items/change/decisions, items/amount_wan_yuan; 2021 form issued/repealed/in_force, decisions, amount_wan_yuan',
    'number',
  ),
  field('value_raw', 'string', '原文', 'Money cells only: the cell as printed ("15.68万元", "251000元"); value is then in 万元, blank when the unit is unknown.'),
  ...labels,
];
export const REVIEWS_FIELDS: Field[] = [
  ...common('table 四 (行政复议、行政诉讼情况)', 'review, litigation_direct, litigation_after_review', 'upheld, corrected, other, pending, total', 'integer'),
  ...labels,
];

const header = (fields: Field[]) => `${fields.map((f) => f.name).join(',')}\r\n`;
const cell = (v: unknown) => (typeof v === 'number' ? numberText(v) : '');

/** `row,column,` and `,row label,column label` escaped once per (row, column). */
function pieces(row: string, col: string, rowLabel: string | undefined, colLabel: string | undefined) {
  return {
    head: `${csvCell(row)},${csvCell(col)},`,
    tail: `,${csvCell(rowLabel ?? '')},${csvCell(colLabel ?? '')}\r\n`,
  };
}
function cached(): (row: string, col: string, rl?: string, cl?: string) => { head: string; tail: string } {
  const cache = new Map<string, { head: string; tail: string }>();
  return (row, col, rl, cl) => {
    const key = `${row}\u0000${col}`;
    let p = cache.get(key);
    if (!p) cache.set(key, (p = pieces(row, col, rl, cl)));
    return p;
  };
}

type Table = Record<string, Record<string, unknown>> | null;

function writeTable(
  sink: FileSink,
  id: string,
  table: Table,
  piece: ReturnType<typeof cached>,
  rowLabels: Record<string, string>,
  colLabels: Record<string, string>,
): void {
  if (!table) return;
  let out = '';
  for (const [row, cols] of Object.entries(table)) {
    if (!cols) continue;
    for (const [col, v] of Object.entries(cols)) {
      const p = piece(row, col, rowLabels[row], colLabels[col]);
      out += id + p.head + cell(v) + p.tail;
    }
  }
  sink.write(out);
}

export function writeTidy(dir: string, records: ReportRecord[]): WrittenFile[] {
  const apps = new FileSink(dir, 'applications.csv');
  const pro = new FileSink(dir, 'proactive.csv');
  const revs = new FileSink(dir, 'reviews.csv');
  apps.write(header(APPLICATIONS_FIELDS));
  pro.write(header(PROACTIVE_FIELDS));
  revs.write(header(REVIEWS_FIELDS));
  const appPiece = cached();
  const revPiece = cached();
  const proPiece = cached();
  for (const raw of records) {
    const r = canonicalRecord(raw);
    const id = `${csvCell(r.report_id)},`;
    writeTable(apps, id, r.applications as Table, appPiece, APPLICATION_LABELS, APPLICANT_COLUMN_LABELS);
    writeTable(revs, id, r.reviews as Table, revPiece, REVIEW_GROUP_LABELS, REVIEW_COLUMN_LABELS);
    writeProactive(pro, id, r.proactive as Table, proPiece);
  }
  return [apps.close(), pro.close(), revs.close()];
}

/** Proactive money cells carry their printed text: `amount_raw` goes to value_raw, not a line of its own. */
function writeProactive(sink: FileSink, id: string, table: Table, piece: ReturnType<typeof cached>): void {
  if (!table) return;
  let out = '';
  for (const [row, cols] of Object.entries(table)) {
    if (!cols) continue;
    const rawText = typeof cols.amount_raw === 'string' ? cols.amount_raw : null;
    const keys = Object.keys(cols).filter((k) => k !== 'amount_raw');
    if (rawText !== null && !keys.includes('amount_wan_yuan')) keys.push('amount_wan_yuan');
    for (const col of keys) {
      const v = cols[col];
      const p = piece(row, col, PROACTIVE_ROW_LABELS[row], PROACTIVE_COLUMN_LABELS[col]);
      const raw = col === 'amount_wan_yuan' && rawText !== null ? csvCell(rawText) : '';
      out += `${id}${p.head}${cell(v)},${raw}${p.tail}`;
    }
  }
  sink.write(out);
}
