// ARTICLE: a report's detail page → stored as a document (kind 'page', with its body text for
// duplicate marking) → its attachments as DOCUMENT requests. The fetch is conditional on what the
// store holds; a 304 is parsed from the stored bytes, so its attachments are still checked.
// A page whose list title was ambiguous is judged first (judgeAmbiguous): by its own title and
// report sections (the extractor's rule, src/text/report-titles.ts), else by its attachments' names;
// a page that is no report and links none is not stored, and the outcome is logged either way.
// The body is streamed to a file first (as a document's): a "detail page" that is the report file
// itself never sits in memory whole; an HTML page is read back to be parsed.
// A page with no attachment whose report is its pictures (src/crawl/content.ts) has them fetched and
// stored as one picture set (./pictures.ts).
import { readFile, rm } from 'node:fs/promises';
import { readHead } from '../../sys/head.js';
import type { FetchResult } from '../../net/fetch.js';
import type { DocumentEntry, DocumentHints } from '../../workarea/layout.js';
import { flatten } from '../../text/normalise.js';
import { classifyTitle, judgeDocument, namesReport, reportMarkers } from '../../text/report-titles.js';
import { canonicalUrl } from '../canonical.js';
import { articleText, reportPictures } from '../content.js';
import { parseDetail } from '../detail.js';
import type { DetailResult, FetchedPage } from '../platform.js';
import type { CrawlRequest } from '../request.js';
import { readPage, type CrawlContext } from './context.js';
import { keep, validatorsOf } from './keep.js';
import { storePictures } from './pictures.js';

const HTML_TYPE = /html|xml/i;

/** HTML by its Content-Type, or (for a missing or generic one) by its first bytes. */
export function isHtml(contentType: string | null, bytes: Buffer): boolean {
  if (contentType && HTML_TYPE.test(contentType)) return true;
  if (contentType && !/octet-stream|text\/plain|unknown/i.test(contentType)) return false;
  const head = bytes.subarray(0, 1024).toString('latin1').trimStart().toLowerCase();
  return /^(<!doctype html|<html|<head|<meta|<!--)/.test(head);
}

export async function handleArticle(r: CrawlRequest, ctx: CrawlContext): Promise<void> {
  const prev = ctx.store.previous(r.url);
  const res = await ctx.fetcher.fetch(
    { url: r.url, validators: validatorsOf(prev), toFile: ctx.store.downloadPath() },
    { asPage: true },
  );
  try {
    await handleFetched(r, ctx, prev, res);
  } finally {
    if (res.file) await rm(res.file.path, { force: true }); // not stored (or already renamed into place)
  }
}

async function handleFetched(
  r: CrawlRequest,
  ctx: CrawlContext,
  prev: DocumentEntry | undefined,
  res: FetchResult,
): Promise<void> {
  ctx.page();
  const stored = res.notModified && prev ? await ctx.store.readBlob(prev.sha256) : null;
  const head = stored ?? (res.file ? await readHead(res.file.path, 1024) : res.body);
  const contentType = res.notModified && prev ? prev.content_type : res.contentType;
  if (!isHtml(contentType, head)) {
    // The "detail page" is the file itself (a list linking straight to a PDF without an extension).
    await keep(ctx, r, res, prev, { kind: 'attachment', pageUrl: null });
    return;
  }
  const bytes = stored ?? (res.file ? await readFile(res.file.path) : res.body);
  const page = readPage(bytes, contentType, canonicalUrl(res.notModified && prev ? prev.final_url : res.finalUrl), {
    isFirst: false,
    hints: r.hints,
  });
  const detail = parseDetail(page);
  detail.attachments = detail.attachments.map((a) => ({ ...a, url: canonicalUrl(a.url) }));
  if (r.ambiguous) {
    const attachments = await judgeAmbiguous(r, ctx, page, detail);
    if (attachments === null) return;
    detail.attachments = attachments;
  }
  const hints: DocumentHints = {
    ...r.hints,
    // an ambiguous list title said nothing of the report: the page's own title does
    ...(detail.title && (!r.hints.title || r.ambiguous) ? { title: detail.title } : {}),
    ...(detail.agency && !r.hints.agency ? { agency: detail.agency } : {}),
    ...(detail.published_date && !r.hints.published_date ? { published_date: detail.published_date } : {}),
  };
  await keep(ctx, { ...r, hints }, res, prev, { kind: 'page', pageUrl: page.url, text: articleText(page) });
  await ctx.enqueue(
    detail.attachments.map((a) => ({ label: 'DOCUMENT', url: a.url, hints, pageUrl: page.url, name: a.name })),
  );
  // No attachment: the report may be the page's pictures (one scanned page each).
  const pictures = detail.attachments.length ? [] : reportPictures(page);
  if (pictures.length) await storePictures(ctx, { pageUrl: page.url, pictures, hints });
}

/**
 * An ambiguous item's page: the attachments to fetch when it is a report or a cover of one (all of
 * them when the page itself is a report), or null when it is neither (nothing stored). Logs the outcome.
 */
async function judgeAmbiguous(
  r: CrawlRequest,
  ctx: CrawlContext,
  page: FetchedPage,
  detail: DetailResult,
): Promise<DetailResult['attachments'] | null> {
  const list = r.ambiguous!.list;
  const title = r.ambiguous!.title;
  const judged = judgeDocument(detail.title ?? (title || null), reportMarkers(flatten(articleText(page))));
  const outcome = (decision: 'kept' | 'skipped', reason: string) =>
    ctx.decide([{ list_url: list, item_url: r.url, title, decision, by: 'content', reason }]);
  if (judged.report) {
    await outcome('kept', `page: ${judged.reason}`);
    return detail.attachments;
  }
  // Not a report by its own text: a cover (函, 通知) or a bare page whose attachments name the report.
  const cover = judged.title?.kind === 'cover_letter' || judged.title?.kind === 'cover_notice';
  const named = detail.attachments.map((a) => ({ a, v: classifyTitle(a.name || a.url.split('/').pop()) }));
  const wanted = named.filter(({ v }) => namesReport(v) || (cover && v.decision !== 'skipped'));
  await ctx.decide(
    named.map(({ a, v }) => ({
      list_url: page.url,
      item_url: a.url,
      title: a.name,
      decision: wanted.some((w) => w.a === a) ? 'kept' : 'skipped',
      by: 'attachment',
      reason: cover && v.decision === 'ambiguous' ? `attachment of a ${judged.title!.reason}` : v.reason,
    })),
  );
  if (!wanted.length) {
    await outcome('skipped', `page: ${judged.reason}; no attachment names a report`);
    return null;
  }
  await outcome(
    'kept',
    `page: ${judged.reason}; attachment${wanted.length > 1 ? 's' : ''} ${wanted.map(({ a }) => a.name).join(', ')}`,
  );
  return wanted.map(({ a }) => a);
}
