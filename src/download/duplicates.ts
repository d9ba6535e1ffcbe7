// The same report is often published twice: as an HTML page and a PDF attachment, or copied to another
// portal. Both documents are kept; the later one gets `duplicate_of` = the sha256 of the first. Two
// documents are duplicates when their bytes are equal, or when agency, year and scope agree and their
// normalised text is the same. At crawl time only HTML text is known; the extractor can rerun
// `markDuplicates` with the text of every format.
import { createHash } from 'node:crypto';
import type { DocumentEntry, DocumentHints } from '../storage/layout.js';
import { contentKey } from '../text/normalise.js';

/** Agency + year + scope + hash of the normalised text; null when agency, year or text are unknown. */
export function duplicateKey(hints: DocumentHints & { scope?: string }, text: string | null | undefined): string | null {
  if (!hints.agency || !hints.year || !text) return null;
  const norm = contentKey(text);
  if (norm.length < 20) return null; // too little text to call two documents the same
  const digest = createHash('sha256').update(norm).digest('hex');
  return [hints.agency, hints.year, hints.scope ?? '', digest].join('\u0000');
}

/** Remembers the first document per content hash and per duplicate key, in the order they were added. */
export class DuplicateIndex {
  private readonly byHash = new Map<string, string>();
  private readonly byKey = new Map<string, string>();

  /** `duplicate_of` for an entry about to be added (null for the first of its kind). */
  find(entry: Pick<DocumentEntry, 'sha256' | 'url' | 'hints'>, text?: string | null): string | null {
    const sameBytes = this.byHash.get(entry.sha256);
    if (sameBytes !== undefined && sameBytes !== entry.url) return entry.sha256;
    const key = duplicateKey(entry.hints, text);
    const first = key ? this.byKey.get(key) : undefined;
    return first !== undefined && first !== entry.sha256 ? first : null;
  }

  add(entry: Pick<DocumentEntry, 'sha256' | 'url' | 'hints'>, text?: string | null): void {
    if (!this.byHash.has(entry.sha256)) this.byHash.set(entry.sha256, entry.url);
    const key = duplicateKey(entry.hints, text);
    if (key && !this.byKey.has(key)) this.byKey.set(key, entry.sha256);
  }
}

/** Entries (in publication order) with `duplicate_of` set from bytes and, where `textOf` knows it, text. */
export function markDuplicates(
  entries: readonly DocumentEntry[],
  textOf: (entry: DocumentEntry) => string | null | undefined = () => null,
): DocumentEntry[] {
  const index = new DuplicateIndex();
  return entries.map((entry) => {
    const text = textOf(entry);
    const duplicate_of = index.find(entry, text);
    index.add(entry, text);
    return { ...entry, duplicate_of };
  });
}
