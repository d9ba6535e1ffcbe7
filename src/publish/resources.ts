// The files of a version that hold data, described once for datapackage.json and CODEBOOK.md.
import { APPLICATIONS, PROACTIVE, REVIEWS, TABLE_FORMS, unnumbered } from '../forms/index.js';
import { AGENCY_FIELDS } from './agencies.js';
import { CELL_FIELDS } from './cells.js';
import { CHECK_FIELDS } from './checks.js';
import { REPORT_COLUMNS } from './csv.js';
import { FAILURE_FIELDS } from './failures.js';
import type { Field } from './fields.js';
import { APPLICATIONS_FIELDS, PROACTIVE_FIELDS, REVIEWS_FIELDS } from './tidy.js';

export interface ResourceInfo {
  /** Data Package resource name (lowercase, unique). */
  name: string;
  path: string;
  format: 'csv' | 'jsonl' | 'parquet';
  mediatype: string;
  title: string;
  zh: string;
  description: string;
  /** Tabular files only. */
  fields?: Field[];
  primaryKey?: string[];
  /** Columns that refer to another resource's primary key. */
  foreignKeys?: { fields: string[]; resource: string; referenceFields: string[] }[];
}

const REPORT_FIELDS: Field[] = REPORT_COLUMNS.map(({ name, type, zh, en }) => ({ name, type, zh, en }));

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
  {
    name: 'applications',
    path: 'applications.csv',
    format: 'csv',
    mediatype: 'text/csv',
    title: `${unnumbered(APPLICATIONS.title)[1]}, long format`,
    zh: `${unnumbered(APPLICATIONS.title)[0]}（长表）`,
    description: 'One line per cell of table 三 of each report.',
    fields: APPLICATIONS_FIELDS,
    primaryKey: ['report_id', 'row', 'column'],
  },
  {
    name: 'proactive',
    path: 'proactive.csv',
    format: 'csv',
    mediatype: 'text/csv',
    title: `${unnumbered(PROACTIVE.title)[1]}, long format`,
    zh: `${unnumbered(PROACTIVE.title)[0]}（长表）`,
    description: `One line per cell of table 二 of each report; the columns differ between the forms (${TABLE_FORMS.map((f) => f.name[1]).join(', ')}).`,
    fields: PROACTIVE_FIELDS,
    primaryKey: ['report_id', 'row', 'column'],
  },
  {
    name: 'reviews',
    path: 'reviews.csv',
    format: 'csv',
    mediatype: 'text/csv',
    title: `${unnumbered(REVIEWS.title)[1]}, long format`,
    zh: `${unnumbered(REVIEWS.title)[0]}（长表）`,
    description: 'One line per cell of table 四 of each report.',
    fields: REVIEWS_FIELDS,
    primaryKey: ['report_id', 'row', 'column'],
  },
  {
    name: 'cells',
    path: 'cells.csv',
    format: 'csv',
    mediatype: 'text/csv',
    title: 'Where each figure was read: page and box, element or line of every cell of tables 二, 三, 四',
    zh: '数字出处（每个表格单元格在原文中的位置）',
    description:
      'One line per cell of tables 二, 三 and 四 that was read from a report (numbers, and cells printed blank such as "—"): the text as printed, how it was read (table, 统计表 or prose; strict or loose row label) and where — PDF page and box, HTML/DOCX element path, or text line and column. UTF-8 with a byte order mark, like reports.csv. Every record is listed, duplicates included; records made before extractor 1.2.0 have no lines.',
    fields: CELL_FIELDS,
    primaryKey: ['report_id', 'table', 'row', 'column'],
    foreignKeys: [{ fields: ['report_id'], resource: 'reports', referenceFields: ['report_id'] }],
  },
  {
    name: 'cells-parquet',
    path: 'cells.parquet',
    format: 'parquet',
    mediatype: 'application/vnd.apache.parquet',
    title: 'Where each figure was read (Parquet): the rows of cells.csv, typed',
    zh: '数字出处（Parquet 格式）',
    description:
      'The same rows and columns as cells.csv with types: DOUBLE value, INT32 page, line and col, UTF-8 strings (bbox as "x0,y0,x1,y1"); blanks are nulls.',
    fields: CELL_FIELDS,
    primaryKey: ['report_id', 'table', 'row', 'column'],
    foreignKeys: [{ fields: ['report_id'], resource: 'reports', referenceFields: ['report_id'] }],
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
    fields: CHECK_FIELDS,
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
];
