// Reads what the extractor left in storage/: records/<sha256>.json and failures.jsonl.
// A record file that is not a record becomes a `publish`-stage failure; the run goes on.
import fs from 'node:fs';
import path from 'node:path';
import type { ReportRecord } from '../record.js';
import { type Failure, storagePaths } from '../storage/layout.js';

export interface Loaded {
  records: ReportRecord[];
  failures: Failure[];
}

function problem(record: unknown): string | null {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return 'not a JSON object';
  const r = record as Record<string, unknown>;
  if (typeof r.report_id !== 'string' || r.report_id === '') return 'no report_id';
  if (r.source === null || typeof r.source !== 'object') return 'no source';
  for (const key of ['applications', 'proactive', 'reviews'] as const) {
    if (r[key] !== null && r[key] !== undefined && (typeof r[key] !== 'object' || Array.isArray(r[key]))) return `${key} is not a table`;
  }
  if (r.checks !== undefined && !Array.isArray(r.checks)) return 'checks is not a list';
  return null;
}

export function loadRecords(storageDir: string): Loaded {
  const paths = storagePaths(storageDir);
  const records: ReportRecord[] = [];
  const failures: Failure[] = [];
  const names = fs.existsSync(paths.records) ? fs.readdirSync(paths.records).filter((n) => n.endsWith('.json')).sort() : [];

  if (fs.existsSync(paths.failures)) {
    for (const line of fs.readFileSync(paths.failures, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      try {
        const f = JSON.parse(line) as Failure;
        if (typeof f.url === 'string' && typeof f.stage === 'string' && typeof f.kind === 'string') failures.push(f);
      } catch {
        // a torn last line of an append-only log: ignored
      }
    }
  }
  for (const name of names) {
    const file = path.join(paths.records, name);
    const bad = (message: string) =>
      failures.push({ url: `storage/records/${name}`, stage: 'publish', kind: 'bad_record', message, at: '' });
    let record: unknown;
    try {
      record = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      bad(`not JSON: ${(err as Error).message}`);
      continue;
    }
    const why = problem(record);
    if (why) bad(why);
    else records.push(record as ReportRecord);
  }
  return { records, failures };
}
