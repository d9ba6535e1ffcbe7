// The report forms, as data: one spec per form (form-2019.ts, form-2021.ts, the 2014 统计表 in
// statistics-2014.ts, narrative reports in narrative.ts), the record's tables as their union
// (tables.ts), the headline figures (headlines.ts). A new form or a reworded row is one edit here;
// the readers, checks, dataset columns, codebook and site are derived from these files.
import type { FORM_2019 } from './form-2019.js';
import type { FORM_2021 } from './form-2021.js';
import { NARRATIVE } from './narrative.js';
import type { FormSpec, GridSpec, IdentitySpec, SectionSpec } from './spec.js';
import { STATISTICS_2014 } from './statistics-2014.js';
import { APPLICATIONS, PROACTIVE, REVIEWS, TABLE_FORMS } from './tables.js';

export * from './tables.js';
export type {
  Bi,
  BlockSpec,
  ColumnSpec,
  CrossYearSpec,
  FormSpec,
  GridSpec,
  IdentitySpec,
  RowSpec,
  ValueType,
} from './spec.js';
export { HEADLINES, figureType, figureValue, type Figure, type Headline } from './headlines.js';
export { NARRATIVE, type ProseTarget } from './narrative.js';
export { STATISTICS_2014, type StatisticMeaning } from './statistics-2014.js';

/** Form ids with tables (the record's `template` for their reports). */
export type TableFormId = (typeof FORM_2019)['id'] | (typeof FORM_2021)['id'];
/**
 * The record's `template`: the form a report follows — a table form, the 2014 统计表 (or any
 * report before the 2019 form), narrative prose — or unknown.
 */
export type Template = TableFormId | (typeof STATISTICS_2014)['id'] | (typeof NARRATIVE)['id'] | 'unknown';

/** Every template value, with its name, for the codebook and the site. */
export const TEMPLATES: readonly { id: Template; name: readonly [string, string] }[] = [
  ...TABLE_FORMS.map((f) => ({ id: f.id as Template, name: f.name })),
  { id: STATISTICS_2014.id, name: STATISTICS_2014.name },
  { id: NARRATIVE.id, name: NARRATIVE.name },
  { id: 'unknown', name: ['未知', 'Unknown'] },
];

export function tableForm(id: string | null | undefined): FormSpec | undefined {
  return TABLE_FORMS.find((f) => f.id === id);
}

/** The latest table form in use in a report year (the earliest form for a year before all of them, or none given). */
export function formOfYear(year: number | null): FormSpec {
  return [...TABLE_FORMS].reverse().find((f) => f.since <= (year ?? 0)) ?? TABLE_FORMS[0]!;
}

/** The first report year a table form covers: earlier reports are of the 统计表 era. */
export const FIRST_TABLE_YEAR = Math.min(...TABLE_FORMS.map((f) => f.since));

/** How each table's section opens (every table form shares them), and what ends the last one (五、…). */
export const SECTIONS: { proactive: SectionSpec; applications: SectionSpec; reviews: SectionSpec; end: RegExp } = {
  proactive: PROACTIVE.section,
  applications: APPLICATIONS.section,
  reviews: REVIEWS.section,
  end: /^[五六七]、/,
};

// ---------------------------------------------------------------- identities

export interface IdentityResult {
  rule: string;
  ok: boolean;
  detail: string;
}

/** A record's table 三 or 四 as the identities read it: row → column → value. */
export type Grid = Record<string, Record<string, number | null | undefined> | undefined>;

/** Rows as an identity sums them: a row with parts stands for its parts when the table holds any of them. */
function expandRows(spec: GridSpec, table: Grid, rows: readonly string[]): readonly string[] {
  return rows.flatMap((r) => {
    const parts = spec.rows.find((s) => s.key === r)?.parts;
    return parts?.some((p) => table[p]) ? parts : [r];
  });
}

/** The keys one side of an identity sums: rows (expanded) for a per-column identity, columns for a per-row one. */
function sideKeys(spec: GridSpec, table: Grid, identity: IdentitySpec, which: 'left' | 'right'): readonly string[] {
  const keys = identity[which].keys;
  return identity.each === 'column' ? expandRows(spec, table, keys) : keys;
}

/**
 * A grid table's identities on a record's table: one result per column or row an identity covers
 * (see IdentitySpec). The detail names the column or row first ("natural_person: …").
 */
export function evaluateIdentities(spec: GridSpec, table: Grid): IdentityResult[] {
  const out: IdentityResult[] = [];
  const columnKeys = spec.columns.map((c) => c.key);
  for (const identity of spec.identities) {
    const targets = identity.each === 'column' ? columnKeys : (identity.rows ?? Object.keys(table));
    for (const target of targets) {
      if (identity.each === 'row' && !table[target]) continue;
      const cell = (k: string) => (identity.each === 'column' ? table[k]?.[target] : table[target]?.[k]);
      const left = sideKeys(spec, table, identity, 'left').map((k) => [k, cell(k)] as const);
      const right = sideKeys(spec, table, identity, 'right').map((k) => [k, cell(k)] as const);
      if ([...left, ...right].every(([, v]) => v === null || v === undefined)) continue;
      const ok = total(left) === total(right);
      out.push({
        rule: identity.rule,
        ok,
        detail: `${target}: ${side(identity.left, left)} ${ok ? '=' : '≠'} ${side(identity.right, right)}`,
      });
    }
  }
  return out;
}

type Cells = (readonly [string, number | null | undefined])[];
const total = (cells: Cells) => cells.reduce((s, [, v]) => s + (v ?? 0), 0);

/** One side of an identity in a check's detail: "total 5", "new_received 3 + carried_over 1", "sum of … 5". */
function side(spec: IdentitySpec['left'], cells: Cells): string {
  if (spec.name) return `${spec.name} ${total(cells)}`;
  return cells.map(([k, v]) => `${k} ${v ?? 0}`).join(' + ');
}

/** The cells ("row.column") an identity covers for one column or row of a table. */
export function identityCells(spec: GridSpec, identity: IdentitySpec, table: Grid, target: string): string[] {
  const keys = [...sideKeys(spec, table, identity, 'left'), ...sideKeys(spec, table, identity, 'right')];
  if (identity.each === 'column') return keys.map((k) => `${k}.${target}`);
  return spec.columns.filter((c) => keys.includes(c.key)).map((c) => `${target}.${c.key}`);
}
