// checks.csv: every failed accounting identity. Per report, the extractor's own checks that
// failed (record.checks, ok = false). Across years, for one agency (same name, scope and place)
// with exactly one report in year N and one in N+1:
//   cross_year.carried_over  carried_forward(N) = carried_over(N+1), per applicant column
//   cross_year.in_force      in_force(N) + issued(N+1) − repealed(N+1) = in_force(N+1), for
//                            regulations and normative_documents (2021 form)
// A blank cell on either side means "not printed": nothing is compared. A year with two reports
// of one agency (say a page and its attachment) is ambiguous and not compared.
import { APPLICANT_COLUMNS, type Cell, type ReportRecord } from '../record.js';
import { csvText } from './csvfile.js';
import { type Field, field } from './fields.js';
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
    "applications.balance, applications.row_sum, applications.outcome_sum, reviews.total (one report's own identities); cross_year.carried_over, cross_year.in_force (across two years of one agency).",
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
      rows.push(...carriedOver(prev, next), ...inForce(prev, next));
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

function carriedOver(prev: ReportRecord, cur: ReportRecord): CheckRow[] {
  const out: CheckRow[] = [];
  for (const col of APPLICANT_COLUMNS) {
    const forward: Cell = prev.applications?.carried_forward?.[col] ?? null;
    const over: Cell = cur.applications?.carried_over?.[col] ?? null;
    if (num(forward) && num(over) && forward !== over) {
      out.push(
        finding(
          cur,
          prev,
          'cross_year.carried_over',
          col,
          `carried_forward ${prev.year} = ${forward} ≠ carried_over ${cur.year} = ${over}`,
        ),
      );
    }
  }
  return out;
}

function inForce(prev: ReportRecord, cur: ReportRecord): CheckRow[] {
  const out: CheckRow[] = [];
  for (const row of ['regulations', 'normative_documents']) {
    const before = prev.proactive?.[row]?.in_force;
    const { issued, repealed, in_force: after } = cur.proactive?.[row] ?? {};
    if (!num(before) || !num(issued) || !num(repealed) || !num(after)) continue;
    if (before + issued - repealed !== after) {
      out.push(
        finding(
          cur,
          prev,
          'cross_year.in_force',
          row,
          `in_force ${prev.year} = ${before} + issued ${cur.year} = ${issued} − repealed ${cur.year} = ${repealed} = ${before + issued - repealed} ≠ in_force ${cur.year} = ${after}`,
        ),
      );
    }
  }
  return out;
}

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
export function writeChecks(dir: string, rows: CheckRow[]): WrittenFile {
  const sink = new FileSink(dir, 'checks.csv');
  sink.write(csvText([CHECK_FIELDS.map((f) => f.name)]));
  for (let i = 0; i < rows.length; i += BATCH) {
    sink.write(csvText(rows.slice(i, i + BATCH).map((c) => CHECK_FIELDS.map((f) => c[f.name as keyof CheckRow]))));
  }
  return sink.close();
}
