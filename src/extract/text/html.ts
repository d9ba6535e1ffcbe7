// HTML report pages → DocumentModel. One linear walk over the DOM of the article body turns
// block elements into prose rows and tables into grids (rowspan/colspan expanded); tables written
// without <table> (div grids, CSS grids, lines of cells separated by wide spaces) become tabular
// rows too. readDocx feeds mammoth's HTML through the same code (rowsFromHtml).
import * as cheerio from 'cheerio';
import type { AnyNode, Element, ParentNode } from 'domhandler';
import { ExtractError } from '../../errors.js';
import { decodeText } from '../charset.js';
import { modelFromRows, type DocumentMeta, type DocumentModel, type TextCell, type TextRow } from '../model.js';

/** Article containers of the CMSs government portals run (TRS, Hanweb, UCAP, gkmlpt…), best first. */
const CONTAINERS: { id?: string; cls?: string; tag?: string }[] = [
  { id: 'zoom' },
  { id: 'Zoom' },
  { cls: 'TRS_Editor' },
  { cls: 'trs_editor_view' },
  { cls: 'TRS_UEDITOR' },
  { id: 'UCAP-CONTENT' },
  { tag: 'ucapcontent' },
  { cls: 'article-content' },
  { cls: 'Article_content' },
  { cls: 'article_content' },
  { cls: 'pages_content' },
  { id: 'vsb_content' },
  { cls: 'wp_articlecontent' },
  { id: 'js_content' },
  { id: 'content' },
  { cls: 'view' },
  { id: 'article' },
  { tag: 'article' },
];
const CONTAINER_RANK = new Map(
  CONTAINERS.map((c, i) => [c.id ? `#${c.id}` : c.cls ? `.${c.cls}` : `<${c.tag}`, i] as const),
);
/** A container candidate with less text than this (and no table) is a false match (`.view` counters…). */
const MIN_CONTAINER_CHARS = 20;
/** Below this much text outside links a page is a navigation shell, not a report. */
const MIN_CONTENT_CHARS = 20;

const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'select', 'option',
  'button', 'input', 'textarea', 'head', 'title', 'meta', 'link', 'map', 'canvas', 'audio', 'video', 'img',
]);
const CHROME_TAGS = new Set(['nav', 'header', 'footer', 'aside']);
const CHROME_NAMES = new Set([
  'nav', 'navbar', 'menu', 'footer', 'header', 'breadcrumb', 'crumb', 'crumbs', 'copyright', 'share', 'sidebar', 'topbar',
]);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li',
  'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'ul', 'caption', 'legend', 'body', 'html', 'ucapcontent',
  'tr', 'td', 'th', 'tbody', 'thead', 'tfoot',
]);
/** Elements that make a div-grid cell candidate structured content rather than a cell. */
const NOT_IN_CELL = new Set([
  'table', 'ul', 'ol', 'li', 'dl', 'div', 'section', 'article', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre',
]);
const ROW_TAGS = new Set(['div', 'li', 'ul', 'ol', 'section', 'dl', 'article']);
const CELL_TAGS = new Set(['div', 'span', 'li', 'dd', 'dt', 'td', 'th', 'label', 'b', 'strong', 'font', 'em', 'i', 'a']);
const GRID_CLASS = /(^|[\s_-])(tr|td|th|row|cell|col|table-row|table-cell)(\d*)([\s_-]|$)/i;
const GRID_STYLE = /display\s*:\s*(flex|inline-flex|grid|inline-grid|table-row|table-cell)/i;
/** A cell longer than this is prose, not a table cell (only for grids recognised by shape). */
const MAX_SHAPE_CELL_CHARS = 80;
const MAX_SPAN = 1000;

/** Zero-width characters that editors leave in text. */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
/** A cell separator in a line of text without tabs: a run of two or more spaces of any width. */
const CELL_GAP = /\s{2,}/;

/** A line of text (with the element holding its paragraph, when known) or a finished grid. */
type Block = { kind: 'line'; text: string; parent?: object } | { kind: 'grid'; rows: TextCell[][] };
interface SpanCell {
  text: string;
  colspan: number;
  rowspan: number;
}

/** Read an HTML report page. Throws ExtractError('no_report_content') for pages with no report in them. */
export function readHtml(bytes: Buffer, contentType?: string | null): DocumentModel {
  const mht = mhtHtmlPart(bytes);
  const html = mht ? decodeText(mht.bytes, mht.contentType) : decodeText(bytes, contentType);
  const doc = cheerio.load(html).root()[0] as unknown as ParentNode;
  const body = findFirst(doc, (el) => el.name === 'body') ?? doc;
  const container = findContainer(body);
  const walker = new Walker(!container);
  walker.walk(container ?? body);
  const rows = rowsFromBlocks(walker.finish());
  if (rows.length === 0 || walker.plainChars < MIN_CONTENT_CHARS || (!container && isLinkShell(walker))) {
    throw new ExtractError('no_report_content', 'the page holds no report text (navigation shell or empty body)');
  }
  return modelFromRows('html', rows, readMeta(doc, body, container, rows));
}

/**
 * The HTML part of a MHTML file (Word's "single file web page", often served as .doc or .mht):
 * its bytes with the transfer encoding undone, and the part's Content-Type. Undefined for other files.
 */
export function mhtHtmlPart(bytes: Buffer): { bytes: Buffer; contentType: string } | undefined {
  const head = bytes.subarray(0, 2048).toString('latin1');
  if (!/^\s*(MIME-Version|Content-Type|From|Subject|Date|X-[\w-]+)\s*:/i.test(head)) return undefined;
  const boundary = /boundary\s*=\s*"?([^"\r\n;]+)"?/i.exec(head)?.[1];
  if (!/multipart\/related/i.test(head) || !boundary) return undefined;
  for (const part of bytes.toString('latin1').split(`--${boundary}`).slice(1)) {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const headers = part.slice(0, split);
    const contentType = /^content-type\s*:\s*([^\r\n]+)/im.exec(headers)?.[1] ?? '';
    if (!/text\/html/i.test(contentType)) continue;
    const body = part.slice(split).replace(/^\r?\n\r?\n/, '');
    const encoding = /^content-transfer-encoding\s*:\s*([\w-]+)/im.exec(headers)?.[1]?.toLowerCase();
    const decoded =
      encoding === 'base64'
        ? Buffer.from(body, 'base64')
        : encoding === 'quoted-printable'
          ? Buffer.from(
              body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
              'latin1',
            )
          : Buffer.from(body, 'latin1');
    return { bytes: decoded, contentType };
  }
  return undefined;
}

/** Rows of an HTML fragment or document read whole (no container search, no chrome removal). */
export function rowsFromHtml(html: string): TextRow[] {
  const doc = cheerio.load(html).root()[0] as unknown as ParentNode;
  const walker = new Walker(false);
  walker.walk(doc);
  return rowsFromBlocks(walker.finish());
}

/**
 * Turn text lines into rows: runs of lines whose cells are separated by tabs or wide spaces become
 * tabular rows (one table per run), other lines one-cell prose rows. Shared with the .doc reader.
 */
export function rowsFromLines(lines: string[], firstTable = 0): TextRow[] {
  return rowsFromBlocks(lines.map((text) => ({ kind: 'line', text })), firstTable);
}

/** A section heading (一、… / 第X部分): never a row of a space-separated table around it. */
const SECTION_HEADING = /^[一二三四五六七八九十]+[、.．]|^第[一二三四五六七八九十]+[部章节]/;

function rowsFromBlocks(blocks: Block[], firstTable = 0): TextRow[] {
  const chunks = blocks.map((b) => (b.kind === 'line' ? splitCells(b.text) : []));
  const tabular = tabularLines(blocks, chunks);
  const rows: TextRow[] = [];
  let table = firstTable;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind === 'grid') {
      const t = table++;
      for (const cells of b.rows) rows.push({ cells, tabular: true, table: t });
    } else if (tabular[i]) {
      const t = table++;
      for (; i < blocks.length && tabular[i]; i++) {
        rows.push({ cells: chunks[i].map((text) => ({ text })), tabular: true, table: t });
      }
      i--;
    } else {
      const text = fold(b.text);
      if (text) rows.push({ cells: [{ text }], tabular: false });
    }
  }
  return rows;
}

/**
 * Which lines are rows of a table written as text. A line of 2+ cells is a row when a neighbour
 * is one too (a lone one is a byline: 发布日期… 来源…); in a block whose lines mostly have 2+ cells
 * (a `<div>` of `<p>` rows) every line is a row if the one-cell lines are short labels; a one-cell line between two rows joins them
 * unless it is a section heading.
 */
function tabularLines(blocks: Block[], chunks: string[][]): boolean[] {
  const n = blocks.length;
  const multi = chunks.map((c) => c.length >= 2);
  const out = multi.map((m, i) => m && (multi[i - 1] || multi[i + 1]));
  const parentOf = (i: number) => (blocks[i].kind === 'line' ? (blocks[i] as { parent?: object }).parent : undefined);
  for (let i = 0; i < n; ) {
    const parent = parentOf(i);
    let j = i + 1;
    while (j < n && parent && parentOf(j) === parent) j++;
    const rows = multi.slice(i, j).filter(Boolean).length;
    const others = blocks.slice(i, j).filter((_, k) => !multi[i + k]);
    if (parent && j - i >= 3 && rows >= 2 && rows * 2 > j - i && others.every(isRowLabel)) out.fill(true, i, j);
    i = j;
  }
  for (let i = 1; i < n - 1; i++) {
    const b = blocks[i];
    if (!out[i] && b.kind === 'line' && out[i - 1] && out[i + 1] && !SECTION_HEADING.test(fold(b.text))) out[i] = true;
  }
  return out;
}

/** A one-cell line that can be a table row: short, not a sentence, not a section heading. */
function isRowLabel(b: Block): boolean {
  const text = b.kind === 'line' ? fold(b.text) : '';
  return text.length <= 30 && !/[。；;]$/.test(text) && !SECTION_HEADING.test(text);
}

/** Cells of a line: tab-separated (two tabs in a row = a blank cell), else split at wide spaces. */
function splitCells(line: string): string[] {
  const trimmed = line.replace(ZERO_WIDTH, '').trim();
  if (trimmed.includes('\t')) return trimmed.split('\t').map(fold);
  if (!CELL_GAP.test(trimmed)) return [trimmed];
  return trimmed.split(CELL_GAP).map(fold).filter((c) => c !== '');
}

/** Collapse whitespace of any width to one space, drop zero-width characters, trim. */
function fold(text: string): string {
  return text.replace(ZERO_WIDTH, '').replace(/\s+/g, ' ').trim();
}

class Walker {
  plainChars = 0;
  linkChars = 0;
  private blocks: Block[] = [];
  private line = '';
  /** Block elements being walked, innermost last: a line belongs to the parent of its paragraph. */
  private stack: Element[] = [];
  private inLink = 0;

  constructor(private readonly dropChrome: boolean) {}

  finish(): Block[] {
    this.flush();
    return this.blocks;
  }

  walk(node: AnyNode, pre = false): void {
    if (node.type === 'text') return this.text(node.data, pre);
    if (node.type === 'root') return this.children(node, pre);
    if (!isElement(node)) return;
    const name = node.name;
    if (SKIP.has(name) || isHidden(node) || (this.dropChrome && isChrome(node))) return;
    if (name === 'br') return this.flush();
    if (name === 'table') {
      this.flush();
      return this.table(node);
    }
    if (name === 'a') this.inLink++;
    if (BLOCK.has(name)) {
      this.flush();
      this.stack.push(node);
      this.block(node, pre || name === 'pre');
      this.flush();
      this.stack.pop();
    } else {
      this.children(node, pre);
    }
    if (name === 'a') this.inLink--;
  }

  private children(node: ParentNode, pre: boolean): void {
    for (const child of node.children) this.walk(child, pre);
  }

  private text(data: string, pre: boolean): void {
    if (pre) {
      const lines = data.split(/\r?\n/);
      lines.forEach((l, i) => {
        if (i > 0) this.flush();
        this.line += l;
      });
    } else {
      // Source line breaks and their indentation are layout of the HTML file, not of the page.
      this.line += data.replace(/[ \t\r\n\f]*[\r\n][ \t\r\n\f]*/g, ' ');
    }
    this.count(data);
  }

  private count(data: string): void {
    let n = 0;
    for (let i = 0; i < data.length; i++) if (data.charCodeAt(i) > 0x20) n++;
    if (this.inLink > 0) this.linkChars += n;
    else this.plainChars += n;
  }

  private flush(): void {
    if (/\S/.test(this.line.replace(ZERO_WIDTH, ''))) {
      this.blocks.push({ kind: 'line', text: this.line, parent: this.stack.at(-1)?.parent ?? undefined });
    }
    this.line = '';
  }

  private emit(rows: TextCell[][]): void {
    if (rows.length > 0) this.blocks.push({ kind: 'grid', rows });
  }

  /** A block element: a CSS grid of cells, runs of div-grid rows among its children, or plain content. */
  private block(el: Element, pre: boolean): void {
    const cssGrid = cssGridCells(el);
    if (cssGrid) return this.emit(placeCells(cssGrid.cells.map((c) => this.spanCell(c)), cssGrid.columns));
    const kids = el.children;
    const rowCells = kids.map((k) => (isElement(k) ? gridRowCells(k) : null));
    for (let i = 0; i < kids.length; ) {
      // A run of row elements (whitespace and comments between them allowed).
      const run: Element[][] = [];
      let j = i;
      while (j < kids.length) {
        const cells = rowCells[j];
        if (cells) run.push(cells);
        else if (!isIgnorable(kids[j])) break;
        j++;
      }
      if (run.filter((cells) => cells.length >= 2).length >= 2 && isGridRun(kids.slice(i, j).filter(isElement), run)) {
        this.flush();
        const rows = run.map((cells) => cells.map((c) => this.spanCell(c)));
        // Without declared spans a div grid is one cell per child cell, as drawn (no padding).
        const spans = rows.some((r) => r.some((c) => c.colspan !== 1 || c.rowspan !== 1));
        this.emit(spans ? expandGrid(rows) : rows.map((r) => r.map(({ text }) => ({ text }))).filter(hasText));
        i = j;
      } else {
        for (const k of kids.slice(i, Math.max(j, i + 1))) this.walk(k, pre);
        i = Math.max(j, i + 1);
      }
    }
  }

  private table(table: Element): void {
    const trs = tableRows(table);
    const caption = table.children.find((c) => isElement(c) && c.name === 'caption');
    if (caption) this.walk(caption);
    const cells = trs.map((tr) => tr.children.filter(isCell).filter((td) => !isHidden(td)));
    const width = Math.max(0, ...cells.map((r) => r.reduce((n, td) => n + span(td, 'colspan'), 0)));
    const layout = width <= 1 || cells.some((r) => r.some((td) => findFirst(td, (e) => e.name === 'table')));
    if (trs.length === 0 || layout) {
      // A layout table (one column, or wrapping other tables): read its cells as page content.
      for (const row of trs.length ? cells : [table.children.filter(isElement)]) {
        for (const td of row) {
          this.flush();
          this.walk(td);
          this.flush();
        }
      }
      return;
    }
    this.emit(expandGrid(cells.map((r) => r.map((td) => this.spanCell(td)))));
  }

  private spanCell(el: Element): SpanCell {
    const style = el.attribs.style ?? '';
    return {
      text: this.cellText(el),
      colspan: span(el, 'colspan', /grid-column\s*:\s*(?:\S+\s*\/\s*)?span\s+(\d+)/i.exec(style)?.[1]),
      rowspan: span(el, 'rowspan', /grid-row\s*:\s*(?:\S+\s*\/\s*)?span\s+(\d+)/i.exec(style)?.[1]),
    };
  }

  /** A cell's text on one line: breaks and paragraphs inside it become single spaces. */
  private cellText(el: Element): string {
    const parts: string[] = [];
    const collect = (node: AnyNode): void => {
      if (node.type === 'text') {
        parts.push(node.data);
        this.count(node.data);
        return;
      }
      if (!isElement(node) || SKIP.has(node.name) || isHidden(node)) return;
      const brk = node.name === 'br' || BLOCK.has(node.name) || node.name === 'table';
      if (brk) parts.push(' ');
      if (node.name === 'a') this.inLink++;
      for (const c of node.children) collect(c);
      if (node.name === 'a') this.inLink--;
      if (brk) parts.push(' ');
    };
    for (const c of el.children) collect(c);
    return fold(parts.join(''));
  }
}

/** Expand rowspan/colspan into a full grid: one cell per grid column in every row. */
function expandGrid(rows: SpanCell[][]): TextCell[][] {
  const grid: TextCell[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (grid[r][c]) c++;
      place(grid, cell, r, c);
      c += cell.colspan;
    }
  });
  return squareUp(grid);
}

/** CSS-grid auto placement: cells flow left to right into `columns` columns, skipping taken slots. */
function placeCells(cells: SpanCell[], columns: number): TextCell[][] {
  const grid: TextCell[][] = [];
  let r = 0;
  let c = 0;
  for (const cell of cells) {
    const cs = Math.min(cell.colspan, columns);
    for (;;) {
      grid[r] ??= [];
      if (c + cs > columns) {
        r++;
        c = 0;
        continue;
      }
      let free = true;
      for (let j = 0; j < cs && free; j++) free = !grid[r][c + j];
      if (free) break;
      c++;
    }
    place(grid, { ...cell, colspan: cs }, r, c, Infinity);
    c += cs;
  }
  return squareUp(grid, columns);
}

function place(grid: TextCell[][], cell: SpanCell, r: number, c: number, maxRows = grid.length): void {
  const rs = Math.max(1, Math.min(cell.rowspan === 0 ? Infinity : cell.rowspan, maxRows - r));
  for (let i = 0; i < rs; i++) {
    const row = (grid[r + i] ??= []);
    for (let j = 0; j < cell.colspan; j++) {
      row[c + j] =
        i === 0 && j === 0
          ? { text: cell.text }
          : j === 0
            ? { text: cell.text, merged: 'row' }
            : { text: '', merged: 'col' };
    }
  }
}

/** Fill holes with blank cells, pad every row to the grid width, drop rows with no text at all. */
function squareUp(grid: TextCell[][], minWidth = 0): TextCell[][] {
  const width = Math.max(minWidth, ...grid.map((r) => r.length));
  return grid
    .map((row) => Array.from({ length: width }, (_, c) => row[c] ?? { text: '' }))
    .filter(hasText);
}

function tableRows(table: Element): Element[] {
  const out: Element[] = [];
  for (const child of table.children) {
    if (!isElement(child)) continue;
    if (child.name === 'tr') out.push(child);
    else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') {
      for (const tr of child.children) if (isElement(tr) && tr.name === 'tr') out.push(tr);
    }
  }
  return out;
}

/** The cell elements of a div-grid row, or null when the element is not such a row. */
function gridRowCells(el: Element): Element[] | null {
  if (!ROW_TAGS.has(el.name) || isHidden(el) || cssGridCells(el)) return null;
  const cells: Element[] = [];
  for (const child of el.children) {
    if (isIgnorable(child)) continue;
    if (!isElement(child) || !CELL_TAGS.has(child.name) || !isLeafCell(child)) return null;
    cells.push(child);
  }
  // A one-cell row (a heading across the grid) counts only when it is marked as a row.
  return cells.length >= 2 || (cells.length === 1 && (isMarked(el) || isMarked(cells[0]))) ? cells : null;
}

function isMarked(e: Element): boolean {
  return GRID_CLASS.test(e.attribs.class ?? '') || GRID_STYLE.test(e.attribs.style ?? '');
}

function hasText(row: TextCell[]): boolean {
  return row.some((cell) => cell.text !== '');
}

/** A cell holds text and inline markup only: no blocks, at most one paragraph, not itself a row of cells. */
function isLeafCell(el: Element): boolean {
  if (GRID_STYLE.test(el.attribs.style ?? '')) return false;
  let elements = 0;
  let text = false;
  for (const child of el.children) {
    if (isElement(child)) elements++;
    else if (child.type === 'text' && /\S/.test(child.data)) text = true;
  }
  if (elements >= 2 && !text) return false;
  let paragraphs = 0;
  return !findFirst(el, (d) => NOT_IN_CELL.has(d.name) || (d.name === 'p' && ++paragraphs > 1));
}

/**
 * Whether a run of div-grid rows is a table: marked as one (class tr/td/row/cell, display flex/grid/
 * table-row), or shaped like one (same cell count in every row, short cells, some of them numbers).
 */
function isGridRun(rows: Element[], cells: Element[][]): boolean {
  if (rows.some(isMarked) || cells.some((r) => r.some(isMarked))) return true;
  const texts = cells.map((r) => r.map((c) => fold(textOf(c))));
  return (
    texts.every((r) => r.length === texts[0].length) &&
    texts.every((r) => r.every((t) => t.length <= MAX_SHAPE_CELL_CHARS)) &&
    texts.some((r) => r.some((t) => /^\d+$/.test(t)))
  );
}

/** An element laid out with `display: grid` and a column template, holding leaf cells directly. */
function cssGridCells(el: Element): { cells: Element[]; columns: number } | null {
  const style = el.attribs.style ?? '';
  if (!/display\s*:\s*(inline-)?grid/i.test(style)) return null;
  const template = /grid-template-columns\s*:\s*([^;]+)/i.exec(style)?.[1];
  const columns = template ? countTracks(template) : 0;
  if (columns < 2) return null;
  const cells: Element[] = [];
  for (const child of el.children) {
    if (isIgnorable(child)) continue;
    if (!isElement(child) || !CELL_TAGS.has(child.name) || !isLeafCell(child)) return null;
    cells.push(child);
  }
  return cells.length >= columns ? { cells, columns } : null;
}

/** Number of column tracks in a grid-template-columns value (`repeat(7, 1fr)`, `8em 1fr 1fr`…). */
function countTracks(template: string): number {
  let count = 0;
  const rest = template.replace(/repeat\(\s*(\d+)\s*,([^()]*(?:\([^()]*\)[^()]*)*)\)/gi, (_, n: string, inner: string) => {
    count += Number(n) * countTracks(inner);
    return ' ';
  });
  const tokens = rest.replace(/\([^()]*\)/g, '()').trim().split(/\s+/).filter((t) => t && !t.startsWith('['));
  return count + tokens.length;
}

function span(el: Element, attr: 'colspan' | 'rowspan', css?: string): number {
  const raw = el.attribs[attr] ?? el.attribs[`data-${attr}`] ?? css;
  const n = raw === undefined ? 1 : parseInt(raw, 10);
  if (Number.isNaN(n) || n < 0) return 1;
  if (n === 0) return attr === 'rowspan' ? 0 : 1;
  return Math.min(n, MAX_SPAN);
}

function findContainer(body: ParentNode): Element | undefined {
  const found: Element[][] = CONTAINERS.map(() => []);
  const add = (rank: number | undefined, el: Element) => rank !== undefined && found[rank].push(el);
  const visit = (node: ParentNode): void => {
    for (const child of node.children) {
      if (!isElement(child) || SKIP.has(child.name)) continue;
      add(CONTAINER_RANK.get(`<${child.name}`), child);
      if (child.attribs.id) add(CONTAINER_RANK.get(`#${child.attribs.id}`), child);
      if (child.attribs.class) for (const c of child.attribs.class.split(/\s+/)) add(CONTAINER_RANK.get(`.${c}`), child);
      visit(child);
    }
  };
  visit(body);
  for (const candidates of found) {
    let best: Element | undefined;
    let bestChars = -1;
    for (const el of candidates) {
      const chars = textOf(el).replace(/\s/g, '').length;
      if (chars > bestChars) [best, bestChars] = [el, chars];
    }
    if (best && (bestChars >= MIN_CONTAINER_CHARS || findFirst(best, (e) => e.name === 'table'))) return best;
  }
  return undefined;
}

function isLinkShell(w: Walker): boolean {
  return w.plainChars < 200 && w.plainChars < w.linkChars;
}

// ---- metadata ----

const DATE = /(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/;
const VISIBLE_DATE = new RegExp(
  String.raw`(?<![发成印]文)(?:发布|公开|更新|生成|发表)?(?:日期|时间)\s*[:：]\s*` + DATE.source,
);
const AGENCY_LABELS = new Set(['发布机构', '发布单位', '发文机关', '发文单位', '公开机构', '信息来源']);

function readMeta(doc: ParentNode, body: ParentNode, container: Element | undefined, rows: TextRow[]): DocumentMeta {
  const metas = new Map<string, string>();
  let title: string | undefined;
  const visit = (node: ParentNode): void => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      if (child.name === 'meta') {
        const name = (child.attribs.name ?? '').trim().toLowerCase();
        const content = fold(child.attribs.content ?? '');
        if (name && content && !metas.has(name)) metas.set(name, content);
      } else if (child.name === 'title' && title === undefined) {
        title = fold(textOf(child));
      } else if (child.name !== 'body') {
        visit(child);
      }
    }
  };
  visit(doc);
  const sites = [metas.get('sitename'), metas.get('contentsource')].filter((s): s is string => !!s);
  const meta: DocumentMeta = {};
  const heading = findFirst(container ?? body, (e) => /^h[1-3]$/.test(e.name));
  meta.title =
    stripSiteName(metas.get('articletitle'), sites) ??
    stripSiteName(title, sites) ??
    (heading ? fold(textOf(heading)) || undefined : undefined) ??
    rows.find((r) => !r.tabular)?.cells[0].text;

  // The date printed in the page header beats meta PubDate, which CMSs often set at (re)build time.
  const outside = fold(textOf(body, container));
  const visible = VISIBLE_DATE.exec(outside);
  const published = visible ? isoDate(visible.slice(1, 4)) : undefined;
  meta.published = published ?? firstDate(metas.get('pubdate') ?? metas.get('publishdate') ?? metas.get('firstpublishedtime'));

  meta.agency = metas.get('contentsource') ?? labelledValue(body, AGENCY_LABELS);
  for (const k of Object.keys(meta) as (keyof DocumentMeta)[]) if (meta[k] === undefined) delete meta[k];
  return meta;
}

/** Drop a site name prefix or suffix (`保定市人民政府网——标题`, `标题_某某市人民政府`). */
function stripSiteName(title: string | undefined, sites: string[]): string | undefined {
  if (!title) return undefined;
  const sep = String.raw`\s*(?:——|--|—|_|－|-|\||｜|::)\s*`;
  const looksSite = (s: string) =>
    sites.includes(s) || /(网|网站|门户|政府|政务网|政务服务网|信息公开|gov\.cn|\.com)$/i.test(s.trim());
  let t = title.trim();
  for (;;) {
    const pre = new RegExp(`^(.+?)${sep}(.+)$`).exec(t);
    if (pre && looksSite(pre[1]) && pre[2].length > 0) {
      t = pre[2];
      continue;
    }
    const post = new RegExp(`^(.+)${sep}([^_|｜—－-]+)$`).exec(t);
    if (post && looksSite(post[2]) && post[1].length > 0) {
      t = post[1];
      continue;
    }
    return t || undefined;
  }
}

function firstDate(s: string | undefined): string | undefined {
  const m = s ? DATE.exec(s) : null;
  return m ? isoDate(m.slice(1, 4)) : undefined;
}

function isoDate([y, m, d]: string[]): string | undefined {
  const [month, day] = [Number(m), Number(d)];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The value next to a label cell (`<th>发布机构</th><td>…</td>`) in a metadata table. */
function labelledValue(root: ParentNode, labels: Set<string>): string | undefined {
  const label = findFirst(root, (e) => isCell(e) && labels.has(textOf(e).replace(/[\s:：]/g, '')));
  if (!label) return undefined;
  let next = label.next;
  while (next && !isElement(next)) next = next.next;
  const value = next ? fold(textOf(next)) : '';
  return value || undefined;
}

// ---- DOM helpers ----

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function isCell(node: AnyNode): node is Element {
  return isElement(node) && (node.name === 'td' || node.name === 'th');
}

function isIgnorable(node: AnyNode): boolean {
  return node.type === 'comment' || (node.type === 'text' && !/\S/.test(node.data.replace(ZERO_WIDTH, '')));
}

function isHidden(el: Element): boolean {
  return 'hidden' in el.attribs || /display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.attribs.style ?? '');
}

function isChrome(el: Element): boolean {
  if (CHROME_TAGS.has(el.name) || el.attribs.role === 'navigation') return true;
  if (el.attribs.id && CHROME_NAMES.has(el.attribs.id.toLowerCase())) return true;
  return (el.attribs.class ?? '').split(/\s+/).some((c) => CHROME_NAMES.has(c.toLowerCase()));
}

/** First descendant element (depth first, document order) that matches. */
function findFirst(root: ParentNode, test: (el: Element) => boolean): Element | undefined {
  for (const child of root.children) {
    if (!isElement(child)) continue;
    if (test(child)) return child;
    const found = findFirst(child, test);
    if (found) return found;
  }
  return undefined;
}

/** Text content without scripts and styles; `skip` leaves out one subtree. Blocks are space-separated. */
function textOf(node: ParentNode, skip?: Element): string {
  const parts: string[] = [];
  const collect = (n: AnyNode): void => {
    if (n.type === 'text') parts.push(n.data);
    else if (isElement(n)) {
      if (n === skip || SKIP.has(n.name)) return;
      const brk = BLOCK.has(n.name) || n.name === 'br';
      if (brk) parts.push(' ');
      for (const c of n.children) collect(c);
      if (brk) parts.push(' ');
    } else if (n.type === 'root') for (const c of n.children) collect(c);
  };
  for (const c of node.children) collect(c);
  return parts.join('');
}
