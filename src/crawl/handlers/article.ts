// ARTICLE: a report's detail page → stored as a document (kind 'page', with its body text for
// duplicate marking) → its attachments as DOCUMENT requests. The fetch is conditional on what the
// store holds; a 304 is parsed from the stored bytes, so its attachments are still checked.
import type { DocumentHints } from '../../workarea/layout.js';
import { parseDetail } from '../detail.js';
import type { FetchedPage } from '../platform.js';
import type { CrawlRequest } from '../request.js';
import { readPage, type CrawlContext } from './context.js';
import { keep, validatorsOf } from './keep.js';

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
  const res = await ctx.fetcher.fetch({ url: r.url, validators: validatorsOf(prev) }, { asPage: true });
  ctx.page();
  const bytes = res.notModified && prev ? await ctx.store.readBlob(prev.sha256) : res.body;
  const contentType = res.notModified && prev ? prev.content_type : res.contentType;
  if (!isHtml(contentType, bytes)) {
    // The "detail page" is the file itself (a list linking straight to a PDF without an extension).
    await keep(ctx, r, res, prev, { kind: 'attachment', pageUrl: null });
    return;
  }
  const page = readPage(bytes, contentType, res.notModified && prev ? prev.final_url : res.finalUrl, {
    isFirst: false,
    hints: r.hints,
  });
  const detail = parseDetail(page);
  const hints: DocumentHints = {
    ...r.hints,
    ...(detail.title && !r.hints.title ? { title: detail.title } : {}),
    ...(detail.agency && !r.hints.agency ? { agency: detail.agency } : {}),
    ...(detail.published_date && !r.hints.published_date ? { published_date: detail.published_date } : {}),
  };
  await keep(ctx, { ...r, hints }, res, prev, { kind: 'page', pageUrl: page.url, text: articleText(page) });
  await ctx.enqueue(
    detail.attachments.map((a) => ({ label: 'DOCUMENT', url: a.url, hints, pageUrl: page.url, name: a.name })),
  );
}

const BODY_SELECTORS = [
  '#zoom',
  '.TRS_Editor',
  '.trs_editor_view',
  '#UCAP-CONTENT',
  '.article-content',
  '.Article_content',
];

/** The article body's text (for duplicate marking); the whole body when no known container is found. */
function articleText(page: FetchedPage): string {
  const { $ } = page;
  for (const sel of BODY_SELECTORS) {
    const t = $(sel).first().text();
    if (t.trim()) return t;
  }
  return $('body').text();
}
