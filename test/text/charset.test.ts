// Bytes → text: charset from the header, a byte-order mark, <meta>/<?xml?>, else sniffed (UTF-8,
// else GB18030); and the short values of headers (file names) in a named charset or sniffed.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetOf, decodeBytes, decodeText, metaCharset, normalizeCharset } from '../../src/text/charset.js';
import { fixture } from '../extract/helpers.js';

const GBK_TEXT = '根据《中华人民共和国政府信息公开条例》，现公布本镇年度报告。镕';

describe('decodeText', () => {
  it('reads a GBK page whose charset is only in <meta http-equiv>', () => {
    expect(metaCharset(fixture('gbk-meta.html'))).toBe('gb18030');
    const text = decodeText(fixture('gbk-meta.html'));
    expect(text).toContain(GBK_TEXT);
  });

  it('sniffs a GBK page with no charset anywhere', () => {
    expect(metaCharset(fixture('gbk-sniff.html'))).toBeUndefined();
    expect(decodeText(fixture('gbk-sniff.html'))).toContain(GBK_TEXT);
  });

  it('follows a UTF-8 byte-order mark and drops it', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>年度报告</p>')]);
    expect(decodeText(bytes)).toBe('<p>年度报告</p>');
  });

  it('follows a UTF-16LE byte-order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('年度报告', 'utf16le')]);
    expect(decodeText(bytes)).toBe('年度报告');
  });

  it('lets the Content-Type header win over <meta charset>', () => {
    const page = '<meta charset="gbk"><p>政府信息公开</p>';
    // UTF-8 bytes read as GBK would be mojibake: the header says UTF-8, and the header is right.
    expect(decodeText(Buffer.from(page), 'text/html; charset=UTF-8')).toBe(page);
    expect(decodeText(Buffer.from(page))).not.toBe(page);
    const gbk = iconv.encode('<meta charset="utf-8"><p>政府信息公开</p>', 'gbk');
    expect(decodeText(gbk, 'text/html;charset=gb2312')).toBe('<meta charset="utf-8"><p>政府信息公开</p>');
  });

  it('reads the encoding of an XML declaration', () => {
    // Big5 bytes sniffed as GB18030 would be mojibake: only the declaration gets this right.
    const xhtml = '<?xml version="1.0" encoding="Big5"?><html><body><p>政府資訊公開年度報告</p></body></html>';
    expect(decodeText(iconv.encode(xhtml, 'big5'))).toBe(xhtml);
  });

  it('sniffs when a UTF-8 label is contradicted by the bytes', () => {
    const gbk = iconv.encode('<meta charset="utf-8"><p>政府信息公开</p>', 'gbk');
    expect(decodeText(gbk)).toBe('<meta charset="utf-8"><p>政府信息公开</p>');
  });

  it('throws decode_failed on binary data', () => {
    const bytes = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919) % 256));
    expect(() => decodeText(bytes)).toThrow(expect.objectContaining({ kind: 'decode_failed' }));
  });
});

describe('charset labels', () => {
  it('reads the GBK family as GB18030 and knows UTF-8 by either spelling', () => {
    for (const l of ['gb2312', 'GBK', 'gb18030', 'x-gbk', 'cp936']) expect(normalizeCharset(l)).toBe('gb18030');
    expect(normalizeCharset('UTF8')).toBe('utf-8');
    expect(normalizeCharset('no-such-charset')).toBeUndefined();
    expect(charsetOf('text/html; charset="GBK"')).toBe('gb18030');
    expect(charsetOf('text/html')).toBeUndefined();
  });
});

describe('decodeBytes', () => {
  const name = '政府信息公开工作年度报告.pdf';
  it('decodes in the named charset, GBK labels as GB18030', () => {
    expect(decodeBytes(iconv.encode(name, 'gbk'), 'GBK')).toBe(name);
    expect(decodeBytes(iconv.encode(name, 'gb18030'), 'gb2312')).toBe(name);
  });
  it('sniffs UTF-8, else GB18030, without a label (or with a UTF-8 or unknown one)', () => {
    expect(decodeBytes(Buffer.from(name))).toBe(name);
    expect(decodeBytes(iconv.encode(name, 'gbk'))).toBe(name);
    expect(decodeBytes(iconv.encode(name, 'gbk'), 'utf-8')).toBe(name);
    expect(decodeBytes(Buffer.from(name), 'no-such-charset')).toBe(name);
  });
});
