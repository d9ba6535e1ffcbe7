// Tables printed without table structure: the same table 三 as a <table>, as one box per cell, as a
// page flattened to one line, and as text laid out with spaces, must give the same cells; a row
// whose blanks vanished is never shifted left; a table that leaves columns out is read by its header.
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/extract/index.js';
import { readForms } from '../../src/extract/tables/index.js';
import { modelFromRows } from '../../src/extract/model.js';
import { reflow, reflowModel } from '../../src/extract/reflow.js';
import { readTxtString } from '../../src/extract/text/txt.js';
import type { TextRow } from '../../src/extract/model.js';
import { APPLICANT_COLUMNS } from '../../src/forms/index.js';
import type { ApplicationsTable } from '../../src/record.js';
import { P, T } from './helpers.js';

const HEADER = ['申请人情况', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
/** Table 三 of a small 2021-form report: label, then the seven applicant cells ('' = blank). */
const ROWS: [string, string[]][] = [
  ['一、本年新收政府信息公开申请数量', ['5', '1', '', '', '', '0', '6']],
  ['二、上年结转政府信息公开申请数量', ['0', '0', '', '', '', '0', '0']],
  ['（一）予以公开', ['3', '1', '', '', '', '0', '4']],
  ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', ['1', '0', '', '', '', '0', '1']],
  ['1.本机关不掌握相关政府信息', ['1', '0', '', '', '', '0', '1']],
  ['（七）总计', ['5', '1', '', '', '', '0', '6']],
  ['四、结转下年度继续办理', ['0', '0', '', '', '', '0', '0']],
];
const INTRO = [
  '某某县某某局2021年政府信息公开工作年度报告',
  '本报告所列数据统计期限自2021年1月1日起至2021年12月31日止。',
];
const HEADING = '三、收到和处理政府信息公开申请情况';

const row = (cells: string[]) =>
  Object.fromEntries(APPLICANT_COLUMNS.map((c, i) => [c, cells[i] === '' ? null : Number(cells[i])]));
const KEYS = [
  'new_received',
  'carried_over',
  'granted',
  'partially_granted',
  'unable_not_held',
  'total_processed',
  'carried_forward',
];
const expected = Object.fromEntries(ROWS.map(([, cells], i) => [KEYS[i]!, row(cells)]));

/** The cells of the rows the report prints (the form's other rows are reported missing, not read). */
function printedRows(applications: ApplicationsTable | null): Record<string, unknown> {
  return Object.fromEntries(KEYS.map((k) => [k, applications?.[k as keyof ApplicationsTable]]));
}

async function extract(bytes: string, name: string) {
  return extractDocument({ bytes: Buffer.from(bytes, 'utf8'), name });
}

describe('table 三 printed without table structure', () => {
  it('one <div> per cell, blank cells as empty boxes: the cells of the <table> rendering', async () => {
    const box = (t: string) => (t === '' ? '<div>&nbsp;</div>' : `<div>${t}</div>`);
    const html = `<html><body>${INTRO.map((p) => `<p>${p}</p>`).join('')}<p>${HEADING}</p>
      ${HEADER.map(box).join('')}${ROWS.map(([label, cells]) => box(label) + cells.map(box).join('')).join('\n')}
      <p>四、政府信息公开行政复议、行政诉讼情况</p></body></html>`;
    const table = `<html><body>${INTRO.map((p) => `<p>${p}</p>`).join('')}<p>${HEADING}</p><table>
      <tr>${HEADER.map((h) => `<td>${h}</td>`).join('')}</tr>
      ${ROWS.map(([label, cells]) => `<tr><td>${label}</td>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}
      </table><p>四、政府信息公开行政复议、行政诉讼情况</p></body></html>`;
    const boxes = await extract(html, 'boxes.html');
    expect(printedRows(boxes.applications)).toEqual(expected);
    expect(printedRows(boxes.applications)).toEqual(printedRows((await extract(table, 'table.html')).applications));
  });

  it('styled <span> cells are cells, not digits run together', async () => {
    const span = (t: string) => `<span style="display:inline-block;width:80px">${t || '&nbsp;'}</span>`;
    const html = `<html><body>${INTRO.map((p) => `<p>${p}</p>`).join('')}<p>${HEADING}</p>
      ${ROWS.map(([label, cells]) => `<div>${span(label)}${cells.map(span).join('')}</div>`).join('\n')}</body></html>`;
    expect(printedRows((await extract(html, 'spans.html')).applications)).toEqual(expected);
  });

  it('a page flattened to one line, blanks printed as dashes: every cell', async () => {
    const line = [
      ...INTRO,
      HEADING,
      ...HEADER,
      ...ROWS.flatMap(([label, cells]) => [label, ...cells.map((c) => c || '—')]),
      '四、政府信息公开行政复议、行政诉讼情况',
    ].join(' ');
    const r = await extract(line, 'page.txt');
    expect(printedRows(r.applications)).toEqual(expected);
    expect(r.title).toBe(INTRO[0]);
    expect(r.year).toBe(2021);
  });

  it('a flattened line whose blanks vanished: a row the identities cannot place is left blank, never shifted', () => {
    const rows = reflow([
      P(
        [
          HEADING,
          ...HEADER,
          '一、本年新收政府信息公开申请数量 5 1 0 6',
          '（一）予以公开 3 1 0 4',
          '（七）总计 5 1 6',
        ].join(' '),
      ),
    ]);
    const r = readForms(modelFromRows('txt', rows), 2021);
    expect(r.applications!.new_received).toEqual(row(['', '', '', '', '', '', '']));
    expect(r.applications!.total_processed).toEqual(row(['', '', '', '', '', '', '']));
    expect(r.warnings.filter((w) => w.code === 'ambiguous_row').map((w) => w.where)).toEqual([
      'applications.new_received',
      'applications.granted',
      'applications.total_processed',
    ]);
  });

  it("a row whose blanks vanished is placed when the table's identities allow exactly one way", () => {
    const line = [
      HEADING,
      ...HEADER,
      '一、本年新收政府信息公开申请数量 5 1 6',
      '二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0',
      '（一）予以公开 4 1 0 0 0 0 5',
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形） 1 0 0 0 0 0 1',
      '（七）总计 5 1 0 0 0 0 6',
      '四、结转下年度继续办理 0 0 0 0 0 0 0',
    ].join(' ');
    const r = readForms(modelFromRows('txt', reflow([P(line)])), 2021);
    expect(r.applications!.new_received).toEqual(row(['5', '1', '', '', '', '', '6']));
    expect(r.warnings.filter((w) => w.where === 'applications.new_received')).toEqual([
      {
        code: 'placed_by_identity',
        where: 'applications.new_received',
        detail: "3 of 7 cells printed (5 1 6); the table's identities allow one placement",
      },
    ]);
  });

  it('text laid out with runs of spaces: a tabular row per line, cells at their character columns', () => {
    expect(reflow([P('（一）予以公开          3    1   0 0   4'), P('全年共收到申请 12 件。')])).toEqual([
      {
        cells: [
          { text: '（一）予以公开', x0: 0, x1: 7 },
          { text: '3', x0: 17, x1: 18 },
          { text: '1', x0: 22, x1: 23 },
          { text: '0', x0: 26, x1: 27 },
          { text: '0', x0: 28, x1: 29 },
          { text: '4', x0: 32, x1: 33 },
        ],
        tabular: true,
      },
      P('全年共收到申请 12 件。'),
    ]);
  });
});

describe('a table that prints only some applicant columns', () => {
  it('reads each figure into the column its header names', () => {
    const rows = [
      P(HEADING),
      T(0, '申请人情况', '自然人', '商业企业', '其他', '总计'),
      T(0, '一、本年新收政府信息公开申请数量', '12', '3', '', '15'),
    ];
    const r = readForms(modelFromRows('html', rows), 2021);
    expect(r.applications!.new_received).toEqual({
      natural_person: 12,
      commercial_enterprise: 3,
      research_institution: null,
      social_welfare_org: null,
      legal_service_org: null,
      other_org: null,
      total: 15,
    });
  });
});

describe('labels in the spellings reports use', () => {
  const app = (...rows: TextRow[]) =>
    readForms(modelFromRows('txt', reflow([P(HEADING), ...rows])), 2021).applications!;

  it('item numbering in any style names the same row: ③其他, (3)其他, 3、其他, 3 . 其 他 (page words)', () => {
    for (const label of ['③其他', '(3)其他', '（3）其他', '3、其他', '3．其他']) {
      const t = app(T(0, '（六）其他处理', label, '1', '0', '0', '0', '0', '0', '1'));
      expect(t.other_misc, label).toEqual(row(['1', '0', '0', '0', '0', '0', '1']));
    }
    const flat = app(P(`（六）其他处理 3 . 其 他 ${'2 0 0 0 0 0 2'}`));
    expect(flat.other_misc).toEqual(row(['2', '0', '0', '0', '0', '0', '2']));
  });

  it('a stray character before the item number (a page-broken group label) does not hide the row', () => {
    const t = app(T(0, '理', '3.其他', '0', '0', '0', '0', '0', '0', '0'));
    expect(t.other_misc).toEqual(row(['0', '0', '0', '0', '0', '0', '0']));
  });

  it('a wrapped label takes its head from the nearest fragments and a group word glued on is no row', () => {
    const t = app(
      P('2．申请人逾期未按收费通知要求缴'),
      T(0, '其他处理', '纳费用、行政机关不再处理其政府信', '0', '0', '0', '0', '0', '0', '0'),
      P('息公开申请'),
    );
    expect(t.other_unpaid_fee).toEqual(row(['0', '0', '0', '0', '0', '0', '0']));
    expect(t.other).toEqual(row(['0', '0', '0', '0', '0', '0', '0'])); // the sum of its rows, not read
  });

  it('figures a line above their label take the label below', () => {
    const t = app(T(0, '果', '31', '0', '0', '0', '0', '4', '35'), T(0, '(7)属于行政执法案卷'));
    expect(t.denied_enforcement_file).toEqual(row(['31', '0', '0', '0', '0', '4', '35']));
  });
});

describe('table 二 laid out with spaces', () => {
  it('a header word broken onto lines of its own keeps its column, so a row with blanks is placed', () => {
    const text = [
      '二、主动公开政府信息情况',
      '第二十条第（一）项',
      `${' '.repeat(32)}现行有`,
      `信息内容${' '.repeat(8)}本年制发件数${' '.repeat(4)}本年废止件数`,
      `${' '.repeat(32)}效件数`,
      `规章${' '.repeat(31)}6`,
      `行政规范性文件${' '.repeat(6)}24${' '.repeat(18)}126`,
    ].join('\n');
    const r = readForms(reflowModel(readTxtString(text)), 2021);
    expect(r.proactive!.regulations).toEqual({ issued: null, repealed: null, in_force: 6 });
    expect(r.proactive!.normative_documents).toEqual({ issued: 24, repealed: null, in_force: 126 });
  });
});
