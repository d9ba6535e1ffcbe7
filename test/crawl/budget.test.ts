// List budgets on the list handler, with a stand-in network: a page of 100,000 links, a pager whose
// pages repeat the same items, and a pager that never ends. Each is cut, and the cut is a recorded
// failure with the numbers.
import { describe, expect, it } from 'vitest';
import { ListTally } from '../../src/crawl/tally.js';
import { CrawlBudget, type BudgetLimits } from '../../src/crawl/budget.js';
import type { CrawlContext } from '../../src/crawl/handlers/context.js';
import { handleList } from '../../src/crawl/handlers/list.js';
import type { CrawlRequest } from '../../src/crawl/request.js';
import type { ChallengeAwareFetcher } from '../../src/net/challenge.js';
import type { FetchRequest, FetchResult } from '../../src/net/fetch.js';
import type { Failure } from '../../src/workarea/layout.js';

const BASE = 'https://www.example.gov.cn/zwgk/nb/';

/** A list page of `items` report links (ids from `first`), with a 下一页 link when `next` is given. */
function listPage(first: number, items: number, next?: string): string {
  const lis = Array.from(
    { length: items },
    (_, i) =>
      `<li><a href="/zwgk/nb/t20240102_${first + i}.html">某县人民政府2023年政府信息公开工作年度报告（${first + i}）</a><span>2024-01-02</span></li>`,
  ).join('\n');
  return `<html><body><ul class="list">${lis}</ul>${next ? `<a href="${next}">下一页</a>` : ''}</body></html>`;
}

/** Runs the list handler from `start` through every LIST request it queues; returns what it queued and recorded. */
async function crawlList(pages: (url: string) => string, limits: Partial<BudgetLimits> = {}) {
  const failures: Omit<Failure, 'at'>[] = [];
  const queued: CrawlRequest[] = [];
  const fetched: string[] = [];
  const fetcher = {
    async fetch(req: FetchRequest): Promise<FetchResult> {
      fetched.push(req.url);
      return {
        url: req.url,
        finalUrl: req.url,
        status: 200,
        notModified: false,
        body: Buffer.from(pages(req.url)),
        contentType: 'text/html; charset=utf-8',
        etag: null,
        lastModified: null,
        contentDisposition: null,
        fetchedAt: '2026-01-01T00:00:00.000Z',
      };
    },
  } as unknown as ChallengeAwareFetcher;
  const ctx = {
    fetcher,
    budget: new CrawlBudget(limits),
    tally: new ListTally(),
    enqueue: async (rs: CrawlRequest[]) => void queued.push(...rs),
    fail: async (f: Omit<Failure, 'at'>) => void failures.push(f),
    decide: async () => undefined,
    page: () => undefined,
  } as unknown as CrawlContext;
  const todo: CrawlRequest[] = [{ label: 'LIST', url: BASE, platform: 'generic', isFirst: true, hints: {} }];
  for (let r = todo.shift(); r; r = todo.shift()) {
    const before = queued.length;
    await handleList(r, ctx);
    todo.push(...queued.slice(before).filter((q) => q.label === 'LIST'));
  }
  return { failures, fetched, articles: queued.filter((q) => q.label === 'ARTICLE').length };
}

describe('list budgets', () => {
  it('reads the first 2,000 items of a page of 100,000 and says so', async () => {
    const { failures, articles } = await crawlList(() => listPage(1, 100_000));
    expect(articles).toBe(2000);
    expect(failures).toEqual([
      {
        url: BASE,
        stage: 'crawl',
        kind: 'budget_exhausted',
        message: 'the list page shows 100000 items; the first 2000 were read (itemsPerListPage)',
      },
    ]);
  });

  it('stops a pager whose pages repeat the items of earlier pages', async () => {
    // every page shows the same five reports and links a "new" page
    const { failures, fetched, articles } = await crawlList((url) =>
      listPage(1, 5, `?page=${Number(new URL(url).searchParams.get('page') ?? 1) + 1}`),
    );
    expect(fetched).toEqual([BASE, `${BASE}?page=2`]);
    expect(articles).toBe(10); // queued twice; the queue keeps each URL once
    expect(failures).toEqual([
      {
        url: `${BASE}?page=2`,
        stage: 'crawl',
        kind: 'pager_loop',
        message: `the list page repeats the 5 items of earlier pages of ${BASE}: its further pages were not followed`,
      },
    ]);
  });

  it('stops a pager that never ends at the pages-per-list budget', async () => {
    const page = (url: string) => Number(new URL(url).searchParams.get('page') ?? 1);
    const { failures, fetched } = await crawlList((url) => listPage(page(url) * 10, 10, `?page=${page(url) + 1}`), {
      listPagesPerColumn: 4,
    });
    expect(fetched).toEqual([BASE, `${BASE}?page=2`, `${BASE}?page=3`, `${BASE}?page=4`]);
    expect(failures).toEqual([
      {
        url: `${BASE}?page=4`,
        stage: 'crawl',
        kind: 'budget_exhausted',
        message: `4 list pages read from ${BASE}, the most one list may have this run (listPagesPerColumn): further pages not followed`,
      },
    ]);
  });

  it('holds every list of a host to the pages-per-host budget, reported once', async () => {
    const budget = new CrawlBudget({ listPagesPerHost: 2 });
    const a = await budget.listPage(`${BASE}a/`, `${BASE}a/`, ['x1'], true);
    const b = await budget.listPage(`${BASE}b/`, `${BASE}b/`, ['x2'], true);
    const c = await budget.listPage(`${BASE}c/`, `${BASE}c/`, ['x3'], true);
    expect([a.followNext, b.followNext, c.followNext]).toEqual([true, false, false]);
    expect([...b.findings, ...c.findings]).toEqual([
      {
        kind: 'budget_exhausted',
        message:
          '2 list pages read from www.example.gov.cn, the most one host may have this run (listPagesPerHost): further pages not followed',
      },
    ]);
  });

  it('counts a list page read twice once, and sees no loop in it', async () => {
    const budget = new CrawlBudget({ listPagesPerColumn: 3 });
    await budget.listPage(BASE, BASE, ['x1'], true);
    const once = await budget.listPage(BASE, `${BASE}?page=2`, ['x2', 'x3'], false);
    expect(await budget.listPage(BASE, `${BASE}?page=2`, ['x2', 'x3'], false)).toEqual(once);
    expect(once).toEqual({ keepItems: 2, followNext: true, findings: [] });
    expect((await budget.listPage(BASE, `${BASE}?page=3`, ['x4'], false)).findings.map((f) => f.kind)).toEqual([
      'budget_exhausted',
    ]);
  });
});
