// What a request's failure is, as the Failure kind and message it is recorded with: the fetch's own
// kind (http_404, timeout, blocked…), a list page's layout_changed, a typed CrawlFailure a handler
// throws, else `error` (a bug, not the site).
import type { FailureKind } from '../failures.js';
import { FetchError } from '../net/fetch.js';
import { LayoutChanged } from './platform.js';

/** A failure a handler names itself (e.g. not_an_image). */
export class CrawlFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'CrawlFailure';
  }
}

export function describeFailure(err: unknown): { kind: FailureKind; message: string } {
  if (err instanceof FetchError || err instanceof CrawlFailure) return { kind: err.kind, message: err.message };
  if (err instanceof LayoutChanged) return { kind: 'layout_changed', message: err.message };
  const e = err as { name?: string; kind?: FailureKind; message?: string };
  if (e?.name === 'TimeoutError') return { kind: 'timeout', message: e.message ?? String(err) };
  if (e?.name === 'ExtractError' && e.kind) return { kind: e.kind, message: e.message ?? String(err) };
  return { kind: 'error', message: e?.message ?? String(err) };
}
