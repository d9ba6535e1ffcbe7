// The same report is often published twice: as the HTML page and as its PDF/DOC attachment, or copied
// to another portal. Both documents are kept; the later copy is marked `duplicate_of` the first, so
// researchers can count each report once. Same report = same agency, year and scope, and the same
// figures in all three tables (at least one table printed). "First" = fetched first, then report_id.
import { createHash } from 'node:crypto';
import type { ReportRecord } from '../record.js';

const text = (v: unknown) => String(v);
const cmpText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Same agency, year and scope ⇔ 0. */
const cmpWho = (a: ReportRecord, b: ReportRecord) =>
  cmpText(text(a.agency), text(b.agency)) || cmpText(text(a.year), text(b.year)) || cmpText(text(a.scope), text(b.scope));
const cmpFetched = (a: ReportRecord, b: ReportRecord) =>
  (a.source?.fetched_at ?? '').localeCompare(b.source?.fetched_at ?? '') || a.report_id.localeCompare(b.report_id);

/** Sets `duplicate_of` on every record (null for the first copy); returns the same array. Report ids must be unique. */
export function markDuplicates(records: ReportRecord[]): ReportRecord[] {
  const who = (r: ReportRecord) => (r.agency && r.year !== null && (r.proactive || r.applications || r.reviews) ? `${r.agency}|${r.year}|${r.scope}` : null);
  for (const r of records) r.duplicate_of = null;
  // Sorted by agency, year and scope, then fetched first: only a group of two or more can hold a
  // duplicate, compared within the group (no map of 100,000 keys: ~25 MB of heap).
  const order = records.filter((r) => who(r) !== null).sort((a, b) => cmpWho(a, b) || cmpFetched(a, b));
  for (let start = 0, end = 1; start < order.length; start = end, end = start + 1) {
    while (end < order.length && cmpWho(order[start]!, order[end]!) === 0) end++;
    if (end - start < 2) continue;
    const first = new Map<string, string>();
    for (const r of order.slice(start, end)) {
      const key = createHash('sha256').update(JSON.stringify([who(r), r.proactive, r.applications, r.reviews])).digest('base64');
      const seen = first.get(key);
      if (seen) r.duplicate_of = seen;
      else first.set(key, r.report_id);
    }
  }
  return records;
}
