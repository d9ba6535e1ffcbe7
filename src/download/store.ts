// Content-addressed document storage (layout in src/storage/layout.ts). Blobs are written to a temp
// file and renamed into documents/<sha[0:2]>/<sha>, so a reader never sees half a file. The two
// indexes are append-only JSON lines; a line cut short by a crash is dropped when the store reopens.
// Recording is idempotent (same url + same sha256 = nothing new), so a crawl resumed after SIGKILL
// that repeats a request adds nothing twice.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { storagePaths, type DocumentEntry, type Failure } from '../storage/layout.js';
import { DuplicateIndex } from './duplicates.js';

export type NewDocument = Omit<DocumentEntry, 'sha256' | 'bytes' | 'duplicate_of'>;

export interface StoreOutcome {
  entry: DocumentEntry;
  /** False when this url already had these exact bytes (nothing was added). */
  added: boolean;
}

export class DocumentStore {
  readonly paths: ReturnType<typeof storagePaths>;
  /** Latest entry per requested URL: its validators and hash drive conditional requests. */
  private readonly latest = new Map<string, DocumentEntry>();
  private readonly known = new Set<string>();
  private readonly duplicates = new DuplicateIndex();
  private appendChain: Promise<unknown> = Promise.resolve();

  private constructor(root: string) {
    this.paths = storagePaths(root);
  }

  static async open(root: string): Promise<DocumentStore> {
    const store = new DocumentStore(root);
    await fs.mkdir(store.paths.documents, { recursive: true });
    for (const entry of await readJsonLines<DocumentEntry>(store.paths.documentIndex)) store.remember(entry);
    await repairTail(store.paths.failures);
    return store;
  }

  /** The latest stored version of a URL (for If-None-Match / If-Modified-Since and hash comparison). */
  previous(url: string): DocumentEntry | undefined {
    return this.latest.get(url);
  }

  entries(): DocumentEntry[] {
    return [...this.latest.values()];
  }

  async readBlob(sha256: string): Promise<Buffer> {
    return fs.readFile(this.paths.documentFile(sha256));
  }

  /** Writes the bytes (if new) and appends an entry (if this url did not have them already). */
  async put(bytes: Buffer, doc: NewDocument, text?: string | null): Promise<StoreOutcome> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await this.writeBlob(sha256, bytes);
    const key = `${doc.url}\t${sha256}`;
    if (this.known.has(key)) {
      const prev = this.latest.get(doc.url);
      return { entry: prev && prev.sha256 === sha256 ? prev : { ...doc, sha256, bytes: bytes.length }, added: false };
    }
    const base = { ...doc, sha256, bytes: bytes.length };
    const entry: DocumentEntry = { ...base, duplicate_of: this.duplicates.find(base, text) };
    this.remember(entry, text);
    await this.append(this.paths.documentIndex, entry);
    return { entry, added: true };
  }

  async fail(failure: Failure): Promise<void> {
    await this.append(this.paths.failures, failure);
  }

  private remember(entry: DocumentEntry, text?: string | null): void {
    this.latest.set(entry.url, entry);
    this.known.add(`${entry.url}\t${entry.sha256}`);
    this.duplicates.add(entry, text);
  }

  private async writeBlob(sha256: string, bytes: Buffer): Promise<void> {
    const file = this.paths.documentFile(sha256);
    try {
      await fs.access(file);
      return;
    } catch {
      // not there yet
    }
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, file);
  }

  /** Appends one line in one write; appends are serialised so lines never interleave. */
  private append(file: string, value: unknown): Promise<void> {
    const line = `${JSON.stringify(value)}\n`;
    const next = this.appendChain.then(() => fs.appendFile(file, line));
    this.appendChain = next.catch(() => undefined);
    return next;
  }
}

/** All complete JSON lines of a file (missing file = none); a torn last line is cut off the file. */
export async function readJsonLines<T>(file: string): Promise<T[]> {
  const text = await repairTail(file);
  const out: T[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // a corrupt line in the middle: skip it, keep the rest
    }
  }
  return out;
}

async function repairTail(file: string): Promise<string> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return '';
  }
  if (text && !text.endsWith('\n')) {
    const keep = text.lastIndexOf('\n') + 1;
    await fs.truncate(file, Buffer.byteLength(text.slice(0, keep)));
    text = text.slice(0, keep);
  }
  return text;
}
