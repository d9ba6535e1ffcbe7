// Chinese numerals: years digit by digit, small numbers with 十.
import { describe, expect, it } from 'vitest';
import { chineseDigits, chineseNumber } from '../../src/text/numerals.js';

describe('numerals', () => {
  it('reads years digit by digit, with the stand-ins for 〇', () => {
    expect(chineseDigits('二〇二三')).toBe('2023');
    expect(chineseDigits('二零二一')).toBe('2021');
    expect(chineseDigits('二○二○')).toBe('2020');
    expect(chineseDigits('二Ｏ一九')).toBe('2019');
  });

  it.each([
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十一', 21],
    ['三十一', 31],
    ['一十', 10],
    ['两十', 20],
    ['九', 9],
    ['两', 2],
    ['零', 0],
    ['〇', 0],
    ['12', 12],
    ['0', 0],
  ])('%s is %d', (s, n) => expect(chineseNumber(s)).toBe(n));

  it.each(['一二', '十十', '二二十', '百', ''])('%s is not a number', (s) => expect(chineseNumber(s)).toBeNaN());
});
