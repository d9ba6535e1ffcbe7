// What each list announced and what the crawl found in it: a list page says how many records or
// pages the list has (var totalRecord = 20, countPage, <totalrecord>, "共N条", a JSON total; read by
// src/crawl/platforms/pager.ts) and the runtime counts the distinct items and the pages it read.
// When the crawl ends, a list that announced more than was found is a `count_mismatch` failure with
// both numbers: a list cut short (a script-only pager, a page that failed, a budget) is never silent.
// A list is keyed by its first page; its further pages carry that key (CrawlRequest.list).

export interface ListCount {
  /** Records the list announces (the first page that says so). */
  total: number | null;
  /** Pages the list announces. */
  pages: number | null;
  /** Distinct item URLs found on its pages. */
  items: Set<string>;
  /** List pages read. */
  read: number;
}

export interface Shortfall {
  /** The list's first page. */
  url: string;
  message: string;
}

export class ListTally {
  private readonly lists = new Map<string, ListCount>();

  /** Counts one page of `list` with what it announces and the item URLs it shows. */
  page(list: string, announced: { total?: number | null; pages?: number | null }, items: string[]): void {
    let c = this.lists.get(list);
    if (!c) {
      c = { total: null, pages: null, items: new Set(), read: 0 };
      this.lists.set(list, c);
    }
    c.total ??= announced.total ?? null;
    c.pages ??= announced.pages ?? null;
    c.read++;
    for (const u of items) c.items.add(u);
  }

  /** Every list that announced more records (or, announcing no record count, more pages) than were found. */
  shortfalls(): Shortfall[] {
    return shortfalls(
      [...this.lists].map(([url, c]) => ({ url, total: c.total, pages: c.pages, items: c.items.size, read: c.read })),
    );
  }
}

/** The lists (with their counts) that announced more records, or more pages, than were found. */
export function shortfalls(
  lists: Iterable<{ url: string; total: number | null; pages: number | null; items: number; read: number }>,
): Shortfall[] {
  const out: Shortfall[] = [];
  for (const c of lists) {
    if (c.total !== null && c.items < c.total) {
      out.push({
        url: c.url,
        message: `the list announces ${c.total} records; ${c.items} were found on the ${c.read} list page${c.read === 1 ? '' : 's'} read`,
      });
    } else if (c.total === null && c.pages !== null && c.read < c.pages) {
      out.push({ url: c.url, message: `the list announces ${c.pages} pages; ${c.read} were read` });
    }
  }
  return out.sort((a, b) => a.url.localeCompare(b.url));
}
