// DOC reader: paragraph properties mark row ends and give each row's cell edges and merges.
import { describe, expect, it } from 'vitest';
import { PARA_END, ROW_END, readDoc, rowsFromDocText } from '../../src/extract/text/doc.js';
import { readDocx } from '../../src/extract/text/docx.js';
import { fixture, MERGED_ROWS, noAt, P, R, T } from './helpers.js';

describe('readDoc', () => {
  it('rebuilds merged cells from the row geometry, like the DOCX reader does for the same document', async () => {
    const model = await readDoc(fixture('merged.doc'));
    expect(noAt(model.rows)).toEqual(MERGED_ROWS);
    expect(model.format).toBe('doc');
    expect(model.meta).toEqual({ title: '某某乡2020年政府信息公开工作年度报告' });
    expect(noAt(model.rows)).toEqual(noAt((await readDocx(fixture('merged.docx'))).rows));
  });

  it('ends the rows of a wide table whose row properties sit in the Data stream', async () => {
    // Plain word-extractor glues these four rows into one line (see make-word.ts).
    const C = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
    expect(noAt((await readDoc(fixture('wide.doc'))).rows)).toEqual([
      P('三、收到和处理政府信息公开申请情况'),
      T(0, '项目', '', '', ...C),
      T(0, '一、本年新收政府信息公开申请数量', '', '', '1', '2', '0', '0', '0', '0', '3'),
      T(0, '三、本年度办理结果', '（三）不予公开', '1.属于国家秘密', '0', '0', '0', '0', '0', '0', '0'),
      T(0, '', '', '2.其他法律行政法规禁止公开', '0', '1', '0', '0', '0', '0', '1'),
      P('四、政府信息公开行政复议、行政诉讼情况'),
    ]);
  });

  it('reads marked text: paragraphs, rows with geometry, and rows whose geometry does not fit', () => {
    const row = (continues: boolean[], edges = [0, 1000, 1500]) => ({ edges, continues });
    const body = `标题${PARA_END}类别\t数量\t${ROW_END}\t1\t${ROW_END}说明${PARA_END}甲\t乙\t${ROW_END}`;
    expect(noAt(rowsFromDocText(body, [row([false, false]), row([true, false]), row([false], [0, 900])]))).toEqual([
      P('标题'),
      T(0, '类别', '数量'),
      T(0, R('类别'), '1'),
      P('说明'),
      T(1, '甲', '乙'),
    ]);
  });

  it('reads plain word-extractor text (no marks) by its tab + newline row ends', () => {
    const text = '表一\n项目\t数量\t\n规章\t1\t\n说明“三安全一稳定”\n甲\t乙\t\n';
    expect(noAt(rowsFromDocText(text))).toEqual([
      P('表一'),
      T(0, '项目', '数量'),
      T(0, '规章', '1'),
      P('说明“三安全一稳定”'),
      T(1, '甲', '乙'),
    ]);
  });

  it.each([
    ['a truncated file', () => fixture('merged.doc').subarray(0, 3000)],
    [
      'an OLE2 header over garbage',
      () => Buffer.concat([fixture('merged.doc').subarray(0, 512), Buffer.alloc(4096, 0xab)]),
    ],
  ])('refuses %s with corrupt_doc', async (_, bytes) => {
    await expect(readDoc(bytes())).rejects.toMatchObject({ kind: 'corrupt_doc' });
  });
});
