// The record's tables as the union of the forms' tables: every row and column any form prints, in
// form order, with their keys (the record's JSON keys and the dataset's column names), labels and
// types. Reports of any form are stored in these tables; a form's own spec says which part it fills.
import {
  type APPLICANT_COLUMN_SPECS,
  type APPLICATION_ROWS_2019,
  type APPLICATIONS_2019,
  FORM_2019,
  type PROACTIVE_ROWS,
  type REVIEW_COLUMN_SPECS,
  type REVIEW_ROWS,
  type REVIEWS_2019,
} from './form-2019.js';
import { FORM_2021, type OTHER_SUB_ROW_SPECS } from './form-2021.js';
import type { Bi, ColumnSpec, CrossYearSpec, FormSpec, GridSpec, ProactiveSpec, RowSpec } from './spec.js';

/** The forms with tables 二, 三 and 四, oldest first. */
export const TABLE_FORMS: readonly FormSpec[] = [FORM_2019, FORM_2021];

export type ApplicationRow =
  | (typeof APPLICATION_ROWS_2019)[number]['key']
  | (typeof OTHER_SUB_ROW_SPECS)[number]['key'];
export type ApplicantColumn = (typeof APPLICANT_COLUMN_SPECS)[number]['key'];
export type ReviewGroup = (typeof REVIEW_ROWS)[number]['key'];
export type ReviewColumn = (typeof REVIEW_COLUMN_SPECS)[number]['key'];
export type ProactiveRow = (typeof PROACTIVE_ROWS)[number]['key'];
export type TableName = 'proactive' | 'applications' | 'reviews';
/** The rule names of the forms' identities (a record's `checks`). */
export type CheckRule =
  | (typeof APPLICATIONS_2019)['identities'][number]['rule']
  | (typeof REVIEWS_2019)['identities'][number]['rule'];

/**
 * Items of every list, in order, each once: a later list's new items go after the item they follow
 * there (at the end when none does).
 */
function union<T>(lists: readonly (readonly T[])[], key: (t: T) => string): T[] {
  const out: T[] = [];
  for (const list of lists) {
    let at = out.length;
    for (const item of list) {
      const i = out.findIndex((o) => key(o) === key(item));
      if (i >= 0) at = i + 1;
      else out.splice(at++, 0, item);
    }
  }
  return out;
}

const byKey = (x: { key: string }) => x.key;

function unionGrid(grids: GridSpec[]): GridSpec {
  return {
    ...grids[0]!,
    rows: union(
      grids.map((g) => g.rows),
      byKey,
    ),
    columns: union(
      grids.map((g) => g.columns),
      byKey,
    ),
  };
}

/** Tables 三 and 四 with every row and column of every form. */
export const APPLICATIONS: GridSpec<ApplicationRow, ApplicantColumn> = unionGrid(
  TABLE_FORMS.map((f) => f.applications),
) as GridSpec<ApplicationRow, ApplicantColumn>;
export const REVIEWS: GridSpec<ReviewGroup, ReviewColumn> = unionGrid(TABLE_FORMS.map((f) => f.reviews)) as GridSpec<
  ReviewGroup,
  ReviewColumn
>;
/** Table 二 with every row and column of every form (blocks: the latest form's). */
export const PROACTIVE: ProactiveSpec = {
  ...TABLE_FORMS[0]!.proactive,
  rows: union(
    TABLE_FORMS.map((f) => f.proactive.rows),
    byKey,
  ),
  columns: union(
    TABLE_FORMS.map((f) => f.proactive.columns),
    byKey,
  ),
};

export const APPLICANT_COLUMNS = APPLICATIONS.columns.map(byKey) as ApplicantColumn[];
export const APPLICATION_ROW_KEYS = APPLICATIONS.rows.map(byKey) as ApplicationRow[];
export const REVIEW_GROUPS = REVIEWS.rows.map(byKey) as ReviewGroup[];
export const REVIEW_COLUMNS = REVIEWS.columns.map(byKey) as ReviewColumn[];
export const PROACTIVE_ROW_KEYS = PROACTIVE.rows.map(byKey) as ProactiveRow[];
/** Table 二's value columns, each money column followed by the column of its printed text. */
export const PROACTIVE_COLUMN_KEYS = PROACTIVE.columns.flatMap((c) => (c.raw ? [c.key, c.raw.key] : [c.key]));

/** The identities between one agency's reports of consecutive years, with the table they compare. */
export const CROSS_YEAR: readonly { table: TableName; spec: CrossYearSpec }[] = [
  ...(APPLICATIONS.crossYear ?? []).map((spec) => ({ table: 'applications' as const, spec })),
  ...union(
    TABLE_FORMS.map((f) => f.proactive.crossYear ?? []),
    (c) => c.rule,
  ).map((spec) => ({ table: 'proactive' as const, spec })),
];

/** A label without its item number ("二、主动公开政府信息情况" → "主动公开政府信息情况", "(1) Granted" → "Granted"). */
export function unnumbered([zh, en]: Bi): Bi {
  return [
    zh.replace(/^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)/, ''),
    en.replace(/^(?:[IVX]+\.|\(\d+\)|\d+\.)\s*/, ''),
  ];
}

/** A row's full label: its group's label (below the table's top level) and its own ("（三）不予公开 1.属于国家秘密"). */
export function fullLabel(table: GridSpec, row: RowSpec): Bi {
  const group = row.group ? table.groups[row.group] : undefined;
  if (!group?.prefix) return row.label;
  return [`${group.label[0]}${table.groupJoin}${row.label[0]}`, `${group.label[1]}: ${row.label[1]}`];
}

/** Key → label (zh, en) of every row and column of a table, for the CSVs, the codebook and the site. */
export function tableLabels(table: TableName): { rows: Record<string, Bi>; columns: Record<string, Bi> } {
  if (table === 'proactive') {
    return {
      rows: Object.fromEntries(PROACTIVE.rows.map((r) => [r.key, r.label])),
      columns: Object.fromEntries(
        PROACTIVE.columns.flatMap((c) => [[c.key, c.label], ...(c.raw ? [[c.raw.key, c.raw.label]] : [])]),
      ),
    };
  }
  const grid = table === 'applications' ? APPLICATIONS : REVIEWS;
  return {
    rows: Object.fromEntries(grid.rows.map((r) => [r.key, fullLabel(grid, r)])),
    columns: Object.fromEntries(grid.columns.map((c) => [c.key, c.label])),
  };
}

/** The type of each column of a table (money, count, signed count). */
export function columnSpec(table: TableName, key: string): ColumnSpec | undefined {
  const spec = table === 'proactive' ? PROACTIVE : table === 'applications' ? APPLICATIONS : REVIEWS;
  return spec.columns.find((c) => c.key === key);
}

/** Table 三's rows that are parts of a subtotal row (the three of （六）其他处理 in the 2021 form). */
export const SUBTOTAL_PARTS: ReadonlySet<string> = new Set(APPLICATIONS.rows.flatMap((r) => r.parts ?? []));

/** Table 二's layout in a form: row → the columns of its block, in block order. */
export function proactiveLayout(form: FormSpec): Record<string, string[]> {
  return Object.fromEntries(form.proactive.blocks.flatMap((b) => b.rows.map((r) => [r, b.columns.map(byKey)])));
}
