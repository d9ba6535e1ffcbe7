// How the three tables of a report are laid out on the page, like the official forms
// (docs/report-forms.md §3–5), derived from the form specs (src/forms/). Plain data, written to
// data/layout.js for the report page.
import { REVIEWS, TABLE_FORMS, type Bi, type FormSpec, type GridSpec } from '../../forms/index.js';

/** A label cell: text in both languages, with its spans. */
export interface LabelCell {
  t: Bi;
  rs?: number;
  cs?: number;
  cls?: string;
}
/** A data cell: the path of the value in the record (e.g. `applications.granted.total`). */
export interface DataCell {
  k: string;
  cs?: number;
  raw?: string;
}
export type LayoutCell = LabelCell | DataCell;
export interface TableLayout {
  head: LabelCell[][];
  body: LayoutCell[][];
}

/** Table 三's rows a form shows: a subtotal row whose parts the form prints gives way to them. */
export function applicationRowsFor(form: FormSpec): string[] {
  const keys = new Set(form.applications.rows.map((r) => r.key));
  return form.applications.rows.filter((r) => !r.parts?.length || !r.parts.every((p) => keys.has(p))).map((r) => r.key);
}

/** The header rows of a grid's columns: grouped columns under their group's label, the others spanning both rows. */
function columnHeads(grid: GridSpec): [LabelCell[], LabelCell[]] {
  const groups = Object.values(grid.columnGroups ?? {});
  const top: LabelCell[] = [];
  const below: LabelCell[] = [];
  for (const c of grid.columns) {
    const group = groups.find((g) => g.columns.includes(c.key));
    if (!group) top.push({ t: c.label, rs: 2 });
    else {
      if (group.columns[0] === c.key) top.push({ t: group.label, cs: group.columns.length });
      below.push({ t: c.label });
    }
  }
  return [top, below];
}

export function applicationsLayout(form: FormSpec): TableLayout {
  const grid = form.applications;
  const shown = new Set(applicationRowsFor(form));
  const rows = grid.rows.filter((r) => shown.has(r.key));
  /** Rows under a group, directly or in a group inside it. */
  const under = (g: string) =>
    rows.filter((r) => r.group === g || (r.group !== undefined && grid.groups[r.group]?.parent === g)).length;
  const seen = new Set<string>();
  const body: LayoutCell[][] = rows.map((row) => {
    const cells: LayoutCell[] = [];
    const group = row.group ? grid.groups[row.group] : undefined;
    const top = group?.parent ?? row.group;
    if (top && !seen.has(top)) {
      seen.add(top);
      cells.push({ t: grid.groups[top]!.label, rs: under(top), cls: 'label group' });
    }
    if (group?.parent && !seen.has(row.group!)) {
      seen.add(row.group!);
      cells.push({ t: group.label, rs: under(row.group!), cls: 'label group' });
    }
    cells.push({ t: row.label, cs: 3 - (top ? 1 : 0) - (group?.parent ? 1 : 0), cls: 'label' });
    for (const c of grid.columns) cells.push({ k: `applications.${row.key}.${c.key}` });
    return cells;
  });
  const [top, below] = columnHeads(grid);
  const head: LabelCell[][] = [
    [
      ...(grid.corner ? [{ t: grid.corner, rs: 3, cs: 3, cls: 'corner' }] : []),
      { t: grid.columnsTitle ?? grid.title, cs: grid.columns.length },
    ],
    top,
    below,
  ];
  return { head, body };
}

export function proactiveLayout(form: FormSpec): TableLayout {
  const spec = form.proactive;
  const body: LayoutCell[][] = [];
  for (const block of spec.blocks) {
    body.push([{ t: block.banner, cs: 4, cls: 'banner' }]);
    const spanLast = (i: number, n: number) => (i === n - 1 && n < 3 ? { cs: 4 - n } : {});
    body.push([
      { t: spec.labelHeader, cls: 'label head' },
      ...block.columns.map((c, i) => ({ t: c.header, cls: 'head', ...spanLast(i, block.columns.length) })),
    ]);
    for (const key of block.rows) {
      const row = spec.rows.find((r) => r.key === key)!;
      body.push([
        { t: row.label, cls: 'label' },
        ...block.columns.map((c, i) => {
          const raw = spec.columns.find((s) => s.key === c.key)?.raw;
          return {
            k: `proactive.${key}.${c.key}`,
            ...spanLast(i, block.columns.length),
            ...(raw ? { raw: `proactive.${key}.${raw.key}` } : {}),
          };
        }),
      ]);
    }
  }
  return { head: [], body };
}

/** Table 四: its rows side by side in one line (each row's columns under the row's label, grouped rows under their group's). */
export function reviewsLayout(): TableLayout {
  const n = REVIEWS.columns.length;
  const first: LabelCell[] = [];
  const second: LabelCell[] = [];
  const third: LabelCell[] = [];
  const seen = new Set<string>();
  for (const row of REVIEWS.rows) {
    if (!row.group) {
      first.push({ t: row.label, cs: n });
      second.push(...REVIEWS.columns.map((c) => ({ t: c.label, rs: 2 })));
      continue;
    }
    if (!seen.has(row.group)) {
      seen.add(row.group);
      first.push({
        t: REVIEWS.groups[row.group]!.label,
        cs: n * REVIEWS.rows.filter((r) => r.group === row.group).length,
      });
    }
    second.push({ t: row.label, cs: n });
    third.push(...REVIEWS.columns.map((c) => ({ t: c.label })));
  }
  const body: LayoutCell[][] = [
    REVIEWS.rows.flatMap((r) => REVIEWS.columns.map((c) => ({ k: `reviews.${r.key}.${c.key}` }))),
  ];
  return { head: [first, second, third], body };
}

/** Everything the report page needs to draw tables, keyed by form. */
export function siteLayouts() {
  return {
    /**
     * The table forms, oldest first, with the keys the page tells them apart by: `shown`, table 三's
     * rows the form's grid shows; `keys`, every table 三 row and table 二 column the form has.
     */
    forms: TABLE_FORMS.map((f) => ({
      id: f.id,
      shown: applicationRowsFor(f),
      keys: [...f.applications.rows.map((r) => r.key), ...f.proactive.columns.map((c) => c.key)],
    })),
    proactive: Object.fromEntries(TABLE_FORMS.map((f) => [f.id, proactiveLayout(f)])),
    applications: Object.fromEntries(TABLE_FORMS.map((f) => [f.id, applicationsLayout(f)])),
    reviews: reviewsLayout(),
  };
}
