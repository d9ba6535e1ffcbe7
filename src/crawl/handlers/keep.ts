// Storing what a handler fetched: a 304 keeps the previous entry, anything else goes to the document
// store (content-addressed, idempotent: a request repeated after a kill adds nothing twice).
import type { DocumentEntry } from '../../workarea/layout.js';
import type { FetchResult } from '../../net/fetch.js';
import { filenameFromDisposition, filenameFromUrl, safeName } from '../../net/filename.js';
import { canonicalUrl } from '../canonical.js';
import type { CrawlRequest } from '../request.js';
import type { CrawlContext } from './context.js';

export async function keep(
  ctx: CrawlContext,
  r: CrawlRequest,
  res: FetchResult,
  prev: DocumentEntry | undefined,
  how: { kind: DocumentEntry['kind']; pageUrl: string | null; text?: string | null },
): Promise<void> {
  if (res.notModified && prev) {
    ctx.stored(prev, false);
    return;
  }
  const doc = {
    url: r.url,
    final_url: canonicalUrl(res.finalUrl),
    page_url: how.pageUrl,
    content_type: res.contentType,
    filename: how.kind === 'attachment' ? attachmentName(res, r.name) : null,
    fetched_at: res.fetchedAt,
    etag: res.etag,
    last_modified: res.lastModified,
    kind: how.kind,
    hints: r.hints,
  };
  // A body streamed to disk is renamed into place; one in memory (a page the browser rendered) is written.
  const { entry, added } = res.file
    ? await ctx.store.putFile(res.file, doc, how.text)
    : await ctx.store.put(res.body, doc, how.text);
  ctx.stored(entry, added);
}

/** Validators of the stored version, so an unchanged document costs a 304. */
export function validatorsOf(prev: DocumentEntry | undefined) {
  return prev && { etag: prev.etag, lastModified: prev.last_modified };
}

/** Content-Disposition name, else the link text when it is a file name, else the URL's last segment. */
function attachmentName(res: FetchResult, linkText?: string | null): string | null {
  const fromHeader = filenameFromDisposition(res.contentDisposition);
  if (fromHeader) return fromHeader;
  if (linkText && /\.[a-z0-9]{2,5}$/i.test(linkText.trim())) return safeName(linkText.trim());
  return filenameFromUrl(res.finalUrl);
}
