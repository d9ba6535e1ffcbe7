// decisions.jsonl: why each list item was fetched or not. One line per decision, append-only:
//
//   by 'title'       what a list item's title said (src/text/report-titles.ts): kept, skipped (never
//                    fetched) or ambiguous (fetched, its content decides)
//   by 'content'     an ambiguous item's outcome once its content was read: kept or skipped, with the
//                    reason (the crawl reads a page's text and attachment names; a file's outcome is
//                    the extraction's, written by the refresh)
//   by 'attachment'  an attachment of an ambiguous item's page, by its name
//
// A nightly crawl meets the same items again: a line is written only when the item's decision (or
// its reason, or its title) changed since the last line for that item on that list, so the log
// stays the history of the decisions, not of the nights. `at` is when the decision was made.
import { createHash } from 'node:crypto';
import { readDocuments } from './documents.js';
import { JsonlAppender, readJsonLines } from './jsonl.js';
import { storagePaths } from './layout.js';
import { isCachedRecord, RecordCache } from './records.js';

export type DecisionBy = 'title' | 'content' | 'attachment';

export interface Decision {
  /** The list page the item was found on (for an attachment: the page linking to it). */
  list_url: string;
  item_url: string;
  title: string;
  decision: 'kept' | 'skipped' | 'ambiguous';
  by: DecisionBy;
  reason: string;
  at: string;
}

/** One decision per item as found on one list (an item listed twice has a line per list), and per `by`. */
const keyOf = (d: Pick<Decision, 'item_url' | 'list_url' | 'by'>) => `${d.by}\t${d.list_url}\t${d.item_url}`;
const stateOf = (d: Decision) => `${d.decision}\t${d.reason}\t${d.title}`;
/** 96 bits of a string: what the writer remembers per item (100,000 items ≈ 10 MB, not the URLs and titles). */
const digest = (s: string) => createHash('sha256').update(s).digest('base64').slice(0, 16);

/** decisions.jsonl opened for appending; `record` writes a decision only when it is news. */
export class DecisionLog {
  private readonly log: JsonlAppender;
  private readonly last = new Map<string, string>();

  private constructor(storage: string, shared: boolean) {
    this.log = new JsonlAppender(storagePaths(storage).decisions, { shared });
  }

  /** `shared`: several processes append (the cluster's workers; each remembers only its own lines). */
  static async open(storage: string, opts: { shared?: boolean } = {}): Promise<DecisionLog> {
    const log = new DecisionLog(storage, opts.shared ?? false);
    await log.log.repair();
    for (const d of await readDecisions(storage)) log.last.set(digest(keyOf(d)), digest(stateOf(d)));
    return log;
  }

  /** Appends the decisions that are news (the last line for the item and `by` said otherwise), in one write. */
  async record(ds: readonly Omit<Decision, 'at'>[], at = new Date().toISOString()): Promise<Decision[]> {
    const out = ds.map((d) => ({ ...d, at }));
    const news = out.filter((d) => {
      const key = digest(keyOf(d));
      const state = digest(stateOf(d));
      if (this.last.get(key) === state) return false;
      this.last.set(key, state);
      return true;
    });
    await this.log.append(...news);
    return out;
  }
}

/** Every logged decision, in the order written (never writes the file). */
export async function readDecisions(storage: string): Promise<Decision[]> {
  return (await readJsonLines<Decision>(storagePaths(storage).decisions)).filter(
    (d) => d && typeof d === 'object' && typeof d.item_url === 'string' && typeof d.decision === 'string',
  );
}

/** The latest decision per item, list and `by`, in the order the items were first decided. */
export function latestDecisions(all: readonly Decision[]): Decision[] {
  const latest = new Map<string, Decision>();
  for (const d of all) latest.set(keyOf(d), d);
  return [...latest.values()];
}

/**
 * The outcome of every ambiguous list item that is a file (its content was not read at crawl time):
 * what the extraction made of it, from the record cache. Run after an extraction (`ogi refresh`);
 * logs only what changed, returns the outcomes known.
 */
export async function settleByExtraction(storage: string): Promise<Decision[]> {
  const latest = latestDecisions(await readDecisions(storage));
  const files = new Map(
    (await readDocuments(storage)).current
      .filter((e) => e.kind === 'attachment' && e.page_url === null)
      .map((e) => [e.url, e]),
  );
  const cache = new RecordCache(storage);
  const outcomes: Omit<Decision, 'at'>[] = [];
  for (const d of latest) {
    const entry = d.by === 'title' && d.decision === 'ambiguous' ? files.get(d.item_url) : undefined;
    const cached = entry && (await cache.get(entry.sha256));
    if (!cached) continue;
    const { list_url, item_url, title } = d;
    outcomes.push(
      isCachedRecord(cached)
        ? { list_url, item_url, title, decision: 'kept', by: 'content', reason: 'file: extracted as a report' }
        : {
            list_url,
            item_url,
            title,
            decision: 'skipped',
            by: 'content',
            reason: `file: ${cached.kind}: ${cached.message}`,
          },
    );
  }
  return (await DecisionLog.open(storage)).record(outcomes);
}
