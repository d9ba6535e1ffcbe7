// `assemble(storage)`: THE dataset — the records and failures that `ogi publish`, `ogi refresh` and
// the site publish. Nothing else decides what is published.
//
// Storage filled by a crawl (documents.jsonl exists): the latest version of every document URL ever
// stored (a report that vanished from its portal stays in the dataset), one record per distinct
// document, from the record cache. Two rules on top:
//   - a detail page that links attachments and has no report tables of its own is only a wrapper
//     ("全文见附件"): its attachments are the reports, the page gives neither a record nor a failure;
//     so is an article page whose report is pictures: its picture set (one document, kind 'pictures')
//     is the report, read from the pictures in page order; a picture alone gives nothing;
//   - one record per report: the documents that are the same report (src/workarea/duplicates.ts
//     sameReport: the same bytes, the same URL after redirects, a page and its own attachment) give
//     one record, read from the richest of them, listing every URL it was found at (`source.urls`);
//   - identity is assigned here, and only here: report_id follows the group's first document (fetched
//     first at its URL, then by URL: never the order of documents.jsonl, which a cluster does not fix)
//     at its URL (the id of the first version stored there, so a report corrected on the portal keeps its id
//     and the CHANGELOG names it as changed), `source` names the URL the figures were read from and
//     the time it was fetched, and a document the crawl found to be a copy of another (on another
//     portal) links its record to that one (`duplicate_of`).
// Failures: the supersession rule of src/workarea/failures.ts.
//
// A folder of records only (e.g. `ogi extract --out`): every record file, and failures.jsonl.
import fs from 'node:fs';
import path from 'node:path';
import { reportId } from '../record.js';
import type { ReportRecord } from '../record.js';
import { readDocuments } from './documents.js';
import { richest, sameReport } from './duplicates.js';
import { readFailures, readFailuresSync, supersede } from './failures.js';
import { extractedAlone, isReportOfPage, storagePaths, type DocumentEntry, type Failure } from './layout.js';
import { isCachedRecord, RecordCache, type CachedFailure } from './records.js';

export interface Dataset {
  records: ReportRecord[];
  failures: Failure[];
}

export interface AssembleOptions {
  /** URLs of the crawl failures the latest crawl met; without it, every logged crawl failure stands. */
  crawlFailureUrls?: Set<string>;
  /** URL → when its first version was fetched (readDocuments); without it, the current version's time. */
  firstAt?: Map<string, string>;
}

const TABLES = ['proactive', 'applications', 'reviews'] as const;

/** Code-point order. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The dataset storage/ makes (see the header). */
export async function assemble(storage: string, opts: AssembleOptions = {}): Promise<Dataset> {
  // Records only: as they are (the publisher applies the supersession rule to their failures).
  if (!fs.existsSync(storagePaths(storage).documentIndex)) return loadRecords(storage);
  const { current, firstSha, firstAt } = await readDocuments(storage);
  const cache = new RecordCache(storage, { shareStrings: true }); // every record is held until published
  const records = new Map<string, ReportRecord>();
  const failed = new Map<string, CachedFailure>();
  for (const entry of current) {
    if (records.has(entry.sha256) || failed.has(entry.sha256)) continue;
    const cached = await cache.get(entry.sha256);
    if (cached && isCachedRecord(cached)) records.set(entry.sha256, cached);
    else if (cached) failed.set(entry.sha256, cached);
  }
  return selectForPublish(current, firstSha, records, failed, await readFailures(storage), { firstAt, ...opts });
}

/**
 * The records and failures of the dataset from the documents, the cache and the failure log: one
 * record per distinct current document (wrapper pages left out, identity assigned), extraction
 * failures of current documents, and the logged failures that still stand.
 */
export function selectForPublish(
  current: DocumentEntry[],
  firstSha: Map<string, string>,
  records: Map<string, ReportRecord>,
  failed: Map<string, CachedFailure>,
  logged: Failure[],
  opts: AssembleOptions = {},
): Dataset {
  const firstAt = (e: DocumentEntry) => opts.firstAt?.get(e.url) ?? e.fetched_at;
  const earliest = (a: DocumentEntry, b: DocumentEntry) => cmp(firstAt(a), firstAt(b)) || cmp(a.url, b.url);
  const pagesWithAttachments = new Set(current.filter((e) => isReportOfPage(e) && e.page_url).map((e) => e.page_url!));
  const isWrapper = (e: DocumentEntry) => e.kind === 'page' && pagesWithAttachments.has(e.url);
  const hasTables = (rec: ReportRecord) => TABLES.some((t) => rec[t] !== null && rec[t] !== undefined);
  // The documents that give a record: not a wrapper page without tables of its own.
  const withRecord = current.filter((e) => {
    const rec = extractedAlone(e) ? records.get(e.sha256) : undefined;
    return rec !== undefined && !(isWrapper(e) && !hasTables(rec));
  });
  const out: { record: ReportRecord; entries: DocumentEntry[] }[] = [];
  for (const found of sameReport(withRecord, (e) => records.get(e.sha256)!)) {
    // Identity from the group's first document, content from the richest (ties: the first). First:
    // fetched first at its URL, then by URL — a rule on what was stored, never on the order it was
    // stored in, which workers of a cluster (or concurrent requests) do not fix: with the clock
    // pinned (OGI_CLOCK) the copies of a report (an alias, the same bytes on two portals) go by URL.
    const group = [...found].sort(earliest);
    const first = group[0]!;
    const best = richest(group, (e) => records.get(e.sha256)!);
    const rec = records.get(best.sha256)!;
    const urls = [...new Set(group.flatMap((e) => [e.url, e.final_url, e.page_url]).filter((u): u is string => !!u))];
    out.push({
      entries: group,
      record: {
        ...rec,
        report_id: reportId(firstSha.get(first.url) ?? first.sha256),
        source: {
          ...rec.source,
          page_url: best.page_url,
          document_url: best.url,
          fetched_at: best.fetched_at,
          urls: urls.sort(),
        },
      },
    });
  }
  // A failed document named once, by the same rule: its first copy (fetched first, then by URL).
  const extractFailures: Failure[] = [];
  const taken = new Set(withRecord.map((e) => e.sha256));
  for (const e of [...current].sort(earliest)) {
    const f = failed.get(e.sha256);
    if (!f || taken.has(e.sha256) || isWrapper(e) || !extractedAlone(e)) continue;
    taken.add(e.sha256);
    extractFailures.push({ url: e.url, stage: 'extract', kind: f.kind, message: f.message, at: f.at });
  }
  // The crawl's document links become record links (kept by markDuplicates at publish time).
  const idOf = new Map(out.flatMap(({ entries, record }) => entries.map((e) => [e.sha256, record.report_id] as const)));
  for (const { entries, record } of out) {
    for (const entry of entries) {
      const linked = entry.duplicate_of ? idOf.get(entry.duplicate_of) : undefined;
      if (linked && linked !== record.report_id) {
        record.duplicate_of = linked;
        break;
      }
    }
  }
  const failures = supersede(logged, {
    extractFailures,
    crawlFailureUrls: opts.crawlFailureUrls,
    fetchedAt: new Map(current.map((e) => [e.url, e.fetched_at])),
    recorded: out.flatMap(({ record }) => record.source.urls ?? []),
  });
  return { records: out.map(({ record }) => record), failures };
}

function problem(record: unknown): string | null {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return 'not a JSON object';
  const r = record as Record<string, unknown>;
  if (typeof r.report_id !== 'string' || r.report_id === '') return 'no report_id';
  if (r.source === null || typeof r.source !== 'object') return 'no source';
  for (const key of ['applications', 'proactive', 'reviews'] as const) {
    if (r[key] !== null && r[key] !== undefined && (typeof r[key] !== 'object' || Array.isArray(r[key])))
      return `${key} is not a table`;
  }
  if (r.checks !== undefined && !Array.isArray(r.checks)) return 'checks is not a list';
  return null;
}

/**
 * A folder of records only: every records/*.json and every logged failure, as they are. A record file
 * that is not a record becomes a `publish`-stage failure; the rest is read all the same.
 */
export function loadRecords(storageDir: string): Dataset {
  const paths = storagePaths(storageDir);
  const records: ReportRecord[] = [];
  const failures: Failure[] = readFailuresSync(storageDir);
  const names = fs.existsSync(paths.records)
    ? fs
        .readdirSync(paths.records)
        .filter((n) => n.endsWith('.json'))
        .sort()
    : [];
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
