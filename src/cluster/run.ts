// The cluster's shared state in Redis (src/cluster/): the two BullMQ queues, the run's settings, job ids.
//
//   queue `crawl`    one job per list page (LIST), report page (ARTICLE) or file (DOCUMENT): the
//                    crawl's handlers (src/crawl/handlers/) run on one request and queue what it leads to
//   queue `extract`  one job per stored document version (content hash): the record or the typed
//                    failure goes to the record cache, as `ogi refresh` would. A document with scanned
//                    pages not yet read queues one `ocr` job per page as its children and waits for
//                    them (BullMQ's parent/child dependencies), then is read with every page cached
//   queue `ocr`      one job per scanned page (content hash + page + OCR engine): the page rendered and
//                    read by OCR into storage/ocr/, the cache the extraction takes pages from
//   ogi:run          the settings `ogi enqueue` gave (rate, hosts, retries…): every worker crawls alike
//   ogi:slot:<host>, ogi:backoff:<host>, ogi:robots:<origin>   politeness (./limiter.ts)
//   ogi:tally:*      what each list announced and showed (./tally.ts)
//   ogi:budget:*     list pages per list and host, items each list showed (./budget.ts)
//   ogi:stats:*      jobs done and failed per kind and per host (./status.ts)
//
// Job ids are derived from the request (URL, method, body) or the document hash, so queueing the same
// request again is a no-op while the run's jobs are kept (they are, until `ogi enqueue --fresh`).
import { createHash } from 'node:crypto';
import { Queue, type ConnectionOptions } from 'bullmq';
import { uniqueKey, type CrawlRequest } from '../crawl/request.js';
import { Redis } from 'ioredis';
import type { Kind } from './kinds.js';
import type { BudgetLimits } from '../crawl/budget.js';
import type { ExtractionLimits } from '../extract/isolated/pool.js';

export const PREFIX = 'ogi';
export { KINDS, type Kind } from './kinds.js';

export interface RunSettings {
  rate: number;
  allowHosts: string[];
  allowDomains: string[];
  userAgent?: string;
  timeoutMs?: number;
  maxBytes?: number;
  /** Attempts of a job before it is a dead letter (BullMQ's failed set + failures.jsonl). */
  attempts: number;
  /** First retry delay of a failed job (doubles). */
  retryDelayMs: number;
  /** How long a host that answered 403 or kept answering 429 is left alone by every worker. */
  backoffMs: number;
  /** A job whose worker stops renewing its lock for this long (killed) goes back to the queue. */
  lockMs: number;
  /** Limits of each extraction (a document; an OCR page job's page) in the workers' pools (default DEFAULT_LIMITS). */
  limits?: Partial<ExtractionLimits>;
  /** Crawl requests the whole run may make (`--max-requests`), counted over all workers (./budget.ts). */
  maxRequests?: number;
  /** List budgets (src/crawl/budget.ts; default DEFAULT_BUDGET), counted over all workers (./budget.ts). */
  budget?: Partial<BudgetLimits>;
  /** Extractor version the run's extract jobs are for (their ids carry it). */
  extractorVersion: string;
  started_at: string;
}

/** A Redis client (ioredis) for one purpose (BullMQ takes one per queue or worker; a worker's must never give up a blocked call). */
export function connect(url: string): Redis {
  if (!/^rediss?:\/\//.test(url)) throw new Error(`--redis takes a redis:// URL, not ${url}`);
  const client = new Redis(url, { maxRetriesPerRequest: null });
  // A lost connection is retried by ioredis and its commands wait for it; what cannot be done fails
  // the command that needed it, so the client's own error events need no second report.
  client.on('error', () => {});
  return client;
}

/**
 * A queue of the run on its own client. BullMQ leaves a client it was given open: `closeQueue`
 * closes both.
 */
export function queue(kind: Kind, url: string): Queue {
  const client = connect(url);
  const q = new Queue(kind, { connection: client, prefix: PREFIX });
  clients.set(q, client);
  return q;
}

const clients = new WeakMap<object, Redis>();

export async function closeQueue(q: Queue): Promise<void> {
  await q.close();
  clients.get(q)?.disconnect();
}

/** A BullMQ Worker's connection options on its own client (closed with `closeWorker`). */
export function workerConnection(url: string, owner: object): ConnectionOptions {
  const client = connect(url);
  clients.set(owner, client);
  return client;
}

export async function closeWorker(w: { close(): Promise<void> }, owner: object): Promise<void> {
  await w.close();
  clients.get(owner)?.disconnect();
}

const digest = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

/**
 * A crawl request's job id: its identity in the queue (URL, or POST + body), whatever its label —
 * as in a single-machine crawl, a URL met as a page and as a file is fetched once, and never by two
 * workers at the same time.
 */
export const crawlJobId = (r: CrawlRequest) => `req-${digest(uniqueKey(r))}`;
/** A document's extract job id: its content hash and the extractor version. */
export const extractJobId = (sha256: string, version: string) => `extract-${sha256}-${version.replace(/\W/g, '_')}`;
/** A scanned page's OCR job id: the document's content hash, the page, the engine and its version. */
export const ocrJobId = (sha256: string, page: number, engine: { name: string; version: string }) =>
  `ocr-${sha256}-${page}-${`${engine.name}-${engine.version}`.replace(/\W/g, '_')}`;

export async function readRun(redis: Redis): Promise<RunSettings | null> {
  const text = await redis.call('GET', 'ogi:run');
  return typeof text === 'string' ? (JSON.parse(text) as RunSettings) : null;
}

export function jobOptions(run: Pick<RunSettings, 'attempts' | 'retryDelayMs'>) {
  return {
    attempts: run.attempts,
    backoff: { type: 'exponential', delay: run.retryDelayMs },
    removeOnComplete: false,
    removeOnFail: false,
  };
}

/** Queues crawl requests (a request queued before, in this run, is a no-op). */
export async function addCrawl(q: Queue, run: RunSettings, requests: CrawlRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i += 500)
    await q.addBulk(
      requests.slice(i, i + 500).map((r) => ({
        name: r.label,
        data: r,
        opts: { ...jobOptions(run), jobId: crawlJobId(r) },
      })),
    );
}

/** Redis keys of this project besides the queues' (scanned by pattern). */
export async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = (await redis.call('SCAN', cursor, 'MATCH', pattern, 'COUNT', '1000')) as [string, string[]];
    if (keys.length) await redis.call('DEL', ...keys);
    cursor = next;
  } while (cursor !== '0');
}
