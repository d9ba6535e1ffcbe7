// HTML renderings of a generated report: real <table>s with merged cells, a div grid, <p> lines
// whose cells are separated by runs of spaces, no table at all with every cell its own element
// ('cells', as Word's "save as web page" and CMS editors leave it), and one <table> per table row
// ('table-per-row'); UTF-8 or GBK (charset in a meta tag, or none at all).
import iconv from 'iconv-lite';
import type { GeneratedReport, Section } from './report.js';
import { rng, type Rng } from './random.js';
import { buildTables, expand, type Grid, type GridCell } from './tables.js';

export type HtmlLayout = 'table' | 'div' | 'p' | 'cells' | 'table-per-row';
export type HtmlCharset = 'utf-8' | 'gbk-meta' | 'gbk-none';

export interface HtmlOptions {
  layout: HtmlLayout;
  charset: HtmlCharset;
  /** For printing: a forced page break before this data row of table 三 (index into its grid rows). */
  breakBeforeRow?: number;
  /** For printing: an empty block of this height (px) before table 三, to move a page boundary into it. */
  spacerPx?: number;
  /** For printing: table 三's header rows in a <thead>, which Chromium repeats on every page the table spans. */
  theadRows?: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Cell text as HTML: a label's line break is a <br> or a raw newline (whitespace, as in real pages). */
function cellHtml(r: Rng, text: string): string {
  const br = r.chance(0.5) ? '<br>' : '\n';
  return text.split('\n').map(esc).join(br);
}

export function renderHtml(rep: GeneratedReport, opts: HtmlOptions): Buffer {
  const r = rng(rep.renderSeed).fork(`html-${opts.layout}`);
  const tables = buildTables(rep);
  const blank = r.pick(['—', '-', '/']);
  const cellsStyle = opts.layout === 'cells' ? pickCellsStyle(r) : undefined;
  const table = (name: 'proactive' | 'applications' | 'reviews'): string => {
    const grid = tables[name];
    if (opts.layout === 'table')
      return tableHtml(
        r,
        grid,
        name === 'applications' ? opts.breakBeforeRow : undefined,
        name === 'applications' ? opts.theadRows : undefined,
      );
    if (opts.layout === 'div') return divHtml(r, grid);
    if (opts.layout === 'cells') return cellsHtml(cellsStyle, grid);
    if (opts.layout === 'table-per-row') return tablePerRowHtml(r, grid);
    return linesHtml(r, grid, blank);
  };
  const section = (s: Section) => {
    const heading = r.chance(0.5) ? `<h2>${esc(s.heading)}</h2>` : `<p><strong>${esc(s.heading)}</strong></p>`;
    const paras = s.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n');
    const spacer = s.table === 'applications' && opts.spacerPx ? `<div style="height:${opts.spacerPx}px"></div>` : '';
    return [heading, paras, spacer, s.table ? table(s.table) : ''].join('\n');
  };
  const title = rep.titleLines.join('');
  const date = rep.truth.published_date;
  const charsetMeta =
    opts.charset === 'utf-8'
      ? '<meta charset="utf-8">'
      : opts.charset === 'gbk-meta'
        ? `<meta http-equiv="Content-Type" content="text/html; charset=${r.pick(['gbk', 'gb2312', 'GB2312'])}">`
        : '';
  const html = `<!DOCTYPE html>
<html>
<head>
${charsetMeta}
<title>${esc(title)}</title>
<meta name="ArticleTitle" content="${esc(title)}">
${date ? `<meta name="PubDate" content="${date} ${String(r.int(8, 18)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}">` : ''}
<meta name="ContentSource" content="${esc(rep.truth.agency)}">
<style>
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 14px; line-height: 1.6; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
td { border: 1px solid #000; padding: 2px 4px; text-align: center; font-size: 12px; }
.tr { display: flex; } .td { flex: 1; border: 1px solid #999; padding: 2px; } .td.w2 { flex: 2; } .td.w3 { flex: 3; }
.nav, .footer { font-size: 12px; color: #666; }
</style>
</head>
<body>
<div class="nav">首页 &gt; 政府信息公开 &gt; 政府信息公开年报</div>
<div class="article">
<h1>${rep.titleLines.map(esc).join('<br>')}</h1>
<div class="info">${date ? `发布日期：${date}&nbsp;&nbsp;` : ''}来源：${esc(rep.truth.agency)}&nbsp;&nbsp;浏览次数：${r.int(10, 9999)}</div>
<div class="content">
${rep.intro.map((p) => `<p>${esc(p)}</p>`).join('\n')}
${rep.sections.map(section).join('\n')}
<p style="text-align:right">${esc(rep.signature.agency)}</p>
${rep.signature.date ? `<p style="text-align:right">${rep.signature.date}</p>` : ''}
</div>
</div>
<div class="footer">主办单位：${esc(rep.truth.agency)}　网站标识码：${r.int(1000000000, 9999999999)}</div>
</body>
</html>
`;
  return opts.charset === 'utf-8' ? Buffer.from(html, 'utf8') : iconv.encode(html, 'gbk');
}

/** Cell content wrappers: bare, Word's <p><span>, or a <span> with inline styles (CMS editors). */
const SPAN_STYLES = [
  'font-size:12px;font-family:宋体',
  'font-family:仿宋_GB2312;font-size:14px',
  'display:inline-block;width:100%;text-align:center',
  'font-size:10.5pt;line-height:150%',
];

function tableHtml(r: Rng, grid: Grid, breakBeforeRow?: number, theadRows?: number): string {
  const wrap = r.weighted([
    ['none', 4],
    ['p-span', 4],
    ['styled-span', 2],
  ] as const);
  const spanStyle = r.pick(SPAN_STYLES);
  const td = (c: GridCell) => {
    const attrs = `${c.rowspan && c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}${c.colspan && c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}`;
    const inner = c.text === '' ? (r.chance(0.5) ? '&nbsp;' : '') : cellHtml(r, c.text);
    const content =
      wrap === 'p-span'
        ? `<p><span>${inner}</span></p>`
        : wrap === 'styled-span'
          ? `<span style="${spanStyle}">${inner}</span>`
          : inner;
    return `<td${attrs}>${content}</td>`;
  };
  const rows = grid.map((row, i) => {
    const style = i === breakBeforeRow ? ' style="break-before: page; page-break-before: always"' : '';
    return `<tr${style}>${row.map(td).join('')}</tr>`;
  });
  const head = theadRows ? `<thead>\n${rows.slice(0, theadRows).join('\n')}\n</thead>\n` : '';
  const body = rows.slice(theadRows ?? 0);
  return `<table border="1" cellspacing="0" cellpadding="0">\n${head}<tbody>\n${body.join('\n')}\n</tbody>\n</table>`;
}

/**
 * One <table> per table row, as some CMS editors leave a pasted table. A merged cell keeps its
 * colspan; a rowspan cell is printed in its first row, either keeping its rowspan attribute (which a
 * one-row table ignores) and absent from the rows below, or as an empty cell in each row below.
 */
function tablePerRowHtml(r: Rng, grid: Grid): string {
  const continuation = r.chance(0.5) ? 'omit' : 'blank';
  const keepRowspan = r.chance(0.5);
  const blankHtml = r.pick(['', '&nbsp;']);
  const width = r.pick(['100%', '600', '98%']);
  const rows = expand(grid, { colspan: 'one', continuation });
  return rows
    .map((row) => {
      const tds = row.map((c) => {
        const attrs =
          (keepRowspan && c.rowspan && c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : '') +
          (c.colspan && c.colspan > 1 ? ` colspan="${c.colspan}"` : '');
        return `<td${attrs}>${c.text === '' ? blankHtml : cellHtml(r, c.text)}</td>`;
      });
      return `<table border="1" cellspacing="0" width="${width}"><tbody><tr>${tds.join('')}</tr></tbody></table>`;
    })
    .join('\n');
}

export interface CellsStyle {
  element: 'p' | 'div' | 'span';
  /** How a blank cell is printed: an empty element, &nbsp; or a dash. */
  blank: 'empty' | 'nbsp' | 'dash';
  dash: string;
  /** How rows are delimited: nothing (cells only), a <br> after each row, or a <div> per row. */
  rows: 'none' | 'br' | 'div';
  /** A label's line break inside a cell: <br> or nothing. */
  lineBreak: '<br>' | '';
  /** Word "save as web page" attributes on each cell element. */
  wordAttrs: boolean;
  /** Fixed pixel widths per span cell (display:inline-block). */
  spanWidth: number;
}

function pickCellsStyle(r: Rng): CellsStyle {
  const element = r.pick(['p', 'div', 'span'] as const);
  return {
    element,
    blank: r.pick(['empty', 'nbsp', 'dash'] as const),
    dash: r.pick(['—', '-', '/']),
    rows: element === 'span' ? r.pick(['br', 'div', 'none'] as const) : r.pick(['none', 'div'] as const),
    lineBreak: r.chance(0.6) ? '<br>' : '',
    wordAttrs: r.chance(0.4),
    spanWidth: r.pick([60, 80, 100, 120]),
  };
}

/**
 * No <table>: every cell its own <p>, <div> or <span> in reading order (row by row, left to right),
 * a merged cell once, where it starts. Spans carry inline styles (display:inline-block;width:…px).
 */
function cellsHtml(style: CellsStyle | undefined, grid: Grid): string {
  const s = style!;
  const cell = (c: GridCell) => {
    const text =
      c.text === ''
        ? s.blank === 'empty'
          ? ''
          : s.blank === 'nbsp'
            ? '&nbsp;'
            : esc(s.dash)
        : c.text.split('\n').map(esc).join(s.lineBreak);
    if (s.element === 'span') {
      const w = s.spanWidth * (c.colspan ?? 1);
      return `<span style="display:inline-block;width:${w}px;text-align:center;vertical-align:middle">${text}</span>`;
    }
    const attrs = s.wordAttrs ? ' class="MsoNormal" align="center" style="text-align:center"' : '';
    const inner = s.wordAttrs && text !== '' ? `<span lang="EN-US">${text}</span>` : text;
    return `<${s.element}${attrs}>${inner}</${s.element}>`;
  };
  const rows = grid.map((row) => {
    const cells = row.map(cell).join(s.element === 'span' ? '' : '\n');
    if (s.rows === 'div') return `<div class="row">${cells}</div>`;
    if (s.rows === 'br') return `${cells}<br>`;
    return cells;
  });
  return `<div class="table-cells">\n${rows.join('\n')}\n</div>`;
}

/** A div grid: rowspan continuations are empty cells, colspan cells are one wider cell. */
function divHtml(r: Rng, grid: Grid): string {
  const rows = expand(grid, { colspan: 'one', continuation: 'blank' }).map((row) => {
    const cells = row.map((c) => {
      const w = (c.colspan ?? 1) >= 3 ? ' w3' : (c.colspan ?? 1) === 2 ? ' w2' : '';
      return `<div class="td${w}">${cellHtml(r, c.text)}</div>`;
    });
    return `<div class="tr">${cells.join('')}</div>`;
  });
  return `<div class="table">\n${rows.join('\n')}\n</div>`;
}

/** One <p> per table row, cells separated by runs of spaces, full-width spaces or &nbsp;. */
function linesHtml(r: Rng, grid: Grid, blank: string): string {
  const seps = ['&nbsp;&nbsp;&nbsp;&nbsp;', '　　', '&nbsp; &nbsp; ', '　 ', '&nbsp;&nbsp;'];
  const rows = expand(grid, { colspan: 'one', continuation: 'omit' }).map((row) => {
    const cells = row.map((c) => (c.value && c.text === '' ? blank : esc(c.text.replace(/\n/g, ''))));
    return `<p>${cells.map((c, i) => (i === 0 ? c : r.pick(seps) + c)).join('')}</p>`;
  });
  return `<div class="table-text">\n${rows.join('\n')}\n</div>`;
}
