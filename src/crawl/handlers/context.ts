// The one context every request handler gets: the network (HTTP client behind the 412 challenge
// policy, src/net/), the document store, and the crawl's queue and counters.
import type { DocumentEntry, DocumentHints, Failure } from '../../workarea/layout.js';
import type { Decision } from '../../workarea/decisions.js';
import type { DocumentStore } from '../../workarea/index.js';
import { decodeText } from '../../text/charset.js';
import type { ChallengeAwareFetcher } from '../../net/challenge.js';
import { loadPage } from '../page.js';
import type { FetchedPage } from '../platform.js';
import type { CrawlRequest } from '../request.js';
import type { CrawlBudget } from '../budget.js';
import type { ListTally } from '../tally.js';

export interface CrawlContext {
  fetcher: ChallengeAwareFetcher;
  /** This run's budgets for lists (items per page, pages per list and per host, loops). */
  budget: CrawlBudget;
  /** What each list announced and what was found in it (count_mismatch at the end of the run). */
  tally: Pick<ListTally, 'page'>;
  store: DocumentStore;
  enqueue(requests: CrawlRequest[]): Promise<void>;
  fail(failure: Omit<Failure, 'at'>): Promise<void>;
  /** Records why list items (and an ambiguous item's page or attachments) were fetched or not: decisions.jsonl. */
  decide(decisions: Omit<Decision, 'at'>[]): Promise<void>;
  /** Called for each document stored: `added` false = unchanged (304 or same bytes). */
  stored(entry: DocumentEntry, added: boolean): void;
  /** Called for each list or detail page fetched. */
  page(): void;
  blocked(host: string): void;
}

/** Handles one request of its label; throws on failure (the dispatcher records it). */
export type Handler = (request: CrawlRequest, ctx: CrawlContext) => Promise<void>;

/** A fetched body as a page for the adapters, decoded by its charset (header, meta tag or sniffing). */
export function readPage(
  bytes: Buffer,
  contentType: string | null,
  url: string,
  opts: { isFirst: boolean; hints: DocumentHints },
): FetchedPage {
  return loadPage(decodeText(bytes, contentType), url, { contentType, isFirst: opts.isFirst, hints: opts.hints });
}
