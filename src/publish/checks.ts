// checks.csv: every failed accounting identity. Per report, the extractor's own checks that
// failed (record.checks, ok = false). Across years, for one agency (same name, scope and place)
// with exactly one report in year N and one in N+1, the forms' cross-year identities (CROSS_YEAR in
// src/forms/: carried_forward(N) = carried_over(N+1); in_force(N) + issued(N+1) − repealed(N+1) =
// in_force(N+1)). A blank cell on either side means "not printed": nothing is compared. A year with two reports
// of one agency (say a page and its attachment) is ambiguous and not compared.
import {
  APPLICANT_COLUMNS,
  APPLICATIONS,
  CROSS_YEAR,
  PROACTIVE_COLUMN_KEYS,
  REVIEW_COLUMNS,
  REVIEWS,
  type TableName,
} from '../forms/index.js';
import type { ReportRecord } from '../record.js';
import { csvText } from './csvfile.js';
import { type Field, field } from './fields.js';
import { writeParquetFile } from './parquet.js';
import { FileSink, type WrittenFile } from './sink.js';

const BATCH = 50;

export interface CheckRow {
  report_id: string;
  agency: string | null;
  year: number | null;
  rule: string;
  item: string | null;
  detail: string;
  related_report_id: string | null;
}

export const CHECK_FIELDS: Field[] = [
  field(
    'report_id',
    'string',
    '报告编号',
    "The report whose figures do not add up (for a cross-year check: the later year's report).",
  ),
  field('agency', 'string', '报告机关', 'The reporting body.'),
  field('year', 'integer', '报告年度', 'Year of that report.'),
  field(
    'rule',
    'string',
    '规则',
    `${[...APPLICATIONS.identities, ...REVIEWS.identities].map((i) => i.rule).join(', ')} (one report's own identities); ${CROSS_YEAR.map((c) => c.spec.rule).join(', ')} (across two years of one agency).`,
  ),
  field(
    'item',
    'string',
    '项目',
    "Cross-year checks: the column (applicant type) or table 二 row compared. Blank for a report's own checks (the detail says where).",
  ),
  field('detail', 'string', '说明', 'The figures that disagree.'),
  field('related_report_id', 'string', '相关报告编号', "Cross-year checks: the earlier year's report."),
];

/** Orders values as their JSON text would compare (strings directly), so equal ⇔ same JSON. */
function cmpJson(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const x = JSON.stringify(a ?? null);
  const y = JSON.stringify(b ?? null);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Who a report belongs to, for the year-to-year comparison: same agency, scope and place ⇔ 0. */
function cmpWho(a: ReportRecord, b: ReportRecord): number {
  const ga = a.region ?? ({} as ReportRecord['region']);
  const gb = b.region ?? ({} as ReportRecord['region']);
  return (
    cmpJson(a.agency, b.agency) ||
    cmpJson(a.scope, b.scope) ||
    cmpJson(ga.province, gb.province) ||
    cmpJson(ga.city, gb.city) ||
    cmpJson(ga.county, gb.county) ||
    cmpJson(ga.township, gb.township)
  );
}

const num = (v: unknown): v is number => typeof v === 'number';

export function crossYearChecks(records: ReportRecord[]): CheckRow[] {
  // Sorted by agency, then year (no key strings: a map of 100,000 keys cost ~40 MB of heap).
  const sorted = records
    .filter((r) => r.agency && num(r.year))
    .sort((a, b) => cmpWho(a, b) || (a.year as number) - (b.year as number));
  const rows: CheckRow[] = [];
  /** The only report of its agency in its year (none when the year has two). */
  const only = (i: number) => {
    const r = sorted[i];
    if (!r) return undefined;
    const same = (j: number) => sorted[j] !== undefined && sorted[j]!.year === r.year && cmpWho(sorted[j]!, r) === 0;
    return same(i - 1) || same(i + 1) ? undefined : r;
  };
  for (let i = 0; i < sorted.length; i++) {
    const prev = only(i);
    if (!prev) continue;
    const next = only(i + 1);
    if (next && next.year === (prev.year as number) + 1 && cmpWho(prev, next) === 0)
      rows.push(...crossYear(prev, next));
  }
  return rows;
}

const finding = (later: ReportRecord, earlier: ReportRecord, rule: string, item: string, detail: string): CheckRow => ({
  report_id: later.report_id,
  agency: later.agency,
  year: later.year,
  rule,
  item,
  detail,
  related_report_id: earlier.report_id,
});

type Table = Record<string, Record<string, unknown> | undefined> | null | undefined;

/** The cross-year identities of the form specs (CROSS_YEAR) between two consecutive reports. */
function crossYear(prev: ReportRecord, cur: ReportRecord): CheckRow[] {
  const out: CheckRow[] = [];
  for (const { table, spec } of CROSS_YEAR) {
    const before = prev[table] as Table;
    const after = cur[table] as Table;
    if (spec.kind === 'carry') {
      for (const col of columnKeys(table)) {
        const forward = before?.[spec.from]?.[col] ?? null;
        const over = after?.[spec.to]?.[col] ?? null;
        if (num(forward) && num(over) && forward !== over)
          out.push(
            finding(
              cur,
              prev,
              spec.rule,
              col,
              `${spec.from} ${prev.year} = ${forward} ≠ ${spec.to} ${cur.year} = ${over}`,
            ),
          );
      }
      continue;
    }
    for (const row of spec.rows) {
      const stock = before?.[row]?.[spec.stock];
      const { [spec.inflow]: inflow, [spec.outflow]: outflow, [spec.stock]: now } = after?.[row] ?? {};
      if (!num(stock) || !num(inflow) || !num(outflow) || !num(now)) continue;
      const expected = stock + inflow - outflow;
      if (expected !== now)
        out.push(
          finding(
            cur,
            prev,
            spec.rule,
            row,
            `${spec.stock} ${prev.year} = ${stock} + ${spec.inflow} ${cur.year} = ${inflow} − ${spec.outflow} ${cur.year} = ${outflow} = ${expected} ≠ ${spec.stock} ${cur.year} = ${now}`,
          ),
        );
    }
  }
  return out;
}

const columnKeys = (table: TableName): string[] =>
  table === 'applications' ? APPLICANT_COLUMNS : table === 'reviews' ? REVIEW_COLUMNS : PROACTIVE_COLUMN_KEYS;

export function reportChecks(records: ReportRecord[]): CheckRow[] {
  const rows: CheckRow[] = [];
  for (const r of records) {
    for (const c of r.checks ?? []) {
      if (!c.ok)
        rows.push({
          report_id: r.report_id,
          agency: r.agency,
          year: r.year,
          rule: c.rule,
          item: null,
          detail: c.detail,
          related_report_id: null,
        });
    }
  }
  return rows;
}

const cmp = (a: string | null, b: string | null) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);

/** Records sorted by report_id in, rows sorted by report_id, rule, item, detail out. */
export function allChecks(records: ReportRecord[]): CheckRow[] {
  return [...reportChecks(records), ...crossYearChecks(records)].sort(
    (a, b) => cmp(a.report_id, b.report_id) || cmp(a.rule, b.rule) || cmp(a.item, b.item) || cmp(a.detail, b.detail),
  );
}

/** Written in batches of rows, like reports.csv (30,000 rows as one text cost ~20 MB of heap). */
export function writeChecks(dir: string, rows: CheckRow[], name = 'checks.csv'): WrittenFile {
  const sink = new FileSink(dir, name);
  sink.write(csvText([CHECK_FIELDS.map((f) => f.name)], true));
  for (let i = 0; i < rows.length; i += BATCH) {
    sink.write(csvText(rows.slice(i, i + BATCH).map((c) => CHECK_FIELDS.map((f) => c[f.name as keyof CheckRow]))));
  }
  return sink.close();
}

/** checks.parquet: the rows of checks.csv, typed. */
export function writeChecksParquet(dir: string, rows: CheckRow[]): WrittenFile {
  const columns = CHECK_FIELDS.map((f) => ({
    name: f.name,
    type: f.type,
    get: (c: CheckRow) => c[f.name as keyof CheckRow],
  }));
  const batches: CheckRow[][] = [];
  for (let i = 0; i < rows.length || i === 0; i += 10_000) batches.push(rows.slice(i, i + 10_000));
  return writeParquetFile(dir, 'checks.parquet', columns, batches);
}
