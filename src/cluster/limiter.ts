// Politeness for the whole cluster: every worker asks Redis for a host's next request slot, so the
// per-host rate holds for all workers together; robots.txt is read once per origin for all of them;
// a host that blocks (403, or 429 that does not clear) is backed off for everyone until the back-off
// key expires. Redis's own clock decides the slots (one clock for all machines).
import type { RequestLimiter, RobotsStore } from '../net/manners.js';
import type { Redis } from 'ioredis';

// KEYS[1] the host's next free slot (ms), KEYS[2] its back-off end (ms); ARGV[1] how long the slot holds the host (ms):
// the interval, plus how late the request may come (RequestLimiter.wait's `lateMs`).
// Returns how long to wait before sending.
const SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local slot = tonumber(redis.call('GET', KEYS[1]) or '0')
local backoff = tonumber(redis.call('GET', KEYS[2]) or '0')
if slot < now then slot = now end
if slot < backoff then slot = backoff end
local interval = tonumber(ARGV[1])
redis.call('SET', KEYS[1], tostring(slot + interval), 'PX', math.floor(slot + interval - now) + 60000)
return slot - now
`;

// KEYS[1] the host's back-off end (ms). Returns how long the back-off still runs (≤ 0: none).
const BACKED_OFF = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return tonumber(redis.call('GET', KEYS[1]) or '0') - now
`;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Added to every slot: between a slot and its request reaching the host lie the reply from Redis,
 * the worker's event loop and the connection, which vary by tens of milliseconds on a busy machine
 * (a late request followed by one on time would bring two closer than the interval). With it —
 * 25 ms plus a tenth of the interval — and a slot reached later than that margin given up for a
 * new one, the host sees at most `rate` requests in any second (test/cluster/ measures it there).
 */
export const JITTER_MARGIN_MS = 25;
/** Slots taken for one request at most, when each is reached too late (then it goes on the last). */
const MAX_SLOT_ATTEMPTS = 5;
export const JITTER_MARGIN_SHARE = 0.1;

export class ClusterLimiter implements RequestLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly rate: number,
  ) {}

  async wait(url: URL, lateMs = 0): Promise<void> {
    const interval =
      Number.isFinite(this.rate) && this.rate > 0
        ? Math.ceil((1000 / this.rate) * (1 + JITTER_MARGIN_SHARE)) + JITTER_MARGIN_MS
        : 0;
    if (interval === 0) return;
    const margin = interval - Math.ceil(1000 / this.rate);
    const host = url.host;
    for (let attempt = 1; ; attempt++) {
      const asked = Date.now();
      const wait = Number(
        await this.redis.call('EVAL', SLOT, 2, `ogi:slot:${host}`, `ogi:backoff:${host}`, String(interval + lateMs)),
      );
      if (wait > 0) await sleep(wait);
      // A back-off begun while this request waited for its slot (another worker met the block) holds
      // it too: a new slot is taken, after the back-off.
      if (wait > 0 && Number(await this.redis.call('EVAL', BACKED_OFF, 1, `ogi:backoff:${host}`)) > 0) continue;
      // A slot reached later than its margin (a stalled event loop, a slow reply from Redis) would
      // bring this request closer to the next one than the interval: it is given up, a new one taken.
      if (Date.now() - asked - Math.max(wait, 0) <= margin || attempt >= MAX_SLOT_ATTEMPTS) return;
    }
  }

  async clear(url: URL): Promise<void> {
    for (;;) {
      const left = Number(await this.redis.call('EVAL', BACKED_OFF, 1, `ogi:backoff:${url.host}`));
      if (left <= 0) return;
      await sleep(left);
    }
  }

  /** Leaves `host` alone for `ms`, for every worker. */
  async backOff(host: string, ms: number): Promise<void> {
    const t = (await this.redis.call('TIME')) as string[];
    const now = Number(t[0]) * 1000 + Math.floor(Number(t[1]) / 1000);
    await this.redis.call('SET', `ogi:backoff:${host}`, String(now + ms), 'PX', String(ms));
  }
}

/** robots.txt per origin in Redis ('' + a marker for "none"), for the run. */
export class ClusterRobots implements RobotsStore {
  constructor(private readonly redis: Redis) {}

  async get(origin: string): Promise<string | null | undefined> {
    const v = await this.redis.call('GET', `ogi:robots:${origin}`);
    if (typeof v !== 'string') return undefined;
    return v === 'none' ? null : v.slice(1);
  }

  async set(origin: string, body: string | null): Promise<void> {
    await this.redis.call('SET', `ogi:robots:${origin}`, body === null ? 'none' : `=${body}`);
  }
}
