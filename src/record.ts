// The record contract of docs/record-schema.md, in code. Its keys are the public
// interface of the dataset: journalists' CSV columns and researchers' code depend on them.
// The keys of the three form tables (rows, columns, templates, check rules) come from the form
// specs in src/forms/.
import {
  APPLICANT_COLUMNS,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  type ApplicantColumn,
  type ApplicationRow,
  type CheckRule,
  type ReviewColumn,
  type ReviewGroup,
  type Template,
} from './forms/index.js';

export type { Template };

export type Cell = number | null;
export type ApplicationsTable = Partial<Record<ApplicationRow, Record<ApplicantColumn, Cell>>>;
export type ReviewsTable = Record<ReviewGroup, Record<ReviewColumn, Cell>>;
/** Table 二: row → column → value; money rows also carry `amount_raw` (the cell as printed). */
export type ProactiveTable = Record<string, Record<string, Cell | string>>;

export type Scope = 'agency' | 'aggregate';
export type AdminLevel = 'central' | 'province' | 'city' | 'county' | 'township' | 'department';
export type Format = 'html' | 'pdf' | 'docx' | 'doc' | 'txt' | 'image';

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
  /** Present when pages were scans read by OCR: the engine, its version and the pages (1-based). */
  ocr?: { name: string; version: string; pages: number[] };
  /**
   * Present when the report was published as pictures on an article page (one picture per page): each
   * picture in page order (`page` = its place on the page, 1-based), with its URL and, when it came,
   * its sha256 and size, else `missing` (the failure kind that kept it away).
   */
  pictures?: SourcePicture[];
  /**
   * Every URL the report was found at, sorted: each document of it (an alias before redirects and its
   * target, a page and its own attachment, the same bytes at two addresses) and the pages linking them.
   * Set by `assemble`; the publisher fills it from document_url and page_url when absent.
   */
  urls?: string[];
}

/** One picture of a report published as pictures (see Source.pictures and sys/pictures.ts PictureSet). */
export interface SourcePicture {
  page: number;
  url: string;
  sha256?: string;
  bytes?: number;
  /** Why the picture is not there (a failure kind: http_404, not_an_image…); its page was not read. */
  missing?: string;
}

/** `source.urls`, or for a record made without a crawl (`ogi extract`) its document and page URLs, sorted. */
export function sourceUrls(source: Partial<Source> | null | undefined): string[] {
  if (Array.isArray(source?.urls)) return source.urls;
  return [
    ...new Set([source?.document_url, source?.page_url].filter((u): u is string => typeof u === 'string')),
  ].sort();
}

export interface Check {
  rule: CheckRule;
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
  | 'year_from_title' // no statistics-period sentence; year taken from the title
  | 'ocr_text' // pages of the document were scans, read by OCR
  | 'ocr_corrected' // one OCR digit corrected: the only one-digit reading under which the table's identities hold
  | 'missing_pages'; // a report published as pictures: some pictures did not come (or could not be read); the rest were read

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
  'ocr_text',
  'ocr_corrected',
];
/** Warnings that mean printed figures were not placed at all. */
export const UNPLACED_WARNINGS: readonly WarningCode[] = ['ambiguous_row', 'unparsed_value', 'missing_pages'];

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
  /** Read by OCR: the engine's confidence in the cell's text, 0–100 (its least sure word); absent otherwise. */
  confidence?: number;
}

export interface ReportRecord {
  report_id: string;
  title: string | null;
  agency: string | null;
  /**
   * The agency's id in the registry (src/publish/agencies.ts: stable across years, name variants and
   * versions); null when the record names no agency. Set by the publisher.
   */
  agency_id?: string | null;
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

/**
 * How many checks of a report fail, or null when none could run (no tables, or every identity's
 * cells blank): never shown as passing — the site, the CLI tables and
 * reports.csv (a blank checks_failed) show it as not checked.
 */
export function failedChecks(record: ReportRecord): number | null {
  if (record.checks.length === 0) return null;
  return record.checks.filter((c) => !c.ok).length;
}
