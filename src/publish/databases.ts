// ogi.duckdb and ogi.sqlite are built in child processes (database-child.ts), one each, from the
// files the publisher has already written into the version's temporary folder (the Parquet files;
// SqliteInput's rows), while the publisher goes on with the rest: their memory (DuckDB's buffers,
// sql.js's whole database in WebAssembly) is never added to the records', and they use the second
// core. A child that fails, is killed or dies fails the publish with PublishError 'database_failed'
// naming the file; the temporary folder is then removed as for any failure, the previous version
// left as it was. Each child reports its CPU time and peak resident size (bench/publish.ts).
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DUCKDB_FILE } from './duckdb.js';
import type { WrittenFile } from './sink.js';
import { SQLITE_FILE } from './sqlite.js';
import { PublishError } from './version.js';

export type DatabaseTask = 'duckdb' | 'sqlite';
export const DATABASE_TASKS: readonly DatabaseTask[] = ['duckdb', 'sqlite'];
const FILE_OF: Record<DatabaseTask, string> = { duckdb: DUCKDB_FILE, sqlite: SQLITE_FILE };

/** What a child sends back when it has written its files. */
export interface ChildReport {
  files: WrittenFile[];
  cpuSeconds: number;
  maxRssKb: number;
}

export interface DatabaseBuild {
  /** The files written, in DATABASE_TASKS order; rejects with PublishError 'database_failed'. */
  done: Promise<WrittenFile[]>;
  /** Kills the children still running and waits for them to end (before their folder is removed). */
  stop(): Promise<void>;
  /** Each finished child's figures. */
  reports: Partial<Record<DatabaseTask, ChildReport>>;
}

const CHILD = fileURLToPath(
  new URL(`./database-child${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
);

/** Figures of the last build's children (bench/publish.ts reads them). */
export let lastDatabaseReports: Partial<Record<DatabaseTask, ChildReport>> = {};

function run(task: DatabaseTask, dir: string): { child: ChildProcess; result: Promise<ChildReport> } {
  const execArgv = CHILD.endsWith('.ts') ? ['--import', 'tsx'] : []; // tests and tsx runs: TypeScript
  const child = fork(CHILD, [task, dir], {
    execArgv,
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

/** Starts both children on the finished Parquet files and SqliteInput of `dir`. */
export function buildDatabases(dir: string): DatabaseBuild {
  const reports: DatabaseBuild['reports'] = {};
  lastDatabaseReports = reports;
  const runs = DATABASE_TASKS.map((task) => ({ task, ...run(task, dir) }));
  const ended = runs.map((r) => new Promise<void>((resolve) => r.child.once('exit', () => resolve())));
  for (const r of runs) r.result.then((rep) => (reports[r.task] = rep)).catch(() => undefined);
  const done = Promise.all(runs.map((r) => r.result)).then((list) => list.flatMap((rep) => rep.files));
  done.catch(() => undefined); // awaited later, after the publisher's own work: not an unhandled rejection meanwhile
  return {
    done,
    reports,
    async stop() {
      for (const r of runs) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
      await Promise.all(ended);
    },
  };
}
