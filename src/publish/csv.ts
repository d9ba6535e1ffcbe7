// reports.csv: one row per report for journalists — metadata, source links, headline figures.
// The same rows, typed, go to reports.parquet. Every column is described here once.
import {
  type ApplicantColumn,
  type ApplicationRow,
  type Cell,
  OTHER_SUB_ROWS,
  type ReportRecord,
  type ReviewColumn,
  type ReviewGroup,
  sourceUrls,
} from '../record.js';
import { csvText } from './csvfile.js';
import { type Field, field } from './fields.js';
import { FileSink, type WrittenFile } from './sink.js';

// Small batches: a batch of 1,000 rows lived long enough to be promoted to the old heap (~60 MB per publish).
const BATCH = 50;

/** Sum of cells: null when every cell is null (nothing printed), else the sum of those printed. */
export function sumCells(cells: Cell[]): Cell {
  let sum: number | null = null;
  for (const c of cells) if (typeof c === 'number') sum = (sum ?? 0) + c;
  return sum;
}

const app = (r: ReportRecord, row: ApplicationRow, col: ApplicantColumn = 'total'): Cell =>
  r.applications?.[row]?.[col] ?? null;
const appSum = (r: ReportRecord, prefix: string): Cell =>
  r.applications
    ? sumCells(
        Object.entries(r.applications)
          .filter(([k]) => k.startsWith(prefix))
          .map(([, v]) => v?.total ?? null),
      )
    : null;
const rev = (r: ReportRecord, group: ReviewGroup, col: ReviewColumn): Cell => r.reviews?.[group]?.[col] ?? null;
const pro = (r: ReportRecord, row: string, col: string): Cell => {
  const v = r.proactive?.[row]?.[col];
  return typeof v === 'number' ? v : null;
};
/** 2021 form: `issued`; 2019 form: `new_made` (本年新制作数量), the nearest equivalent. */
const issued = (r: ReportRecord, row: string): Cell => pro(r, row, 'issued') ?? pro(r, row, 'new_made');

interface Column extends Field {
  get: (r: ReportRecord) => string | number | null;
}
const col = (name: string, type: Field['type'], zh: string, en: string, get: Column['get']): Column => ({
  ...field(name, type, zh, en),
  get,
});

export const REPORT_COLUMNS: Column[] = [
  col(
    'report_id',
    'string',
    '报告编号',
    'Stable id of the report: the same document keeps it across versions.',
    (r) => r.report_id,
  ),
  col('title', 'string', '报告标题', 'Report title as printed.', (r) => r.title),
  col('agency', 'string', '报告机关', 'The reporting body (机关).', (r) => r.agency),
  col(
    'year',
    'integer',
    '报告年度',
    'Year the report covers (from its statistics period, else its title; never the publication date).',
    (r) => r.year,
  ),
  col(
    'scope',
    'string',
    '范围',
    '"agency": the body\'s own work; "aggregate": a whole province/city/county compiled from all its units. Never add the two up.',
    (r) => r.scope,
  ),
  col('province', 'string', '省级行政区', 'Province-level division.', (r) => r.region?.province ?? null),
  col('city', 'string', '地级行政区', 'Prefecture-level division.', (r) => r.region?.city ?? null),
  col('county', 'string', '县级行政区', 'County-level division.', (r) => r.region?.county ?? null),
  col('township', 'string', '乡级行政区', 'Township-level division.', (r) => r.region?.township ?? null),
  col('region_code', 'string', '行政区划代码', 'GB/T 2260 division code where known.', (r) => r.region?.code ?? null),
  col(
    'admin_level',
    'string',
    '机关层级',
    'central, province, city, county, township, or department (a government department at any level).',
    (r) => r.admin_level,
  ),
  col(
    'template',
    'string',
    '报告格式',
    'Form used: 2019 (国办公开办函〔2019〕60号), 2021 (国办公开办函〔2021〕30号), pre2019, narrative (figures only in prose), unknown.',
    (r) => r.template,
  ),
  col(
    'published_date',
    'date',
    '发布日期',
    'Date printed in the report or on its page (ISO), else blank.',
    (r) => r.published_date,
  ),
  col(
    'page_url',
    'string',
    '报告页面链接',
    "The report's page on the government portal.",
    (r) => r.source?.page_url ?? null,
  ),
  col(
    'document_url',
    'string',
    '报告文件链接',
    'The document the figures were read from (the page itself or its attachment).',
    (r) => r.source?.document_url ?? null,
  ),
  col(
    'format',
    'string',
    '文件格式',
    'Format of that document: html, pdf, docx, doc, txt.',
    (r) => r.source?.format ?? null,
  ),
  col('sha256', 'string', '文件校验值', 'SHA-256 of the document bytes as fetched.', (r) => r.source?.sha256 ?? null),
  col(
    'duplicate_of',
    'string',
    '重复报告',
    'report_id of an earlier record of the same report (same agency, year, scope and figures: e.g. the HTML page and its PDF attachment, or a copy on another portal); blank for the first. Count a report once by skipping rows where this is set.',
    (r) => r.duplicate_of ?? null,
  ),
  col(
    'source_urls',
    'string',
    '报告所有链接',
    'Every URL the report was found at (a redirect alias and its target, the page and its own attachment, the same file at two addresses), sorted, separated by spaces.',
    (r) => sourceUrls(r.source).join(' ') || null,
  ),
  col(
    'applications_new',
    'integer',
    '本年新收政府信息公开申请数量',
    'Applications received this year (table 三, row 一, total).',
    (r) => app(r, 'new_received'),
  ),
  col(
    'applications_new_natural_person',
    'integer',
    '本年新收申请数量（自然人）',
    'Applications received this year from natural persons.',
    (r) => app(r, 'new_received', 'natural_person'),
  ),
  col(
    'applications_carried_over',
    'integer',
    '上年结转政府信息公开申请数量',
    'Applications carried over from last year (row 二, total).',
    (r) => app(r, 'carried_over'),
  ),
  col(
    'processed_total',
    'integer',
    '本年度办理结果总计',
    'Applications processed this year (row 三（七）总计, total).',
    (r) => app(r, 'total_processed'),
  ),
  col('granted', 'integer', '予以公开', 'Processed: information disclosed in full (三（一）).', (r) =>
    app(r, 'granted'),
  ),
  col('partially_granted', 'integer', '部分公开', 'Processed: disclosed in part (三（二）).', (r) =>
    app(r, 'partially_granted'),
  ),
  col(
    'denied',
    'integer',
    '不予公开',
    'Processed: disclosure refused (三（三）, sum of its 8 reason rows; blank when none is printed).',
    (r) => appSum(r, 'denied_'),
  ),
  col(
    'unable',
    'integer',
    '无法提供',
    'Processed: information cannot be provided (三（四）, sum of its 3 rows: not held, would need creating, request unclear).',
    (r) => appSum(r, 'unable_'),
  ),
  col(
    'rejected',
    'integer',
    '不予处理',
    'Processed: request not handled (三（五）, sum of its 5 rows: complaints, duplicates, publications, excessive, confirmations).',
    (r) => appSum(r, 'rejected_'),
  ),
  col(
    'other_processing',
    'integer',
    '其他处理',
    "Processed otherwise (三（六）: the 2019 form's single row, or the sum of the 2021 form's 3 sub-rows).",
    (r) => app(r, 'other') ?? sumCells(OTHER_SUB_ROWS.map((row) => app(r, row))),
  ),
  col(
    'carried_forward',
    'integer',
    '结转下年度继续办理',
    'Applications carried forward to next year (row 四, total).',
    (r) => app(r, 'carried_forward'),
  ),
  col('review_total', 'integer', '行政复议总计', 'Administrative reconsiderations (行政复议), total.', (r) =>
    rev(r, 'review', 'total'),
  ),
  col(
    'review_corrected',
    'integer',
    '行政复议结果纠正',
    'Administrative reconsiderations whose result corrected the agency.',
    (r) => rev(r, 'review', 'corrected'),
  ),
  col(
    'litigation_total',
    'integer',
    '行政诉讼总计',
    'Administrative lawsuits, total (direct + after reconsideration).',
    (r) => sumCells([rev(r, 'litigation_direct', 'total'), rev(r, 'litigation_after_review', 'total')]),
  ),
  col(
    'litigation_corrected',
    'integer',
    '行政诉讼结果纠正',
    'Administrative lawsuits whose result corrected the agency (direct + after reconsideration).',
    (r) => sumCells([rev(r, 'litigation_direct', 'corrected'), rev(r, 'litigation_after_review', 'corrected')]),
  ),
  col(
    'regulations_issued',
    'integer',
    '规章本年制发件数',
    'Regulations (规章) issued this year (2021 form 本年制发件数; 2019 form 本年新制作数量).',
    (r) => issued(r, 'regulations'),
  ),
  col('regulations_in_force', 'integer', '规章现行有效件数', 'Regulations in force (2021 form only).', (r) =>
    pro(r, 'regulations', 'in_force'),
  ),
  col(
    'normative_documents_issued',
    'integer',
    '规范性文件本年制发件数',
    'Normative documents (行政规范性文件) issued this year (2021 form 本年制发件数; 2019 form 本年新制作数量).',
    (r) => issued(r, 'normative_documents'),
  ),
  col(
    'normative_documents_in_force',
    'integer',
    '规范性文件现行有效件数',
    'Normative documents in force (2021 form only).',
    (r) => pro(r, 'normative_documents', 'in_force'),
  ),
  col('licensing_decisions', 'integer', '行政许可处理决定数量', 'Administrative licensing decisions this year.', (r) =>
    pro(r, 'licensing', 'decisions'),
  ),
  col('penalty_decisions', 'integer', '行政处罚处理决定数量', 'Administrative penalty decisions this year.', (r) =>
    pro(r, 'penalty', 'decisions'),
  ),
  col('coercion_decisions', 'integer', '行政强制处理决定数量', 'Administrative coercion decisions this year.', (r) =>
    pro(r, 'coercion', 'decisions'),
  ),
  col(
    'fees_wan_yuan',
    'number',
    '行政事业性收费金额（万元）',
    'Administrative fees collected, in 万元 (10,000 yuan) (2021 form only; blank when the unit is unknown).',
    (r) => pro(r, 'fees', 'amount_wan_yuan'),
  ),
  col(
    'checks_failed',
    'integer',
    '未通过的勾稽关系数',
    "How many of the report's own accounting identities fail (listed in checks.csv).",
    (r) => (r.checks ?? []).filter((c) => !c.ok).length,
  ),
  col(
    'confidence',
    'string',
    '提取可信度',
    'high, medium or low: how sure the reading is (CODEBOOK.md, record field confidence).',
    (r) => r.confidence ?? null,
  ),
  col(
    'warnings',
    'integer',
    '提取警告数',
    'How many things the extractor was unsure of (listed in reports.jsonl).',
    (r) => (r.warnings ?? []).length,
  ),
];

export function reportRow(r: ReportRecord): (string | number | null)[] {
  return REPORT_COLUMNS.map((c) => c.get(r));
}

/** Written in batches of rows, so 100,000 reports never sit in memory as one text. */
export function writeReportsCsv(dir: string, records: ReportRecord[]): WrittenFile {
  const sink = new FileSink(dir, 'reports.csv');
  sink.write(csvText([REPORT_COLUMNS.map((c) => c.name)], true));
  for (let i = 0; i < records.length; i += BATCH) sink.write(csvText(records.slice(i, i + BATCH).map(reportRow)));
  return sink.close();
}
