// Content-Disposition as Chinese portals send it → the file name, never a path.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { filenameFromDisposition, filenameFromUrl, safeName } from '../../src/net/filename.js';

const NAME = '2023年政府信息公开工作年度报告.pdf';
const pct = (bytes: Buffer) => [...bytes].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
const utf8Pct = pct(Buffer.from(NAME, 'utf8'));
const gbkPct = pct(iconv.encode(NAME, 'gbk'));
/** Raw header bytes as Node/undici hand them over: one latin1 character per byte. */
const raw = (bytes: Buffer) => bytes.toString('latin1');

describe('filenameFromDisposition', () => {
  it.each([
    ['RFC 5987 UTF-8', `attachment; filename*=UTF-8''${utf8Pct}`, NAME],
    ['RFC 5987 lower-case label with language', `attachment; filename*=utf-8'zh-CN'${utf8Pct}`, NAME],
    ['RFC 5987 GBK', `attachment; filename*=GBK''${gbkPct}`, NAME],
    ['RFC 5987 GB2312 label', `attachment; filename*=gb2312''${gbkPct}`, NAME],
    ['filename* wins over a plain fallback', `attachment; filename="report.pdf"; filename*=UTF-8''${utf8Pct}`, NAME],
    ['UTF-8 percent-encoding without a label', `attachment; filename="${utf8Pct}"`, NAME],
    ['GBK percent-encoding without a label', `attachment; filename="${gbkPct}"`, NAME],
    ['unquoted percent-encoding', `attachment;filename=${utf8Pct}`, NAME],
    ['raw GBK bytes', `attachment; filename="${raw(iconv.encode(NAME, 'gbk'))}"`, NAME],
    ['raw UTF-8 bytes', `attachment; filename="${raw(Buffer.from(NAME, 'utf8'))}"`, NAME],
    ['plain ASCII', 'inline; filename="P020240115.pdf"', 'P020240115.pdf'],
    ['escaped quote', 'attachment; filename="a\\"b.pdf"', 'a"b.pdf'],
    ['a path is cut to its base name', 'attachment; filename="../../etc/passwd"', 'passwd'],
    ['a Windows path too', `attachment; filename="C:\\\\temp\\\\${utf8Pct}"`, NAME],
    ['no file name', 'attachment', null],
    ['only dots', 'attachment; filename=".."', null],
  ])('%s', (_what, header, expected) => {
    expect(filenameFromDisposition(header)).toBe(expected);
  });

  it('is null without a header', () => {
    expect(filenameFromDisposition(null)).toBeNull();
    expect(filenameFromDisposition(undefined)).toBeNull();
  });
});

describe('filenameFromUrl', () => {
  it.each([
    [`http://x.gov.cn/a/${encodeURIComponent(NAME)}`, NAME],
    ['http://x.gov.cn/a/P020240115.pdf?v=1', 'P020240115.pdf'],
    ['http://x.gov.cn/a/', null],
  ])('%s', (url, expected) => expect(filenameFromUrl(url)).toBe(expected));
});

describe('safeName', () => {
  it('drops control characters and leading dots', () => {
    expect(safeName('.\u0000.hidden\u001f.pdf')).toBe('hidden.pdf');
  });
});
