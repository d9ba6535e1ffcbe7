// The crawl's list budgets (src/crawl/budget.ts) for the whole cluster: their counts in Redis, so
// that list pages per list and per host, and the item URLs a pager already showed (loop detection),
// are counted over every worker, not per process. Each operation is one atomic command:
//   ogi:budget:seen:<list>   a hash: each item URL the list showed → the page that showed it first
//                            (16-byte digests)
//   ogi:budget:pages:<key>   a set: the list pages counted per list and per host (digests)
//   ogi:budget:count         a hash: requests of the run (--max-requests)
//   ogi:budget:reported      a set: budgets already reported (once per run, by whichever worker)
// `ogi enqueue --fresh` deletes them with the run.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { BudgetCounters } from '../crawl/budget.js';

const digest = (s: string) => createHash('sha256').update(s).digest('base64').slice(0, 22);

// KEYS[1] the list's hash of items; ARGV[1] the page, ARGV[2..] its items. Each item is claimed by
// the first page that shows it; returns how many of the items this page claimed (now or before).
const SEEN = `
local fresh = 0
for i = 2, #ARGV do
  redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[1])
  if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[1] then fresh = fresh + 1 end
end
return fresh
`;
// KEYS[1] a set of pages; ARGV[1] the page. Returns the set's size with the page in it.
const COUNT = "redis.call('SADD', KEYS[1], ARGV[1]) return redis.call('SCARD', KEYS[1])";

export class ClusterCounters implements BudgetCounters {
  constructor(private readonly redis: Redis) {}

  async seen(column: string, page: string, items: string[]): Promise<number> {
    const unique = [...new Set(items.map(digest))];
    if (unique.length === 0) return 0;
    return Number(await this.redis.call('EVAL', SEEN, 1, `ogi:budget:seen:${digest(column)}`, digest(page), ...unique));
  }

  async count(key: string, page: string): Promise<number> {
    return Number(await this.redis.call('EVAL', COUNT, 1, `ogi:budget:pages:${digest(key)}`, digest(page)));
  }

  /**
   * Counts one crawl request against the run's cap (`ogi enqueue --max-requests`): false once `max`
   * were taken, by any worker. A job retried after a kill counts again.
   */
  async takeRequest(max: number): Promise<boolean> {
    return Number(await this.redis.call('HINCRBY', 'ogi:budget:count', 'requests', '1')) <= max;
  }

  /** Whether the cap was reached (the run was cut short on purpose: no count_mismatch). */
  async capped(max: number): Promise<boolean> {
    return Number((await this.redis.call('HGET', 'ogi:budget:count', 'requests')) ?? 0) > max;
  }

  async once(key: string): Promise<boolean> {
    return Number(await this.redis.call('SADD', 'ogi:budget:reported', key)) === 1;
  }
}
