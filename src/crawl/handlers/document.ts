// DOCUMENT: a file (PDF, Word, …) linked from a list or a detail page → stored (kind 'attachment'),
// fetched conditionally on what the store holds, its body streamed to disk (never whole in memory).
// A file never goes through the browser: a host whose challenge cookie does not pass is reported blocked.
import type { CrawlRequest } from '../request.js';
import type { CrawlContext } from './context.js';
import { keep, validatorsOf } from './keep.js';

export async function handleDocument(r: CrawlRequest, ctx: CrawlContext): Promise<void> {
  const prev = ctx.store.previous(r.url);
  // The body goes straight to a file beside the blobs (hashed on the way), never whole in memory.
  const toFile = ctx.store.downloadPath();
  const res = await ctx.fetcher.fetch({ url: r.url, validators: validatorsOf(prev), toFile });
  await keep(ctx, r, res, prev, { kind: 'attachment', pageUrl: r.pageUrl ?? null });
}
