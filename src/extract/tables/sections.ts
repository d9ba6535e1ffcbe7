// Splits a document's rows into the report's table sections (二 proactive, 三 applications,
// 四 reviews) by their headings and tell-tale rows, and turns each row into a label + values item.
import type { CellLocation, TextCell, TextRow } from '../model.js';
import { SECTIONS } from '../../forms/index.js';
import { labelKey } from '../../text/normalise.js';
import { parseValue, type ParsedValue } from './cells.js';
import { rowLabel } from './labels.js';

export type SectionName = 'proactive' | 'applications' | 'reviews';

export interface ValueCell extends ParsedValue {
  x0?: number;
  x1?: number;
  /** Index of the cell in its row's grid (a table's expanded grid, a laid-out line's cells). */
  col?: number;
  /** Where the reader found the cell (for the record's `cells`). */
  at?: CellLocation;
}

export interface Item {
  /** Label text in `labelKey` form ('' when the row has none). */
  label: string;
  /** Cells after the label; null when the row holds no value (a label-only row). */
  values: ValueCell[] | null;
  /** Label cells with positions (header rows give column x positions). */
  labelCells: TextCell[];
  row: TextRow;
}

const HEADING = /^[#\s]*(?:[一二三四五六七八九十]+[、.．]|第[一二三四五六七]部分)/;
const NAMES: SectionName[] = ['proactive', 'applications', 'reviews'];

function rowText(row: TextRow): string {
  return labelKey(row.cells.map((c) => c.text).join(''));
}

/** The section a row opens, 'end' for the closing sections (五、…), or null (the forms' SECTIONS say how each opens). */
export function sectionAnchor(row: TextRow, current: SectionName | null): SectionName | 'end' | null {
  const t = rowText(row).replace(/^#+/, '');
  if (!t) return null;
  if (HEADING.test(t) && t.length <= 40) {
    for (const name of NAMES) {
      const { heading, headingNot = [] } = SECTIONS[name];
      if (heading.every((re) => re.test(t)) && !headingNot.some((re) => re.test(t))) return name;
    }
    if (SECTIONS.end.test(t)) return 'end';
  }
  const cellTexts = row.cells.map((c) => labelKey(c.text));
  for (const name of NAMES) {
    if (name === current) continue;
    const { opens = [], headerCells = [], title } = SECTIONS[name];
    if (opens.some((re) => re.test(t))) return name;
    if (headerCells.some((set) => set.every((re) => cellTexts.some((c) => re.test(c))))) return name;
    if (title && t.length <= 40 && title.test(t)) return name;
  }
  return null;
}

export function splitSections(rows: TextRow[]): Record<SectionName, TextRow[]> {
  const out: Record<SectionName, TextRow[]> = { proactive: [], applications: [], reviews: [] };
  let current: SectionName | null = null;
  for (const row of rows) {
    const anchor = sectionAnchor(row, current);
    if (anchor === 'end') current = null;
    else if (anchor) current = anchor;
    if (current) out[current].push(row);
  }
  return out;
}

/** Label = the cells up to the last label-like cell; values = the cells after it. */
/**
 * A row's item, made once: rows are never changed once read, and every table reader looks at the
 * same rows. Kept on the row under a symbol (not enumerable: no copy, JSON or comparison sees it; a
 * WeakMap over every row would cost more in garbage collection than the items).
 */
const ITEM = Symbol('item');

export function toItem(row: TextRow): Item {
  const known = (row as { [ITEM]?: Item })[ITEM];
  if (known) return known;
  const item = itemOf(row);
  Object.defineProperty(row, ITEM, { value: item });
  return item;
}

function itemOf(row: TextRow): Item {
  const cells = row.cells.filter((c) => c.merged !== 'col');
  let lastLabel = -1;
  const parsed = cells.map((c) => (c.merged === 'row' ? undefined : parseValue(c.text)));
  cells.forEach((c, i) => {
    if (c.text.trim() && parsed[i] === null) lastLabel = i;
    if (c.merged === 'row' && c.text.trim() && parseValue(c.text) === null) lastLabel = i;
  });
  const labelCells = cells.slice(0, lastLabel + 1).filter((c) => c.text.trim());
  const label = rowLabel(labelCells.map((c) => c.text).join(''));
  const rest = cells.slice(lastLabel + 1);
  const values: ValueCell[] = rest.map((c, i) => {
    const p = parsed[lastLabel + 1 + i] ?? { kind: 'blank' as const, value: null, raw: '', signed: false, unit: null };
    return { ...p, x0: c.x0, x1: c.x1, at: c.at, col: row.tabular ? row.cells.indexOf(c) : undefined };
  });
  const hasValue = values.some((v) => v.kind === 'number') || (row.tabular && values.length > 0 && lastLabel >= 0);
  return { label, values: hasValue ? values : null, labelCells, row };
}

/** Longest label-only line taken for part of a wrapped label: the form's longest label, numbered, with room. */
const MAX_FRAGMENT = 60;

/** Is this label-only row a fragment of a table label (not a prose sentence)? */
export function isLabelFragment(item: Item): boolean {
  if (item.values) return false;
  if (item.row.tabular) return true;
  return item.label.length > 0 && item.label.length <= MAX_FRAGMENT && !/[。；;]/.test(item.label);
}
