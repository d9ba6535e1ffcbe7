// The crawl's list budgets across a cluster (src/cluster/budget.ts): two workers' budgets — each its
// own CrawlBudget on its own Redis connection, as two `ogi worker` processes have — against one real
// redis-server count list pages per list and per host together, report a budget reached once, see a
// pager loop whose pages were read by different workers, count a page read twice once, stay exact
// under concurrent pages, and hold
// the run's cap on requests (`ogi enqueue --max-requests`).
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ClusterCounters } from '../../src/cluster/budget.js';
import { connect } from '../../src/cluster/run.js';
import { CrawlBudget, type BudgetLimits } from '../../src/crawl/budget.js';
import { startRedis } from './redis.js';

const BASE = 'https://www.example.gov.cn/zwgk/';

describe('list budgets counted in Redis for every worker', () => {
  let tmp: string;
  let server: ChildProcess;
  let clients: Redis[];
  const two = (limits: Partial<BudgetLimits>) => clients.map((c) => new CrawlBudget(limits, new ClusterCounters(c)));

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ogi-cluster-budget-'));
    const started = await startRedis(tmp);
    server = started.server;
    clients = [connect(started.url), connect(started.url)];
  }, 60_000);
  beforeEach(async () => {
    await clients[0]!.call('FLUSHALL');
  });
  afterAll(() => {
    for (const c of clients ?? []) c.disconnect();
    server?.kill('SIGKILL');
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('counts one host over both workers and reports the budget once', async () => {
    const [a, b] = two({ listPagesPerHost: 3 });
    const verdicts = [
      await a!.listPage(`${BASE}a/`, `${BASE}a/`, ['x1'], true),
      await b!.listPage(`${BASE}b/`, `${BASE}b/`, ['x2'], true),
      await a!.listPage(`${BASE}c/`, `${BASE}c/`, ['x3'], true),
      await b!.listPage(`${BASE}d/`, `${BASE}d/`, ['x4'], true),
    ];
    expect(verdicts.map((v) => v.followNext)).toEqual([true, true, false, false]);
    expect(verdicts.flatMap((v) => v.findings)).toEqual([
      {
        kind: 'budget_exhausted',
        message:
          '3 list pages read from www.example.gov.cn, the most one host may have this run (listPagesPerHost): further pages not followed',
      },
    ]);
  });

  it('sees a pager loop whose pages two workers read', async () => {
    const [a, b] = two({});
    const column = `${BASE}nb/`;
    expect((await a!.listPage(column, column, ['p1', 'p2'], true)).followNext).toBe(true);
    expect((await b!.listPage(column, `${column}index_1.html`, ['p3'], false)).followNext).toBe(true);
    const loop = await a!.listPage(column, `${column}index_2.html`, ['p1', 'p3'], false);
    expect(loop).toEqual({
      keepItems: 2,
      followNext: false,
      findings: [
        {
          kind: 'pager_loop',
          message: `the list page repeats the 2 items of earlier pages of ${column}: its further pages were not followed`,
        },
      ],
    });
    // Another list's items are its own.
    expect((await b!.listPage(`${BASE}other/`, `${BASE}other/index_1.html`, ['p1'], false)).findings).toEqual([]);
  });

  it('counts a page read again (its job run again after a kill) once, and sees no loop in it', async () => {
    const [a, b] = two({ listPagesPerColumn: 3 });
    const column = `${BASE}again/`;
    const page2 = `${column}index_1.html`;
    expect((await a!.listPage(column, column, ['q1', 'q2'], true)).followNext).toBe(true);
    // a's job for page 2 was killed after counting; b runs it again
    const first = await a!.listPage(column, page2, ['q3', 'q4'], false);
    const again = await b!.listPage(column, page2, ['q3', 'q4'], false);
    expect(again).toEqual(first);
    expect(again).toEqual({ keepItems: 2, followNext: true, findings: [] });
    // the third page is the third (not the fourth), and reaches the budget
    const third = await b!.listPage(column, `${column}index_2.html`, ['q5'], false);
    expect(third.followNext).toBe(false);
    expect(third.findings.map((f) => f.message)).toEqual([
      `3 list pages read from ${column}, the most one list may have this run (listPagesPerColumn): further pages not followed`,
    ]);
    // a page showing only items another page showed first is still a loop
    expect((await a!.listPage(column, `${column}index_3.html`, ['q1', 'q3'], false)).findings[0]!.kind).toBe(
      'pager_loop',
    );
  });

  it('is exact when both workers read pages of one list at the same time', async () => {
    const [a, b] = two({ listPagesPerColumn: 5 });
    const column = `${BASE}long/`;
    const verdicts = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? a! : b!).listPage(column, `${column}index_${i}.html`, [`item${i}`], i === 0),
      ),
    );
    expect(verdicts.filter((v) => v.followNext)).toHaveLength(4);
    expect(verdicts.flatMap((v) => v.findings.map((f) => f.message))).toEqual([
      `5 list pages read from ${column}, the most one list may have this run (listPagesPerColumn): further pages not followed`,
    ]);
  });

  it('holds the run to --max-requests over every worker, exactly', async () => {
    const counters = clients.map((c) => new ClusterCounters(c));
    const taken = await Promise.all(Array.from({ length: 10 }, (_, i) => counters[i % 2]!.takeRequest(6)));
    expect(taken.filter(Boolean)).toHaveLength(6);
    expect(await counters[0]!.capped(6)).toBe(true);
    expect(await counters[1]!.capped(10)).toBe(false);
  });
});
