// Tables 二, 三, 四 and the template, from a document's rows: the form readers' entry point.
import {
  APPLICATIONS,
  FIRST_TABLE_YEAR,
  REVIEWS,
  NARRATIVE,
  STATISTICS_2014,
  SUBTOTAL_PARTS,
  TABLE_FORMS,
  formOfYear,
  type FormSpec,
  type Grid,
  type Template,
} from '../../forms/index.js';
import {
  emptyApplicantRow,
  emptyReviews,
  type ApplicationsTable,
  type CellSource,
  type ProactiveTable,
  type ReviewsTable,
  type Warning,
} from '../../record.js';
import type { DocumentModel } from '../model.js';
import { readApplications } from './applications.js';
import { readProse } from './narrative.js';
import { correctOcrDigits } from './ocr-digits.js';
import { readProactive } from './proactive.js';
import { readReviews } from './reviews.js';
import { readStatisticsTable } from './statistics-table.js';
import { labelKey } from '../../text/normalise.js';
import { splitSections } from './sections.js';
import { cellSource, finishSources, proseLocation } from './provenance.js';

export interface FormRead {
  template: Template;
  proactive: ProactiveTable | null;
  applications: ApplicationsTable | null;
  reviews: ReviewsTable | null;
  /** Tables holding headline totals only, from prose or the pre-2019 统计表 (partial: identities are not checked on them). */
  headlineOnly: { applications: boolean; reviews: boolean };
  warnings: Warning[];
  /** Where each cell the tables hold was read (the record's `cells`). */
  cells: CellSource[];
}

/** Which form's own labels (its spec's signatures) the document prints most rows of; null on a tie (readForms then decides). */
export function formOf(model: DocumentModel): FormSpec | null {
  const counts = TABLE_FORMS.map(() => 0);
  for (const row of model.rows) {
    const t = labelKey(row.cells.map((c) => c.text).join(''));
    TABLE_FORMS.forEach((f, i) => f.signatures.test(t) && counts[i]!++);
  }
  const best = Math.max(...counts);
  const leaders = TABLE_FORMS.filter((_, i) => counts[i] === best);
  return best > 0 && leaders.length === 1 ? leaders[0]! : null;
}

/** The form of a table 三 read without signatures: the only form with every row found, else the form of the year. */
function formOfRows(keys: string[], year: number | null): FormSpec {
  const fits = TABLE_FORMS.filter((f) => keys.every((k) => f.applications.rows.some((r) => r.key === k)));
  return fits.length === 1 ? fits[0]! : formOfYear(year);
}

export function readForms(model: DocumentModel, year: number | null): FormRead {
  // The 2014 统计表's rows ("同意公开答复数", "涉及国家秘密"…) would pass for table 三 rows: set them apart.
  const stats = readStatisticsTable(model.rows);
  const rest = stats ? { ...model, rows: model.rows.filter((r) => !stats.rows.has(r)) } : model;
  const sections = splitSections(rest.rows);
  const applications = readApplications(sections.applications);
  const reviews = readReviews(sections.reviews);
  let form = formOf(rest);
  if (!form && applications.table) form = formOfRows(applications.keys, year);
  const proactive = form ? readProactive(sections.proactive, form) : { table: null, warnings: [], keys: [] };
  const warnings = [...proactive.warnings, ...applications.warnings, ...reviews.warnings];
  const sources: CellSource[] = [
    ...(proactive.cells ?? []),
    ...(applications.table ? (applications.cells ?? []) : []),
    ...(reviews.table ? (reviews.cells ?? []) : []),
  ];

  const hasTables = Boolean(proactive.table || applications.table || reviews.table);
  let appTable = applications.table;
  let revTable = reviews.table;
  const headlineOnly = { applications: false, reviews: false };
  // A 统计表 without a 2019/2021 table 三 gives the headline totals; prose fills only cells it does not cover.
  const table = stats && !applications.table ? stats : null;
  if (table) warnings.push(...table.warnings);
  if (!appTable || !revTable) {
    const proseRows = stats ? rest.rows : model.rows;
    const prose = readProse(
      stats ? rest.rows.map((r) => r.cells.map((c) => c.text).join('\t')).join('\n') : model.text,
    );
    const fromProse = (t: 'applications' | 'reviews', row: string, cells: Partial<Record<string, number>>) => {
      for (const [column, value] of Object.entries(cells)) {
        if (value === undefined) continue;
        const quote = prose.quotes[`${t}.${row}.${column}`];
        if (quote)
          sources.push(
            cellSource(
              t,
              row,
              column,
              { value, printed: quote.phrase, at: proseLocation(proseRows, quote.index) },
              'prose',
            ),
          );
      }
    };
    const coveredApps = new Set<string>(table?.covered.applications ?? []);
    const coveredReviews = new Set<string>(table?.covered.reviews ?? []);
    const proseApps = Object.entries(prose.applications).filter(([k]) => !coveredApps.has(k));
    const proseReviews = Object.entries(prose.reviews).filter(([g]) => !coveredReviews.has(g));
    const rowOf = (where: string) => where.split('.')[1];
    if (!appTable && (proseApps.length || Object.keys(table?.applications ?? {}).length)) {
      const stated = Object.fromEntries(proseApps);
      // Headline rows of the forms: every row but the parts of a subtotal (（六）其他处理's three).
      appTable = Object.fromEntries(
        APPLICATIONS.rows
          .map((r) => r.key)
          .filter((k) => !SUBTOTAL_PARTS.has(k))
          .map((k) => {
            const row = { ...emptyApplicantRow(), ...stated[k] };
            if (table?.applications && k in table.applications) row.total = table.applications[k] ?? null;
            return [k, row];
          }),
      );
      headlineOnly.applications = true;
      for (const [k, v] of proseApps) fromProse('applications', k, v);
      sources.push(...(table?.cells.filter((c) => c.table === 'applications') ?? []));
      warnings.push(
        ...prose.warnings.filter((w) => w.where.startsWith('applications') && !coveredApps.has(rowOf(w.where)!)),
      );
    }
    if (!revTable && (proseReviews.length || table?.review)) {
      revTable = emptyReviews();
      for (const [g, cells] of proseReviews) Object.assign(revTable[g as keyof ReviewsTable], cells);
      if (table?.review) Object.assign(revTable.review, table.review);
      headlineOnly.reviews = true;
      for (const [g, v] of proseReviews) fromProse('reviews', g, v);
      sources.push(...(table?.cells.filter((c) => c.table === 'reviews') ?? []));
      warnings.push(
        ...prose.warnings.filter((w) => w.where.startsWith('reviews') && !coveredReviews.has(rowOf(w.where)!)),
      );
    }
  }

  let template: Template;
  if (table) template = STATISTICS_2014.id;
  else if (year !== null && year < FIRST_TABLE_YEAR && !applications.table) template = STATISTICS_2014.id;
  else if (hasTables) template = (form ?? formOfYear(year)).id as Template;
  else template = headlineOnly.applications || headlineOnly.reviews ? NARRATIVE.id : 'unknown';
  const tables = { proactive: proactive.table, applications: appTable, reviews: revTable };
  const cells = finishSources(sources, tables);
  // Scanned pages: a digit OCR got wrong is corrected where the identities single it out.
  const ocr = model.meta.ocr;
  if (ocr) {
    warnings.push({
      code: 'ocr_text',
      where: 'document',
      detail: `page(s) ${ocr.pages.join(', ')} read by OCR (${ocr.name} ${ocr.version})`,
    });
    if (appTable && !headlineOnly.applications)
      warnings.push(...correctOcrDigits('applications', APPLICATIONS, appTable as Grid, cells, ocr.pages));
    if (revTable && !headlineOnly.reviews)
      warnings.push(...correctOcrDigits('reviews', REVIEWS, revTable as unknown as Grid, cells, ocr.pages));
  }
  return { template, ...tables, headlineOnly, warnings, cells };
}
