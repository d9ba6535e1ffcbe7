// The work area shared by the stages. Each stage reads only the previous stage's files, so
// `ogi extract`, `ogi publish` and `ogi refresh` can run alone.
//
//   storage/
//     documents/<sha256[0:2]>/<sha256>   raw bytes, content-addressed (never a name from the web)
//     documents.jsonl                    one DocumentEntry per fetched document version (append-only)
//     failures.jsonl                     one Failure per problem (append-only; which still stand: src/workarea/failures.ts)
//     decisions.jsonl                    why each list item was fetched or not (append-only: src/workarea/decisions.ts)
//     records/<sha256>.json              extracted record cache, keyed by document hash
//     records/<sha256>.failed            the typed failure of a document that could not be extracted
//     crawl/                             crawler state (named crawlee stores, HTTP validators)
//     crawl/crawl.lock                   the storage lock (src/workarea/lock.ts)
//   datasets/
//     .publish.lock                      the publish lock (one `ogi publish` at a time)
//
// Every file here is written by src/workarea/ (the crawler through its DocumentStore); a temporary
// file is `<name>.ogi-<pid>-<random>.tmp` beside its target (src/workarea/atomic.ts), a download
// `documents/download.ogi-<pid>-<random>.tmp` until it is renamed to its blob.
import path from 'node:path';
import type { FailureKind } from '../failures.js';
import type { DocumentHints } from '../record.js';

export interface DocumentEntry {
  /** URL the document was requested at. */
  url: string;
  /** URL after redirects. */
  final_url: string;
  /** The report's detail page (for an attachment, the page linking to it; for a page, itself). */
  page_url: string | null;
  sha256: string;
  bytes: number;
  content_type: string | null;
  /** Attachment file name decoded from Content-Disposition or the link text; never used as a path. */
  filename: string | null;
  fetched_at: string;
  etag: string | null;
  last_modified: string | null;
  /**
   * page: an article page; attachment: a file; pictures: a report published as pictures on an article
   * page — the list of its pictures (sys/pictures.ts PictureSet), at `<page url>#pictures`, extracted as one
   * document; picture: one of those pictures (its own URL), stored for the list, never extracted alone.
   */
  kind: 'page' | 'attachment' | 'pictures' | 'picture';
  /** What the list item and its list page said about the report (used when the document does not). */
  hints: DocumentHints;
  /** sha256 of an earlier document with the same agency, year, scope and content, if any. */
  duplicate_of?: string | null;
}

export type { DocumentHints };

/** The fragment that names the picture set of an article page (a URL never fetched: `<page url>#pictures`). */
export const PICTURES_FRAGMENT = '#pictures';

/** A document a page gives as its report (an attachment, or the page's pictures as one picture set). */
export const isReportOfPage = (entry: Pick<DocumentEntry, 'kind'>): boolean =>
  entry.kind === 'attachment' || entry.kind === 'pictures';

/** Whether a document is extracted on its own (a picture is read as a page of its picture set). */
export const extractedAlone = (entry: Pick<DocumentEntry, 'kind'>): boolean => entry.kind !== 'picture';

export type Stage = 'crawl' | 'download' | 'extract' | 'publish';

export interface Failure {
  url: string;
  stage: Stage;
  /** Machine-readable reason (src/failures.ts): http_404, timeout, blocked, layout_changed, corrupt_pdf, not_a_report… */
  kind: FailureKind;
  message: string;
  at: string;
}

export function storagePaths(root: string) {
  return {
    root,
    documents: path.join(root, 'documents'),
    documentIndex: path.join(root, 'documents.jsonl'),
    failures: path.join(root, 'failures.jsonl'),
    decisions: path.join(root, 'decisions.jsonl'),
    records: path.join(root, 'records'),
    crawl: path.join(root, 'crawl'),
    lock: path.join(root, 'crawl', 'crawl.lock'),
    documentFile: (sha256: string) => path.join(root, 'documents', sha256.slice(0, 2), sha256),
    recordFile: (sha256: string) => path.join(root, 'records', `${sha256}.json`),
    failedFile: (sha256: string) => path.join(root, 'records', `${sha256}.failed`),
    /** Pages read by OCR, by document hash, page and engine (src/extract/text/ocr.ts). */
    ocr: path.join(root, 'ocr'),
  };
}

export function datasetsPaths(root: string) {
  return { root, lock: path.join(root, '.publish.lock') };
}

export const DEFAULT_STORAGE = 'storage';
export const DEFAULT_DATASETS = 'datasets';
