// failures.csv: documents found but not extracted (and pages that could not be crawled), with
// the machine-readable reason. One line per url + stage, the latest failure winning; a failure
// whose document has since produced a record is dropped. The time of the failure is left out so
// that a nightly run that fails the same way again does not make a new version.
import type { ReportRecord } from '../record.js';
import type { Failure } from '../storage/layout.js';
import { csvText } from './csvfile.js';
import { type Field, field } from './fields.js';
import { type WrittenFile, writeWhole } from './sink.js';

export const FAILURE_FIELDS: Field[] = [
  field('url', 'string', '链接', 'The page or document that failed.'),
  field('stage', 'string', '环节', 'Where it failed: crawl, download, extract, publish.'),
  field('kind', 'string', '原因类别', 'Machine-readable reason: http_404, timeout, corrupt_pdf, no_text_layer, not_a_report, bad_record…'),
  field('message', 'string', '说明', 'What happened, in words.'),
];

/** Latest failure per url + stage, minus those for documents that now have a record; sorted. */
export function publishableFailures(failures: Failure[], records: ReportRecord[]): Failure[] {
  const extracted = new Set<string>();
  for (const r of records) {
    if (r.source?.document_url) extracted.add(r.source.document_url);
  }
  const latest = new Map<string, Failure>();
  for (const f of failures) latest.set(`${f.url}\u0000${f.stage}`, f);
  return [...latest.values()]
    .filter((f) => !extracted.has(f.url))
    .sort((a, b) => cmp(a.url, b.url) || cmp(a.stage, b.stage));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function writeFailures(dir: string, failures: Failure[]): WrittenFile {
  const rows = [FAILURE_FIELDS.map((f) => f.name), ...failures.map((f) => [f.url, f.stage, f.kind, f.message])];
  return writeWhole(dir, 'failures.csv', csvText(rows));
}
