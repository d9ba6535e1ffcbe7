// The record contract of docs/record-schema.md, in code. Its keys are the public
// interface of the dataset: journalists' CSV columns and researchers' code depend on them.

export const APPLICANT_COLUMNS = [
  'natural_person',
  'commercial_enterprise',
  'research_institution',
  'social_welfare_org',
  'legal_service_org',
  'other_org',
  'total',
] as const;
export type ApplicantColumn = (typeof APPLICANT_COLUMNS)[number];

/** Table 三 rows in form order, with the official label (2019/2021 form wording). */
export const APPLICATION_ROWS = [
  ['new_received', '一、本年新收政府信息公开申请数量'],
  ['carried_over', '二、上年结转政府信息公开申请数量'],
  ['granted', '（一）予以公开'],
  ['partially_granted', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'],
  ['denied_state_secret', '（三）不予公开 1.属于国家秘密'],
  ['denied_law_prohibited', '（三）不予公开 2.其他法律行政法规禁止公开'],
  ['denied_security_stability', '（三）不予公开 3.危及“三安全一稳定”'],
  ['denied_third_party', '（三）不予公开 4.保护第三方合法权益'],
  ['denied_internal_affairs', '（三）不予公开 5.属于三类内部事务信息'],
  ['denied_process_info', '（三）不予公开 6.属于四类过程性信息'],
  ['denied_enforcement_file', '（三）不予公开 7.属于行政执法案卷'],
  ['denied_admin_query', '（三）不予公开 8.属于行政查询事项'],
  ['unable_not_held', '（四）无法提供 1.本机关不掌握相关政府信息'],
  ['unable_needs_creation', '（四）无法提供 2.没有现成信息需要另行制作'],
  ['unable_unclear', '（四）无法提供 3.补正后申请内容仍不明确'],
  ['rejected_complaint', '（五）不予处理 1.信访举报投诉类申请'],
  ['rejected_duplicate', '（五）不予处理 2.重复申请'],
  ['rejected_publication', '（五）不予处理 3.要求提供公开出版物'],
  ['rejected_excessive', '（五）不予处理 4.无正当理由大量反复申请'],
  ['rejected_confirmation', '（五）不予处理 5.要求行政机关确认或重新出具已获取信息'],
  ['other', '（六）其他处理'],
  ['other_no_correction', '（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
  ['other_unpaid_fee', '（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
  ['other_misc', '（六）其他处理 3.其他'],
  ['total_processed', '（七）总计'],
  ['carried_forward', '四、结转下年度继续办理'],
] as const;
export type ApplicationRow = (typeof APPLICATION_ROWS)[number][0];
export const APPLICATION_ROW_KEYS = APPLICATION_ROWS.map(([k]) => k) as ApplicationRow[];

/** Outcome rows summed by `applications.outcome_sum` (plus `other` or its three sub-rows). */
export const OUTCOME_ROWS: ApplicationRow[] = APPLICATION_ROW_KEYS.slice(
  APPLICATION_ROW_KEYS.indexOf('granted'),
  APPLICATION_ROW_KEYS.indexOf('rejected_confirmation') + 1,
);
export const OTHER_SUB_ROWS: ApplicationRow[] = ['other_no_correction', 'other_unpaid_fee', 'other_misc'];

export const APPLICANT_COLUMN_LABELS: Record<ApplicantColumn, string> = {
  natural_person: '自然人',
  commercial_enterprise: '商业企业',
  research_institution: '科研机构',
  social_welfare_org: '社会公益组织',
  legal_service_org: '法律服务机构',
  other_org: '其他',
  total: '总计',
};

export const REVIEW_GROUPS = ['review', 'litigation_direct', 'litigation_after_review'] as const;
export type ReviewGroup = (typeof REVIEW_GROUPS)[number];
export const REVIEW_COLUMNS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
export type ReviewColumn = (typeof REVIEW_COLUMNS)[number];
export const REVIEW_GROUP_LABELS: Record<ReviewGroup, string> = {
  review: '行政复议',
  litigation_direct: '行政诉讼·未经复议直接起诉',
  litigation_after_review: '行政诉讼·复议后起诉',
};
export const REVIEW_COLUMN_LABELS: Record<ReviewColumn, string> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
  total: '总计',
};

/** Table 二 layout per form: row key → its columns, and the Chinese labels. */
export const PROACTIVE_2019 = {
  regulations: ['new_made', 'new_published', 'total_published'],
  normative_documents: ['new_made', 'new_published', 'total_published'],
  licensing: ['prev_items', 'change', 'decisions'],
  other_services: ['prev_items', 'change', 'decisions'],
  penalty: ['prev_items', 'change', 'decisions'],
  coercion: ['prev_items', 'change', 'decisions'],
  fees: ['prev_items', 'change'],
  procurement: ['items', 'amount_wan_yuan'],
} as const;
export const PROACTIVE_2021 = {
  regulations: ['issued', 'repealed', 'in_force'],
  normative_documents: ['issued', 'repealed', 'in_force'],
  licensing: ['decisions'],
  penalty: ['decisions'],
  coercion: ['decisions'],
  fees: ['amount_wan_yuan'],
} as const;
export const PROACTIVE_ROW_LABELS: Record<string, string> = {
  regulations: '规章',
  normative_documents: '规范性文件',
  licensing: '行政许可',
  other_services: '其他对外管理服务事项',
  penalty: '行政处罚',
  coercion: '行政强制',
  fees: '行政事业性收费',
  procurement: '政府集中采购',
};
export const PROACTIVE_COLUMN_LABELS: Record<string, string> = {
  new_made: '本年新制作数量',
  new_published: '本年新公开数量',
  total_published: '对外公开总数量',
  prev_items: '上一年项目数量',
  change: '本年增/减',
  decisions: '处理决定数量',
  items: '采购项目数量',
  amount_wan_yuan: '金额（万元）',
  amount_raw: '金额（原文）',
  issued: '本年制发件数',
  repealed: '本年废止件数',
  in_force: '现行有效件数',
};

export type Cell = number | null;
export type ApplicationsTable = Partial<Record<ApplicationRow, Record<ApplicantColumn, Cell>>>;
export type ReviewsTable = Record<ReviewGroup, Record<ReviewColumn, Cell>>;
/** Table 二: row → column → value; money rows also carry `amount_raw` (the cell as printed). */
export type ProactiveTable = Record<string, Record<string, Cell | string>>;

export type Template = '2019' | '2021' | 'pre2019' | 'narrative' | 'unknown';
export type Scope = 'agency' | 'aggregate';
export type AdminLevel = 'central' | 'province' | 'city' | 'county' | 'township' | 'department';
export type Format = 'html' | 'pdf' | 'docx' | 'doc' | 'txt';

export interface Region {
  province: string | null;
  city: string | null;
  county: string | null;
  township: string | null;
  code: string | null;
}

/** A record's id: `r` + 16 hex digits of the SHA-256 of the first version of its document (stable across runs and versions). */
export function reportId(hash: string): string {
  return `r${hash.slice(0, 16)}`;
}

/** What a portal's list and detail pages said about a document; the extractor uses it only where the document is silent. */
export interface DocumentHints {
  title?: string;
  agency?: string;
  year?: number;
  published_date?: string;
  province?: string;
  admin_level?: string;
  crawler?: string;
}

export interface Source {
  page_url: string | null;
  document_url: string | null;
  format: Format;
  sha256: string;
  fetched_at: string | null;
  bytes: number;
  /**
   * Every URL the report was found at, sorted: each document of it (an alias before redirects and its
   * target, a page and its own attachment, the same bytes at two addresses) and the pages linking them.
   * Set by `assemble`; the publisher fills it from document_url and page_url when absent.
   */
  urls?: string[];
}

/** `source.urls`, or for a record made without a crawl (`ogi extract`) its document and page URLs, sorted. */
export function sourceUrls(source: Partial<Source> | null | undefined): string[] {
  if (Array.isArray(source?.urls)) return source.urls;
  return [
    ...new Set([source?.document_url, source?.page_url].filter((u): u is string => typeof u === 'string')),
  ].sort();
}

export interface Check {
  rule: 'applications.balance' | 'applications.row_sum' | 'applications.outcome_sum' | 'reviews.total';
  ok: boolean;
  detail: string;
}

export type WarningCode =
  | 'extra_row' // a local row the form does not have (e.g. 其他主动公开文件)
  | 'subtotal_row' // a 小计 row, skipped
  | 'signed_value' // "+2", "-1", "减少3"
  | 'glued_digits' // digits of neighbouring cells run together ("2729318")
  | 'unknown_money_unit' // a bare money number whose unit the report does not state
  | 'loose_label' // a label matched only loosely (clipped or reworded)
  | 'column_by_position' // a short row whose numbers were placed by x position
  | 'placed_by_identity' // a short row with no positions, placed where its identity allows exactly one way
  | 'ambiguous_row' // a short row with no positions and no single placement: its cells left blank
  | 'missing_row' // a form row the table does not print
  | 'unparsed_value' // a cell that is neither a number nor a blank
  | 'prose_figure' // a figure taken from prose (narrative reports)
  | 'unmapped_statistic' // a pre-2019 统计表 figure with no cell of the same meaning (行政诉讼数量: direct or after review?)
  | 'region_ambiguous' // a place name that resolves to several divisions
  | 'year_from_title'; // no statistics-period sentence; year taken from the title

/**
 * high: every figure read from a table by its own label, each cell's column certain, every identity holds;
 * medium: the reading involved a choice (a loose label, a split of run-together digits, a placement by
 * position or identity, a prose figure, a money unit), or an identity of the report fails as printed;
 * low: some printed figures could not be placed (ambiguous_row, unparsed_value), or an identity fails
 * where the reading involved a choice.
 */
export type Confidence = 'high' | 'medium' | 'low';

/** Warnings that mean the reading chose between possibilities (they lower `confidence`). */
export const CHOICE_WARNINGS: readonly WarningCode[] = [
  'loose_label',
  'glued_digits',
  'column_by_position',
  'placed_by_identity',
  'prose_figure',
  'unknown_money_unit',
];
/** Warnings that mean printed figures were not placed at all. */
export const UNPLACED_WARNINGS: readonly WarningCode[] = ['ambiguous_row', 'unparsed_value'];

export function confidenceOf(warnings: Warning[], checks: Check[]): Confidence {
  const chose = warnings.some((w) => CHOICE_WARNINGS.includes(w.code));
  const failed = checks.some((c) => !c.ok);
  if (warnings.some((w) => UNPLACED_WARNINGS.includes(w.code)) || (failed && chose)) return 'low';
  return chose || failed ? 'medium' : 'high';
}

export interface Warning {
  code: WarningCode;
  where: string;
  detail: string;
}

/** The tables a CellSource points into. */
export type CellTable = 'proactive' | 'applications' | 'reviews';

/**
 * Where one form cell of the record was read: one entry per cell the extractor filled from the
 * document (numbers, and printed blanks such as "—" read as blank). Locations are as precise as
 * the format allows (docs/record-schema.md, "cells").
 */
export interface CellSource {
  table: CellTable;
  /** The form row key (e.g. 'new_received', 'licensing', 'review'). */
  row: string;
  /** The form column key (e.g. 'natural_person', 'decisions', 'upheld'). */
  column: string;
  /** What the record holds for that cell. */
  value: number | null;
  /** The cell text exactly as printed (for prose, the phrase the figure was read from). */
  printed: string;
  via: 'table' | 'prose' | 'statistics_table';
  /** How the row label matched: 'loose' when only a fragment of it did (a loose_label warning). */
  label: 'strict' | 'loose';
  /** PDF: 1-based page. */
  page?: number;
  /** PDF: x0, y0, x1, y1 in PDF points, origin top-left of the page. */
  bbox?: [number, number, number, number];
  /** HTML/DOCX: element path of the cell, e.g. "body>div[2]>table[1]>tbody[1]>tr[5]>td[3]". */
  path?: string;
  /** Text formats (txt, the text of a .doc): 1-based line and character column of the printed value. */
  line?: number;
  col?: number;
}

export interface ReportRecord {
  report_id: string;
  title: string | null;
  agency: string | null;
  year: number | null;
  scope: Scope;
  published_date: string | null;
  region: Region;
  admin_level: AdminLevel | null;
  template: Template;
  source: Source;
  proactive: ProactiveTable | null;
  applications: ApplicationsTable | null;
  reviews: ReviewsTable | null;
  checks: Check[];
  warnings: Warning[];
  /** How sure the reading is (docs/record-schema.md "Confidence"): derived from the warnings and checks. */
  confidence: Confidence;
  /** Where each filled cell of the three tables was read (absent in records of extractor versions before 1.2.0). */
  cells?: CellSource[];
  /**
   * report_id of an earlier record of the same report (same agency, year, scope and figures: the HTML
   * page and its PDF attachment, or a copy on another portal); null for the first. Set by the publisher.
   */
  duplicate_of?: string | null;
  /** Version of the extractor that produced the record (re-extract when it changes). */
  extractor_version: string;
}

/** A fresh applicant-column row with every cell null. */
export function emptyApplicantRow(): Record<ApplicantColumn, Cell> {
  return Object.fromEntries(APPLICANT_COLUMNS.map((c) => [c, null])) as Record<ApplicantColumn, Cell>;
}

export function emptyReviews(): ReviewsTable {
  return Object.fromEntries(
    REVIEW_GROUPS.map((g) => [g, Object.fromEntries(REVIEW_COLUMNS.map((c) => [c, null]))]),
  ) as ReviewsTable;
}
