// Budgets of one crawl run, so that no list — a page of 100,000 links, a pager that never ends, a
// pager whose pages repeat themselves — can hold the crawl: items per list page, list pages per
// column (the list an entry point starts) and per host, and loop detection. Whatever a budget cuts
// is reported as a failure with the numbers (`budget_exhausted`, `pager_loop`), never a silent stop.
// The counts live in BudgetCounters: this process's memory for one machine, Redis for a cluster
// (src/cluster/budget.ts), where every worker's list pages count against the same budgets.

export interface BudgetLimits {
  /** Items read from one list page (real lists show 10–100; an API page a few hundred). */
  itemsPerListPage: number;
  /** List pages followed from one entry point. */
  listPagesPerColumn: number;
  /** List pages fetched from one host. */
  listPagesPerHost: number;
}

export const DEFAULT_BUDGET: BudgetLimits = {
  itemsPerListPage: 2_000,
  listPagesPerColumn: 1_000,
  listPagesPerHost: 5_000,
};

/** What a budget says of one list page: which items to keep, whether to follow its further pages, and why not. */
export interface ListVerdict {
  keepItems: number;
  followNext: boolean;
  /** Failures to record (kind and message), one per budget reached. */
  findings: { kind: 'budget_exhausted' | 'pager_loop'; message: string }[];
}

/**
 * Where a run's budget counts are kept; each operation is atomic on its own, and idempotent per list
 * page: a page read twice (a cluster job run again after its worker was killed) counts once.
 */
export interface BudgetCounters {
  /**
   * Adds the item URLs `page` of `column` shows: how many of them no other page of the column showed
   * first (a page read again finds its own items fresh).
   */
  seen(column: string, page: string, items: string[]): Promise<number>;
  /** Counts `page` under `key` (a list, a host): how many pages were counted there, this one once. */
  count(key: string, page: string): Promise<number>;
  /** True the first time `key` is given in the run (a budget reached is reported once). */
  once(key: string): Promise<boolean>;
}

/** The counts of one process (a single-machine crawl). */
export class MemoryCounters implements BudgetCounters {
  /** column → item URL → the page that showed it first */
  private readonly firstShown = new Map<string, Map<string, string>>();
  private readonly pages = new Map<string, Set<string>>();
  private readonly reported = new Set<string>();

  async seen(column: string, page: string, items: string[]): Promise<number> {
    const first = this.firstShown.get(column) ?? new Map<string, string>();
    this.firstShown.set(column, first);
    const fresh = new Set<string>();
    for (const u of items) {
      if (!first.has(u)) first.set(u, page);
      if (first.get(u) === page) fresh.add(u);
    }
    return fresh.size;
  }

  async count(key: string, page: string): Promise<number> {
    const pages = this.pages.get(key) ?? new Set<string>();
    this.pages.set(key, pages);
    pages.add(page);
    return pages.size;
  }

  async once(key: string): Promise<boolean> {
    if (this.reported.has(key)) return false;
    this.reported.add(key);
    return true;
  }
}

export class CrawlBudget {
  readonly limits: BudgetLimits;

  constructor(
    limits: Partial<BudgetLimits> = {},
    private readonly counters: BudgetCounters = new MemoryCounters(),
  ) {
    this.limits = { ...DEFAULT_BUDGET, ...limits };
  }

  /** Counts one list page of `column` (its entry URL) with the item URLs it shows, and decides. */
  async listPage(column: string, url: string, items: string[], isFirst: boolean): Promise<ListVerdict> {
    const findings: ListVerdict['findings'] = [];
    const { itemsPerListPage, listPagesPerColumn, listPagesPerHost } = this.limits;
    const keepItems = Math.min(items.length, itemsPerListPage);
    if (items.length > itemsPerListPage) {
      findings.push({
        kind: 'budget_exhausted',
        message: `the list page shows ${items.length} items; the first ${itemsPerListPage} were read (itemsPerListPage)`,
      });
    }

    const kept = items.slice(0, keepItems);
    const fresh = await this.counters.seen(column, url, kept);
    let followNext = true;
    if (!isFirst && kept.length > 0 && fresh === 0) {
      followNext = false;
      findings.push({
        kind: 'pager_loop',
        message: `the list page repeats the ${kept.length} items of earlier pages of ${column}: its further pages were not followed`,
      });
    }

    // Pages per list and per host: the page that reaches a budget is read, its further pages are not.
    const counted: [string, string, number, string][] = [
      ['list', column, listPagesPerColumn, 'list may have this run (listPagesPerColumn)'],
      ['host', hostOf(url), listPagesPerHost, 'host may have this run (listPagesPerHost)'],
    ];
    for (const [scope, key, limit, what] of counted) {
      const n = await this.counters.count(`${scope} ${key}`, url);
      if (n < limit) continue;
      followNext = false;
      if (await this.counters.once(`${what} ${key}`)) {
        findings.push({
          kind: 'budget_exhausted',
          message: `${limit} list pages read from ${key}, the most one ${what}: further pages not followed`,
        });
      }
    }
    return { keepItems, followNext, findings };
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
