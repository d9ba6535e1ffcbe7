// reports.jsonl: one full record per line, the schema's keys only, in one fixed order (the
// order of docs/record-schema.md), rows and columns in form order. Keys the schema
// does not know are dropped at the top level; unknown table rows/columns are kept, sorted after
// the known ones (the extractor's business, not the publisher's, to decide what they are).
import {
  APPLICANT_COLUMNS,
  APPLICATION_ROW_KEYS,
  PROACTIVE_COLUMN_KEYS as PROACTIVE_COLUMNS,
  PROACTIVE_ROW_KEYS as PROACTIVE_ROWS,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
} from '../forms/index.js';
import { confidenceOf, sourceUrls, type CellSource, type ReportRecord, type SourcePicture } from '../record.js';
import { FileSink, type WrittenFile } from './sink.js';

type Obj = Record<string, unknown>;

/** Keys of `value` in the order of `known`, then the rest sorted; null for a missing value. */
function ordered(value: unknown, known: readonly string[], inner?: (v: unknown) => unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value ?? null;
  const obj = value as Obj;
  const out: Obj = {};
  for (const k of known) if (k in obj) out[k] = inner ? inner(obj[k]) : (obj[k] ?? null);
  const keys = Object.keys(obj);
  if (Object.keys(out).length < keys.length) {
    for (const k of keys.filter((k) => !(k in out)).sort()) out[k] = inner ? inner(obj[k]) : (obj[k] ?? null);
  }
  return out;
}

/** A picture of `source.pictures`: its keys in the contract's order (sha256, bytes: when it came; missing: when not read). */
const PICTURE_KEYS = ['page', 'url', 'sha256', 'bytes', 'missing'] as const;

const CELL_LOCATION_KEYS = ['page', 'bbox', 'path', 'line', 'col', 'confidence'] as const;

/** A cell source with its keys in the contract's order; location keys only where set. */
function canonicalCell(c: CellSource): CellSource {
  const out: CellSource = {
    table: c.table,
    row: c.row,
    column: c.column,
    value: c.value ?? null,
    printed: c.printed,
    via: c.via,
    label: c.label,
  };
  for (const k of CELL_LOCATION_KEYS) if (c[k] !== undefined && c[k] !== null) (out as unknown as Obj)[k] = c[k];
  return out;
}

/** The record with the schema's keys in canonical order: same record ⇒ same JSON text. */
export function canonicalRecord(r: ReportRecord): ReportRecord {
  const region = (r.region ?? {}) as unknown as Obj;
  const source = (r.source ?? {}) as unknown as Obj;
  return {
    report_id: r.report_id,
    title: r.title ?? null,
    agency: r.agency ?? null,
    // Set by the publisher (agencies.ts); a record given without it is given none.
    ...(r.agency_id !== undefined ? { agency_id: r.agency_id } : {}),
    year: r.year ?? null,
    scope: r.scope,
    published_date: r.published_date ?? null,
    region: {
      province: (region.province as string) ?? null,
      city: (region.city as string) ?? null,
      county: (region.county as string) ?? null,
      township: (region.township as string) ?? null,
      code: (region.code as string) ?? null,
    },
    admin_level: r.admin_level ?? null,
    template: r.template,
    source: {
      page_url: (source.page_url as string) ?? null,
      document_url: (source.document_url as string) ?? null,
      format: source.format as ReportRecord['source']['format'],
      sha256: source.sha256 as string,
      fetched_at: (source.fetched_at as string) ?? null,
      bytes: source.bytes as number,
      ...(source.ocr ? { ocr: source.ocr as ReportRecord['source']['ocr'] } : {}),
      ...(Array.isArray(source.pictures)
        ? {
            pictures: (source.pictures as SourcePicture[]).map(
              (p) => ordered(p, PICTURE_KEYS, (v) => v) as unknown as SourcePicture,
            ),
          }
        : {}),
      urls: sourceUrls(r.source),
    },
    duplicate_of: r.duplicate_of ?? null,
    proactive: ordered(r.proactive, PROACTIVE_ROWS, (row) =>
      ordered(row, PROACTIVE_COLUMNS),
    ) as ReportRecord['proactive'],
    applications: ordered(r.applications, APPLICATION_ROW_KEYS, (row) =>
      ordered(row, APPLICANT_COLUMNS),
    ) as ReportRecord['applications'],
    reviews: ordered(r.reviews, REVIEW_GROUPS, (group) => ordered(group, REVIEW_COLUMNS)) as ReportRecord['reviews'],
    checks: (r.checks ?? []).map((c) => ({ rule: c.rule, ok: c.ok, detail: c.detail })),
    warnings: (r.warnings ?? []).map((w) => ({ code: w.code, where: w.where, detail: w.detail })),
    confidence: r.confidence ?? confidenceOf(r.warnings ?? [], r.checks ?? []),
    // Records of extractors before 1.2.0 have no cells: the key stays absent rather than an empty list.
    ...(Array.isArray(r.cells) ? { cells: r.cells.map(canonicalCell) } : {}),
    extractor_version: r.extractor_version,
  };
}

/** reports.jsonl, fed one canonical record at a time. */
export class JsonlWriter {
  private readonly sink: FileSink;
  constructor(dir: string) {
    this.sink = new FileSink(dir, 'reports.jsonl');
  }
  add(canonical: ReportRecord): void {
    this.sink.write(`${JSON.stringify(canonical)}\n`);
  }
  close(): WrittenFile {
    return this.sink.close();
  }
}
