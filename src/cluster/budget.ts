// The crawl's list budgets (src/crawl/budget.ts) for the whole cluster: their counts in Redis, so
// that list pages per list and per host, and the item URLs a pager already showed (loop detection),
// are counted over every worker, not per process. Each operation is one atomic command:
//   ogi:budget:seen:<list>   a set of the list's item URLs (a 16-byte digest each)
//   ogi:budget:count         a hash: list pages per list and per host; requests of the run (--max-requests)
//   ogi:budget:reported      a set: budgets already reported (once per run, by whichever worker)
// `ogi enqueue --fresh` deletes them with the run.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { BudgetCounters } from '../crawl/budget.js';

const digest = (s: string) => createHash('sha256').update(s).digest('base64').slice(0, 22);

export class ClusterCounters implements BudgetCounters {
  constructor(private readonly redis: Redis) {}

  async seen(column: string, items: string[]): Promise<number> {
    if (items.length === 0) return 0;
    return Number(await this.redis.call('SADD', `ogi:budget:seen:${digest(column)}`, ...items.map(digest)));
  }

  async increment(key: string): Promise<number> {
    return Number(await this.redis.call('HINCRBY', 'ogi:budget:count', key, '1'));
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
