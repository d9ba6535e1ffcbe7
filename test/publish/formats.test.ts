// The published files read back with real readers: csv-parse for the CSVs (BOM, RFC 4180
// quoting, formula guard), hyparquet for reports.parquet, and datapackage.json checked against
// the Data Package v1 spec's required properties and against the files it describes.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { beforeAll, describe, expect, it } from 'vitest';
import { agencyIdOf, buildRegistry } from '../../src/publish/agencies.js';
import { REPORT_COLUMNS } from '../../src/publish/csv.js';
import { publish, uniqueRecords } from '../../src/publish/index.js';
import { CELL_COLUMNS } from '../../src/publish/cells.js';
import { FIXTURE_CELLS, fixture, fixtureWithCells, listFiles, tempDatasets, TODAY, V1_REPORT_IDS } from './helpers.js';

let dir: string;
const read = (name: string) => fs.readFileSync(path.join(dir, name));
const rowsOf = (name: string): string[][] => parse(read(name), { bom: true, relax_column_count: false });

beforeAll(async () => {
  ({ dir } = await publish({ ...fixtureWithCells(), datasetsDir: tempDatasets(), today: TODAY, site: false }));
});

describe('reports.csv', () => {
  it('starts with a UTF-8 byte order mark, as every CSV of the version does', () => {
    const csvs = listFiles(dir).filter((f) => f.endsWith('.csv'));
    expect(csvs.length).toBe(9 + 5 * 5); // the version's own, and five files of each of the five provinces
    for (const name of csvs) expect([...read(name).subarray(0, 3)], name).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('parses to one row per report with the documented header', () => {
    const [header, ...rows] = rowsOf('reports.csv');
    expect(header).toEqual(REPORT_COLUMNS.map((c) => c.name));
    expect(rows.map((r) => r[0])).toEqual(V1_REPORT_IDS);
  });

  it('guards a formula title and keeps quotes and commas inside one cell', () => {
    const rows = rowsOf('reports.csv');
    const col = (name: string) => rows[0]!.indexOf(name);
    const formula = rows.find((r) => r[0] === 'r4accbcc7d143d9b0')!;
    expect(formula[col('title')]).toBe(`'=HYPERLINK("http://x/","某区2021年政府信息公开工作年度报告")`);
    expect(formula[col('agency')]).toBe('某区人民政府办公室, "政务公开科"');
    // no text cell of any CSV starts with a formula character
    for (const name of [
      'reports.csv',
      'applications.csv',
      'proactive.csv',
      'reviews.csv',
      'checks.csv',
      'failures.csv',
    ]) {
      for (const row of rowsOf(name))
        for (const cell of row) expect(/^[=+@\t\r]/.test(cell), `${name}: ${cell}`).toBe(false);
    }
    const failures = rowsOf('failures.csv');
    expect(failures.find((r) => r[2] === 'layout_changed')?.[3]).toBe("'-0 items and no next page on the list");
  });

  it('writes blanks as empty cells, zeros as 0, and negative numbers as numbers', () => {
    const rows = rowsOf('reports.csv');
    const col = (name: string) => rows[0]!.indexOf(name);
    const narrative = rows.find((r) => r[0] === 'rf42cdc19429972f9')!; // 贾峪镇: prose figures only
    expect([narrative[col('applications_new')], narrative[col('granted')], narrative[col('denied')]]).toEqual([
      '3',
      '1',
      '',
    ]);
    expect([narrative[col('review_total')], narrative[col('litigation_total')]]).toEqual(['0', '']);
    const signed = rowsOf('proactive.csv').find(
      (r) => r[0] === 'reea82cbd12e085f2' && r[1] === 'licensing' && r[2] === 'change',
    );
    expect(signed?.[3]).toBe('-1');
    const money = rowsOf('proactive.csv').find(
      (r) => r[0] === 'reea82cbd12e085f2' && r[1] === 'procurement' && r[2] === 'amount_wan_yuan',
    );
    expect(money?.slice(3, 5)).toEqual(['', '251000']); // unknown unit: blank 万元, printed text kept
  });

  it('uses CRLF line ends and RFC 4180 quotes only where needed', () => {
    const text = read('reports.csv').toString('utf8');
    expect(text.split('\r\n').length - 1).toBe(8);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    expect(text).toContain(
      `,"'=HYPERLINK(""http://x/"",""某区2021年政府信息公开工作年度报告"")","某区人民政府办公室, ""政务公开科""",${agencyIdOf(fixture('v1').records.find((r) => r.report_id === 'r4accbcc7d143d9b0')!)},2021,`,
    );
  });
});

describe('reports.parquet', () => {
  it('holds the rows of reports.csv, typed', async () => {
    const file = read('reports.parquet');
    const buffer = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
    const rows = await parquetReadObjects({ file: buffer });
    const unique = uniqueRecords(fixture('v1').records).records;
    const registry = buildRegistry(unique);
    const records = unique.map((r, i) => ({ ...r, agency_id: registry.ids[i] }));
    const day = (iso: unknown) => (typeof iso === 'string' ? new Date(`${iso}T00:00:00Z`) : null);
    const expected = records.map((r) =>
      Object.fromEntries(REPORT_COLUMNS.map((c) => [c.name, c.type === 'date' ? day(c.get(r)) : c.get(r)])),
    );
    expect(rows).toEqual(expected);
    const hongze = rows.find((r) => r.report_id === 'r02f459a662bac1a1')!;
    expect(hongze.fees_wan_yuan).toBe(7730.28);
    expect(hongze.published_date).toBeNull();
    expect(rows.find((r) => r.report_id === 'rc1aaf75eb9838f8d')!.fees_wan_yuan).toBeNull();
  });

  it('declares the column types of its schema', () => {
    const file = read('reports.parquet');
    const metadata = parquetMetadata(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
    const types = Object.fromEntries(
      parquetSchema(metadata).children.map((c) => [c.element.name, [c.element.type, c.element.converted_type ?? null]]),
    );
    const want = {
      string: ['BYTE_ARRAY', 'UTF8'],
      integer: ['INT32', null],
      number: ['DOUBLE', null],
      date: ['INT32', 'DATE'],
    };
    expect(types).toEqual(Object.fromEntries(REPORT_COLUMNS.map((c) => [c.name, want[c.type]])));
  });
});

describe('datapackage.json', () => {
  interface Resource {
    name: string;
    path: string;
    format: string;
    mediatype: string;
    bytes: number;
    hash?: string;
    encoding?: string;
    schema?: { fields: { name: string; type: string; title: string; description: string }[] };
  }
  let pkg: {
    name: string;
    version: string;
    licenses: { name: string; path: string }[];
    sources: unknown[];
    resources: Resource[];
  };
  beforeAll(() => {
    pkg = JSON.parse(read('datapackage.json').toString('utf8'));
  });

  it('has the properties the Data Package v1 spec requires and recommends', () => {
    expect(pkg.name).toMatch(/^[a-z0-9._-]+$/);
    expect(pkg.version).toBe(TODAY);
    expect(pkg.licenses[0]).toMatchObject({ name: 'CC-BY-4.0', path: expect.stringMatching(/^https:\/\//) });
    expect(pkg.sources.length).toBeGreaterThan(0);
    expect(pkg.resources.map((r) => r.path).sort()).toEqual(
      [
        'agencies.csv',
        'agencies.parquet',
        'applications.csv',
        'applications.parquet',
        'cells.csv',
        'cells.parquet',
        'checks.csv',
        'checks.parquet',
        'failures.csv',
        'failures.parquet',
        'labels.csv',
        'labels.parquet',
        'ogi.duckdb',
        'ogi.sqlite',
        'proactive.csv',
        'proactive.parquet',
        'reports.csv',
        'reports.jsonl',
        'reports.parquet',
        'reviews.csv',
        'reviews.parquet',
        ...listFiles(dir).filter((f) => f.startsWith('by-province/')),
      ].sort(),
    );
    const names = pkg.resources.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const r of pkg.resources) expect(r.name).toMatch(/^[a-z0-9._/-]+$/);
  });

  it('gives every resource its true size and sha256', () => {
    for (const r of pkg.resources) {
      const bytes = read(r.path);
      expect(r.bytes, r.path).toBe(bytes.length);
      // ogi.duckdb's bytes differ from build to build (its rows do not): its sha256 is in SHA256SUMS only
      if (r.path === 'ogi.duckdb') expect(r.hash).toBeUndefined();
      else expect(r.hash, r.path).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
    }
  });

  it('describes every column of every CSV, in order, with values of the declared type', () => {
    const valid: Record<string, RegExp> = {
      string: /^[\s\S]*$/,
      integer: /^(-?\d+)?$/,
      number: /^(-?\d+(\.\d+)?)?$/,
      date: /^(\d{4}-\d{2}-\d{2})?$/,
    };
    for (const r of pkg.resources.filter((r) => r.format === 'csv')) {
      const [header, ...rows] = rowsOf(r.path);
      const fields = r.schema!.fields;
      expect(header, r.path).toEqual(fields.map((f) => f.name));
      for (const f of fields) {
        expect(f.title, `${r.path} ${f.name}`).toMatch(/\p{Script=Han}/u);
        expect(f.description.length, `${r.path} ${f.name}`).toBeGreaterThan(10);
      }
      for (const row of rows) fields.forEach((f, i) => expect(row[i], `${r.path} ${f.name}`).toMatch(valid[f.type]!));
      if (!r.path.startsWith('by-province/')) expect(rows.length, r.path).toBeGreaterThan(0);
    }
  });

  it('describes cells.csv and cells.parquet alike, keyed by cell, report_id referring to reports', () => {
    const csv = pkg.resources.find((r) => r.path === 'cells.csv')!;
    const pq = pkg.resources.find((r) => r.path === 'cells.parquet')!;
    expect(pq.schema).toEqual(csv.schema);
    expect(csv.schema).toMatchObject({
      primaryKey: ['report_id', 'table', 'row', 'column'],
      foreignKeys: [{ fields: 'report_id', reference: { resource: 'reports', fields: 'report_id' } }],
    });
    expect(csv.schema!.fields.map((f) => [f.name, f.type])).toEqual([
      ['report_id', 'string'],
      ['table', 'string'],
      ['row', 'string'],
      ['column', 'string'],
      ['value', 'number'],
      ['printed', 'string'],
      ['via', 'string'],
      ['label', 'string'],
      ['page', 'integer'],
      ['bbox', 'string'],
      ['path', 'string'],
      ['line', 'integer'],
      ['col', 'integer'],
      ['ocr_confidence', 'integer'],
    ]);
    const reports = pkg.resources.find((r) => r.path === 'reports.csv')!;
    expect(reports.schema!.fields[0]!.name).toBe('report_id');
  });

  it('gives reports.parquet the same fields as reports.csv', () => {
    const csv = pkg.resources.find((r) => r.path === 'reports.csv')!;
    const pq = pkg.resources.find((r) => r.path === 'reports.parquet')!;
    expect(pq.schema).toEqual(csv.schema);
  });
});

describe('an empty dataset', () => {
  it('still has every file, with headers only, and a readable parquet', async () => {
    const res = await publish({ records: [], failures: [], datasetsDir: tempDatasets(), today: TODAY, site: false });
    const file = fs.readFileSync(path.join(res.dir, 'reports.parquet'));
    expect(
      await parquetReadObjects({ file: file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) }),
    ).toEqual([]);
    expect(fs.readFileSync(path.join(res.dir, 'reports.csv'), 'utf8')).toBe(
      `\uFEFF${REPORT_COLUMNS.map((c) => c.name).join(',')}\r\n`,
    );
    expect(fs.readFileSync(path.join(res.dir, 'applications.csv'), 'utf8')).toBe(
      '\uFEFFreport_id,row,column,value\r\n',
    );
    expect(listFiles(res.dir).filter((f) => f.startsWith('by-province/'))).toEqual([]);
    expect(res.summary.reports).toBe(0);
  });
});

describe('cells.csv and cells.parquet', () => {
  const HEADER = 'report_id,table,row,column,value,printed,via,label,page,bbox,path,line,col,ocr_confidence';

  it('has one line per cell of every record that has cells, by report_id, with a byte order mark', () => {
    const text = read('cells.csv').toString('utf8');
    expect(text.split('\r\n')).toEqual([
      `\uFEFF${HEADER}`,
      'r02f459a662bac1a1,proactive,fees,amount_wan_yuan,7730.28,7730.28,table,strict,3,"354.72,282.76,393.72,296.05",,,,',
      'r02f459a662bac1a1,applications,new_received,natural_person,21,21,table,strict,3,"318.72,483.22,332.82,497.27",,,,',
      'r02f459a662bac1a1,applications,denied_law_prohibited,total,0,0,table,loose,3,"495.84,601.3,502.86,615.35",,,,87',
      "reea82cbd12e085f2,proactive,licensing,change,-1,'-1,table,strict,,,body>div[3]>table[1]>tbody[1]>tr[6]>td[3],,,",
      'reea82cbd12e085f2,proactive,procurement,amount_wan_yuan,,251000,table,strict,,,body>div[3]>table[1]>tbody[1]>tr[11]>td[3],,,',
      'rf42cdc19429972f9,applications,new_received,total,3,办理政府信息公开申请3件,prose,strict,,,body>div[2]>p[14],,,',
      '',
    ]);
  });

  it('holds the lines of cells.csv, typed, in cells.parquet', async () => {
    const file = read('cells.parquet');
    const rows = await parquetReadObjects({
      file: file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength),
    });
    const hongze = FIXTURE_CELLS.r02f459a662bac1a1![0]!;
    expect(rows).toHaveLength(6);
    expect(rows[0]).toEqual({
      report_id: 'r02f459a662bac1a1',
      table: 'proactive',
      row: 'fees',
      column: 'amount_wan_yuan',
      value: 7730.28,
      printed: '7730.28',
      via: 'table',
      label: 'strict',
      page: 3,
      bbox: hongze.bbox!.join(','),
      path: null,
      line: null,
      col: null,
      ocr_confidence: null,
    });
    expect(rows.map((r) => [r.report_id, r.row, r.column, r.value, r.path, r.ocr_confidence])).toEqual([
      ['r02f459a662bac1a1', 'fees', 'amount_wan_yuan', 7730.28, null, null],
      ['r02f459a662bac1a1', 'new_received', 'natural_person', 21, null, null],
      ['r02f459a662bac1a1', 'denied_law_prohibited', 'total', 0, null, 87],
      ['reea82cbd12e085f2', 'licensing', 'change', -1, 'body>div[3]>table[1]>tbody[1]>tr[6]>td[3]', null],
      ['reea82cbd12e085f2', 'procurement', 'amount_wan_yuan', null, 'body>div[3]>table[1]>tbody[1]>tr[11]>td[3]', null],
      ['rf42cdc19429972f9', 'new_received', 'total', 3, 'body>div[2]>p[14]', null],
    ]);
    const metadata = parquetMetadata(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
    const types = Object.fromEntries(parquetSchema(metadata).children.map((c) => [c.element.name, c.element.type]));
    expect(types).toEqual(
      Object.fromEntries(
        CELL_COLUMNS.map((c) => [
          c.name,
          c.type === 'string' ? 'BYTE_ARRAY' : c.type === 'number' ? 'DOUBLE' : 'INT32',
        ]),
      ),
    );
  });

  it('keeps the cells in reports.jsonl, in the contract key order', () => {
    const line = read('reports.jsonl')
      .toString('utf8')
      .split('\n')
      .find((l) => l.includes('"r02f459a662bac1a1"'))!;
    const record = JSON.parse(line);
    expect(record.cells).toEqual(FIXTURE_CELLS.r02f459a662bac1a1);
    expect(Object.keys(record).slice(-3)).toEqual(['confidence', 'cells', 'extractor_version']);
    // records of extractors before 1.2.0 keep no cells key
    expect(
      read('reports.jsonl')
        .toString('utf8')
        .split('\n')
        .filter((l) => l.includes('"r4accbcc7d143d9b0"'))
        .map((l) => 'cells' in JSON.parse(l)),
    ).toEqual([false]);
  });
});
