// assemble(): the one definition of the dataset — records (identity assigned once), failures (the
// supersession rule) — and the readers of storage/ that never write.
import { describe, expect, it } from 'vitest';
import type { ReportRecord } from '../../src/record.js';
import { selectForPublish, type DocumentEntry, type Failure } from '../../src/workarea/index.js';

/** Every order of `xs` (n! of them): documents arriving in any order. */
const orders = (xs: DocumentEntry[]): DocumentEntry[][] =>
  xs.length <= 1 ? [xs] : xs.flatMap((x, i) => orders([...xs.slice(0, i), ...xs.slice(i + 1)]).map((o) => [x, ...o]));

describe('selectForPublish', () => {
  const entry = (url: string, sha: string, over: Partial<DocumentEntry> = {}): DocumentEntry => ({
    url,
    final_url: url,
    page_url: url,
    sha256: sha,
    bytes: 1,
    content_type: 'text/html',
    filename: null,
    fetched_at: '2026-01-02T00:00:00.000Z',
    etag: null,
    last_modified: null,
    kind: 'page',
    hints: {},
    ...over,
  });
  const record = (sha: string, tables: boolean): ReportRecord =>
    ({
      report_id: `r${sha.slice(0, 16)}`,
      source: { sha256: sha },
      proactive: tables ? { regulations: {} } : null,
      applications: null,
      reviews: null,
    }) as unknown as ReportRecord;
  const sha = (c: string) => c.repeat(64);

  it('drops wrapper pages, keeps one record per document, ids follow the URL, lists current failures', () => {
    const current = [
      entry('http://x/wrapper.html', sha('a')), // links the PDF below, no tables of its own
      entry('http://x/report.pdf', sha('b'), { kind: 'attachment', page_url: 'http://x/wrapper.html' }),
      entry('http://x/full.html', sha('c')), // a page with a report and a report attached (no year known: not paired)
      entry('http://x/full.pdf', sha('d'), { kind: 'attachment', page_url: 'http://x/full.html' }),
      entry('http://x/mirror.pdf', sha('b'), { kind: 'attachment', page_url: null }), // same bytes at another URL
      entry('http://x/broken.pdf', sha('e'), { kind: 'attachment', page_url: 'http://x/wrapper.html' }),
    ];
    const firstSha = new Map(current.map((e) => [e.url, e.sha256]));
    firstSha.set('http://x/full.pdf', sha('9')); // full.pdf was corrected since it was first fetched
    const records = new Map([
      [sha('a'), record(sha('a'), false)],
      [sha('b'), record(sha('b'), true)],
      [sha('c'), record(sha('c'), true)],
      [sha('d'), record(sha('d'), true)],
    ]);
    const failed = new Map([
      [
        sha('e'),
        {
          sha256: sha('e'),
          url: 'http://x/broken.pdf',
          kind: 'corrupt_pdf' as const,
          message: 'bad',
          extractor_version: '1',
          at: 't',
        },
      ],
    ]);
    const logged: Failure[] = [
      {
        url: 'http://x/gone.html',
        stage: 'download',
        kind: 'http_404',
        message: '404',
        at: '2026-01-03T00:00:00.000Z',
      },
      {
        url: 'http://x/full.html',
        stage: 'download',
        kind: 'timeout',
        message: 'slow',
        at: '2026-01-01T00:00:00.000Z',
      }, // fetched since
      {
        url: 'http://x/broken.pdf',
        stage: 'extract',
        kind: 'corrupt_pdf',
        message: 'old',
        at: '2026-01-01T00:00:00.000Z',
      }, // from the cache instead
    ];
    const out = selectForPublish(current, firstSha, records, failed, logged);
    expect(out.records.map((r) => [r.report_id, r.source.document_url])).toEqual([
      [`r${sha('b').slice(0, 16)}`, 'http://x/mirror.pdf'], // the same bytes twice: the first URL is read
      [`r${sha('c').slice(0, 16)}`, 'http://x/full.html'],
      [`r${sha('9').slice(0, 16)}`, 'http://x/full.pdf'],
    ]);
    expect(out.failures.map((f) => [f.url, f.stage, f.kind, f.message])).toEqual([
      ['http://x/broken.pdf', 'extract', 'corrupt_pdf', 'bad'],
      ['http://x/gone.html', 'download', 'http_404', '404'],
    ]);
  });

  it('gives one record per report: an alias, the same bytes, a page and its own attachment', () => {
    const current = [
      entry('http://x/a.html', sha('1')), // the report inline, 2023, with its own PDF
      entry('http://x/a.pdf', sha('2'), { kind: 'attachment', page_url: 'http://x/a.html' }),
      entry('http://x/alias.html', sha('3'), { final_url: 'http://x/b.html' }), // redirects to b.html
      entry('http://x/b.html', sha('4')), // fetched later, a counter on the page changed its bytes
      entry('http://x/c.pdf', sha('5'), { kind: 'attachment', page_url: null }),
      entry('http://y/c-copy.pdf', sha('5'), { kind: 'attachment', page_url: null }), // same bytes elsewhere
      entry('http://x/d.html', sha('6')), // a page with its report and another body's report attached
      entry('http://x/d-other.pdf', sha('7'), { kind: 'attachment', page_url: 'http://x/d.html' }),
    ];
    const firstSha = new Map(current.map((e) => [e.url, e.sha256]));
    const rec = (s: string, over: Partial<ReportRecord>, cells: number): ReportRecord =>
      ({
        report_id: `r${s.slice(0, 16)}`,
        source: { sha256: s, format: 'html' },
        agency: '某县',
        year: 2023,
        confidence: 'high',
        proactive: { regulations: Object.fromEntries([...Array(cells)].map((_, i) => [`c${i}`, i])) },
        applications: null,
        reviews: null,
        ...over,
      }) as unknown as ReportRecord;
    const records = new Map([
      [sha('1'), rec(sha('1'), {}, 3)],
      [sha('2'), rec(sha('2'), { source: { sha256: sha('2'), format: 'pdf' } } as Partial<ReportRecord>, 5)], // richer
      [sha('3'), rec(sha('3'), { year: 2022 }, 4)],
      [sha('4'), rec(sha('4'), { year: 2022 }, 4)], // a tie: read at its own address, not through the alias
      [sha('5'), rec(sha('5'), { year: 2021 }, 2)],
      [sha('6'), rec(sha('6'), { year: 2020 }, 2)],
      [sha('7'), rec(sha('7'), { year: 2020, agency: '另一县' }, 9)],
    ]);
    const out = selectForPublish(current, firstSha, records, new Map(), []);
    expect(
      out.records.map((r) => ({
        id: r.report_id,
        read_from: r.source.document_url,
        page: r.source.page_url,
        format: r.source.format,
        urls: r.source.urls,
      })),
    ).toEqual([
      {
        id: `r${sha('1').slice(0, 16)}`,
        read_from: 'http://x/a.pdf',
        page: 'http://x/a.html',
        format: 'pdf',
        urls: ['http://x/a.html', 'http://x/a.pdf'],
      },
      {
        id: `r${sha('3').slice(0, 16)}`, // the id of the group's first document by URL
        read_from: 'http://x/b.html',
        page: 'http://x/b.html',
        format: 'html',
        urls: ['http://x/alias.html', 'http://x/b.html'],
      },
      {
        id: `r${sha('5').slice(0, 16)}`,
        read_from: 'http://x/c.pdf',
        page: null,
        format: 'html',
        urls: ['http://x/c.pdf', 'http://y/c-copy.pdf'],
      },
      {
        id: `r${sha('6').slice(0, 16)}`,
        read_from: 'http://x/d.html',
        page: 'http://x/d.html',
        format: 'html',
        urls: ['http://x/d.html'],
      },
      {
        id: `r${sha('7').slice(0, 16)}`,
        read_from: 'http://x/d-other.pdf',
        page: 'http://x/d.html',
        format: 'html',
        urls: ['http://x/d-other.pdf', 'http://x/d.html'],
      },
    ]);
  });

  it('does not depend on the order documents were stored in: aliases and copies in any arrival order', () => {
    // One report at four URLs (an alias redirecting to one of them, the same bytes on three hosts, one
    // fetched later), another at two, the one on z.gov.cn fetched a month earlier: which URL names a
    // report and which copy it is read from follow what was stored (fetched first, then the URL),
    // never arrival, which a cluster's workers (or concurrent requests) do not fix.
    const copies = [
      entry('http://b.gov.cn/r.pdf', sha('5'), { kind: 'attachment', page_url: null }),
      entry('http://a.gov.cn/copy.pdf', sha('5'), { kind: 'attachment', page_url: null }),
      entry('http://a.gov.cn/alias.pdf', sha('6'), {
        kind: 'attachment',
        page_url: null,
        final_url: 'http://b.gov.cn/r.pdf',
      }),
      entry('http://c.gov.cn/r.pdf', sha('5'), {
        kind: 'attachment',
        page_url: 'http://c.gov.cn/list.html',
        fetched_at: '2026-01-03T00:00:00.000Z',
      }),
      entry('http://a.gov.cn/new.pdf', sha('7'), { kind: 'attachment', page_url: null }),
      entry('http://z.gov.cn/old.pdf', sha('7'), {
        kind: 'attachment',
        page_url: 'http://z.gov.cn/list.html',
        fetched_at: '2025-12-01T00:00:00.000Z',
      }),
    ];
    const rec = (s: string): ReportRecord =>
      ({
        report_id: `r${s.slice(0, 16)}`,
        source: { sha256: s, format: 'pdf' },
        agency: '某县',
        year: 2023,
        confidence: 'high',
        proactive: { regulations: { a: 1 } },
        applications: null,
        reviews: null,
      }) as unknown as ReportRecord;
    const records = new Map([sha('5'), sha('6'), sha('7')].map((s) => [s, rec(s)]));
    const run = (order: DocumentEntry[]) => {
      const out = selectForPublish(order, new Map(order.map((e) => [e.url, e.sha256])), records, new Map(), []);
      return out.records.sort((a, b) => a.report_id.localeCompare(b.report_id));
    };
    const expected = [
      {
        ...rec(sha('5')),
        report_id: `r${sha('6').slice(0, 16)}`, // a.gov.cn/alias.pdf: the group's first URL (all fetched at once)
        source: {
          sha256: sha('5'),
          format: 'pdf',
          page_url: null,
          document_url: 'http://a.gov.cn/copy.pdf', // the first URL of the tie (alias.pdf only redirects)
          fetched_at: '2026-01-02T00:00:00.000Z',
          urls: [
            'http://a.gov.cn/alias.pdf',
            'http://a.gov.cn/copy.pdf',
            'http://b.gov.cn/r.pdf',
            'http://c.gov.cn/list.html',
            'http://c.gov.cn/r.pdf',
          ],
        },
      },
      {
        ...rec(sha('7')),
        source: {
          sha256: sha('7'),
          format: 'pdf',
          page_url: 'http://z.gov.cn/list.html',
          document_url: 'http://z.gov.cn/old.pdf', // fetched first
          fetched_at: '2025-12-01T00:00:00.000Z',
          urls: ['http://a.gov.cn/new.pdf', 'http://z.gov.cn/list.html', 'http://z.gov.cn/old.pdf'],
        },
      },
    ];
    // Every arrival order of the six documents (6! = 720).
    const all = orders(copies);
    expect(all).toHaveLength(720);
    for (const order of all)
      expect({ order: order.map((e) => e.url), records: run(order) }).toEqual({
        order: order.map((e) => e.url),
        records: expected,
      });
  });

  it('names a failed document by its first copy, whatever the arrival order', () => {
    // The same unreadable bytes at three URLs; c.gov.cn fetched a day earlier, a and b at once.
    const copies = [
      entry('http://b.gov.cn/scan.pdf', sha('8'), { kind: 'attachment', page_url: null }),
      entry('http://a.gov.cn/scan.pdf', sha('8'), { kind: 'attachment', page_url: null }),
      entry('http://c.gov.cn/scan.pdf', sha('8'), {
        kind: 'attachment',
        page_url: null,
        fetched_at: '2026-01-01T00:00:00.000Z',
      }),
    ];
    const failed = new Map([
      [
        sha('8'),
        {
          sha256: sha('8'),
          url: 'http://b.gov.cn/scan.pdf',
          kind: 'no_text_layer' as const,
          message: '1 page(s) but 28 characters of text (a scan?)',
          extractor_version: '1',
          at: '2026-01-02T00:00:00.000Z',
        },
      ],
    ]);
    const named = (order: DocumentEntry[]) =>
      selectForPublish(order, new Map(order.map((e) => [e.url, e.sha256])), new Map(), failed, []).failures;
    const expected = [
      {
        url: 'http://c.gov.cn/scan.pdf',
        stage: 'extract',
        kind: 'no_text_layer',
        message: '1 page(s) but 28 characters of text (a scan?)',
        at: '2026-01-02T00:00:00.000Z',
      },
    ];
    expect(orders(copies)).toHaveLength(6);
    for (const order of orders(copies)) expect(named(order)).toEqual(expected);
    // fetched at the same time: the first URL
    const sameTime = copies.map((e) => ({ ...e, fetched_at: '2026-01-02T00:00:00.000Z' }));
    expect(named(sameTime)[0]!.url).toBe('http://a.gov.cn/scan.pdf');
    expect(named([...sameTime].reverse())[0]!.url).toBe('http://a.gov.cn/scan.pdf');
  });
});
