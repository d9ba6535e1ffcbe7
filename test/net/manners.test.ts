// Manners without a server: allowed hosts, backoff and Retry-After, the per-host rate limiter (fake clock).
import { describe, expect, it, vi } from 'vitest';
import { HostRateLimiter, backoffDelay, isAllowedHost, parseRetryAfter } from '../../src/net/manners.js';

describe('manners', () => {
  it.each([
    ['https://www.gov.cn/zhengce/', [], true],
    ['http://jgsw.guizhou.gov.cn/a', [], true],
    ['https://gov.cn/', [], true],
    ['https://www.gov.cn.evil.example/', [], false],
    ['https://notgov.cn/', [], false],
    ['http://127.0.0.1:8080/', ['127.0.0.1'], true],
    ['http://127.0.0.1:8080/', ['127.0.0.1:9090'], false],
    ['https://www.moj.gov.cn.mirror.com/', ['example.org'], false],
  ])('isAllowedHost(%s, %j) = %s', (url, extra, ok) => {
    expect(isAllowedHost(new URL(url), extra)).toBe(ok);
  });
  it('backs off exponentially, honouring Retry-After under the cap', () => {
    const policy = { retries: 3, baseDelayMs: 1000, maxDelayMs: 60_000 };
    expect([0, 1, 2, 3].map((a) => backoffDelay(policy, a))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(policy, 0, '5')).toBe(5000);
    expect(backoffDelay(policy, 0, '3600')).toBe(60_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT')).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('HostRateLimiter', () => {
  it('spaces requests to one host by 1/rate and leaves other hosts alone (fake clock)', async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const limiter = new HostRateLimiter(2);
      const released: string[] = [];
      const wait = (u: string) => limiter.wait(new URL(u)).then(() => released.push(`${u.slice(7, 8)}@${Date.now()}`));
      const all = Promise.all([
        wait('http://a.gov.cn/1'),
        wait('http://a.gov.cn/2'),
        wait('http://b.gov.cn/1'),
        wait('http://a.gov.cn/3'),
      ]);
      await vi.advanceTimersByTimeAsync(1000);
      await all;
      expect(released).toEqual(['a@0', 'b@0', 'a@500', 'a@1000']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not wait at all when the rate is Infinity', async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const limiter = new HostRateLimiter(Infinity);
      let released = 0;
      for (let i = 0; i < 100; i++) void limiter.wait(new URL('http://a.gov.cn/')).then(() => released++);
      await vi.advanceTimersByTimeAsync(0);
      expect(released).toBe(100);
    } finally {
      vi.useRealTimers();
    }
  });
});
