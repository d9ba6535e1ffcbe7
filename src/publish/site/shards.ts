// The site's data files, cut for lazy loading: a small summary (facets + the first page of the
// list), one list shard per province, and report buckets picked by a hash of report_id so that
// `report.html#<id>` finds its record without any lookup table.
import {
  APPLICANT_COLUMNS,
  APPLICATION_ROW_KEYS,
  APPLICATIONS,
  TABLE_FORMS,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  REVIEWS,
  TEMPLATES,
} from '../../forms/index.js';
import type { CellSource, ReportRecord } from '../../record.js';
import { cellsOfCheck, failedChecks } from './cells.js';
import { PROVINCES_EN, provinceLabel, type Bi } from './labels.js';

export const PAGE_SIZE = 50;
export const REPORTS_PER_BUCKET = 50;

/** A list row: [rank, report_id, title, agency, province index, city, county, admin_level, year, template, failed checks, scope, agency_id]. */
export type ListRow = [
  number,
  string,
  string,
  string,
  number,
  string,
  string,
  string,
  number | null,
  string,
  number,
  string,
  string | null,
];

export interface ProvinceFacet {
  name: string | null;
  label: Bi;
  file: string;
  count: number;
  years: Record<string, number>;
  cities: string[];
}

export interface Summary {
  version: string;
  total: number;
  failed: number;
  pageSize: number;
  buckets: number;
  provinces: ProvinceFacet[];
  years: number[];
  levels: string[];
  templates: string[];
  first: ListRow[];
}

/** FNV-1a over UTF-16 code units; assets/common.js has the same function. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function bucketCount(records: number, perBucket = REPORTS_PER_BUCKET): number {
  return Math.max(1, Math.ceil(records / perBucket));
}

export function bucketOf(reportId: string, buckets: number): number {
  return fnv1a(reportId) % buckets;
}

export function bucketFile(bucket: number): string {
  return `data/reports/r${String(bucket).padStart(5, '0')}.js`;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const KNOWN_PROVINCES = Object.keys(PROVINCES_EN);

/** Provinces in GB/T 2260 order, then unknown names in code-point order, then null. */
export function provinceOrder(names: (string | null)[]): (string | null)[] {
  const unique = [...new Set(names)];
  const rank = (n: string | null) =>
    n === null ? Infinity : KNOWN_PROVINCES.includes(n) ? KNOWN_PROVINCES.indexOf(n) : KNOWN_PROVINCES.length;
  return unique.sort((a, b) => rank(a) - rank(b) || cmp(a ?? '', b ?? ''));
}

/** List order: newest year first, then province, city, agency, report_id. */
function listOrder(records: ReportRecord[], provinceIndex: Map<string | null, number>): ReportRecord[] {
  return [...records].sort(
    (a, b) =>
      (b.year ?? -1) - (a.year ?? -1) ||
      provinceIndex.get(a.region.province)! - provinceIndex.get(b.region.province)! ||
      cmp(a.region.city ?? '', b.region.city ?? '') ||
      cmp(a.agency ?? '', b.agency ?? '') ||
      cmp(a.report_id, b.report_id),
  );
}

export interface Shards {
  summary: Summary;
  lists: { file: string; province: number; rows: ListRow[] }[];
  /** Report buckets, each encoded only when it is written (bucketEntries): 10,000 encoded reports at once took ~100 MB. */
  buckets: { file: string; bucket: number; records: ReportRecord[] }[];
}

/** A bucket's file content: its reports by report_id, encoded (encodeRecord). */
export function bucketEntries(records: ReportRecord[]): Record<string, BucketEntry> {
  return Object.fromEntries(records.map((r) => [r.report_id, encodeRecord(r)]));
}

/** Check rules by index, for the compact check arrays of the buckets (assets/report.js decodes them). */
const TABLE_IDS: string[] = TABLE_FORMS.map((f) => f.id);

export const CHECK_RULE_KEYS = [...APPLICATIONS.identities, ...REVIEWS.identities].map((i) => i.rule);

/**
 * A report as stored in its bucket: table 三 and 四 as arrays in form order, checks as
 * [rule index (or the rule itself), ok 1/0, detail], and the cells each failed check involves.
 */
export interface BucketEntry {
  r: Omit<ReportRecord, 'applications' | 'reviews' | 'checks' | 'cells'> & {
    applications: ((number | null)[] | null)[] | null;
    reviews: (number | null)[][] | null;
    checks: [number | string, number, string][];
  };
  c: Record<number, string[]>;
  /** The record's cells, when it has them, each as a SourceTuple. */
  s?: SourceTuple[];
}

/** How a cell was read, by index in a SourceTuple (assets/report.js decodes it). */
export const SOURCE_VIA = ['table', 'prose', 'statistics_table'] as const;

/**
 * A CellSource in a bucket: [`table.row.column`, value, printed, via index × 2 + (loose ? 1 : 0),
 * page, bbox, length of the path shared with the previous cell's path, rest of the path, line,
 * col], trailing nulls left off. Paths of one table share long prefixes, so a report's cells cost
 * a few kilobytes instead of tens.
 */
export type SourceTuple = (string | number | number[] | null)[];

export function encodeSources(cells: CellSource[]): SourceTuple[] {
  let previous = '';
  return cells.map((c) => {
    let shared: number | null = null;
    let rest: string | null = null;
    if (c.path !== undefined) {
      shared = 0;
      while (shared < previous.length && shared < c.path.length && previous[shared] === c.path[shared]) shared++;
      rest = c.path.slice(shared);
      previous = c.path;
    }
    const t: SourceTuple = [
      `${c.table}.${c.row}.${c.column}`,
      c.value,
      c.printed,
      SOURCE_VIA.indexOf(c.via) * 2 + (c.label === 'loose' ? 1 : 0),
      c.page ?? null,
      c.bbox ?? null,
      shared,
      rest,
      c.line ?? null,
      c.col ?? null,
    ];
    while (t.length > 4 && t[t.length - 1] === null) t.pop();
    return t;
  });
}

export function encodeRecord(record: ReportRecord): BucketEntry {
  const { applications, reviews, checks, cells: sources, ...rest } = record;
  const cells: Record<number, string[]> = {};
  checks.forEach((check, i) => {
    if (!check.ok) cells[i] = cellsOfCheck(record, check);
  });
  return {
    r: {
      ...rest,
      applications: applications
        ? APPLICATION_ROW_KEYS.map((k) =>
            applications[k] ? APPLICANT_COLUMNS.map((c) => applications[k]![c] ?? null) : null,
          )
        : null,
      reviews: reviews ? REVIEW_GROUPS.map((g) => REVIEW_COLUMNS.map((c) => reviews[g]?.[c] ?? null)) : null,
      checks: checks.map((c) => {
        const rule = CHECK_RULE_KEYS.indexOf(c.rule);
        return [rule >= 0 ? rule : c.rule, c.ok ? 1 : 0, c.detail];
      }),
    },
    c: cells,
    ...(sources ? { s: encodeSources(sources) } : {}),
  };
}

export interface ShardOptions {
  pageSize?: number;
  perBucket?: number;
  /** Agencies per agency-page bucket (site/agencies.ts). */
  perAgencyBucket?: number;
}

export function buildShards(records: ReportRecord[], version: string, options: ShardOptions = {}): Shards {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const provinces = provinceOrder(records.map((r) => r.region.province));
  const provinceIndex = new Map(provinces.map((p, i) => [p, i]));
  const ordered = listOrder(records, provinceIndex);
  const rows: ListRow[] = ordered.map((r, rank) => [
    rank,
    r.report_id,
    r.title ?? '',
    r.agency ?? '',
    provinceIndex.get(r.region.province)!,
    r.region.city ?? '',
    r.region.county ?? '',
    r.admin_level ?? '',
    r.year,
    r.template,
    failedChecks(r),
    r.scope,
    r.agency_id ?? null,
  ]);
  const lists = provinces.map((_, i) => ({
    file: `data/list/p${String(i).padStart(2, '0')}.js`,
    province: i,
    rows: [] as ListRow[],
  }));
  for (const row of rows) lists[row[4]]!.rows.push(row);
  const facets: ProvinceFacet[] = provinces.map((name, i) => {
    const years: Record<string, number> = {};
    for (const row of lists[i]!.rows) {
      const y = String(row[8] ?? '');
      years[y] = (years[y] ?? 0) + 1;
    }
    return {
      name,
      label: provinceLabel(name),
      file: lists[i]!.file,
      count: lists[i]!.rows.length,
      years: Object.fromEntries(Object.entries(years).sort(([a], [b]) => cmp(a, b))),
      cities: [...new Set(lists[i]!.rows.map((row) => row[5]).filter(Boolean))].sort(cmp),
    };
  });
  const nb = bucketCount(records.length, options.perBucket);
  const byBucket = new Map<number, ReportRecord[]>();
  for (const r of [...records].sort((a, b) => cmp(a.report_id, b.report_id))) {
    const b = bucketOf(r.report_id, nb);
    const list = byBucket.get(b);
    if (list) list.push(r);
    else byBucket.set(b, [r]);
  }
  const buckets = [...byBucket.keys()]
    .sort((a, b) => a - b)
    .map((b) => ({
      file: bucketFile(b),
      bucket: b,
      records: byBucket.get(b)!,
    }));
  const distinct = <T>(xs: T[]) => [...new Set(xs)];
  return {
    summary: {
      version,
      total: records.length,
      failed: rows.filter((r) => r[10] > 0).length,
      pageSize,
      buckets: nb,
      provinces: facets,
      years: distinct(records.map((r) => r.year).filter((y): y is number => y !== null)).sort((a, b) => b - a),
      levels: ['central', 'province', 'city', 'county', 'township', 'department'].filter((l) =>
        records.some((r) => r.admin_level === l),
      ),
      // Newest form first.
      templates: [
        ...TEMPLATES.filter((t) => TABLE_IDS.includes(t.id)).reverse(),
        ...TEMPLATES.filter((t) => !TABLE_IDS.includes(t.id)),
      ]
        .map((t) => t.id)
        .filter((t) => records.some((r) => r.template === t)),
      first: rows.slice(0, pageSize),
    },
    lists,
    buckets,
  };
}
