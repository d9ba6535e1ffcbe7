// One report document in (bytes), one checked record out. Stages: detect the format from the bytes
// → read it into rows (text/<format>.ts) → reject what is not a report → metadata → tables → checks.
import { createHash } from 'node:crypto';
import { ExtractError, MAX_DOCUMENT_BYTES } from '../errors.js';
import { confidenceOf, reportId, type DocumentHints, type Format, type ReportRecord, type Source } from '../record.js';
import { computeChecks } from './checks.js';
import { detectFormat } from './detect.js';
import { readForms } from './forms/index.js';
import { readMetadata } from './metadata.js';
import { reflowModel } from './reflow.js';
import type { DocumentModel } from './model.js';
import { rejectIfNotReport } from './report-kind.js';
import { readTxt } from './text/txt.js';
import { EXTRACTOR_VERSION } from './version.js';

export interface ExtractInput {
  bytes: Buffer;
  /** File name or URL path: only a tie-breaker for format detection. */
  name?: string;
  /** Content-Type the server sent (charset for HTML/text). */
  contentType?: string | null;
  /** Where the document came from (URLs, fetch time); sha256/bytes/format are computed here. */
  source?: Partial<Pick<Source, 'page_url' | 'document_url' | 'fetched_at'>>;
  /** What the crawler's list page said, used only where the document is silent. */
  hints?: DocumentHints;
}

export async function readDocument(bytes: Buffer, name?: string, contentType?: string | null): Promise<DocumentModel> {
  if (bytes.length > MAX_DOCUMENT_BYTES)
    throw new ExtractError(
      'too_large',
      `${bytes.length} bytes is over the ${MAX_DOCUMENT_BYTES}-byte cap for a report`,
    );
  const format: Format = detectFormat(bytes, name);
  switch (format) {
    // cheerio, pdf.js, mammoth and word-extractor are loaded on first use, by the format that needs
    // them (pdf.js alone is ~150 MB resident; cheerio with its parsers ~150 ms of a CLI run).
    case 'html':
      return (await import('./text/html.js')).readHtml(bytes, contentType);
    case 'pdf':
      return (await import('./text/pdf.js')).readPdf(bytes);
    case 'docx':
      return (await import('./text/docx.js')).readDocx(bytes);
    case 'doc':
      return (await import('./text/doc.js')).readDoc(bytes);
    case 'txt':
      return readTxt(bytes, contentType);
  }
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function extractDocument(input: ExtractInput): Promise<ReportRecord> {
  const model = reflowModel(await readDocument(input.bytes, input.name, input.contentType));
  rejectIfNotReport(model);
  const meta = readMetadata(model, input.hints);
  const forms = readForms(model, meta.year);
  if (!forms.proactive && !forms.applications && !forms.reviews && !meta.year)
    throw new ExtractError('no_report_content', 'no report tables, figures or year found in the document');
  const hash = sha256(input.bytes);
  const checks = computeChecks(
    forms.headlineOnly.applications ? null : forms.applications,
    forms.headlineOnly.reviews ? null : forms.reviews,
  );
  const warnings = [...meta.warnings, ...forms.warnings];
  return {
    report_id: reportId(hash),
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
      sha256: hash,
      fetched_at: input.source?.fetched_at ?? null,
      bytes: input.bytes.length,
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
