// The contract between the crawl runtime (src/crawl/handlers/, src/net/) and the platform adapters.
// An adapter is a pure function: a fetched page in, plain data out; no I/O, so a saved page tests it.
import type { CheerioAPI } from 'cheerio';
import type { DocumentHints } from '../workarea/layout.js';

export interface FetchedPage {
  /** Final URL after redirects. */
  url: string;
  /** Decoded body (HTML, XML or JSON text). */
  body: string;
  contentType: string | null;
  /** Parsed HTML/XML (cheerio), for HTML-ish bodies. */
  $: CheerioAPI;
  /** True for the first page of a list (the entry URL): adapters enumerate further pages only from it. */
  isFirst: boolean;
  /** Resolves a link against the page URL. */
  resolve(href: string): string;
  /** Hints inherited from the entry point (portal definition) and the pages before. */
  hints: DocumentHints;
}

export interface ListItem {
  /** Absolute URL of the detail page or the document itself. */
  url: string;
  /** Title as the list shows it (full title from a title= attribute when the text is truncated). */
  title: string;
  /** ISO date (YYYY-MM-DD) shown in the list, if any. */
  published_date: string | null;
  /** Optional extras some lists carry (TRS JSON lists): 发文日期, 文号, direct attachment URLs. */
  document_date?: string | null;
  doc_number?: string | null;
  attachments?: string[];
}

/** A further request the list needs: another list page or an API call (Hanweb dataproxy is a POST). */
export interface NextRequest {
  url: string;
  method?: 'GET' | 'POST';
  /** application/x-www-form-urlencoded body for POST. */
  body?: string;
  headers?: Record<string, string>;
  /**
   * The request starts a list of its own (a year sub-column, a discovered 年报 column, a gkmlpt
   * category) rather than continuing this one: what it announces is counted apart.
   */
  newList?: boolean;
}

export interface ListResult {
  items: ListItem[];
  next: NextRequest[];
  /** Record and page counts the list announces (totalRecord, articleCount…), when it does. */
  total?: number | null;
  pages?: number | null;
}

export interface DetailResult {
  title: string | null;
  published_date: string | null;
  agency: string | null;
  column_name: string | null;
  attachments: { url: string; name: string }[];
  /** Optional extras from the 政府信息公开 metadata table and meta tags. */
  document_date?: string | null;
  index_number?: string | null;
  doc_number?: string | null;
  site_id_code?: string | null;
}

export interface Platform {
  name: string;
  /** True when this adapter understands the page (used by `ogi crawl --url`). */
  detect(page: FetchedPage): boolean;
  /** List page (or API reply) → report items and further list requests. */
  parseList(page: FetchedPage): ListResult;
  /** Lists rendered by JavaScript: the runtime fetches them with Chromium before parseList. */
  needsBrowser?: boolean;
}

/** A list page that yields no items and no further pages: the column moved or its layout changed. */
export class LayoutChanged extends Error {
  override readonly name = 'LayoutChanged';
  constructor(
    readonly url: string,
    detail: string,
  ) {
    super(`layout changed at ${url}: ${detail}`);
  }
}
