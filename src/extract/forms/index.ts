// Tables 二, 三, 四 and the template, from a document's rows: the form readers' entry point.
import {
  APPLICATION_ROW_KEYS,
  OTHER_SUB_ROWS,
  emptyApplicantRow,
  emptyReviews,
  type ApplicationsTable,
  type ProactiveTable,
  type ReviewsTable,
  type Template,
  type Warning,
} from '../../record.js';
import type { DocumentModel } from '../model.js';
import { readApplications } from './applications.js';
import { readProse } from './narrative.js';
import { PROACTIVE_2019_LABELS, PROACTIVE_2021_LABELS, readProactive } from './proactive.js';
import { readReviews } from './reviews.js';
import { norm } from './cells.js';
import { splitSections } from './sections.js';

export interface FormRead {
  template: Template;
  proactive: ProactiveTable | null;
  applications: ApplicationsTable | null;
  reviews: ReviewsTable | null;
  /** Tables filled from prose figures (partial: identities are not checked on them). */
  fromProse: { applications: boolean; reviews: boolean };
  warnings: Warning[];
}

/** Which form's labels the document prints (2021 beats 2019 on its own labels); null on a tie (readForms then decides). */
export function formOf(model: DocumentModel): '2019' | '2021' | null {
  let s2019 = 0;
  let s2021 = 0;
  for (const row of model.rows) {
    const t = norm(row.cells.map((c) => c.text).join(''));
    if (PROACTIVE_2021_LABELS.test(t) || /逾期不补正|逾期未按收费通知/.test(t)) s2021++;
    if (PROACTIVE_2019_LABELS.test(t)) s2019++;
  }
  if (s2021 > s2019) return '2021';
  if (s2019 > s2021) return '2019';
  return null;
}

export function readForms(model: DocumentModel, year: number | null): FormRead {
  const sections = splitSections(model.rows);
  const applications = readApplications(sections.applications);
  const reviews = readReviews(sections.reviews);
  let form = formOf(model);
  if (!form && applications.table) form = applications.keys.some((k) => OTHER_SUB_ROWS.includes(k as never)) || (year ?? 0) >= 2021 ? '2021' : '2019';
  const proactive = form ? readProactive(sections.proactive, form) : { table: null, warnings: [], keys: [] };
  const warnings = [...proactive.warnings, ...applications.warnings, ...reviews.warnings];

  const hasTables = Boolean(proactive.table || applications.table || reviews.table);
  let appTable = applications.table;
  let revTable = reviews.table;
  const fromProse = { applications: false, reviews: false };
  if (!appTable || !revTable) {
    const prose = readProse(model.text);
    if (!appTable && Object.keys(prose.applications).length) {
      appTable = Object.fromEntries(
        APPLICATION_ROW_KEYS.filter((k) => !OTHER_SUB_ROWS.includes(k)).map((k) => {
          const row = emptyApplicantRow();
          row.total = prose.applications[k] ?? null;
          return [k, row];
        }),
      );
      fromProse.applications = true;
      warnings.push(...prose.warnings.filter((w) => w.where.startsWith('applications')));
    }
    if (!revTable && Object.keys(prose.reviews).length) {
      revTable = emptyReviews();
      for (const [g, v] of Object.entries(prose.reviews)) revTable[g as keyof ReviewsTable].total = v;
      fromProse.reviews = true;
      warnings.push(...prose.warnings.filter((w) => w.where.startsWith('reviews')));
    }
  }

  let template: Template;
  if (year !== null && year < 2019 && !applications.table) template = 'pre2019';
  else if (hasTables) template = form ?? ((year ?? 0) >= 2021 ? '2021' : '2019');
  else template = fromProse.applications || fromProse.reviews ? 'narrative' : 'unknown';
  return { template, proactive: proactive.table, applications: appTable, reviews: revTable, fromProse, warnings };
}
