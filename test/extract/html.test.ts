// HTML reader: GBK pages, grids with merged cells, tables without <table>, page metadata.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readHtml } from '../../src/extract/text/html.js';
import { rowsFromLines } from '../../src/extract/text/lines.js';
import { PORTAL_PAGES } from '../fixtures/samples.js';
import { C, fixture, noAt, P, R, T } from './helpers.js';

const sample = (name: string) => readFileSync(`${PORTAL_PAGES}/${name}`);

const GBK_ROWS = [
  P('根据《中华人民共和国政府信息公开条例》，现公布本镇年度报告。镕'),
  T(0, '信息内容', '本年新制发件数'),
  T(0, '规范性文件', '2'),
];

describe('GBK pages', () => {
  it('reads a GBK page whose charset is only in <meta http-equiv>, or in no place at all', () => {
    expect(noAt(readHtml(fixture('gbk-meta.html')).rows)).toEqual(GBK_ROWS);
    expect(noAt(readHtml(fixture('gbk-sniff.html')).rows)).toEqual(GBK_ROWS);
  });
});

describe('readHtml', () => {
  it('expands rowspan and colspan into a full grid inside a layout table', () => {
    const model = readHtml(fixture('report-table.html'));
    const L = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
    expect(noAt(model.rows)).toEqual([
      P('某某县人民政府2020年政府信息公开工作年度报告'),
      P('本报告由某某县人民政府办公室编制。'),
      P('全文包括总体情况等内容。'),
      P('三、收到和处理政府信息公开申请情况'),
      T(0, L, C, C, '申请人情况', C, C, C),
      T(0, R(L), C, C, '自然人', '法人或其他组织', C, '总计'),
      T(0, R(L), C, C, R('自然人'), '商业 企业', '其他', R('总计')),
      T(0, '一、本年新收政府信息公开申请数量', C, C, '12', '3', '', '15'),
      T(0, '三、本年度办理结果', '（一）予以公开', C, '8', '2', '0', '10'),
      T(0, R('三、本年度办理结果'), '（三）不予公开', '1.属于国家秘密', '0', '', '0', '0'),
      T(0, R('三、本年度办理结果'), R('（三）不予公开'), '2.其他法律行政法规禁止公开', '1', '0', '0', '1'),
      P('四、政府信息公开行政复议、行政诉讼情况'),
      P('复议：0件'),
      P('诉讼：0件'),
    ]);
    expect(model.meta).toEqual({
      title: '某某县人民政府2020年政府信息公开工作年度报告',
      published: '2021-01-28',
      agency: '某某县人民政府办公室',
    });
    expect(model.format).toBe('html');
    expect(model.text.split('\n')[4]).toBe(`${L}\t\t\t申请人情况\t\t\t`);
  });

  it('reads div grids, CSS grids and flex rows as tables, and leaves prose pairs alone', () => {
    const model = readHtml(fixture('div-grid.html'));
    expect(noAt(model.rows)).toEqual([
      P('某某镇2021年政府信息公开工作年度报告'),
      P('二、主动公开政府信息情况'),
      T(0, '第二十条第（一）项', C, '本年新制发件数'),
      T(0, '信息内容', '规章', '0'),
      T(0, '信息内容', '规范性文件', ''),
      P('三、收到和处理政府信息公开申请情况'),
      T(1, '申请人情况', C, '自然人', '总计'),
      T(1, '一、本年新收', '', '4', '4'),
      T(2, '（一）予以公开', '3', '3'),
      T(2, '（二）部分公开', '1', '1'),
      T(3, '行政复议', '维持', '纠正'),
      T(3, '本年', '0', '1'),
      P('一、总体情况'),
      P('二、主动公开'),
      P('三、依申请公开'),
      P('四、复议诉讼'),
      // No declared spans: one cell per child cell, rows not padded; a marked one-cell row belongs.
      T(4, '第二十条第（五）项'),
      T(4, '信息内容', '本年处理决定数量'),
      T(4, '行政许可', '3 件'),
    ]);
    expect(model.meta.title).toBe('某某镇2021年政府信息公开工作年度报告');
  });

  it('splits <p> lines at runs of spaces, full-width spaces, &nbsp; and tabs, but not a lone byline', () => {
    expect(noAt(readHtml(fixture('spaced-lines.html')).rows)).toEqual([
      P('发布日期：2022-01-20 来源：某某县人民政府 浏览次数：12'),
      P('一、总体情况'),
      P('本年度共主动公开政府信息 120 条，其中 重点领域信息 30 条。'),
      T(0, '信息内容', '本年新制发件数', '本年废止件数', '现行有效件数'),
      T(0, '规章', '0', '0', '2'),
      T(0, '规范性文件', '1', '5'),
      P('三、收到和处理政府信息公开申请情况'),
      T(1, '（一）予以公开', '3', '0', '3'),
      T(1, '（二）部分公开', '1', '0', '1'),
      P('四、行政复议、行政诉讼情况'),
      T(2, '行政复议', '维持', '纠正'),
      T(2, '结果', '0', '1'),
      P('五、存在的主要问题及改进情况'),
      P('某某县人民政府办公室 2022年1月20日'),
      P('以上 数据截至年底。'),
      P('附表：'),
      // A block of <p> rows: its one-cell lines (article headings) are rows of the same table.
      T(3, '第二十条第（一）项'),
      T(3, '信息内容', '本年制发件数'),
      T(3, '规章', '—'),
      T(3, '第二十条第（五）项'),
      T(3, '行政许可', '12'),
    ]);
  });

  it('keeps blank cells between consecutive tabs', () => {
    expect(rowsFromLines(['项目\t本年\t上年', '规章\t\t2', '说明'])).toEqual([
      T(0, '项目', '本年', '上年'),
      T(0, '规章', '', '2'),
      P('说明'),
    ]);
  });

  it('reads the meta set of a TRS detail page and only its article body', () => {
    const model = readHtml(sample('06-trs-hbscjg-detail.html'));
    expect(model.meta).toEqual({
      title:
        '湖北省市场监督管理局办公室关于转发国家知识产权局等五部门关于开展杭州亚运会和亚残运会知识产权保护专项行动的通知',
      published: '2023-08-28',
      agency: '湖北省市场监督管理局',
    });
    expect(model.rows.every((r) => !r.tabular)).toBe(true);
    expect(model.rows.map((r) => r.cells[0].text.slice(0, 12))).toEqual([
      '各市、州、直管市、神农架',
      '现将《国家知识产权局 中',
      '一、提高政治站位。各地要',
      '二、强化责任落实。各地要',
      '三、密切部门协作。各地市',
      '四、注重宣传引导。各地要',
      '湖北省市场监督管理局办公',
      '2023年8月25日',
    ]);
  });

  it('reads upper-case META tags in reversed attribute order and prefers the visible date', () => {
    const model = readHtml(sample('08-other-baoding-detail.html'));
    expect(model.meta).toEqual({
      title: '保定市统筹推动城市和产业转型升级 着力构建“医车电数游”五大优势产业集群',
      published: '2021-04-07',
      agency: '保定市人民政府网',
    });
    expect(model.rows.some((r) => r.cells[0].text.startsWith('唐尧网讯（记者刘向真）4月7日'))).toBe(true);
    expect(model.text).not.toContain('function');
  });

  it('takes the agency from a metadata table and the title from <title> without the site suffix', () => {
    const page = `<html><head><title>某某区2021年政府信息公开工作年度报告_某某区人民政府</title></head><body>
      <table><tr><th>发&ensp;布&ensp;机&ensp;构</th><td> 某某区司法局 </td><th>发文日期</th><td>2022-01-10</td></tr></table>
      <div class="TRS_Editor"><p>一、总体情况</p><p>本年度某某区司法局认真贯彻落实条例，主动公开信息。</p></div></body></html>`;
    expect(readHtml(Buffer.from(page)).meta).toEqual({
      title: '某某区2021年政府信息公开工作年度报告',
      agency: '某某区司法局',
    });
  });

  it('reads the HTML part of a Word MHTML page (quoted-printable GB2312)', () => {
    const model = readHtml(fixture('word-page.mht'));
    expect(noAt(model.rows)).toEqual([
      P('某某街道2020年政府信息公开工作年度报告'),
      P('一、总体情况'),
      T(0, '第二十条第（一）项', C),
      T(0, '规章', '0'),
    ]);
    expect(model.meta).toEqual({ title: '某某街道2020年政府信息公开工作年度报告' });
  });

  it.each([
    [
      '发布时间',
      '<div>首页 &gt; 年报</div><div>统计时间：2020年1月1日</div><div>发布时间：2021年1月29日</div>',
      '2021-01-29',
    ],
    ['a bare 日期', '<span>日期： 2021/02/03</span><span>发文日期：2021-01-01</span>', '2021-02-03'],
    [
      'nothing but 发文日期 and 统计时间',
      '<span>发文日期：2021-01-01</span><span>统计时间：2020-12-31</span>',
      undefined,
    ],
  ])('takes the visible date from %s', (_, header, published) => {
    const page = `<html><head><meta name="PubDate" content="${published ? '2099-01-01' : ''}"></head><body>${header}
      <div id="zoom"><p>一、总体情况。本年度主动公开政府信息。</p></div></body></html>`;
    expect(readHtml(Buffer.from(page)).meta.published).toBe(published);
  });

  it.each([
    ['an empty body', '<html><head><title>x</title></head><body>  </body></html>'],
    [
      'a navigation shell',
      `<html><body><nav><a href="/">首页</a></nav><ul>${Array.from({ length: 30 }, (_, i) => `<li><a href="/c${i}">栏目${i}</a></li>`).join('')}</ul>
       <div>网站标识码</div></body></html>`,
    ],
  ])('refuses %s with no_report_content', (_, page) => {
    expect(() => readHtml(Buffer.from(page))).toThrow(expect.objectContaining({ kind: 'no_report_content' }));
  });
});
