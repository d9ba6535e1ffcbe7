// Which table cells a failed check is about, so the report page can mark them. The extractor
// writes one check per column, row or group and names it first in `detail` ("natural_person: …");
// when the detail names no key, the identity is recomputed here (null counts as 0) to find the
// columns, rows or groups that break it, and failing that every cell the rule covers is marked.
import {
  APPLICANT_COLUMNS,
  APPLICATION_ROW_KEYS,
  OTHER_SUB_ROWS,
  OUTCOME_ROWS,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  type ApplicantColumn,
  type ApplicationRow,
  type Check,
  type ReportRecord,
  type ReviewGroup,
} from '../../record.js';

const BALANCE_ROWS: ApplicationRow[] = ['new_received', 'carried_over', 'total_processed', 'carried_forward'];
const PARTS = ['upheld', 'corrected', 'other', 'pending'] as const;

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

function outcomeRows(record: ReportRecord): ApplicationRow[] {
  const apps = record.applications ?? {};
  // as the extractor's check: the three sub-rows when printed, else the single （六） row (also on some 2021 forms)
  const sub = OTHER_SUB_ROWS.some((r) => apps[r]) || (record.template === '2021' && !apps.other);
  return [...OUTCOME_ROWS, ...(sub ? OTHER_SUB_ROWS : (['other'] as ApplicationRow[]))];
}

/** The keys a detail is about: the one it starts with ("natural_person: …"), else every key it names. */
function named<T extends string>(detail: string, keys: readonly T[]): T[] {
  const lead = /^([a-z_]+):/.exec(detail)?.[1];
  if (lead && (keys as readonly string[]).includes(lead)) return [lead as T];
  return keys.filter((k) => new RegExp(`(^|[^a-z_])${k}([^a-z_]|$)`).test(detail));
}

function firstOf<T>(found: T[], recompute: () => T[]): T[] {
  return found.length ? found : recompute();
}

function appCells(rows: readonly ApplicationRow[], cols: readonly ApplicantColumn[]): string[] {
  return rows.flatMap((r) => cols.map((c) => `applications.${r}.${c}`));
}

function reviewCells(groups: readonly ReviewGroup[]): string[] {
  return groups.flatMap((g) => REVIEW_COLUMNS.map((c) => `reviews.${g}.${c}`));
}

/** Cell paths (`applications.<row>.<column>`, `reviews.<group>.<column>`) a failed check involves. */
export function cellsOfCheck(record: ReportRecord, check: Check): string[] {
  if (check.ok) return [];
  const apps = record.applications ?? {};
  const cell = (r: ApplicationRow, c: ApplicantColumn) => apps[r]?.[c];
  switch (check.rule) {
    case 'applications.balance': {
      const bad = () =>
        APPLICANT_COLUMNS.filter(
          (c) =>
            num(cell('new_received', c)) + num(cell('carried_over', c)) !==
            num(cell('total_processed', c)) + num(cell('carried_forward', c)),
        );
      const cols = firstOf(named(check.detail, APPLICANT_COLUMNS), bad);
      return appCells(BALANCE_ROWS, cols.length ? cols : APPLICANT_COLUMNS);
    }
    case 'applications.row_sum': {
      const bad = () =>
        APPLICATION_ROW_KEYS.filter(
          (r) =>
            apps[r] && num(cell(r, 'total')) !== APPLICANT_COLUMNS.slice(0, 6).reduce((s, c) => s + num(cell(r, c)), 0),
        );
      const rows = firstOf(named(check.detail, APPLICATION_ROW_KEYS), bad);
      return appCells(rows.length ? rows : APPLICATION_ROW_KEYS.filter((r) => apps[r]), APPLICANT_COLUMNS);
    }
    case 'applications.outcome_sum': {
      const rows = outcomeRows(record);
      const bad = () =>
        APPLICANT_COLUMNS.filter(
          (c) => num(cell('total_processed', c)) !== rows.reduce((s, r) => s + num(cell(r, c)), 0),
        );
      const cols = firstOf(named(check.detail, APPLICANT_COLUMNS), bad);
      return appCells(['total_processed', ...rows], cols.length ? cols : APPLICANT_COLUMNS);
    }
    case 'reviews.total': {
      const reviews = record.reviews;
      const bad = () =>
        REVIEW_GROUPS.filter(
          (g) => reviews && num(reviews[g].total) !== PARTS.reduce((s, p) => s + num(reviews[g][p]), 0),
        );
      const groups = firstOf(named(check.detail, REVIEW_GROUPS), bad);
      return reviewCells(groups.length ? groups : REVIEW_GROUPS);
    }
    default:
      return [];
  }
}

export function failedChecks(record: ReportRecord): number {
  return record.checks.filter((c) => !c.ok).length;
}
