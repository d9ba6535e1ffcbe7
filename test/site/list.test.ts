// The report list in a real browser (Debian's Chromium): figure columns, sorting on every column,
// the scope filter, counts beside facet values, search by name, region and pinyin, the view as
// CSV, state in the address, and which data files each first action loads. The expectations are
// computed here from the records (the form specs' headline figures), not read from the site.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figureValue, HEADLINES } from '../../src/forms/index.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../src/net/browser.js';
import { csvText } from '../../src/publish/csvfile.js';
import { buildSiteWith } from '../../src/publish/site/index.js';
import type { ReportRecord } from '../../src/record.js';
import { RECORDS } from '../fixtures/site/records.js';
import { serve } from './serve.js';

const VERSION = '2026-02-01';
const PAGE = 10;
const SCREENSHOTS = path.resolve('test/.screenshots');
const ARGS = [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];

const base = RECORDS.find((r) => r.report_id === 'gz-2021-prov')!;
const jiangsu = (id: string, over: Partial<ReportRecord>, region: Partial<ReportRecord['region']>): ReportRecord => ({
  ...base,
  report_id: id,
  region: { province: '江苏省', city: '淮安市', county: null, township: null, code: '320800', ...region },
  ...over,
});
/** The fixture records, plus Jiangsu reports that vary what the list must handle. */
const EXTRA: ReportRecord[] = [
  // found by pinyin: hongze, hzq
  jiangsu(
    'js-2022-hongze',
    {
      agency: '淮安市洪泽区人民政府',
      title: '淮安市洪泽区人民政府2022年政府信息公开工作年度报告',
      year: 2022,
      admin_level: 'county',
    },
    { county: '洪泽区', code: '320813' },
  ),
  // a township found by its region name alone (the agency and title do not name it)
  jiangsu(
    'js-2022-street',
    { agency: '洪泽区第一街道办事处', title: '第一街道2022年度报告', year: 2022, admin_level: 'township' },
    { county: '洪泽区', township: '高良涧街道', code: '320813001' },
  ),
  // cells a spreadsheet would run as formulas, a quote and a comma; no check ran; nothing processed
  jiangsu(
    'js-2021-formula',
    {
      agency: '-淮安市"数据"局',
      title: '=HYPERLINK("http://x"),年报',
      year: 2021,
      admin_level: 'department',
      checks: [],
      applications: {
        ...base.applications!,
        total_processed: { ...base.applications!.total_processed!, total: 0 },
      },
    },
    { city: '淮安市' },
  ),
];
const ALL = [...RECORDS, ...EXTRA];

let root: string;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let page: Page;
let requested: string[] = [];
/** The default order (newest year first, …), as the list shows it unsorted. */
let defaultOrder: string[] = [];

const siteUrl = (p: string) => server.url(`${VERSION}/site/${p}`);
const byId = new Map(ALL.map((r) => [r.report_id, r]));

async function ids(): Promise<string[]> {
  return page.$$eval('#reports tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-id')!));
}

async function settle(action: () => Promise<unknown>): Promise<void> {
  const before = await page.getAttribute('body', 'data-ready');
  await action();
  await page.waitForFunction((b) => {
    const now = document.body.getAttribute('data-ready');
    return now !== null && now !== b;
  }, before);
}

async function openList(hash = ''): Promise<void> {
  await page.goto('about:blank');
  await page.goto(siteUrl(`index.html${hash}`));
  await page.waitForSelector('body[data-ready]');
}

/** Every id of the current state, page after page. */
async function allIds(): Promise<string[]> {
  const out = await ids();
  while (!(await page.isDisabled('#next'))) {
    await settle(() => page.click('#next'));
    out.push(...(await ids()));
  }
  return out;
}

const dataRequests = () => requested.filter((p) => p.startsWith('data/'));

const headline = (r: ReportRecord, name: string) => figureValue(r, HEADLINES.find((h) => h.name === name)!.figure);
const share = (r: ReportRecord) => {
  const denied = headline(r, 'denied');
  const processed = headline(r, 'processed_total');
  return denied !== null && processed !== null && processed > 0
    ? Math.round((denied / processed) * 10000) / 10000
    : null;
};
const failed = (r: ReportRecord) => (r.checks.length === 0 ? null : r.checks.filter((c) => !c.ok).length);
const provinceCode = (r: ReportRecord) => `${r.region.code!.slice(0, 2)}0000`;
const LEVEL_ORDER = ['central', 'province', 'city', 'county', 'township', 'department'];

/** What each column sorts on (null: blank), from the record. */
function sortValue(key: string, r: ReportRecord, templates: string[]): string | number | null {
  switch (key) {
    case 'year':
      return r.year;
    case 'province':
      return Number(provinceCode(r));
    case 'city':
      return r.region.city || null;
    case 'agency':
      return r.agency || null;
    case 'title':
      return r.title || null;
    case 'level':
      return r.admin_level ? LEVEL_ORDER.indexOf(r.admin_level) : null;
    case 'template':
      return templates.indexOf(r.template);
    case 'new':
      return headline(r, 'applications_new');
    case 'processed':
      return headline(r, 'processed_total');
    case 'share':
      return share(r);
    case 'review':
      return headline(r, 'review_total');
    case 'litigation':
      return headline(r, 'litigation_total');
    default:
      return failed(r);
  }
}

function sortedIds(list: string[], key: string, desc: boolean, templates: string[]): string[] {
  return [...list].sort((a, b) => {
    const x = sortValue(key, byId.get(a)!, templates);
    const y = sortValue(key, byId.get(b)!, templates);
    const tie = defaultOrder.indexOf(a) - defaultOrder.indexOf(b);
    if (x === null || y === null) return x === y ? tie : x === null ? 1 : -1;
    const c = x < y ? -1 : x > y ? 1 : 0;
    return (desc ? -c : c) || tie;
  });
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'ogi-list-'));
  const versionDir = path.join(root, VERSION);
  await mkdir(versionDir);
  await buildSiteWith({ records: ALL, versionDir, version: VERSION, downloads: [] }, { pageSize: PAGE, perBucket: 4 });
  server = await serve(root);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page.on('request', (r) => requested.push(new URL(r.url()).pathname.replace(`/${VERSION}/site/`, '')));
  await mkdir(SCREENSHOTS, { recursive: true });
  await openList();
  defaultOrder = await allIds();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the list answers questions', () => {
  it('lists every report once, newest first', () => {
    expect([...defaultOrder].sort()).toEqual(ALL.map((r) => r.report_id).sort());
    const years = defaultOrder.map((id) => byId.get(id)!.year ?? -1);
    expect(years).toEqual([...years].sort((a, b) => b - a));
  });

  it('shows the figures of each report: blank stays blank, the share refused as a percentage', async () => {
    await openList('#province=320000');
    const rows = await page.$$eval('#reports tbody tr', (trs) =>
      trs.map((tr) => [
        tr.getAttribute('data-id'),
        ...['new', 'processed', 'share', 'review', 'litigation'].map(
          (k) => tr.querySelector(`td[data-col="${k}"]`)!.textContent,
        ),
        tr.querySelector('td.checks')!.textContent,
      ]),
    );
    const text = (v: number | null) => (v === null ? '' : v.toLocaleString('en-US'));
    expect(rows).toEqual(
      defaultOrder
        .filter((id) => id.startsWith('js-'))
        .map((id) => {
          const r = byId.get(id)!;
          const s = share(r);
          const f = failed(r);
          return [
            id,
            text(headline(r, 'applications_new')),
            text(headline(r, 'processed_total')),
            s === null ? '' : `${(s * 100).toFixed(1)}%`,
            text(headline(r, 'review_total')),
            text(headline(r, 'litigation_total')),
            f === null ? '— 未核对not checked' : f > 0 ? `✗ ${f}` : '✓',
          ];
        }),
    );
    // nothing processed: no share; no check ran: "— 未核对", not ✓ (the English span hidden by the page's language)
    expect(rows.find((r) => r[0] === 'js-2021-formula')!.slice(3)).toEqual(['', '0', '1', '— 未核对not checked']);
  });

  it('sorts on every column both ways, blanks last, from the ready-made first page and then the index', async () => {
    await openList();
    const templates = await page.$$eval('#template option', (os) =>
      os.slice(1).map((o) => (o as HTMLOptionElement).value),
    );
    const keys = await page.$$eval('#reports thead th[data-sort]', (ths) =>
      ths.map((th) => th.getAttribute('data-sort')!),
    );
    expect(keys).toEqual([
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
    ]);
    for (const key of keys) {
      for (const dir of ['desc', 'asc']) {
        const expected = sortedIds(defaultOrder, key, dir === 'desc', templates);
        requested = [];
        await openList(`#sort=${key}.${dir}`);
        expect(await ids(), `${key} ${dir}, page 1`).toEqual(expected.slice(0, PAGE));
        expect(dataRequests(), key).toEqual(['data/labels.js', 'data/summary.js', `data/rows/s-${key}-${dir}.js`]);
        await settle(() => page.click('#next'));
        expect(await ids(), `${key} ${dir}, page 2`).toEqual(expected.slice(PAGE, 2 * PAGE));
        expect(await page.getAttribute(`th[data-sort="${key}"]`, 'aria-sort')).toBe(
          dir === 'desc' ? 'descending' : 'ascending',
        );
      }
      // blanks last in both directions
      const blank = defaultOrder.filter((id) => sortValue(key, byId.get(id)!, templates) === null);
      if (blank.length > 0) {
        const asc = sortedIds(defaultOrder, key, false, templates);
        expect(asc.slice(-blank.length).sort()).toEqual([...blank].sort());
      }
    }
  });

  it('sorts by clicking a header: numbers largest first, a second click turns it round; within a filter', async () => {
    await openList('#year=2022');
    const templates = await page.$$eval('#template option', (os) =>
      os.slice(1).map((o) => (o as HTMLOptionElement).value),
    );
    const of2022 = defaultOrder.filter((id) => byId.get(id)!.year === 2022);
    await settle(() => page.click('th[data-sort="share"] button'));
    expect(page.url()).toContain('sort=share.desc');
    expect(await allIds()).toEqual(sortedIds(of2022, 'share', true, templates));
    await openList('#year=2022&sort=share.desc');
    await settle(() => page.click('th[data-sort="share"] button'));
    expect(page.url()).toContain('sort=share.asc');
    expect(await allIds()).toEqual(sortedIds(of2022, 'share', false, templates));
    await settle(() => page.click('th[data-sort="agency"] button'));
    expect(page.url()).toContain('sort=agency.asc');
  });

  it('filters own-agency reports apart from jurisdiction-wide (汇总) ones', async () => {
    await openList();
    await settle(() => page.selectOption('#scope', 'aggregate'));
    const aggregate = defaultOrder.filter((id) => byId.get(id)!.scope === 'aggregate');
    expect(aggregate.length).toBeGreaterThan(0);
    expect(await allIds()).toEqual(aggregate);
    await openList('#scope=agency');
    expect(await page.getAttribute('#count', 'data-total')).toBe(String(ALL.length - aggregate.length));
    expect(await page.inputValue('#scope')).toBe('agency');
  });

  it('counts beside every facet value: what choosing it would give', async () => {
    type Filters = Partial<Record<'province' | 'year' | 'level' | 'scope' | 'template' | 'failed', string>>;
    const value = (r: ReportRecord, f: keyof Filters) =>
      f === 'province'
        ? provinceCode(r)
        : f === 'year'
          ? String(r.year)
          : f === 'level'
            ? (r.admin_level ?? '')
            : f === 'failed'
              ? (failed(r) ?? 0) > 0
                ? '1'
                : ''
              : r[f];
    const expected = (filters: Filters, facet: keyof Filters, v: string) =>
      ALL.filter((r) =>
        Object.entries(filters).every(([f, want]) => f === facet || value(r, f as keyof Filters) === want),
      ).filter((r) => value(r, facet) === v).length;
    const shown = (facet: string) =>
      page.$$eval(`#${facet} option`, (os) =>
        os.slice(1).map((o) => [(o as HTMLOptionElement).value, o.getAttribute('data-count')!]),
      );
    for (const filters of [
      {},
      { year: '2022' },
      { year: '2021', scope: 'agency' },
      { failed: '1' },
      { province: '420000', year: '2021' },
    ] as Filters[]) {
      await openList(`#${new URLSearchParams(filters as Record<string, string>)}`);
      for (const facet of ['province', 'year', 'level', 'template', 'scope'] as const) {
        const counts = await shown(facet);
        expect(counts.length).toBeGreaterThan(0);
        for (const [v, n] of counts)
          expect(`${facet}=${v}: ${n}`).toBe(`${facet}=${v}: ${expected(filters, facet, v!)}`);
      }
      expect(await page.textContent('#failed-total')).toBe(`(${expected(filters, 'failed', '1')})`);
    }
    // a facet whose own filter picked the file, beside a filter the summary does not count by (level,
    // form): its counts come once the rows are shown, from the search index
    const countsDone = () =>
      page.waitForFunction(() => {
        const ready = document.body.getAttribute('data-ready');
        return ready !== null && document.body.getAttribute('data-counts') === ready;
      });
    for (const filters of [
      { year: '2021', level: 'department' },
      { province: '420000', template: '2019' },
      { failed: '1', level: 'county' },
    ] as Filters[]) {
      await openList(`#${new URLSearchParams(filters as Record<string, string>)}`);
      await countsDone();
      for (const facet of ['province', 'year', 'level', 'template', 'scope'] as const) {
        const counts = await shown(facet);
        expect(counts.length).toBeGreaterThan(0);
        for (const [v, n] of counts)
          expect(`${facet}=${v}: ${n}`).toBe(`${facet}=${v}: ${expected(filters, facet, v!)}`);
      }
    }
    const year2021 = expected({ level: 'department' }, 'year', '2021');
    await openList('#year=2021&level=department');
    await countsDone();
    expect(await page.$eval('#year option[value="2021"]', (o) => o.textContent)).toBe(`2021 (${year2021})`);
    // a city's count, within the province chosen
    await openList('#province=520000');
    expect(await page.$eval('#city option[value="贵阳市"]', (o) => o.textContent)).toBe(
      `贵阳市 (${ALL.filter((r) => r.region.city === '贵阳市').length})`,
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, 'list-facets.png'), fullPage: true });
  });

  it('finds reports by agency, title and region names at every level, and by pinyin (full and initials)', async () => {
    const search = async (q: string) => {
      requested = [];
      await openList();
      await settle(() => page.fill('#q', q));
      return allIds();
    };
    const hongze = defaultOrder.filter((id) => byId.get(id)!.region.county === '洪泽区');
    expect([...hongze].sort()).toEqual(['js-2022-hongze', 'js-2022-street']);
    expect(await search('洪泽')).toEqual(hongze);
    expect(await search('hongze')).toEqual(hongze);
    expect(await search('hzq')).toEqual(hongze);
    expect(await search('HongZe')).toEqual(hongze);
    // township: the region name only
    expect(await search('高良涧')).toEqual(['js-2022-street']);
    expect(await search('gaoliangjian')).toEqual(['js-2022-street']);
    // city and province names, in Chinese, English and pinyin
    const huaian = defaultOrder.filter((id) => byId.get(id)!.region.city === '淮安市');
    expect(await search('淮安')).toEqual(huaian);
    expect(await search('jiangsu')).toEqual(huaian);
    expect(await search('木兰县')).toEqual(defaultOrder.filter((id) => byId.get(id)!.region.county === '木兰县'));
    // every word must match
    expect(await search('hongze 2022年度报告')).toEqual(['js-2022-street']);
    expect(dataRequests().filter((p) => p.startsWith('data/rows/'))).toEqual(['data/rows/all.js']);
    // the address keeps the search
    expect(page.url()).toContain(`q=${encodeURIComponent('hongze 2022年度报告').replace(/%20/g, '+')}`);
  });

  it('downloads exactly the rows of the view, sorted, as CSV with a BOM and formulas neutralised', async () => {
    const templates = await page.$$eval('#template option', (os) =>
      os.slice(1).map((o) => (o as HTMLOptionElement).value),
    );
    const header = [
      'report_id',
      'year',
      'province',
      'province_code',
      'city',
      'county',
      'township',
      'agency',
      'title',
      'admin_level',
      'template',
      'scope',
      'applications_new',
      'processed_total',
      'denied',
      'review_total',
      'litigation_total',
      'denied_share',
      'checks_failed',
    ];
    const csvOf = (list: string[]) =>
      csvText(
        [
          header,
          ...list.map((id) => {
            const r = byId.get(id)!;
            return [
              r.report_id,
              r.year,
              r.region.province,
              provinceCode(r),
              r.region.city,
              r.region.county,
              r.region.township,
              r.agency,
              r.title,
              r.admin_level,
              r.template,
              r.scope,
              headline(r, 'applications_new'),
              headline(r, 'processed_total'),
              headline(r, 'denied'),
              headline(r, 'review_total'),
              headline(r, 'litigation_total'),
              share(r),
              failed(r),
            ];
          }),
        ],
        true,
      );
    const download = async () => {
      const [d] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
      return readFile((await d.path())!, 'utf8');
    };
    // filtered (two pages of it) and sorted
    await openList('#year=2021&sort=new.desc');
    const of2021 = sortedIds(
      defaultOrder.filter((id) => byId.get(id)!.year === 2021),
      'new',
      true,
      templates,
    );
    expect(of2021.length).toBeGreaterThan(PAGE);
    const text = await download();
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toBe(csvOf(of2021));
    expect(text).toContain(
      `js-2021-formula,2021,江苏省,320000,淮安市,,,"'-淮安市""数据""局","'=HYPERLINK(""http://x""),年报"`,
    );
    // the whole list, in its default order
    await openList();
    expect(await download()).toBe(csvOf(defaultOrder));
  });

  it('keeps filters and sort in the address: provinces by their GB/T 2260 code, Back returns, reload keeps', async () => {
    await openList('#province=420000&year=2021&sort=new.desc');
    expect(await page.inputValue('#province')).toBe('420000');
    expect(
      await page.$eval('#province', (s: HTMLSelectElement) => s.selectedOptions[0]!.getAttribute('data-label-zh')),
    ).toBe('湖北省');
    expect(await page.inputValue('#year')).toBe('2021');
    expect(await page.getAttribute('th[data-sort="new"]', 'aria-sort')).toBe('descending');
    const templates = await page.$$eval('#template option', (os) =>
      os.slice(1).map((o) => (o as HTMLOptionElement).value),
    );
    const hubei2021 = sortedIds(
      defaultOrder.filter((id) => byId.get(id)!.region.province === '湖北省' && byId.get(id)!.year === 2021),
      'new',
      true,
      templates,
    );
    expect(await ids()).toEqual(hubei2021);
    await settle(() => page.selectOption('#level', 'department'));
    expect(page.url()).toContain('#province=420000&level=department&year=2021&sort=new.desc');
    await settle(() => page.goBack());
    expect(await page.inputValue('#level')).toBe('');
    expect(await ids()).toEqual(hubei2021);
    await page.reload();
    await page.waitForSelector('body[data-ready]');
    expect(await page.inputValue('#province')).toBe('420000');
    expect(await ids()).toEqual(hubei2021);
    // an unknown code is no filter
    await openList('#province=990000');
    expect(await page.inputValue('#province')).toBe('');
    expect(await page.getAttribute('#count', 'data-total')).toBe(String(ALL.length));
  });
});

describe('on a phone', () => {
  it('fits 390 px: the filters wrap, the table scrolls inside its box, not the page', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await openList('#year=2021');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const box = await page.$eval('#reports', (t) => [t.parentElement!.clientWidth, t.parentElement!.scrollWidth]);
      expect(box[0]).toBeLessThanOrEqual(390);
      expect(box[1]).toBeGreaterThan(box[0]!);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'list-phone.png'), fullPage: true });
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
});

describe('each first action loads one small file', () => {
  const loadsOf = async (hash: string, action: () => Promise<unknown>) => {
    await openList(hash);
    requested = [];
    await settle(action);
    return dataRequests();
  };

  it('first view: the summary alone', async () => {
    requested = [];
    await openList();
    expect(dataRequests()).toEqual(['data/labels.js', 'data/summary.js']);
  });

  it('a year, the failed reports, a province, a page, a sort, a search', async () => {
    expect(await loadsOf('', () => page.selectOption('#year', '2021'))).toEqual(['data/rows/y-2021.js']);
    expect(await loadsOf('', () => page.check('#failed'))).toEqual(['data/rows/failed.js']);
    expect(await loadsOf('', () => page.selectOption('#province', '310000'))).toEqual(['data/rows/p-310000.js']);
    // page 2 of the default order: the files of the years it spans
    const years = [...new Set(defaultOrder.slice(PAGE, 2 * PAGE).map((id) => byId.get(id)!.year))];
    expect((await loadsOf('', () => page.click('#next'))).sort()).toEqual(
      years.map((y) => `data/rows/y-${y}.js`).sort(),
    );
    expect(await loadsOf('', () => page.click('th[data-sort="litigation"] button'))).toEqual([
      'data/rows/s-litigation-desc.js',
    ]);
    expect(await loadsOf('', () => page.fill('#q', '贵阳'))).toEqual(['data/rows/all.js']);
    // a year and a province: the smaller of the two files
    const shanghai = ALL.filter((r) => r.region.province === '上海市').length;
    const of2021 = ALL.filter((r) => r.year === 2021).length;
    expect(shanghai).not.toBe(of2021);
    expect(await loadsOf('#province=310000', () => page.selectOption('#year', '2021'))).toEqual(
      shanghai < of2021 ? [] : ['data/rows/y-2021.js'],
    );
    expect(await loadsOf('#year=2021', () => page.selectOption('#province', '310000'))).toEqual(
      shanghai < of2021 ? ['data/rows/p-310000.js'] : [],
    );
  });
});
