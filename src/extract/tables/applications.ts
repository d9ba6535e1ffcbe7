// Table 三 (收到和处理政府信息公开申请情况) read by its row labels.
import {
  APPLICANT_COLUMNS,
  APPLICATION_ROW_KEYS,
  APPLICATIONS,
  SUBTOTAL_PARTS,
  evaluateIdentities,
  type ApplicantColumn,
  type ApplicationRow,
} from '../../forms/index.js';
import { emptyApplicantRow, type ApplicationsTable, type Cell, type CellSource, type Warning } from '../../record.js';
import { centersFromFigures, centersFromFullRows, placeValues } from './columns.js';
import { labelledRows } from './assemble.js';
import { APPLICATION_MATCHERS, GROUP_LABELS, SUBTOTAL, stripGroupLabels } from './labels.js';
import { placedSources } from './provenance.js';
import type { Item, ValueCell } from './sections.js';
import { labelKey } from '../../text/normalise.js';
import type { TextRow } from '../model.js';

export interface TableRead<T> {
  table: T | null;
  warnings: Warning[];
  /** Form rows found (for template detection). */
  keys: string[];
  /** Where the cells placed in the table were read (provenance.ts). */
  cells?: CellSource[];
}

const N = APPLICANT_COLUMNS.length;
/** Rows that are the subtotal of other rows (（六）其他处理), with their parts. */
const SUBTOTALS = APPLICATIONS.rows.flatMap((r) =>
  r.parts?.length ? [{ key: r.key, parts: r.parts as ApplicationRow[] }] : [],
);

/** Header cell text → the applicant column it names (a header may print only some of them). */
const COLUMN_BY_LABEL = new Map<string, ApplicantColumn>(APPLICATIONS.columns.map((c) => [c.label[0], c.key]));

/**
 * Grid column → applicant column, from the header rows of a table that prints its cells on a grid:
 * a table that leaves columns out (自然人 | 商业企业 | 其他 | 总计) is read by what its header says.
 * Later header rows name the columns more specifically (法人或其他组织 → 商业企业…), so they win.
 */
function headerColumns(items: Item[]): Map<number, ApplicantColumn> {
  const map = new Map<number, ApplicantColumn>();
  for (const item of items) {
    // Only a grid's cell index names a column; a laid-out line's cells are placed by position.
    if (!item.row.tabular || item.row.cells.some((c) => c.x0 !== undefined)) continue;
    const named = item.row.cells.flatMap((c, i) => {
      const key = COLUMN_BY_LABEL.get(labelKey(c.text));
      return key && c.merged !== 'col' ? [[i, key] as const] : [];
    });
    if (named.length < 2) continue;
    for (const [i, key] of named) map.set(i, key);
  }
  return map;
}

/** The row's figures by the header's grid columns, when the header names the column of every one. */
function byHeader(values: ValueCell[], header: Map<number, ApplicantColumn>): (ValueCell | null)[] | null {
  const cells: (ValueCell | null)[] = APPLICANT_COLUMNS.map(() => null);
  const printed = values.filter((v) => v.kind === 'number');
  if (header.size < 2 || header.size >= N || !printed.length) return null;
  for (const v of printed) {
    const key = v.col === undefined || v.x0 !== undefined ? undefined : header.get(v.col);
    if (!key) return null;
    const i = APPLICANT_COLUMNS.indexOf(key);
    if (cells[i]) return null;
    cells[i] = v;
  }
  return cells;
}

export function readApplications(rows: TextRow[]): TableRead<ApplicationsTable> {
  const headerRows: Item[] = [];
  const labelled = [...labelledRows(rows, APPLICATION_MATCHERS, (item) => headerRows.push(item))];
  const header = headerColumns(headerRows);
  const warnings: Warning[] = [];
  const valueRows = labelled.map((r) => r.values);
  const centers = centersFromFullRows(valueRows, N) ?? centersFromFigures(valueRows, N);
  const found = new Map<ApplicationRow, (ValueCell | null)[]>();
  const ambiguous: Ambiguous = new Map();
  const cells: CellSource[] = [];

  for (const { match, label, values } of labelled) {
    const numbers = values.filter((v) => v.kind === 'number');
    if (!match || SUBTOTAL.test(label)) {
      if (SUBTOTAL.test(label))
        warnings.push({ code: 'subtotal_row', where: `applications:${label}`, detail: 'subtotal row skipped' });
      else if (GROUP_LABELS.some((re) => re.test(stripGroupLabels(label))) && numbers.length)
        warnings.push({
          code: 'subtotal_row',
          where: `applications:${label}`,
          detail: 'group row with values (a subtotal) skipped',
        });
      else if (numbers.length)
        warnings.push({
          code: 'extra_row',
          where: `applications:${label || '(no label)'}`,
          detail: `row not in the form: ${numbers.map((v) => v.raw).join(' ')}`,
        });
      continue;
    }
    const where = `applications.${match.key}`;
    if (match.loose) warnings.push({ code: 'loose_label', where, detail: `label '${label}' matched loosely` });
    const fromHeader = byHeader(values, header);
    const placed = fromHeader
      ? { cells: fromHeader, warnings: [] }
      : placeValues(values, N, centers, where, rowSumHolds);
    warnings.push(...placed.warnings);
    for (const v of placed.cells)
      if (v?.signed) warnings.push({ code: 'signed_value', where, detail: `signed value '${v.raw}'` });
    found.set(match.key, placed.cells);
    const key = match.key;
    if (placed.candidates && placed.candidates.length > 1)
      ambiguous.set(key, { values, candidates: placed.candidates });
    cells.push(
      ...placedSources(
        'applications',
        APPLICANT_COLUMNS.map((c) => [key, c] as const),
        values,
        placed.cells,
        match.loose,
      ),
    );
  }

  if (!found.size) return { table: null, warnings: [], keys: [] };
  const chosen = chooseByIdentities(found, ambiguous);
  for (const [key, placement] of chosen) {
    found.set(key, placement);
    const at = warnings.findIndex((w) => w.code === 'ambiguous_row' && w.where === `applications.${key}`);
    const printed = ambiguous.get(key)!.values.filter((v) => v.kind === 'number');
    warnings[at] = {
      code: 'placed_by_identity',
      where: `applications.${key}`,
      detail: `${printed.length} of ${N} cells printed (${printed.map((v) => v.raw).join(' ')}); the table's identities allow one placement`,
    };
    cells.push(
      ...placedSources(
        'applications',
        APPLICANT_COLUMNS.map((c) => [key, c] as const),
        ambiguous.get(key)!.values,
        placement,
        false,
      ),
    );
  }
  const { table, notes } = tableOf(found);
  warnings.push(...notes);
  return { table, warnings, keys: [...found.keys()], cells };
}

/** Rows the figures can stand in several ways, each with the placements its own identity accepts. */
type Ambiguous = Map<ApplicationRow, { values: ValueCell[]; candidates: (ValueCell | null)[][] }>;
/** Most combinations of ambiguous rows' placements tried against the table's identities. */
const MAX_COMBINATIONS = 4096;

/**
 * Rows whose figures fit several placements (blanks vanished, no positions): the combination under
 * which every identity of the table holds, when exactly one does. Otherwise none (the rows stay blank).
 */
function chooseByIdentities(
  found: Map<ApplicationRow, (ValueCell | null)[]>,
  ambiguous: Ambiguous,
): Map<ApplicationRow, (ValueCell | null)[]> {
  const rows = [...ambiguous.entries()];
  if (!rows.length || rows.reduce((n, [, a]) => n * a.candidates.length, 1) > MAX_COMBINATIONS) return new Map();
  const holding: (ValueCell | null)[][][] = [];
  const trial = new Map(found);
  const walk = (i: number, picked: (ValueCell | null)[][]) => {
    if (holding.length > 1) return;
    if (i === rows.length) {
      const { table } = tableOf(trial);
      if (evaluateIdentities(APPLICATIONS, table).every((c) => c.ok)) holding.push([...picked]);
      return;
    }
    for (const placement of rows[i]![1].candidates) {
      trial.set(rows[i]![0], placement);
      walk(i + 1, [...picked, placement]);
    }
  };
  walk(0, []);
  return holding.length === 1 ? new Map(rows.map(([key], i) => [key, holding[0]![i]!])) : new Map();
}

/**
 * The table from the rows read: missing rows blank; a subtotal row (（六）其他处理) the sum of its
 * parts when the parts are printed and it is not. Parts no row of theirs printed are left out.
 */
function tableOf(found: Map<ApplicationRow, (ValueCell | null)[]>): { table: ApplicationsTable; notes: Warning[] } {
  const table: ApplicationsTable = {};
  const notes: Warning[] = [];
  const printedParts = SUBTOTALS.filter((s) => s.parts.some((k) => found.has(k)));
  const keys = APPLICATION_ROW_KEYS.filter(
    (k) => !SUBTOTAL_PARTS.has(k) || printedParts.some((s) => s.parts.includes(k)),
  );
  for (const key of keys) {
    const cells = found.get(key);
    if (!cells && !printedParts.some((s) => s.key === key))
      notes.push({ code: 'missing_row', where: `applications.${key}`, detail: 'row not printed; cells left blank' });
    table[key] = toRow(cells);
  }
  for (const { key, parts } of printedParts) {
    const summed = sumRows(parts.map((k) => table[k]!));
    if (found.has(key)) {
      const printed = table[key]!;
      if (APPLICANT_COLUMNS.some((c) => printed[c] !== summed[c]))
        notes.push({
          code: 'subtotal_row',
          where: `applications.${key}`,
          detail: `${APPLICATIONS.rows.find((r) => r.key === key)!.label[0]} subtotal printed differs from the sum of its ${parts.length} rows; kept as printed`,
        });
    } else table[key] = summed;
  }
  return { table, notes };
}

function toRow(cells: (ValueCell | null)[] | undefined): Record<ApplicantColumn, Cell> {
  const row = emptyApplicantRow();
  if (cells) APPLICANT_COLUMNS.forEach((c, i) => (row[c] = cells[i]?.value ?? null));
  return row;
}

function sumRows(rows: Record<ApplicantColumn, Cell>[]): Record<ApplicantColumn, Cell> {
  const out = emptyApplicantRow();
  for (const c of APPLICANT_COLUMNS) {
    const vals = rows.map((r) => r[c]).filter((v): v is number => v !== null);
    out[c] = vals.length ? vals.reduce((a, b) => a + b, 0) : null;
  }
  return out;
}

/** Used to split digits run together: the row's identities (its total is the sum of its applicant cells) hold. */
function rowSumHolds(cells: (ValueCell | null)[]): boolean {
  if (cells.length !== N) return false;
  const row = Object.fromEntries(APPLICANT_COLUMNS.map((c, i) => [c, cells[i]?.value ?? 0]));
  const ofRow = APPLICATIONS.identities.filter((i) => i.each === 'row');
  return evaluateIdentities({ ...APPLICATIONS, identities: ofRow }, { [APPLICATION_ROW_KEYS[0]!]: row }).every(
    (c) => c.ok,
  );
}
