// What the crawl queue holds: one request per list page, report detail page (ARTICLE) or file
// (DOCUMENT), as plain JSON so the persisted queue can keep it across a SIGKILL.
import type { PlatformName } from './define.js';
import type { DocumentHints } from '../workarea/layout.js';

export type Label = 'LIST' | 'ARTICLE' | 'DOCUMENT';

/** What a queued request carries (crawlee `userData`; plain JSON so the queue can persist it). */
export interface CrawlRequest {
  label: Label;
  url: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  /** LIST: the adapter to read it with; null = detect from the page (`ogi crawl --url`). */
  platform?: PlatformName | null;
  /** LIST: first page of its list. */
  isFirst?: boolean;
  /** LIST: the entry URL of its list (budgets and loop detection count per list); absent on the first page. */
  column?: string;
  /** LIST: the first page of the list this page continues (announced totals count per list); absent on a list's first page. */
  list?: string;
  hints: DocumentHints;
  /** DOCUMENT: the detail page that links to it. */
  pageUrl?: string | null;
  /** DOCUMENT: the link text (a file name when Content-Disposition gives none). */
  name?: string | null;
  /**
   * ARTICLE: the list item's title did not say whether it is a report (src/text/report-titles.ts):
   * the page's content and attachment names decide, and the outcome goes to decisions.jsonl.
   * `list` is the list page it was found on.
   */
  ambiguous?: { list: string; title: string };
}

/** The queue's identity for a request: POST bodies (Hanweb dataproxy pages) make distinct requests. */
export function uniqueKey(r: Pick<CrawlRequest, 'url' | 'method' | 'body'>): string {
  return r.method === 'POST' ? `POST ${r.url} ${r.body ?? ''}` : r.url;
}
