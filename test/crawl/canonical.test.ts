// Canonical URLs (src/crawl/canonical.ts): every way a portal or a share button decorates a link —
// analytics tags, cache-busters, fragments — is dropped, in any combination and order, and the
// parameters that name the document are kept as written.
import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../src/crawl/canonical.js';

const BASES = [
  'http://www.example.gov.cn/zwgk/nb/t20240115_1001.html',
  'https://gk.example.gov.cn/art/2024/1/20/art_123_901.html',
  'http://10.1.2.3:8080/module/download/downfile.jsp?classid=0&filename=abc123.pdf',
  'http://www.example.gov.cn/content.jsp?id=42&catid=7',
  'http://www.example.gov.cn/xxgk/%E5%B9%B4%E6%8A%A5.pdf',
];
const DECORATIONS = [
  'utm_source=wechat',
  'utm_medium=share&utm_campaign=nb2024',
  'spm=a1.b2.c3',
  'from=timeline',
  'isappinstalled=0',
  'scene=1&clicktime=1712345678',
  '_=1700000000000',
  't=1712345678901',
  'timestamp=1712345678',
  'rnd=0.8237461923',
  'v_t=4f3c2b1a0e9d8c7b6a5f',
];
const FRAGMENTS = ['', '#top', '#p2'];

function decorate(base: string, extra: string[], fragment: string): string {
  if (!extra.length) return base + fragment;
  return `${base}${base.includes('?') ? '&' : '?'}${extra.join('&')}${fragment}`;
}

describe('canonicalUrl', () => {
  it('drops every decoration, alone and in pairs, before or after the real parameters', () => {
    const wrong: string[] = [];
    for (const base of BASES)
      for (const a of DECORATIONS)
        for (const b of ['', ...DECORATIONS])
          for (const f of FRAGMENTS) {
            const extra = b ? [a, b] : [a];
            for (const url of [decorate(base, extra, f), decorate(base, [...extra].reverse(), f)])
              if (canonicalUrl(url) !== base) wrong.push(url);
          }
    expect(wrong).toEqual([]);
  });

  it('keeps decorations placed before the document parameters out too, leaving those as written', () => {
    expect(canonicalUrl('http://www.example.gov.cn/content.jsp?utm_source=x&id=42&_=1700000000000&catid=7#a')).toBe(
      'http://www.example.gov.cn/content.jsp?id=42&catid=7',
    );
  });

  it('keeps parameters that only look like cache-busters when their value names something', () => {
    expect(canonicalUrl('http://www.example.gov.cn/list.jsp?t=2&r=news')).toBe(
      'http://www.example.gov.cn/list.jsp?t=2&r=news',
    );
    expect(canonicalUrl('http://www.example.gov.cn/a.jsp?fromdate=2023-01-01')).toBe(
      'http://www.example.gov.cn/a.jsp?fromdate=2023-01-01',
    );
  });

  it('leaves other schemes and non-URLs alone', () => {
    expect(canonicalUrl('javascript:void(0)')).toBe('javascript:void(0)');
    expect(canonicalUrl('not a url')).toBe('not a url');
  });
});
