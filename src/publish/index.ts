// `publish(opts)`: records + failures in, a new version folder `datasets/<version>/` out —
// or nothing, when the data would be identical to the latest version's.
//   one walk over the records: reports.jsonl, reports.csv/.parquet, the long CSVs and Parquet files,
//   cells, by-province/ splits, ogi.sqlite's rows (a child process builds ogi.sqlite from them
//   meanwhile, databases.ts) → the small files (labels, checks, failures, codebook) → compare with
//   latest → ogi.duckdb in a child process → changelog, archived sources → wait for the databases →
//   datapackage.json → site → SHA256SUMS → rename into place → move `latest`.
import fs from 'node:fs';
import path from 'node:path';
import type { ReportRecord } from '../record.js';
import { lockPublish, markDuplicates, PublishBusy, type Failure } from '../workarea/index.js';
import { buildSite as realBuildSite, type SiteInput } from './site/index.js';
import { buildRegistry, writeAgencies } from './agencies.js';
import { changelogText, diffOrExplain } from './changelog.js';
import { CellsWriter, writeCellsParquet } from './cells.js';
import { allChecks, type CheckRow, writeChecks, writeChecksParquet } from './checks.js';
import { citationCff } from './citation.js';
import { codebookText } from './codebook.js';
import { LabelCodes, writeLabels } from './codes.js';
import { ReportsWriter } from './csv.js';
import { dataPackageText } from './datapackage.js';
import { buildDatabase, type DatabaseRun } from './databases.js';
import { publishableFailures, writeFailures, writeFailuresParquet } from './failures.js';
import { canonicalRecord, JsonlWriter } from './jsonl.js';
import { archiveSources, type ArchiveResult, type SourcesMode } from './sources.js';
import { hashTree, readSums, sumsText } from './sums.js';
import { type WrittenFile, writeWhole } from './sink.js';
import { ProvinceSplits, SPLIT_DIR } from './splits.js';
import { SQLITE_INPUT, SqliteInput } from './sqlite.js';
import { TidyWriter } from './tidy.js';
import {
  assertLatestIsLink,
  chooseVersion,
  cleanStaleTemps,
  commitVersion,
  latestVersion,
  localDate,
  makeTempDir,
  PublishError,
} from './version.js';

export { PublishError } from './version.js';

export interface PublishOptions {
  records: ReportRecord[];
  failures: Failure[];
  datasetsDir: string;
  /** Version name; default: today's date (YYYY-MM-DD), with `.1`, `.2`… if it exists. */
  version?: string;
  /** Today's date for the default version name (tests); default: the local date. */
  today?: string;
  /** Build the site into `<version>/site/` (default true). */
  site?: boolean;
  /** The site builder (default: ./site/index.js). */
  buildSite?: (input: SiteInput) => Promise<void>;
  /** How long to wait for another publish to the same datasets folder (default 10 minutes). */
  lockWaitMs?: number;
  /** The work area whose stored documents are archived with the version (src/publish/sources.ts); none without it. */
  storage?: string;
  /** Where the archived documents go: inside the version (default), a companion folder beside it, or nowhere. */
  sources?: SourcesMode;
  /** Lines per part of a province's long CSV (default: a spreadsheet's 1,048,575; tests make it small). */
  splitRows?: number;
}

export interface PublishSummary {
  reports: number;
  /** Records dropped because another record had the same report_id (the newest fetch is kept). */
  duplicates: number;
  failures: number;
  /** Rows of checks.csv: failed identities of single reports, and cross-year findings. */
  failed_checks: number;
  cross_year_findings: number;
  previous: string | null;
  added: number;
  removed: number;
  changed_reports: number;
  /** Temporary folders of earlier, killed runs that were removed. */
  cleaned: string[];
  files: { name: string; bytes: number }[];
  /** Archived source documents written (sources/ or the companion folder). */
  sources?: number;
  message: string;
}

export interface PublishResult {
  version: string;
  dir: string;
  changed: boolean;
  summary: PublishSummary;
}

/** Files whose content decides whether anything changed (the rest name the version). */
const CONTENT_FILES = [
  'reports.jsonl',
  'reports.csv',
  'reports.parquet',
  'agencies.csv',
  'agencies.parquet',
  'applications.csv',
  'proactive.csv',
  'reviews.csv',
  'cells.csv',
  'cells.parquet',
  'checks.csv',
  'failures.csv',
  'CODEBOOK.md',
];

const byId = (a: ReportRecord, b: ReportRecord) => (a.report_id < b.report_id ? -1 : a.report_id > b.report_id ? 1 : 0);

/** One record per report_id (newest fetch, then highest sha256), sorted by report_id. */
export function uniqueRecords(records: ReportRecord[]): { records: ReportRecord[]; duplicates: number } {
  // A sorted copy, compacted in place (a map of 100,000 ids cost ~5 MB of heap). The sort is
  // stable: among equal fetches the first given is kept.
  const sorted = [...records].sort(byId);
  let kept = 0;
  for (const r of sorted) {
    const last = kept > 0 ? sorted[kept - 1]! : undefined;
    if (last && last.report_id === r.report_id) {
      if (newer(r, last)) sorted[kept - 1] = r;
    } else {
      sorted[kept++] = r;
    }
  }
  sorted.length = kept;
  return { records: sorted, duplicates: records.length - kept };
}

function newer(a: ReportRecord, b: ReportRecord): boolean {
  const fa = a.source?.fetched_at ?? '';
  const fb = b.source?.fetched_at ?? '';
  if (fa !== fb) return fa > fb;
  return (a.source?.sha256 ?? '') > (b.source?.sha256 ?? '');
}

/** One publish per datasets folder at a time: a second waits for the first (bounded), then goes on. */
export async function publish(opts: PublishOptions): Promise<PublishResult> {
  fs.mkdirSync(opts.datasetsDir, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockPublish(opts.datasetsDir, { waitMs: opts.lockWaitMs });
  } catch (err) {
    if (err instanceof PublishBusy) throw new PublishError('busy', err.message, { cause: err });
    throw err;
  }
  try {
    return await publishLocked(opts);
  } finally {
    await release();
  }
}

async function publishLocked(opts: PublishOptions): Promise<PublishResult> {
  const { datasetsDir } = opts;
  assertLatestIsLink(datasetsDir);
  const cleaned = cleanStaleTemps(datasetsDir);
  const previous = latestVersion(datasetsDir);
  const version = chooseVersion(datasetsDir, opts.today ?? localDate(), opts.version);
  const unique = uniqueRecords(opts.records);
  const records = markDuplicates(unique.records);
  const duplicates = unique.duplicates;
  const failures = publishableFailures(opts.failures, records);

  const tmp = makeTempDir(datasetsDir);
  let archive: ArchiveResult | null = null;
  const databases: DatabaseRun[] = [];
  const stopDatabases = () => Promise.all(databases.splice(0).map((d) => d.stop()));
  try {
    const { checks, agencyFiles } = agencyStage(records, tmp);
    const jsonl = new JsonlWriter(tmp);
    const reports = new ReportsWriter(tmp);
    const codes = new LabelCodes();
    const tidy = new TidyWriter(tmp, { codes });
    const cells = new CellsWriter(tmp);
    const splits = new ProvinceSplits(tmp, { maxRows: opts.splitRows });
    const sqliteInput = new SqliteInput(tmp);
    const sqlite = buildDatabase('sqlite', tmp); // follows sqliteInput's rows meanwhile
    databases.push(sqlite);
    for (const r of records) {
      const canonical = canonicalRecord(r);
      jsonl.add(canonical);
      const { row, line } = reports.add(r);
      sqliteInput.addReport(row);
      tidy.add(canonical, splits.add(r, line));
      cells.add(canonical);
    }
    sqliteInput.close({ checks, failures, codes });
    const splitFiles = splits.close(checks);
    const files: WrittenFile[] = [
      jsonl.close(),
      ...reports.close(),
      ...agencyFiles,
      ...tidy.close(),
      cells.close(),
      writeCellsParquet(tmp, records),
      writeChecks(tmp, checks),
      writeChecksParquet(tmp, checks),
      writeFailures(tmp, failures),
      writeFailuresParquet(tmp, failures),
      ...writeLabels(tmp, codes),
      writeWhole(tmp, 'CODEBOOK.md', codebookText()),
    ];
    const base = {
      reports: records.length,
      duplicates,
      failures: failures.length,
      failed_checks: checks.length,
      cross_year_findings: checks.filter((c) => c.rule.startsWith('cross_year.')).length,
      previous,
      cleaned,
    };

    if (previous !== null && sameContent(path.join(datasetsDir, previous), files)) {
      // (by-province/ and ogi.sqlite's rows were written in the same walk: they go with the folder)
      await stopDatabases();
      fs.rmSync(tmp, { recursive: true, force: true });
      return {
        version: previous,
        dir: path.join(datasetsDir, previous),
        changed: false,
        summary: {
          ...base,
          added: 0,
          removed: 0,
          changed_reports: 0,
          files: [],
          message: `no change since ${previous}: no new version written`,
        },
      };
    }

    const duckdb = buildDatabase('duckdb', tmp);
    databases.push(duckdb);
    const changes = await diffOrExplain(
      previous === null ? null : { version: previous, jsonl: path.join(datasetsDir, previous, 'reports.jsonl') },
      records,
    );
    files.push(writeWhole(tmp, 'CHANGELOG.md', changelogText(version, changes)));
    archive = archiveSources(records, {
      storage: opts.storage ?? '',
      mode: opts.storage === undefined ? 'none' : (opts.sources ?? 'inline'),
      versionTmp: tmp,
      datasetsDir,
      version,
    });
    files.push(...splitFiles);
    files.push(...(await duckdb.done), ...(await sqlite.done));
    fs.rmSync(path.join(tmp, SQLITE_INPUT), { recursive: true, force: true });
    files.push(writeWhole(tmp, 'CITATION.cff', citationCff(version)));
    files.push(writeWhole(tmp, 'datapackage.json', dataPackageText(version, files)));
    if (opts.site !== false) {
      try {
        await (opts.buildSite ?? realBuildSite)({
          records,
          versionDir: tmp,
          version,
          downloads: files
            .filter((f) => !f.name.startsWith(`${SPLIT_DIR}/`))
            .map((f) => ({ name: f.name, bytes: f.bytes })),
          archive: archive.index,
        });
      } catch (err) {
        throw new PublishError(
          'site_failed',
          `the site could not be built: ${err instanceof Error ? err.message : String(err)}`,
          {
            cause: err,
          },
        );
      }
      files.push(...hashTree(tmp, 'site'));
    }
    files.push(...archive.files);
    files.push(writeWhole(tmp, 'SHA256SUMS', sumsText(files)));
    archive.commit();
    const dir = await commitVersion(datasetsDir, tmp, version);
    return {
      version,
      dir,
      changed: true,
      summary: {
        ...base,
        added: previous === null ? records.length : changes.added.length,
        removed: changes.removed.length,
        changed_reports: changes.changed.length,
        files: files.filter((f) => !archive?.files.includes(f)).map((f) => ({ name: f.name, bytes: f.bytes })),
        sources: archive.files.length,
        message:
          previous === null
            ? `first version ${version}: ${records.length} reports`
            : `version ${version}: ${changes.added.length} added, ${changes.removed.length} removed, ${changes.changed.length} changed since ${previous}`,
      },
    };
  } catch (err) {
    await stopDatabases();
    fs.rmSync(tmp, { recursive: true, force: true });
    archive?.discard();
    throw err;
  }
}

/**
 * The agency registry of the records: sets each record's agency_id in place (as markDuplicates
 * sets duplicate_of: a copy of 100,000 records costs tens of MB), writes agencies.csv/.parquet and
 * makes the checks (the cross-year ones by the registry's linkage). The registry is dropped on
 * return, before the big files are written (100,000 agencies hold ~60 MB).
 */
function agencyStage(records: ReportRecord[], dir: string): { checks: CheckRow[]; agencyFiles: WrittenFile[] } {
  const registry = buildRegistry(records);
  records.forEach((r, i) => {
    r.agency_id = registry.ids[i] ?? null;
  });
  return { checks: allChecks(records, registry), agencyFiles: writeAgencies(dir, registry.agencies) };
}

/** True when every content file has the same sha256 as in the previous version's SHA256SUMS. */
function sameContent(previousDir: string, files: WrittenFile[]): boolean {
  const sums = readSums(path.join(previousDir, 'SHA256SUMS'));
  const mine = new Map(files.map((f) => [f.name, f.sha256]));
  return CONTENT_FILES.every((name) => mine.get(name) !== undefined && sums.get(name) === mine.get(name));
}
