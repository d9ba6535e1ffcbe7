// DOCUMENT: a file (PDF, Word, …) linked from a list or a detail page → stored (kind 'attachment'),
// fetched conditionally on what the store holds. A file never goes through the browser: a host whose
// challenge cookie does not pass is reported blocked.
import type { CrawlRequest } from '../request.js';
import type { CrawlContext } from './context.js';
import { keep, validatorsOf } from './keep.js';

export async function handleDocument(r: CrawlRequest, ctx: CrawlContext): Promise<void> {
  const prev = ctx.store.previous(r.url);
  const res = await ctx.fetcher.fetch({ url: r.url, validators: validatorsOf(prev) });
  await keep(ctx, r, res, prev, { kind: 'attachment', pageUrl: r.pageUrl ?? null });
}
