// `refresh(opts)`: the nightly job. crawl (incremental, conditional requests) → extract what is new or
// changed → publish a new version only when the dataset would differ.
//
// Extraction is cached per document hash in storage/records/: <sha256>.json holds the record and
// <sha256>.failed the typed error of a document that could not be extracted, both with the extractor
// version. A document is extracted when neither is there or the version differs — never otherwise,
// so a corrupt PDF is tried once per extractor version, not every night.
//
// What is published: the latest version of every document URL ever stored (a report that vanished
// from its portal stays in the dataset), one record per distinct document. Two rules on top:
//   - a detail page that links attachments and has no report tables of its own is only a wrapper
//     ("全文见附件"): its attachments are the reports, the page gives neither a record nor a failure;
//   - report_id follows the document at its URL: the id of the first version stored there. A report
//     corrected on the portal (new bytes, same URL) keeps its id, so the CHANGELOG names it as changed
//     (with the fields) instead of one report removed and another added.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CrawlOptions, CrawlResult } from './crawl/index.js';
import { ExtractError } from './errors.js';
import { extractDocument, reportId, type ExtractInput } from './extract/index.js';
import { EXTRACTOR_VERSION } from './extract/version.js';
import { publish, type PublishResult } from './publish/index.js';
import type { ReportRecord } from './record.js';
import { readJsonLines } from './download/store.js';
import { DEFAULT_DATASETS, DEFAULT_STORAGE, storagePaths, type DocumentEntry, type Failure } from './storage/layout.js';

export interface RefreshOptions extends Omit<CrawlOptions, 'storage'> {
  storage?: string;
  datasets?: string;
  /** Version stamped on new records and compared with cached ones (default: EXTRACTOR_VERSION). */
  extractorVersion?: string;
  /** The extractor (default: extractDocument); tests count calls through it. */
  extract?: (input: ExtractInput) => Promise<ReportRecord>;
  /** Build the dataset site into the version (default true). */
  site?: boolean;
  /** Today's date for the version name (tests). */
  today?: string;
  /** Skip the crawl and only extract + publish what storage/ holds. */
  skipCrawl?: boolean;
}

export interface RefreshSummary {
  pages: number;
  documents: { new: number; changed: number; unchanged: number };
  extraction: { extracted: number; failed: number; cached: number };
  /** Failures met by this run: crawl/download failures of the crawl, and new extraction failures. */
  failures: { crawl: number; extract: number };
  /** Rows of the dataset: reports published, failures listed in failures.csv. */
  reports: number;
  listed_failures: number;
  /** The version written, or null when nothing changed. */
  published: string | null;
  /** The latest version (the one just written, or the unchanged one). */
  latest: string | null;
  dir: string | null;
  message: string;
}

export interface RefreshResult {
  summary: RefreshSummary;
  crawl: CrawlResult | null;
  publish: PublishResult;
  /** The records given to the publisher (sorted by report_id). */
  records: ReportRecord[];
  /** The failures given to the publisher. */
  failures: Failure[];
}

/** What storage/records/<sha256>.failed holds. */
export interface CachedFailure {
  sha256: string;
  url: string;
  kind: string;
  message: string;
  extractor_version: string;
  at: string;
}

const TABLES = ['proactive', 'applications', 'reviews'] as const;

export async function refresh(opts: RefreshOptions = {}): Promise<RefreshResult> {
  const storage = opts.storage ?? DEFAULT_STORAGE;
  const datasets = opts.datasets ?? DEFAULT_DATASETS;
  const paths = storagePaths(storage);

  const knownUrls = new Set((await readJsonLines<DocumentEntry>(paths.documentIndex)).map((e) => e.url));
  let crawled: CrawlResult | null = null;
  if (!opts.skipCrawl) {
    const { storage: _s, datasets: _d, extractorVersion: _v, extract: _e, site: _site, today: _t, skipCrawl: _k, ...crawlOpts } = opts;
    const { crawl } = await import('./crawl/index.js'); // crawlee: only when there is a crawl (not for --no-crawl, publish)
    crawled = await crawl({ ...crawlOpts, storage });
  }
  const newDocs = crawled?.documents.filter((d) => !knownUrls.has(d.url)).length ?? 0;

  const { extraction, failures: runFailures } = await extractStorage(storage, { version: opts.extractorVersion, extract: opts.extract });
  // A list page's failure stands only while the latest crawl still meets it.
  const crawlFailureUrls = crawled ? new Set(crawled.failures.filter((f) => f.stage === 'crawl').map((f) => f.url)) : undefined;
  const { records: published, failures } = await readDataset(storage, { crawlFailureUrls });
  const result = await publish({ records: published, failures, datasetsDir: datasets, today: opts.today, site: opts.site });

  const s = result.summary;
  const summary: RefreshSummary = {
    pages: crawled?.pages ?? 0,
    documents: { new: newDocs, changed: (crawled?.documents.length ?? 0) - newDocs, unchanged: crawled?.unchanged ?? 0 },
    extraction,
    failures: { crawl: crawled?.failures.length ?? 0, extract: runFailures.length },
    reports: s.reports,
    listed_failures: s.failures,
    published: result.changed ? result.version : null,
    latest: result.version,
    dir: result.dir,
    message: s.message,
  };
  return { summary, crawl: crawled, publish: result, records: published, failures };
}

/** Every document URL's latest stored version, and the first version each URL had (its report_id). */
async function currentDocuments(storage: string) {
  const entries = await readJsonLines<DocumentEntry>(storagePaths(storage).documentIndex);
  const latest = new Map<string, DocumentEntry>();
  const firstSha = new Map<string, string>();
  for (const e of entries) {
    latest.set(e.url, e);
    if (!firstSha.has(e.url)) firstSha.set(e.url, e.sha256);
  }
  return { current: [...latest.values()], firstSha };
}

/**
 * Extracts every current document whose cache is missing or was made by another extractor version,
 * caching the record (<sha256>.json) or the typed failure (<sha256>.failed). Never re-extracts otherwise.
 */
export async function extractStorage(
  storage: string,
  opts: { version?: string; extract?: (input: ExtractInput) => Promise<ReportRecord> } = {},
): Promise<{ extraction: { extracted: number; failed: number; cached: number }; failures: Failure[] }> {
  const version = opts.version ?? EXTRACTOR_VERSION;
  const extract = opts.extract ?? extractDocument;
  const paths = storagePaths(storage);
  const { current } = await currentDocuments(storage);
  await fs.mkdir(paths.records, { recursive: true });
  const extraction = { extracted: 0, failed: 0, cached: 0 };
  const seen = new Set<string>();
  const failures: Failure[] = [];
  for (const entry of current) {
    if (seen.has(entry.sha256)) continue;
    seen.add(entry.sha256);
    const cached = await readCache(paths.recordFile(entry.sha256), failedFile(paths.records, entry.sha256));
    if (cached && cached.extractor_version === version) {
      extraction.cached++;
      continue;
    }
    const bytes = await fs.readFile(paths.documentFile(entry.sha256));
    try {
      const record = await extract({
        bytes,
        name: entry.filename ?? new URL(entry.final_url || entry.url).pathname,
        contentType: entry.content_type,
        source: { page_url: entry.page_url, document_url: entry.url, fetched_at: entry.fetched_at },
        hints: entry.hints,
      });
      record.extractor_version = version;
      await writeAtomic(paths.recordFile(entry.sha256), `${JSON.stringify(record, null, 1)}\n`);
      await fs.rm(failedFile(paths.records, entry.sha256), { force: true });
      extraction.extracted++;
    } catch (err) {
      const kind = err instanceof ExtractError ? err.kind : 'internal_error';
      const message = err instanceof Error ? err.message : String(err);
      const f: CachedFailure = { sha256: entry.sha256, url: entry.url, kind, message, extractor_version: version, at: new Date().toISOString() };
      await writeAtomic(failedFile(paths.records, entry.sha256), `${JSON.stringify(f, null, 1)}\n`);
      await fs.rm(paths.recordFile(entry.sha256), { force: true });
      extraction.failed++;
      failures.push({ url: entry.url, stage: 'extract', kind, message, at: f.at });
    }
  }
  for (const f of failures) await fs.appendFile(paths.failures, `${JSON.stringify(f)}\n`);
  return { extraction, failures };
}

/**
 * The dataset the stored documents make, from the extraction cache: what `ogi refresh` and a standalone
 * `ogi publish` both publish. `crawlFailureUrls`: list-page failures the latest crawl still met (others
 * are dropped); without it every logged crawl failure stands.
 */
export async function readDataset(storage: string, opts: { crawlFailureUrls?: Set<string> } = {}): Promise<{ records: ReportRecord[]; failures: Failure[] }> {
  const paths = storagePaths(storage);
  const { current, firstSha } = await currentDocuments(storage);
  const records = new Map<string, ReportRecord>();
  const failed = new Map<string, CachedFailure>();
  for (const entry of current) {
    if (records.has(entry.sha256) || failed.has(entry.sha256)) continue;
    const cached = await readCache(paths.recordFile(entry.sha256), failedFile(paths.records, entry.sha256));
    if (cached && 'report_id' in cached) records.set(entry.sha256, cached);
    else if (cached) failed.set(entry.sha256, cached);
  }
  let logged = await readJsonLines<Failure>(paths.failures);
  const still = opts.crawlFailureUrls;
  if (still) logged = logged.filter((f) => f.stage !== 'crawl' || still.has(f.url));
  return selectForPublish(current, firstSha, records, failed, logged);
}

/**
 * The records and failures of the dataset: one record per distinct current document (wrapper pages
 * left out, report_id by URL lineage), extraction failures of current documents, and crawl/download
 * failures of URLs not fetched successfully since.
 */
export function selectForPublish(
  current: DocumentEntry[],
  firstSha: Map<string, string>,
  records: Map<string, ReportRecord>,
  failed: Map<string, CachedFailure>,
  logged: Failure[],
): { records: ReportRecord[]; failures: Failure[] } {
  const pagesWithAttachments = new Set(current.filter((e) => e.kind === 'attachment' && e.page_url).map((e) => e.page_url!));
  const isWrapper = (e: DocumentEntry) => e.kind === 'page' && pagesWithAttachments.has(e.url);
  const out: ReportRecord[] = [];
  const failures: Failure[] = [];
  const taken = new Set<string>();
  for (const e of current) {
    if (taken.has(e.sha256)) continue;
    const rec = records.get(e.sha256);
    if (rec) {
      if (isWrapper(e) && TABLES.every((t) => rec[t] === null || rec[t] === undefined)) continue;
      taken.add(e.sha256);
      out.push({
        ...rec,
        report_id: reportId(firstSha.get(e.url) ?? e.sha256),
        source: { ...rec.source, page_url: e.page_url, document_url: e.url, fetched_at: e.fetched_at },
      });
      continue;
    }
    const f = failed.get(e.sha256);
    if (f && !isWrapper(e)) {
      taken.add(e.sha256);
      failures.push({ url: e.url, stage: 'extract', kind: f.kind, message: f.message, at: f.at });
    }
  }
  // Crawl and download failures, unless the URL was fetched after the failure; extract failures come from the cache.
  const fetchedAt = new Map(current.map((e) => [e.url, e.fetched_at]));
  for (const f of logged) {
    if (f.stage === 'extract') continue;
    const at = fetchedAt.get(f.url);
    if (at && f.at && at > f.at) continue;
    failures.push(f);
  }
  return { records: out, failures };
}

function failedFile(recordsDir: string, sha256: string): string {
  return path.join(recordsDir, `${sha256}.failed`);
}

async function readCache(recordFile: string, failureFile: string): Promise<ReportRecord | CachedFailure | null> {
  for (const file of [recordFile, failureFile]) {
    try {
      const value = JSON.parse(await fs.readFile(file, 'utf8')) as ReportRecord | CachedFailure;
      if (value && typeof value === 'object' && typeof value.extractor_version === 'string') return value;
    } catch {
      // missing or unreadable: not cached
    }
  }
  return null;
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, text);
  await fs.rename(tmp, file);
}
