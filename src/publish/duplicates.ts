// The same report is often published twice: as the HTML page and as its PDF/DOC attachment, or copied
// to another portal. Both documents are kept; the later copy is marked `duplicate_of` the first, so
// researchers can count each report once. Same report = same agency, year and scope, and the same
// figures in all three tables (at least one table printed). "First" = fetched first, then report_id.
import type { ReportRecord } from '../record.js';

export function markDuplicates(records: ReportRecord[]): ReportRecord[] {
  const first = new Map<string, ReportRecord>();
  const order = [...records].sort(
    (a, b) => (a.source?.fetched_at ?? '').localeCompare(b.source?.fetched_at ?? '') || a.report_id.localeCompare(b.report_id),
  );
  const duplicateOf = new Map<string, string>();
  for (const r of order) {
    if (!r.agency || r.year === null || !(r.proactive || r.applications || r.reviews)) continue;
    const key = JSON.stringify([r.agency, r.year, r.scope, r.proactive, r.applications, r.reviews]);
    const seen = first.get(key);
    if (seen) duplicateOf.set(r.report_id, seen.report_id);
    else first.set(key, r);
  }
  return records.map((r) => ({ ...r, duplicate_of: duplicateOf.get(r.report_id) ?? null }));
}
