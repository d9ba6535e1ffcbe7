// SHA256SUMS: one line per file of the version, in `sha256sum` format (`<hex>  <path>`), sorted
// by path, so `sha256sum -c SHA256SUMS` checks a download. Lists every file but itself.
import fs from 'node:fs';
import path from 'node:path';
import { hashFile, type WrittenFile } from './sink.js';

export function sumsText(files: WrittenFile[]): string {
  return [...files]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => `${f.sha256}  ${f.name}\n`)
    .join('');
}

/** Parses a SHA256SUMS file: path → sha256 (empty when the file is missing). */
export function readSums(file: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.existsSync(file)) return out;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (m) out.set(m[2]!, m[1]!);
  }
  return out;
}

/** Every regular file under `dir/sub`, as WrittenFile (for files written by others: the site). */
export function hashTree(dir: string, sub: string): WrittenFile[] {
  const root = path.join(dir, sub);
  if (!fs.existsSync(root)) return [];
  const out: WrittenFile[] = [];
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const rel = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    out.push(hashFile(dir, rel));
  }
  return out;
}
