// `ogi worker`: takes jobs of the kinds it is given from the run's queues, on any number of machines.
//
//   crawl    one request through the crawl's own handlers (src/crawl/dispatch.ts) with a context
//            whose queue is Redis, whose politeness is the cluster's (./limiter.ts), whose document
//            store is the shared storage folder (a `shared` DocumentStore: O_APPEND single-write lines,
//            other workers' lines followed), whose list counts (./tally.ts) and list budgets
//            (./budget.ts) are in Redis. Each
//            stored document queues its extract job.
//   extract  one document → the record cache (refresh.ts extractEntry, through the worker pool). Its
//            first run defers the scanned pages not in the OCR cache (storage/ocr/): it queues one
//            `ocr` job per page as its children and waits (BullMQ moveToWaitingChildren); when they
//            are done it runs again and reads every page from the cache. A page whose job could not
//            read it (a dead letter, or a typed error such as a page over the pixel limit) is read
//            by that second run as on one machine, and fails the document the same way.
//   ocr      one scanned page of one document rendered and read by OCR into the cache, in the
//            extraction pool (its limits apply to the page), so a 40-page scan spreads over machines.
//
// At-least-once delivery, exactly-once results: BullMQ gives a job back to the queue when its worker
// stops renewing the lock (killed, machine lost); every effect of a job is idempotent — blobs are
// content-addressed, an index line is written only for a URL + hash not there yet, job ids follow
// the URL or the hash, records are written whole by rename — so a job run twice leaves what one run
// leaves. A job that throws on every attempt is a dead letter: it stays in BullMQ's failed set with
// its error (`ogi status`) and becomes a failure in failures.jsonl (failures.csv).
//
// SIGTERM: the worker stops taking jobs, finishes the ones it has, and exits 0.
import { existsSync } from 'node:fs';
import http from 'node:http';
import { WaitingChildrenError, Worker, type Job } from 'bullmq';
import { CrawlBudget } from '../crawl/budget.js';
import { dispatch, stageOf } from '../crawl/dispatch.js';
import type { CrawlContext } from '../crawl/handlers/context.js';
import type { CrawlRequest } from '../crawl/request.js';
import { ExtractError } from '../errors.js';
import { ExtractionPool } from '../extract/isolated/pool.js';
import { ocrCacheFile, ocrEngine, pendingOcrPages } from '../extract/text/ocr.js';
import { ChallengeAwareFetcher } from '../net/challenge.js';
import { HttpClient, politeBrowser } from '../net/fetch.js';
import { USER_AGENT } from '../net/manners.js';
import { extractEntry, extractionInput } from '../refresh.js';
import { stamp } from '../sys/clock.js';
import {
  DecisionLog,
  DocumentStore,
  FailureLog,
  RecordCache,
  storagePaths,
  type DocumentEntry,
  type Failure,
} from '../workarea/index.js';
import { ClusterCounters } from './budget.js';
import { ClusterLimiter, ClusterRobots } from './limiter.js';
import {
  addCrawl,
  closeQueue,
  closeWorker,
  connect,
  extractJobId,
  jobOptions,
  ocrJobId,
  KINDS,
  PREFIX,
  queue,
  readRun,
  workerConnection,
  type Kind,
} from './run.js';
import { clusterStatus, count, hostOf, metricsText } from './status.js';
import { JobTally, takeShortfalls } from './tally.js';

export interface WorkerOptions {
  redis: string;
  storage: string;
  kinds?: Kind[];
  /** Jobs at once per kind (crawl requests in flight; extraction processes). */
  concurrency?: number;
  /** Exit when every queue of the run is empty. */
  drain?: boolean;
  /** Serve the metrics (Prometheus text) on this port, at /metrics. */
  metricsPort?: number;
  browserArgs?: string[];
  log?: (line: string) => void;
}

const isCrawlRequest = (r: unknown): r is CrawlRequest => {
  const x = r as CrawlRequest;
  return (
    !!x &&
    typeof x.url === 'string' &&
    URL.canParse(x.url) &&
    (x.label === 'LIST' || x.label === 'ARTICLE' || x.label === 'DOCUMENT') &&
    typeof x.hints === 'object' &&
    x.hints !== null
  );
};
const isEntry = (e: unknown): e is DocumentEntry => {
  const x = e as DocumentEntry;
  return !!x && typeof x.url === 'string' && typeof x.sha256 === 'string' && /^[0-9a-f]{64}$/.test(x.sha256);
};
/** An extract job's data: the document, and whether its OCR page jobs were queued (then it reads every page itself). */
type ExtractData = DocumentEntry & { ocrQueued?: boolean };
/** An OCR job's data: the document and the page (1-based, as the document's reader numbers its scanned pages). */
type OcrData = DocumentEntry & { page: number };
const isOcrPage = (d: unknown): d is OcrData =>
  isEntry(d) && Number.isInteger((d as OcrData).page) && (d as OcrData).page >= 1;
/**
 * Typed errors that say the page cannot be read (the document's extraction meets them again); others
 * are retried — a crash, or a time or memory limit (the pool's, an engine call's), which a loaded
 * machine can hit.
 */
const settled = (err: unknown) =>
  err instanceof ExtractError &&
  err.kind !== 'extractor_crashed' &&
  err.kind !== 'internal_error' &&
  !(err.kind === 'resource_limit' && /^(memory|cpu_time|wall_time) limit:| took over \d+ ms$/.test(err.message));

export async function runWorker(opts: WorkerOptions): Promise<{ done: number; failed: number }> {
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const kinds = opts.kinds ?? [...KINDS];
  const concurrency = opts.concurrency ?? 4;
  const redis = connect(opts.redis);
  const run = await readRun(redis);
  if (!run) {
    redis.disconnect();
    throw new Error(`no run in Redis at ${opts.redis}: seed one with \`ogi enqueue\` first`);
  }
  const storage = opts.storage;
  const paths = storagePaths(storage);
  const store = await DocumentStore.open(storage, { shared: true });
  const decisions = await DecisionLog.open(storage, { shared: true });
  const failureLog = new FailureLog(storage, { shared: true });
  const cache = new RecordCache(storage);
  const limiter = new ClusterLimiter(redis, run.rate);
  const userAgent = run.userAgent ?? USER_AGENT;
  const client = new HttpClient({
    userAgent,
    rate: run.rate,
    timeoutMs: run.timeoutMs,
    maxBytes: run.maxBytes,
    allowHosts: run.allowHosts,
    allowDomains: run.allowDomains,
    limiter,
    robotsStore: new ClusterRobots(redis),
  });
  const browser = politeBrowser(client, { userAgent, args: opts.browserArgs, timeoutMs: run.timeoutMs });
  const fetcher = new ChallengeAwareFetcher(client, browser);
  const counters = new ClusterCounters(redis);
  const budget = new CrawlBudget(run.budget, counters);
  const crawlQ = queue('crawl', opts.redis);
  const extractQ = queue('extract', opts.redis);
  const ocrQ = queue('ocr', opts.redis);
  let pool: ExtractionPool | null = null;
  const tally = { done: 0, failed: 0 };

  const fail = async (f: Omit<Failure, 'at'>) => {
    await store.fail({ ...f, at: stamp() });
    await count(redis, 'failures', f.kind, hostOf(f.url));
  };
  const queueExtract = async (entry: DocumentEntry) => {
    const cached = await cache.get(entry.sha256);
    if (cached && cached.extractor_version === run.extractorVersion) return;
    await extractQ.add('extract', entry, {
      ...jobOptions(run),
      jobId: extractJobId(entry.sha256, run.extractorVersion),
    });
  };

  const processCrawl = async (job: Job) => {
    const r = job.data as unknown;
    if (!isCrawlRequest(r)) throw new Error(`not a crawl request: ${JSON.stringify(r).slice(0, 200)}`);
    // The run's cap on requests, over all workers: past it a request is not made (as one machine stops).
    if (run.maxRequests !== undefined && !(await counters.takeRequest(run.maxRequests))) return;
    await store.catchUp();
    const jobTally = new JobTally(String(job.id));
    const after: Promise<unknown>[] = [];
    const ctx: CrawlContext = {
      fetcher,
      budget,
      tally: jobTally,
      store,
      enqueue: (requests) => addCrawl(crawlQ, run, requests),
      fail,
      async decide(ds) {
        await decisions.record(ds);
      },
      stored(entry) {
        after.push(queueExtract(entry));
      },
      page() {},
      blocked(host) {
        after.push(limiter.backOff(host, run.backoffMs));
      },
    };
    await dispatch(r, ctx);
    await Promise.all(after);
    await jobTally.flush(redis);
  };

  /** A blob missing here is this machine's storage, not the document: retried, then a dead letter. */
  const mustHaveBlob = (entry: DocumentEntry) => {
    if (!existsSync(paths.documentFile(entry.sha256)))
      throw new Error(`document ${entry.sha256} is not in ${storage} (is the shared storage mounted here?)`);
  };

  const processExtract = async (job: Job, token?: string) => {
    const data = job.data as unknown;
    if (!isEntry(data)) throw new Error(`not a document entry: ${JSON.stringify(data).slice(0, 200)}`);
    const { ocrQueued, ...entry } = data as ExtractData;
    mustHaveBlob(entry);
    const cached = await cache.get(entry.sha256);
    if (cached && cached.extractor_version === run.extractorVersion) return;
    pool ??= new ExtractionPool({ ocrCache: paths.ocr, size: concurrency, limits: run.limits });
    const extract = (deferOcr: boolean) =>
      extractEntry(storage, entry, { version: run.extractorVersion, cache, pool: pool!, deferOcr });
    let failure: Failure | null;
    try {
      failure = await extract(!ocrQueued && token !== undefined);
    } catch (err) {
      const pages = pendingOcrPages(err);
      if (!pages) throw err;
      // The pages as children (ids by hash + page + engine: queued again after a kill, a no-op),
      // then this job waits for them; a child that fails every attempt lets it go on all the same.
      const engine = await ocrEngine();
      await ocrQ.addBulk(
        pages.map((page) => ({
          name: 'ocr',
          data: { ...entry, page } satisfies OcrData,
          opts: {
            ...jobOptions(run),
            jobId: ocrJobId(entry.sha256, page, engine),
            parent: { id: job.id!, queue: job.queueQualifiedName },
            ignoreDependencyOnFailure: true,
          },
        })),
      );
      await job.updateData({ ...entry, ocrQueued: true } satisfies ExtractData);
      if (await job.moveToWaitingChildren(token!)) throw new WaitingChildrenError();
      failure = await extract(false);
    }
    if (failure) await failureLog.append(failure);
  };

  const processOcr = async (job: Job) => {
    const data = job.data as unknown;
    if (!isOcrPage(data)) throw new Error(`not an OCR page job: ${JSON.stringify(data).slice(0, 200)}`);
    mustHaveBlob(data);
    const engine = await ocrEngine();
    const target = ocrCacheFile(paths.ocr, data.sha256, data.page, engine);
    if (existsSync(target)) return { page: data.page, cached: true };
    pool ??= new ExtractionPool({ ocrCache: paths.ocr, size: concurrency, limits: run.limits });
    // The document's reader, reading only this page by OCR (the others only from the cache): what
    // it makes of the document is not kept; the page in the cache is the job's result.
    let error: unknown = null;
    await pool
      .extract({
        ...(await extractionInput(storage, data)),
        file: paths.documentFile(data.sha256),
        ocrPages: data.page,
      })
      .catch((err: unknown) => (error = err));
    if (existsSync(target)) return { page: data.page, read: true };
    if (settled(error)) return { page: data.page, error: (error as ExtractError).kind };
    throw error ?? new Error(`page ${data.page} of ${data.sha256} is not a scanned page its reader reads by OCR`);
  };

  /** A job that failed its last attempt: recorded where a single-machine run records its failures. */
  const deadLetter = async (kind: Kind, job: Job, err: Error) => {
    const message = `dead letter after ${job.attemptsMade} attempts: ${err.message}`;
    const data = job.data as Partial<CrawlRequest & OcrData>;
    if (kind === 'ocr') {
      // The document's extract job goes on without the page (and reads it itself): this says why.
      const url = typeof data?.url === 'string' ? data.url : `job:${job.id}`;
      const what = `${message} (OCR of page ${data?.page ?? '?'})`;
      await failureLog.append({ url, stage: 'extract', kind: 'internal_error', message: what, at: stamp() });
    } else if (kind === 'extract' && isEntry(data)) {
      const at = stamp();
      await cache.putFailure({
        sha256: data.sha256,
        url: data.url,
        kind: 'internal_error',
        message,
        extractor_version: run.extractorVersion,
        at,
      });
      await failureLog.append({ url: data.url, stage: 'extract', kind: 'internal_error', message, at });
    } else {
      const url = typeof data?.url === 'string' ? data.url : `job:${job.id}`;
      const stage = kind === 'extract' ? 'extract' : isCrawlRequest(data) ? stageOf(data.label) : 'crawl';
      await failureLog.append({ url, stage, kind: 'error', message, at: stamp() });
    }
    log(`ogi worker: ${kind} job ${job.id} is a dead letter: ${err.message}`);
  };

  const writing = new Set<Promise<void>>();
  const owners = new Map<Worker, object>();
  const workers = kinds.map((kind) => {
    const owner = {};
    const processor = { crawl: processCrawl, extract: processExtract, ocr: processOcr }[kind];
    const w = new Worker(kind, processor, {
      connection: workerConnection(opts.redis, owner),
      prefix: PREFIX,
      concurrency,
      lockDuration: run.lockMs,
      stalledInterval: run.lockMs,
      maxStalledCount: 10,
    });
    w.on('completed', (job) => {
      tally.done++;
      void count(redis, 'done', kind, hostOf(job.data?.url));
    });
    w.on('failed', (job, err) => {
      if (!job) return;
      tally.failed++;
      void count(redis, 'failed', kind, hostOf(job.data?.url));
      if (job.attemptsMade >= (job.opts.attempts ?? 1)) {
        const p = deadLetter(kind, job, err).finally(() => writing.delete(p));
        writing.add(p);
      }
    });
    w.on('error', (err) => log(`ogi worker: ${kind}: ${err.message}`));
    owners.set(w, owner);
    return w;
  });

  const server =
    opts.metricsPort === undefined
      ? null
      : http
          .createServer((req, res) => {
            if (req.url !== '/metrics') {
              res.writeHead(404).end();
              return;
            }
            clusterStatus(opts.redis, redis).then(
              (s) => res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(metricsText(s)),
              (err: Error) => res.writeHead(500).end(err.message),
            );
          })
          .listen(opts.metricsPort);

  let stopping = false;
  const stop = () => {
    stopping = true;
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  const idle = async (kind: Kind) => {
    const q = { crawl: crawlQ, extract: extractQ, ocr: ocrQ }[kind];
    const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
    return Object.values(c).every((n) => n === 0);
  };
  let idleRounds = 0;
  try {
    while (!stopping) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const crawlIdle = await idle('crawl');
      if (crawlIdle && !(run.maxRequests !== undefined && (await counters.capped(run.maxRequests)))) {
        // Lists that announced more than was found: once per run, by whichever worker sees it first
        // (not when the run was cut short by its cap on requests, on purpose).
        for (const s of (await takeShortfalls(redis)) ?? [])
          await fail({ url: s.url, stage: 'crawl', kind: 'count_mismatch', message: s.message });
      }
      idleRounds = crawlIdle && (await idle('extract')) && (await idle('ocr')) ? idleRounds + 1 : 0;
      if (opts.drain && idleRounds >= 2) break;
    }
  } finally {
    // Finish (or hand back) the jobs in hand, then let go of everything.
    await Promise.all(workers.map((w) => closeWorker(w, owners.get(w)!)));
    await Promise.all(writing);
    await (pool as ExtractionPool | null)?.close();
    await browser.close();
    await closeQueue(crawlQ);
    await closeQueue(extractQ);
    await closeQueue(ocrQ);
    server?.close();
    redis.disconnect();
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
  }
  return tally;
}
