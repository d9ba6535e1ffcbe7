// Dates and years as Chinese text writes them.
import { describe, expect, it } from 'vitest';
import {
  chineseDatesToDigits,
  isoDate,
  isoFromParts,
  NUMERIC_DATE,
  plausibleYear,
  titleYear,
} from '../../src/text/dates.js';

describe('isoDate', () => {
  it.each([
    ['2023-08-28 08:15', '2023-08-28'],
    ['2023年8月28日', '2023-08-28'],
    ['2023 年 8 月 28 日', '2023-08-28'],
    ['2023/8/28', '2023-08-28'],
    ['2023.08.28', '2023-08-28'],
    ['20230828', '2023-08-28'],
    ['发布时间：2021-01-20', '2021-01-20'],
    ['2023-13-01', null],
    ['2023-02-32', null],
    ['3023-01-01', null],
    ['', null],
    [null, null],
  ])('%s → %s', (s, iso) => expect(isoDate(s)).toBe(iso));

  it('from parts: month and day checked, the year as given', () => {
    expect(isoFromParts('2021', '1', '5')).toBe('2021-01-05');
    expect(isoFromParts(2021, 12, 31)).toBe('2021-12-31');
    expect(isoFromParts('2021', '0', '5')).toBeNull();
    expect(isoFromParts('1998', '3', '1')).toBe('1998-03-01');
  });

  it('the numeric pattern captures year, month and day', () => {
    expect(new RegExp(NUMERIC_DATE).exec('成文日期：2020年12月31日')?.slice(1)).toEqual(['2020', '12', '31']);
    expect(plausibleYear(2020)).toBe(true);
    expect(plausibleYear(1999)).toBe(false);
  });
});

describe('Chinese-numeral dates', () => {
  it.each([
    ['二〇二〇年十二月三十一日', '2020年12月31日'],
    ['二〇二一年一月三十日', '2021年1月30日'],
    ['二○二一年十月一日', '2021年10月1日'],
    ['二零二三年度', '2023年度'],
    ['一二三四五', '一二三四五'],
  ])('%s → %s', (s, digits) => expect(chineseDatesToDigits(s)).toBe(digits));
});

describe('titleYear', () => {
  it.each([
    ['2023年度政府信息公开工作年度报告', 2023],
    ['大贵镇 2020 年政府信息公开工作年度报告', 2020],
    ['２０２３年度政府信息公开工作年度报告', 2023],
    ['二〇二二年度政府信息公开工作年度报告', 2022],
    ['二〇二三年度', 2023],
    ['2023年', 2023],
    ['二零二一年政府信息公开工作年度报告', 2021],
    ['政府信息公开工作年度报告（2019）', 2019],
    ['政府信息公开工作年度报告(2019年)', 2019],
    ['政府信息公开工作年度报告', null],
    ['第2023号通知', null],
  ])('%s → %s', (title, year) => expect(titleYear(title)).toBe(year));
});
