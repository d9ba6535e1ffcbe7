// HTML escaping for the pages written at build time: every value from a record goes through esc().

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Both labels of a pair, shown by language: `<span class="zh">…</span><span class="en">…</span>`. */
export function bi([zh, en]: readonly [string, string]): string {
  return `<span class="zh">${esc(zh)}</span><span class="en" lang="en">${esc(en)}</span>`;
}

/** JSON for a `<script src>` data file: `<`, U+2028/2029 escaped so it is also safe inline. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * A large value for a `<script src>` data file as `JSON.parse('…')`: V8 parses a JSON string
 * faster than the same object literal (the list's search index: 14 MB at 100,000 reports).
 */
export function jsonParseForScript(value: unknown): string {
  return `JSON.parse('${jsonForScript(value).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}')`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = -1;
  do {
    v /= 1024;
    i++;
  } while (v >= 1024 && i < units.length - 1);
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** Only http(s) links leave the site: anything else (javascript:, data:) is shown as text. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  return /^https?:\/\//i.test(url) ? url : null;
}
