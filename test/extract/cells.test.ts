// The record's `cells`: for each format, a known cell's source is exactly where the number is.
// Expectations are computed independently of the reader under test: HTML/DOCX paths are resolved
// in a tree parsed by parse5's own tree adapter (the readers use the htmlparser2 one); PDF boxes
// are those `pdftotext -bbox` (poppler) gives for the same words; text lines and columns are
// looked up in the file itself.
import { readFileSync } from 'node:fs';
import mammoth from 'mammoth';
import { type DefaultTreeAdapterMap, parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { readForms } from '../../src/extract/tables/index.js';
import { finishSources } from '../../src/extract/tables/provenance.js';
import { extractDocument } from '../../src/extract/index.js';
import { modelFromRows } from '../../src/extract/model.js';
import { PARA_END, ROW_END, extractWord } from '../../src/extract/text/doc-properties.js';
import { rowsFromHtml } from '../../src/extract/text/html.js';
import type { CellSource, ReportRecord } from '../../src/record.js';
import { labelKey } from '../../src/text/normalise.js';
import { PEER, SEEDS } from '../fixtures/samples.js';
import { fixture } from './helpers.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const extract = (bytes: Buffer, name: string) => extractDocument({ bytes, name });

function sourceOf(record: ReportRecord, key: string): CellSource {
  const [table, row, column] = key.split('.');
  const found = record.cells!.filter((c) => c.table === table && c.row === row && c.column === column);
  expect(found, key).toHaveLength(1);
  return found[0]!;
}

/** The element a path "body>div[3]>table[1]>…" names, in a parse5 document. */
function resolve(html: string, path: string): Element {
  const doc = parse(html);
  const htmlEl = doc.childNodes.find((n): n is Element => 'tagName' in n && n.tagName === 'html')!;
  let el = htmlEl.childNodes.find((n): n is Element => 'tagName' in n && n.tagName === 'body')!;
  const [first, ...steps] = path.split('>');
  expect(first).toBe('body');
  for (const step of steps) {
    const [, name, n] = /^([a-z0-9]+)\[(\d+)\]$/.exec(step)!;
    const same = el.childNodes.filter((c): c is Element => 'tagName' in c && c.tagName === name);
    el = same[Number(n) - 1]!;
    expect(el, `${path} at ${step}`).toBeDefined();
  }
  return el;
}

function textOf(node: Node): string {
  if ('value' in node && node.nodeName === '#text') return node.value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

/** The text at 1-based line and character column of a text (lines split as given). */
function at(lines: string[], line: number, col: number): string {
  return [...lines[line - 1]!].slice(col - 1).join('');
}

describe('HTML: the element path of the cell', () => {
  it('points at the td holding the number, through the nested layout table', async () => {
    const bytes = fixture('report-table.html');
    const record = await extract(bytes, 'report-table.html');
    const src = sourceOf(record, 'applications.new_received.natural_person');
    expect(src).toEqual({
      table: 'applications',
      row: 'new_received',
      column: 'natural_person',
      value: 12,
      printed: '12',
      via: 'table',
      label: 'strict',
      path: 'body>div[3]>table[1]>tbody[1]>tr[1]>td[1]>table[1]>tbody[1]>tr[4]>td[2]',
    });
    const td = resolve(bytes.toString('utf8'), src.path!);
    expect(td.tagName).toBe('td');
    expect(textOf(td).trim()).toBe('12');
    // every number of the record is in the element its path names
    for (const c of record.cells!)
      expect(textOf(resolve(bytes.toString('utf8'), c.path!)).trim(), c.path).toBe(c.printed);
  });

  it('gives a 统计表 figure its td, and a prose figure its paragraph', async () => {
    const bytes = fixture('pre2019-statistics-table.html');
    const html = bytes.toString('utf8');
    const record = await extract(bytes, 'pre2019-statistics-table.html');
    const stat = sourceOf(record, 'applications.new_received.total');
    expect(stat).toEqual({
      table: 'applications',
      row: 'new_received',
      column: 'total',
      value: 12,
      printed: '１２',
      via: 'statistics_table',
      label: 'strict',
      path: 'body>div[1]>table[1]>tbody[1]>tr[6]>td[4]',
    });
    expect(textOf(resolve(html, stat.path!)).trim()).toBe('１２');
    // a printed "—" is a cell read as blank: value null, printed kept
    expect(sourceOf(record, 'applications.partially_granted.total')).toMatchObject({ value: null, printed: '—' });
    const prose = sourceOf(record, 'reviews.review.total');
    expect(prose).toMatchObject({ value: 1, via: 'prose', label: 'strict', path: 'body>div[1]>p[8]' });
    const paragraph = resolve(html, prose.path!);
    expect(paragraph.tagName).toBe('p');
    expect(labelKey(textOf(paragraph))).toContain(prose.printed);
  });

  it('lists a printed blank of a table row, in its column, with value null', () => {
    const cells = (values: string[]) => values.map((v) => `<td>${v}</td>`).join('');
    const html = `<html><body><p>四、政府信息公开行政复议、行政诉讼情况</p><table>
<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr>${cells(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'])}<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr>${cells(['', '', '', '', ''])}${cells(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].concat(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']))}</tr>
<tr>${cells(['1', '0', '0', '—', '1', '0', '0', '0', '0', '0', '2', '0', '0', '0', '2'])}</tr>
</table></body></html>`;
    const read = readForms(modelFromRows('html', rowsFromHtml(html)), 2020);
    expect(read.reviews?.review).toEqual({ upheld: 1, corrected: 0, other: 0, pending: null, total: 1 });
    expect(read.cells.filter((c) => c.row === 'review')).toEqual(
      ['upheld', 'corrected', 'other', 'pending', 'total'].map((column, i) => ({
        table: 'reviews',
        row: 'review',
        column,
        value: [1, 0, 0, null, 1][i],
        printed: ['1', '0', '0', '—', '1'][i],
        via: 'table',
        label: 'strict',
        path: `body>table[1]>tbody[1]>tr[4]>td[${i + 1}]`,
      })),
    );
    expect(read.cells).toHaveLength(15);
  });
});

describe('DOCX: the element path in the HTML the document converts to', () => {
  it('points at the td holding the number', async () => {
    const bytes = fixture('merged.docx');
    const record = await extract(bytes, 'merged.docx');
    const src = sourceOf(record, 'applications.new_received.natural_person');
    expect(src).toEqual({
      table: 'applications',
      row: 'new_received',
      column: 'natural_person',
      value: 5,
      printed: '5',
      via: 'table',
      label: 'strict',
      path: 'body>table[1]>tbody[1]>tr[3]>td[2]', // the label cell before it spans two grid columns
    });
    const html = (await mammoth.convertToHtml({ buffer: bytes })).value;
    expect(textOf(resolve(html, src.path!)).trim()).toBe('5');
  });
});

describe('PDF: page and box', () => {
  // `pdftotext -bbox -f 2 -l 3 hongze-2023.pdf -`: xMin, yMin, xMax, yMax of the words, top-left origin.
  const POPPLER: Record<string, [number, [number, number, number, number], string]> = {
    'proactive.licensing.decisions': [2, [365.159, 703.298, 383.159, 719.042], '550'],
    'applications.new_received.natural_person': [3, [318.72, 483.22105, 332.8247, 497.3132], '21'],
    'applications.new_received.total': [3, [492.359, 483.22105, 506.4637, 497.3132], '21'],
    'applications.denied_law_prohibited.total': [3, [495.84, 601.30105, 502.865, 615.3932], '0'],
  };
  let record: ReportRecord;

  it.each(Object.keys(POPPLER))('%s is where pdftotext -bbox finds its text, within two points', async (key) => {
    record ??= await extract(readFileSync(`${PEER}/hongze-2023.pdf`), 'hongze-2023.pdf');
    const [page, box, printed] = POPPLER[key]!;
    const src = sourceOf(record, key);
    expect(src.page).toBe(page);
    expect(src.printed).toBe(printed);
    expect(src.bbox).toHaveLength(4);
    src.bbox!.forEach((v, i) => expect(Math.abs(v - box[i]!), `${key} bbox[${i}] ${v} vs ${box[i]}`).toBeLessThan(2));
    expect(Object.keys(src)).toEqual(['table', 'row', 'column', 'value', 'printed', 'via', 'label', 'page', 'bbox']);
  });

  it('says which row was matched by a loose label, and gives money the value the record holds', async () => {
    record ??= await extract(readFileSync(`${PEER}/hongze-2023.pdf`), 'hongze-2023.pdf');
    expect(sourceOf(record, 'applications.denied_law_prohibited.natural_person').label).toBe('loose');
    expect(sourceOf(record, 'applications.new_received.natural_person').label).toBe('strict');
    expect(
      record.warnings.some((w) => w.code === 'loose_label' && w.where === 'applications.denied_law_prohibited'),
    ).toBe(true);
    expect(sourceOf(record, 'proactive.fees.amount_wan_yuan')).toMatchObject({
      value: record.proactive!.fees!.amount_wan_yuan,
      printed: '7730.28',
      page: 3,
    });
    // one source per number of the record's tables, each holding the record's value
    for (const c of record.cells!) {
      const table = record[c.table] as unknown as Record<string, Record<string, unknown>>;
      expect(table[c.row]![c.column], `${c.table}.${c.row}.${c.column}`).toBe(c.value);
    }
    // table 二 of the 2021 form: 10 cells; table 三: 23 rows × 7 (the single （六） row); table 四: 15
    expect(record.cells).toHaveLength(10 + 23 * 7 + 15);
  });
});

describe('text formats: line and character column', () => {
  it('txt: the line and column where the printed number starts', async () => {
    const file = `${SEEDS}/000_5b187f188d2c1fc2.txt`;
    const lines = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n').split('\n');
    const record = await extract(readFileSync(file), '000.txt');
    const src = sourceOf(record, 'proactive.other_services.prev_items');
    expect(src).toEqual({
      table: 'proactive',
      row: 'other_services',
      column: 'prev_items',
      value: 21,
      printed: '21',
      via: 'table',
      label: 'strict',
      line: 35,
      col: 12,
    });
    expect(lines[34]!.startsWith('其他对外管理服务事项\t21\t')).toBe(true);
    for (const c of record.cells!.filter((c) => c.via === 'table'))
      expect(at(lines, c.line!, c.col!).startsWith(c.printed), `${c.row}.${c.column}`).toBe(true);
  });

  it('txt: a figure read from prose points at its line', async () => {
    const file = `${SEEDS}/002_6ac92d5cb3b88a66.txt`;
    const lines = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n').split('\n');
    const record = await extract(readFileSync(file), '002.txt');
    const src = sourceOf(record, 'applications.new_received.total');
    expect(src).toEqual({
      table: 'applications',
      row: 'new_received',
      column: 'total',
      value: 3,
      printed: '我镇办理政府信息公开申请3件',
      via: 'prose',
      label: 'strict',
      line: 77,
      col: 1,
    });
    expect(labelKey(lines[76]!)).toContain('办理政府信息公开申请3件');
  });

  it('doc: the line (paragraph or table row) and column of the text', async () => {
    const bytes = fixture('merged.doc');
    const record = await extract(bytes, 'merged.doc');
    const src = sourceOf(record, 'applications.new_received.natural_person');
    expect(src).toEqual({
      table: 'applications',
      row: 'new_received',
      column: 'natural_person',
      value: 5,
      printed: '5',
      via: 'table',
      label: 'strict',
      line: 7,
      col: 18,
    });
    const { body } = await extractWord(bytes);
    const lines = body.split(new RegExp(`${ROW_END}|${PARA_END}|\\n`));
    expect(at(lines, 7, 1).startsWith('一、本年新收政府信息公开申请数量')).toBe(true);
    for (const c of record.cells!)
      expect(at(lines, c.line!, c.col!).startsWith(c.printed), `${c.row}.${c.column}`).toBe(true);
  });
});

describe('finishSources', () => {
  const src = (row: string, column: string, value: number | null, printed: string): CellSource => ({
    table: 'proactive',
    row,
    column,
    value,
    printed,
    via: 'table',
    label: 'strict',
  });

  it('keeps one entry per cell the tables hold, with the value they hold, the last read winning', () => {
    const tables = {
      proactive: { procurement: { items: 2, amount_wan_yuan: 25.1, amount_raw: '251000元' } },
      applications: null,
      reviews: null,
    };
    expect(
      finishSources(
        [
          { ...src('procurement', 'items', 3, '3'), table: 'applications' },
          src('procurement', 'items', 1, '1'),
          src('procurement', 'amount_wan_yuan', 251000, '251000元'),
          src('procurement', 'items', 2, '2'),
          src('fees', 'amount_wan_yuan', 5, '5'),
        ],
        tables,
      ),
    ).toEqual([src('procurement', 'items', 2, '2'), src('procurement', 'amount_wan_yuan', 25.1, '251000元')]);
  });
});
