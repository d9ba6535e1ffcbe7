// The agency registry (agencies.csv, agencies.parquet): one entry per reporting body and scope,
// linking its reports across years and across the ways its name is written. The one home of "same
// agency": the cross-year checks (checks.ts) and the site's agency pages use this linkage.
//
// Rule (documented in CODEBOOK.md): two reports belong to one agency when
//   - their scope is the same: a government's 汇总 (aggregate) report and its own report are two
//     series, two agency_ids — the figures of the one include the other and must never be added;
//   - their place is the same: the region's names, province/city/county/township (different places
//     with the same body name never merge: 教育局 of two counties are two agencies);
//   - their normalised names are the same (agencyKey): NFKC (full-width → half-width), no whitespace,
//     punctuation or symbols, a site name glued before or after dropped (src/text/agency.ts
//     stripSiteName), 人民政府 written 政府, the region's own place names at the start dropped
//     (淮安市洪泽区人民政府 = 洪泽区人民政府 = 洪泽区政府 in 洪泽区), a government named by its bare
//     place, 人民政府, 政府, 办事处 or 街道办事处 all one, and its office written 办公室, 办公厅 or 办 one.
// agency_id = "a" + the first 12 hex digits of SHA-256 of "scope␀place␀normalised name": it depends
// only on the agency's own reports' fields, never on which other agencies exist, so it is stable
// across versions as long as the place and the normalised name are.
import { createHash } from 'node:crypto';
import type { AdminLevel, ReportRecord, Scope } from '../record.js';
import { stripSiteName } from '../text/agency.js';
import { contentKey, fold } from '../text/normalise.js';
import { shortName } from '../text/places.js';
import { csvText } from './csvfile.js';
import { type Column as FieldColumn, column as fieldColumn, type Field } from './fields.js';
import { rowBatches, writeParquetFile } from './parquet.js';
import { type LevelCodes, levelCodes, REGION_CODES } from './regions.js';
import { FileSink, type WrittenFile } from './sink.js';

/** A place name and, when it has one, its short form without the level word (src/text/places.ts). */
function placeForms(name: string): string[] {
  const key = contentKey(name);
  const short = shortName(key);
  return short ? [key, short] : [key];
}

/** A separator a site name is glued with (src/text/agency.ts stripSiteName); names without one are left alone. */
const SEPARATOR = /——|--|—|_|－|-|\||｜|::/;

/** Parts of a name, between separators, that can only be a site's name (…网, …网站, …门户网站, a host). */
function siteParts(name: string): string[] {
  return name.split(/\s*(?:——|--|—|_|－|-|\||｜)\s*/).filter((part) => /(?:网|网站|门户|gov\.cn)$/i.test(part));
}

/** The name of the government itself, after its place is dropped. */
const GOVERNMENT_ITSELF = /^(?:政府|办事处|街道办事处)?$/;
/** Its general office, however written. */
const GOVERNMENT_OFFICE = /^政府(?:办公室|办公厅|办)$/;

type Place = Pick<ReportRecord['region'], 'province' | 'city' | 'county' | 'township'>;

/** The place part of the key: the region's names, top down, "/"-separated (blank levels empty). */
export function placeKey(region: Partial<Place> | null | undefined): string {
  return [region?.province, region?.city, region?.county, region?.township].map((n) => n ?? '').join('/');
}

/** The normalised name of a body in its region (see the header); null for no name. */
export function agencyKey(name: string | null | undefined, region: Partial<Place> | null | undefined): string | null {
  const shown = fold(name);
  if (!shown) return null;
  const unsited = SEPARATOR.test(shown) ? stripSiteName(shown, siteParts(shown), true) : shown;
  let key = contentKey(unsited).replace(/人民政府/g, '政府');
  const places = [region?.province, region?.city, region?.county, region?.township]
    .filter((p): p is string => typeof p === 'string' && p !== '')
    .flatMap(placeForms);
  for (let stripped = true; stripped; ) {
    stripped = false;
    for (const p of places) {
      if (key.startsWith(p)) {
        key = key.slice(p.length);
        stripped = true;
      }
    }
  }
  if (GOVERNMENT_ITSELF.test(key)) return '政府';
  if (GOVERNMENT_OFFICE.test(key)) return '政府办公室';
  return key;
}

/** The id of the agency of a scope, place and normalised name (agencyKey). */
export function agencyId(scope: Scope, place: string, key: string): string {
  return `a${createHash('sha256').update(`${scope}\0${place}\0${key}`).digest('hex').slice(0, 12)}`;
}

/** The agency_id of one record; null when it names no agency. */
export function agencyIdOf(r: Pick<ReportRecord, 'agency' | 'scope' | 'region'>): string | null {
  const key = agencyKey(r.agency, r.region);
  return key === null ? null : agencyId(r.scope, placeKey(r.region), key);
}

export interface Agency extends LevelCodes {
  agency_id: string;
  /** The name of its latest year (the most reports, then code-point order). */
  name: string;
  /** Every name seen, by year ("" for reports with no year), each year's names in code-point order. */
  names_by_year: Record<string, string[]>;
  scope: Scope;
  /** That of its latest report that has one. */
  admin_level: AdminLevel | null;
  province: string | null;
  city: string | null;
  county: string | null;
  township: string | null;
  /** Years with a report, ascending. */
  years: number[];
  /** Its reports, by year (no year last), then report_id. */
  reports: ReportRecord[];
}

export interface Registry {
  /** Sorted by agency_id. */
  agencies: Agency[];
  /** The agency_id of each record given, in the same order (null: the record names no agency). */
  ids: (string | null)[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const yearOf = (r: ReportRecord) => (typeof r.year === 'number' ? r.year : Number.POSITIVE_INFINITY);

/** The registry of the records (a pure function: the same records give the same registry). */
export function buildRegistry(records: readonly ReportRecord[]): Registry {
  const ids = records.map(agencyIdOf);
  // Record indexes sorted by agency_id, each run one agency (no map of 100,000 keys).
  const order: number[] = [];
  ids.forEach((id, i) => {
    if (id !== null) order.push(i);
  });
  order.sort((a, b) => cmp(ids[a]!, ids[b]!) || a - b);
  const agencies: Agency[] = [];
  for (let start = 0, end = 1; start < order.length; start = end, end = start + 1) {
    const id = ids[order[start]!]!;
    while (end < order.length && ids[order[end]!] === id) end++;
    agencies.push(
      agencyOf(
        id,
        order.slice(start, end).map((i) => records[i]!),
      ),
    );
  }
  return { agencies, ids };
}

function agencyOf(agency_id: string, members: ReportRecord[]): Agency {
  // `members` is this agency's own array: sorted in place (most agencies have one or two reports).
  const reports =
    members.length > 1 ? members.sort((a, b) => yearOf(a) - yearOf(b) || cmp(a.report_id, b.report_id)) : members;
  const last = reports[reports.length - 1]!;
  const names_by_year: Record<string, string[]> = {};
  const years: number[] = [];
  const latestCounts = new Map<string, number>();
  let placed: ReportRecord | undefined;
  let admin_level: AdminLevel | null = null;
  for (const r of reports) {
    const name = fold(r.agency);
    const y = typeof r.year === 'number' ? String(r.year) : '';
    const seen = names_by_year[y];
    if (!seen) names_by_year[y] = [name];
    else if (!seen.includes(name)) seen.push(name);
    if (typeof r.year === 'number' && years[years.length - 1] !== r.year) years.push(r.year);
    if (r.year === last.year) latestCounts.set(name, (latestCounts.get(name) ?? 0) + 1);
    if (r.region?.code) placed = r;
    if (r.admin_level) admin_level = r.admin_level;
  }
  for (const list of Object.values(names_by_year)) if (list.length > 1) list.sort(cmp);
  let name = '';
  let most = 0;
  for (const [n, count] of latestCounts)
    if (count > most || (count === most && cmp(n, name) < 0)) [name, most] = [n, count];
  const region = (placed ?? last).region ?? ({} as ReportRecord['region']);
  return {
    agency_id,
    name,
    names_by_year,
    scope: reports[0]!.scope,
    admin_level,
    province: region.province ?? null,
    city: region.city ?? null,
    county: region.county ?? null,
    township: region.township ?? null,
    ...levelCodes(region),
    years,
    reports,
  };
}

// ---------------------------------------------------------------- agencies.csv, agencies.parquet

type AgencyColumn = FieldColumn<Agency>;
const column = fieldColumn<Agency>;

export const AGENCY_COLUMNS: AgencyColumn[] = [
  column(
    'agency_id',
    'string',
    '机关编号',
    'Stable id of the agency: "a" + 12 hex digits of SHA-256 of its scope, place and normalised name (CODEBOOK.md, "Agencies"). The same in every version while its place and normalised name stay; reports.csv has it on every report.',
    (a) => a.agency_id,
  ),
  column(
    'name',
    'string',
    '机关名称',
    "The name its latest year's reports print (the most common one).",
    (a) => a.name,
  ),
  column(
    'names_by_year',
    'string',
    '历年名称',
    'Every name its reports print, by year: a JSON object {"2022": ["…"], "2023": ["…", "…"]} ("" for reports with no year).',
    (a) => JSON.stringify(a.names_by_year),
  ),
  column(
    'scope',
    'string',
    '范围',
    '"agency" (its own work) or "aggregate" (汇总: a whole place). A government\'s aggregate report and its own report are two agencies here: never add them up.',
    (a) => a.scope,
  ),
  column(
    'admin_level',
    'string',
    '机关层级',
    'central, province, city, county, township or department (its latest report).',
    (a) => a.admin_level,
  ),
  column('province', 'string', '省级行政区', 'Province-level division.', (a) => a.province),
  column('city', 'string', '地级行政区', 'Prefecture-level division.', (a) => a.city),
  column('county', 'string', '县级行政区', 'County-level division.', (a) => a.county),
  column('township', 'string', '乡级行政区', 'Township-level division.', (a) => a.township),
  column('province_code', 'string', '省级区划代码', `Province code: ${REGION_CODES.upper}.`, (a) => a.province_code),
  column('city_code', 'string', '地级区划代码', `Prefecture code: ${REGION_CODES.upper}.`, (a) => a.city_code),
  column('county_code', 'string', '县级区划代码', `County code: ${REGION_CODES.upper}.`, (a) => a.county_code),
  column('township_code', 'string', '乡级区划代码', `Township code: ${REGION_CODES.township}.`, (a) => a.township_code),
  column('first_year', 'integer', '最早年度', 'Its first year with a report.', (a) => a.years[0] ?? null),
  column(
    'last_year',
    'integer',
    '最近年度',
    'Its latest year with a report.',
    (a) => a.years[a.years.length - 1] ?? null,
  ),
  column(
    'years',
    'string',
    '报告年度',
    'Every year with a report, ascending, separated by spaces.',
    (a) => a.years.join(' ') || null,
  ),
  column(
    'reports',
    'integer',
    '报告数',
    'How many reports (rows of reports.csv) it has, duplicates included.',
    (a) => a.reports.length,
  ),
];

export const AGENCY_FIELDS: Field[] = AGENCY_COLUMNS.map(({ name, type, zh, en }) => ({ name, type, zh, en }));

const BATCH = 50;

/** agencies.csv (with a byte order mark, like reports.csv) and agencies.parquet. */
export function writeAgencies(dir: string, agencies: Agency[]): WrittenFile[] {
  const sink = new FileSink(dir, 'agencies.csv');
  sink.write(csvText([AGENCY_COLUMNS.map((c) => c.name)], true));
  for (let i = 0; i < agencies.length; i += BATCH)
    sink.write(csvText(agencies.slice(i, i + BATCH).map((a) => AGENCY_COLUMNS.map((c) => c.get(a)))));
  return [
    sink.close(),
    writeParquetFile(
      dir,
      'agencies.parquet',
      AGENCY_COLUMNS,
      rowBatches(agencies, (a) => [a]),
    ),
  ];
}

/** The rule, as CODEBOOK.md states it ("Agencies"). */
export const AGENCY_RULES: readonly string[] = [
  'agencies.csv lists every reporting body once per scope; `agency_id` links its reports across years and across the ways its name is written. 同一机关不同年度、不同写法的报告归为同一 `agency_id`。',
  "- **Same agency** when the scope, the place and the normalised name agree. Place: the province, city, county and township names of the report's region (two places with the same body name — 教育局 of two counties — are two agencies). Normalised name: full-width → half-width (NFKC), no spaces, punctuation or symbols, a site name glued before or after dropped, 人民政府 written 政府, the place's own names at the start dropped (淮安市洪泽区人民政府 = 洪泽区人民政府 = 洪泽区政府), a government named by its bare place, 人民政府, 政府, 办事处 or 街道办事处 taken as one, its general office written 办公室, 办公厅 or 办 taken as one.",
  "- **Scope**: a government's 汇总 report (`aggregate`, the whole place) and its own report (`agency`) are two agencies with two ids, even under one name: the aggregate already includes the own figures, never add them up.",
  "- **agency_id** = `a` + the first 12 hex digits of SHA-256 of `scope`, NUL, the place (`province/city/county/township`, blank levels empty), NUL, the normalised name. It depends only on the agency's own reports, never on which other agencies exist: the same in every version while its place and normalised name stay. A rename that changes more than the variants above (a merged or renamed department) makes a new id.",
  '- `name` is the name its latest year prints most; `names_by_year` every name seen. The cross-year checks (checks.csv) compare the reports of one agency_id.',
];
