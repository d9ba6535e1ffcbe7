// The work area: storage/ and datasets/ and every file in them (layout in ./layout.ts).
//   layout.ts      paths, DEFAULT_STORAGE / DEFAULT_DATASETS, DocumentEntry, Failure
//   documents.ts   the document index (documents.jsonl) and the content-addressed blobs (DocumentStore)
//   records.ts     the record cache (records/<sha>.json, <sha>.failed)
//   failures.ts    failures.jsonl and the supersession rule
//   decisions.ts   decisions.jsonl: why each list item was fetched or not
//   duplicates.ts  documents and records that are the same report
//   assemble.ts    THE dataset: records + failures to publish
//   lock.ts        the storage lock and the publish lock
//   atomic.ts      the one atomic write (temp, fsync, rename) and the cleanup of a crashed run's temps
//   jsonl.ts       append-only logs: readers never write, the writer repairs a torn tail
import path from 'node:path';
import { cleanTemps } from './atomic.js';

export * from './layout.js';
export { assemble, loadRecords, selectForPublish, type AssembleOptions, type Dataset } from './assemble.js';
export { cleanTemps, isTemp, tempPath, writeAtomic, writeAtomicSync } from './atomic.js';
export {
  DocumentStore,
  pictureFiles,
  readBlob,
  readDocuments,
  type Documents,
  type NewDocument,
  type StoreOutcome,
} from './documents.js';
export {
  DecisionLog,
  latestDecisions,
  readDecisions,
  settleByExtraction,
  type Decision,
  type DecisionBy,
} from './decisions.js';
export { DuplicateIndex, duplicateKey, markDocumentDuplicates, markDuplicates } from './duplicates.js';
export { FailureLog, readFailures, supersede, type SupersedeContext } from './failures.js';
export { JsonlAppender, readJsonLines } from './jsonl.js';
export { lockPublish, lockStorage, LockBusy, PublishBusy, StorageBusy, type LockOwner } from './lock.js';
export { RecordCache, isCachedRecord, type Cached, type CachedFailure } from './records.js';

/** Removes the temp files a crashed run left in storage/ (root, records/, crawl/, documents/xx/). */
export function cleanStorageTemps(storage: string): string[] {
  return [
    ...cleanTemps(storage),
    ...cleanTemps(path.join(storage, 'records')),
    ...cleanTemps(path.join(storage, 'crawl')),
    ...cleanTemps(path.join(storage, 'documents'), 1),
  ];
}
