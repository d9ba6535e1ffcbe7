// The PDF reader: rows and positioned cells from real reports (the two Hongze PDFs, see
// test/fixtures/samples/peer/README.md for their traps), a small ruled table with blank cells,
// the typed errors, and the pure layout step on hand-made runs.
// Fixtures in test/fixtures/documents: review-table.pdf = an HTML table (two blank cells,
// header cells less than 0.6 em apart, cell borders) converted by LibreOffice; -encrypted =
// the same through `qpdf --encrypt secret owner 256`; -truncated = its first 20,000 bytes;
// scanned.pdf = a page holding only a 44 ppi PNG of it (Chromium print); -rotated = `qpdf --rotate=+90`
// (the text then runs down the displayed page).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExtractError } from '../../src/errors.js';
import type { DocumentModel, TextCell, TextRow } from '../../src/extract/model.js';
import { cutAtRulings, layoutPage, type TextRun } from '../../src/extract/text/pdf-layout.js';
import { looksLikeReportTitle, mayJoinCells, readPdf } from '../../src/extract/text/pdf.js';
import { foldRadicals } from '../../src/extract/text/pdf-unicode.js';
import { PEER } from '../fixtures/samples.js';
import { noAt } from './helpers.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/documents/${name}`, import.meta.url));

const texts = (row: TextRow) => row.cells.map((c) => c.text);
const center = (c: TextCell) => ((c.x0 ?? NaN) + (c.x1 ?? NaN)) / 2;
const findRow = (m: DocumentModel, first: string) => {
  const i = m.rows.findIndex((r) => r.cells[0]?.text === first);
  if (i < 0) throw new Error(`no row starting with ${first}`);
  return i;
};

/** Header columns of a stacked header (labels over two lines): cells grouped by x0. */
function headerColumns(rows: TextRow[]): { label: string; x0: number; x1: number }[] {
  const cols: { label: string; x0: number; x1: number }[] = [];
  for (const row of rows) {
    for (const c of row.cells) {
      const col = cols.find((k) => Math.abs(k.x0 - c.x0!) < 3);
      if (col) {
        col.label += c.text.replace(/\s/g, '');
        col.x1 = Math.max(col.x1, c.x1!);
      } else cols.push({ label: c.text.replace(/\s/g, ''), x0: c.x0!, x1: c.x1! });
    }
  }
  return cols.sort((a, b) => a.x0 - b.x0);
}

async function errorOf(p: Promise<unknown>): Promise<ExtractError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ExtractError);
  return err as ExtractError;
}

describe('hongze-2023.pdf', () => {
  let m: DocumentModel;
  beforeAll(async () => {
    m = await readPdf(readFileSync(`${PEER}/hongze-2023.pdf`));
  });

  it('has format, page count and the Info title (a report title); no published date', () => {
    expect(m.format).toBe('pdf');
    expect(m.meta).toEqual({ pages: 5, title: '洪泽区人民政府2023年政府信息公开工作年度报告' });
  });

  it('keeps prose as single-cell non-tabular rows with their page, and drops page numbers', () => {
    expect(noAt(m.rows[0])).toEqual({
      cells: [{ text: '洪泽区人民政府', x0: 219.36, x1: 373.31 }],
      tabular: false,
      page: 1,
    });
    expect(m.rows.filter((r) => r.cells.some((c) => /^-\s*\d\s*-$/.test(c.text)))).toEqual([]);
    expect(m.rows.map((r) => r.page)).toEqual([...m.rows.map((r) => r.page)].sort());
    const heading = m.rows[findRow(m, '四、政府信息公开行政复议、行政诉讼情况')];
    expect(heading.tabular).toBe(false);
  });

  it('reads table 二 rows as label + numbers under their headers', () => {
    const i = findRow(m, '行政规范性文件');
    expect(noAt(m.rows[i - 2].cells)).toEqual([
      { text: '信息内容', x0: 129.36, x1: 177.48 },
      { text: '本年制发件数', x0: 248.76, x1: 321 },
      { text: '本年废止件数', x0: 344.4, x1: 416.64 },
      { text: '现行有效件数', x0: 433.56, x1: 505.8 },
    ]);
    expect(texts(m.rows[i])).toEqual(['行政规范性文件', '0', '5', '5']);
    const header = m.rows[i - 2].cells;
    m.rows[i].cells.slice(1).forEach((c, k) => {
      expect(center(c)).toBeGreaterThan(header[k + 1].x0!);
      expect(center(c)).toBeLessThan(header[k + 1].x1!);
    });
    expect(texts(m.rows[findRow(m, '行政事业性收费')])).toEqual(['行政事业性收费', '7730.28']);
  });

  it('reads table 三: seven numbers per row, in the same seven columns on both pages', () => {
    const first = m.rows[findRow(m, '一、本年新收政府信息公开申请数量')];
    expect(texts(first)).toEqual(['一、本年新收政府信息公开申请数量', '21', '0', '0', '0', '0', '0', '21']);
    const columns = first.cells.slice(1).map(center);
    const numeric = m.rows.filter((r) => r.tabular && r.cells.filter((c) => /^\d+$/.test(c.text)).length === 7);
    expect(numeric.length).toBe(23); // 14 on page 3, 9 on page 4
    for (const row of numeric) {
      const nums = row.cells.filter((c) => /^\d+$/.test(c.text));
      nums.forEach((c, k) => expect(Math.abs(center(c) - columns[k])).toBeLessThan(4));
    }
  });

  it('joins a label wrapped over two lines around its numbers into one row', () => {
    expect(texts(m.rows[findRow(m, '5.要求行政机关确认或重 新出具已获取信息')])).toEqual([
      '5.要求行政机关确认或重 新出具已获取信息',
      ...'0000000',
    ]);
    const i = findRow(m, '（二）部分公开（区分处理的，只计这一情 形，不计其他情形）');
    expect(m.rows[i]).toMatchObject({ tabular: true, page: 3 });
    expect(noAt(m.rows[i].cells[0])).toEqual({
      text: '（二）部分公开（区分处理的，只计这一情 形，不计其他情形）',
      x0: 103.92,
      x1: 306.48,
    });
    expect(texts(m.rows[i]).slice(1)).toEqual(['4', '0', '0', '0', '0', '0', '4']);
    expect(texts(m.rows[findRow(m, '2.其他法律行政止公开')])).toEqual([
      '2.其他法律行政止公开',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
    ]);
  });

  it('crosses the page break of table 三 between （四）2 and （四）3 with nothing in between', () => {
    const i = findRow(m, '2.没有现成信息需要另行制作');
    expect([m.rows[i], m.rows[i + 1]].map((r) => [r.page, texts(r)])).toEqual([
      [3, ['2.没有现成信息需要另行制作', '3', '0', '0', '0', '0', '0', '3']],
      [4, ['3.补正后申请内容仍不明确', '0', '0', '0', '0', '0', '0', '0']],
    ]);
  });

  it('reads table 四: 15 numbers, each under its stacked header label', () => {
    const top = findRow(m, '行政复议');
    const data = m.rows.findIndex((r, k) => k > top && r.cells.length === 15);
    expect(texts(m.rows[data])).toEqual(['10', '1', '0', '0', '0', '0', '0', '0', '0', '0', '5', '0', '0', '0', '0']);
    const cols = headerColumns(m.rows.slice(top + 2, data));
    const five = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
    expect(cols.map((c) => c.label)).toEqual([...five, ...five, ...five]);
    m.rows[data].cells.forEach((c, k) => {
      expect(center(c)).toBeGreaterThan(cols[k].x0);
      expect(center(c)).toBeLessThan(cols[k].x1);
    });
  });
});

describe('hongze-2024.pdf', () => {
  let m: DocumentModel;
  beforeAll(async () => {
    m = await readPdf(readFileSync(`${PEER}/hongze-2024.pdf`));
  });

  it('has 5 pages and its (generic but report-like) Info title', () => {
    expect(m.meta).toEqual({ pages: 5, title: '政府信息公开工作年度报告' });
  });

  it('crosses the page break of table 三 between （四）1 and （四）2', () => {
    const i = findRow(m, '（四）无法提供');
    expect([m.rows[i], m.rows[i + 1]].map((r) => [r.page, texts(r)])).toEqual([
      [3, ['（四）无法提供', '1.本机关不掌握相关政府信息', '31', '0', '0', '0', '0', '0', '31']],
      [4, ['2.没有现成信息需要另行制作', '1', '0', '0', '0', '0', '0', '1']],
    ]);
  });

  it('reads table 四 as 1 1 0 0 2 | 1 0 0 0 1 | 2 0 1 0 3 under the 15 header labels', () => {
    const top = findRow(m, '行政复议');
    const data = m.rows.findIndex((r, k) => k > top && r.cells.length === 15);
    expect(texts(m.rows[data]).join(' ')).toBe('1 1 0 0 2 1 0 0 0 1 2 0 1 0 3');
    const cols = headerColumns(m.rows.slice(top + 2, data));
    expect(cols).toHaveLength(15);
    m.rows[data].cells.forEach((c, k) => {
      expect(center(c)).toBeGreaterThan(cols[k].x0);
      expect(center(c)).toBeLessThan(cols[k].x1);
    });
    // "结果" and "其他" are 0.5 em apart: two cells, not one
    expect(texts(m.rows[top + 4])).toEqual([
      '维持',
      '纠正',
      '结果',
      '审结',
      '结果',
      '结果',
      '其他',
      '尚未',
      '结果',
      '结果',
      '其他',
      '尚未',
    ]);
  });
});

describe('review-table.pdf (ruled table, blank cells, header cells run together by pdf.js)', () => {
  let m: DocumentModel;
  beforeAll(async () => {
    m = await readPdf(readFileSync(fixture('review-table.pdf')));
  });

  it('reads every row', () => {
    expect(m.meta).toEqual({ pages: 1 });
    const ten = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
    expect(m.rows.map((r) => [texts(r), r.tabular, r.page])).toEqual([
      [['某某区人民政府2024 年政府信息公开工作年度报告'], false, 1],
      [['四、政府信息公开行政复议、行政诉讼情况'], false, 1],
      [['行政复议', '行政诉讼'], true, 1],
      [[...ten, ...ten], true, 1],
      [['3', '1', '0', '4', '12', '0', '0', '12'], true, 1],
      [['五、存在的主要问题及改进情况'], false, 1],
      [['本年度共受理申请 15 件，均已按期答复。'], false, 1],
    ]);
  });

  it('places each number under its header so blank cells do not shift the row', () => {
    const header = m.rows[3].cells;
    const column = (c: TextCell) => header.findIndex((h) => center(c) > h.x0! && center(c) < h.x1!);
    expect(m.rows[4].cells.map(column)).toEqual([0, 2, 3, 4, 5, 6, 8, 9]);
  });
});

describe('review-table-rotated.pdf (/Rotate 90: the text runs down the page)', () => {
  it('is read turned back, the same rows and cells as the upright file', async () => {
    const upright = await readPdf(readFileSync(fixture('review-table.pdf')));
    const turned = await readPdf(readFileSync(fixture('review-table-rotated.pdf')));
    expect(turned.rows).toEqual(upright.rows);
  });
});

describe('errors', () => {
  it.each([
    ['review-table-encrypted.pdf', 'encrypted_pdf'],
    ['review-table-truncated.pdf', 'corrupt_pdf'],
    // a page image at 44 ppi: OCR runs and reads it with a mean confidence of ~35
    ['scanned.pdf', 'unreadable_scan'],
  ])('%s → %s', async (name, kind) => {
    expect((await errorOf(readPdf(readFileSync(fixture(name))))).kind).toBe(kind);
  });

  it('scanned.pdf with OCR off (OGI_OCR=0, as --no-ocr sets it) → needs_ocr', async () => {
    process.env.OGI_OCR = '0';
    try {
      const err = await errorOf(readPdf(readFileSync(fixture('scanned.pdf'))));
      expect([err.kind, err.message]).toEqual(['needs_ocr', '1 of 1 page(s) are scans and OCR is off']);
    } finally {
      delete process.env.OGI_OCR;
    }
  });

  it('refuses bytes that are not a PDF and an empty buffer as corrupt_pdf', async () => {
    expect((await errorOf(readPdf(Buffer.from('<html>not a pdf</html>')))).kind).toBe('corrupt_pdf');
    expect((await errorOf(readPdf(Buffer.alloc(0)))).kind).toBe('corrupt_pdf');
    expect((await errorOf(readPdf(Buffer.from('%PDF-1.7\n1 0 obj garbage')))).kind).toBe('corrupt_pdf');
  });
});

describe('layoutPage', () => {
  const page = { page: 2, width: 595, height: 842 };
  const run = (text: string, x0: number, y: number, size = 10, width = text.length * size): TextRun => ({
    text,
    x0,
    x1: x0 + width,
    y,
    size,
  });

  it('groups runs a point or two off one baseline, splits at wide gaps, merges close runs', () => {
    const rows = layoutPage(
      [
        run('1.', 100, 300, 10, 7.5),
        run('属于国家秘密', 107.6, 300),
        run('12', 320, 301.6, 14, 14),
        run('0', 350, 301.6, 14, 7),
      ],
      page,
    );
    expect(noAt(rows)).toEqual([
      {
        cells: [
          { text: '1.属于国家秘密', x0: 100, x1: 167.6 },
          { text: '12', x0: 320, x1: 334 },
          { text: '0', x0: 350, x1: 357 },
        ],
        tabular: true,
        page: 2,
      },
    ]);
  });

  it('puts a space between runs a little apart ("第 711 号") and keeps lines a font size apart separate', () => {
    const rows = layoutPage(
      [run('国令第', 100, 200), run('711', 133, 200, 10, 18), run('号', 154, 200), run('下一行', 100, 214)],
      page,
    );
    expect(rows.map(texts)).toEqual([['国令第 711 号'], ['下一行']]);
    expect(rows.map((r) => r.tabular)).toEqual([false, false]);
  });

  it('drops page numbers in the margins, but not a number in the body', () => {
    const rows = layoutPage(
      [run('- 3 -', 280, 810, 12, 30), run('第 4 页', 280, 20), run('7', 280, 400), run('正文', 100, 420)],
      page,
    );
    expect(rows.map(texts)).toEqual([['7'], ['正文']]);
    // a bare number high on the page under a table label is a value, not a page number
    const top = layoutPage(
      [
        run('5.要求行政机关确认', 170, 68),
        run('0', 520, 75, 10, 5),
        run('已获取信息', 190, 82),
        run('8', 290, 830, 10, 5),
      ],
      page,
    );
    expect(top.map(texts)).toEqual([['5.要求行政机关确认已获取信息', '0']]);
  });

  it('folds radical code points to the ideographs (⼈⺠ → 人民)', () => {
    expect(foldRadicals('北江县⼈⺠政府 ⻓ ⽇期 （一） 1')).toBe('北江县人民政府 长 日期 （一） 1');
  });

  it('keeps one-glyph cells apart (the second line of wrapped header labels "结果维/持")', () => {
    const rows = layoutPage([run('持', 75, 100), run('正', 109, 100), run('果', 143, 100), run('结', 177, 100)], page);
    expect(rows.map((r) => [texts(r), r.tabular])).toEqual([[['持', '正', '果', '结'], true]]);
  });

  it('drops the second copy of a fake-bold run', () => {
    const rows = layoutPage([run('总计', 100, 300), run('总计', 100.4, 300), run('5', 300, 300, 10, 5)], page);
    expect(rows.map(texts)).toEqual([['总计', '5']]);
  });

  it('marks a single-cell line between close table rows tabular, but not a larger heading', () => {
    const rows = layoutPage(
      [
        run('一、甲', 80, 100),
        run('1', 300, 100, 10, 5),
        run('（三）不予公开', 100, 115),
        run('二、乙', 80, 130),
        run('2', 300, 130, 10, 5),
        run('四、政府信息公开行政复议', 100, 152, 16),
        run('行政复议', 130, 170),
        run('行政诉讼', 350, 170),
      ],
      page,
    );
    expect(rows.map((r) => [texts(r), r.tabular])).toEqual([
      [['一、甲', '1'], true],
      [['（三）不予公开'], true],
      [['二、乙', '2'], true],
      [['四、政府信息公开行政复议'], false],
      [['行政复议', '行政诉讼'], true],
    ]);
  });

  it('splits a table line at 0.4 em gaps between separate runs', () => {
    const rows = layoutPage([run('结果', 100, 300), run('其他', 125, 300), run('0', 300, 300, 10, 5)], page);
    expect(rows.map(texts)).toEqual([['结果', '其他', '0']]);
  });

  it('joins the lines of a wrapped label around a row of values, cell by cell', () => {
    const rows = layoutPage(
      [
        run('三、', 60, 100),
        run('（一）予以', 180, 100),
        run('1647', 320, 107, 10, 20),
        run('6', 390, 107, 10, 5),
        run('本年', 60, 114),
        run('公开', 193, 114),
        run('（二）部分公开', 180, 135),
        run('223', 320, 135, 10, 15),
      ],
      page,
    );
    expect(rows.map(texts)).toEqual([
      ['三、本年', '（一）予以公开', '1647', '6'],
      ['（二）部分公开', '223'],
    ]);
  });

  it('joins a wrapped label into a values line that holds a group-label fragment, only when both lines overlap', () => {
    const rows = layoutPage(
      [
        run('(二) 部分公开(区分处理的', 95, 100),
        run('理结', 67, 107),
        run('0', 320, 107, 10, 5),
        run('形)', 193, 114),
        run('（四）无法提供', 95, 140),
        run('2.没有现成信息', 180, 147),
        run('3', 320, 147, 10, 5),
      ],
      page,
    );
    expect(rows.map(texts)).toEqual([
      ['理结', '(二) 部分公开(区分处理的形)', '0'],
      ['（四）无法提供'],
      ['2.没有现成信息', '3'],
    ]);
  });

  it('does not join header lines into a row of values whose first cells are blank', () => {
    const rows = layoutPage(
      [
        run('结果', 75, 100),
        run('其他', 140, 100),
        run('尚未', 175, 100),
        run('总计', 204, 100),
        run('3', 206, 115, 10, 5),
      ],
      page,
    );
    expect(rows.map(texts)).toEqual([['结果', '其他', '尚未', '总计'], ['3']]);
  });

  it('keeps vertical text as its own row at its top', () => {
    const rows = layoutPage(
      [
        run('1.甲', 180, 100),
        run('0', 320, 100, 10, 5),
        { text: '三、本年', x0: 90, x1: 100, y: 105, size: 10, vertical: { height: 40 } },
        run('2.乙', 180, 120),
        run('0', 320, 120, 10, 5),
      ],
      page,
    );
    expect(rows.map((r) => [texts(r), r.tabular])).toEqual([
      [['1.甲', '0'], true],
      [['三、本年'], true],
      [['2.乙', '0'], true],
    ]);
  });

  it('cuts a run at the rulings it crosses, estimating glyph positions', () => {
    const wall = (x: number) => ({ x, top: 280, bottom: 310 });
    // 10 CJK glyphs of 12 pt in 125 pt: the two spaces are 2.5 pt each
    const pieces = cutAtRulings(run('结果维持 结果纠正 总计', 60, 300, 12, 125), [
      wall(56),
      wall(109),
      wall(160),
      wall(190),
    ]);
    expect(pieces.map((p) => [p.text, p.x0, p.x1])).toEqual([
      ['结果维持', 60, 108],
      ['结果纠正', 110.5, 158.5],
      ['总计', 161, 185],
    ]);
    expect(cutAtRulings(run('结果维持', 60, 300, 12), [wall(20)])).toHaveLength(1);
  });
});

describe('helpers', () => {
  it.each([
    ['洪泽区人民政府2023年政府信息公开工作年度报告', true],
    ['政府信息公开工作年度报告', true],
    ['Microsoft Word - 2023年报告.docx', false],
    ['2023年度报告.doc', false],
    ['新建 DOCX 文档', false],
    ['', false],
  ])('looksLikeReportTitle(%j) = %s', (title, ok) => expect(looksLikeReportTitle(title)).toBe(ok));

  it('asks for rulings only when a table cell holds several spaced words', () => {
    const row = (text: string, tabular = true): TextRow => ({ cells: [{ text }], tabular });
    expect(mayJoinCells(row('结果维持 结果纠正 其他结果'))).toBe(true);
    expect(mayJoinCells(row('总 计'))).toBe(false);
    expect(mayJoinCells(row('4.无正当理由大量反复 申请'))).toBe(false);
    expect(mayJoinCells(row('结果维持 结果纠正 其他结果', false))).toBe(false);
  });
});
