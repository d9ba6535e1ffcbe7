// Which titles are annual reports, what a title says about its report, and 年报 column discovery.
import { describe, expect, it } from 'vitest';
import { loadPage } from '../../src/crawl/page.js';
import { agencyLevel, childReportColumns, findReportColumns, isAnnualReport, itemHints, titleAgency, titleYear } from '../../src/crawl/select.js';
import { samples } from './helpers.js';

describe('isAnnualReport', () => {
  it.each([
    '湖北省市场监督管理局2023年政府信息公开工作年度报告',
    '2023年北京市海淀区人民政府信息公开工作年度报告',
    '北京市人民政府2016年政府信息公开年报',
    '贵州省2018年度政府信息公开工作报告',
    '2017年度政府信息公开年度报告',
    '宝清县2022年政务信息公开年度报告',
    '西藏自治区国资委2025年度政府信息公开工作年度报告',
    '2019年政务公开工作年度报告',
    '沭阳县发展和改革局2023年政府信息公开年度报告',
    '北京市2023年度报告',
    '二〇二二年度政府信息公开工作年度报告',
    '《铜梁区人民政府办公室2022年政府信息公开工作年度报告》',
    '中国证监会2024年政府信息公开工作年度报告',
    '大贵镇 2020 年政府信息公开工作年度报告',
    '贾峪镇人民政府 2020 年政府信息公开 工作年度报告',
    '2020年度政府信息公开报告',
    '沭阳县发展和改革局2023年政府信息公开年度报告',
  ])('keeps %s', (t) => expect(isAnnualReport(t)).toBe(true));

  it.each([
    '关于做好2023年政府信息公开工作年度报告编制发布工作的通知',
    '关于报送2022年度政府信息公开工作年度报告的通知',
    '湖北省人民政府政府信息公开指南',
    '政府信息公开目录',
    '2024年部门预算公开',
    '2023年度部门决算',
    '2024年政务公开工作要点',
    '2023年政府信息公开工作统计表',
    '图解：2023年政府信息公开工作年度报告',
    '一图读懂《江苏省无人驾驶装备商业示范应用工作指引（试行）》',
    '关于开展2023年度企业年度报告公示工作的通知',
    '2023年度政府网站工作年度报表',
    '省工业和信息化厅关于公布2023年第十批预拌砂浆生产备案企业名单的通知',
    '',
  ])('drops %s', (t) => expect(isAnnualReport(t)).toBe(false));

  it('keeps no item of the real non-report lists (samples 01–05)', () => {
    for (const s of samples((k) => k !== 'detail')) {
      const titles = (s.expected.items as { title: string }[]).map((i) => i.title);
      expect(titles.filter(isAnnualReport), s.file).toEqual([]);
    }
  });
});

describe('what a title says', () => {
  it.each([
    ['湖北省市场监督管理局2023年政府信息公开工作年度报告', 2023, '湖北省市场监督管理局', 'department'],
    ['2023年北京市海淀区人民政府信息公开工作年度报告', 2023, '北京市海淀区人民政府', 'county'],
    ['北京市人民政府2016年政府信息公开年报', 2016, '北京市人民政府', 'province'],
    ['广州市人民政府2024年政府信息公开工作年度报告', 2024, '广州市人民政府', 'city'],
    ['贵州省人民政府办公厅2018年度政府信息公开工作年度报告', 2018, '贵州省人民政府办公厅', 'province'],
    ['阿拉善右旗人民政府2022年政府信息公开工作年度报告', 2022, '阿拉善右旗人民政府', 'county'],
    ['临夏县北塬乡人民政府2021年政府信息公开工作年度报告', 2021, '临夏县北塬乡人民政府', 'township'],
    ['大贵镇 2020 年政府信息公开工作年度报告', 2020, '大贵镇', 'township'],
    ['宝清县七星河乡人民政府2020年政府信息公开工作年度报告', 2020, '宝清县七星河乡人民政府', 'township'],
    ['二〇二二年度政府信息公开工作年度报告', 2022, null, null],
    ['政府信息公开工作年度报告（2019）', 2019, null, null],
  ])('%s → %s, %s, %s', (title, year, agency, level) => {
    expect(titleYear(title)).toBe(year);
    expect(titleAgency(title)).toBe(agency);
    expect(agency ? agencyLevel(agency) : null).toBe(level);
  });

  it('itemHints merges the portal hints, the title and the page year', () => {
    const page = loadPage('<html><body></body></html>', 'https://www.xizang.gov.cn/zwgk/xxgk_424/xxgknb/2023nb/index.html', {
      hints: { province: '西藏自治区', admin_level: 'province', crawler: 'xizang' },
    });
    expect(itemHints({ url: 'https://www.xizang.gov.cn/a/t20240331_1.html', title: '政府信息公开工作年度报告', published_date: '2024-03-31' }, page)).toEqual({
      province: '西藏自治区', admin_level: 'province', crawler: 'xizang', title: '政府信息公开工作年度报告', year: 2023, published_date: '2024-03-31',
    });
    expect(itemHints({ url: 'https://www.xizang.gov.cn/a/t20240331_2.html', title: '西藏自治区国资委2025年度政府信息公开工作年度报告', published_date: null }, page)).toEqual({
      province: '西藏自治区', admin_level: 'department', crawler: 'xizang', title: '西藏自治区国资委2025年度政府信息公开工作年度报告', year: 2025, agency: '西藏自治区国资委',
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
