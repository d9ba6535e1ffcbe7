// Two dataset versions compared for the cluster tests: the files of each, and those whose bytes
// differ. ogi.duckdb is compared by its content (every table's rows, in order, and the views' names):
// DuckDB does not write the same bytes twice for the same tables (publishing one storage folder
// five times gave two different files, 14 bytes apart), so SHA256SUMS is compared without its line.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DATABASE_TABLES, DUCKDB_FILE } from '../../src/publish/duckdb.js';

/** Every file under `dir`, relative, sorted. */
export function files(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? files(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name))],
    )
    .sort();
}

async function duckdbContent(file: string): Promise<string> {
  const db = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  try {
    const con = await db.connect();
    const out: unknown[] = [];
    for (const { table } of DATABASE_TABLES)
      out.push(table, (await con.runAndReadAll(`SELECT * FROM ${table}`)).getRowsJson());
    out.push(
      (await con.runAndReadAll('SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1')).getRowsJson(),
    );
    con.closeSync();
    return JSON.stringify(out);
  } finally {
    db.closeSync();
  }
}

/** The files of `a` whose content differs in `b` (both must hold the same names). */
export async function differing(a: string, b: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of files(a)) {
    const [x, y] = [readFileSync(path.join(a, name)), readFileSync(path.join(b, name))];
    if (name === DUCKDB_FILE) {
      if ((await duckdbContent(path.join(a, name))) !== (await duckdbContent(path.join(b, name)))) out.push(name);
    } else if (name === 'SHA256SUMS') {
      const without = (buf: Buffer) =>
        buf
          .toString('utf8')
          .split('\n')
          .filter((l) => !l.endsWith(`  ${DUCKDB_FILE}`))
          .join('\n');
      if (without(x) !== without(y)) out.push(name);
    } else if (!x.equals(y)) out.push(name);
  }
  return out;
}
