// How the crawler behaves towards a host: only government hosts (plus configured ones), robots.txt
// obeyed, one polite request rate per host, retries with exponential backoff that honour Retry-After.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Robot } from 'robots-parser';
import { getDomain } from 'tldts';
import { HOMEPAGE, PACKAGE_ROOT } from '../sys/package-root.js';

const require = createRequire(import.meta.url);
const robotsParser = require('robots-parser') as (url: string, body: string) => Robot;

export const VERSION: string = (require(path.join(PACKAGE_ROOT, 'package.json')) as { version: string }).version;
export const USER_AGENT = `ogi/${VERSION} (+${HOMEPAGE}; open government information research)`;

/**
 * `*.gov.cn` (and `gov.cn`) hosts, plus the hosts named in `extra` (exact host or `host:port`), plus
 * the hosts under the registrable domains in `domains` (see explicitDomains).
 */
export function isAllowedHost(url: URL, extra: readonly string[] = [], domains: readonly string[] = []): boolean {
  const host = url.hostname.toLowerCase();
  if (host === 'gov.cn' || host.endsWith('.gov.cn')) return true;
  if (
    extra.some((h) => {
      const allowed = h.toLowerCase();
      return allowed === host || allowed === url.host.toLowerCase();
    })
  )
    return true;
  if (!domains.length) return false;
  const domain = registrableDomain(host);
  return domain !== null && domains.includes(domain);
}

/**
 * The registrable domain of a host by the public-suffix list (tldts): www.example.com.cn →
 * example.com.cn, a.b.example.org → example.org; null for an IP address or a bare public suffix
 * (github.io), whose neighbours are other people's sites.
 */
export function registrableDomain(host: string): string | null {
  return getDomain(host, { allowPrivateDomains: true }) ?? null;
}

/**
 * What a URL the user named (`--url`) lets the crawl reach besides `*.gov.cn`: its own host (an IP
 * address or any name, with its port) and the hosts of its registrable domain, so its redirects
 * (example.com → www.example.com) and its own subdomains are followed; links to anywhere else are not.
 */
export function explicitAllowance(urls: readonly string[]): { hosts: string[]; domains: string[] } {
  const hosts = new Set<string>();
  const domains = new Set<string>();
  for (const u of urls) {
    const url = new URL(u);
    hosts.add(url.host.toLowerCase());
    const domain = registrableDomain(url.hostname.toLowerCase());
    if (domain) domains.add(domain);
  }
  return { hosts: [...hosts], domains: [...domains] };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits for a host's next request slot: this process's (HostRateLimiter) or a cluster's (src/cluster/limiter.ts). */
export interface RequestLimiter {
  /**
   * Waits for the host's next request slot (and takes it). `lateMs`: how late after its slot this
   * request may still reach the host (one sent by the browser): the host is held that much longer,
   * so a request late by up to that comes no closer to the next one than the interval.
   */
  wait(url: URL, lateMs?: number): Promise<void>;
  /** Waits while the host is backed off, taking no slot (the cluster's limiter; one machine has none). */
  clear?(url: URL): Promise<void>;
}

/**
 * robots.txt bodies kept where other processes find them (the cluster's Redis): `undefined` = not
 * known yet, `null` = the host has none (a 4xx).
 */
export interface RobotsStore {
  get(origin: string): Promise<string | null | undefined>;
  set(origin: string, body: string | null): Promise<void>;
}

/** At most `rate` requests per second to each host (`Infinity` turns the limit off), in this process. */
export class HostRateLimiter implements RequestLimiter {
  private readonly nextSlot = new Map<string, number>();
  constructor(private readonly rate: number) {}

  async wait(url: URL, lateMs = 0): Promise<void> {
    if (!Number.isFinite(this.rate) || this.rate <= 0) return;
    const interval = 1000 / this.rate;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot.get(url.host) ?? 0);
    this.nextSlot.set(url.host, slot + interval + lateMs);
    if (slot > now) await sleep(slot - now);
  }
}

/** robots.txt per host, fetched once per crawl; a missing or unreadable file allows everything. */
export class RobotsCache {
  private readonly robots = new Map<string, Promise<Robot | null>>();
  constructor(private readonly load: (robotsUrl: string) => Promise<string | null>) {}

  async allows(url: string, userAgent: string): Promise<boolean> {
    const u = new URL(url);
    let robot = this.robots.get(u.origin);
    if (!robot) {
      const robotsUrl = `${u.origin}/robots.txt`;
      robot = this.load(robotsUrl).then(
        (body) => (body === null ? null : robotsParser(robotsUrl, body)),
        () => null,
      );
      this.robots.set(u.origin, robot);
    }
    const r = await robot;
    return r ? r.isAllowed(url, userAgent) !== false : true;
  }
}

export interface RetryPolicy {
  /** Further attempts after the first. */
  retries: number;
  /** First backoff; doubles each attempt. */
  baseDelayMs: number;
  /** Upper bound for any wait, including a server's Retry-After. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 1000, maxDelayMs: 60_000 };

/** HTTP statuses worth another try: server errors and throttling. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || (status >= 500 && status <= 599);
}

/** Delay before attempt `attempt + 1` (0-based): Retry-After when the server gave one, else exponential. */
export function backoffDelay(policy: RetryPolicy, attempt: number, retryAfter?: string | null): number {
  const fromHeader = parseRetryAfter(retryAfter);
  const delay = fromHeader ?? policy.baseDelayMs * 2 ** attempt;
  return Math.min(delay, policy.maxDelayMs);
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value?: string | null): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
