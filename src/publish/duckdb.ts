// ogi.duckdb: one DuckDB database holding every table of the version (loaded from its Parquet
// files, so its types are theirs) and the views of views.ts. Open it with `duckdb ogi.duckdb`
// or any DuckDB client; it is written inside the version's temporary folder like every file.
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { hashFile, type WrittenFile } from './sink.js';
import { VIEWS } from './views.js';

export const DUCKDB_FILE = 'ogi.duckdb';

/** The tables of the database and the Parquet file each is loaded from. */
export const DATABASE_TABLES: { table: string; parquet: string }[] = [
  'reports',
  'agencies',
  'applications',
  'proactive',
  'reviews',
  'labels',
  'cells',
  'checks',
  'failures',
].map((table) => ({ table, parquet: `${table}.parquet` }));

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

export async function writeDuckdb(dir: string): Promise<WrittenFile> {
  const file = path.join(dir, DUCKDB_FILE);
  // One thread, a bounded memory: CREATE TABLE … AS SELECT streams the Parquet files (at 100,000
  // reports: 256MB → 442 MiB peak RSS, 128MB → 331 MiB, same CPU). Its bytes still vary from build
  // to build (README, Known limits).
  const db = await DuckDBInstance.create(file, {
    threads: '1',
    memory_limit: '128MB',
    preserve_insertion_order: 'true',
  });
  try {
    const con = await db.connect();
    try {
      for (const { table, parquet } of DATABASE_TABLES)
        await con.run(`CREATE TABLE ${table} AS SELECT * FROM read_parquet(${literal(path.join(dir, parquet))})`);
      for (const v of VIEWS) {
        await con.run(`CREATE VIEW ${v.name} AS ${v.sql}`);
        await con.run(`COMMENT ON VIEW ${v.name} IS ${literal(v.description)}`);
      }
      await con.run('CHECKPOINT');
    } finally {
      con.closeSync();
    }
  } finally {
    db.closeSync();
  }
  fs.rmSync(`${file}.wal`, { force: true });
  return hashFile(dir, DUCKDB_FILE);
}
