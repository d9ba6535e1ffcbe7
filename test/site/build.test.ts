// The site build without a browser: same records ⇒ same bytes, escaping, folder swap, failed-check cells.
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { OUTCOME_ROWS } from '../forms.js';
import type { Check, ReportRecord } from '../../src/record.js';
import { cellsOfCheck } from '../../src/publish/site/cells.js';
import { buildSite, siteFiles } from '../../src/publish/site/index.js';
import { bucketOf, fnv1a, SORT_KEYS } from '../../src/publish/site/shards.js';
import { RECORDS } from '../fixtures/site/records.js';

const input = (records: ReportRecord[], versionDir = '/nowhere') => ({
  records,
  versionDir,
  version: '2026-01-20',
  downloads: [
    { name: 'reports.jsonl', bytes: 123 },
    { name: 'CODEBOOK.md', bytes: 45 },
  ],
});
const temps: string[] = [];
afterAll(async () => {
  for (const t of temps) await rm(t, { recursive: true, force: true });
});

async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile())
      out[path.relative(dir, path.join(e.parentPath, e.name))] = await readFile(
        path.join(e.parentPath, e.name),
        'utf8',
      );
  }
  return out;
}

describe('buildSite', () => {
  it('writes the same bytes for the same records, in any order', async () => {
    const a = await siteFiles(input(RECORDS));
    const shuffled = [...RECORDS].sort((x, y) => fnv1a(`${x.report_id}x`) - fnv1a(`${y.report_id}x`));
    expect(shuffled.map((r) => r.report_id)).not.toEqual(RECORDS.map((r) => r.report_id));
    const b = await siteFiles(input(shuffled));
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [name, text] of a) expect(b.get(name), name).toBe(text);
  });

  it('replaces an earlier site folder and leaves no temporary folder', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ogi-site-build-'));
    temps.push(dir);
    await mkdir(path.join(dir, 'site'));
    await writeFile(path.join(dir, 'site', 'stale.html'), 'old');
    await buildSite(input(RECORDS, dir));
    const first = await tree(path.join(dir, 'site'));
    expect(first['stale.html']).toBeUndefined();
    const plain = Object.keys(first).filter((f) => !/\.(gz|br)$/.test(f));
    expect(plain.sort()).toEqual(
      [
        'agency.html',
        'assets/agency.js',
        'assets/common.js',
        'assets/list.js',
        'assets/report.js',
        'assets/site.css',
        'charts.html',
        'data/agencies/a00000.js',
        'data/agency-labels.js',
        'data/archive.js',
        'data/chart-applications.csv',
        'data/chart-coverage.csv',
        'data/chart-outcomes.csv',
        'data/chart-reviews.csv',
        'data/labels.js',
        'data/layout.js',
        'data/reports/r00000.js',
        'data/rows/all.js',
        'data/rows/failed.js',
        'data/rows/p-230000.js',
        'data/rows/p-310000.js',
        'data/rows/p-420000.js',
        'data/rows/p-520000.js',
        ...SORT_KEYS.flatMap((k) => [`data/rows/s-${k}-asc.js`, `data/rows/s-${k}-desc.js`]),
        ...[2018, 2019, 2020, 2021, 2022, 2023].map((y) => `data/rows/y-${y}.js`),
        'data/summary.js',
        'data/texts.js',
        'index.html',
        'report.html',
      ].sort(),
    );
    // every file with its gzip and brotli twins, holding the same bytes
    expect(Object.keys(first).length).toBe(plain.length * 3);
    for (const f of plain) {
      const bytes = await readFile(path.join(dir, 'site', f));
      expect(gunzipSync(await readFile(path.join(dir, 'site', `${f}.gz`))).equals(bytes), f).toBe(true);
      expect(brotliDecompressSync(await readFile(path.join(dir, 'site', `${f}.br`))).equals(bytes), f).toBe(true);
    }
    expect((await readdir(dir)).sort()).toEqual(['site']);
    await buildSite(input(RECORDS, dir));
    expect(await tree(path.join(dir, 'site'))).toEqual(first);
  });

  it('escapes names from records in pages and data files', async () => {
    const hostile: ReportRecord = {
      ...RECORDS[1]!,
      report_id: 'x</script><b>',
      title: '</script><img src=x onerror=alert(1)>',
      agency: 'A & B "机关"',
      region: { ...RECORDS[1]!.region, province: '<i>省', city: '\u2028市' },
    };
    const files = await siteFiles(input([...RECORDS, hostile]));
    for (const [name, text] of files) {
      if (name.startsWith('data/') && name.endsWith('.js')) expect(text, name).not.toMatch(/<|\u2028/);
    }
    // a chart's CSV holds the name as it is (quoted when it must be), never as HTML
    expect(files.get('data/chart-outcomes.csv')).toContain('\r\n<i>省,<i>省,');
    const charts = files.get('charts.html')!;
    expect(charts).not.toContain('<i>省');
    expect(charts).toContain('&lt;i&gt;省');
    expect(files.get('index.html')).toContain('data-label-zh="&lt;i&gt;省"');
    const summary = files.get('data/summary.js')!;
    const parsed = JSON.parse(summary.slice('window.OGI_SUMMARY = '.length, -2));
    expect(parsed.provinces.map((p: { name: string }) => p.name)).toContain('<i>省');
  });

  it('keeps report buckets in step with the client hash', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(bucketOf('hb-2021-jingmen', 1)).toBe(0);
  });
});

describe('cellsOfCheck', () => {
  const jingmen = RECORDS.find((r) => r.report_id === 'hb-2021-jingmen')!;
  const balance = (detail: string): Check => ({ rule: 'applications.balance', ok: false, detail });
  const balanced = { ...jingmen, applications: RECORDS.find((r) => r.report_id === 'hb-2022-jingmen')!.applications };

  it('finds the columns that break the identity', () => {
    expect(cellsOfCheck(jingmen, balance('whatever the extractor wrote'))).toEqual([
      'applications.new_received.natural_person',
      'applications.new_received.total',
      'applications.carried_over.natural_person',
      'applications.carried_over.total',
      'applications.total_processed.natural_person',
      'applications.total_processed.total',
      'applications.carried_forward.natural_person',
      'applications.carried_forward.total',
    ]);
  });

  it('falls back to the keys the detail names, then to every cell of the rule', () => {
    expect(cellsOfCheck(balanced, balance('other_org: 1 + 0 ≠ 0 + 0'))).toEqual([
      'applications.new_received.other_org',
      'applications.carried_over.other_org',
      'applications.total_processed.other_org',
      'applications.carried_forward.other_org',
    ]);
    expect(cellsOfCheck(balanced, balance('不平衡'))).toHaveLength(4 * 7);
    expect(cellsOfCheck(balanced, { rule: 'reviews.total', ok: false, detail: 'litigation_direct' })).toEqual(
      ['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => `reviews.litigation_direct.${c}`),
    );
  });

  it("marks the single （六） row of a 2021-form report that prints it so, as the extractor's check sums it", () => {
    const oneRow = RECORDS.find((r) => r.report_id === 'hb-2022-jingmen')!;
    expect(oneRow.template).toBe('2021');
    const check: Check = {
      rule: 'applications.outcome_sum',
      ok: false,
      detail: 'natural_person: total_processed 9 ≠ sum of outcomes 8',
    };
    expect(cellsOfCheck(oneRow, check)).toEqual(
      ['total_processed', ...OUTCOME_ROWS, 'other'].map((r) => `applications.${r}.natural_person`),
    );
  });

  it('marks nothing for a passed check', () => {
    expect(cellsOfCheck(jingmen, { rule: 'applications.balance', ok: true, detail: '' })).toEqual([]);
  });
});

describe('download list', () => {
  it('lists SHA256SUMS, written after the site, without a size', async () => {
    const html = (await siteFiles(input(RECORDS))).get('index.html')!;
    const rows = [
      ...html.matchAll(
        /<tr><td><a href="([^"]+)" download>([^<]+)<\/a><\/td><td class="num"( data-bytes="\d+")?>([^<]*)<\/td><\/tr>/g,
      ),
    ].map((m) => [m[1], m[2], m[4]]);
    expect(rows).toEqual([
      ['../CODEBOOK.md', 'CODEBOOK.md', '45 B'],
      ['../SHA256SUMS', 'SHA256SUMS', ''],
      ['../reports.jsonl', 'reports.jsonl', '123 B'],
    ]);
  });
});

describe("cellsOfCheck with the extractor's per-column checks", () => {
  it('marks only the column a check names', () => {
    const jingmen = RECORDS.find((r) => r.report_id === 'hb-2021-jingmen')!;
    const failed = jingmen.checks.filter((c) => !c.ok);
    expect(failed.map((c) => cellsOfCheck(jingmen, c))).toEqual(
      ['natural_person', 'total'].map((col) =>
        ['new_received', 'carried_over', 'total_processed', 'carried_forward'].map(
          (row) => `applications.${row}.${col}`,
        ),
      ),
    );
  });
});
