// Bytes → text for HTML pages and plain-text reports. Chinese government sites serve UTF-8 and
// GBK/GB2312 in about equal measure, often with a missing or wrong label, so the order is:
// Content-Type charset, byte-order mark, <meta charset>, then sniffing (valid UTF-8, else GB18030).
// Owns every bytes → string decoding: documents (decodeText) and header values (decodeBytes).
// iconv-lite is loaded only when a charset other than UTF-8 is met.
import { createRequire } from 'node:module';
import { ExtractError } from '../errors.js';

type Iconv = typeof import('iconv-lite');
let iconvLib: Iconv | undefined;
/** iconv-lite, loaded on first use (~20 ms): UTF-8 pages and PDFs never need it. */
function iconv(): Iconv {
  iconvLib ??= createRequire(import.meta.url)('iconv-lite') as Iconv;
  return iconvLib;
}

/** How far into a page a `<meta charset>` is looked for (HTML5 says 1024 bytes; old CMSs go further). */
const META_SCAN_BYTES = 8192;
/** Share of U+FFFD / control characters above which a decoding is taken to be wrong. */
const MAX_BAD_RATIO = 0.01;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decode a document's bytes to text; throws ExtractError('decode_failed') when no charset fits. */
export function decodeText(bytes: Buffer, contentType?: string | null): string {
  const bom = bomCharset(bytes);
  const declared = charsetOf(contentType) ?? bom?.charset ?? metaCharset(bytes);
  if (declared) {
    const text = decodeAs(bytes, declared, bom?.length ?? 0);
    if (text !== undefined) return text;
  }
  if (isUtf8(bytes)) return stripBom(utf8.decode(bytes));
  const gb = iconv().decode(bytes, 'gb18030');
  if (isPlausible(gb)) return gb;
  throw new ExtractError('decode_failed', 'bytes are neither UTF-8 nor GB18030 text');
}

/** The charset parameter of a Content-Type value (`text/html; charset=GBK` → `gbk`). */
export function charsetOf(contentType?: string | null): string | undefined {
  const m = contentType ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType) : null;
  return m ? normalizeCharset(m[1]) : undefined;
}

/** `<?xml encoding=…?>`, `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…; charset=…">` near the start. */
export function metaCharset(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, META_SCAN_BYTES).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  if (xml) return normalizeCharset(xml[1]);
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const m = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (m) return normalizeCharset(m[1]);
  }
  return undefined;
}

function bomCharset(bytes: Buffer): { charset: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return undefined;
}

/** The iconv name of a charset label; the GBK family reads as GB18030; undefined when unknown. */
export function normalizeCharset(label: string): string | undefined {
  const l = label.trim().toLowerCase();
  if (l === 'utf8' || l === 'utf-8') return 'utf-8';
  // GB2312 and GBK pages routinely contain characters outside their label; GB18030 reads them all.
  if (/^(gb2312|gbk|gb18030|x-gbk|cp936|windows-936|euc-cn|hz-gb-2312)$/.test(l)) return 'gb18030';
  if (l === 'unicode' || l === 'utf-16') return 'utf-16le';
  return iconv().encodingExists(l) ? l : undefined;
}

/** Decode with a declared charset; undefined when the declaration is evidently wrong. */
function decodeAs(bytes: Buffer, charset: string, skip: number): string | undefined {
  const body = bytes.subarray(skip);
  if (charset === 'utf-8') {
    // A page labelled UTF-8 that is not valid UTF-8 is mislabelled (usually GBK): sniff instead.
    return isUtf8(body) ? stripBom(utf8.decode(body)) : undefined;
  }
  const text = stripBom(iconv().decode(body, charset));
  return isPlausible(text) ? text : undefined;
}

function isUtf8(bytes: Buffer): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Few replacement characters and no binary control characters. */
function isPlausible(text: string): boolean {
  if (text.length === 0) return true;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c)) bad++;
  }
  return bad <= Math.max(1, text.length * MAX_BAD_RATIO);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Bytes of a short value (a file name in a header) in the named charset, else UTF-8 when valid,
 * else GB18030. Unlike decodeText it never fails and applies no plausibility check.
 */
export function decodeBytes(bytes: Buffer, charset?: string): string {
  const label = charset ? normalizeCharset(charset) : undefined;
  if (label && label !== 'utf-8') return iconv().decode(bytes, label);
  return isUtf8(bytes) ? utf8.decode(bytes) : iconv().decode(bytes, 'gb18030');
}
