// HTML report pages → DocumentModel. One linear walk over the DOM of the article body turns
// block elements into prose rows and tables into grids (rowspan/colspan expanded); tables written
// without <table> (div grids, CSS grids, lines of cells separated by wide spaces) become tabular
// rows too. readDocx feeds mammoth's HTML through the same code (rowsFromHtml).
import type { AnyNode, Element, ParentNode } from 'domhandler';
import { ExtractError } from '../../errors.js';
import { decodeText } from '../../text/charset.js';
import { modelFromRows, type DocumentModel, type TextCell, type TextRow } from '../model.js';
import {
  BLOCK,
  SKIP,
  ElementPaths,
  findFirst,
  isCell,
  isElement,
  isHidden,
  isIgnorable,
  parseHtml,
  textOf,
} from './dom.js';
import { expandGrid, hasText, placeCells, type SpanCell } from './grid.js';
import { readMeta } from './html-meta.js';
import { fold, ZERO_WIDTH } from '../../text/normalise.js';
import { rowsFromBlocks, type Block } from './lines.js';
import { mhtHtmlPart } from './mht.js';

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

const CHROME_TAGS = new Set(['nav', 'header', 'footer', 'aside']);
const CHROME_NAMES = new Set([
  'nav',
  'navbar',
  'menu',
  'footer',
  'header',
  'breadcrumb',
  'crumb',
  'crumbs',
  'copyright',
  'share',
  'sidebar',
  'topbar',
]);
/** Elements that make a div-grid cell candidate structured content rather than a cell. */
const NOT_IN_CELL = new Set([
  'table',
  'ul',
  'ol',
  'li',
  'dl',
  'div',
  'section',
  'article',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
]);
const ROW_TAGS = new Set(['div', 'li', 'ul', 'ol', 'section', 'dl', 'article']);
const CELL_TAGS = new Set([
  'div',
  'span',
  'li',
  'dd',
  'dt',
  'td',
  'th',
  'label',
  'b',
  'strong',
  'font',
  'em',
  'i',
  'a',
]);
const GRID_CLASS = /(^|[\s_-])(tr|td|th|row|cell|col|table-row|table-cell)(\d*)([\s_-]|$)/i;
const GRID_STYLE = /display\s*:\s*(flex|inline-flex|grid|inline-grid|table-row|table-cell)/i;
/** A cell longer than this is prose, not a table cell (only for grids recognised by shape). */
const MAX_SHAPE_CELL_CHARS = 80;
const MAX_SPAN = 1000;

/** Read an HTML report page. Throws ExtractError('no_report_content') for pages with no report in them. */
export function readHtml(bytes: Buffer, contentType?: string | null): DocumentModel {
  const mht = mhtHtmlPart(bytes);
  const html = mht ? decodeText(mht.bytes, mht.contentType) : decodeText(bytes, contentType);
  const doc = parseHtml(html);
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

/** Rows of an HTML fragment or document read whole (no container search, no chrome removal). */
export function rowsFromHtml(html: string): TextRow[] {
  const doc = parseHtml(html);
  const walker = new Walker(false);
  walker.walk(doc);
  return rowsFromBlocks(walker.finish());
}

class Walker {
  plainChars = 0;
  linkChars = 0;
  private blocks: Block[] = [];
  private line = '';
  /** Block elements being walked, innermost last: a line belongs to the parent of its paragraph. */
  private stack: Element[] = [];
  private inLink = 0;
  /** Where each cell is in the document (the record's `cells`). */
  private readonly paths = new ElementPaths();

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
    if (BLOCK.has(name) || isBoxed(node)) {
      this.flush();
      const before = this.blocks.length;
      this.stack.push(node);
      this.block(node, pre || name === 'pre');
      this.flush();
      this.stack.pop();
      // An empty box among boxes is a blank cell of a table drawn without <table> (<p>&nbsp;</p>).
      if (this.blocks.length === before && !hasBlockChild(node))
        this.blocks.push({
          kind: 'line',
          text: '',
          parent: this.stack.at(-1)?.parent ?? undefined,
          at: { path: this.paths.of(node) },
          empty: true,
        });
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
      const block = this.stack.at(-1);
      this.blocks.push({
        kind: 'line',
        text: this.line,
        parent: block?.parent ?? undefined,
        ...(block ? { at: { path: this.paths.of(block) } } : {}),
      });
    }
    this.line = '';
  }

  private emit(rows: TextCell[][]): void {
    if (rows.length > 0) this.blocks.push({ kind: 'grid', rows });
  }

  /** A block element: a CSS grid of cells, runs of div-grid rows among its children, or plain content. */
  private block(el: Element, pre: boolean): void {
    const cssGrid = cssGridCells(el);
    if (cssGrid)
      return this.emit(
        placeCells(
          cssGrid.cells.map((c) => this.spanCell(c)),
          cssGrid.columns,
        ),
      );
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
        this.emit(spans ? expandGrid(rows) : rows.map((r) => r.map(({ text, at }) => ({ text, at }))).filter(hasText));
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
    const width = cells.reduce(
      (w, r) =>
        Math.max(
          w,
          r.reduce((n, td) => n + span(td, 'colspan'), 0),
        ),
      0,
    );
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
      at: { path: this.paths.of(el) },
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

/** An inline element drawn as a box of its own (a cell of a table made of styled <span>s). */
const BOXED = /(?:^|;)\s*(?:display\s*:\s*(?:inline-block|block|table-cell|inline-flex|flex)|width\s*:)/i;
function isBoxed(el: Element): boolean {
  return el.name !== 'a' && BOXED.test(el.attribs.style ?? '');
}

function hasBlockChild(el: Element): boolean {
  return el.children.some((c) => isElement(c) && (BLOCK.has(c.name) || c.name === 'table' || isBoxed(c)));
}

/** The visible rows of a table (thead/tbody/tfoot rows included), not those of tables nested in it. */
function tableRows(table: Element): Element[] {
  const out: Element[] = [];
  for (const child of table.children) {
    if (!isElement(child)) continue;
    if (child.name === 'tr') out.push(child);
    else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') {
      for (const tr of child.children) if (isElement(tr) && tr.name === 'tr') out.push(tr);
    }
  }
  return out.filter((tr) => !isHidden(tr));
}

/** The element's children when each is a leaf cell element (whitespace and comments aside), else null. */
function leafCellChildren(el: Element): Element[] | null {
  const cells: Element[] = [];
  for (const child of el.children) {
    if (isIgnorable(child)) continue;
    if (!isElement(child) || !CELL_TAGS.has(child.name) || !isLeafCell(child)) return null;
    cells.push(child);
  }
  return cells;
}

/** The cell elements of a div-grid row, or null when the element is not such a row. */
function gridRowCells(el: Element): Element[] | null {
  if (!ROW_TAGS.has(el.name) || isHidden(el) || cssGridCells(el)) return null;
  const cells = leafCellChildren(el);
  if (!cells) return null;
  // A one-cell row (a heading across the grid) counts only when it is marked as a row.
  return cells.length >= 2 || (cells.length === 1 && (isMarked(el) || isMarked(cells[0]))) ? cells : null;
}

function isMarked(e: Element): boolean {
  return GRID_CLASS.test(e.attribs.class ?? '') || GRID_STYLE.test(e.attribs.style ?? '');
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
  const cells = leafCellChildren(el);
  if (!cells) return null;
  return cells.length >= columns ? { cells, columns } : null;
}

/** Number of column tracks in a grid-template-columns value (`repeat(7, 1fr)`, `8em 1fr 1fr`…). */
function countTracks(template: string): number {
  let count = 0;
  const rest = template.replace(
    /repeat\(\s*(\d+)\s*,([^()]*(?:\([^()]*\)[^()]*)*)\)/gi,
    (_, n: string, inner: string) => {
      count += Number(n) * countTracks(inner);
      return ' ';
    },
  );
  const tokens = rest
    .replace(/\([^()]*\)/g, '()')
    .trim()
    .split(/\s+/)
    .filter((t) => t && !t.startsWith('['));
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
      if (child.attribs.class)
        for (const c of child.attribs.class.split(/\s+/)) add(CONTAINER_RANK.get(`.${c}`), child);
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

function isChrome(el: Element): boolean {
  if (CHROME_TAGS.has(el.name) || el.attribs.role === 'navigation') return true;
  if (el.attribs.id && CHROME_NAMES.has(el.attribs.id.toLowerCase())) return true;
  return (el.attribs.class ?? '').split(/\s+/).some((c) => CHROME_NAMES.has(c.toLowerCase()));
}
