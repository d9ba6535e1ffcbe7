// The text normalisers, one per purpose.
import { describe, expect, it } from 'vitest';
import { contentKey, flatten, fold, halfWidthAlnum, labelKey, squeeze } from '../../src/text/normalise.js';

describe('normalisers', () => {
  it('fold: whitespace of any width to one space, zero-width dropped, trimmed', () => {
    expect(fold('  政府\u3000信息\u00a0公开\u2002\u2003年报\n ')).toBe('政府 信息 公开 年报');
    expect(fold('年\u200b度报告\ufeff')).toBe('年度报告');
    expect(fold(null)).toBe('');
  });

  it('squeeze: no whitespace at all (索&ensp;引&ensp;号)', () => {
    expect(squeeze('索\u2002引\u2002号：')).toBe('索引号：');
    expect(squeeze(' 大贵镇 2020 年\u200b\u3000')).toBe('大贵镇2020年');
    expect(squeeze(undefined)).toBe('');
  });

  it('full-width letters and digits as ASCII', () => {
    expect(halfWidthAlnum('２０２３年ＡＢｃ，')).toBe('2023年ABc，');
  });

  it('flatten: no stray spaces, ASCII digits, Chinese-numeral dates as digits; a space only between ASCII', () => {
    expect(flatten('淮安市洪\n泽区')).toBe('淮安市洪泽区');
    expect(flatten('２０２３ 年')).toBe('2023年');
    expect(flatten('二〇二一年一月三十日')).toBe('2021年1月30日');
    expect(flatten('12  34\u3000件')).toBe('12 34件');
  });

  it('labelKey: NFKC, no whitespace (table labels)', () => {
    expect(labelKey(' （一）\u3000行政 许可\n')).toBe('(一)行政许可');
    expect(labelKey('２０２３')).toBe('2023');
  });

  it('contentKey: width, whitespace and punctuation gone (duplicates)', () => {
    expect(contentKey('２０２３年， 政府\n信息（公开）')).toBe('2023年政府信息公开');
  });
});
