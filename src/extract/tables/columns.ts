// Which column each printed value belongs to. Grid formats (HTML, DOCX) keep blank cells, so the
// position in the row decides; text layouts lose a few blanks at the row's edges; PDFs lose every
// blank cell, so x positions against the table's column centres decide — a row with a missing
// number must never shift its numbers left.
import type { Warning } from '../../record.js';
import type { ValueCell } from './sections.js';

export interface Placed {
  cells: (ValueCell | null)[];
  warnings: Warning[];
  /** For a row left blank (ambiguous_row): the placements its own identity accepts, for the table's identities to choose from. */
  candidates?: (ValueCell | null)[][];
}

const center = (v: ValueCell) => ((v.x0 ?? 0) + (v.x1 ?? 0)) / 2;
const hasX = (v: ValueCell) => v.x0 !== undefined && v.x1 !== undefined;

/**
 * Places `values` into `n` columns.
 * @param centers x centre of each column when known (PDF), else null
 * @param validate checks a candidate row (used to split digits run together)
 */
export function placeValues(
  values: ValueCell[],
  n: number,
  centers: number[] | null,
  where: string,
  validate?: (cells: (ValueCell | null)[]) => boolean,
): Placed {
  const warnings: Warning[] = [];
  const numbers = values.filter((v) => v.kind === 'number');
  if (values.length === n && !values.every(hasX)) return { cells: values.map(blankToNull), warnings };
  if (numbers.length === n) return { cells: numbers, warnings };

  if (centers && centers.length === n && numbers.length < n && numbers.every(hasX)) {
    const placed = byPosition(numbers, centers);
    if (placed) {
      const glued = numbers.find((v) => spans(v, centers) > 1);
      if (!glued) {
        if (numbers.length < n)
          warnings.push({
            code: 'column_by_position',
            where,
            detail: `${numbers.length} of ${n} cells printed; placed by x position`,
          });
        return { cells: placed, warnings };
      }
    }
  }

  if (numbers.length < n) {
    const split = splitGlued(numbers, n, validate);
    if (split) {
      warnings.push({
        code: 'glued_digits',
        where,
        detail: `digits of neighbouring cells run together (${split.raw}); split as ${split.parts.join(' / ')} by the row's own identity`,
      });
      return { cells: split.cells, warnings };
    }
  }

  // Text layouts: drop the blanks a line-end tab or a spanned label left at the edges.
  if (values.length > n) {
    const v = [...values];
    while (v.length > n && v[v.length - 1].kind === 'blank') v.pop();
    while (v.length > n && v[0].kind === 'blank') v.shift();
    if (v.length === n) return { cells: v.map(blankToNull), warnings };
    warnings.push({
      code: 'unparsed_value',
      where,
      detail: `${values.length} cells where the form has ${n}; kept the first ${n}`,
    });
    return { cells: v.slice(0, n).map(blankToNull), warnings };
  }

  // Fewer figures than columns and nothing that says where they stand: the row's own identity may
  // allow exactly one placement; otherwise no cell is filled (a figure never shifts across a blank).
  const placements = numbers.length > 0 && validate ? orderedPlacements(numbers, n).filter(validate) : [];
  if (placements.length === 1) {
    warnings.push({
      code: 'placed_by_identity',
      where,
      detail: `${numbers.length} of ${n} cells printed (${numbers.map((v) => v.raw).join(' ')}); the row's identity allows one placement`,
    });
    return { cells: placements[0]!, warnings };
  }
  warnings.push({
    code: 'ambiguous_row',
    where,
    detail: `${numbers.length} of ${n} cells printed (${numbers.map((v) => v.raw).join(' ')}) with no column positions${placements.length > 1 ? ` and ${placements.length} placements the identities accept` : ''}; cells left blank`,
  });
  return { cells: Array.from({ length: n }, () => null), warnings, candidates: placements };
}

/** Every way to put `values` into `n` columns in their printed order (the others blank). */
function orderedPlacements<T>(values: T[], n: number): (T | null)[][] {
  const out: (T | null)[][] = [];
  const walk = (vi: number, col: number, acc: (T | null)[]) => {
    if (vi === values.length) {
      out.push([...acc, ...Array.from({ length: n - col }, () => null)]);
      return;
    }
    for (let c = col; c <= n - (values.length - vi); c++)
      walk(vi + 1, c + 1, [...acc, ...Array.from({ length: c - col }, () => null), values[vi]!]);
  };
  walk(0, 0, []);
  return out;
}

function blankToNull(v: ValueCell): ValueCell | null {
  return v.kind === 'blank' ? null : v;
}

function spans(v: ValueCell, centers: number[]): number {
  return centers.filter((c) => c > (v.x0 ?? 0) && c < (v.x1 ?? 0)).length;
}

function byPosition(numbers: ValueCell[], centers: number[]): (ValueCell | null)[] | null {
  const cells: (ValueCell | null)[] = centers.map(() => null);
  let last = -1;
  for (const v of numbers) {
    const c = center(v);
    let best = 0;
    for (let i = 1; i < centers.length; i++) if (Math.abs(centers[i] - c) < Math.abs(centers[best] - c)) best = i;
    if (best <= last) return null;
    cells[best] = v;
    last = best;
  }
  return cells;
}

/** Tries every split of one long number into the missing cells; accepts a unique valid one. */
function splitGlued(numbers: ValueCell[], n: number, validate?: (cells: (ValueCell | null)[]) => boolean) {
  if (!validate) return null;
  const missing = n - numbers.length;
  const found: { cells: ValueCell[]; raw: string; parts: string[] }[] = [];
  numbers.forEach((v, i) => {
    const digits = v.raw.trim();
    if (!/^\d+$/.test(digits) || digits.length < missing + 1) return;
    for (const parts of splits(digits, missing + 1)) {
      const cells = [
        ...numbers.slice(0, i),
        ...parts.map((p) => ({ ...v, raw: p, value: Number(p), signed: false })),
        ...numbers.slice(i + 1),
      ];
      if (validate(cells)) found.push({ cells, raw: digits, parts });
    }
  });
  return found.length === 1 ? found[0] : null;
}

function* splits(s: string, k: number): Generator<string[]> {
  if (k === 1) {
    if (s.length > 0 && (s === '0' || !s.startsWith('0'))) yield [s];
    return;
  }
  for (let i = 1; i <= s.length - k + 1; i++) {
    const head = s.slice(0, i);
    if (head.length > 1 && head.startsWith('0')) break;
    for (const rest of splits(s.slice(i), k - 1)) yield [head, ...rest];
  }
}

/**
 * Column positions from a table's header cells. Parts of one header broken over lines ("本年" over
 * "制发件数", "结果维" / "持", one character a line) overlap in x, in any unit, and make one column.
 */
export class HeaderColumns {
  private readonly ranges: { x0: number; x1: number }[] = [];

  add(x0: number, x1: number): void {
    const same = this.ranges.find((r) => x0 < r.x1 && r.x0 < x1);
    if (same) {
      same.x0 = Math.min(same.x0, x0);
      same.x1 = Math.max(same.x1, x1);
    } else this.ranges.push({ x0, x1 });
  }

  /** Each column's centre, left to right. */
  centers(): number[] {
    return this.ranges.map((r) => (r.x0 + r.x1) / 2).sort((a, b) => a - b);
  }
}

/**
 * Column centres from where the figures stand, when no row prints every column (text laid out with
 * spaces, where a blank cell leaves nothing): figures of one column overlap in x (right-, left- or
 * centre-aligned alike), figures of neighbouring columns do not. Null unless exactly `n` columns show.
 */
export function centersFromFigures(rows: ValueCell[][], n: number): number[] | null {
  const figures = rows.flat().filter((v) => v.kind === 'number' && hasX(v));
  if (!figures.length) return null;
  figures.sort((a, b) => a.x0! - b.x0!);
  const columns: { x0: number; x1: number; centers: number[] }[] = [];
  for (const v of figures) {
    const last = columns.at(-1);
    if (last && v.x0! < last.x1) {
      last.x1 = Math.max(last.x1, v.x1!);
      last.centers.push(center(v));
    } else columns.push({ x0: v.x0!, x1: v.x1!, centers: [center(v)] });
  }
  if (columns.length !== n) return null;
  return columns.map((c) => c.centers.reduce((a, b) => a + b, 0) / c.centers.length);
}

/** Column centres from the rows that print every column (median x of each position). */
export function centersFromFullRows(rows: ValueCell[][], n: number): number[] | null {
  const full = rows.map((r) => r.filter((v) => v.kind === 'number')).filter((r) => r.length === n && r.every(hasX));
  if (!full.length) return null;
  return Array.from({ length: n }, (_, i) => {
    const xs = full.map((r) => center(r[i])).sort((a, b) => a - b);
    return xs[Math.floor(xs.length / 2)];
  });
}
