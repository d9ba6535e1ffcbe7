// Budgets of one crawl run, so that no list — a page of 100,000 links, a pager that never ends, a
// pager whose pages repeat themselves — can hold the crawl: items per list page, list pages per
// column (the list an entry point starts) and per host, and loop detection. Whatever a budget cuts
// is reported as a failure with the numbers (`budget_exhausted`, `pager_loop`), never a silent stop.

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

export class CrawlBudget {
  readonly limits: BudgetLimits;
  private readonly pagesByColumn = new Map<string, number>();
  private readonly pagesByHost = new Map<string, number>();
  private readonly seenByColumn = new Map<string, Set<string>>();
  /** Columns and hosts already reported as out of budget (reported once). */
  private readonly reported = new Set<string>();

  constructor(limits: Partial<BudgetLimits> = {}) {
    this.limits = { ...DEFAULT_BUDGET, ...limits };
  }

  /** Counts one list page of `column` (its entry URL) with the item URLs it shows, and decides. */
  listPage(column: string, url: string, items: string[], isFirst: boolean): ListVerdict {
    const findings: ListVerdict['findings'] = [];
    const { itemsPerListPage, listPagesPerColumn, listPagesPerHost } = this.limits;
    const keepItems = Math.min(items.length, itemsPerListPage);
    if (items.length > itemsPerListPage) {
      findings.push({
        kind: 'budget_exhausted',
        message: `the list page shows ${items.length} items; the first ${itemsPerListPage} were read (itemsPerListPage)`,
      });
    }

    const seen = this.seenByColumn.get(column) ?? new Set<string>();
    this.seenByColumn.set(column, seen);
    const kept = items.slice(0, keepItems);
    const fresh = kept.filter((u) => !seen.has(u)).length;
    for (const u of kept) seen.add(u);
    let followNext = true;
    if (!isFirst && kept.length > 0 && fresh === 0) {
      followNext = false;
      findings.push({
        kind: 'pager_loop',
        message: `the list page repeats the ${kept.length} items of earlier pages of ${column}: its further pages were not followed`,
      });
    }

    // Pages per list and per host: the page that reaches a budget is read, its further pages are not.
    const counted: [Map<string, number>, string, number, string][] = [
      [this.pagesByColumn, column, listPagesPerColumn, 'list may have this run (listPagesPerColumn)'],
      [this.pagesByHost, hostOf(url), listPagesPerHost, 'host may have this run (listPagesPerHost)'],
    ];
    for (const [pages, key, limit, what] of counted) {
      const n = (pages.get(key) ?? 0) + 1;
      pages.set(key, n);
      if (n < limit) continue;
      followNext = false;
      if (this.once(`${what} ${key}`)) {
        findings.push({
          kind: 'budget_exhausted',
          message: `${n} list pages read from ${key}, the most one ${what}: further pages not followed`,
        });
      }
    }
    return { keepItems, followNext, findings };
  }

  private once(key: string): boolean {
    if (this.reported.has(key)) return false;
    this.reported.add(key);
    return true;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
