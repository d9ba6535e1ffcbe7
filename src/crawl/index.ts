// `crawl(opts)`: province crawlers (crawlers/index.ts) or `--url` list pages → report documents in storage/.
//
// Crawlee's BasicCrawler drives the run: concurrency, the request queue and the periodic status hook.
// Requests go through our own network layer (src/net/: raw bytes, size cap, conditional requests,
// cookie jar, manners, the 412 challenge policy) rather than CheerioCrawler's got-scraping, which
// decodes bodies and hides redirect hops and 304s. Each request is handled by the handler of its label
// (src/crawl/dispatch.ts, src/crawl/handlers/); pages are parsed with cheerio (src/crawl/page.ts).
//
// The queue is a NAMED crawlee store persisted under storage/crawl (crawlee purges only its default
// stores). A run that ends (finished or stopped by --max-requests) marks its state done and the next
// crawl starts a fresh queue; a run killed with SIGKILL leaves its state 'running' and the next crawl
// with the same start requests resumes that queue. Storing is idempotent, so a request repeated after
// the kill adds nothing twice. Only crawlee's public API is used (no patched internals).
//
// The province crawlers come in as data (`crawlers`, from crawlers/index.ts at the command): crawl
// never imports crawlers/.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
// The crawlee 3.x packages themselves (what `crawlee` re-exports): importing `crawlee` would also load
// its browser, jsdom and linkedom crawlers, ~100 MB of RSS before the first request.
import { BasicCrawler } from '@crawlee/basic';
import { Configuration, Request, RequestQueueV1, log } from '@crawlee/core';
import type { ProvinceCrawler } from './define.js';
import {
  cleanStorageTemps,
  DecisionLog,
  DocumentStore,
  lockStorage,
  storagePaths,
  writeAtomic,
  type Decision,
  type DocumentEntry,
  type Failure,
} from '../workarea/index.js';
import { ChallengeAwareFetcher } from '../net/challenge.js';
import { HttpClient, politeBrowser, type HttpClientOptions } from '../net/fetch.js';
import { explicitAllowance, USER_AGENT, type RetryPolicy } from '../net/manners.js';
import { dispatch, stageOf } from './dispatch.js';
import { startRequests } from './start.js';
import { CrawlBudget, type BudgetLimits } from './budget.js';
import type { CrawlContext } from './handlers/context.js';
import { preferSmallHeap } from '../sys/memory.js';
import { stamp } from '../sys/clock.js';
import { Progress } from './progress.js';
import { ListTally } from './tally.js';
import { uniqueKey, type CrawlRequest } from './request.js';

export { StorageBusy } from '../workarea/index.js';
export { selectProvinces, startRequests, UnknownProvince } from './start.js';

export interface CrawlOptions {
  /** Province crawler ids, names, GB/T 2260 codes, or 'all'. */
  provinces?: string[];
  /** List pages crawled with the adapter detected from the page. */
  urls?: string[];
  storage: string;
  /** Requests per second per host (default 1; Infinity = no limit). */
  rate?: number;
  /** Stop after this many requests (list pages, detail pages and documents). */
  maxRequests?: number;
  /**
   * Hosts allowed besides *.gov.cn, the hosts of the crawlers' own entry points and those of the
   * `urls` (each with the hosts of its registrable domain: src/net/manners.ts explicitAllowance).
   */
  allowHosts?: string[];
  userAgent?: string;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /** Size cap per download (default 50 MB). */
  maxBytes?: number;
  retry?: Partial<RetryPolicy>;
  /** Parallel requests over all hosts (default 8); the per-host rate still applies. */
  concurrency?: number;
  /** Progress line to stderr every few seconds (default true); a function receives the lines instead. */
  progress?: boolean | ((line: string) => void);
  progressIntervalSecs?: number;
  /** Extra Chromium flags (tests: `--host-resolver-rules=…`). */
  browserArgs?: string[];
  /** List budgets of the run (default DEFAULT_BUDGET in src/crawl/budget.ts). */
  budget?: Partial<BudgetLimits>;
  /** Province crawlers to choose from (crawlers/index.ts at the commands); required when `provinces` are named. */
  crawlers?: ProvinceCrawler[];
  /** Return this run's decisions (every list item's, and the outcomes of ambiguous ones) in the result. */
  explain?: boolean;
}

export interface CrawlResult {
  /** List and detail pages fetched (304s included). */
  pages: number;
  /** Documents new or changed in this run. */
  documents: DocumentEntry[];
  downloaded: number;
  /** Documents fetched again and found unchanged (304, or the same bytes). */
  unchanged: number;
  failures: Failure[];
  blockedHosts: string[];
  /** Requests and connections of rendered pages that the browser's fence refused, per host. */
  browserBlocked: Record<string, number>;
  /** List items decided by their titles in this run, per decision (decisions.jsonl says which and why). */
  decided: Record<Decision['decision'], number>;
  /** With `explain`: every decision of this run, in the order made (also the ones decisions.jsonl already had). */
  decisions?: Decision[];
}

interface RunState {
  queue: string;
  status: 'running' | 'done';
  started_at: string;
}

export async function crawl(opts: CrawlOptions): Promise<CrawlResult> {
  preferSmallHeap(); // thousands of pages parsed and dropped: keep their garbage from piling up
  const starts = await startRequests(opts);
  const paths = storagePaths(opts.storage);
  await fs.mkdir(paths.crawl, { recursive: true });

  const crawlerHosts = starts.filter((s) => s.platform).map((s) => new URL(s.url).host);
  const named = explicitAllowance(opts.urls ?? []);
  const userAgent = opts.userAgent ?? USER_AGENT;
  const httpOptions: HttpClientOptions = {
    userAgent,
    rate: opts.rate ?? 1,
    retry: opts.retry,
    timeoutMs: opts.timeoutMs,
    maxBytes: opts.maxBytes,
    allowHosts: [...(opts.allowHosts ?? []), ...crawlerHosts, ...named.hosts],
    allowDomains: named.domains,
  };
  const http = new HttpClient(httpOptions);
  const browser = politeBrowser(http, { userAgent, args: opts.browserArgs, timeoutMs: opts.timeoutMs });

  const progress = new Progress();
  const documents: DocumentEntry[] = [];
  const failures: Failure[] = [];
  const blockedHosts = new Set<string>();
  let unchanged = 0;

  // One queue per set of start requests, resumed when the last run with them was killed.
  const key = createHash('sha256')
    .update(JSON.stringify(starts.map(uniqueKey).sort()))
    .digest('hex')
    .slice(0, 16);
  const stateFile = path.join(paths.crawl, `run-${key}.json`);
  const queueName = `ogi-${key}`;
  const config = new Configuration({
    storageClientOptions: { localDataDirectory: paths.crawl, persistStorage: true, writeMetadata: true },
    persistStorage: true,
    purgeOnStart: false,
    // Concurrency is fixed (min = max) and politeness is per host, so crawlee's load sampling (which
    // spawns `ps` every second) has nothing to decide: sample rarely.
    systemInfoIntervalMillis: 60_000,
  });
  log.setLevel(log.LEVELS.ERROR); // crawlee's own INFO/WARN lines; our progress line says what matters
  const releaseLock = await lockStorage(opts.storage);
  cleanStorageTemps(opts.storage); // what a crashed run left
  const store = await DocumentStore.open(opts.storage); // the writer (repairs a torn tail) holds the lock
  const decisionLog = await DecisionLog.open(opts.storage);
  const decided: CrawlResult['decided'] = { kept: 0, skipped: 0, ambiguous: 0 };
  const decisions: Decision[] | undefined = opts.explain ? [] : undefined;
  const state = await readState(stateFile);
  const queueDir = path.join(paths.crawl, 'request_queues', queueName);
  if (state?.status === 'running') await repairQueueDir(queueDir);
  else await fs.rm(queueDir, { recursive: true, force: true });
  await writeState(stateFile, { queue: queueName, status: 'running', started_at: new Date().toISOString() });
  const queue = await RequestQueueV1.open(queueName, { config });

  const toRequest = (r: CrawlRequest) =>
    new Request({ url: r.url, uniqueKey: uniqueKey(r), userData: r as unknown as Record<string, unknown> });
  // In slices: a list of thousands of items never holds thousands of crawlee Request objects at once.
  const enqueue = async (requests: CrawlRequest[]) => {
    for (let i = 0; i < requests.length; i += 500) await queue.addRequests(requests.slice(i, i + 500).map(toRequest));
  };

  const fail = async (f: Omit<Failure, 'at'>) => {
    const failure: Failure = { ...f, at: stamp() };
    failures.push(failure);
    progress.failed++;
    await store.fail(failure);
  };
  const tally = new ListTally();
  const context: CrawlContext = {
    fetcher: new ChallengeAwareFetcher(http, browser),
    budget: new CrawlBudget(opts.budget),
    tally,
    store,
    enqueue,
    fail,
    async decide(ds) {
      const made = await decisionLog.record(ds);
      for (const d of made) if (d.by === 'title') decided[d.decision]++;
      decisions?.push(...made);
    },
    stored(entry, added) {
      if (added) {
        documents.push(entry);
        progress.docs++;
      } else unchanged++;
    },
    page() {
      progress.pages++;
    },
    blocked(host) {
      blockedHosts.add(host);
    },
  };

  const emit =
    typeof opts.progress === 'function'
      ? opts.progress
      : opts.progress === false
        ? null
        : (l: string) => process.stderr.write(`${l}\n`);
  const concurrency = opts.concurrency ?? 8;
  let started = 0;
  const crawler = new BasicCrawler(
    {
      requestQueue: queue,
      maxRequestsPerCrawl: opts.maxRequests,
      maxRequestRetries: 0, // retries with backoff happen in HttpClient, which knows Retry-After
      requestHandlerTimeoutSecs: 900,
      useSessionPool: false,
      minConcurrency: concurrency,
      maxConcurrency: concurrency,
      statusMessageLoggingInterval: opts.progressIntervalSecs ?? 5,
      statusMessageCallback: async () => {
        emit?.(progress.line(await queue.handledCount(), queue.getTotalCount()));
      },
      async requestHandler({ request }) {
        // crawlee checks maxRequestsPerCrawl against *finished* requests, so parallel ones overshoot it.
        if (opts.maxRequests !== undefined && ++started > opts.maxRequests) return;
        await dispatch(request.userData as unknown as CrawlRequest, context);
      },
      async failedRequestHandler({ request }, error) {
        // Only reached when the handler itself broke (dispatch() records every expected failure).
        const r = request.userData as unknown as CrawlRequest;
        await fail({ url: r.url, stage: stageOf(r.label), kind: 'error', message: error.message });
      },
    },
    config,
  );

  try {
    await crawler.run(starts.map(toRequest));
    // Lists that announced more than was found (a run stopped by --max-requests is cut short on purpose).
    if (await queue.isFinished())
      for (const s of tally.shortfalls())
        await fail({ url: s.url, stage: 'crawl', kind: 'count_mismatch', message: s.message });
    emit?.(progress.line(await queue.handledCount(), queue.getTotalCount()));
    await writeState(stateFile, {
      queue: queueName,
      status: 'done',
      started_at: state?.started_at ?? new Date().toISOString(),
    });
    await queue.drop().catch(() => undefined);
  } finally {
    await browser.close();
    await releaseLock();
  }

  return {
    pages: progress.pages,
    documents,
    downloaded: documents.length,
    unchanged,
    failures,
    blockedHosts: [...blockedHosts].sort(),
    browserBlocked: browser.blockedRequests(),
    decided,
    ...(decisions ? { decisions } : {}),
  };
}

async function readState(file: string): Promise<RunState | null> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as RunState;
  } catch {
    return null;
  }
}

async function writeState(file: string, state: RunState): Promise<void> {
  await writeAtomic(file, JSON.stringify(state));
}

/** After a kill: drop stale lock directories and a torn metadata file so crawlee can reopen the queue. */
async function repairQueueDir(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.endsWith('.lock')) await fs.rm(path.join(dir, name), { recursive: true, force: true });
  }
  const meta = path.join(dir, '__metadata__.json');
  try {
    JSON.parse(await fs.readFile(meta, 'utf8'));
  } catch {
    await fs.rm(meta, { force: true });
  }
}
