// Shared by the publish tests: fixture storage dirs, temp datasets folders, golden-file compare.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import type { CellSource } from '../../src/record.js';
import { loadRecords } from '../../src/workarea/index.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const FIXTURES = path.join(ROOT, 'test/fixtures/records');
export const PUBLISHED = path.join(ROOT, 'test/fixtures/published');
export const TODAY = '2026-11-27';

export const fixture = (name: 'v1' | 'v2') => loadRecords(path.join(FIXTURES, name));

/** The report ids of the v1 fixture records, sorted. */
export const V1_REPORT_IDS = [
  'r02f459a662bac1a1',
  'r4accbcc7d143d9b0',
  'rc1aaf75eb9838f8d',
  'rd047160348437277',
  'rd2248587ce1ddd39',
  'reea82cbd12e085f2',
  'rf42cdc19429972f9',
];

/**
 * The files a version holds besides its site/ and by-province/, sorted; all but SHA256SUMS are
 * listed as downloads.
 */
export const VERSION_FILES = [
  'CHANGELOG.md',
  'CITATION.cff',
  'CODEBOOK.md',
  'SHA256SUMS',
  'agencies.csv',
  'agencies.parquet',
  'applications.csv',
  'applications.parquet',
  'cells.csv',
  'cells.parquet',
  'checks.csv',
  'checks.parquet',
  'datapackage.json',
  'failures.csv',
  'failures.parquet',
  'labels.csv',
  'labels.parquet',
  'ogi.duckdb',
  'ogi.metadata.json',
  'ogi.sqlite',
  'proactive.csv',
  'proactive.parquet',
  'reports.csv',
  'reports.jsonl',
  'reports.parquet',
  'reviews.csv',
  'reviews.parquet',
];

/** Checked by query (test/publish/databases.test.ts), not against expected copies: DuckDB lays out its bytes anew each time. */
export const DATABASE_FILES = ['ogi.duckdb', 'ogi.sqlite'];

/** The files of by-province/ for the provinces of a fixture version (GB/T 2260 codes). */
export const splitFiles = (codes: string[]) =>
  codes.flatMap((c) =>
    ['applications.csv', 'checks.csv', 'proactive.csv', 'reports.csv', 'reviews.csv'].map(
      (f) => `by-province/${c}/${f}`,
    ),
  );
export const SPLIT_FILES = {
  v1: splitFiles(['230000', '310000', '320000', '410000', '420000']),
  v2: splitFiles(['230000', '310000', '320000', '420000']),
};

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDatasets(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ogi-publish-'));
  temps.push(dir);
  return dir;
}

/** Every regular file under dir, relative, sorted. */
export function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * A published text with the sha256 of ogi.duckdb blanked out of SHA256SUMS: DuckDB lays out its
 * bytes anew each time (the same rows: test/publish/databases.test.ts).
 */
export function withoutDuckdbHash(name: string, text: string): string {
  return name.endsWith('SHA256SUMS') ? text.replace(/^[0-9a-f]{64}(?= {2}ogi\.duckdb$)/m, '<varies>') : text;
}

/**
 * Compares a published file with its checked-in expected copy. A missing expected file is
 * written and the test fails once: read it, fix what is wrong, rerun, commit both.
 */
export function expectSameFile(actual: string, expected: string): void {
  const existed = fs.existsSync(expected);
  if (!existed) {
    fs.mkdirSync(path.dirname(expected), { recursive: true });
    fs.copyFileSync(actual, expected);
  }
  const a = fs.readFileSync(actual);
  const e = fs.readFileSync(expected);
  if (/\.(parquet)$/.test(actual)) expect(a.equals(e), `${actual} differs from ${expected}`).toBe(true);
  else
    expect(withoutDuckdbHash(actual, a.toString('utf8')), `${actual} vs ${expected}`).toBe(
      withoutDuckdbHash(expected, e.toString('utf8')),
    );
  expect(existed, `wrote ${expected}: review it, then rerun`).toBe(true);
}

/**
 * Cells of three v1 fixture records, as extractor 1.2.0 writes them: the 洪泽区 PDF (a number
 * with its page and box, a loosely matched row, the money cell), the 大贵镇 HTML page (money of
 * unknown unit: value blank, printed kept; a signed change) and the 贾峪镇 page's prose figure
 * (its paragraph).
 */
export const FIXTURE_CELLS: Record<string, CellSource[]> = {
  r02f459a662bac1a1: [
    {
      table: 'proactive',
      row: 'fees',
      column: 'amount_wan_yuan',
      value: 7730.28,
      printed: '7730.28',
      via: 'table',
      label: 'strict',
      page: 3,
      bbox: [354.72, 282.76, 393.72, 296.05],
    },
    {
      table: 'applications',
      row: 'new_received',
      column: 'natural_person',
      value: 21,
      printed: '21',
      via: 'table',
      label: 'strict',
      page: 3,
      bbox: [318.72, 483.22, 332.82, 497.27],
    },
    {
      table: 'applications',
      row: 'denied_law_prohibited',
      column: 'total',
      value: 0,
      printed: '0',
      via: 'table',
      label: 'loose',
      page: 3,
      bbox: [495.84, 601.3, 502.86, 615.35],
      confidence: 87, // as if read by OCR: the engine's confidence reaches cells.csv
    },
  ],
  reea82cbd12e085f2: [
    {
      table: 'proactive',
      row: 'licensing',
      column: 'change',
      value: -1,
      printed: '-1',
      via: 'table',
      label: 'strict',
      path: 'body>div[3]>table[1]>tbody[1]>tr[6]>td[3]',
    },
    {
      table: 'proactive',
      row: 'procurement',
      column: 'amount_wan_yuan',
      value: null,
      printed: '251000',
      via: 'table',
      label: 'strict',
      path: 'body>div[3]>table[1]>tbody[1]>tr[11]>td[3]',
    },
  ],
  rf42cdc19429972f9: [
    {
      table: 'applications',
      row: 'new_received',
      column: 'total',
      value: 3,
      printed: '办理政府信息公开申请3件',
      via: 'prose',
      label: 'strict',
      path: 'body>div[2]>p[14]',
    },
  ],
};

/** The v1 fixture with FIXTURE_CELLS in its records. */
export const fixtureWithCells = () => {
  const f = fixture('v1');
  return {
    ...f,
    records: f.records.map((r) => (FIXTURE_CELLS[r.report_id] ? { ...r, cells: FIXTURE_CELLS[r.report_id] } : r)),
  };
};
