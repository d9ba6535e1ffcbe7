// CHANGELOG.md: what changed since the previous version — reports added, removed, and changed
// (naming the fields, down to the table cell: `applications.granted.total`). The previous
// version's reports.jsonl is read as a stream and merged with the new records (both sorted by
// report_id), so 100,000 reports are compared without holding two versions in memory.
import fs from 'node:fs';
import readline from 'node:readline';
import type { ReportRecord } from '../record.js';
import { canonicalRecord } from './jsonl.js';

export interface ChangedReport {
  report_id: string;
  label: string;
  fields: string[];
}

export interface Changes {
  previous: string | null;
  before: number;
  after: number;
  added: { report_id: string; label: string }[];
  removed: { report_id: string; label: string }[];
  changed: ChangedReport[];
  /** Why the previous version could not be compared (its reports.jsonl unreadable or unsorted). */
  error?: string;
}

/** Object-valued keys whose inner keys are named in the changelog (tables go two levels deep). */
const DEPTH: Record<string, number> = { region: 1, source: 1, applications: 2, proactive: 2, reviews: 2 };
const MAX_FIELDS = 20;

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function paths(a: unknown, b: unknown, prefix: string, depth: number, out: string[]): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  if (depth === 0 || !isObj(a) || !isObj(b)) {
    out.push(prefix);
    return;
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const k of keys) paths(a[k], b[k], `${prefix}.${k}`, depth - 1, out);
}

/** Names of the fields that differ between two canonical records, in record key order. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const out: string[] = [];
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  for (const k of keys) paths(before[k], after[k], k, DEPTH[k] ?? 0, out);
  return out;
}

const oneLine = (s: unknown) =>
  String(s ?? '')
    .replace(/\s+/g, ' ')
    .trim();
export const label = (r: { year?: unknown; agency?: unknown; title?: unknown }) =>
  [r.year ?? '?', oneLine(r.agency) || '?', oneLine(r.title)].filter((s) => s !== '').join(' · ');

async function* previousRecords(file: string): AsyncGenerator<Record<string, unknown>> {
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    try {
      const rec = JSON.parse(line) as unknown;
      if (isObj(rec) && typeof rec.report_id === 'string') yield rec;
    } catch {
      // a damaged line of an old version: that report counts as removed/added, nothing else breaks
    }
  }
}

/** Like diffVersions, but a previous version that cannot be read is said, not fatal. */
export async function diffOrExplain(
  previous: { version: string; jsonl: string } | null,
  records: ReportRecord[],
): Promise<Changes> {
  try {
    return await diffVersions(previous, records);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      previous: previous?.version ?? null,
      before: 0,
      after: records.length,
      added: [],
      removed: [],
      changed: [],
      error: message,
    };
  }
}

/** Records must be sorted by report_id (as reports.jsonl is). */
export async function diffVersions(
  previous: { version: string; jsonl: string } | null,
  records: ReportRecord[],
): Promise<Changes> {
  const changes: Changes = {
    previous: previous?.version ?? null,
    before: 0,
    after: records.length,
    added: [],
    removed: [],
    changed: [],
  };
  if (!previous) return changes;
  let i = 0;
  let last: string | null = null;
  const current = () => records[i];
  for await (const prev of previousRecords(previous.jsonl)) {
    const id = prev.report_id as string;
    if (id === last) continue; // a duplicated line
    if (last !== null && id < last)
      throw new Error(`its reports.jsonl is not sorted by report_id (${id} after ${last})`);
    last = id;
    changes.before++;
    while (current() && current()!.report_id < id) {
      changes.added.push({ report_id: current()!.report_id, label: label(current()!) });
      i++;
    }
    const cur = current();
    if (cur && cur.report_id === id) {
      const fields = changedFields(prev, canonicalRecord(cur) as unknown as Record<string, unknown>);
      if (fields.length > 0) changes.changed.push({ report_id: id, label: label(cur), fields });
      i++;
    } else {
      changes.removed.push({ report_id: id, label: label(prev) });
    }
  }
  for (; i < records.length; i++) changes.added.push({ report_id: records[i]!.report_id, label: label(records[i]!) });
  return changes;
}

const fieldList = (fields: string[]) =>
  fields.length <= MAX_FIELDS
    ? fields.map((f) => `\`${f}\``).join(', ')
    : `${fields
        .slice(0, MAX_FIELDS)
        .map((f) => `\`${f}\``)
        .join(', ')} and ${fields.length - MAX_FIELDS} more`;

export function changelogText(version: string, c: Changes): string {
  const out = [`# Changelog · 更新说明: ${version}`, ''];
  if (c.previous === null) {
    out.push(`First version: ${c.after} reports. 首个版本。`, '');
    return out.join('\n');
  }
  if (c.error !== undefined) {
    out.push(`${c.after} reports. Could not compare with the previous version ${c.previous}: ${c.error}`, '');
    return out.join('\n');
  }
  const unchanged = c.after - c.added.length - c.changed.length;
  out.push(
    `Compared with the previous version ${c.previous}: ${c.before} → ${c.after} reports; ` +
      `${c.added.length} added, ${c.removed.length} removed, ${c.changed.length} changed, ${unchanged} unchanged.`,
    '',
  );
  const section = (title: string, items: string[]) => {
    out.push(`## ${title} (${items.length})`, '');
    if (items.length > 0) out.push(...items, '');
  };
  section(
    'Added · 新增',
    c.added.map((a) => `- \`${a.report_id}\` ${a.label}`),
  );
  section(
    'Removed · 删除',
    c.removed.map((a) => `- \`${a.report_id}\` ${a.label}`),
  );
  section(
    'Changed · 更改',
    c.changed.map((a) => `- \`${a.report_id}\` ${a.label}: ${fieldList(a.fields)}`),
  );
  return out.join('\n');
}
