// Site build time for 100,000 synthetic records, and the bytes the list page loads first.
// Run: npx tsx bench/site.ts (or through bench/index.ts via benchSite()).
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ReportRecord } from '../src/record.js';
import { buildSite } from '../src/publish/site/index.js';
import { PROVINCES_EN } from '../src/publish/site/labels.js';
import { RECORDS } from '../test/fixtures/site/records.js';

/** The files index.html pulls in before any user action. */
const FIRST_LOAD = [
  'index.html',
  'assets/site.css',
  'assets/common.js',
  'assets/list.js',
  'data/labels.js',
  'data/summary.js',
];

/** n records cut from the fixture records: every province, 2008–2024, tables shared (the builder only reads them). */
export function syntheticRecords(n: number): ReportRecord[] {
  const provinces = Object.keys(PROVINCES_EN).slice(0, 31);
  const withTables = RECORDS.filter((r) => r.applications);
  const out: ReportRecord[] = [];
  for (let i = 0; i < n; i++) {
    const base = i % 10 === 0 ? RECORDS[i % RECORDS.length]! : withTables[i % withTables.length]!;
    const province = provinces[(i * 7) % provinces.length]!;
    const city = `第${(i % 13) + 1}市`;
    const year = 2008 + (i % 17);
    const agency = `${province}${city}第${i % 997}局`;
    out.push({
      ...base,
      report_id: `syn${String(i).padStart(7, '0')}`,
      title: `${agency}${year}年政府信息公开工作年度报告`,
      agency,
      year,
      region: { province, city, county: i % 3 ? `第${i % 29}县` : null, township: null, code: null },
      source: { ...base.source, sha256: i.toString(16).padStart(64, '0') },
    });
  }
  return out;
}

async function du(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) {
      bytes += (await stat(path.join(e.parentPath, e.name))).size;
      files++;
    }
  }
  return { bytes, files };
}

export async function benchSite(n = 100_000): Promise<string[]> {
  const records = syntheticRecords(n);
  const versionDir = await mkdtemp(path.join(tmpdir(), 'ogi-bench-site-'));
  try {
    const t0 = performance.now();
    await buildSite({ records, versionDir, version: 'bench', downloads: [{ name: 'reports.jsonl', bytes: 1 }] });
    const ms = performance.now() - t0;
    const site = path.join(versionDir, 'site');
    let first = 0;
    for (const f of FIRST_LOAD) first += (await stat(path.join(site, f))).size;
    const lists = await du(path.join(site, 'data/list'));
    const buckets = await du(path.join(site, 'data/reports'));
    const total = await du(site);
    const largestList = Math.max(
      ...(await Promise.all(
        (
          await readdir(path.join(site, 'data/list'))
        ).map(async (f) => (await stat(path.join(site, 'data/list', f))).size),
      )),
    );
    const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
    const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
    return [
      `site: built ${n.toLocaleString('en')} records in ${(ms / 1000).toFixed(1)} s`,
      `site: list page first load ${first.toLocaleString('en')} bytes (${kb(first)}: ${FIRST_LOAD.join(', ')})`,
      `site: ${lists.files} province list shards, ${mb(lists.bytes)}, largest ${kb(largestList)}`,
      `site: ${buckets.files} report buckets, ${mb(buckets.bytes)}, ${kb(buckets.bytes / buckets.files)} each on average`,
      `site: ${total.files} files, ${mb(total.bytes)} in all`,
    ];
  } finally {
    await rm(versionDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchSite()) console.log(line);
}
