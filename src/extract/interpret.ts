// The interpreting half of extraction: a DocumentModel (read.ts) → a checked record. Stages: reflow
// the rows → reject what is not a report → metadata (with the division index) → tables → checks.
// It reads no bytes: in `ogi extract` and `ogi refresh` it runs in the parent process, on the model
// a worker read (isolated/pool.ts), while only the reading runs isolated.
import type { DocumentHints, ReportRecord, Source, SourcePicture, Warning } from '../record.js';
import { confidenceOf, reportId } from '../record.js';
import { ExtractError } from '../errors.js';
import { computeChecks } from './checks.js';
import { divisionIndexSoon } from './divisions.js';
import { readForms } from './tables/index.js';
import { readMetadata } from './metadata.js';
import type { DocumentRead } from './read.js';
import { reflowModel } from './reflow.js';
import { rejectIfNotReport } from './report-kind.js';
import { EXTRACTOR_VERSION } from './version.js';

/** What the record takes from outside the document. */
export interface InterpretInput {
  /** Where the document came from (URLs, fetch time); sha256/bytes/format come from the read. */
  source?: Partial<Pick<Source, 'page_url' | 'document_url' | 'fetched_at'>>;
  /** What the crawler's list page said, used only where the document is silent. */
  hints?: DocumentHints;
}

export function interpret(read: DocumentRead, input: InterpretInput = {}): ReportRecord {
  const model = reflowModel(read.model);
  rejectIfNotReport(model);
  const meta = readMetadata(model, input.hints);
  const forms = readForms(model, meta.year);
  if (!forms.proactive && !forms.applications && !forms.reviews && !meta.year)
    throw new ExtractError('no_report_content', 'no report tables, figures or year found in the document');
  const checks = computeChecks(
    forms.headlineOnly.applications ? null : forms.applications,
    forms.headlineOnly.reviews ? null : forms.reviews,
  );
  const warnings = [...meta.warnings, ...forms.warnings, ...missingPages(model.meta.pictures)];
  return {
    report_id: reportId(read.sha256),
    title: meta.title,
    agency: meta.agency,
    year: meta.year,
    scope: meta.scope,
    published_date: meta.published_date,
    region: meta.region,
    admin_level: meta.admin_level,
    template: forms.template,
    source: {
      page_url: input.source?.page_url ?? null,
      document_url: input.source?.document_url ?? null,
      format: model.format,
      sha256: read.sha256,
      fetched_at: input.source?.fetched_at ?? null,
      bytes: read.bytes,
      ...(model.meta.ocr ? { ocr: model.meta.ocr } : {}),
      ...(model.meta.pictures ? { pictures: model.meta.pictures } : {}),
    },
    proactive: forms.proactive,
    applications: forms.applications,
    reviews: forms.reviews,
    checks,
    warnings,
    confidence: confidenceOf(warnings, checks),
    cells: forms.cells,
    extractor_version: EXTRACTOR_VERSION,
  };
}

/**
 * Builds the division index (~25 ms from the build's townships' index) while the pool's worker starts
 * and reads, so that the first interpret() does not pay for it. Never fails: an index that cannot
 * be built fails the interpret() that needs it.
 */
export async function warmUp(): Promise<void> {
  await divisionIndexSoon().catch(() => undefined);
}

/** A report read from pictures, some of which did not come or could not be read: one warning naming those pages. */
function missingPages(pictures: SourcePicture[] | undefined): Warning[] {
  const missing = (pictures ?? []).filter((p) => p.missing !== undefined);
  if (!missing.length) return [];
  return [
    {
      code: 'missing_pages',
      where: `pages ${missing.map((p) => p.page).join(', ')} of ${pictures!.length}`,
      detail: missing.map((p) => `page ${p.page} (${p.missing}): ${p.url}`).join('; '),
    },
  ];
}
