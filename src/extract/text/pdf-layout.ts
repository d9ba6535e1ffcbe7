// Positioned text runs of one PDF page → rows in reading order. Pure (no pdf.js), so it is
// tested with hand-made runs as well as with real pages.
//  - Runs are grouped into visual lines by baseline (a number set in a larger font sits a point
//    or two off the label's baseline; two lines of a wrapped label are ~1 em apart).
//  - A line is cut into cells at horizontal gaps wider than CELL_GAP em; closer runs are merged
//    (CJK text often comes one run per glyph or per font change).
//  - A line of ≥ 2 cells is a table row; a single-cell line lying between table rows, close to
//    both, is a table row too (a wrapped label, a group label on its own line); others are prose.
//  - Vertical text (a group label written top to bottom) is its own row, placed at its top.
//  - Page numbers in the top/bottom margin ("- 3 -", "第 3 页", "3/5") are dropped.
import type { TextCell, TextRow } from '../model.js';

export interface TextRun {
  text: string;
  /** Left and right x, in points from the page's left edge. */
  x0: number;
  x1: number;
  /** Baseline y in points from the page's top edge (y grows downward). */
  y: number;
  /** Font size in points. */
  size: number;
  /** Written top to bottom: y is the top of the run, `height` its length. */
  vertical?: { height: number };
  /** The font's ascent and descent in em (both positive), for the run's box; default 0.85 and 0.15. */
  ascent?: number;
  descent?: number;
  /** Read by OCR: the engine's confidence in the run's text, 0–100 (its least sure word). */
  conf?: number;
}

/** A vertical line drawn on the page (a table's column border), in the runs' coordinates. */
export interface Ruling {
  x: number;
  top: number;
  bottom: number;
}

export interface PageGeometry {
  page: number;
  width: number;
  height: number;
}

/** Cut a line where the gap between two runs is wider than this many em… */
export const CELL_GAP = 0.8;
/** …and, in a line that is a table row anyway, where two separate runs are this far apart ("结果 其他"). */
export const TABLE_CELL_GAP = 0.4;
/** Two runs share a line when their baselines differ by at most this many em (smaller font). */
const LINE_TOLERANCE = 0.4;
/** Above this gap (em) two merged runs get a space between them ("第 711 号"). */
const SPACE_GAP = 0.2;
/** A single-cell line is part of a table when table rows lie within this many em above and below. */
const TABLE_REACH = 2;
/** Margin (fraction of page height) where page numbers are looked for. */
const MARGIN = 0.12;

const PAGE_NUMBER =
  /^(?:[-－—–‒~～\s]*\d{1,4}[-－—–‒~～\s]*|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$/;

interface Line {
  y: number;
  size: number;
  runs: TextRun[];
  /** Top and bottom y of the line's glyphs. */
  top: number;
  bottom: number;
}

interface PlacedRow {
  row: TextRow;
  top: number;
  bottom: number;
  size: number;
}

export function layoutPage(runs: TextRun[], geometry: PageGeometry, rulings: Ruling[] = []): TextRow[] {
  const horizontal: TextRun[] = [];
  const vertical: TextRun[] = [];
  for (const r of runs) {
    if (!r.text.trim()) continue;
    if (r.vertical) vertical.push(r);
    else for (const cut of cutAtRulings(r, rulings)) horizontal.push(cut);
  }
  const lines = groupLines(horizontal);
  const placed: PlacedRow[] = [];
  for (const [n, line] of lines.entries()) {
    const walls = rulings.filter((w) => crosses(w, line.y, line.size));
    let cells = splitCells(line.runs, CELL_GAP, walls, geometry.page);
    if (cells.length >= 2) cells = splitCells(line.runs, TABLE_CELL_GAP, walls, geometry.page);
    if (isPageNumber(cells, line, geometry, n === 0 || n === lines.length - 1)) continue;
    placed.push({
      row: { cells, tabular: cells.length >= 2, page: geometry.page },
      top: line.top,
      bottom: line.bottom,
      size: line.size,
    });
  }
  joinWrappedLabels(placed);
  markTableLines(placed);
  for (const v of verticalRows(vertical, geometry.page)) {
    const at = placed.findIndex((p) => p.top > v.top);
    v.row.tabular = isInsideTable(placed, at < 0 ? placed.length : at, v);
    placed.splice(at < 0 ? placed.length : at, 0, v);
  }
  return placed.map((p) => p.row);
}

function groupLines(runs: TextRun[]): Line[] {
  const sorted = [...runs].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const lines: Line[] = [];
  let current: Line | null = null;
  for (const r of sorted) {
    if (current && Math.abs(r.y - current.y) <= LINE_TOLERANCE * Math.min(r.size, current.size)) {
      current.runs.push(r);
      current.top = Math.min(current.top, r.y - 0.85 * r.size);
      current.bottom = Math.max(current.bottom, r.y + 0.15 * r.size);
      if (r.size > current.size) {
        current.size = r.size;
      }
      continue;
    }
    current = { y: r.y, size: r.size, runs: [r], top: r.y - 0.85 * r.size, bottom: r.y + 0.15 * r.size };
    lines.push(current);
  }
  for (const line of lines) line.runs.sort((a, b) => a.x0 - b.x0);
  return lines;
}

/** A ruling runs through the middle of a line whose baseline is `y`. */
function crosses(w: Ruling, y: number, size: number): boolean {
  const middle = y - 0.35 * size;
  return w.top <= middle && w.bottom >= middle;
}

/**
 * A run that a ruling cuts through (pdf.js joins the texts of neighbouring cells into one run
 * when they are less than 0.6 em apart) is cut there. Glyph positions inside a run are not
 * known: they are estimated (CJK 1 em, Latin/digits 0.55 em, spaces share what is left).
 */
export function cutAtRulings(run: TextRun, rulings: Ruling[]): TextRun[] {
  const margin = 0.25 * run.size;
  const cuts = rulings
    .filter((w) => w.x > run.x0 + margin && w.x < run.x1 - margin && crosses(w, run.y, run.size))
    .map((w) => w.x)
    .sort((a, b) => a - b);
  if (!cuts.length || run.text.length < 2) return [run];
  const chars = [...run.text];
  const ems: number[] = chars.map((c) =>
    /\s/.test(c) ? 0 : /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(c) ? 1 : 0.55,
  );
  const spaces = chars.filter((c) => /\s/.test(c)).length;
  const printed = ems.reduce((a, b) => a + b, 0);
  const total = (run.x1 - run.x0) / run.size;
  const space = spaces ? Math.max(0, (total - printed) / spaces) : 0;
  const scale = total / (printed + space * spaces || 1);
  const starts: number[] = [];
  let at = run.x0;
  for (let i = 0; i < chars.length; i++) {
    starts.push(at);
    at += (ems[i] || space) * scale * run.size;
  }
  starts.push(run.x1);
  const pieces: TextRun[] = [];
  let from = 0;
  const piece = (from: number, to: number) => {
    while (from < to && /\s/.test(chars[from])) from++;
    while (to > from && /\s/.test(chars[to - 1])) to--;
    if (to > from) pieces.push({ ...run, text: chars.slice(from, to).join(''), x0: starts[from], x1: starts[to] });
  };
  for (const x of cuts) {
    let to = from;
    while (to < chars.length && starts[to] + (starts[to + 1] - starts[to]) / 2 < x) to++;
    if (to > from && to < chars.length) {
      piece(from, to);
      from = to;
    }
  }
  piece(from, chars.length);
  return pieces;
}

/** Top and bottom y of a horizontal run's glyphs. */
const runTop = (r: TextRun) => r.y - (r.ascent ?? 0.85) * r.size;
const runBottom = (r: TextRun) => r.y + (r.descent ?? 0.15) * r.size;

/** Where a cell sits: its page and box [x0, top, x1, bottom] (points, top-left origin), rounded to 0.01 pt. */
function located(page: number, x0: number, top: number, x1: number, bottom: number): TextCell['at'] {
  return { page, bbox: [round(x0), round(top), round(x1), round(bottom)] };
}

function splitCells(runs: TextRun[], maxGap: number, walls: Ruling[] = [], page = 0): TextCell[] {
  type Acc = { text: string; x0: number; x1: number; top: number; bottom: number; conf?: number };
  const cells: Acc[] = [];
  let cell: Acc | null = null;
  let last: TextRun | null = null;
  for (const r of dropDuplicates(runs)) {
    const size = last ? Math.min(last.size, r.size) : r.size;
    const gap = cell ? r.x0 - cell.x1 : Infinity;
    const walled = last !== null && walls.some((w) => w.x > (last!.x0 + last!.x1) / 2 && w.x < (r.x0 + r.x1) / 2);
    if (cell && last && gap <= maxGap * size && !walled) {
      const spaced = gap > SPACE_GAP * size && !/\s$/.test(cell.text) && !/^\s/.test(r.text);
      cell.text += (spaced ? ' ' : '') + r.text;
      cell.x1 = Math.max(cell.x1, r.x1);
      cell.top = Math.min(cell.top, runTop(r));
      cell.bottom = Math.max(cell.bottom, runBottom(r));
      if (r.conf !== undefined) cell.conf = Math.min(cell.conf ?? r.conf, r.conf);
    } else {
      cell = { text: r.text, x0: r.x0, x1: r.x1, top: runTop(r), bottom: runBottom(r), conf: r.conf };
      cells.push(cell);
    }
    last = r;
  }
  return cells.map((c) => ({
    text: c.text.trim(),
    x0: round(c.x0),
    x1: round(c.x1),
    at: { ...located(page, c.x0, c.top, c.x1, c.bottom), ...(c.conf !== undefined ? { confidence: c.conf } : {}) },
  }));
}

/** Fake bold: the same run drawn twice, a fraction of a point apart. */
function dropDuplicates(runs: TextRun[]): TextRun[] {
  const kept: TextRun[] = [];
  for (const r of runs) {
    const twin = kept.some(
      (k) => k.text === r.text && Math.abs(k.x0 - r.x0) < 0.3 * r.size && Math.abs(k.y - r.y) < 0.3 * r.size,
    );
    if (!twin) kept.push(r);
  }
  return kept;
}

/**
 * A page number: alone on its line, in the top or bottom margin. A bare number ("3") must also
 * be the page's first or last line: a table's first row of values can sit high on a page too.
 */
function isPageNumber(cells: TextCell[], line: Line, g: PageGeometry, outermost: boolean): boolean {
  const text = cells.length === 1 ? cells[0].text.trim() : '';
  if (!PAGE_NUMBER.test(text) || (/^\d+$/.test(text) && !outermost)) return false;
  return line.bottom < g.height * MARGIN || line.top > g.height * (1 - MARGIN);
}

const VALUE = /^(?:[+\-−]?[\d,，.]+(?:万元|万|元|件|个|%)?|[-—–−_/／]+)$/u;

/**
 * A table row whose label wraps onto two lines, with the numbers set once between them
 * ("5.要求行政机关确认或重新出具" / "0 0 0 0 0 0 0" / "已获取信息"): the label lines just
 * above and below the row of values, close to it and wholly left of its first value, are joined
 * into it, cell by cell where their x ranges overlap. One visual table row becomes one row.
 * When the values' line holds label text of its own (a fragment of a group label: "理结 | 0 0 …"),
 * both lines must be there and overlap each other (one label, wrapped), so that a group label
 * standing between two rows ("（四）无法提供") is not pulled into either.
 */
function joinWrappedLabels(placed: PlacedRow[]): void {
  for (let i = 0; i < placed.length; i++) {
    const row = placed[i];
    const firstValue = row.row.cells.findIndex((c) => VALUE.test(c.text));
    if (firstValue < 0 || row.row.cells.slice(firstValue).some((c) => !VALUE.test(c.text))) continue;
    const valueX = row.row.cells[firstValue].x0 ?? 0;
    const isLabelOf = (p: PlacedRow | undefined): p is PlacedRow =>
      p !== undefined &&
      p.row.cells.length <= 2 && // a group label and a row label at most; a header line has more
      !p.row.cells.some((c) => VALUE.test(c.text)) &&
      p.row.cells.every((c) => (c.x1 ?? Infinity) < valueX) &&
      p.size <= 1.2 * row.size &&
      Math.abs(p.bottom - row.bottom) <= 1.3 * Math.max(p.size, row.size);
    let above = isLabelOf(placed[i - 1]) ? placed[i - 1] : undefined;
    let below = isLabelOf(placed[i + 1]) ? placed[i + 1] : undefined;
    if (firstValue > 0 && !(above && below && overlaps(above.row.cells, below.row.cells))) above = below = undefined;
    if (!above && !below) continue;
    const labels = joinColumns(
      joinColumns(above?.row.cells ?? [], below?.row.cells ?? []),
      row.row.cells.slice(0, firstValue),
    );
    row.row = { ...row.row, cells: [...labels, ...row.row.cells.slice(firstValue)], tabular: true };
    row.top = Math.min(row.top, above?.top ?? Infinity);
    row.bottom = Math.max(row.bottom, below?.bottom ?? -Infinity);
    if (below) placed.splice(i + 1, 1);
    if (above) {
      placed.splice(i - 1, 1);
      i--;
    }
  }
}

function overlaps(a: TextCell[], b: TextCell[]): boolean {
  return a.some((u) => b.some((c) => (u.x0 ?? 0) < (c.x1 ?? 0) && (c.x0 ?? 0) < (u.x1 ?? 0)));
}

/** Cells of two stacked lines, the lower one's text appended where their x ranges overlap. */
function joinColumns(upper: TextCell[], lower: TextCell[]): TextCell[] {
  const out = upper.map((c) => ({ ...c }));
  for (const c of lower) {
    const over = out.find((u) => (u.x0 ?? 0) < (c.x1 ?? 0) && (c.x0 ?? 0) < (u.x1 ?? 0));
    if (over) {
      over.text += c.text;
      over.x0 = Math.min(over.x0 ?? 0, c.x0 ?? 0);
      over.x1 = Math.max(over.x1 ?? 0, c.x1 ?? 0);
      const [a, b] = [over.at?.bbox, c.at?.bbox];
      if (over.at && a && b)
        over.at = {
          ...over.at,
          bbox: [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])],
        };
    } else out.push({ ...c });
  }
  return out.sort((a, b) => (a.x0 ?? 0) - (b.x0 ?? 0));
}

function markTableLines(placed: PlacedRow[]): void {
  for (let i = 0; i < placed.length; i++) {
    const p = placed[i];
    if (p.row.cells.length < 2) p.row.tabular = isInsideTable(placed, i, p, i);
  }
}

/** A table row (≥ 2 cells) in a font at least as large lies close above `top` and another close below `bottom`. */
function isInsideTable(placed: PlacedRow[], at: number, line: PlacedRow, self = -1): boolean {
  const { top, bottom, size } = line;
  const near = (p: PlacedRow, gap: number) =>
    p.row.cells.length >= 2 && gap <= TABLE_REACH * Math.min(size, p.size) && size <= 1.1 * p.size; // a heading is larger
  let above = false;
  for (let j = at - 1; j >= 0 && !above; j--) {
    if (j === self) continue;
    const gap = top - placed[j].bottom;
    if (gap > TABLE_REACH * 16) break;
    above = near(placed[j], gap);
  }
  let below = false;
  for (let j = at; j < placed.length && !below; j++) {
    if (j === self) continue;
    const gap = placed[j].top - bottom;
    if (gap > TABLE_REACH * 16) break;
    below = near(placed[j], gap);
  }
  return above && below;
}

/** Vertical runs stacked in one column (one run per glyph or per few glyphs) → one row each. */
function verticalRows(runs: TextRun[], page: number): PlacedRow[] {
  const sorted = [...runs].sort((a, b) => a.x0 - b.x0 || a.y - b.y);
  const rows: PlacedRow[] = [];
  let cur: { text: string; x0: number; x1: number; top: number; bottom: number; size: number } | null = null;
  const flush = () => {
    if (cur) {
      rows.push({
        row: {
          cells: [
            {
              text: cur.text.trim(),
              x0: round(cur.x0),
              x1: round(cur.x1),
              at: located(page, cur.x0, cur.top, cur.x1, cur.bottom),
            },
          ],
          tabular: false,
          page,
        },
        top: cur.top,
        bottom: cur.bottom,
        size: cur.size,
      });
    }
  };
  for (const r of sorted) {
    const h = r.vertical?.height ?? r.size;
    if (cur && Math.abs(r.x0 - cur.x0) < 0.5 * r.size && r.y - cur.bottom < 1.5 * r.size) {
      cur.text += r.text;
      cur.bottom = Math.max(cur.bottom, r.y + h);
      continue;
    }
    flush();
    cur = { text: r.text, x0: r.x0, x1: r.x1, top: r.y, bottom: r.y + h, size: r.size };
  }
  flush();
  return rows.sort((a, b) => a.top - b.top);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
