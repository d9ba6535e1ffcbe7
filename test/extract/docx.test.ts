// DOCX reader: mammoth's HTML through the shared grid code, merged cells (gridSpan, vMerge) expanded.
import { describe, expect, it } from 'vitest';
import { readDocx } from '../../src/extract/text/docx.js';
import { fixture, MERGED_ROWS, noAt, P, T } from './helpers.js';

describe('readDocx', () => {
  it('expands gridSpan and vMerge cells and reads tab-separated paragraphs as a table', async () => {
    const model = await readDocx(fixture('merged.docx'));
    expect(noAt(model.rows)).toEqual(MERGED_ROWS);
    expect(model.format).toBe('docx');
    expect(model.meta).toEqual({ title: '某某乡2020年政府信息公开工作年度报告' });
  });

  it('keeps a row that starts one grid column in (w:gridBefore) under its columns', async () => {
    // mammoth alone would put 3 and 5 under 信息内容 and 本年.
    expect(noAt((await readDocx(fixture('grid-before.docx'))).rows)).toEqual([
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
