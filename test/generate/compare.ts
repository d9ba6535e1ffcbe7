// Cell-by-cell comparison of an extracted record with a generated report's ground truth.
import type { ApplicationRow } from '../../src/forms/index.js';
import { OTHER_SUB_ROWS } from '../forms.js';
import type { ReportRecord } from '../../src/record.js';
import type { FormVariant, Truth } from './report.js';

export interface Mismatch {
  path: string;
  expected: unknown;
  actual: unknown;
}

export interface Comparison {
  /** Cells compared: every metadata field and every table cell of the truth. */
  cells: number;
  mismatches: Mismatch[];
}

export const METADATA_FIELDS = ['title', 'agency', 'year', 'template', 'published_date'] as const;

const same = (a: unknown, b: unknown) =>
  typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) < 1e-9 : a === b;

type Table = Record<string, Record<string, unknown> | undefined> | null | undefined;

/**
 * Compares `record` with `truth`: every truth cell must be equal, and the record must hold no row or
 * column the truth lacks — except the three 2021 （六） sub-rows left all-null when the report prints
 * （六）其他处理 as one row (the peer samples' convention: absent or null, never invented).
 * A narrative truth (template 'narrative', the prose rendering) holds only the cells its sentences
 * state: exactly those are compared, and the record's other cells (null headline rows) are not.
 */
export function compareRecord(truth: Truth, variant: FormVariant, record: Partial<ReportRecord>): Comparison {
  const mismatches: Mismatch[] = [];
  let cells = 0;
  for (const f of METADATA_FIELDS) {
    cells++;
    if (!same(truth[f], record[f])) mismatches.push({ path: f, expected: truth[f], actual: record[f] });
  }
  const tables = [
    ['proactive', truth.proactive, record.proactive],
    ['applications', truth.applications, record.applications],
    ['reviews', truth.reviews, record.reviews],
  ] as [string, Table, Table][];
  for (const [name, want, got] of tables) {
    for (const [row, cols] of Object.entries(want ?? {})) {
      for (const [col, value] of Object.entries(cols ?? {})) {
        cells++;
        const actual = got?.[row]?.[col];
        if (!same(value, actual)) mismatches.push({ path: `${name}.${row}.${col}`, expected: value, actual });
      }
      if (truth.template === 'narrative') continue;
      for (const col of Object.keys(got?.[row] ?? {}))
        if (!(col in (cols ?? {})))
          mismatches.push({ path: `${name}.${row}.${col}`, expected: undefined, actual: got![row]![col] });
    }
    for (const [row, cols] of Object.entries(got ?? {})) {
      if ((want && row in want) || truth.template === 'narrative') continue;
      const tolerated =
        name === 'applications' &&
        variant === '2021-single-other' &&
        OTHER_SUB_ROWS.includes(row as ApplicationRow) &&
        Object.values(cols ?? {}).every((v) => v === null);
      if (!tolerated) mismatches.push({ path: `${name}.${row}`, expected: undefined, actual: cols });
    }
  }
  return { cells, mismatches };
}

export function formatMismatch(m: Mismatch): string {
  return `${m.path}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`;
}
