// The site's data files, cut for lazy loading: a small summary (facets with their counts + the first
// page of the list), the list's rows as row sets (all rows: the search index; one per province, per
// year, the reports whose numbers don't add up, and the first page of every sort order) so that a
// first filter, sort or search loads one small file, and report buckets picked by a hash of
// report_id so that `report.html#<id>` finds its record without any lookup table.
import { pinyin } from 'pinyin-pro';
import {
  APPLICANT_COLUMNS,
  APPLICATION_ROW_KEYS,
  APPLICATIONS,
  figureValue,
  HEADLINES,
  TABLE_FORMS,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  REVIEWS,
  TEMPLATES,
} from '../../forms/index.js';
import { type CellSource, failedChecks, type ReportRecord } from '../../record.js';
import { provinceCode } from '../regions.js';
import { cellsOfCheck } from './cells.js';
import { PROVINCES_EN, provinceLabel, type Bi } from './labels.js';

export const PAGE_SIZE = 50;
export const REPORTS_PER_BUCKET = 50;

/**
 * The figures of the list, by the name of their headline (src/forms/headlines.ts) — plus the share
 * refused, `denied` / `processed_total` (blank when either is blank or nothing was processed).
 */
export const LIST_FIGURES = [
  'applications_new',
  'processed_total',
  'denied',
  'review_total',
  'litigation_total',
] as const;
export const DENIED_SHARE = 'denied_share';

/** The row set of every report: what a search loads. */
export const SEARCH_INDEX = 'data/rows/all.js';

/** The list's sortable columns, in table order; `share` sorts on DENIED_SHARE, `checks` on failed checks. */
export const SORT_KEYS = [
  'year',
  'province',
  'city',
  'agency',
  'title',
  'level',
  'template',
  'new',
  'processed',
  'share',
  'review',
  'litigation',
  'checks',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** One row of the list (what the page shows, sorts, filters, searches and downloads). */
export interface ListRow {
  /** Position in the default order (newest year first, then province, city, agency, report_id). */
  rank: number;
  id: string;
  title: string;
  agency: string;
  /** Index into Summary.provinces. */
  province: number;
  city: string;
  county: string;
  township: string;
  level: string;
  year: number | null;
  template: string;
  scope: string;
  /** Failed checks; null when no check could run. */
  failed: number | null;
  /** LIST_FIGURES then DENIED_SHARE (null = blank, never 0). */
  figures: (number | null)[];
}

export interface ProvinceFacet {
  name: string | null;
  /** GB/T 2260 code ("320000"), or null for a name outside the standard (or no province). */
  code: string | null;
  /** The province in URLs: its code, else "x" + its name (or "x" for none). Stable across versions. */
  key: string;
  label: Bi;
  /** Pinyin of the name: full and initials ("jiangsusheng jss"). */
  pinyin: string;
  count: number;
  /** [city, reports] in code-point order. */
  cities: [string, number][];
}

/** A row set file: its path, and how many rows it holds. */
export interface RowFile {
  file: string;
  n: number;
}

export interface Summary {
  version: string;
  total: number;
  failed: number;
  pageSize: number;
  buckets: number;
  provinces: ProvinceFacet[];
  /** [value, reports] per facet, in display order. */
  years: [number, number][];
  levels: [string, number][];
  templates: [string, number][];
  scopes: [string, number][];
  /** [province index, year or null, 1 when a check failed, scope, reports]: counts under several filters at once. */
  cube: [number, number | null, number, string, number][];
  files: {
    all: RowFile;
    provinces: RowFile[];
    /** By year ("none": no year), with `start`: the rank of its first row (years are contiguous in the default order). */
    years: Record<string, RowFile & { start: number }>;
    failed: RowFile;
    /** The first page of each sort order over all reports, by "key.asc" / "key.desc". */
    sorted: Record<string, RowFile>;
  };
  first: RowSet;
}

/**
 * Rows as columns (assets/list.js decodes them): strings by index into `names` (agency, city,
 * county, township; their pinyin from the readings of their characters in `chars`/`sounds`, or
 * written out in `pinyin`), titles by index into `titles` with the
 * agency written \u0001 and the year \u0002 (most titles then share a handful of patterns), the
 * other fields by index into `shapes`, ranks as differences.
 */
export interface RowSet {
  n: number;
  rank: number[];
  id: string[];
  names: string[];
  /** The Chinese characters of the names, and the reading of each. */
  chars: string;
  sounds: string[];
  /** [name index, "full initials"] for names read otherwise than character by character (重庆: chongqing). */
  pinyin: [number, string][];
  titles: string[];
  /**
   * Distinct row shapes: [admin_level, template, scope, failed checks, ...LIST_FIGURES, DENIED_SHARE];
   * many reports share one (a township with no request: all zero), so a row holds only its index.
   */
  shapes: (string | number | null)[][];
  title: number[];
  agency: number[];
  province: number[];
  city: number[];
  county: number[];
  township: number[];
  year: (number | null)[];
  shape: number[];
}

const AGENCY_MARK = '\u0001';
const YEAR_MARK = '\u0002';

const PINYIN = { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' } as const;

/** Pinyin of a name for the search, toneless, ü as v: the full reading and the initials ("hongzequ hzq"); "" without Chinese. */
export function pinyinKeys(name: string): string {
  if (!HAN.test(name)) return '';
  const full = pinyin(name, PINYIN).join('').toLowerCase();
  const first = pinyin(name, { ...PINYIN, pattern: 'first' })
    .join('')
    .toLowerCase();
  return `${full} ${first}`;
}

const HAN = /[\u3400-\u9fff]/;

/**
 * Pinyin for the row sets, computed here by pinyin-pro (never in the browser): each character's
 * reading alone, and the keys of whole names (a name's reading can depend on its context: 重庆).
 */
export class PinyinTable {
  private names = new Map<string, string>();
  private chars = new Map<string, string>();
  /** The reading of one character on its own ("" for a character that is not Chinese). */
  sound(c: string): string {
    let s = this.chars.get(c);
    if (s === undefined) {
      s = HAN.test(c) ? pinyin(c, PINYIN).join('').toLowerCase() : '';
      this.chars.set(c, s);
    }
    return s;
  }
  keys(name: string): string {
    let k = this.names.get(name);
    if (k === undefined) {
      k = pinyinKeys(name);
      this.names.set(name, k);
    }
    return k;
  }
  /** What assets/list.js makes of a name from the character readings alone (its pinyinOf). */
  spelled(name: string): string {
    if (!HAN.test(name)) return '';
    let full = '';
    let first = '';
    for (const c of name) {
      const s = this.sound(c);
      full += s || c.toLowerCase();
      first += s ? s[0] : c.toLowerCase();
    }
    return `${full} ${first}`;
  }
}

export function encodeRows(rows: ListRow[], table: PinyinTable): RowSet {
  const dict = () => {
    const list: string[] = [];
    const at = new Map<string, number>();
    const index = (v: string) => {
      let i = at.get(v);
      if (i === undefined) {
        i = list.length;
        list.push(v);
        at.set(v, i);
      }
      return i;
    };
    return { list, index };
  };
  const names = dict();
  names.index('');
  const titles = dict();
  const shapes = dict();
  const shapeList: RowSet['shapes'] = [];
  const set: RowSet = {
    n: rows.length,
    rank: [],
    id: [],
    names: names.list,
    chars: '',
    sounds: [],
    pinyin: [],
    titles: titles.list,
    shapes: shapeList,
    title: [],
    agency: [],
    province: [],
    city: [],
    county: [],
    township: [],
    year: [],
    shape: [],
  };
  let previous = 0;
  for (const r of rows) {
    set.rank.push(r.rank - previous);
    previous = r.rank;
    set.id.push(r.id);
    set.title.push(titles.index(titlePattern(r)));
    set.agency.push(names.index(r.agency));
    set.province.push(r.province);
    set.city.push(names.index(r.city));
    set.county.push(names.index(r.county));
    set.township.push(names.index(r.township));
    set.year.push(r.year);
    const shape = [r.level, r.template, r.scope, r.failed, ...r.figures];
    const key = JSON.stringify(shape);
    const at = shapes.index(key);
    if (at === shapeList.length) shapeList.push(shape);
    set.shape.push(at);
  }
  // Readings of the characters the names use; a name whose own keys differ from them is written out.
  const chars = [...new Set([...set.names.join('')].filter((c) => HAN.test(c)))].sort(cmp);
  set.chars = chars.join('');
  set.sounds = chars.map((c) => table.sound(c));
  set.names.forEach((name, i) => {
    const k = table.keys(name);
    if (k !== table.spelled(name)) set.pinyin.push([i, k]);
  });
  return set;
}

/** A title with its agency and year marked, so that titles written the same way share one pattern. */
function titlePattern(r: ListRow): string {
  let t = r.title;
  if (r.agency) t = t.split(AGENCY_MARK).join('').replace(r.agency, AGENCY_MARK);
  if (r.year !== null) t = t.split(YEAR_MARK).join('').replace(String(r.year), YEAR_MARK);
  return t;
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
  /** Row set files: the path and the rows, encoded only when written (rowSet). */
  rowFiles: { file: string; rows: ListRow[] }[];
  /** Report buckets, each encoded only when it is written (bucketEntries): 10,000 encoded reports at once took ~100 MB. */
  buckets: { file: string; bucket: number; records: ReportRecord[] }[];
  /** Pinyin, computed once per name and character for every row set (pinyin-pro is slow per call). */
  pinyin: PinyinTable;
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
 * col, OCR confidence], trailing nulls left off. Paths of one table share long prefixes, so a report's cells cost
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
      c.confidence ?? null,
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

const LEVEL_ORDER = ['central', 'province', 'city', 'county', 'township', 'department'];

function listRow(r: ReportRecord, rank: number, province: number): ListRow {
  const figures: (number | null)[] = LIST_FIGURES.map((name) =>
    figureValue(r, HEADLINES.find((h) => h.name === name)!.figure),
  );
  const [, processed, denied] = figures;
  figures.push(
    denied !== null && processed !== null && processed! > 0 ? Math.round((denied! / processed!) * 10000) / 10000 : null,
  );
  return {
    rank,
    id: r.report_id,
    title: r.title ?? '',
    agency: r.agency ?? '',
    province,
    city: r.region.city ?? '',
    county: r.region.county ?? '',
    township: r.region.township ?? '',
    level: r.admin_level ?? '',
    year: r.year,
    template: r.template,
    scope: r.scope,
    failed: failedChecks(r),
    figures,
  };
}

/**
 * The value a sort key compares (null = blank: last in either direction). The client sorts alike
 * (assets/list.js): strings by UTF-16 code unit (as `<` compares them), levels and forms in facet
 * order, ties by rank.
 */
export function sortValue(
  key: SortKey,
  r: ListRow,
  order: { levels: string[]; templates: string[] },
): string | number | null {
  switch (key) {
    case 'year':
      return r.year;
    case 'province':
      return r.province;
    case 'level':
      return r.level ? order.levels.indexOf(r.level) : null;
    case 'template':
      return order.templates.indexOf(r.template);
    case 'checks':
      return r.failed;
    case 'new':
    case 'processed':
    case 'share':
    case 'review':
    case 'litigation':
      return r.figures[{ new: 0, processed: 1, share: 5, review: 3, litigation: 4 }[key]]!;
    default:
      return r[key] || null;
  }
}

export function compareRows(key: SortKey, desc: boolean, order: { levels: string[]; templates: string[] }) {
  return (a: ListRow, b: ListRow): number => {
    const x = sortValue(key, a, order);
    const y = sortValue(key, b, order);
    if (x === null || y === null) return x === y ? a.rank - b.rank : x === null ? 1 : -1;
    const c = x < y ? -1 : x > y ? 1 : 0;
    return (desc ? -c : c) || a.rank - b.rank;
  };
}

const tally = <T>(values: T[]): Map<T, number> => {
  const m = new Map<T, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
};

export function buildShards(records: ReportRecord[], version: string, options: ShardOptions = {}): Shards {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const provinces = provinceOrder(records.map((r) => r.region.province));
  const provinceIndex = new Map(provinces.map((p, i) => [p, i]));
  const rows = listOrder(records, provinceIndex).map((r, rank) =>
    listRow(r, rank, provinceIndex.get(r.region.province)!),
  );
  const rowFiles: Shards['rowFiles'] = [];
  const rowFile = (file: string, list: ListRow[]): RowFile => {
    rowFiles.push({ file, rows: list });
    return { file, n: list.length };
  };
  const all = rowFile(SEARCH_INDEX, rows);
  const facets: ProvinceFacet[] = provinces.map((name, i) => {
    const mine = rows.filter((r) => r.province === i);
    const code = provinceCode(name);
    return {
      name,
      code,
      key: code ?? `x${name ?? ''}`,
      label: provinceLabel(name),
      pinyin: name === null ? '' : pinyinKeys(name),
      count: mine.length,
      cities: [...tally(mine.map((r) => r.city).filter(Boolean))].sort(([a], [b]) => cmp(a, b)),
    };
  });
  const provinceFiles = facets.map((f, i) =>
    rowFile(
      `data/rows/p-${f.code ?? `x${i}`}.js`,
      rows.filter((r) => r.province === i),
    ),
  );
  const years: Summary['files']['years'] = {};
  for (const r of rows) {
    const key = r.year === null ? 'none' : String(r.year);
    years[key] ??= { file: `data/rows/y-${key}.js`, n: 0, start: r.rank };
    years[key]!.n++;
  }
  for (const y of Object.values(years)) rowFile(y.file, rows.slice(y.start, y.start + y.n));
  const failedFile = rowFile(
    'data/rows/failed.js',
    rows.filter((r) => (r.failed ?? 0) > 0),
  );
  const levels = LEVEL_ORDER.filter((l) => records.some((r) => r.admin_level === l));
  // Newest form first.
  const templates = [
    ...TEMPLATES.filter((t) => TABLE_IDS.includes(t.id)).reverse(),
    ...TEMPLATES.filter((t) => !TABLE_IDS.includes(t.id)),
  ]
    .map((t) => t.id as string)
    .filter((t) => records.some((r) => r.template === t));
  const sorted: Record<string, RowFile> = {};
  for (const key of SORT_KEYS)
    for (const desc of [false, true]) {
      const name = `${key}.${desc ? 'desc' : 'asc'}`;
      const first = selectFirst(rows, pageSize, compareRows(key, desc, { levels, templates }));
      sorted[name] = rowFile(`data/rows/s-${key}-${desc ? 'desc' : 'asc'}.js`, first);
    }
  const cube = new Map<string, [number, number | null, number, string, number]>();
  for (const r of rows) {
    const f = (r.failed ?? 0) > 0 ? 1 : 0;
    const k = `${r.province}|${r.year}|${f}|${r.scope}`;
    const c = cube.get(k);
    if (c) c[4]++;
    else cube.set(k, [r.province, r.year, f, r.scope, 1]);
  }
  const count = <T>(values: T[], order: T[]): [T, number][] => {
    const t = tally(values);
    return order.filter((v) => t.has(v)).map((v) => [v, t.get(v)!]);
  };
  const yearList = [...new Set(rows.map((r) => r.year).filter((y): y is number => y !== null))].sort((a, b) => b - a);
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
  const table = new PinyinTable();
  return {
    summary: {
      version,
      total: records.length,
      failed: failedFile.n,
      pageSize,
      buckets: nb,
      provinces: facets,
      years: count(
        rows.map((r) => r.year!),
        yearList,
      ),
      levels: count(
        rows.map((r) => r.level),
        levels,
      ),
      templates: count(
        rows.map((r) => r.template),
        templates,
      ),
      scopes: count(
        rows.map((r) => r.scope as string),
        ['agency', 'aggregate'],
      ),
      cube: [...cube.values()],
      files: { all, provinces: provinceFiles, years, failed: failedFile, sorted },
      first: encodeRows(rows.slice(0, pageSize), table),
    },
    rowFiles,
    buckets,
    pinyin: table,
  };
}

/** The first `n` rows in an order, without sorting them all. */
function selectFirst(rows: ListRow[], n: number, compare: (a: ListRow, b: ListRow) => number): ListRow[] {
  const top: ListRow[] = [];
  for (const r of rows) {
    if (top.length === n && compare(r, top[n - 1]!) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(top[mid]!, r) <= 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, r);
    if (top.length > n) top.pop();
  }
  return top;
}
