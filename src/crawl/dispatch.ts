// The dispatcher: one handler per request label (src/crawl/handlers/), and every problem a handler
// meets becomes a recorded Failure (stage 'crawl' for lists, 'download' otherwise) while the crawl goes on.
import type { Stage } from '../workarea/layout.js';
import { handleArticle } from './handlers/article.js';
import type { CrawlContext, Handler } from './handlers/context.js';
import { handleDocument } from './handlers/document.js';
import { handleList } from './handlers/list.js';
import { describeFailure } from './failure.js';
import type { CrawlRequest, Label } from './request.js';

export const handlers: Readonly<Record<Label, Handler>> = {
  LIST: handleList,
  ARTICLE: handleArticle,
  DOCUMENT: handleDocument,
};

export const stageOf = (label: Label): Stage => (label === 'LIST' ? 'crawl' : 'download');

/** Handles one request with the handler of its label; never throws for a failure of the request itself. */
export async function dispatch(r: CrawlRequest, ctx: CrawlContext): Promise<void> {
  try {
    await handlers[r.label](r, ctx);
  } catch (err) {
    const { kind, message } = describeFailure(err);
    if (kind === 'blocked') ctx.blocked(new URL(r.url).host);
    await ctx.fail({ url: r.url, stage: stageOf(r.label), kind, message });
  }
}
