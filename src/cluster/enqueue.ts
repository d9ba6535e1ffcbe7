// `ogi enqueue`: seeds a cluster run. The start requests of the chosen provinces or list URLs become
// crawl jobs; the run's settings (rate, allowed hosts, retries) go to Redis for every worker.
import { startRequests } from '../crawl/start.js';
import type { BudgetLimits } from '../crawl/budget.js';
import type { ProvinceCrawler } from '../crawl/define.js';
import type { ExtractionLimits } from '../extract/isolated/pool.js';
import { EXTRACTOR_VERSION } from '../extract/version.js';
import { explicitAllowance } from '../net/manners.js';
import { addCrawl, closeQueue, connect, deleteKeys, KINDS, queue, type RunSettings } from './run.js';

export interface EnqueueOptions {
  redis: string;
  provinces?: string[];
  urls?: string[];
  crawlers?: ProvinceCrawler[];
  rate: number;
  allowHosts?: string[];
  userAgent?: string;
  timeoutMs?: number;
  /** Drop the previous run first (its jobs, counts and politeness state): a new nightly run. */
  fresh?: boolean;
  attempts?: number;
  retryDelayMs?: number;
  backoffMs?: number;
  lockMs?: number;
  /** Crawl requests the whole run may make, counted over all workers. */
  maxRequests?: number;
  /** List budgets of the run, counted over all workers. */
  budget?: Partial<BudgetLimits>;
  /** Limits of each extraction in the workers' pools. */
  limits?: Partial<ExtractionLimits>;
}

export async function enqueue(opts: EnqueueOptions): Promise<{ requests: number; run: RunSettings }> {
  const starts = await startRequests(opts);
  const crawlerHosts = starts.filter((s) => s.platform).map((s) => new URL(s.url).host);
  const named = explicitAllowance(opts.urls ?? []);
  const run: RunSettings = {
    rate: opts.rate,
    allowHosts: [...(opts.allowHosts ?? []), ...crawlerHosts, ...named.hosts],
    allowDomains: named.domains,
    userAgent: opts.userAgent,
    timeoutMs: opts.timeoutMs,
    attempts: opts.attempts ?? 3,
    retryDelayMs: opts.retryDelayMs ?? 5_000,
    backoffMs: opts.backoffMs ?? 10 * 60_000,
    lockMs: opts.lockMs ?? 30_000,
    maxRequests: opts.maxRequests,
    budget: opts.budget,
    limits: opts.limits,
    extractorVersion: EXTRACTOR_VERSION,
    started_at: new Date().toISOString(),
  };
  const redis = connect(opts.redis);
  const crawlQ = queue('crawl', opts.redis);
  try {
    if (opts.fresh) {
      for (const kind of KINDS) {
        const q = kind === 'crawl' ? crawlQ : queue(kind, opts.redis);
        await q.obliterate({ force: true });
        if (q !== crawlQ) await closeQueue(q);
      }
      for (const pattern of [
        'ogi:tally*',
        'ogi:stats:*',
        'ogi:budget:*',
        'ogi:slot:*',
        'ogi:backoff:*',
        'ogi:robots:*',
      ])
        await deleteKeys(redis, pattern);
    }
    const previous = await redis.call('GET', 'ogi:run');
    if (typeof previous === 'string') run.started_at = (JSON.parse(previous) as RunSettings).started_at;
    await redis.call('DEL', 'ogi:tally:done');
    await addCrawl(crawlQ, run, starts);
    await redis.call('SET', 'ogi:run', JSON.stringify(run));
  } finally {
    await closeQueue(crawlQ);
    redis.disconnect();
  }
  return { requests: starts.length, run };
}
