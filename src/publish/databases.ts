// ogi.duckdb and ogi.sqlite are built in child processes (database-child.ts), one each, from the
// files the publisher writes into the version's temporary folder (the Parquet files; SqliteInput's
// rows, followed as they are written), while the publisher goes on with the rest: their memory
// (DuckDB's buffers, sql.js's whole database in WebAssembly) is never added to the records', and
// they use the second core. A child that fails, is killed or dies fails the publish with PublishError 'database_failed'
// naming the file; the temporary folder is then removed as for any failure, the previous version
// left as it was. Each child reports its CPU time and peak resident size (bench/publish.ts).
import { type ChildProcess, fork } from 'node:child_process';
import { childEntry, type ChildEntry } from '../sys/child.js';
import { DUCKDB_FILE } from './duckdb.js';
import type { WrittenFile } from './sink.js';
import { SQLITE_FILE } from './sqlite.js';
import { PublishError } from './version.js';

export type DatabaseTask = 'duckdb' | 'sqlite';
const FILE_OF: Record<DatabaseTask, string> = { duckdb: DUCKDB_FILE, sqlite: SQLITE_FILE };

/** What a child sends back when it has written its files. */
export interface ChildReport {
  files: WrittenFile[];
  cpuSeconds: number;
  maxRssKb: number;
}

let entry: ChildEntry | undefined;

/** Figures of the children that finished last, by task (bench/publish.ts reads them). */
export const lastDatabaseReports: Partial<Record<DatabaseTask, ChildReport>> = {};

function run(task: DatabaseTask, dir: string): { child: ChildProcess; result: Promise<ChildReport> } {
  entry ??= childEntry(import.meta.url, 'database-child');
  const child = fork(entry.file, [task, dir], {
    execArgv: entry.execArgv,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'json',
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  let report: ChildReport | null = null;
  child.on('message', (m) => {
    report = m as ChildReport;
  });
  const result = new Promise<ChildReport>((resolve, reject) => {
    const fail = (why: string) =>
      reject(
        new PublishError(
          'database_failed',
          `${FILE_OF[task]} could not be built (${why})${stderr.trim() ? `: ${stderr.trim().split('\n').slice(-3).join(' | ')}` : ''}; nothing was published`,
        ),
      );
    child.once('error', (err) => fail(err.message));
    child.once('exit', (code, signal) => {
      if (code === 0 && report) resolve(report);
      else fail(signal ? `its process was killed by ${signal}` : `its process exited with code ${code}`);
    });
  });
  return { child, result };
}

export interface DatabaseRun {
  /** The files written; rejects with PublishError 'database_failed'. */
  done: Promise<WrittenFile[]>;
  /** Kills the child if still running and waits for it to end (before its folder is removed). */
  stop(): Promise<void>;
}

/**
 * Starts the child that writes `task`'s database into `dir` (sqlite: as soon as SqliteInput has
 * created its file; duckdb: once the Parquet files are written).
 */
export function buildDatabase(task: DatabaseTask, dir: string): DatabaseRun {
  const { child, result } = run(task, dir);
  const ended = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const done = result.then((report) => {
    lastDatabaseReports[task] = report;
    return report.files;
  });
  done.catch(() => undefined); // awaited later, after the publisher's own work: not an unhandled rejection meanwhile
  return {
    done,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await ended;
    },
  };
}
