// assemble(): the one definition of the dataset — records (identity assigned once), failures (the
// supersession rule) — and the readers of storage/ that never write.
import { describe, expect, it } from 'vitest';
import type { ReportRecord } from '../../src/record.js';
import { selectForPublish, type DocumentEntry, type Failure } from '../../src/workarea/index.js';

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
      entry('http://x/full.html', sha('c')), // a page with the report and a copy attached
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
      [`r${sha('b').slice(0, 16)}`, 'http://x/report.pdf'],
      [`r${sha('c').slice(0, 16)}`, 'http://x/full.html'],
      [`r${sha('9').slice(0, 16)}`, 'http://x/full.pdf'],
    ]);
    expect(out.failures.map((f) => [f.url, f.stage, f.kind, f.message])).toEqual([
      ['http://x/broken.pdf', 'extract', 'corrupt_pdf', 'bad'],
      ['http://x/gone.html', 'download', 'http_404', '404'],
    ]);
  });
});
