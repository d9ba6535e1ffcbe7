// Adapters on saved pages: the real samples in test/fixtures/samples/portal-pages compared whole against
// their expected files, and our own fixtures against the .expected.json beside them.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLATFORM_NAMES } from '../../src/crawl/define.js';
import { loadPage, meta } from '../../src/crawl/page.js';
import { LayoutChanged, type FetchedPage, type ListResult } from '../../src/crawl/platform.js';
import { commentedMarkup, parseGeneric, ucapPager } from '../../src/crawl/platforms/generic.js';
import { dataproxyRequests } from '../../src/crawl/platforms/hanweb.js';
import {
  announcedIn,
  announcedInJson,
  apiPageUrls,
  enumeratePages,
  pageCount,
  trsPager,
  withPageNumber,
} from '../../src/crawl/platforms/pager.js';
import { detectPlatform, platforms } from '../../src/crawl/platforms/index.js';
import { findReportColumnLinks } from '../../src/crawl/select.js';
import { fixtures, sampleItems, samples, withoutProvenance } from './helpers.js';

const CMS_ADAPTER: Record<string, string> = { hanweb: 'hanweb', trs: 'trs', other: 'generic' };

/** Everything the crawl code can say about a list page, under the samples' key names. */
function describeList(page: FetchedPage, result: ListResult): Record<string, unknown> {
  const pager = ucapPager(page.body);
  const commented = commentedMarkup(page.body).length
    ? parseGeneric(page).items.length - parseGeneric(page, { comments: false }).items.length
    : 0;
  return {
    column_name: meta(page.$, 'ColumnName'),
    site_id_code: meta(page.$, 'SiteIDCode'),
    channel_id: meta(page.$, 'channelId'),
    total_records: result.total,
    total_pages: result.pages,
    item_count: result.items.length,
    items: sampleItems(result.items),
    visible_items: sampleItems(parseGeneric(page, { comments: false }).items),
    commented_items_count: commented,
    pager: pager && {
      call: pager.call,
      total_pages: pager.total_pages,
      current_page: pager.current_page,
      total_records: pager.total_records,
      also_commented_out: pager.commented,
    },
    annual_report_year_columns: findReportColumnLinks(page)
      .filter((c) => c.year)
      .map((c) => ({ year: c.year, url: c.url })),
    next_pages: result.next.map((r) => r.url),
  };
}

describe('real saved list pages and API replies (test/fixtures/samples/portal-pages)', () => {
  const lists = samples((k) => k === 'list' || k === 'api');
  const results = new Map(
    lists.map((s) => [s.file.slice(0, 2), platforms[CMS_ADAPTER[s.expected.cms] as 'trs'].parseList(s.page)]),
  );

  it('covers every list sample', () =>
    expect(lists.map((s) => s.file.slice(0, 2))).toEqual(['01', '02', '03', '04', '05']));

  it.each(lists)('$file: the adapter is detected from the page', ({ page, expected }) => {
    expect(detectPlatform(page).name).toBe(CMS_ADAPTER[expected.cms]);
  });

  it.each(lists)('$file: output equals the expected file, whole', ({ file, page, expected }) => {
    const result = results.get(file.slice(0, 2))!;
    const actual: Record<string, unknown> = describeList(page, result);
    if (file.startsWith('02')) {
      const first = new Set(results.get('01')!.items.map((i) => i.url));
      actual.overlap_with_01 = result.items.filter((i) => first.has(i.url)).length;
    }
    const want = withoutProvenance(expected);
    const unknown = Object.keys(want).filter((k) => !(k in actual));
    expect(unknown, 'expected keys the test cannot produce').toEqual([]);
    expect(Object.fromEntries(Object.keys(want).map((k) => [k, actual[k]]))).toEqual(want);
  });
});

describe('our saved pages (test/fixtures/pages)', () => {
  const pages = fixtures();

  it('has fixtures for every adapter', () =>
    expect([...new Set(pages.map((p) => p.dir))].sort()).toEqual([...PLATFORM_NAMES].sort()));

  it.each(pages.map((p) => [p.file.split('/pages/')[1], p] as const))('%s', async (_name, { file, dir, page }) => {
    const expectedFile = file.replace(/\.\w+$/, '.expected.json');
    const existed = existsSync(expectedFile);
    const adapter = platforms[dir as 'trs'];
    const detected = detectPlatform(page).name;
    let out: unknown;
    try {
      out = { detected, ...adapter.parseList(page) };
    } catch (e) {
      out = { detected, error: e instanceof LayoutChanged ? 'LayoutChanged' : String(e) };
    }
    await expect(`${JSON.stringify(out, null, 2)}\n`).toMatchFileSnapshot(expectedFile);
    expect(existed, `wrote ${expectedFile}: review it, then rerun`).toBe(true);
  });
});

describe('an empty list is a failure, never "no reports"', () => {
  const empty = '<html><head><title>x</title></head><body><div id="list"></div><p>暂无信息</p></body></html>';
  it.each(PLATFORM_NAMES)('%s throws LayoutChanged', (name) => {
    const page = loadPage(empty, 'https://www.example.gov.cn/zwgk/zfxxgknb/index.html');
    expect(() => platforms[name].parseList(page)).toThrow(LayoutChanged);
  });
  it('an empty gkmlpt API reply throws too', () => {
    const page = loadPage(
      '{"articles":[],"classify":{"post_count":0}}',
      'http://www.gd.gov.cn/gkmlpt/api/all/2844?page=1&sid=2',
    );
    expect(() => platforms.gkmlpt.parseList(page)).toThrow(/layout changed at http:\/\/www\.gd\.gov\.cn/);
  });
});

describe('pagers and further requests', () => {
  it.each([
    ['createPageHTML(12, 0, "index", "shtml");', { pages: 12, name: 'index', ext: 'shtml' }],
    ["createPage(4, 1, 'index', 'htm')", { pages: 4, name: 'index', ext: 'htm' }],
    [
      'var countPage = 7//共多少页\nvar currentPage = 0; createPageHTML(countPage, currentPage, "index", "html");',
      { pages: 7, name: 'index', ext: 'html' },
    ],
    ['var countPage = 3;', { pages: 3, name: 'index', ext: 'html' }],
    ["function createPageHTML(a,b,c,d){} createPageHTML('page_div',10, 1,'zwgklist','shtml',200);", null],
    ['<p>no pager</p>', null],
  ])('trsPager(%s)', (body, want) => expect(trsPager(body)).toEqual(want));

  it('a year sub-column reached from the column page starts its own list; its index_N pages do not', () => {
    const body =
      '<li><a href="./202401/t20240126_1.html">2023年政府信息公开工作年度报告</a></li><script>createPageHTML(3, 0, "index", "html");</script>';
    const sub = loadPage(body, 'https://a.gov.cn/xxgk/gknb/2023n/', { isFirst: false });
    expect(platforms.trs.parseList(sub).next.map((r) => r.url)).toEqual([
      'https://a.gov.cn/xxgk/gknb/2023n/index_1.html',
      'https://a.gov.cn/xxgk/gknb/2023n/index_2.html',
    ]);
    for (const url of [
      'https://a.gov.cn/xxgk/gknb/2023n/index_1.html',
      'https://a.gov.cn/xxgk/gknb/2023n/2.html',
      'https://a.gov.cn/list.aspx?page=2',
    ]) {
      expect(platforms.trs.parseList(loadPage(body, url, { isFirst: false })).next, url).toEqual([]);
    }
  });

  it('a single TRS page (createPageHTML(1, …)) asks for no further page', () => {
    const page = loadPage(
      '<li><a href="./202401/t20240126_1.html">2023年政府信息公开工作年度报告</a></li><script>createPageHTML(1, 0, "index", "html");</script>',
      'https://a.gov.cn/xxgk/gknb/',
    );
    expect(platforms.trs.parseList(page).next).toEqual([]);
  });

  it('Hanweb: older /module/jpage/ proxy, webid from a script, no requests when the island holds everything', () => {
    const body = `<div id="55"><script type="text/xml"><datastore><recordset>${'<record><![CDATA[<li><a href="/art/2024/1/2/art_9_1.html">x</a></li>]]></record>'.repeat(3)}</recordset></datastore></script></div>
      <script>var webid = 12; $('#55').jpage({ proxyUrl: '/module/jpage/dataproxy.jsp', perPage: 2, totalRecord: 10 });</script>`;
    const page = loadPage(body, 'http://www.x.gov.cn/col/col9/index.html');
    expect(dataproxyRequests(page, 3).map((r) => r.url)).toEqual([
      'http://www.x.gov.cn/module/jpage/dataproxy.jsp?startrecord=4&endrecord=9&perpage=2',
      'http://www.x.gov.cn/module/jpage/dataproxy.jsp?startrecord=10&endrecord=10&perpage=2',
    ]);
    expect(new URLSearchParams(dataproxyRequests(page, 3)[0].body).get('unitid')).toBe('55');
    expect(dataproxyRequests(loadPage(body.replace('totalRecord: 10', 'totalRecord: 3'), page.url), 3)).toEqual([]);
  });

  it('generic: a portal page marked discover adds its 年报 columns; a plain list only its own sub-columns', () => {
    const body = `<ul><li><a href="/zwgk/zfxxgknb/">政府信息公开年报</a></li><li><a href="/news/202401/t20240101_1.html">新闻</a><span>2024-01-01</span></li></ul>`;
    const discover = loadPage(body, 'https://www.x.gov.cn/', { hints: { discover: true } as object });
    expect(parseGeneric(discover).next).toEqual([{ url: 'https://www.x.gov.cn/zwgk/zfxxgknb/', newList: true }]);
    expect(parseGeneric(loadPage(body, 'https://www.x.gov.cn/news/')).next).toEqual([]);
  });

  it('detectPlatform falls back to generic for an ordinary static list', () => {
    const page = loadPage(
      '<ul><li><a href="/a/1.html">2023年政府信息公开工作年度报告</a><span>2024-01-01</span></li></ul>',
      'https://www.x.gov.cn/list/',
    );
    expect(detectPlatform(page).name).toBe('generic');
  });
});

describe('what a list announces (pager.ts)', () => {
  const read = (body: string) => announcedIn(loadPage(body, 'https://a.gov.cn/l/'));
  it.each([
    ['<script>var totalRecord = 20;</script>', { total: 20, pages: null, perPage: null }],
    ['<script>var countPage = 3//共多少页\nvar currentPage = 0;</script>', { total: null, pages: 3, perPage: null }],
    [
      '<script>var totalRecord = 20; var countPage = Math.ceil(totalRecord / 10); createPageHTML(countPage, 0, "index", "html");</script>',
      { total: 20, pages: null, perPage: null },
    ],
    [
      "<script>createPageHTML('page_div',10, 1,'zwgklist','shtml',200);</script>",
      { total: 200, pages: 10, perPage: null },
    ],
    [
      '<datastore><totalrecord>756</totalrecord><totalpage>31</totalpage></datastore>',
      { total: 756, pages: 31, perPage: null },
    ],
    ["<script>$('#1').jpage({ perPage: 15, totalRecord: 62 });</script>", { total: 62, pages: null, perPage: 15 }],
    ['<div class="pager">共<b>43</b>条记录 共5页</div>', { total: 43, pages: 5, perPage: null }],
    ['<p>暂无信息</p>', { total: null, pages: null, perPage: null }],
  ])('%s', (body, want) => expect(read(body)).toEqual(want));

  it('reads JSON totals at any of the first three levels', () => {
    expect(announcedInJson({ total: 3, pageSize: 2, data: [] })).toEqual({ total: 3, pages: null, perPage: 2 });
    expect(announcedInJson({ data: { html: '<li/>', total: '7' } })).toEqual({ total: 7, pages: null, perPage: null });
    expect(announcedInJson({ articles: [], classify: { post_count: 23 }, per_page: 10 })).toEqual({
      total: 23,
      pages: null,
      perPage: 10,
    });
    expect(announcedInJson([1, 2])).toEqual({ total: null, pages: null, perPage: null });
  });

  it('counts pages from the records and the page size, stated or as long as this page', () => {
    expect(pageCount({ total: 20, pages: null, perPage: null }, 10)).toBe(2);
    expect(pageCount({ total: 21, pages: null, perPage: 10 }, 3)).toBe(3);
    expect(pageCount({ total: 20, pages: 4, perPage: 10 }, 10)).toBe(4);
    expect(pageCount({ total: 20, pages: null, perPage: null }, 0)).toBeNull();
    expect(pageCount({ total: null, pages: null, perPage: 10 }, 10)).toBeNull();
  });

  it('enumerates every page from the pattern of one numbered or "下一页" link', () => {
    const pages = (body: string, url: string, n: number) => {
      const page = loadPage(body, url);
      return enumeratePages(page, page.$, n);
    };
    expect(pages('<a href="index_1.html">2</a> <a href="index_1.html">下一页</a>', 'https://a.gov.cn/l/', 4)).toEqual([
      'https://a.gov.cn/l/index_1.html',
      'https://a.gov.cn/l/index_2.html',
      'https://a.gov.cn/l/index_3.html',
    ]);
    expect(pages('<a href="?page=1">1</a> <a href="?page=2">下一页</a>', 'https://a.gov.cn/nb.php', 3)).toEqual([
      'https://a.gov.cn/nb.php?page=2',
      'https://a.gov.cn/nb.php?page=3',
    ]);
    expect(pages('<a href="list_2.html">2</a>', 'https://a.gov.cn/list.html', 3)).toEqual([
      'https://a.gov.cn/list_2.html',
      'https://a.gov.cn/list_3.html',
    ]);
    expect(pages('<a href="javascript:goPage(2)">2</a>', 'https://a.gov.cn/l/', 3)).toEqual([]);
    expect(pages('<a href="index_1.html">2</a>', 'https://a.gov.cn/l/', 1)).toEqual([]);
  });

  it('generic reads a JSON list API of any shape: the rows with a URL and a title, the total, the further pages', () => {
    const body = JSON.stringify({
      success: true,
      data: {
        total: 5,
        results: [
          { title: '甲区2023年政府信息公开工作年度报告', url: '/a/1.html', publishTime: '2024-01-04 10:00:00' },
          { name: '甲区2022年政府信息公开工作年度报告', linkurl: 'https://a.gov.cn/a/2.html' },
        ],
      },
    });
    const page = loadPage(body, 'https://a.gov.cn/common/search/c1?page=1&_isJson=true');
    expect(detectPlatform(page).name).toBe('generic');
    expect(parseGeneric(page)).toEqual({
      items: [
        { url: 'https://a.gov.cn/a/1.html', title: '甲区2023年政府信息公开工作年度报告', published_date: '2024-01-04' },
        { url: 'https://a.gov.cn/a/2.html', title: '甲区2022年政府信息公开工作年度报告', published_date: null },
      ],
      next: [
        { url: 'https://a.gov.cn/common/search/c1?page=2&_isJson=true' },
        { url: 'https://a.gov.cn/common/search/c1?page=3&_isJson=true' },
      ],
      total: 5,
      pages: 3,
    });
    expect(() => parseGeneric(loadPage('{"data":{"list":[]}}', page.url))).not.toThrow();
    expect(() => platforms.generic.parseList(loadPage('{"data":{"list":[]}}', page.url))).toThrow(LayoutChanged);
  });

  it('pages a JSON API by its page parameter, also one inside a JSON-valued parameter, from page 1 only', () => {
    expect(withPageNumber('https://a.gov.cn/x.trsapi?pageNo=1&size=2', 3)).toBe(
      'https://a.gov.cn/x.trsapi?pageNo=3&size=2',
    );
    const gw = 'https://a.gov.cn/api-gateway/u?webId=7&paramJson={"pageNo":1,"pageSize":2}';
    expect(decodeURIComponent(withPageNumber(gw, 2)!)).toBe(
      'https://a.gov.cn/api-gateway/u?webId=7&paramJson={"pageNo":2,"pageSize":2}',
    );
    expect(withPageNumber('https://a.gov.cn/list.json', 2)).toBeNull();
    expect(apiPageUrls('https://a.gov.cn/api?page=1', 3)).toEqual([
      'https://a.gov.cn/api?page=2',
      'https://a.gov.cn/api?page=3',
    ]);
    expect(apiPageUrls('https://a.gov.cn/api?page=2', 3)).toEqual([]);
  });
});
