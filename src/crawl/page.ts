// Builds the FetchedPage the adapters read, from a decoded body and its URL. The runtime calls it
// after fetching; tests call it on saved pages. Also the small readers every adapter shares:
// the nationwide meta tags, epoch dates and the fixture header of saved pages.
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import type { DocumentHints } from '../workarea/layout.js';
import { fold } from '../text/normalise.js';
import type { FetchedPage } from './platform.js';

export interface LoadOptions {
  contentType?: string | null;
  /** First page of a list (the entry URL). Default true. */
  isFirst?: boolean;
  hints?: DocumentHints;
}

export function loadPage(body: string, url: string, opts: LoadOptions = {}): FetchedPage {
  const text = body.replace(/^\uFEFF/, '');
  const $ = looksLikeJson(text) ? cheerio.load('') : cheerio.load(text);
  return {
    url,
    body: text,
    contentType: opts.contentType ?? null,
    $,
    isFirst: opts.isFirst ?? true,
    resolve: (href: string) => resolveUrl(href, url),
    hints: opts.hints ?? {},
  };
}

export function looksLikeJson(body: string): boolean {
  return /^\s*[[{]/.test(body);
}

/** Absolute URL of a link; '' for javascript:, mailto:, anchors and unparsable hrefs. */
export function resolveUrl(href: string, base: string): string {
  const h = href.trim().replace(/\\/g, '/');
  if (!h || h.startsWith('#') || /^(javascript|mailto|tel|data):/i.test(h)) return '';
  try {
    const u = new URL(h, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return '';
    u.hash = '';
    return u.href;
  } catch {
    return '';
  }
}

/** decodeURIComponent, or the text as it is when it is not valid percent-encoding. */
export function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * First non-empty value of a nationwide meta tag (SiteName, SiteIDCode, ColumnName, ArticleTitle,
 * PubDate, ContentSource…). Names compare case-insensitively; attribute order does not matter;
 * tags with a misspelled content attribute (concent=) are skipped.
 */
export function meta($: CheerioAPI, name: string): string | null {
  const want = name.toLowerCase();
  for (const el of $('meta').toArray()) {
    const n = $(el).attr('name');
    if (n?.toLowerCase() !== want) continue;
    const v = fold($(el).attr('content'));
    if (v) return v;
  }
  return null;
}

/** ISO date from a Unix time in seconds or milliseconds (UTC+8, as the portals mean it). */
export function isoFromEpoch(n: number): string {
  const ms = n < 1e12 ? n * 1000 : n;
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Header of a saved page: `<!-- ogi-fixture url=… from=… -->` on the first line. */
export interface FixtureHeader {
  url: string;
  from: string | null;
  /** Further key=value pairs (platform=…, first=false, method=POST…). */
  [key: string]: string | null;
}

/** Splits a saved page into its header and the body as fetched. */
export function parseFixture(text: string): { header: FixtureHeader; body: string } {
  const nl = text.indexOf('\n');
  const first = nl < 0 ? text : text.slice(0, nl);
  const m = /^<!--\s*ogi-fixture\s+(.*?)\s*-->\s*$/.exec(first.trim());
  if (!m) throw new Error('saved page has no "<!-- ogi-fixture url=… from=… -->" first line');
  const header: FixtureHeader = { url: '', from: null };
  for (const pair of m[1].matchAll(/(\w+)=("[^"]*"|\S+)/g)) header[pair[1]] = pair[2].replace(/^"|"$/g, '');
  if (!header.url) throw new Error('fixture header has no url=');
  return { header, body: nl < 0 ? '' : text.slice(nl + 1) };
}
