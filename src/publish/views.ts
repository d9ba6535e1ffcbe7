// The views of ogi.duckdb and ogi.sqlite, one SQL text for both: the long tables with their labels,
// table 三 wide (one row per report and row, a column per applicant type), and the reports with the
// share of requests refused. Tables are named after their files (reports, applications, labels…).
import { APPLICATIONS } from '../forms/index.js';
import { formKeys, TIDY_TABLES } from './codes.js';

const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

export interface View {
  name: string;
  /** What it shows (CODEBOOK.md, datasette's metadata). */
  description: string;
  /** The tables it reads. */
  tables: string[];
  sql: string;
}

function labelled(table: string): View {
  const raw = table === 'proactive' ? ', t.value_raw' : '';
  return {
    name: `${table}_labelled`,
    tables: [table, 'labels'],
    description: `${table} with each row and column by key and by its Chinese and English label (labels).`,
    sql: `SELECT t.report_id, r.key AS "row", r.label_zh AS row_label_zh, r.label_en AS row_label_en, c.key AS "column", c.label_zh AS column_label_zh, c.label_en AS column_label_en, t.value${raw}
FROM ${table} t
JOIN labels r ON r."table" = '${table}' AND r.axis = 'row' AND r.code = t.row_code
JOIN labels c ON c."table" = '${table}' AND c.axis = 'column' AND c.code = t.column_code`,
  };
}

function applicationsWide(): View {
  const columns = formKeys('applications', 'column').map(
    ([key], i) => `MAX(CASE WHEN t.column_code = ${i + 1} THEN t.value END) AS ${ident(key)}`,
  );
  return {
    name: 'applications_wide',
    tables: ['applications', 'labels'],
    description: `Table 三 as printed: one row per report and row, a column per applicant type (${APPLICATIONS.columns.map((c) => c.key).join(', ')}).`,
    sql: `SELECT t.report_id, r.key AS "row", r.label_zh AS row_label_zh, ${columns.join(', ')}
FROM applications t
JOIN labels r ON r."table" = 'applications' AND r.axis = 'row' AND r.code = t.row_code
GROUP BY t.report_id, r.code, r.key, r.label_zh`,
  };
}

const REFUSAL: View = {
  name: 'reports_refusal',
  tables: ['reports'],
  description:
    'Every report with its requests processed, refused (the denied headline figure of reports.csv) and the refused share of those processed (blank when nothing was processed or either figure is not printed).',
  sql: `SELECT report_id, agency, year, scope, province, city, county, admin_level, processed_total, denied,
CAST(denied AS DOUBLE) / NULLIF(processed_total, 0) AS refusal_share
FROM reports`,
};

export const VIEWS: View[] = [...TIDY_TABLES.map(labelled), applicationsWide(), REFUSAL];

/** The tables of ogi.sqlite (src/publish/sqlite.ts says why not the long ones), and the views it can hold. */
export const SQLITE_TABLES = ['reports', 'agencies', 'checks', 'failures', 'labels'];
export const SQLITE_VIEWS = VIEWS.filter((v) => v.tables.every((t) => SQLITE_TABLES.includes(t)));
