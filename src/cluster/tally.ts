// What each list announced and showed, counted in Redis across the workers (the cluster's ListTally,
// src/crawl/tally.ts): a list page's job records its announced totals, its page and its items in sets,
// so a page read twice (a job retried after a kill) counts once. When the crawl queue is idle, one
// worker turns the lists that announced more than was found into count_mismatch failures.
import { shortfalls, type ListTally, type Shortfall } from '../crawl/tally.js';
import type { Redis } from 'ioredis';

/** The tally of one list-page job: `page()` is kept until `flush()` writes it. */
export class JobTally implements Pick<ListTally, 'page'> {
  private readonly ops: [string, string[]][] = [];

  constructor(private readonly pageKey: string) {}

  page(list: string, announced: { total?: number | null; pages?: number | null }, items: string[]): void {
    const k = `ogi:tally:${list}`;
    this.ops.push(['SADD', ['ogi:tally:lists', list]], ['SADD', [`${k}:pages`, this.pageKey]]);
    if (announced.total != null) this.ops.push(['HSETNX', [k, 'total', String(announced.total)]]);
    if (announced.pages != null) this.ops.push(['HSETNX', [k, 'pages', String(announced.pages)]]);
    if (items.length) this.ops.push(['SADD', [`${k}:items`, ...items]]);
  }

  async flush(redis: Redis): Promise<void> {
    await Promise.all(this.ops.splice(0).map(([cmd, args]) => redis.call(cmd, ...args)));
  }
}

/** The run's count_mismatch findings, once: null when another worker took them (or took them already). */
export async function takeShortfalls(redis: Redis): Promise<Shortfall[] | null> {
  if ((await redis.call('SET', 'ogi:tally:done', '1', 'NX')) !== 'OK') return null;
  const lists = (await redis.call('SMEMBERS', 'ogi:tally:lists')) as string[];
  const counts = [];
  for (const url of lists) {
    const k = `ogi:tally:${url}`;
    const [total, pages] = (await redis.call('HMGET', k, 'total', 'pages')) as (string | null)[];
    counts.push({
      url,
      total: total === null || total === undefined ? null : Number(total),
      pages: pages === null || pages === undefined ? null : Number(pages),
      items: Number(await redis.call('SCARD', `${k}:items`)),
      read: Number(await redis.call('SCARD', `${k}:pages`)),
    });
  }
  return shortfalls(counts);
}
