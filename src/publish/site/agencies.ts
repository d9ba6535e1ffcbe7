// The data of the agency pages (agency.html#<agency_id>): one entry per agency of the registry
// (src/publish/agencies.ts) — its place, names by year, its reports' headline figures by year and
// the cross-year comparisons of consecutive years (src/publish/checks.ts) — in buckets picked by a
// hash of agency_id, like the report buckets, so a page loads one small file, never all agencies.
import { HEADLINES, figureValue } from '../../forms/index.js';
import { failedChecks, type ReportRecord } from '../../record.js';
import type { Agency, Registry } from '../agencies.js';
import { compareYears, yearPairs } from '../checks.js';
import type { Bi } from './labels.js';
import { bucketCount, fnv1a } from './shards.js';

export const AGENCIES_PER_BUCKET = 50;

/** A reports.csv headline (src/forms/headlines.ts) by name. */
const headline = (name: string) => {
  const h = HEADLINES.find((x) => x.name === name);
  if (!h) throw new Error(`no headline figure ${name}`);
  return h;
};

/**
 * The figures of the agency page's table and chart: reports.csv headline columns, titled in Chinese
 * as the form specs title them, in English shortly (the headlines' English is a description).
 */
export const AGENCY_FIGURES: readonly { name: string; label: Bi }[] = (
  [
    ['applications_new', 'New requests'],
    ['applications_carried_over', 'Carried over'],
    ['processed_total', 'Processed'],
    ['granted', 'Disclosed'],
    ['denied', 'Refused'],
    ['carried_forward', 'Carried forward'],
    ['review_total', 'Reconsiderations'],
    ['litigation_total', 'Lawsuits'],
    ['normative_documents_in_force', 'Normative documents in force'],
  ] as const
).map(([name, en]) => ({ name, label: [headline(name).label[0], en] as Bi }));

/** Labels of the agency page. */
export const AGENCY_UI = {
  page: ['机关', 'Agency'],
  agencyId: ['机关编号', 'Agency id'],
  names: ['历年名称', 'Names by year'],
  years: ['报告年度', 'Years'],
  figures: ['历年数字', 'Figures by year'],
  chart: ['本年新收与办结申请数', 'Requests received and processed'],
  crossYear: ['跨年度核对', 'Checks across years'],
  noPairs: [
    '没有相邻两年各有一份报告的年度，无法跨年度核对。',
    'No two consecutive years with one report each: nothing to compare across years.',
  ],
  notCompared: ['两年均未填写可比较的数字', 'Neither year prints figures to compare'],
  report: ['报告', 'Report'],
  codes: ['区划代码', 'Division codes'],
  notFound: ['找不到这个机关', 'Agency not found'],
  viewAgency: ['查看该机关历年报告', 'All years of this agency'],
  chartData: ['图表数据', 'Chart data'],
} satisfies Record<string, Bi>;

/** An agency page's entry (assets/agency.js reads it). */
export interface AgencyEntry {
  id: string;
  name: string;
  scope: string;
  level: string | null;
  /** province, city, county, township. */
  region: (string | null)[];
  /** province_code, city_code, county_code, township_code. */
  codes: (string | null)[];
  names: Record<string, string[]>;
  /** Reports by year: [report_id, year, title, template, failed checks, duplicate_of, ...figures (AGENCY_FIGURES order)]. */
  reports: (string | number | null)[][];
  /** Consecutive years: [earlier report_id, later report_id, earlier year, later year, comparisons [rule, item, ok 1/0, detail]]. */
  pairs: [string, string, number, number, [string, string, number, string][]][];
}

const FIGURES = AGENCY_FIGURES.map((f) => headline(f.name).figure);

export function agencyEntry(a: Agency): AgencyEntry {
  return {
    id: a.agency_id,
    name: a.name,
    scope: a.scope,
    level: a.admin_level,
    region: [a.province, a.city, a.county, a.township],
    codes: [a.province_code, a.city_code, a.county_code, a.township_code],
    names: a.names_by_year,
    reports: a.reports.map((r: ReportRecord) => [
      r.report_id,
      r.year,
      r.title,
      r.template,
      failedChecks(r),
      r.duplicate_of ?? null,
      ...FIGURES.map((f) => figureValue(r, f)),
    ]),
    pairs: yearPairs(a.reports).map(({ earlier, later }) => [
      earlier.report_id,
      later.report_id,
      earlier.year as number,
      later.year as number,
      compareYears(earlier, later).map((c) => [c.rule, c.item, c.ok ? 1 : 0, c.detail]),
    ]),
  };
}

export function agencyBucketFile(bucket: number): string {
  return `data/agencies/a${String(bucket).padStart(5, '0')}.js`;
}

export interface AgencyBuckets {
  count: number;
  buckets: { file: string; bucket: number; agencies: Agency[] }[];
}

/** The agencies cut into buckets by FNV-1a of agency_id (assets/agency.js finds its bucket the same way). */
export function agencyBuckets(registry: Registry, perBucket = AGENCIES_PER_BUCKET): AgencyBuckets {
  const count = bucketCount(registry.agencies.length, perBucket);
  const by = new Map<number, Agency[]>();
  for (const a of registry.agencies) {
    const b = fnv1a(a.agency_id) % count;
    const list = by.get(b);
    if (list) list.push(a);
    else by.set(b, [a]);
  }
  return {
    count,
    buckets: [...by.keys()]
      .sort((x, y) => x - y)
      .map((b) => ({ file: agencyBucketFile(b), bucket: b, agencies: by.get(b)! })),
  };
}
