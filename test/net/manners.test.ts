// Manners without a server: allowed hosts, backoff and Retry-After, the per-host rate limiter (fake clock).
import { describe, expect, it, vi } from 'vitest';
import {
  HostRateLimiter,
  backoffDelay,
  explicitAllowance,
  isAllowedHost,
  parseRetryAfter,
  registrableDomain,
} from '../../src/net/manners.js';

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
  it('registrable domains by the public-suffix list', () => {
    expect(registrableDomain('www.example.com.cn')).toBe('example.com.cn');
    expect(registrableDomain('a.b.example.org')).toBe('example.org');
    expect(registrableDomain('zwgk.xian.gov.cn')).toBe('xian.gov.cn');
    expect(registrableDomain('someone.github.io')).toBe('someone.github.io');
    expect(registrableDomain('github.io')).toBeNull();
    expect(registrableDomain('10.1.2.3')).toBeNull();
  });

  it('a URL the user named allows its host and its registrable domain, nothing else', () => {
    const named = explicitAllowance([
      'http://10.1.2.3:8080/nb/',
      'http://www.county-archive.com.cn/gknb/',
      'https://someone.github.io/x/',
    ]);
    expect(named).toEqual({
      hosts: ['10.1.2.3:8080', 'www.county-archive.com.cn', 'someone.github.io'],
      domains: ['county-archive.com.cn', 'someone.github.io'],
    });
    const allowed = (u: string) => isAllowedHost(new URL(u), named.hosts, named.domains);
    expect(allowed('http://10.1.2.3:8080/nb/1.html')).toBe(true);
    expect(allowed('http://10.1.2.3:9090/')).toBe(false); // another port: another site
    expect(allowed('http://10.1.2.4:8080/')).toBe(false);
    expect(allowed('http://county-archive.com.cn/gknb/')).toBe(true); // a redirect to the bare domain
    expect(allowed('http://files.county-archive.com.cn/a.pdf')).toBe(true);
    expect(allowed('http://county-archive.com.cn.evil.example/')).toBe(false);
    expect(allowed('http://other-archive.com.cn/')).toBe(false);
    expect(allowed('https://other.github.io/')).toBe(false); // a neighbour under a public suffix
    expect(allowed('https://www.example.gov.cn/')).toBe(true); // gov.cn stays allowed
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

  it("holds the host longer after a request that may reach it late (the browser's)", async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const limiter = new HostRateLimiter(2);
      const released: string[] = [];
      const wait = (u: string, late?: number) =>
        limiter.wait(new URL(u), late).then(() => released.push(`${u.slice(-1)}@${Date.now()}`));
      const all = Promise.all([wait('http://a.gov.cn/1', 300), wait('http://a.gov.cn/2'), wait('http://a.gov.cn/3')]);
      await vi.advanceTimersByTimeAsync(2000);
      await all;
      expect(released).toEqual(['1@0', '2@800', '3@1300']);
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
