// `refresh(opts)`: the nightly job. crawl (incremental, conditional requests) → extract what is new or
// changed → publish a new version only when the dataset would differ.
//
// The orchestrator only: the files of storage/ are read and written by src/workarea/ — the record
// cache (extraction once per document hash and extractor version), the dataset (`assemble`: what is
// published, with the identity of each record) and the failures that still stand.
import { readFile } from 'node:fs/promises';
import type { CrawlOptions, CrawlResult } from './crawl/index.js';
import { ExtractError } from './errors.js';
import type { ExtractInput } from './extract/index.js';
import { ExtractionPool, type PoolOptions } from './extract/isolated/pool.js';
import { pendingOcrPages } from './extract/text/ocr.js';
import { EXTRACTOR_VERSION } from './extract/version.js';
import { publish, type PublishResult } from './publish/index.js';
import type { SourcesMode } from './publish/sources.js';
import type { ReportRecord } from './record.js';
import { preferSmallHeap } from './sys/memory.js';
import { stamp } from './sys/clock.js';
import {
  assemble,
  cleanStorageTemps,
  DEFAULT_DATASETS,
  DEFAULT_STORAGE,
  extractedAlone,
  FailureLog,
  pictureFiles,
  readBlob,
  readDocuments,
  RecordCache,
  settleByExtraction,
  storagePaths,
  type CachedFailure,
  type DocumentEntry,
  type Failure,
} from './workarea/index.js';

export type { CachedFailure } from './workarea/index.js';

export interface RefreshOptions extends Omit<CrawlOptions, 'storage'> {
  storage?: string;
  datasets?: string;
  /** Version stamped on new records and compared with cached ones (default: EXTRACTOR_VERSION). */
  extractorVersion?: string;
  /** The extraction worker pool: its size and per-document limits (README: Limits). */
  pool?: PoolOptions;
  /** An in-process extractor instead of the worker pool (tests count calls through it). */
  extract?: (input: ExtractInput) => Promise<ReportRecord>;
  /** Build the dataset site into the version (default true). */
  site?: boolean;
  /** Where the version's archived source documents go (default inline: `<version>/sources/`). */
  sources?: SourcesMode;
  /** Today's date for the version name (tests). */
  today?: string;
  /** Skip the crawl and only extract + publish what storage/ holds. */
  skipCrawl?: boolean;
  /** Called as each stage starts, and with 'done' at the end (bench/refresh.ts measures each stage). */
  onStage?: (stage: RefreshStage) => void;
}

export type RefreshStage = 'crawl' | 'extract' | 'assemble' | 'publish' | 'done';

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

export async function refresh(opts: RefreshOptions = {}): Promise<RefreshResult> {
  preferSmallHeap(); // crawl, then one record at a time: a heap that grows in small steps (src/sys/memory.ts)
  const storage = opts.storage ?? DEFAULT_STORAGE;
  const datasets = opts.datasets ?? DEFAULT_DATASETS;

  const knownUrls = new Set((await readDocuments(storage)).firstSha.keys());
  let crawled: CrawlResult | null = null;
  if (!opts.skipCrawl) {
    const {
      storage: _s,
      datasets: _d,
      extractorVersion: _v,
      extract: _e,
      pool: _p,
      site: _site,
      sources: _sources,
      today: _t,
      skipCrawl: _k,
      onStage: _o,
      ...crawlOpts
    } = opts;
    opts.onStage?.('crawl');
    const { crawl } = await import('./crawl/index.js'); // crawlee: only when there is a crawl (not for --no-crawl, publish)
    crawled = await crawl({ ...crawlOpts, storage });
  }
  const newDocs = crawled?.documents.filter((d) => !knownUrls.has(d.url)).length ?? 0;

  opts.onStage?.('extract');
  const { extraction, failures: runFailures } = await extractStorage(storage, {
    version: opts.extractorVersion,
    extract: opts.extract,
    pool: opts.pool,
  });
  // Ambiguous list items that are files: their outcome is the extraction's (decisions.jsonl).
  await settleByExtraction(storage);
  // A list page's failure stands only while the latest crawl still meets it.
  const crawlFailureUrls = crawled
    ? new Set(crawled.failures.filter((f) => f.stage === 'crawl').map((f) => f.url))
    : undefined;
  opts.onStage?.('assemble');
  const { records: published, failures } = await assemble(storage, { crawlFailureUrls });
  opts.onStage?.('publish');
  const result = await publish({
    records: published,
    failures,
    datasetsDir: datasets,
    today: opts.today,
    site: opts.site,
    storage,
    sources: opts.sources,
  });

  opts.onStage?.('done');
  const s = result.summary;
  const summary: RefreshSummary = {
    pages: crawled?.pages ?? 0,
    documents: {
      new: newDocs,
      changed: (crawled?.documents.length ?? 0) - newDocs,
      unchanged: crawled?.unchanged ?? 0,
    },
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

/**
 * Extracts every current document whose cache is missing or was made by another extractor version,
 * caching the record (<sha256>.json) or the typed failure (<sha256>.failed). Never re-extracts otherwise.
 * Documents go through the worker pool (src/extract/isolated/pool.ts: one process per worker, hard
 * limits per document), so a hostile document fails alone; `extract` (tests) runs in this process.
 */
export async function extractStorage(
  storage: string,
  opts: { version?: string; extract?: (input: ExtractInput) => Promise<ReportRecord>; pool?: PoolOptions } = {},
): Promise<{ extraction: { extracted: number; failed: number; cached: number }; failures: Failure[] }> {
  const version = opts.version ?? EXTRACTOR_VERSION;
  cleanStorageTemps(storage);
  const { current } = await readDocuments(storage);
  const cache = new RecordCache(storage);
  const extraction = { extracted: 0, failed: 0, cached: 0 };
  const todo: DocumentEntry[] = [];
  const seen = new Set<string>();
  for (const entry of current) {
    if (seen.has(entry.sha256) || !extractedAlone(entry)) continue;
    seen.add(entry.sha256);
    const cached = await cache.get(entry.sha256);
    if (cached && cached.extractor_version === version) extraction.cached++;
    else todo.push(entry);
  }

  const pool =
    opts.extract || todo.length === 0
      ? null
      : new ExtractionPool({ ocrCache: storagePaths(storage).ocr, ...opts.pool });
  const failed: (Failure | null)[] = todo.map(() => null);
  try {
    // All queued at once: the pool bounds how many run; each result is cached as it comes.
    await Promise.all(
      todo.map(async (entry, i) => {
        failed[i] = await extractEntry(storage, entry, { version, cache, extract: opts.extract, pool: pool! });
        if (failed[i]) extraction.failed++;
        else extraction.extracted++;
      }),
    );
  } finally {
    await pool?.close();
  }
  const failures = failed.filter((f): f is Failure => f !== null);
  const log = new FailureLog(storage);
  await log.append(...failures);
  return { extraction, failures };
}

/**
 * What the extractor is told of a stored document: its URL names it; the published identity
 * (report_id, source URLs, fetched_at) is assigned by assemble(), the cache's version by the cache.
 */
export async function extractionInput(storage: string, entry: DocumentEntry) {
  return {
    name: entry.filename ?? new URL(entry.final_url || entry.url).pathname,
    contentType: entry.content_type,
    source: { document_url: entry.url },
    hints: entry.hints,
    pictures: await pictureFiles(storage, entry),
  };
}

/**
 * Extracts one stored document (through the worker pool, or `extract` in this process) and caches
 * the record or the typed failure (records/<sha256>.json or .failed): the failure, or null. Shared
 * by `extractStorage` and the cluster's extract jobs (src/cluster/).
 */
export async function extractEntry(
  storage: string,
  entry: DocumentEntry,
  opts: {
    version: string;
    cache: RecordCache;
    pool: ExtractionPool;
    extract?: (input: ExtractInput) => Promise<ReportRecord>;
    /** The cluster: scanned pages not in the OCR cache are left to page jobs (OcrPagesPending is thrown, nothing cached). */
    deferOcr?: boolean;
  },
): Promise<Failure | null> {
  if (!extractedAlone(entry)) return null; // a picture: read as a page of its picture set
  const input = await extractionInput(storage, entry);
  try {
    const record = opts.extract
      ? await opts.extract({
          ...input,
          bytes: await readBlob(storage, entry.sha256),
          pictures: input.pictures && (await Promise.all(input.pictures.map((p) => readFile(p)))),
        })
      : await opts.pool.extract({
          ...input,
          file: storagePaths(storage).documentFile(entry.sha256),
          ocrPages: opts.deferOcr ? 'defer' : undefined,
        });
    await opts.cache.putRecord(entry.sha256, record, opts.version);
    return null;
  } catch (err) {
    if (pendingOcrPages(err)) throw err;
    const kind = err instanceof ExtractError ? err.kind : 'internal_error';
    const message = err instanceof Error ? err.message : String(err);
    const f: CachedFailure = {
      sha256: entry.sha256,
      url: entry.url,
      kind,
      message,
      extractor_version: opts.version,
      at: stamp(),
    };
    await opts.cache.putFailure(f);
    return { url: entry.url, stage: 'extract', kind, message, at: f.at };
  }
}
