// Report titles: which list-item titles are annual reports (the crawler's rule), and the words the
// extractor finds a title line and names other kinds of documents by.
import { describe, expect, it } from 'vitest';
import {
  GENERIC_TITLE,
  isAnnualReport,
  NOTICE,
  ORDERS_REPORTS,
  OTHER_KINDS,
  PUBLISHES_REPORT,
  REPORT_WORDS,
  TITLE_WORDS,
} from '../../src/text/titles.js';
import { samples } from '../crawl/helpers.js';

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

describe('document titles', () => {
  it.each([
    '大贵镇2020年政府信息公开工作年度报告',
    '北京市人民政府2016年政府信息公开年报',
    '贵州省2018年度政府信息公开工作报告',
    '木兰县教育局2020年度工作情况',
    '关于木兰县教育局2020年政府信息公开工作情况的报告',
  ])('%s names a report', (t) => expect(REPORT_WORDS.test(t)).toBe(true));

  it('a section heading is not a title line, though it names 工作情况', () => {
    expect(TITLE_WORDS.test('一、总体工作情况')).toBe(false);
    expect(REPORT_WORDS.test('一、总体工作情况')).toBe(true);
    expect(TITLE_WORDS.test('木兰县教育局2020年度工作情况')).toBe(true);
  });

  it('a column heading is not a title', () => {
    expect(GENERIC_TITLE.test('政府信息公开工作年度报告')).toBe(true);
    expect(GENERIC_TITLE.test('年报专栏')).toBe(true);
    expect(GENERIC_TITLE.test('大贵镇2020年政府信息公开工作年度报告')).toBe(false);
  });

  it('notices, and the notice that carries a report', () => {
    const order = '关于做好2023年政府信息公开工作年度报告编制发布工作的通知';
    expect(NOTICE.test(order) && ORDERS_REPORTS.test(order)).toBe(true);
    const cover = '关于印发木兰县2020年政府信息公开工作年度报告的通知';
    expect(NOTICE.test(cover) && PUBLISHES_REPORT.test(cover) && !ORDERS_REPORTS.test(cover)).toBe(true);
    expect(NOTICE.test('大贵镇2020年政府信息公开工作年度报告')).toBe(false);
  });

  it.each([
    ['湖北省人民政府政府信息公开指南', 'disclosure guide'],
    ['2024年部门预算公开', 'budget or final accounts'],
    ['政府信息公开目录', 'catalogue'],
  ])('%s is a %s', (t, kind) => expect(OTHER_KINDS.find(([re]) => re.test(t))?.[1]).toBe(kind));
});
