// The files of a version that hold data, described once for datapackage.json and CODEBOOK.md.
import { APPLICATIONS, CROSS_YEAR, PROACTIVE, REVIEWS, TABLE_FORMS, unnumbered } from '../forms/index.js';
import { AGENCY_FIELDS } from './agencies.js';
import { CELL_FIELDS } from './cells.js';
import { CHECK_FIELDS } from './checks.js';
import { LABEL_FIELDS } from './codes.js';
import { REPORT_COLUMNS } from './csv.js';
import {
  ADMIN_LEVELS,
  CELL_LABELS,
  CELL_TABLES,
  CELL_VIAS,
  CONFIDENCES,
  FORMATS,
  SCOPES,
  TEMPLATE_IDS,
} from './enums.js';
import { FAILURE_FIELDS } from './failures.js';
import type { Field } from './fields.js';
import { TIDY } from './tidy.js';
import { SQLITE_TABLES, SQLITE_VIEWS, VIEWS } from './views.js';

export interface ResourceInfo {
  /** Data Package resource name (lowercase, unique). */
  name: string;
  path: string;
  format: 'csv' | 'jsonl' | 'parquet' | 'duckdb' | 'sqlite';
  mediatype: string;
  title: string;
  zh: string;
  description: string;
  /** Tabular files only. */
  fields?: Field[];
  primaryKey?: string[];
  /** Columns that refer to another resource's primary key. */
  foreignKeys?: { fields: string[]; resource: string; referenceFields: string[] }[];
  /** False for a file whose bytes differ from build to build (its content does not): no hash in datapackage.json. */
  reproducible?: false;
}

/** The closed vocabularies of columns written elsewhere (src/publish/enums.ts), by column name. */
const ENUMS: Record<string, readonly string[]> = {
  scope: SCOPES,
  admin_level: ADMIN_LEVELS,
  template: TEMPLATE_IDS,
  format: FORMATS,
  confidence: CONFIDENCES,
  via: CELL_VIAS,
  label: CELL_LABELS,
};
const constrained = (fields: Field[], extra: Record<string, readonly string[]> = {}): Field[] =>
  fields.map(({ name, type, zh, en, enum: values, pattern }) => {
    const e = values ?? extra[name] ?? ENUMS[name];
    return { name, type, zh, en, ...(e ? { enum: e } : {}), ...(pattern ? { pattern } : {}) };
  });

const REPORT_FIELDS: Field[] = constrained(REPORT_COLUMNS);
const CELLS: Field[] = constrained(CELL_FIELDS, { table: CELL_TABLES });
const CHECKS: Field[] = constrained(CHECK_FIELDS, {
  rule: [...APPLICATIONS.identities, ...REVIEWS.identities, ...CROSS_YEAR.map((c) => c.spec)].map((i) => i.rule),
});
/** report_id refers to a row of reports.csv. */
const TO_REPORTS = [{ fields: ['report_id'], resource: 'reports', referenceFields: ['report_id'] }];

const TIDY_RESOURCES = tidyResources();

export const RESOURCES: ResourceInfo[] = [
  {
    name: 'reports',
    path: 'reports.csv',
    format: 'csv',
    mediatype: 'text/csv',
    title: 'Reports: one row per report, headline figures',
    zh: '报告一览（每份报告一行，主要数字）',
    description:
      'For journalists: metadata, source links and the headline figures of each report. UTF-8 with a byte order mark (Excel shows the Chinese), text cells starting with = + - @ prefixed with an apostrophe.',
    fields: REPORT_FIELDS,
    primaryKey: ['report_id'],
    foreignKeys: [{ fields: ['agency_id'], resource: 'agencies', referenceFields: ['agency_id'] }],
  },
  {
    name: 'reports-parquet',
    path: 'reports.parquet',
    format: 'parquet',
    mediatype: 'application/vnd.apache.parquet',
    title: 'Reports (Parquet): the rows of reports.csv, typed',
    zh: '报告一览（Parquet 格式）',
    description:
      'The same rows and columns as reports.csv with types: INT32 counts, DOUBLE money, UTF-8 strings, DATE published_date; blanks are nulls.',
    fields: REPORT_FIELDS,
    primaryKey: ['report_id'],
    foreignKeys: [{ fields: ['agency_id'], resource: 'agencies', referenceFields: ['agency_id'] }],
  },
  {
    name: 'agencies',
    path: 'agencies.csv',
    format: 'csv',
    mediatype: 'text/csv',
    title: 'Agencies: one row per reporting body and scope, linked across years and name variants',
    zh: '报告机关一览（跨年度、跨名称写法归并）',
    description:
      'The agency registry: agency_id (stable across years, name variants and versions), its names by year, place with the code of each level, level, scope, years and number of reports. UTF-8 with a byte order mark. reports.csv carries agency_id on every report.',
    fields: AGENCY_FIELDS,
    primaryKey: ['agency_id'],
  },
  {
    name: 'agencies-parquet',
    path: 'agencies.parquet',
    format: 'parquet',
    mediatype: 'application/vnd.apache.parquet',
    title: 'Agencies (Parquet): the rows of agencies.csv, typed',
    zh: '报告机关一览（Parquet 格式）',
    description: 'The same rows and columns as agencies.csv with types: INT32 years and counts, UTF-8 strings.',
    fields: AGENCY_FIELDS,
    primaryKey: ['agency_id'],
  },
  {
    name: 'reports-jsonl',
    path: 'reports.jsonl',
    format: 'jsonl',
    mediatype: 'application/x-ndjson',
    title: 'Full records: one JSON object per line',
    zh: '完整记录（每行一个 JSON 对象）',
    description:
      'Every extracted figure of every report, with its checks and extraction warnings; keys as in the record contract (see CODEBOOK.md). Sorted by report_id.',
  },
  ...TIDY_RESOURCES,
  {
    name: 'cells',
    path: 'cells.csv',
    format: 'csv',
    mediatype: 'text/csv',
    title: 'Where each figure was read: page and box, element or line of every cell of tables 二, 三, 四',
    zh: '数字出处（每个表格单元格在原文中的位置）',
    description:
      'One line per cell of tables 二, 三 and 四 that was read from a report (numbers, and cells printed blank such as "—"): the text as printed, how it was read (table, 统计表 or prose; strict or loose row label) and where — PDF page and box, HTML/DOCX element path, or text line and column. UTF-8 with a byte order mark, like reports.csv. Every record is listed, duplicates included; records made before extractor 1.2.0 have no lines.',
    fields: CELLS,
    primaryKey: ['report_id', 'table', 'row', 'column'],
    foreignKeys: TO_REPORTS,
  },
  {
    name: 'cells-parquet',
    path: 'cells.parquet',
    format: 'parquet',
    mediatype: 'application/vnd.apache.parquet',
    title: 'Where each figure was read (Parquet): the rows of cells.csv, typed',
    zh: '数字出处（Parquet 格式）',
    description:
      'The same rows and columns as cells.csv with types: DOUBLE value, INT32 page, line, col and ocr_confidence, UTF-8 strings (bbox as "x0,y0,x1,y1"); blanks are nulls.',
    fields: CELLS,
    primaryKey: ['report_id', 'table', 'row', 'column'],
    foreignKeys: TO_REPORTS,
  },
  {
    name: 'checks',
    path: 'checks.csv',
    format: 'csv',
    mediatype: 'text/csv',
    title: 'Failed accounting identities',
    zh: '未通过的勾稽关系',
    description:
      'Reports whose own numbers do not add up, and agencies whose figures do not carry over from one year to the next. Kept as printed: a finding, not an extraction error.',
    fields: CHECKS,
    foreignKeys: [
      ...TO_REPORTS,
      { fields: ['related_report_id'], resource: 'reports', referenceFields: ['report_id'] },
    ],
  },
  {
    name: 'checks-parquet',
    path: 'checks.parquet',
    format: 'parquet',
    mediatype: 'application/vnd.apache.parquet',
    title: 'Failed accounting identities (Parquet): the rows of checks.csv, typed',
    zh: '未通过的勾稽关系（Parquet 格式）',
    description: 'The same rows and columns as checks.csv, typed (INT32 year).',
    fields: CHECKS,
  },
  {
    name: 'failures',
    path: 'failures.csv',
    format: 'csv',
    mediatype: 'text/csv',
    title: 'Documents found but not extracted',
    zh: '未能提取的文件',
    description: 'Pages and documents the pipeline found but could not fetch or read, with the reason.',
    fields: FAILURE_FIELDS,
  },
  {
    name: 'failures-parquet',
    path: 'failures.parquet',
    format: 'parquet',
    mediatype: 'application/vnd.apache.parquet',
    title: 'Documents found but not extracted (Parquet)',
    zh: '未能提取的文件（Parquet 格式）',
    description: 'The same rows and columns as failures.csv.',
    fields: FAILURE_FIELDS,
  },
  {
    name: 'labels',
    path: 'labels.csv',
    format: 'csv',
    mediatype: 'text/csv',
    title: 'Labels of the rows and columns of the long tables',
    zh: '长表行列名称',
    description:
      'One line per row or column of applications, proactive and reviews: its integer code (row_code, column_code of the Parquet files), its key (row, column of the CSVs) and the Chinese and English labels of the official form.',
    fields: LABEL_FIELDS,
    primaryKey: ['table', 'axis', 'code'],
  },
  {
    name: 'labels-parquet',
    path: 'labels.parquet',
    format: 'parquet',
    mediatype: 'application/vnd.apache.parquet',
    title: 'Labels of the long tables (Parquet)',
    zh: '长表行列名称（Parquet 格式）',
    description:
      'The rows of labels.csv, typed: join row_code / column_code of a long Parquet table on (table, axis, code).',
    fields: LABEL_FIELDS,
    primaryKey: ['table', 'axis', 'code'],
  },
  {
    name: 'database-duckdb',
    path: 'ogi.duckdb',
    format: 'duckdb',
    mediatype: 'application/vnd.duckdb',
    title: 'Every table in one DuckDB database, with views',
    reproducible: false,
    zh: '全部数据表（DuckDB 数据库）',
    description: `The tables of the Parquet files (reports, applications, proactive, reviews, labels, cells, checks, failures) and the views ${VIEWS.map((v) => v.name).join(', ')}. Open with \`duckdb ogi.duckdb\`. The same rows every time, but DuckDB lays out its bytes anew on each build: its sha256 is in SHA256SUMS only.`,
  },
  {
    name: 'database-sqlite',
    path: 'ogi.sqlite',
    format: 'sqlite',
    mediatype: 'application/vnd.sqlite3',
    title: `${SQLITE_TABLES.join(', ')} in one SQLite database, for datasette`,
    zh: '报告、勾稽关系、失败与标签（SQLite 数据库）',
    description: `The tables ${SQLITE_TABLES.join(', ')} and the view ${SQLITE_VIEWS.map((v) => v.name).join(', ')}, with primary keys, foreign keys to reports and indexes on report_id, province and year: \`datasette ogi.sqlite --metadata ogi.metadata.json\` serves them with facets and SQL. The long tables and cells (millions of lines) are in ogi.duckdb and the Parquet files.`,
  },
];

function tidyResources(): ResourceInfo[] {
  const about = {
    applications: { form: APPLICATIONS, what: 'table 三' },
    proactive: { form: PROACTIVE, what: 'table 二' },
    reviews: { form: REVIEWS, what: 'table 四' },
  } as const;
  return (['applications', 'proactive', 'reviews'] as const).flatMap((table) => {
    const { form, what } = about[table];
    const [zh, en] = unnumbered(form.title);
    const forms =
      table === 'proactive'
        ? ` The columns differ between the forms (${TABLE_FORMS.map((f) => f.name[1]).join(', ')}).`
        : '';
    return [
      {
        name: table,
        path: `${table}.csv`,
        format: 'csv' as const,
        mediatype: 'text/csv',
        title: `${en}, long format`,
        zh: `${zh}（长表）`,
        description: `One line per cell of ${what} of each report, the row and column by key (labels.csv gives the Chinese and English labels).${forms}`,
        fields: TIDY[table].fields,
        primaryKey: ['report_id', 'row', 'column'],
        foreignKeys: TO_REPORTS,
      },
      {
        name: `${table}-parquet`,
        path: `${table}.parquet`,
        format: 'parquet' as const,
        mediatype: 'application/vnd.apache.parquet',
        title: `${en}, long format (Parquet)`,
        zh: `${zh}（长表，Parquet 格式）`,
        description: `The lines of ${table}.csv with the row and column as integer codes (row_code, column_code: join labels.parquet on table = '${table}', axis, code).`,
        fields: TIDY[table].parquetFields,
        primaryKey: ['report_id', 'row_code', 'column_code'],
        foreignKeys: TO_REPORTS,
      },
    ];
  });
}

const BY_PATH = new Map(RESOURCES.map((r) => [r.path, r]));

/**
 * The resource a written file is: a file of the version's own, or a file of a province folder
 * (by-province/<code>/applications.csv, or a part of it, applications-2.csv), described like the
 * whole file it is cut from and named after its path. Other files (the codebook, the site…): none.
 */
export function resourceOf(name: string): ResourceInfo | null {
  const own = BY_PATH.get(name);
  if (own) return own;
  const m = /^by-province\/([^/]+)\/(.+?)(?:-(\d+))?(\.csv)$/.exec(name);
  const whole = m ? BY_PATH.get(`${m[2]}${m[4]}`) : undefined;
  if (!m || !whole) return null;
  return {
    ...whole,
    name: `by-province-${m[1]}-${m[2]}${m[3] ? `-${m[3]}` : ''}`.toLowerCase(),
    title: `${whole.title}: province ${m[1]}${m[3] ? `, part ${m[3]}` : ''}`,
    zh: `${whole.zh}（${m[1]}${m[3] ? `，第 ${m[3]} 部分` : ''}）`,
    description: `The lines of ${whole.path} whose report is of province ${m[1]} (GB/T 2260; none: no province).${m[3] ? ` Part ${m[3]}: the file is cut into parts of at most 1,048,575 lines, a report's lines kept together.` : ''}`,
  };
}
