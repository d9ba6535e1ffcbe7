// The record cache: storage/records/<sha256>.json holds the record extracted from a document and
// <sha256>.failed the typed failure of a document that could not be extracted, keyed by content hash
// and extractor version. A document is extracted when neither file is there or the version differs —
// never otherwise, so a corrupt PDF is tried once per extractor version, not every night.
// The cache holds what the extractor read from the bytes; the identity of a published record
// (report_id, source URLs, fetched_at) depends on where the bytes were found and is assigned by
// `assemble`. The cache's version is written into the record as `extractor_version`, here only.
import { promises as fs } from 'node:fs';
import type { FailureKind } from '../failures.js';
import type { ReportRecord } from '../record.js';
import { writeAtomic } from './atomic.js';
import { storagePaths } from './layout.js';

/** What storage/records/<sha256>.failed holds. */
export interface CachedFailure {
  sha256: string;
  url: string;
  kind: FailureKind;
  message: string;
  extractor_version: string;
  at: string;
}

export type Cached = ReportRecord | CachedFailure;

/** Strings longer than this are not shared (titles, URLs, hashes: one of a kind). */
const SHARED_MAX = 64;

export class RecordCache {
  private readonly paths: ReturnType<typeof storagePaths>;
  /**
   * One copy of each short string read through this cache (opts.shareStrings). JSON.parse makes a
   * new string for every value, and records repeat theirs: a cell's table, row, column, label and
   * element path, a check's rule. 10,000 report records took 107 MB of heap as parsed, 70 MB so.
   */
  private readonly strings: Map<string, string> | null;

  constructor(storage: string, opts: { shareStrings?: boolean } = {}) {
    this.paths = storagePaths(storage);
    this.strings = opts.shareStrings ? new Map() : null;
  }

  private readonly share = (_key: string, value: unknown): unknown => {
    if (typeof value !== 'string' || value.length > SHARED_MAX) return value;
    const known = this.strings!.get(value);
    if (known !== undefined) return known;
    this.strings!.set(value, value);
    return value;
  };

  /** The cached record or failure of a document (any version), or null. */
  async get(sha256: string): Promise<Cached | null> {
    for (const file of [this.paths.recordFile(sha256), this.paths.failedFile(sha256)]) {
      try {
        const text = await fs.readFile(file, 'utf8');
        const value = (this.strings ? JSON.parse(text, this.share) : JSON.parse(text)) as Cached;
        if (value && typeof value === 'object' && typeof value.extractor_version === 'string') return value;
      } catch {
        // missing or unreadable: not cached
      }
    }
    return null;
  }

  /** Caches a record made by extractor `version` (and forgets an earlier failure). */
  async putRecord(sha256: string, record: ReportRecord, version: string): Promise<void> {
    await fs.mkdir(this.paths.records, { recursive: true });
    await writeAtomic(
      this.paths.recordFile(sha256),
      `${JSON.stringify({ ...record, extractor_version: version }, null, 1)}\n`,
    );
    await fs.rm(this.paths.failedFile(sha256), { force: true });
  }

  /** Caches a failure of extractor `version` (and forgets an earlier record). */
  async putFailure(failure: CachedFailure): Promise<void> {
    await fs.mkdir(this.paths.records, { recursive: true });
    await writeAtomic(this.paths.failedFile(failure.sha256), `${JSON.stringify(failure, null, 1)}\n`);
    await fs.rm(this.paths.recordFile(failure.sha256), { force: true });
  }
}

export const isCachedRecord = (c: Cached): c is ReportRecord => 'report_id' in c;
