// reports.csv: one row per report for journalists — metadata, source links, headline figures.
// The same rows, typed, go to reports.parquet. Every column is described here once; the headline
// figures are those of the form specs (src/forms/headlines.ts).
import { HEADLINES, figureType, figureValue } from '../forms/index.js';
import { confidenceOf, failedChecks, type ReportRecord, sourceUrls } from '../record.js';
import { csvCell, csvText } from './csvfile.js';
import { type Column as FieldColumn, column } from './fields.js';
import { type LevelCodes, levelCodes, REGION_CODES } from './regions.js';
import { type ParquetColumn, ParquetSink } from './parquet.js';
import { FileSink, type WrittenFile } from './sink.js';

type Column = FieldColumn<ReportRecord>;
const col = column<ReportRecord>;

/** The level codes of a record's region, computed once per region object (four columns read them). */
const levelCodesOf = new WeakMap<object, LevelCodes>();
function codes(r: ReportRecord): LevelCodes {
  if (!r.region) return levelCodes(null);
  let c = levelCodesOf.get(r.region);
  if (!c) {
    c = levelCodes(r.region);
    levelCodesOf.set(r.region, c);
  }
  return c;
}

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
    'agency_id',
    'string',
    '机关编号',
    'The agency\'s id in agencies.csv: the same for its reports of every year and every way its name is written, and in every version (CODEBOOK.md, "Agencies").',
    (r) => r.agency_id ?? null,
  ),
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
  col(
    'province_code',
    'string',
    '省级区划代码',
    `Province code: ${REGION_CODES.upper}.`,
    (r) => codes(r).province_code,
  ),
  col(
    'city_code',
    'string',
    '地级区划代码',
    `Prefecture code: ${REGION_CODES.upper}; for a municipality's districts, the municipality's code.`,
    (r) => codes(r).city_code,
  ),
  col('county_code', 'string', '县级区划代码', `County code: ${REGION_CODES.upper}.`, (r) => codes(r).county_code),
  col(
    'township_code',
    'string',
    '乡级区划代码',
    `Township code: ${REGION_CODES.township}.`,
    (r) => codes(r).township_code,
  ),
  col(
    'region_code',
    'string',
    '行政区划代码（已弃用）',
    'Deprecated: the code of the most specific division named (6 digits, or 9 for a township); use the four level codes. Kept for existing scripts.',
    (r) => r.region?.code ?? null,
  ),
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
    'Format of that document: html, pdf, docx, doc, txt, image (a picture, read by OCR).',
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
  // The headline figures, as the form specs define them.
  ...HEADLINES.map((h) => col(h.name, figureType(h.figure), h.label[0], h.label[1], (r) => figureValue(r, h.figure))),
  col(
    'checks_run',
    'integer',
    '已核对的勾稽关系数',
    "How many of the report's own accounting identities could be checked (0: none could run, e.g. no table 三 or 四 printed).",
    (r) => (r.checks ?? []).length,
  ),
  col(
    'checks_failed',
    'integer',
    '未通过的勾稽关系数',
    "How many of the report's own accounting identities fail (listed in checks.csv); blank when none could be checked (checks_run 0), never 0 for 'not checked'.",
    (r) => failedChecks(r),
  ),
  col(
    'confidence',
    'string',
    '提取可信度',
    'high, medium or low: how sure the reading is (CODEBOOK.md, record field confidence).',
    (r) => r.confidence ?? confidenceOf(r.warnings ?? [], r.checks ?? []),
  ),
  col(
    'fetched_at',
    'string',
    '抓取时间',
    'When the document was fetched (ISO 8601 date and time, UTC); blank for a file given to ogi extract.',
    (r) => r.source?.fetched_at ?? null,
  ),
  col(
    'extractor_version',
    'string',
    '提取程序版本',
    'Version of the extractor that read the document (records are re-read when it changes).',
    (r) => r.extractor_version ?? null,
  ),
  col(
    'warnings',
    'integer',
    '提取警告数',
    'How many things the extractor was unsure of (listed in reports.jsonl).',
    (r) => (r.warnings ?? []).length,
  ),
];

export type ReportRow = (string | number | null)[];

export function reportRow(r: ReportRecord): ReportRow {
  return REPORT_COLUMNS.map((c) => c.get(r));
}

/** reports.csv's first line (with the byte order mark), also of each province's reports.csv. */
export const REPORTS_HEADER = csvText([REPORT_COLUMNS.map((c) => c.name)], true);

/** A row of reports.csv as its CRLF-ended line. */
export const reportLine = (row: ReportRow): string => `${row.map(csvCell).join(',')}\r\n`;

const PARQUET_COLUMNS: ParquetColumn<ReportRow>[] = REPORT_COLUMNS.map((c, i) => ({
  name: c.name,
  type: c.type,
  get: (row) => row[i],
}));

/**
 * reports.csv and reports.parquet, fed one record at a time: its row is made once (the headline
 * figures are read once per report) and handed back with its line, for the province's copy and
 * ogi.sqlite's input.
 */
export class ReportsWriter {
  private readonly csv: FileSink;
  private readonly parquet: ParquetSink<ReportRow>;

  constructor(dir: string) {
    this.csv = new FileSink(dir, 'reports.csv');
    this.csv.write(REPORTS_HEADER);
    this.parquet = new ParquetSink(dir, 'reports.parquet', PARQUET_COLUMNS);
  }

  add(r: ReportRecord): { row: ReportRow; line: string } {
    const row = reportRow(r);
    const line = reportLine(row);
    this.csv.write(line);
    this.parquet.add(row);
    return { row, line };
  }

  close(): WrittenFile[] {
    return [this.csv.close(), this.parquet.close()];
  }
}
