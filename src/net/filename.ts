// An attachment's file name from Content-Disposition, as Chinese portals actually send it:
// RFC 5987 `filename*=UTF-8''%E6…`, `filename*=GBK''%C4…`, `filename="%E6%B1%9F…"` (UTF-8 or GBK
// percent-encoding without a label), or raw GBK/UTF-8 bytes in a quoted string (Node hands header
// bytes over as latin1). The name is metadata only: it is reduced to a base name and never used as a path.
import { decodeBytes } from '../text/charset.js';

/** The decoded file name of a Content-Disposition value, or null when it names none. */
export function filenameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  const params = parseParams(header);
  const extended = params.get('filename*');
  if (extended) {
    const m = /^([\w.:-]*)'[^']*'(.*)$/.exec(extended);
    const name = m ? percentDecode(m[2], m[1] || undefined) : percentDecode(extended);
    if (name) return safeName(name);
  }
  const plain = params.get('filename');
  if (plain) {
    const name = /%[0-9a-f]{2}/i.test(plain) ? percentDecode(plain) : rawBytesDecode(plain);
    if (name) return safeName(name);
  }
  return null;
}

/** A name for a document from the last path segment of its URL (`…/P020240130.pdf` → `P020240130.pdf`). */
export function filenameFromUrl(url: string): string | null {
  try {
    const last = new URL(url).pathname.split('/').pop() ?? '';
    return last ? safeName(percentDecode(last) ?? last) : null;
  } catch {
    return null;
  }
}

/** Strips directories, control characters and leading dots: the name can be shown, never joined to a path. */
export function safeName(name: string): string | null {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/^[.\s]+/, '')
    .trim();
  return clean && clean !== '..' ? clean : null;
}

function parseParams(header: string): Map<string, string> {
  const params = new Map<string, string>();
  const re = /;\s*([^\s=;]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]*)/g;
  for (const m of header.matchAll(re)) {
    const key = m[1].toLowerCase();
    const value = m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : m[2].trim();
    if (!params.has(key)) params.set(key, value);
  }
  return params;
}

/** Percent-decoding into bytes, then the named charset, else UTF-8 when valid, else GB18030. */
function percentDecode(text: string, charset?: string): string | null {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '%' ? text.slice(i + 1, i + 3) : '';
    if (/^[0-9a-f]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], 'utf8'));
    }
  }
  return decodeBytes(Buffer.from(bytes), charset);
}

/** A quoted value holding raw bytes: Node gives each byte as one latin1 character. */
function rawBytesDecode(text: string): string | null {
  if ([...text].some((c) => c.charCodeAt(0) > 0xff)) return text; // already real characters
  return decodeBytes(Buffer.from(text, 'latin1'));
}
