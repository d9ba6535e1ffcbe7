// failures.jsonl: one Failure per problem met, append-only (the crawler logs crawl and download
// failures, the extraction logs extract failures). A failure is not forever: THE supersession rule,
// written here once and applied by `assemble` (and again, idempotently, by the publisher):
//
//   1. extract failures come from the record cache (records/<sha>.failed of the current documents);
//      the extract lines of the log are history only;
//   2. a crawl failure (a list page) stands only while the latest crawl still meets it (when the
//      caller knows the latest crawl's failures; without them every logged crawl failure stands);
//   3. a crawl or download failure is dropped when its URL was fetched (stored) after it;
//   4. of what is left, the latest failure per URL + stage wins;
//   5. a failure of a URL that now gives a published record is dropped.
// The result is sorted by URL, then stage.
import { JsonlAppender, readJsonLines, readJsonLinesSync } from './jsonl.js';
import { storagePaths, type Failure } from './layout.js';

/** failures.jsonl opened for appending (its torn tail repaired first). */
export class FailureLog extends JsonlAppender {
  constructor(storage: string, opts: { shared?: boolean } = {}) {
    super(storagePaths(storage).failures, opts);
  }
}

const isFailure = (f: Failure) =>
  f !== null &&
  typeof f === 'object' &&
  typeof f.url === 'string' &&
  typeof f.stage === 'string' &&
  typeof f.kind === 'string';

/** Every logged failure (never writes the file; a torn last line is ignored). */
export async function readFailures(storage: string): Promise<Failure[]> {
  return (await readJsonLines<Failure>(storagePaths(storage).failures)).filter(isFailure);
}

export function readFailuresSync(storage: string): Failure[] {
  return readJsonLinesSync<Failure>(storagePaths(storage).failures).filter(isFailure);
}

export interface SupersedeContext {
  /** Extraction failures of the current documents, from the record cache (rule 1). */
  extractFailures?: Failure[];
  /** URLs of the crawl failures the latest crawl met (rule 2). */
  crawlFailureUrls?: Set<string>;
  /** URL → fetched_at of its latest stored version (rule 3). */
  fetchedAt?: Map<string, string>;
  /** Document URLs of the published records (rule 5). */
  recorded?: Iterable<string | null | undefined>;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The failures that still stand (the rule in this file's header). */
export function supersede(failures: Failure[], ctx: SupersedeContext = {}): Failure[] {
  let all = failures;
  if (ctx.extractFailures) all = [...all.filter((f) => f.stage !== 'extract'), ...ctx.extractFailures];
  const latest = new Map<string, Failure>();
  for (const f of all) {
    if (f.stage === 'crawl' && ctx.crawlFailureUrls && !ctx.crawlFailureUrls.has(f.url)) continue;
    if (f.stage === 'crawl' || f.stage === 'download') {
      const fetched = ctx.fetchedAt?.get(f.url);
      if (fetched && f.at && fetched > f.at) continue;
    }
    latest.set(`${f.url}\u0000${f.stage}`, f);
  }
  const recorded = new Set<string>();
  for (const url of ctx.recorded ?? []) if (url) recorded.add(url);
  return [...latest.values()]
    .filter((f) => !recorded.has(f.url))
    .sort((a, b) => cmp(a.url, b.url) || cmp(a.stage, b.stage));
}
