// Plain text as a page's text comes out of real extraction tools, with the table grid lost:
//  'layout' the `pdftotext -layout` look: columns aligned with runs of spaces (CJK characters two
//           columns wide), the vertical group labels of table 三 (三、本年度办理结果, （三）不予公开 …)
//           one character per line in their narrow column, long labels wrapped over two or three
//           lines, blank cells printing nothing (only the column position tells which cell a figure
//           is), form feeds between pages of prose;
//  'flat'   the whole document on ONE line, every cell and paragraph separated by a single space (a
//           page's innerText / a site's "文字版"); a merged cell once. Blank cells are a dash in most
//           documents (70%); in the others they vanish. A vanished blank is recoverable only where
//           nothing else in its row is printed (the row's label is followed by the next label: every
//           cell of the row is blank), so in those documents a blank in a row that prints any figure is
//           printed — and recorded in the truth — as 0; only wholly blank rows (table 二's rows) vanish.
//           `renderFlat` returns that truth and which of the two the document does.
import type { GeneratedReport, Truth } from './report.js';
import { rng, type Rng } from './random.js';
import { buildTables, expand, type Grid, type GridCell } from './tables.js';
import { APPLICANT_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS } from '../../src/forms/index.js';
import { OTHER_SUB_ROWS } from '../forms.js';
import type { Cell } from '../../src/record.js';

/** Display width: CJK, full-width forms and typographic punctuation take two columns, like a monospace dump. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.codePointAt(0)! >= 0x2000 ? 2 : 1;
  return w;
}

/** Breaks one line of text into lines of at most `limit` display columns (at least one character each). */
function wrap(text: string, limit: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const ch of text) {
    if (line !== '' && displayWidth(line + ch) > limit) {
      out.push(line);
      line = ch === ' ' ? '' : ch;
    } else line += ch;
  }
  if (line !== '') out.push(line);
  return out.length ? out : [''];
}

interface Placed {
  cell: GridCell;
  row: number;
  col: number;
  rowspan: number;
  colspan: number;
  vertical: boolean;
  lines: string[];
}

/** The cells of a grid with their row and column (rowspan/colspan resolved). */
function place(grid: Grid): { cells: Placed[]; cols: number } {
  const taken: boolean[][] = [];
  const cells: Placed[] = [];
  let cols = 0;
  grid.forEach((row, r) => {
    taken[r] ??= [];
    let c = 0;
    for (const cell of row) {
      while (taken[r]![c]) c++;
      const rowspan = cell.rowspan ?? 1;
      const colspan = cell.colspan ?? 1;
      for (let i = 0; i < rowspan; i++) for (let j = 0; j < colspan; j++) (taken[r + i] ??= [])[c + j] = true;
      cells.push({ cell, row: r, col: c, rowspan, colspan, vertical: false, lines: [] });
      c += colspan;
      cols = Math.max(cols, c);
    }
  });
  return { cells, cols };
}

export interface LayoutStyle {
  /** Spaces between columns (at least 2, so neighbouring cells never touch). */
  gap: number;
  indent: number;
  /** Width a label column wraps at (display columns). */
  labelWidth: number;
  /** Width a header cell over a figure column wraps at. */
  headerWidth: number;
  valueAlign: 'center' | 'right';
  valign: 'top' | 'middle';
  /** An empty line between table rows. */
  rowGap: boolean;
}

function pickLayoutStyle(r: Rng): LayoutStyle {
  return {
    gap: r.int(2, 5),
    indent: r.int(0, 8),
    labelWidth: r.int(14, 30),
    headerWidth: r.pick([4, 6, 8, 10]),
    valueAlign: r.pick(['center', 'right'] as const),
    valign: r.pick(['top', 'middle'] as const),
    rowGap: r.chance(0.3),
  };
}

/**
 * A grid as `pdftotext -layout` prints the table: cells at their column's x position, wrapped to
 * the column's width, rows as tall as their tallest cell; `verticalCols` holds the columns whose
 * spanning labels print one character per line.
 */
export function layoutGrid(grid: Grid, s: LayoutStyle, verticalCols: number[] = []): string[] {
  const { cells, cols } = place(grid);
  const nRows = grid.length;
  const bodyLabelCol = new Set<number>();
  for (const p of cells) {
    p.vertical = verticalCols.includes(p.col) && p.colspan === 1 && p.rowspan > 1 && !p.cell.value;
    if (!p.cell.value && p.colspan === 1 && !p.vertical && p.rowspan === 1 && !verticalCols.includes(p.col)) {
      // a label in a column with no figure below it is a label column
      if (!cells.some((q) => q.col === p.col && q.colspan === 1 && q.cell.value)) bodyLabelCol.add(p.col);
    }
  }
  const limit = (c: number) => (verticalCols.includes(c) ? 2 : bodyLabelCol.has(c) ? s.labelWidth : s.headerWidth);
  const widths = Array.from({ length: cols }, () => 0);
  const linesOf = (p: Placed, width: number) =>
    p.cell.value
      ? [p.cell.text]
      : p.vertical
        ? [...p.cell.text.replace(/[\s\n]/g, '')]
        : p.cell.text.split('\n').flatMap((l) => wrap(l.trim(), width));
  for (const p of cells) {
    if (p.colspan !== 1) continue;
    p.lines = linesOf(p, limit(p.col));
    widths[p.col] = Math.max(widths[p.col]!, ...p.lines.map(displayWidth), p.vertical ? 2 : 1);
  }
  for (const c of widths.keys()) if (widths[c] === 0) widths[c] = limit(c);
  const spanWidth = (p: Placed) =>
    widths.slice(p.col, p.col + p.colspan).reduce((a, b) => a + b, 0) + s.gap * (p.colspan - 1);
  for (const p of cells) {
    if (p.colspan === 1) continue;
    if (p.cell.value) {
      const need = displayWidth(p.cell.text) - spanWidth(p);
      if (need > 0) widths[p.col + p.colspan - 1]! += need;
    }
    p.lines = linesOf(p, Math.max(2, spanWidth(p)));
  }
  // Row heights: the tallest single-row cell, then grown until every spanning cell fits.
  const heights: number[] = Array.from({ length: nRows }, () => (s.rowGap ? 2 : 1));
  for (const p of cells)
    if (p.rowspan === 1) heights[p.row] = Math.max(heights[p.row]!, p.lines.length + (s.rowGap ? 1 : 0));
  for (const p of cells) {
    if (p.rowspan === 1) continue;
    let k = 0;
    while (heights.slice(p.row, p.row + p.rowspan).reduce((a, b) => a + b, 0) < p.lines.length)
      heights[p.row + (k++ % p.rowspan)]! += 1;
  }
  const top = heights.map((_, i) => heights.slice(0, i).reduce((a, b) => a + b, 0));
  const x = widths.map((_, i) => s.indent + widths.slice(0, i).reduce((a, b) => a + b + s.gap, 0));
  const total = heights.reduce((a, b) => a + b, 0);
  const canvas: { x: number; text: string }[][] = Array.from({ length: total }, () => []);
  for (const p of cells) {
    if (p.cell.text === '') continue;
    const h = heights.slice(p.row, p.row + p.rowspan).reduce((a, b) => a + b, 0) - (s.rowGap ? 1 : 0);
    const offset = p.rowspan > 1 || s.valign === 'middle' ? Math.floor((h - p.lines.length) / 2) : 0;
    const width = spanWidth(p);
    p.lines.forEach((line, i) => {
      const free = width - displayWidth(line);
      const header = !bodyLabelCol.has(p.col) && !verticalCols.includes(p.col); // a heading over figure columns
      const dx = p.cell.value
        ? s.valueAlign === 'right'
          ? free
          : Math.floor(free / 2)
        : header
          ? Math.floor(free / 2)
          : 0;
      canvas[top[p.row]! + Math.max(0, offset) + i]!.push({ x: x[p.col]! + Math.max(0, dx), text: line });
    });
  }
  return canvas.map((segs) => {
    let line = '';
    for (const seg of segs.sort((a, b) => a.x - b.x)) {
      const pad = seg.x - displayWidth(line);
      line += pad > 0 ? ' '.repeat(pad) : line === '' ? '' : ' ';
      line += seg.text;
    }
    return line.trimEnd();
  });
}

/** The `pdftotext -layout` look of a whole report (see the header comment). */
export function renderLayout(rep: GeneratedReport): Buffer {
  const r = rng(rep.renderSeed).fork('text-layout');
  const s = pickLayoutStyle(r);
  const tables = buildTables(rep);
  const proseWidth = r.int(30, 42); // characters per printed line
  const out: string[] = [];
  const pageLines = r.int(45, 55);
  let onPage = 0;
  const emit = (line: string, breakable: boolean) => {
    if (breakable && onPage >= pageLines) {
      out.push('\f');
      onPage = 0;
    }
    out.push(line);
    onPage++;
  };
  const para = (text: string, indent: number) => {
    const lines = wrap(text, proseWidth * 2);
    lines.forEach((l, i) => emit(`${' '.repeat(i === 0 ? indent + 4 : indent)}${l}`, true));
    emit('', true);
  };
  const centre = ' '.repeat(r.int(10, 24));
  for (const line of rep.titleLines) emit(centre + line, false);
  emit('', false);
  for (const p of rep.intro) para(p, s.indent);
  for (const sec of rep.sections) {
    emit(' '.repeat(s.indent) + sec.heading, true);
    for (const p of sec.paragraphs) para(p, s.indent);
    if (sec.table) {
      const lines = layoutGrid(tables[sec.table], s, sec.table === 'applications' ? [0, 1] : []);
      for (const l of lines) emit(l, false);
      emit('', true);
    }
  }
  emit(' '.repeat(s.indent + 40) + rep.signature.agency, true);
  if (rep.signature.date) emit(' '.repeat(s.indent + 40) + rep.signature.date, false);
  return Buffer.from(`${out.join('\n')}\n\f`, 'utf8');
}

export type FlatBlanks = 'dash' | 'vanish';

/**
 * For a 'vanish' document: every printed row that is partly blank prints its blanks as 0 (and the
 * truth says 0), so a blank vanishes only with its whole row's figures.
 */
function fillMixedBlanks(rep: GeneratedReport): GeneratedReport {
  const out = structuredClone(rep);
  const t = out.truth;
  const p = out.printed;
  const fill = (printed: Record<string, string>, truth: Record<string, Cell | string>, keys: string[]) => {
    const blanks = keys.filter((k) => printed[k] === '');
    if (blanks.length === 0 || blanks.length === keys.length) return;
    for (const k of blanks) {
      printed[k] = '0';
      truth[k] = 0;
    }
  };
  for (const [row, cells] of Object.entries(p.applications)) {
    fill(cells!, t.applications[row as keyof typeof t.applications]!, [...APPLICANT_COLUMNS]);
  }
  // Table 四 is one printed row of 15 cells.
  const reviewPrinted: Record<string, string> = {};
  const reviewTruth: Record<string, Cell> = {};
  for (const g of REVIEW_GROUPS)
    for (const c of REVIEW_COLUMNS) {
      reviewPrinted[`${g}.${c}`] = p.reviews[g][c];
      reviewTruth[`${g}.${c}`] = t.reviews[g][c];
    }
  fill(reviewPrinted, reviewTruth, Object.keys(reviewPrinted));
  for (const g of REVIEW_GROUPS)
    for (const c of REVIEW_COLUMNS) {
      p.reviews[g][c] = reviewPrinted[`${g}.${c}`]!;
      t.reviews[g][c] = reviewTruth[`${g}.${c}`]!;
    }
  for (const [row, cells] of Object.entries(p.proactive)) {
    fill(cells, t.proactive[row]!, Object.keys(cells));
  }
  if (out.variant === '2021') {
    const other = {} as Record<(typeof APPLICANT_COLUMNS)[number], Cell>;
    for (const col of APPLICANT_COLUMNS) {
      const parts = OTHER_SUB_ROWS.map((k) => t.applications[k]![col]);
      other[col] = parts.every((x) => x === null) ? null : parts.reduce<number>((a, x) => a + (x ?? 0), 0);
    }
    t.applications.other = other;
  }
  return out;
}

/** The whole report on one line (see the header comment); returns the document and its truth. */
export function renderFlat(rep: GeneratedReport): { bytes: Buffer; truth: Truth; blanks: FlatBlanks } {
  const r = rng(rep.renderSeed).fork('text-flat');
  const blanks: FlatBlanks = r.chance(0.7) ? 'dash' : 'vanish';
  const dash = r.pick(['—', '-', '/', '－']);
  const doc = blanks === 'vanish' ? fillMixedBlanks(rep) : rep;
  const tables = buildTables(doc);
  const parts: string[] = [...doc.titleLines, ...doc.intro];
  const cellText = (c: GridCell) => (c.value && c.text === '' ? (blanks === 'dash' ? dash : '') : c.text);
  for (const sec of doc.sections) {
    parts.push(sec.heading, ...sec.paragraphs);
    if (sec.table)
      for (const row of expand(tables[sec.table], { colspan: 'one', continuation: 'omit' }))
        parts.push(...row.map((c) => cellText(c).replace(/\n/g, '')));
  }
  parts.push(doc.signature.agency);
  if (doc.signature.date) parts.push(doc.signature.date);
  const line = parts.filter((p) => p !== '').join(' ');
  return { bytes: Buffer.from(r.chance(0.5) ? `${line}\n` : line, 'utf8'), truth: doc.truth, blanks };
}
