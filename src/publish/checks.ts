// checks.csv: every failed accounting identity. Per report, the extractor's own checks that
// failed (record.checks, ok = false). Across years, for one agency of the registry (agencies.ts:
// same scope, place and normalised name) with exactly one report in year N and one in N+1, the forms' cross-year identities (CROSS_YEAR in
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
import { buildRegistry, type Registry } from './agencies.js';
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

const num = (v: unknown): v is number => typeof v === 'number';

/** Two reports of one agency in consecutive years, each its agency's only report of its year. */
export interface YearPair {
  earlier: ReportRecord;
  later: ReportRecord;
}

/** The consecutive-year pairs of an agency's reports (sorted by year, as the registry gives them). */
export function yearPairs(reports: readonly ReportRecord[]): YearPair[] {
  const dated = reports.filter((r) => num(r.year));
  /** The only report of its agency in its year (none when the year has two). */
  const only = (i: number) => {
    const r = dated[i];
    if (!r) return undefined;
    return dated[i - 1]?.year === r.year || dated[i + 1]?.year === r.year ? undefined : r;
  };
  const pairs: YearPair[] = [];
  for (let i = 0; i < dated.length; i++) {
    const earlier = only(i);
    const later = only(i + 1);
    if (earlier && later && later.year === (earlier.year as number) + 1) pairs.push({ earlier, later });
  }
  return pairs;
}

/** One cross-year identity compared (both sides printed): the rule, the column or row, whether it holds. */
export interface Comparison {
  rule: string;
  item: string;
  ok: boolean;
  detail: string;
}

/**
 * The cross-year findings of each agency of the registry (agencies.ts: the one linkage of an
 * agency's reports across years and name variants): consecutive years with exactly one report each.
 */
export function crossYearChecks(records: ReportRecord[], registry: Registry = buildRegistry(records)): CheckRow[] {
  const rows: CheckRow[] = [];
  for (const agency of registry.agencies) {
    for (const { earlier, later } of yearPairs(agency.reports)) {
      for (const c of compareYears(earlier, later)) if (!c.ok) rows.push(finding(later, earlier, c));
    }
  }
  return rows;
}

const finding = (later: ReportRecord, earlier: ReportRecord, c: Comparison): CheckRow => ({
  report_id: later.report_id,
  agency: later.agency,
  year: later.year,
  rule: c.rule,
  item: c.item,
  detail: c.detail,
  related_report_id: earlier.report_id,
});

type Table = Record<string, Record<string, unknown> | undefined> | null | undefined;

/** The cross-year identities of the form specs (CROSS_YEAR) between two consecutive reports, each compared cell. */
export function compareYears(prev: ReportRecord, cur: ReportRecord): Comparison[] {
  const out: Comparison[] = [];
  for (const { table, spec } of CROSS_YEAR) {
    const before = prev[table] as Table;
    const after = cur[table] as Table;
    if (spec.kind === 'carry') {
      for (const col of columnKeys(table)) {
        const forward = before?.[spec.from]?.[col] ?? null;
        const over = after?.[spec.to]?.[col] ?? null;
        if (!num(forward) || !num(over)) continue;
        const ok = forward === over;
        out.push({
          rule: spec.rule,
          item: col,
          ok,
          detail: `${spec.from} ${prev.year} = ${forward} ${ok ? '=' : '≠'} ${spec.to} ${cur.year} = ${over}`,
        });
      }
      continue;
    }
    for (const row of spec.rows) {
      const stock = before?.[row]?.[spec.stock];
      const { [spec.inflow]: inflow, [spec.outflow]: outflow, [spec.stock]: now } = after?.[row] ?? {};
      if (!num(stock) || !num(inflow) || !num(outflow) || !num(now)) continue;
      const expected = stock + inflow - outflow;
      const ok = expected === now;
      out.push({
        rule: spec.rule,
        item: row,
        ok,
        detail: `${spec.stock} ${prev.year} = ${stock} + ${spec.inflow} ${cur.year} = ${inflow} − ${spec.outflow} ${cur.year} = ${outflow} = ${expected} ${ok ? '=' : '≠'} ${spec.stock} ${cur.year} = ${now}`,
      });
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
export function allChecks(records: ReportRecord[], registry: Registry = buildRegistry(records)): CheckRow[] {
  return [...reportChecks(records), ...crossYearChecks(records, registry)].sort(
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
