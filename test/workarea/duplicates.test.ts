// Duplicate marking: the same bytes, or the same agency + year + scope with the same normalised text
// (documents, at crawl time); the same figures (records, at publish time); the first reaching the second.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportRecord } from '../../src/record.js';
import {
  assemble,
  DocumentStore,
  duplicateKey,
  markDocumentDuplicates as markDuplicates,
  markDuplicates as markRecordDuplicates,
  RecordCache,
} from '../../src/workarea/index.js';
import type { DocumentEntry } from '../../src/workarea/index.js';

const TEXT = '一、总体情况。2023年，示例市人民政府认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息。';

function entry(
  url: string,
  sha256: string,
  hints: DocumentEntry['hints'],
  kind: DocumentEntry['kind'] = 'page',
): DocumentEntry {
  return {
    url,
    final_url: url,
    page_url: url,
    sha256,
    bytes: 1,
    content_type: null,
    filename: null,
    fetched_at: '2026-01-01T00:00:00.000Z',
    etag: null,
    last_modified: null,
    kind,
    hints,
  };
}

describe('markDuplicates', () => {
  const hints = { agency: '示例市人民政府', year: 2023 };
  const page = entry('http://a.gov.cn/t1.html', 'a'.repeat(64), hints);
  const pdf = entry('http://a.gov.cn/P01.pdf', 'b'.repeat(64), hints, 'attachment');
  const copy = entry('http://b.gov.cn/copy.pdf', 'b'.repeat(64), {});
  const otherYear = entry('http://a.gov.cn/t2.html', 'c'.repeat(64), { ...hints, year: 2022 });
  const texts = new Map([
    [page.url, TEXT],
    [pdf.url, ` ${TEXT.replace(/，/g, ', ')}\n`],
    [otherYear.url, TEXT],
  ]);

  it('marks an attachment with the text of the HTML page, a byte-identical copy, and nothing else', () => {
    const marked = markDuplicates([page, pdf, copy, otherYear], (e) => texts.get(e.url));
    expect(marked.map((e) => e.duplicate_of)).toEqual([null, page.sha256, pdf.sha256, null]);
  });

  it('marks only byte-identical copies when no text is known', () => {
    expect(markDuplicates([page, pdf, copy, otherYear]).map((e) => e.duplicate_of)).toEqual([
      null,
      null,
      pdf.sha256,
      null,
    ]);
  });

  it('does not mark a document refetched with the same bytes at its own URL', () => {
    expect(markDuplicates([pdf, { ...pdf, fetched_at: 'later' }]).map((e) => e.duplicate_of)).toEqual([null, null]);
  });
});

describe('duplicateKey', () => {
  it('needs agency, year and enough text; scope separates an aggregate report from an agency one', () => {
    expect(duplicateKey({ year: 2023 }, TEXT)).toBeNull();
    expect(duplicateKey({ agency: 'x', year: 2023 }, '短')).toBeNull();
    expect(duplicateKey({ agency: 'x', year: 2023, scope: 'agency' }, TEXT)).not.toBe(
      duplicateKey({ agency: 'x', year: 2023, scope: 'aggregate' }, TEXT),
    );
  });
});

describe('record duplicates', () => {
  const rec = (id: string, over: Partial<ReportRecord> = {}) =>
    ({
      report_id: id,
      agency: '示例市人民政府',
      year: 2023,
      scope: 'agency',
      proactive: null,
      applications: null,
      reviews: null,
      source: { fetched_at: id },
      ...over,
    }) as unknown as ReportRecord;

  it('keeps a link set from the documents (followed to the first), drops one to a record not published', () => {
    const records = [
      rec('ra'),
      rec('rb', { duplicate_of: 'ra' }),
      rec('rc', { duplicate_of: 'rb' }),
      rec('rd', { duplicate_of: 'rgone' }),
    ];
    expect(markRecordDuplicates(records).map((r) => r.duplicate_of)).toEqual([null, 'ra', 'ra', null]);
  });

  it('links the record of a document the crawl found to be a copy (same text, no tables to compare)', async () => {
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'ogi-dup-'));
    const store = await DocumentStore.open(storage);
    const hints = { agency: '示例市人民政府', year: 2023 };
    const page = (url: string) => ({
      url,
      final_url: url,
      page_url: url,
      content_type: 'text/html',
      filename: null,
      fetched_at: '2026-01-01T00:00:00.000Z',
      etag: null,
      last_modified: null,
      kind: 'page' as const,
      hints,
    });
    const a = await store.put(Buffer.from('<p>A</p>'), page('http://a.gov.cn/r.html'), TEXT);
    const b = await store.put(Buffer.from('<p>B</p>'), page('http://b.gov.cn/copy.html'), TEXT);
    expect(b.entry.duplicate_of).toBe(a.entry.sha256);
    const cache = new RecordCache(storage);
    for (const e of [a.entry, b.entry])
      await cache.putRecord(e.sha256, rec('rx', { source: { sha256: e.sha256 } as ReportRecord['source'] }), '1');
    const { records } = await assemble(storage);
    const [ra, rb] = records;
    expect(rb!.duplicate_of).toBe(ra!.report_id);
    // figures alone (all tables blank) would not have said so: the crawl's result is the one used
    expect(markRecordDuplicates(records).map((r) => r.duplicate_of)).toEqual([null, ra!.report_id]);
  });
});
