// Bodies named in titles (list items: titleAgency; document titles: agencyFromTitle), site names
// stripped from page titles, and the administrative level a name shows (the crawler's guess,
// agencyLevel; the extractor's fallback for governments the division index does not place).
import { describe, expect, it } from 'vitest';
import {
  agencyFromTitle,
  agencyLevel,
  CENTRAL_NAME,
  governmentLevel,
  stripSiteName,
  titleAgency,
} from '../../src/text/agency.js';
import { titleYear } from '../../src/text/dates.js';

describe('what a list item title says', () => {
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
});

describe('the body a document title names', () => {
  it.each([
    ['大贵镇2020年政府信息公开工作年度报告', '大贵镇'],
    ['2019年上海市政府信息公开工作年度报告', '上海市'],
    ['2020年度木兰县人民政府政府信息公开工作年度报告', '木兰县人民政府'],
    ['木兰县教育局政府信息公开工作年度报告（2020年）', '木兰县教育局'],
    ['关于木兰县教育局2020年政府信息公开工作情况的报告', '木兰县教育局'],
    ['木兰县大贵镇人民政府信息公开工作年度报告', '木兰县大贵镇人民政府'],
    ['全省2020年政府信息公开工作年度报告', null],
  ])('the body in the title %s is %s', (title, body) => expect(agencyFromTitle(title)).toBe(body));
});

describe('stripSiteName', () => {
  it('strips a known site name glued before or after a title', () => {
    expect(stripSiteName('保定市人民政府网——标题', ['保定市人民政府网'])).toBe('标题');
    expect(stripSiteName('标题-湖北省市场监督管理局', ['湖北省市场监督管理局'])).toBe('标题');
    expect(stripSiteName('保定市人民政府网：标题', ['保定市人民政府网'])).toBe('标题');
    expect(stripSiteName('湖北省市场监督管理局2023年报告', ['湖北省市场监督管理局'])).toBe(
      '湖北省市场监督管理局2023年报告',
    );
    expect(stripSiteName('标题_某某市人民政府', [])).toBe('标题_某某市人民政府');
  });

  it('with guess, also parts that look like a site, on either side, repeatedly', () => {
    expect(stripSiteName('标题_某某市人民政府', [], true)).toBe('标题');
    expect(stripSiteName('保定市人民政府网——标题', [], true)).toBe('标题');
    expect(stripSiteName('首页门户 | 某某网 | 2023年度报告', [], true)).toBe('2023年度报告');
    expect(stripSiteName('2023年度报告-www.a.gov.cn', [], true)).toBe('2023年度报告');
    expect(stripSiteName('木兰县人民政府', [], true)).toBe('木兰县人民政府');
  });
});

describe('administrative level from a name', () => {
  it.each([
    ['国务院办公厅', 'central'],
    ['海关总署', 'central'],
    ['北京市人民政府', 'province'],
    ['广西壮族自治区人民政府', 'province'],
    ['广州市人民政府', 'city'],
    ['湖北省武汉市人民政府', 'city'],
    ['木兰县人民政府', 'county'],
    ['北京市海淀区人民政府', 'county'],
    ['阿拉善右旗人民政府', 'county'],
    ['七星河乡人民政府', 'township'],
    ['大贵镇', 'township'],
    ['和平街道办事处', 'township'],
    ['木兰县教育局', 'department'],
    ['某某公司', null],
  ])('a list item by %s is guessed %s', (name, level) => expect(agencyLevel(name)).toBe(level));

  it.each([
    ['七星河乡人民政府', 'township'],
    ['大贵镇', 'township'],
    ['和平街道', 'township'],
    ['和平街道办事处', 'township'],
    ['木兰县人民政府', 'county'],
    ['洪泽区人民政府', 'county'],
    ['阿拉善右旗', 'county'],
    ['湖北省人民政府', 'province'],
    ['延边朝鲜族自治州人民政府', 'city'],
    ['阿拉善盟', 'city'],
    ['淮安市人民政府', null],
  ])('a government %s the index does not place is %s', (name, level) => expect(governmentLevel(name)).toBe(level));

  it('central names', () => {
    for (const n of ['国务院办公厅', '国家税务总局', '中华人民共和国海关总署', '中国证监会', '教育部', '海关总署'])
      expect(CENTRAL_NAME.test(n), n).toBe(true);
    expect(CENTRAL_NAME.test('木兰县教育局')).toBe(false);
  });
});
