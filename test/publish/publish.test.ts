// Publishing the fixture records: every output file compared whole with its expected copy
// (test/fixtures/published/<version>/), then the second fixture version on top of the first.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { publish, type PublishResult } from '../../src/publish/index.js';
import {
  DATABASE_FILES,
  expectSameFile,
  fixture,
  listFiles,
  PUBLISHED,
  SPLIT_FILES,
  tempDatasets,
  TODAY,
  VERSION_FILES,
} from './helpers.js';

const all = (v: 'v1' | 'v2') => [...VERSION_FILES, ...SPLIT_FILES[v]].sort();
/** The files with an expected copy in test/fixtures/published/<v>/. */
const compared = (v: 'v1' | 'v2') => all(v).filter((f) => !DATABASE_FILES.includes(f));

let datasets: string;
let first: PublishResult;
let second: PublishResult;

beforeAll(async () => {
  datasets = tempDatasets();
  first = await publish({ ...fixture('v1'), datasetsDir: datasets, today: TODAY, site: false });
  second = await publish({ ...fixture('v2'), datasetsDir: datasets, today: TODAY, site: false });
});

describe('first version (test/fixtures/records/v1)', () => {
  it('is named after the day and summarised', () => {
    expect(first.version).toBe(TODAY);
    expect(first.changed).toBe(true);
    expect(first.dir).toBe(path.join(datasets, TODAY));
    const { files, ...summary } = first.summary;
    expect(summary).toEqual({
      reports: 7,
      duplicates: 0,
      failures: 3,
      failed_checks: 6,
      cross_year_findings: 4,
      previous: null,
      cleaned: [],
      added: 7,
      removed: 0,
      changed_reports: 0,
      sources: 0, // no work area given: no documents archived
      message: `first version ${TODAY}: 7 reports`,
    });
    expect(files.map((f) => f.name).sort()).toEqual(all('v1'));
  });

  it('writes exactly the expected files', () => expect(listFiles(first.dir)).toEqual(all('v1')));

  it('has an expected copy of every file but the databases', () =>
    expect(listFiles(path.join(PUBLISHED, 'v1'))).toEqual(compared('v1')));

  it.each(compared('v1'))('%s matches its expected copy', (name) =>
    expectSameFile(path.join(datasets, TODAY, name), path.join(PUBLISHED, 'v1', name)),
  );
});

describe('second version (test/fixtures/records/v2) over the first', () => {
  it('gets the next suffix and moves latest', () => {
    expect(second.version).toBe(`${TODAY}.1`);
    expect(second.changed).toBe(true);
    expect(fs.readlinkSync(path.join(datasets, 'latest'))).toBe(`${TODAY}.1`);
    expect(fs.readFileSync(path.join(datasets, 'latest.txt'), 'utf8')).toBe(`${TODAY}.1\n`);
    expect(fs.readdirSync(datasets).sort()).toEqual([TODAY, `${TODAY}.1`, 'latest', 'latest.txt']);
  });

  it('counts exactly the added, removed and changed reports', () => {
    expect(second.summary).toMatchObject({ previous: TODAY, added: 2, removed: 1, changed_reports: 1 });
    expect(second.summary.message).toBe(`version ${TODAY}.1: 2 added, 1 removed, 1 changed since ${TODAY}`);
  });

  it('names them, and the changed fields, in CHANGELOG.md', () => {
    const log = fs.readFileSync(path.join(second.dir, 'CHANGELOG.md'), 'utf8');
    const ids = (section: string) =>
      [...(log.split(`## ${section}`)[1]?.split('\n## ')[0] ?? '').matchAll(/^- `(r[0-9a-f]{16})`/gm)].map((m) => m[1]);
    expect(ids('Added')).toEqual(['r027616ea8fea88c5', 'rc3d2f1c9a5d7ff33']); // 洪泽区 2023 as HTML (a duplicate); 宜昌市生态环境局 2023, new
    expect(ids('Removed')).toEqual(['rf42cdc19429972f9']); // 贾峪镇 2020, gone
    expect(ids('Changed')).toEqual(['rc1aaf75eb9838f8d']); // 宜昌市生态环境局 2022, corrected
    expect(log).toContain(
      '`applications.new_received.natural_person`, `applications.new_received.total`, ' +
        '`applications.granted.natural_person`, `applications.granted.total`, ' +
        '`applications.total_processed.natural_person`, `applications.total_processed.total`, `extractor_version`\n',
    );
  });

  it('marks the same report published twice (PDF, then its HTML page) as a duplicate of the first', () => {
    const rows = fs
      .readFileSync(path.join(second.dir, 'reports.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.filter((r) => r.duplicate_of).map((r) => [r.report_id, r.duplicate_of])).toEqual([
      ['r027616ea8fea88c5', 'r02f459a662bac1a1'],
    ]);
  });

  it('leaves the first version untouched', () => {
    for (const name of compared('v1'))
      expectSameFile(path.join(datasets, TODAY, name), path.join(PUBLISHED, 'v1', name));
  });

  it('writes exactly the expected files', () => expect(listFiles(second.dir)).toEqual(all('v2')));

  it.each(compared('v2'))('%s matches its expected copy', (name) =>
    expectSameFile(path.join(datasets, `${TODAY}.1`, name), path.join(PUBLISHED, 'v2', name)),
  );
});
