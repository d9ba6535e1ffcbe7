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
import { type WrittenFile, writeWhole } from './sink.js';

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
  field('report_id', 'string', '报告编号', 'The report whose figures do not add up (for a cross-year check: the later year\'s report).'),
  field('agency', 'string', '报告机关', 'The reporting body.'),
  field('year', 'integer', '报告年度', 'Year of that report.'),
  field('rule', 'string', '规则', 'applications.balance, applications.row_sum, applications.outcome_sum, reviews.total (one report\'s own identities); cross_year.carried_over, cross_year.in_force (across two years of one agency).'),
  field('item', 'string', '项目', 'Cross-year checks: the column (applicant type) or table 二 row compared. Blank for a report\'s own checks (the detail says where).'),
  field('detail', 'string', '说明', 'The figures that disagree.'),
  field('related_report_id', 'string', '相关报告编号', 'Cross-year checks: the earlier year\'s report.'),
];

/** Who a report belongs to, and the year: the key of the year-to-year comparison. */
function agencyYearKey(r: ReportRecord, year: unknown): string | null {
  if (!r.agency || r.year === null || r.year === undefined) return null;
  const g = r.region ?? ({} as ReportRecord['region']);
  return JSON.stringify([year, r.agency, r.scope, g.province ?? null, g.city ?? null, g.county ?? null, g.township ?? null]);
}

const num = (v: unknown): v is number => typeof v === 'number';

export function crossYearChecks(records: ReportRecord[]): CheckRow[] {
  // One flat map (agency + year → its only report, or null when that year has two): a map per
  // agency cost ~50 MB for 100,000 reports.
  const byYear = new Map<string, ReportRecord | null>();
  for (const r of records) {
    const key = agencyYearKey(r, r.year);
    if (key !== null) byYear.set(key, byYear.has(key) ? null : r);
  }
  const rows: CheckRow[] = [];
  for (const r of records) {
    const key = agencyYearKey(r, r.year);
    if (key === null || byYear.get(key) !== r) continue;
    const next = byYear.get(agencyYearKey(r, (r.year as number) + 1)!);
    if (next) rows.push(...carriedOver(r, next), ...inForce(r, next));
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
        finding(cur, prev, 'cross_year.carried_over', col,
          `carried_forward ${prev.year} = ${forward} ≠ carried_over ${cur.year} = ${over}`),
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
        finding(cur, prev, 'cross_year.in_force', row,
          `in_force ${prev.year} = ${before} + issued ${cur.year} = ${issued} − repealed ${cur.year} = ${repealed} = ${before + issued - repealed} ≠ in_force ${cur.year} = ${after}`),
      );
    }
  }
  return out;
}

export function reportChecks(records: ReportRecord[]): CheckRow[] {
  const rows: CheckRow[] = [];
  for (const r of records) {
    for (const c of r.checks ?? []) {
      if (!c.ok) rows.push({ report_id: r.report_id, agency: r.agency, year: r.year, rule: c.rule, item: null, detail: c.detail, related_report_id: null });
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

export function writeChecks(dir: string, rows: CheckRow[]): WrittenFile {
  const table = [CHECK_FIELDS.map((f) => f.name), ...rows.map((c) => CHECK_FIELDS.map((f) => c[f.name as keyof CheckRow]))];
  return writeWhole(dir, 'checks.csv', csvText(table));
}
