// A document's lines as the metadata rules read them: each row flattened (src/text/normalise.ts
// flatten: no stray spaces, ASCII digits, Chinese-numeral dates as digits).
import { flatten } from '../text/normalise.js';
import type { DocumentModel } from './model.js';

/** A row's cells joined and flattened: the line as a reader sees it. */
export function flatLine(cells: { text: string }[]): string {
  return flatten(cells.map((c) => c.text).join(' '));
}

export type Line = { text: string; tabular: boolean };
const linesCache = new WeakMap<DocumentModel, Line[]>();

/** The document's non-empty lines, flattened, with whether they came from a table (computed once). */
export function documentLines(model: DocumentModel): Line[] {
  const cached = linesCache.get(model);
  if (cached) return cached;
  const out: Line[] = [];
  for (const row of model.rows) {
    const text = flatLine(row.cells).replace(/^#+/, '');
    if (text) out.push({ text, tabular: row.tabular });
  }
  linesCache.set(model, out);
  return out;
}
