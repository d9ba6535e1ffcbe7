// HTML renderings of a generated report: real <table>s with merged cells, a div grid, and <p> lines
// whose cells are separated by runs of spaces; UTF-8 or GBK (charset in a meta tag, or none at all).
import iconv from 'iconv-lite';
import type { GeneratedReport, Section } from './report.js';
import { rng, type Rng } from './random.js';
import { buildTables, expand, type Grid, type GridCell } from './tables.js';

export type HtmlLayout = 'table' | 'div' | 'p';
export type HtmlCharset = 'utf-8' | 'gbk-meta' | 'gbk-none';

export interface HtmlOptions {
  layout: HtmlLayout;
  charset: HtmlCharset;
  /** For printing: a forced page break before this data row of table 三 (index into its grid rows). */
  breakBeforeRow?: number;
  /** For printing: an empty block of this height (px) before table 三, to move a page boundary into it. */
  spacerPx?: number;
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
  const table = (name: 'proactive' | 'applications' | 'reviews'): string => {
    const grid = tables[name];
    if (opts.layout === 'table') return tableHtml(r, grid, name === 'applications' ? opts.breakBeforeRow : undefined);
    if (opts.layout === 'div') return divHtml(r, grid);
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

function tableHtml(r: Rng, grid: Grid, breakBeforeRow?: number): string {
  const wrap = r.chance(0.4); // Word-exported pages wrap cell text in <p><span>
  const td = (c: GridCell) => {
    const attrs = `${c.rowspan && c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}${c.colspan && c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}`;
    const inner = c.text === '' ? (r.chance(0.5) ? '&nbsp;' : '') : cellHtml(r, c.text);
    return `<td${attrs}>${wrap ? `<p><span>${inner}</span></p>` : inner}</td>`;
  };
  const rows = grid.map((row, i) => {
    const style = i === breakBeforeRow ? ' style="break-before: page; page-break-before: always"' : '';
    return `<tr${style}>${row.map(td).join('')}</tr>`;
  });
  return `<table border="1" cellspacing="0" cellpadding="0">\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
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
