// ogi.duckdb and ogi.sqlite of the fixture version, opened by DuckDB and by sql.js (SQLite): every
// table and view in ogi.duckdb, the reports, checks, failures and labels in ogi.sqlite; each view's
// whole result compared with what the records say (worked out here from the records and the form
// specs, not from the published files), in both databases where both have it.
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATIONS, tableLabels } from '../../src/forms/index.js';
import { REPORT_COLUMNS } from '../../src/publish/csv.js';
import { publish, uniqueRecords } from '../../src/publish/index.js';
import type { ReportRecord } from '../../src/record.js';
import { fixtureWithCells, tempDatasets, TODAY } from './helpers.js';

type Row = Record<string, unknown>;
let dir: string;
let records: ReportRecord[];
let duck: (sql: string) => Promise<Row[]>;
let lite: (sql: string) => Row[];
let closeDuck: () => void;

beforeAll(async () => {
  const input = fixtureWithCells();
  ({ dir } = await publish({ ...input, datasetsDir: tempDatasets(), today: TODAY, site: false }));
  records = uniqueRecords(input.records).records;
  const db = await DuckDBInstance.create(path.join(dir, 'ogi.duckdb'), { access_mode: 'READ_ONLY' });
  const con = await db.connect();
  duck = async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJS() as Row[];
  closeDuck = () => {
    con.closeSync();
    db.closeSync();
  };
  const SQL = await initSqlJs();
  const sqlite = new SQL.Database(fs.readFileSync(path.join(dir, 'ogi.sqlite')));
  lite = (sql) => {
    const [res] = sqlite.exec(sql);
    return (res?.values ?? []).map((v) => Object.fromEntries(res!.columns.map((c, i) => [c, v[i]])));
  };
});
afterAll(() => closeDuck?.());

/** Numbers as JS numbers (DuckDB's BIGINT comes back as bigint). */
const plain = (rows: Row[]) =>
  rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));

const both = async (sql: string) => ({ duckdb: plain(await duck(sql)), sqlite: plain(lite(sql)) });
const duckOnly = async (sql: string) => ({ duckdb: plain(await duck(sql)) });

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const cells = (r: ReportRecord, table: 'applications' | 'reviews') =>
  Object.entries((r[table] ?? {}) as Record<string, Record<string, number | null>>).flatMap(([row, cols]) =>
    Object.entries(cols).map(([column, value]) => ({ row, column, value })),
  );

describe('ogi.duckdb and ogi.sqlite', () => {
  it('hold their tables and views: every one in ogi.duckdb, those of the reports in ogi.sqlite', async () => {
    const tables = [
      'agencies',
      'applications',
      'cells',
      'checks',
      'failures',
      'labels',
      'proactive',
      'reports',
      'reviews',
    ];
    const views = [
      'applications_labelled',
      'applications_wide',
      'proactive_labelled',
      'reports_refusal',
      'reviews_labelled',
    ];
    const d = await duck('SELECT table_name, table_type FROM information_schema.tables ORDER BY table_name');
    expect(d.filter((t) => t.table_type === 'BASE TABLE').map((t) => t.table_name)).toEqual(tables);
    expect(d.filter((t) => t.table_type === 'VIEW').map((t) => t.table_name)).toEqual(views);
    const l = lite("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name");
    expect(l.filter((t) => t.type === 'table').map((t) => t.name)).toEqual([
      'agencies',
      'checks',
      'failures',
      'labels',
      'reports',
    ]);
    expect(l.filter((t) => t.type === 'view').map((t) => t.name)).toEqual(['reports_refusal']);
  });

  it('have one row per report in reports, every line of the long tables, every check and failure', async () => {
    for (const [table, n] of [
      ['applications', records.reduce((s, r) => s + cells(r, 'applications').length, 0)],
      ['reviews', records.reduce((s, r) => s + cells(r, 'reviews').length, 0)],
      ['cells', 6],
    ] as const) {
      const { duckdb } = await duckOnly(`SELECT count(*) AS n FROM ${table}`);
      expect(duckdb[0]!.n, table).toBe(n);
    }
    for (const [table, n] of [
      ['reports', records.length],
      ['checks', 6], // 2 failed identities of reports, 4 cross-year findings
      ['failures', 3],
      [
        'labels',
        (['applications', 'proactive', 'reviews'] as const).reduce(
          (n, t) =>
            n +
            Object.keys(tableLabels(t).rows).length +
            Object.keys(tableLabels(t).columns).filter((k) => k !== 'amount_raw').length,
          0,
        ),
      ],
    ] as const) {
      const { duckdb, sqlite } = await both(`SELECT count(*) AS n FROM ${table}`);
      expect([duckdb[0]!.n, sqlite[0]!.n], table).toEqual([n, n]);
    }
    for (const t of ['checks ORDER BY report_id, rule, item, detail', 'labels ORDER BY "table", axis, code']) {
      const rows = await both(`SELECT * FROM ${t}`);
      expect(rows.sqlite, t).toEqual(rows.duckdb);
    }
  });

  it('applications_labelled: every cell of table 三 with its keys and labels', async () => {
    const l = tableLabels('applications');
    const expected = records
      .flatMap((r) =>
        cells(r, 'applications').map(({ row, column, value }) => ({
          report_id: r.report_id,
          row,
          row_label_zh: l.rows[row]![0],
          row_label_en: l.rows[row]![1],
          column,
          column_label_zh: l.columns[column]![0],
          column_label_en: l.columns[column]![1],
          value,
        })),
      )
      .sort((a, b) => cmp(a.report_id, b.report_id) || cmp(a.row, b.row) || cmp(a.column, b.column));
    expect(expected.length).toBeGreaterThan(500);
    const { duckdb } = await duckOnly('SELECT * FROM applications_labelled ORDER BY report_id, "row", "column"');
    expect(duckdb).toEqual(expected);
  });

  it('reviews_labelled: every cell of table 四', async () => {
    const l = tableLabels('reviews');
    const expected = records
      .flatMap((r) =>
        cells(r, 'reviews').map(({ row, column, value }) => ({
          report_id: r.report_id,
          row,
          row_label_zh: l.rows[row]![0],
          row_label_en: l.rows[row]![1],
          column,
          column_label_zh: l.columns[column]![0],
          column_label_en: l.columns[column]![1],
          value,
        })),
      )
      .sort((a, b) => cmp(a.report_id, b.report_id) || cmp(a.row, b.row) || cmp(a.column, b.column));
    const { duckdb } = await duckOnly('SELECT * FROM reviews_labelled ORDER BY report_id, "row", "column"');
    expect(duckdb).toEqual(expected);
  });

  it('proactive_labelled keeps the printed money text beside its value', async () => {
    const { duckdb } = await duckOnly(
      `SELECT report_id, "row", "column", value, value_raw FROM proactive_labelled WHERE value_raw IS NOT NULL ORDER BY report_id, "row"`,
    );
    const expected = records.flatMap((r) =>
      Object.entries((r.proactive ?? {}) as Record<string, Record<string, unknown>>)
        .filter(([, cols]) => typeof cols.amount_raw === 'string')
        .map(([row, cols]) => ({
          report_id: r.report_id,
          row,
          column: 'amount_wan_yuan',
          value: (cols.amount_wan_yuan as number | null) ?? null,
          value_raw: cols.amount_raw,
        })),
    );
    expect(expected.length).toBeGreaterThan(1);
    expect(duckdb).toEqual(expected);
  });

  it('applications_wide: table 三 as printed, one row per report and row', async () => {
    const l = tableLabels('applications');
    const columns = APPLICATIONS.columns.map((c) => c.key);
    const expected = records
      .flatMap((r) =>
        Object.entries((r.applications ?? {}) as Record<string, Record<string, number | null>>).map(([row, cols]) => ({
          report_id: r.report_id,
          row,
          row_label_zh: l.rows[row]![0],
          ...Object.fromEntries(columns.map((c) => [c, cols[c] ?? null])),
        })),
      )
      .sort((a, b) => cmp(a.report_id, b.report_id) || cmp(a.row, b.row));
    const { duckdb } = await duckOnly('SELECT * FROM applications_wide ORDER BY report_id, "row"');
    expect(duckdb).toEqual(expected);
    const hongze = expected.find((r) => r.report_id === 'r02f459a662bac1a1' && r.row === 'new_received');
    expect(hongze).toMatchObject({ natural_person: 21, total: 21 });
  });

  it('reports_refusal: the refused share of the requests processed, blank where it cannot be worked out', async () => {
    const get = (name: string) => REPORT_COLUMNS.find((c) => c.name === name)!.get;
    const expected = records.map((r) => {
      const processed = get('processed_total')(r) as number | null;
      const denied = get('denied')(r) as number | null;
      return {
        report_id: r.report_id,
        agency: r.agency,
        year: r.year,
        scope: r.scope,
        province: r.region.province,
        city: r.region.city,
        county: r.region.county,
        admin_level: r.admin_level,
        processed_total: processed,
        denied,
        refusal_share: processed && denied !== null ? denied / processed : null,
      };
    });
    const { duckdb, sqlite } = await both('SELECT * FROM reports_refusal ORDER BY report_id');
    expect(duckdb).toEqual(expected);
    expect(sqlite).toEqual(expected);
    expect(expected.find((r) => r.report_id === 'r02f459a662bac1a1')!.refusal_share).toBeCloseTo(3 / 21, 12);
    expect(expected.filter((r) => r.refusal_share === null).length).toBeGreaterThan(0);
  });
});

describe('ogi.sqlite for datasette', () => {
  it('declares primary keys, foreign keys to reports and the indexes', () => {
    const pk = (table: string) =>
      lite(`SELECT name, pk FROM pragma_table_info('${table}') WHERE pk > 0 ORDER BY pk`).map((r) => r.name);
    expect(pk('reports')).toEqual(['report_id']);
    expect(pk('labels')).toEqual(['table', 'axis', 'code']);
    const fk = (table: string) =>
      lite(`SELECT "from", "table", "to" FROM pragma_foreign_key_list('${table}') ORDER BY "from"`);
    expect(fk('checks')).toEqual([
      { from: 'related_report_id', table: 'reports', to: 'report_id' },
      { from: 'report_id', table: 'reports', to: 'report_id' },
    ]);
    expect(lite('PRAGMA foreign_key_check')).toEqual([]);
    const indexed = lite(
      "SELECT tbl_name AS t, name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
    ).map((r) => r.name);
    expect(indexed).toEqual([
      'agencies_province',
      'checks_report_id',
      'checks_rule',
      'failures_kind',
      'reports_agency_id',
      'reports_province',
      'reports_province_year',
      'reports_year',
    ]);
  });

  it('comes with datasette metadata: licence, and facets of columns that exist', () => {
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'ogi.metadata.json'), 'utf8'));
    expect(meta.license).toBe('CC-BY-4.0');
    const tables = meta.databases.ogi.tables as Record<string, { facets?: string[]; description: string }>;
    for (const [table, t] of Object.entries(tables)) {
      expect(t.description.length, table).toBeGreaterThan(20);
      const columns = lite(`SELECT name FROM pragma_table_info('${table}')`).map((r) => r.name);
      expect(columns.length, table).toBeGreaterThan(0);
      for (const f of t.facets ?? []) expect(columns, `${table}.${f}`).toContain(f);
    }
    expect(tables.reports!.facets).toEqual(['province', 'year', 'scope', 'admin_level', 'template']);
  });
});
