// What a downloaded document really is, from its bytes. Portals serve PDFs named .html, HTML
// saved as .doc, and .doc files that are DOCX; the file name only breaks ties between HTML and text.
import type { Format } from '../record.js';
import { ExtractError } from '../errors.js';
import { pictureType } from '../sys/pictures.js';
import { decodeText } from '../text/charset.js';
import { mhtHtmlPart } from './text/mht.js';

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** Name of the main stream of a Word 97–2003 file, as it sits in the OLE2 directory (UTF-16LE). */
const WORD_STREAM = Buffer.from('WordDocument', 'utf16le');

/** Magic numbers of files that are certainly not reports we can read. */
const OTHER_BINARY: [string, number[]][] = [
  ['RAR archive', [0x52, 0x61, 0x72, 0x21]],
  ['7z archive', [0x37, 0x7a, 0xbc, 0xaf]],
  ['gzip archive', [0x1f, 0x8b]],
];

const MARKUP = /<(!doctype\s+html|html|head|body|meta|title|table|div|p|br|span|font|center|h[1-6])\b/i;

/** Detect the format of a document from its bytes; `name` (file name or URL) only breaks ties. */
export function detectFormat(bytes: Buffer, name?: string): Format {
  if (isBlank(bytes)) throw new ExtractError('empty_file', 'the file is empty', name);
  const pdfAt = bytes.subarray(0, 1024).indexOf('%PDF-');
  if (pdfAt >= 0) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    // File names sit uncompressed in every zip entry header and in the central directory.
    if (bytes.indexOf('word/document.xml') >= 0) return 'docx';
    throw new ExtractError('unsupported_format', 'a zip archive that is not a Word document', name);
  }
  if (startsWith(bytes, [...OLE2])) {
    if (bytes.indexOf(WORD_STREAM) >= 0) return 'doc';
    throw new ExtractError('unsupported_format', 'an OLE2 file without a Word stream (xls, ppt…)', name);
  }
  if (bytes.subarray(0, 5).toString('latin1') === '{\\rtf') {
    throw new ExtractError('unsupported_format', 'an RTF document', name);
  }
  // A picture (a report photographed or scanned: read by OCR).
  if (pictureType(bytes, bytes.length)) return 'image';
  for (const [what, magic] of OTHER_BINARY) {
    if (startsWith(bytes, magic)) throw new ExtractError('unsupported_format', `a ${what}`, name);
  }
  if (mhtHtmlPart(bytes.subarray(0, 256 * 1024))) return 'html'; // Word "single file web page"
  let text: string;
  try {
    text = decodeText(bytes.subarray(0, 64 * 1024));
  } catch {
    throw new ExtractError('unsupported_format', 'binary data of no known format', name);
  }
  return isMarkup(text, name) ? 'html' : 'txt';
}

function isMarkup(text: string, name?: string): boolean {
  const start = text.trimStart();
  if (/^<(!doctype|html|\?xml[^>]*>\s*<html|!--)/i.test(start)) return true;
  const tags = text.match(new RegExp(MARKUP.source, 'gi'))?.length ?? 0;
  if (tags === 0) return false;
  if (start.startsWith('<')) return true;
  // Markup somewhere in a text file: only a name ending in .htm(l) or a tag-heavy file makes it HTML.
  if (name && /\.(s?html?|xhtml|jsp|aspx?|php)(\?|#|$)/i.test(name)) return true;
  if (name && /\.txt(\?|#|$)/i.test(name)) return false;
  return tags >= 5;
}

function isBlank(bytes: Buffer): boolean {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (const b of bytes.subarray(bom)) {
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x00) return false;
  }
  return true;
}

function startsWith(bytes: Buffer, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}
