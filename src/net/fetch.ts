// One HTTP client for the whole crawl, built on Node's fetch (undici) rather than crawlee's got-scraping:
// we need the raw bytes with a hard size cap, conditional requests (If-None-Match / If-Modified-Since)
// answered by 304, every redirect hop (cookie-setting 302-to-self WAFs) and the final URL, and POST for
// Hanweb's dataproxy. Manners (allowed hosts, robots.txt, per-host rate, retries) are applied here, so
// every request of the crawl goes through them.
// A body is read into memory (a list or detail page, to be parsed) or, with `toFile`, streamed to a
// file and hashed on the way (a document: up to the cap, 50 MB, never whole in memory).
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { BROWSER_LATE_MS, BrowserSession } from './browser.js';
import { CookieJar, cookieHeader, storeSetCookies } from './cookies.js';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, MIN_BROWSER_TIMEOUT_MS } from './defaults.js';
import { stamp } from '../sys/clock.js';
import type { FetchFailureKind } from '../failures.js';
import {
  DEFAULT_RETRY,
  HostRateLimiter,
  RobotsCache,
  USER_AGENT,
  backoffDelay,
  isAllowedHost,
  isRetryableStatus,
  type RequestLimiter,
  type RetryPolicy,
  type RobotsStore,
} from './manners.js';

const MAX_REDIRECTS = 10;

/** Why a fetch failed; `kind` is the Failure kind recorded for it. */
export class FetchError extends Error {
  override readonly name = 'FetchError';
  constructor(
    readonly kind: FetchFailureKind,
    readonly url: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export interface FetchRequest {
  url: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  /** Send If-None-Match / If-Modified-Since; a 304 answer gives `notModified`. */
  validators?: Validators;
  /**
   * Stream a 2xx body into this file (created or truncated) instead of memory; the result's `file`
   * gives its size and sha256. The caller renames or removes the file; a failed fetch leaves none.
   */
  toFile?: string;
}

/** A body streamed to a file (FetchRequest.toFile). */
export interface BodyFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface FetchResult {
  url: string;
  finalUrl: string;
  status: number;
  notModified: boolean;
  /** Raw body (empty on 304, and when it went to `file`). */
  body: Buffer;
  /** The body written to FetchRequest.toFile (absent on 304 and without toFile). */
  file?: BodyFile;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  contentDisposition: string | null;
  fetchedAt: string;
}

export interface HttpClientOptions {
  userAgent?: string;
  /** Requests per second per host; Infinity = no limit. */
  rate?: number;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  maxBytes?: number;
  /** Hosts allowed besides *.gov.cn. */
  allowHosts?: readonly string[];
  /** Registrable domains whose hosts are allowed (those of the URLs the user named: explicitAllowance). */
  allowDomains?: readonly string[];
  /** Obey robots.txt (default true). */
  robots?: boolean;
  /** The per-host rate limiter (default: this process's, at `rate`); a cluster shares one (src/cluster/). */
  limiter?: RequestLimiter;
  /** robots.txt bodies shared with other processes (default: this process's cache only). */
  robotsStore?: RobotsStore;
  /** Called for each HTTP exchange (for the progress line and tests). */
  onResponse?: (url: string, status: number) => void;
}

/**
 * A browser that keeps this client's manners: the hosts it allows, and for every request a rendered
 * page makes, robots.txt and the host's rate, and at least MIN_BROWSER_TIMEOUT_MS per page.
 */
export function politeBrowser(
  http: HttpClient,
  opts: { userAgent: string; args?: string[]; timeoutMs?: number },
): BrowserSession {
  return new BrowserSession({
    userAgent: opts.userAgent,
    isAllowed: (u) => http.isAllowed(u),
    admit: (u) =>
      http.admit(u).then(
        () => http.slot(u).then(() => true),
        () => false,
      ),
    slot: (u) => http.slot(u),
    args: opts.args,
    timeoutMs: Math.max(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, MIN_BROWSER_TIMEOUT_MS),
  });
}

export class HttpClient {
  readonly jar = new CookieJar();
  readonly userAgent: string;
  private readonly limiter: RequestLimiter;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly allowHosts: readonly string[];
  private readonly allowDomains: readonly string[];
  private readonly robots: RobotsCache | null;
  /** Origins whose robots.txt could not be read (5xx, timeout, network), with why: disallowed for the run. */
  private readonly unreachableRobots = new Map<string, FetchError>();

  constructor(private readonly opts: HttpClientOptions = {}) {
    this.userAgent = opts.userAgent ?? USER_AGENT;
    this.limiter = opts.limiter ?? new HostRateLimiter(opts.rate ?? 1);
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    this.allowHosts = opts.allowHosts ?? [];
    this.allowDomains = opts.allowDomains ?? [];
    this.robots = opts.robots === false ? null : new RobotsCache((u) => this.loadRobots(u));
  }

  isAllowed(url: string): boolean {
    try {
      return isAllowedHost(new URL(url), this.allowHosts, this.allowDomains);
    } catch {
      return false;
    }
  }

  /** Host allowed and robots.txt agrees; throws FetchError('not_allowed' | 'robots') otherwise. */
  async admit(url: string): Promise<void> {
    if (!this.isAllowed(url)) throw new FetchError('not_allowed', url, `host not allowed: ${url}`);
    if (this.robots && !(await this.robots.allows(url, this.userAgent))) {
      const why = this.unreachableRobots.get(new URL(url).origin);
      if (!why) throw new FetchError('robots', url, `disallowed by robots.txt: ${url}`);
      // A host that does not answer keeps its own kind (network, timeout); one whose robots.txt
      // fails with a server error is a robots refusal.
      const kind = why.status === undefined ? why.kind : 'robots';
      const reason = why.status === undefined ? why.kind : `HTTP ${why.status}`;
      throw new FetchError(
        kind,
        url,
        `robots.txt unreachable (${reason}): the host counts as disallowing everything this run (RFC 9309): ${url}`,
      );
    }
  }

  /**
   * Waits for the host's next request slot, for a request the browser sends: it reaches the host
   * later than this client's own (the route's answer, Chromium, the fence; up to hundreds of ms on a
   * busy machine), so the host is held BROWSER_LATE_MS longer after it.
   */
  async slot(url: string): Promise<void> {
    await this.limiter.wait(new URL(url), BROWSER_LATE_MS);
  }

  /** Waits while the host is backed off (before opening a page whose slot is taken as it is sent). */
  async cleared(url: string): Promise<void> {
    await this.limiter.clear?.(new URL(url));
  }

  /** Fetch with all manners applied; throws FetchError for anything but a 2xx or a 304. */
  async fetch(req: FetchRequest): Promise<FetchResult> {
    await this.admit(req.url);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.fetchOnce(req);
      } catch (err) {
        const e = toFetchError(err, req.url);
        const retryable =
          e.kind === 'timeout' || e.kind === 'network' || (e.status !== undefined && isRetryableStatus(e.status));
        if (!retryable || attempt >= this.retry.retries) {
          throw e.status === 429
            ? new FetchError('blocked', e.url, `${e.message} (still throttled after ${attempt + 1} attempts)`, 429)
            : e;
        }
        await sleep(backoffDelay(this.retry, attempt, e instanceof RetryAfterError ? e.retryAfter : null));
      }
    }
  }

  /** One request, following redirects by hand (cookies set on every hop), body read under the size cap. */
  private async fetchOnce(req: FetchRequest): Promise<FetchResult> {
    let url = req.url;
    let method = req.method ?? 'GET';
    let body = req.body;
    const signal = AbortSignal.timeout(this.timeoutMs);
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (hop > 0 && !this.isAllowed(url))
        throw new FetchError('not_allowed', url, `redirected to a host not allowed: ${url}`);
      await this.limiter.wait(new URL(url));
      const headers: Record<string, string> = {
        'user-agent': this.userAgent,
        accept: '*/*',
        'accept-language': 'zh-CN,zh;q=0.9',
        ...req.headers,
      };
      const cookie = await cookieHeader(this.jar, url);
      if (cookie) headers.cookie = cookie;
      if (req.validators?.etag) headers['if-none-match'] = req.validators.etag;
      if (req.validators?.lastModified) headers['if-modified-since'] = req.validators.lastModified;
      if (method === 'POST') headers['content-type'] ??= 'application/x-www-form-urlencoded; charset=UTF-8';
      const res = await fetch(url, {
        method,
        body: method === 'POST' ? body : undefined,
        headers,
        redirect: 'manual',
        signal,
      });
      this.opts.onResponse?.(url, res.status);
      await storeSetCookies(this.jar, url, res.headers.getSetCookie());
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && res.status !== 304 && location) {
        await res.body?.cancel();
        url = new URL(location, url).href;
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        continue;
      }
      const result = {
        url: req.url,
        finalUrl: url,
        status: res.status,
        notModified: res.status === 304,
        contentType: res.headers.get('content-type'),
        etag: res.headers.get('etag'),
        lastModified: res.headers.get('last-modified'),
        contentDisposition: res.headers.get('content-disposition'),
        fetchedAt: stamp(),
      };
      if (res.status === 304) {
        await res.body?.cancel();
        return { ...result, body: Buffer.alloc(0) };
      }
      if (res.status < 200 || res.status >= 300) {
        const text = await readCapped(res, 64 * 1024, url).catch(() => Buffer.alloc(0));
        throw httpError(url, res.status, res.headers.get('retry-after'), text);
      }
      if (req.toFile)
        return { ...result, body: Buffer.alloc(0), file: await writeCapped(res, this.maxBytes, url, req.toFile) };
      return { ...result, body: await readCapped(res, this.maxBytes, url) };
    }
    throw new FetchError('too_many_redirects', req.url, `more than ${MAX_REDIRECTS} redirects from ${req.url}`);
  }

  /**
   * robots.txt as RFC 9309 §2.3.1 reads it: a 4xx means there is none (everything allowed); a 5xx,
   * a timeout or a network error means it is unreachable, and the host is treated as disallowing
   * everything for this run (its requests fail as `robots`, naming the reason).
   */
  private async loadRobots(robotsUrl: string): Promise<string | null> {
    const origin = new URL(robotsUrl).origin;
    const shared = this.opts.robotsStore;
    const known = await shared?.get(origin);
    if (known !== undefined) return known;
    try {
      const res = await this.fetchOnce({ url: robotsUrl });
      const body = res.body.toString('utf8');
      await shared?.set(origin, body);
      return body;
    } catch (err) {
      const e = toFetchError(err, robotsUrl);
      if (e.status !== undefined && e.status >= 400 && e.status < 500) {
        await shared?.set(origin, null);
        return null;
      }
      // unreachable: not shared, every process finds out for itself
      this.unreachableRobots.set(new URL(robotsUrl).origin, e);
      return 'User-agent: *\nDisallow: /\n';
    }
  }
}

class RetryAfterError extends FetchError {
  constructor(
    url: string,
    status: number,
    readonly retryAfter: string | null,
    message: string,
  ) {
    super(status === 429 ? 'http_429' : `http_${status}`, url, message, status);
  }
}

function httpError(url: string, status: number, retryAfter: string | null, body: Buffer): FetchError {
  const message = `HTTP ${status} from ${url}`;
  if (status === 412) return new FetchError('challenge', url, `${message} (JavaScript challenge)`, status);
  if (status === 403)
    return new FetchError('blocked', url, `${message} (forbidden: blocked for this client or network)`, status);
  if (isRetryableStatus(status)) return new RetryAfterError(url, status, retryAfter, message);
  void body;
  return new FetchError(`http_${status}`, url, message, status);
}

/**
 * Hands each chunk of the body to `take`, aborting as soon as the body passes `max` bytes
 * (Content-Length is checked first). Returns the byte count.
 */
async function eachChunk(
  res: Response,
  max: number,
  url: string,
  take: (chunk: Uint8Array) => unknown,
): Promise<number> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel();
    throw new FetchError('too_large', url, `${url} is ${declared} bytes, over the ${max}-byte cap`);
  }
  if (!res.body) return 0;
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      throw new FetchError('too_large', url, `${url} passed the ${max}-byte cap`);
    }
    await take(value);
  }
  return total;
}

/** Reads the body into memory, under the cap. */
async function readCapped(res: Response, max: number, url: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const total = await eachChunk(res, max, url, (chunk) => chunks.push(Buffer.from(chunk)));
  return Buffer.concat(chunks, total);
}

/** Streams the body into `file` (fsynced), hashing it on the way, under the cap; removes the file on failure. */
async function writeCapped(res: Response, max: number, url: string, file: string): Promise<BodyFile> {
  const hash = createHash('sha256');
  const handle = await fsp.open(file, 'w');
  try {
    const bytes = await eachChunk(res, max, url, async (chunk) => {
      hash.update(chunk);
      for (let offset = 0; offset < chunk.byteLength; )
        offset += (await handle.write(chunk, offset, chunk.byteLength - offset)).bytesWritten;
    });
    await handle.sync();
    await handle.close();
    return { path: file, bytes, sha256: hash.digest('hex') };
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fsp.rm(file, { force: true });
    throw err;
  }
}

function toFetchError(err: unknown, url: string): FetchError {
  if (err instanceof FetchError) return err;
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError')
    return new FetchError('timeout', url, `timed out: ${url}`);
  const detail = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
  return new FetchError('network', url, `network error for ${url}: ${detail}`);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
