// failures.csv: documents found but not extracted (and pages that could not be crawled), with
// the machine-readable reason (src/failures.ts). Which failures still stand is the supersession rule
// of src/workarea/failures.ts. The time of the failure is left out so that a nightly run that fails
// the same way again does not make a new version.
import type { ReportRecord } from '../record.js';
import { supersede, type Failure } from '../workarea/index.js';
import { csvText } from './csvfile.js';
import { FAILURE_KIND_PATTERN, STAGES } from './enums.js';
import { type Field, field } from './fields.js';
import { writeParquetFile } from './parquet.js';
import { type WrittenFile, writeWhole } from './sink.js';

export const FAILURE_FIELDS: Field[] = [
  field('url', 'string', '链接', 'The page or document that failed.'),
  field('stage', 'string', '环节', 'Where it failed: crawl, download, extract, publish.', { enum: STAGES }),
  field(
    'kind',
    'string',
    '原因类别',
    'Machine-readable reason: http_404, timeout, corrupt_pdf, no_text_layer, not_a_report, bad_record… (CODEBOOK.md lists them all).',
    { pattern: FAILURE_KIND_PATTERN },
  ),
  field('message', 'string', '说明', 'What happened, in words.'),
];

/** The failures that still stand given the records (latest per url + stage, none of a recorded URL); sorted. */
export function publishableFailures(failures: Failure[], records: ReportRecord[]): Failure[] {
  return supersede(failures, { recorded: records.map((r) => r.source?.document_url) });
}

export function writeFailures(dir: string, failures: Failure[]): WrittenFile {
  const rows = [FAILURE_FIELDS.map((f) => f.name), ...failures.map((f) => [f.url, f.stage, f.kind, f.message])];
  return writeWhole(dir, 'failures.csv', csvText(rows, true));
}

/** failures.parquet: the rows of failures.csv. */
export function writeFailuresParquet(dir: string, failures: Failure[]): WrittenFile {
  const columns = FAILURE_FIELDS.map((f) => ({
    name: f.name,
    type: f.type,
    get: (x: Failure) => x[f.name as keyof Failure],
  }));
  return writeParquetFile(dir, 'failures.parquet', columns, [failures]);
}
