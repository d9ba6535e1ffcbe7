// What lists announce against what the crawl found in them: the count_mismatch findings.
import { describe, expect, it } from 'vitest';
import { ListTally } from '../../src/crawl/tally.js';

describe('ListTally', () => {
  it('reports a list whose pages hold fewer distinct items than it announced, with both numbers', () => {
    const t = new ListTally();
    t.page('https://a.gov.cn/l/', { total: 5, pages: 2 }, ['1', '2']);
    t.page('https://a.gov.cn/l/', { total: 5, pages: 2 }, ['2', '3']);
    expect(t.shortfalls()).toEqual([
      { url: 'https://a.gov.cn/l/', message: 'the list announces 5 records; 3 were found on the 2 list pages read' },
    ]);
  });

  it('compares pages when the list announces no record count, and nothing when it announces nothing', () => {
    const t = new ListTally();
    t.page('https://a.gov.cn/p/', { total: null, pages: 3 }, ['1']);
    t.page('https://a.gov.cn/p/', { pages: 3 }, ['2']);
    t.page('https://a.gov.cn/q/', {}, []);
    t.page('https://a.gov.cn/r/', { total: 2 }, ['1', '2', '3']);
    expect(t.shortfalls()).toEqual([
      { url: 'https://a.gov.cn/p/', message: 'the list announces 3 pages; 2 were read' },
    ]);
  });
});
