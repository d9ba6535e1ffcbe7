// Format detection: bytes decide, the file name only breaks ties between HTML and text.
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/extract/detect.js';
import { PEER } from '../fixtures/samples.js';
import { fixture } from './helpers.js';

const PDF = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1');
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

describe('detectFormat', () => {
  it.each([
    ['a PDF named .docx', PDF, 'report.docx', 'pdf'],
    ['a PDF named .html', PDF, 'index.html', 'pdf'],
    ['a PDF after junk bytes', Buffer.concat([Buffer.from('\r\n\r\n'), PDF]), 'a', 'pdf'],
    ['a DOCX named .doc', fixture('merged.docx'), '年报.doc', 'docx'],
    ['a DOC named .docx', fixture('merged.doc'), '年报.docx', 'doc'],
    ['an HTML page named .pdf', fixture('report-table.html'), 'P020210128.pdf', 'html'],
    ['a GBK page without charset', fixture('gbk-sniff.html'), undefined, 'html'],
    [
      'Word HTML saved as .doc',
      Buffer.from('<html xmlns:w="urn:schemas-microsoft-com:office:word"><body><p>年报</p></body></html>'),
      'a.doc',
      'html',
    ],
    ['a Word MHTML page named .doc', fixture('word-page.mht'), '年报.doc', 'html'],
    ['a UTF-8 text report', Buffer.from('某某镇2020年政府信息公开工作年度报告\n一、总体情况\n'), 'a.html', 'txt'],
    [
      'a GBK text report',
      iconv.encode('某某镇2020年政府信息公开工作年度报告\r\n一、总体情况\r\n', 'gbk'),
      undefined,
      'txt',
    ],
    ['text quoting a tag, named .txt', Buffer.from('报告正文\n表格见 <table> 标记\n'), 'a.txt', 'txt'],
    ['text quoting a tag, named .html', Buffer.from('报告正文\n表格见 <table> 标记\n'), 'a.html', 'html'],
  ])('reads %s as %s', (_, bytes, name, format) => {
    expect(detectFormat(bytes, name)).toBe(format);
  });

  it.each([
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]],
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]],
    ['GIF', [0x47, 0x49, 0x46, 0x38, 0x39, 0x61]],
    ['TIFF (little-endian)', [0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]],
    ['TIFF (big-endian)', [0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]],
    ['WebP', [...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBPVP8 ')]],
  ])('takes a %s picture for an image (read by OCR), whatever its name', (_, bytes) => {
    expect(detectFormat(Buffer.from(bytes), 'report.pdf')).toBe('image');
  });

  it('detects a real report PDF', () => {
    expect(detectFormat(readFileSync(`${PEER}/hongze-2023.pdf`), 'x.html')).toBe('pdf');
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'empty_file'],
    ['whitespace only', Buffer.from(' \r\n\t \n'), 'empty_file'],
    ['a UTF-8 BOM and blank lines', Buffer.from('\ufeff\n\n'), 'empty_file'],
    [
      'random binary',
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) % 251)),
      'unsupported_format',
    ],
    [
      'a zip that is not a Word file',
      Buffer.concat([Buffer.from('PK\x03\x04\x14\x00', 'latin1'), Buffer.alloc(24), Buffer.from('xl/workbook.xml')]),
      'unsupported_format',
    ],
    ['a zip truncated before its first file name', fixture('merged.docx').subarray(0, 20), 'unsupported_format'],
    [
      'an OLE2 file without a Word stream',
      Buffer.concat([Buffer.from(OLE2), Buffer.alloc(1024, 1)]),
      'unsupported_format',
    ],
    ['an RTF file', Buffer.from('{\\rtf1\\ansi 年报}'), 'unsupported_format'],
  ])('refuses %s with %s', (_, bytes, kind) => {
    expect(() => detectFormat(bytes, 'report.html')).toThrow(expect.objectContaining({ kind }));
  });
});
