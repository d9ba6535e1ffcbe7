// What the extractor saw and decided for one document, for `ogi inspect`: the rows a reader made
// (and what reflow made of them), the sections found, each row's label match (strict or loose,
// which label reading won), how its figures were placed, the identities and the record. Built by
// calling the extractor's own steps, so it shows exactly what extraction does — nothing re-implemented.
import { TABLE_FORMS, proactiveLayout, tableForm } from '../forms/index.js';
import type { Check, ReportRecord, Warning } from '../record.js';
import { labelKey } from '../text/normalise.js';
import { labelledRows } from './tables/assemble.js';
import { APPLICATION_MATCHERS, PROACTIVE_MATCHERS, type RowMatcher } from './tables/labels.js';
import { splitSections, toItem, type SectionName } from './tables/sections.js';
import { extractDocument, readDocument } from './index.js';
import type { TextRow } from './model.js';
import { reflow } from './reflow.js';

export interface InspectedRow {
  /** Index in `rows` (the reflowed rows). */
  index: number;
  section: SectionName | null;
  tabular: boolean;
  page?: number;
  cells: string[];
  /** Each cell's box on its page (x0, y0, x1, y1 in PDF points from the top left), where the reader knows it. */
  boxes: ([number, number, number, number] | null)[];
}

export interface LabelDecision {
  section: SectionName;
  /** Index in `rows` of the row holding the figures. */
  row: number;
  /** The label as read (fragments of wrapped labels joined), labelKey form. */
  label: string;
  /** The form row it was read as, or null (skipped: subtotal, a row the form lacks, a header). */
  key: string | null;
  match: 'strict' | 'loose' | null;
  /** The label reading that won: the row's own label, or with the fragments before/after it. */
  reading: 'own' | 'with fragments';
  printed: string[];
  /** How the figures went to columns (from the warnings about this row; 'count' when none). */
  placement: string;
}

export interface Inspection {
  format: string;
  /** Rows as the format reader made them, and after reflow (tables without table structure). */
  readerRows: number;
  rows: InspectedRow[];
  sections: { name: SectionName; first: number; last: number; rows: number }[];
  decisions: LabelDecision[];
  checks: Check[];
  warnings: Warning[];
  record: ReportRecord;
}

const PLACEMENT_BY_WARNING: Partial<Record<Warning['code'], string>> = {
  column_by_position: 'by x position (some cells blank)',
  placed_by_identity: "by the row's identity (the only placement it allows)",
  ambiguous_row: 'not placed: fewer figures than columns, no positions, several placements possible',
  glued_digits: 'digits run together, split by the identity (or not split)',
  unparsed_value: 'more cells than columns, the first kept',
};

function placementOf(where: string, warnings: Warning[]): string {
  for (const w of warnings) if (w.where === where && PLACEMENT_BY_WARNING[w.code]) return PLACEMENT_BY_WARNING[w.code]!;
  return 'by count or grid column';
}

function decisionsOf<K extends string>(
  section: SectionName,
  rows: TextRow[],
  matchers: RowMatcher<K>[],
  index: Map<TextRow, number>,
  warnings: Warning[],
): LabelDecision[] {
  return [...labelledRows(rows, matchers)].map((l) => {
    const own = toItem(l.item.row).label;
    return {
      section,
      row: index.get(l.item.row) ?? -1,
      label: l.label,
      key: l.match?.key ?? null,
      match: l.match ? (l.match.loose ? 'loose' : 'strict') : null,
      reading: l.label === own ? 'own' : 'with fragments',
      printed: l.values.map((v) => v.raw),
      placement: l.match ? placementOf(`${section}.${l.match.key}`, warnings) : 'skipped',
    };
  });
}

export async function inspectDocument(bytes: Buffer, name: string): Promise<Inspection> {
  const read = await readDocument(bytes, name);
  const record = await extractDocument({ bytes, name });
  const rows = reflow(read.rows);
  const index = new Map(rows.map((r, i) => [r, i]));
  const sections = splitSections(rows);
  const sectionOf = new Map<TextRow, SectionName>();
  for (const [name, list] of Object.entries(sections) as [SectionName, TextRow[]][])
    for (const r of list) sectionOf.set(r, name);

  // Table 二's rows are those of the form the record was read as (tables/proactive.ts does the same).
  const layout = proactiveLayout(tableForm(record.template) ?? TABLE_FORMS.at(-1)!);
  const proactiveMatchers = PROACTIVE_MATCHERS.filter((m) => m.key in layout);
  const decisions = [
    ...decisionsOf('proactive', sections.proactive, proactiveMatchers, index, record.warnings),
    ...decisionsOf('applications', sections.applications, APPLICATION_MATCHERS, index, record.warnings),
    ...sections.reviews
      .map((r) => toItem(r))
      .filter((item) => item.values?.some((v) => v.kind === 'number'))
      .map(
        (item): LabelDecision => ({
          section: 'reviews',
          row: index.get(item.row) ?? -1,
          label: item.label,
          key: null,
          match: null,
          reading: 'own',
          printed: item.values!.map((v) => v.raw),
          placement: placementOf('reviews', record.warnings),
        }),
      ),
  ];

  return {
    format: read.format,
    readerRows: read.rows.length,
    rows: rows.map((r, i) => ({
      index: i,
      section: sectionOf.get(r) ?? null,
      tabular: r.tabular,
      page: r.page,
      cells: r.cells.map((c) => c.text),
      boxes: r.cells.map((c) => c.at?.bbox ?? null),
    })),
    sections: (Object.entries(sections) as [SectionName, TextRow[]][])
      .filter(([, list]) => list.length)
      .map(([name, list]) => ({
        name,
        first: index.get(list[0]!)!,
        last: index.get(list[list.length - 1]!)!,
        rows: list.length,
      })),
    decisions,
    checks: record.checks,
    warnings: record.warnings,
    record,
  };
}

/** The inspection as text for a terminal. */
export function inspectionText(file: string, x: Inspection): string {
  const r = x.record;
  const out: string[] = [
    `${file}: ${x.format}, ${x.readerRows} rows from the reader, ${x.rows.length} after reflow`,
    `record: template ${r.template} · ${r.agency ?? '(no agency)'} · ${r.year ?? '(no year)'} · confidence ${r.confidence}`,
    '',
    '== rows (T = table row, P = prose; section in brackets) ==',
  ];
  for (const row of x.rows) {
    const where = `${String(row.index).padStart(4)} ${row.page ? `p${row.page} ` : ''}${row.tabular ? 'T' : 'P'}`;
    const section = row.section ? `[${row.section}] ` : '';
    out.push(`${where} ${section}${row.cells.join(' | ').slice(0, 200)}`);
  }
  out.push('', '== sections ==');
  for (const s of x.sections) out.push(`${s.name}: rows ${s.first}–${s.last} (${s.rows} rows)`);
  if (!x.sections.length) out.push('(none found)');
  out.push('', '== label matches (row → form row, how the label matched, how the figures were placed) ==');
  for (const d of x.decisions) {
    const key = d.key
      ? `${d.section}.${d.key} (${d.match}${d.reading === 'own' ? '' : ', label joined from fragments'})`
      : `${d.section}: no form row`;
    out.push(`${String(d.row).padStart(4)} '${labelKey(d.label).slice(0, 60)}' → ${key}`);
    out.push(`       printed ${d.printed.map((p) => p || '·').join(' ')} · ${d.placement}`);
  }
  out.push('', '== identities ==');
  for (const c of x.checks) out.push(`${c.ok ? 'ok  ' : 'FAIL'} ${c.rule} ${c.detail}`);
  if (!x.checks.length) out.push('(none could be checked)');
  out.push('', '== warnings ==');
  for (const w of x.warnings) out.push(`${w.code} ${w.where}: ${w.detail}`);
  if (!x.warnings.length) out.push('(none)');
  return out.join('\n');
}
