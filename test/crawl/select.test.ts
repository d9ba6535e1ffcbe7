// What a list item says about its report (the title rules: test/text/) and 年报 column discovery.
import { describe, expect, it } from 'vitest';
import { loadPage } from '../../src/crawl/page.js';
import { childReportColumns, findReportColumns, itemHints } from '../../src/crawl/select.js';
import { samples } from './helpers.js';

describe('itemHints', () => {
  it('itemHints merges the portal hints, the title and the page year', () => {
    const page = loadPage(
      '<html><body></body></html>',
      'https://www.xizang.gov.cn/zwgk/xxgk_424/xxgknb/2023nb/index.html',
      {
        hints: { province: '西藏自治区', admin_level: 'province', crawler: 'xizang' },
      },
    );
    expect(
      itemHints(
        {
          url: 'https://www.xizang.gov.cn/a/t20240331_1.html',
          title: '政府信息公开工作年度报告',
          published_date: '2024-03-31',
        },
        page,
      ),
    ).toEqual({
      province: '西藏自治区',
      admin_level: 'province',
      crawler: 'xizang',
      title: '政府信息公开工作年度报告',
      year: 2023,
      published_date: '2024-03-31',
    });
    expect(
      itemHints(
        {
          url: 'https://www.xizang.gov.cn/a/t20240331_2.html',
          title: '西藏自治区国资委2025年度政府信息公开工作年度报告',
          published_date: null,
        },
        page,
      ),
    ).toEqual({
      province: '西藏自治区',
      admin_level: 'department',
      crawler: 'xizang',
      title: '西藏自治区国资委2025年度政府信息公开工作年度报告',
      year: 2025,
      agency: '西藏自治区国资委',
    });
  });
});

describe('findReportColumns', () => {
  it('finds the 年报 column by anchor text and its year sub-columns, not report articles', () => {
    const page = loadPage(
      `<html><head><meta name="ColumnName" content="法定主动公开内容"></head><body><ul class="menu">
        <li><a href="../zfxxgkzn/">政府信息公开指南</a></li><li><a href="../zfxxgkzd/">政府信息公开制度</a></li>
        <li><a href="../zfxxgknb/">政府信息公开年报</a></li></ul>
        <div class="sub"><a href="/zwgk/zfxxgk/zfxxgknb/2023n/">2023年</a><a href="/zwgk/zfxxgk/zfxxgknb/2022n/">2022</a></div>
        <ul><li><a href="/zwgk/zfxxgk/zfxxgknb/2023n/202403/t20240329_1.html">2023年政府信息公开工作年度报告</a><span>2024-03-29</span></li></ul>
        <a href="/zwgk/zfxxgk/fdzdgknr/">2023</a></body></html>`,
      'https://www.guizhou.gov.cn/zwgk/zfxxgk/fdzdgknr/index.html',
    );
    expect(findReportColumns(page)).toEqual([
      'https://www.guizhou.gov.cn/zwgk/zfxxgk/zfxxgknb/',
      'https://www.guizhou.gov.cn/zwgk/zfxxgk/zfxxgknb/2023n/',
      'https://www.guizhou.gov.cn/zwgk/zfxxgk/zfxxgknb/2022n/',
    ]);
  });

  it('takes the page itself when its ColumnName names the 年报 column, and its year sub-columns below it as children', () => {
    const page = loadPage(
      `<html><head><meta name="ColumnName" content="政府信息公开年报"></head><body>
       <a href="2023nb/">2023年</a><a href="2022nb/index.html">2022年</a><a href="/zwgk/xxgk_424/">政府信息公开</a></body></html>`,
      'http://www.xizang.gov.cn/zwgk/xxgk_424/xxgknb/',
    );
    expect(findReportColumns(page)).toEqual([
      'http://www.xizang.gov.cn/zwgk/xxgk_424/xxgknb/',
      'http://www.xizang.gov.cn/zwgk/xxgk_424/xxgknb/2023nb/',
      'http://www.xizang.gov.cn/zwgk/xxgk_424/xxgknb/2022nb/index.html',
    ]);
    expect(childReportColumns(page)).toEqual([
      'http://www.xizang.gov.cn/zwgk/xxgk_424/xxgknb/2023nb/',
      'http://www.xizang.gov.cn/zwgk/xxgk_424/xxgknb/2022nb/index.html',
    ]);
  });

  it('finds nothing on a page without a 年报 column', () => {
    const [s] = samples((k) => k === 'detail');
    expect(findReportColumns(s.page)).toEqual([]);
  });
});
