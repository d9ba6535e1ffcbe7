// Cells with rowspan/colspan → a full grid, one cell per grid column in every row: a rowspan copy
// repeats the text (`merged: 'row'`), a colspan copy is '' (`merged: 'col'`).
import type { CellLocation, TextCell } from '../model.js';

export interface SpanCell {
  text: string;
  colspan: number;
  rowspan: number;
  /** Where the cell's element is; kept on the grid cell it starts (not on its merged copies). */
  at?: CellLocation;
}

/** Expand rowspan/colspan into a full grid: one cell per grid column in every row. */
export function expandGrid(rows: SpanCell[][]): TextCell[][] {
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
export function placeCells(cells: SpanCell[], columns: number): TextCell[][] {
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
          ? cell.at
            ? { text: cell.text, at: cell.at }
            : { text: cell.text }
          : j === 0
            ? { text: cell.text, merged: 'row' }
            : { text: '', merged: 'col' };
    }
  }
}

/** Fill holes with blank cells, pad every row to the grid width, drop rows with no text at all. */
export function squareUp(grid: TextCell[][], minWidth = 0): TextCell[][] {
  const width = grid.reduce((w, r) => Math.max(w, r.length), minWidth);
  return grid.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? { text: '' })).filter(hasText);
}

export function hasText(row: TextCell[]): boolean {
  return row.some((cell) => cell.text !== '');
}
