// ogi.sqlite: the reports, the agencies, their failed checks, the failures and the labels in one SQLite file
// (sql.js: SQLite compiled to WebAssembly, no native binary), so that
// `datasette ogi.sqlite --metadata ogi.metadata.json` serves them with facets and SQL: primary keys,
// foreign keys to reports, indexes on report_id, province and year, and the views of views.ts that
// need only these tables. The long tables and cells (some 17 and 20 million lines at 100,000
// reports) are left to ogi.duckdb and the Parquet files: sql.js inserts at most ~220,000 four-column
// rows per CPU second (one transaction, one prepared statement; ~340,000 with 1,000-row INSERT
// texts), so the long tables alone would cost 50-80 s of CPU, and sql.js would hold their few
// hundred MB in WebAssembly memory and copy them again to export the file. ogi.metadata.json holds datasette's titles, descriptions,
// licence and facets. Built in a child process (databases.ts) from the rows the publisher leaves in
// the version's temporary folder (SqliteInput, .sqlite-input/: one JSON array per line, the values
// of reports.csv's columns as they are, before any text conversion) and from agencies.parquet. The
// child starts with the publisher's walk over the records and reads the reports' rows as they are
// written (following the file until its end line), so that it works on the other core meanwhile.
import fs, { readFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { StringDecoder } from 'node:string_decoder';
import { parquetReadObjects } from 'hyparquet';
import initSqlJs, { type Database } from 'sql.js';
import type { Failure } from '../workarea/index.js';
import { AGENCY_FIELDS } from './agencies.js';
import { CHECK_FIELDS, type CheckRow } from './checks.js';
import { HOMEPAGE, LICENSE, TITLE_EN } from './citation.js';
import { LABEL_FIELDS, type LabelCodes } from './codes.js';
import { REPORT_COLUMNS, type ReportRow } from './csv.js';
import { FAILURE_FIELDS } from './failures.js';
import type { Field, FieldType } from './fields.js';
import { RESOURCES } from './resources.js';
import { FileSink, type WrittenFile, writeWhole } from './sink.js';
import { SQLITE_VIEWS } from './views.js';

export const SQLITE_FILE = 'ogi.sqlite';

export const DATASETTE_METADATA = 'ogi.metadata.json';

const SQL_TYPE: Record<FieldType, string> = { string: 'TEXT', integer: 'INTEGER', number: 'REAL', date: 'TEXT' };
const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

interface TableDef {
  name: string;
  fields: Field[];
  primaryKey?: string[];
  /** Columns that refer to reports.report_id. */
  references?: string[];
  indexes?: string[][];
  withoutRowid?: boolean;
}

function createSql(t: TableDef): string {
  const cols = t.fields.map((f) => {
    const ref = t.references?.includes(f.name) ? ' REFERENCES reports(report_id)' : '';
    return `${ident(f.name)} ${SQL_TYPE[f.type]}${ref}`;
  });
  if (t.primaryKey) cols.push(`PRIMARY KEY (${t.primaryKey.map(ident).join(', ')})`);
  return `CREATE TABLE ${ident(t.name)} (${cols.join(', ')})${t.withoutRowid ? ' WITHOUT ROWID' : ''}`;
}

type Value = string | number | null;
const value = (v: unknown): Value =>
  typeof v === 'number' || typeof v === 'string' ? v : typeof v === 'bigint' ? Number(v) : null;

async function fill(db: Database, t: TableDef, rows: Iterable<Value[]> | AsyncIterable<Value[]>): Promise<void> {
  const stmt = db.prepare(`INSERT INTO ${ident(t.name)} VALUES (${t.fields.map(() => '?').join(', ')})`);
  try {
    for await (const row of rows) stmt.run(row);
  } finally {
    stmt.free();
  }
}

/** Where the publisher leaves ogi.sqlite's rows, inside the version's temporary folder (removed before the rename). */
export const SQLITE_INPUT = '.sqlite-input';
const inputFile = (table: string) => `${SQLITE_INPUT}/${table}.jsonl`;

export interface SqliteRows {
  checks: CheckRow[];
  failures: Failure[];
  codes: LabelCodes;
}

const jsonLines = (rows: Value[][]) => rows.map((r) => `${JSON.stringify(r)}\n`).join('');

/** The rows of ogi.sqlite, written as the publisher makes them: the reports one at a time, the rest at the end. */
export class SqliteInput {
  private readonly reports: FileSink;

  constructor(private readonly dir: string) {
    this.reports = new FileSink(dir, inputFile('reports'));
  }

  /** A row of reports.csv (reportRow), its values as they are. */
  addReport(row: ReportRow): void {
    this.reports.write(`${JSON.stringify(row)}\n`);
  }

  /** Writes the other tables' rows, then the reports' end line (the child reads them once it sees it). */
  close(input: SqliteRows): void {
    writeWhole(
      this.dir,
      inputFile('labels'),
      jsonLines(input.codes.rows().map((l) => [l.table, l.axis, l.code, l.key, l.label_zh, l.label_en])),
    );
    writeWhole(
      this.dir,
      inputFile('checks'),
      jsonLines(input.checks.map((c) => CHECK_FIELDS.map((f) => value(c[f.name as keyof CheckRow])))),
    );
    writeWhole(
      this.dir,
      inputFile('failures'),
      jsonLines(input.failures.map((f) => FAILURE_FIELDS.map((x) => value(f[x.name as keyof Failure])))),
    );
    this.reports.write(`${END}\n`);
    this.reports.close();
  }
}

/** The last line of the reports' rows (no row is a string). */
const END = '"end"';
const FOLLOW_MS = 20;

/** The reports' rows, read while SqliteInput writes them, up to its end line. */
async function* followRows(dir: string): AsyncGenerator<Value[]> {
  const fd = fs.openSync(path.join(dir, inputFile('reports')), 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) {
        await new Promise((resolve) => setTimeout(resolve, FOLLOW_MS));
        continue;
      }
      const lines = (rest + decoder.write(buf.subarray(0, n))).split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        if (line === END) return;
        if (line) yield JSON.parse(line) as Value[];
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

async function* readRows(dir: string, table: string): AsyncGenerator<Value[]> {
  const lines = readline.createInterface({
    input: fs.createReadStream(path.join(dir, inputFile(table))),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) if (line) yield JSON.parse(line) as Value[];
}

/** ogi.sqlite and ogi.metadata.json from SqliteInput's rows and agencies.parquet in `dir`. */
export async function writeSqlite(dir: string): Promise<WrittenFile[]> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  try {
    db.run('PRAGMA page_size = 4096');
    db.run('BEGIN');
    const reports: TableDef = {
      name: 'reports',
      fields: REPORT_COLUMNS,
      primaryKey: ['report_id'],
      indexes: [['province'], ['year'], ['province', 'year'], ['agency_id']],
    };
    db.run(createSql(reports));
    await fill(db, reports, followRows(dir));
    // The agency registry, read back from agencies.parquet (written before: the registry itself is
    // not kept in memory while the big files are written).
    const agencies: TableDef = {
      name: 'agencies',
      fields: AGENCY_FIELDS,
      primaryKey: ['agency_id'],
      indexes: [['province']],
    };
    db.run(createSql(agencies));
    const bytes = readFileSync(path.join(dir, 'agencies.parquet'));
    const rows = (await parquetReadObjects({
      file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    })) as Record<string, unknown>[];
    await fill(
      db,
      agencies,
      rows.map((a) => AGENCY_FIELDS.map((f) => value(a[f.name]))),
    );
    const labels: TableDef = { name: 'labels', fields: LABEL_FIELDS, primaryKey: ['table', 'axis', 'code'] };
    db.run(createSql(labels));
    await fill(db, labels, readRows(dir, 'labels'));
    const checks: TableDef = {
      name: 'checks',
      fields: CHECK_FIELDS,
      references: ['report_id', 'related_report_id'],
      indexes: [['report_id'], ['rule']],
    };
    db.run(createSql(checks));
    await fill(db, checks, readRows(dir, 'checks'));
    const failures: TableDef = { name: 'failures', fields: FAILURE_FIELDS, indexes: [['kind']] };
    db.run(createSql(failures));
    await fill(db, failures, readRows(dir, 'failures'));
    for (const t of [reports, agencies, checks, failures])
      for (const cols of t.indexes ?? [])
        db.run(
          `CREATE INDEX ${ident(`${t.name}_${cols.join('_')}`)} ON ${ident(t.name)} (${cols.map(ident).join(', ')})`,
        );
    for (const v of SQLITE_VIEWS) db.run(`CREATE VIEW ${ident(v.name)} AS ${v.sql}`);
    db.run('COMMIT');
    return [writeWhole(dir, SQLITE_FILE, db.export()), writeWhole(dir, DATASETTE_METADATA, datasetteMetadata())];
  } finally {
    db.close();
  }
}

/** datasette's metadata: titles, descriptions, licence, source, and the facets of reports. */
export function datasetteMetadata(): string {
  const describe = (file: string) => RESOURCES.find((r) => r.path === file)?.description;
  const tables: Record<string, Record<string, unknown>> = {
    reports: { description: describe('reports.csv'), facets: ['province', 'year', 'scope', 'admin_level', 'template'] },
    agencies: { description: describe('agencies.csv'), facets: ['province', 'admin_level', 'scope'] },
    labels: { description: describe('labels.csv') },
    checks: { description: describe('checks.csv'), facets: ['rule', 'year'] },
    failures: { description: describe('failures.csv'), facets: ['stage', 'kind'] },
    ...Object.fromEntries(SQLITE_VIEWS.map((v) => [v.name, { description: v.description }])),
  };
  const meta = {
    title: TITLE_EN,
    license: LICENSE.name,
    license_url: LICENSE.path,
    source: 'ogi',
    source_url: HOMEPAGE,
    databases: { ogi: { tables } },
  };
  return `${JSON.stringify(meta, null, 2)}\n`;
}
