// DOC reader: word-extractor's text, table rows told apart by their cell marks (tab + row end).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TextRow } from '../../src/extract/model.js';
import { readDoc, rowsFromDocText } from '../../src/extract/text/doc.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/documents/${name}`, import.meta.url));
const P = (text: string): TextRow => ({ cells: [{ text }], tabular: false });
const T = (table: number, ...cells: string[]): TextRow => ({ cells: cells.map((text) => ({ text })), tabular: true, table });

describe('readDoc', () => {
  it('reads a Word 97 table row by row, with a cell of two paragraphs on one row', async () => {
    // Merged cells leave blank cells in a .doc: its text carries no grid (see the DOCX reader for spans).
    const model = await readDoc(fixture('merged.doc'));
    expect(model.rows).toEqual([
      P('某某乡2020年政府信息公开工作年度报告'),
      P('本报告根据条例编制。'),
      P('三、收到和处理政府信息公开申请情况'),
      T(0, '（本列数据的勾稽关系）', '申请人情况'),
      T(0, '', '自然人', '商业 企业', '总计'),
      T(0, '一、本年新收政府信息公开申请数量', '5', '', '5'),
      T(0, '三、本年度办理结果', '（一）予以公开', '3', '0', '3'),
      T(0, '', '（二）部分公开', '1', '1', '2'),
      P('四、行政复议、行政诉讼情况'),
      T(1, '行政复议', '0', '1'),
      T(1, '行政诉讼', '2', '0'),
      P('某某乡人民政府'),
    ]);
    expect(model.format).toBe('doc');
    expect(model.meta).toEqual({ title: '某某乡2020年政府信息公开工作年度报告' });
  });

  it('ends the rows of a wide table whose row properties sit in the Data stream', async () => {
    // Plain word-extractor glues these four rows into one line (see make-word.ts).
    const C = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
    expect((await readDoc(fixture('wide.doc'))).rows).toEqual([
      P('三、收到和处理政府信息公开申请情况'),
      T(0, '项目', '', '', ...C),
      T(0, '一、本年新收政府信息公开申请数量', '', '', '1', '2', '0', '0', '0', '0', '3'),
      T(0, '三、本年度办理结果', '（三）不予公开', '1.属于国家秘密', '0', '0', '0', '0', '0', '0', '0'),
      T(0, '', '', '2.其他法律行政法规禁止公开', '0', '1', '0', '0', '0', '0', '1'),
      P('四、政府信息公开行政复议、行政诉讼情况'),
    ]);
  });

  it('numbers separate tables apart and keeps “quotes” as written', () => {
    const text = '表一\n项目\t数量\t\n规章\t1\t\n说明“三安全一稳定”\n甲\t乙\t\n';
    expect(rowsFromDocText(text)).toEqual([
      P('表一'),
      T(0, '项目', '数量'),
      T(0, '规章', '1'),
      P('说明“三安全一稳定”'),
      T(1, '甲', '乙'),
    ]);
  });

  it.each([
    ['a truncated file', () => fixture('merged.doc').subarray(0, 3000)],
    ['an OLE2 header over garbage', () => Buffer.concat([fixture('merged.doc').subarray(0, 512), Buffer.alloc(4096, 0xab)])],
  ])('refuses %s with corrupt_doc', async (_, bytes) => {
    await expect(readDoc(bytes())).rejects.toMatchObject({ kind: 'corrupt_doc' });
  });
});
