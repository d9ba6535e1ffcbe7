// Duplicate marking: the same bytes, or the same agency + year + scope with the same normalised text.
import { describe, expect, it } from 'vitest';
import { duplicateKey, markDocumentDuplicates as markDuplicates, normaliseText } from '../../src/workarea/index.js';
import type { DocumentEntry } from '../../src/workarea/index.js';

const TEXT = '一、总体情况。2023年，示例市人民政府认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息。';

function entry(url: string, sha256: string, hints: DocumentEntry['hints'], kind: DocumentEntry['kind'] = 'page'): DocumentEntry {
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
    expect(markDuplicates([page, pdf, copy, otherYear]).map((e) => e.duplicate_of)).toEqual([null, null, pdf.sha256, null]);
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
  it('normalises width, whitespace and punctuation', () => {
    expect(normaliseText('２０２３年， 政府\n信息（公开）')).toBe('2023年政府信息公开');
  });
});
