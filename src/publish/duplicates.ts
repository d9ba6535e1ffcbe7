// The same report is often published twice: as the HTML page and as its PDF/DOC attachment, or copied
// to another portal. Both documents are kept; the later copy is marked `duplicate_of` the first, so
// researchers can count each report once. Same report = same agency, year and scope, and the same
// figures in all three tables (at least one table printed). "First" = fetched first, then report_id.
import { createHash } from 'node:crypto';
import type { ReportRecord } from '../record.js';

/** Sets `duplicate_of` on every record (null for the first copy); returns the same array. */
export function markDuplicates(records: ReportRecord[]): ReportRecord[] {
  const who = (r: ReportRecord) => (r.agency && r.year !== null && (r.proactive || r.applications || r.reviews) ? `${r.agency}|${r.year}|${r.scope}` : null);
  // Only agencies with two or more reports for a year and scope can hold a duplicate: compare their figures.
  const count = new Map<string, number>();
  for (const r of records) {
    const k = who(r);
    if (k) count.set(k, (count.get(k) ?? 0) + 1);
  }
  const order = records
    .filter((r) => (count.get(who(r) ?? '') ?? 0) > 1)
    .sort((a, b) => (a.source?.fetched_at ?? '').localeCompare(b.source?.fetched_at ?? '') || a.report_id.localeCompare(b.report_id));
  const first = new Map<string, string>();
  const duplicateOf = new Map<string, string>();
  for (const r of order) {
    const key = createHash('sha256').update(JSON.stringify([who(r), r.proactive, r.applications, r.reviews])).digest('base64');
    const seen = first.get(key);
    if (seen) duplicateOf.set(r.report_id, seen);
    else first.set(key, r.report_id);
  }
  for (const r of records) r.duplicate_of = duplicateOf.get(r.report_id) ?? null;
  return records;
}
