// `ogi worker`: takes jobs of the kinds it is given from the run's queues, on any number of machines.
//
//   crawl    one request through the crawl's own handlers (src/crawl/dispatch.ts) with a context
//            whose queue is Redis, whose politeness is the cluster's (./limiter.ts), whose document
//            store is the shared storage folder (a `shared` DocumentStore: O_APPEND single-write lines,
//            other workers' lines followed), and whose list counts are in Redis (./tally.ts). Each
//            stored document queues its extract job.
//   extract  one document → the record cache (refresh.ts extractEntry, through the worker pool).
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
import { Worker, type Job } from 'bullmq';
import { CrawlBudget } from '../crawl/budget.js';
import { dispatch, stageOf } from '../crawl/dispatch.js';
import type { CrawlContext } from '../crawl/handlers/context.js';
import type { CrawlRequest } from '../crawl/request.js';
import { ExtractionPool } from '../extract/isolated/pool.js';
import { ChallengeAwareFetcher } from '../net/challenge.js';
import { HttpClient, politeBrowser } from '../net/fetch.js';
import { USER_AGENT } from '../net/manners.js';
import { extractEntry } from '../refresh.js';
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
import { ClusterLimiter, ClusterRobots } from './limiter.js';
import {
  addCrawl,
  closeQueue,
  closeWorker,
  connect,
  extractJobId,
  jobOptions,
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
  const budget = new CrawlBudget();
  const crawlQ = queue('crawl', opts.redis);
  const extractQ = queue('extract', opts.redis);
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

  const processExtract = async (job: Job) => {
    const entry = job.data as unknown;
    if (!isEntry(entry)) throw new Error(`not a document entry: ${JSON.stringify(entry).slice(0, 200)}`);
    // A blob missing here is this machine's storage, not the document: retried, then a dead letter.
    if (!existsSync(paths.documentFile(entry.sha256)))
      throw new Error(`document ${entry.sha256} is not in ${storage} (is the shared storage mounted here?)`);
    const cached = await cache.get(entry.sha256);
    if (cached && cached.extractor_version === run.extractorVersion) return;
    pool ??= new ExtractionPool({ ocrCache: paths.ocr, size: concurrency });
    const failure = await extractEntry(storage, entry, { version: run.extractorVersion, cache, pool });
    if (failure) await failureLog.append(failure);
  };

  /** A job that failed its last attempt: recorded where a single-machine run records its failures. */
  const deadLetter = async (kind: Kind, job: Job, err: Error) => {
    const message = `dead letter after ${job.attemptsMade} attempts: ${err.message}`;
    const data = job.data as Partial<CrawlRequest & DocumentEntry>;
    if (kind === 'extract' && isEntry(data)) {
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
    const w = new Worker(kind, kind === 'crawl' ? processCrawl : processExtract, {
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
    const q = kind === 'crawl' ? crawlQ : extractQ;
    const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
    return Object.values(c).every((n) => n === 0);
  };
  let idleRounds = 0;
  try {
    while (!stopping) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const crawlIdle = await idle('crawl');
      if (crawlIdle) {
        // Lists that announced more than was found: once per run, by whichever worker sees it first.
        for (const s of (await takeShortfalls(redis)) ?? [])
          await fail({ url: s.url, stage: 'crawl', kind: 'count_mismatch', message: s.message });
      }
      idleRounds = crawlIdle && (await idle('extract')) ? idleRounds + 1 : 0;
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
    server?.close();
    redis.disconnect();
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
  }
  return tally;
}
