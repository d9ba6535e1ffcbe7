// DOCX reader: mammoth's HTML through the shared grid code, merged cells (gridSpan, vMerge) expanded.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TextCell, TextRow } from '../../src/extract/model.js';
import { readDocx } from '../../src/extract/text/docx.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/documents/${name}`, import.meta.url));
const P = (text: string): TextRow => ({ cells: [{ text }], tabular: false });
const T = (table: number, ...cells: (string | TextCell)[]): TextRow => ({
  cells: cells.map((c) => (typeof c === 'string' ? { text: c } : c)),
  tabular: true,
  table,
});
const R = (text: string): TextCell => ({ text, merged: 'row' });
const C: TextCell = { text: '', merged: 'col' };

describe('readDocx', () => {
  it('expands gridSpan and vMerge cells and reads tab-separated paragraphs as a table', async () => {
    const model = await readDocx(fixture('merged.docx'));
    expect(model.rows).toEqual([
      P('某某乡2020年政府信息公开工作年度报告'),
      P('本报告根据条例编制。'),
      P('三、收到和处理政府信息公开申请情况'),
      T(0, '（本列数据的勾稽关系）', C, '申请人情况', C, C),
      T(0, R('（本列数据的勾稽关系）'), C, '自然人', '商业 企业', '总计'),
      T(0, '一、本年新收政府信息公开申请数量', C, '5', '', '5'),
      T(0, '三、本年度办理结果', '（一）予以公开', '3', '0', '3'),
      T(0, R('三、本年度办理结果'), '（二）部分公开', '1', '1', '2'),
      P('四、行政复议、行政诉讼情况'),
      T(1, '行政复议', '0', '1'),
      T(1, '行政诉讼', '2', '0'),
      P('某某乡人民政府'),
    ]);
    expect(model.format).toBe('docx');
    expect(model.meta).toEqual({ title: '某某乡2020年政府信息公开工作年度报告' });
  });

  it('keeps a row that starts one grid column in (w:gridBefore) under its columns', async () => {
    // mammoth alone would put 3 and 5 under 信息内容 and 本年.
    expect((await readDocx(fixture('grid-before.docx'))).rows).toEqual([
      P('二、主动公开政府信息情况'),
      T(0, '信息内容', '本年', '上年'),
      T(0, '规章', '1', '2'),
      T(0, '', '3', '5'),
    ]);
  });

  it.each([
    ['a truncated zip', () => fixture('merged.docx').subarray(0, 3000)],
    ['a zip whose document.xml is cut in half', () => fixture('broken-xml.docx')],
    ['bytes that are no zip at all', () => Buffer.from('PK\x03\x04 not really a zip')],
  ])('refuses %s with corrupt_docx', async (_, bytes) => {
    await expect(readDocx(bytes())).rejects.toMatchObject({ kind: 'corrupt_docx' });
  });
});
