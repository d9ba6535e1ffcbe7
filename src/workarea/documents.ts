// The documents: content-addressed blobs (documents/<sha[0:2]>/<sha>, written atomically) and their
// index documents.jsonl (one DocumentEntry per fetched version, append-only). The crawler writes
// through a DocumentStore; everyone else reads the index with `readDocuments`.
// Recording is idempotent (same url + same sha256 = nothing new), so a crawl resumed after SIGKILL
// that repeats a request adds nothing twice. Opening the store (the writer) cuts a line torn by a
// crash off both logs; readers ignore such a line and never write.
// A `shared` store (the cluster's workers, src/cluster/: several processes on one storage folder)
// repairs nothing and follows the index: before each decision it reads the lines the other processes
// appended (`catchUp`), so a document another worker stored is known here too. The decision and the
// append are one step for all of them (documents.jsonl.lock, created O_EXCL, held for milliseconds;
// one left by a killed holder is broken after lock.ts STALE_LOCK_MS), so two workers that fetch one URL at
// once (a job run again while its first worker still ran) add its line once. Readers take the first
// line of a URL + hash should one come twice all the same (a lock broken while its holder lived).
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parsePictureSet } from '../sys/pictures.js';
import { tempPath, writeAtomic } from './atomic.js';
import { DuplicateIndex } from './duplicates.js';
import { FailureLog } from './failures.js';
import { readJsonLines, JsonlAppender, JsonlFollower } from './jsonl.js';
import { storagePaths, type DocumentEntry, type Failure } from './layout.js';
import { withFileLock } from './lock.js';

/** One index line's identity: a URL with its bytes (a line come twice counts once). */
const indexKey = (e: { url: string; sha256: string }) => `${e.url}\t${e.sha256}`;

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
  private readonly index: JsonlAppender;
  private readonly failures: FailureLog;
  private readonly follower: JsonlFollower<DocumentEntry>;

  private constructor(
    root: string,
    readonly shared: boolean,
  ) {
    this.paths = storagePaths(root);
    this.index = new JsonlAppender(this.paths.documentIndex, { shared });
    this.failures = new FailureLog(root, { shared });
    this.follower = new JsonlFollower(this.paths.documentIndex);
  }

  static async open(root: string, opts: { shared?: boolean } = {}): Promise<DocumentStore> {
    const store = new DocumentStore(root, opts.shared ?? false);
    await fs.mkdir(store.paths.documents, { recursive: true });
    await store.index.repair();
    await store.failures.repair();
    await store.catchUp();
    return store;
  }

  /** Learns the entries appended to documents.jsonl since the last call (by other processes too). */
  async catchUp(): Promise<void> {
    for (const entry of await this.follower.next()) this.remember(entry);
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
    return this.record(sha256, bytes.length, doc, text);
  }

  /**
   * A temporary file beside the blobs, for a download to stream into (HttpClient's `toFile`), then
   * `putFile`; named so that a crashed run's leftovers are cleaned (cleanStorageTemps).
   */
  downloadPath(): string {
    return tempPath(path.join(this.paths.documents, 'download'));
  }

  /**
   * `put` for a body already on disk (a `downloadPath` file, fsynced, with its sha256): renamed into
   * place as the blob (removed when the blob is there already), so the bytes never sit in memory.
   */
  async putFile(
    file: { path: string; sha256: string; bytes: number },
    doc: NewDocument,
    text?: string | null,
  ): Promise<StoreOutcome> {
    const blob = this.paths.documentFile(file.sha256);
    try {
      if (await exists(blob)) await fs.rm(file.path, { force: true });
      else {
        await fs.mkdir(path.dirname(blob), { recursive: true });
        await fs.rename(file.path, blob);
      }
    } catch (err) {
      await fs.rm(file.path, { force: true });
      throw err;
    }
    return this.record(file.sha256, file.bytes, doc, text);
  }

  /** Appends an entry for stored bytes (if this url did not have them already). */
  private async record(sha256: string, bytes: number, doc: NewDocument, text?: string | null): Promise<StoreOutcome> {
    if (!this.shared) return this.decide(sha256, bytes, doc, text);
    return withFileLock(`${this.paths.documentIndex}.lock`, async () => {
      await this.catchUp();
      return this.decide(sha256, bytes, doc, text);
    });
  }

  private async decide(sha256: string, bytes: number, doc: NewDocument, text?: string | null): Promise<StoreOutcome> {
    if (this.known.has(indexKey({ url: doc.url, sha256 }))) {
      const prev = this.latest.get(doc.url);
      return { entry: prev && prev.sha256 === sha256 ? prev : { ...doc, sha256, bytes }, added: false };
    }
    const base = { ...doc, sha256, bytes };
    const entry: DocumentEntry = { ...base, duplicate_of: this.duplicates.find(base, text) };
    this.remember(entry, text);
    await this.index.append(entry);
    return { entry, added: true };
  }

  async fail(failure: Failure): Promise<void> {
    await this.failures.append(failure);
  }

  private remember(entry: DocumentEntry, text?: string | null): void {
    const key = indexKey(entry);
    if (this.known.has(key)) return; // a line come twice: the first counts
    this.latest.set(entry.url, entry);
    this.known.add(key);
    this.duplicates.add(entry, text);
  }

  private async writeBlob(sha256: string, bytes: Buffer): Promise<void> {
    const file = this.paths.documentFile(sha256);
    if (await exists(file)) return;
    await fs.mkdir(path.dirname(file), { recursive: true });
    await writeAtomic(file, bytes);
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false; // not there yet
  }
}

/** What documents.jsonl says: every URL's latest version, and the first version stored at each URL. */
export interface Documents {
  /** The latest entry per URL, in the order the URLs were first stored. */
  current: DocumentEntry[];
  /** URL → sha256 of the first version stored there (its lineage: the report_id follows it). */
  firstSha: Map<string, string>;
  /** URL → when the first version stored there was fetched (the copies of one report are ordered by it: assemble). */
  firstAt: Map<string, string>;
}

/** Reads documents.jsonl (never writes it; a torn last line is ignored). */
export async function readDocuments(storage: string): Promise<Documents> {
  const latest = new Map<string, DocumentEntry>();
  const firstSha = new Map<string, string>();
  const firstAt = new Map<string, string>();
  const seen = new Set<string>();
  for (const e of await readJsonLines<DocumentEntry>(storagePaths(storage).documentIndex)) {
    const key = indexKey(e);
    if (seen.has(key)) continue; // a line come twice (see the header): the first counts
    seen.add(key);
    latest.set(e.url, e);
    if (!firstSha.has(e.url)) {
      firstSha.set(e.url, e.sha256);
      firstAt.set(e.url, e.fetched_at);
    }
  }
  return { current: [...latest.values()], firstSha, firstAt };
}

/** The stored bytes of a document. */
export function readBlob(storage: string, sha256: string): Promise<Buffer> {
  return fs.readFile(storagePaths(storage).documentFile(sha256));
}

/**
 * The stored files of the pictures a picture-set document lists as come, in its order (for the
 * extractor: sys/pictures.ts PictureSet); undefined for any other document.
 */
export async function pictureFiles(storage: string, entry: DocumentEntry): Promise<string[] | undefined> {
  if (entry.kind !== 'pictures') return undefined;
  const set = parsePictureSet(await readBlob(storage, entry.sha256));
  if (!set) return undefined;
  return set.pictures
    .filter((p) => p.missing === undefined && p.sha256)
    .map((p) => storagePaths(storage).documentFile(p.sha256!));
}
