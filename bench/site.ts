// Site build time for 100,000 synthetic records, the bytes the list page loads first, and the
// list in Chromium over a throttled link (9 Mbit/s, 60 ms): first paint, first search, first year
// filter, the "numbers don't add up" filter, a sort and page 2, each in ms and bytes transferred
// (brotli files served as the static host would), beside the targets.
// Run: npx tsx bench/site.ts [reports] (or through bench/index.ts via benchSite()).
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../src/net/browser.js';
import type { ReportRecord } from '../src/record.js';
import { buildSite } from '../src/publish/site/index.js';
import { PROVINCES_EN } from '../src/publish/site/labels.js';
import { RECORDS } from '../test/fixtures/site/records.js';
import { serve } from '../test/site/serve.js';

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

/** Bytes and files under dir; `twins`: only the .gz/.br files, else only the others. */
async function du(dir: string, twins = false): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && /\.(gz|br)$/.test(e.name) === twins) {
      bytes += (await stat(path.join(e.parentPath, e.name))).size;
      files++;
    }
  }
  return { bytes, files };
}

/** The link of the browser bench: 9 Mbit/s down and up, 60 ms latency (CDP Network.emulateNetworkConditions). */
const LINK = { offline: false, latency: 60, downloadThroughput: 9_000_000 / 8, uploadThroughput: 9_000_000 / 8 };
/** The targets: first paint ≤ 1 s; a first search or filter ≤ 1.5 s; the first search's bytes ≤ 3 MB. */
const TARGETS = { paintMs: 1000, actionMs: 1500, searchBytes: 3_000_000 };

interface Measure {
  name: string;
  ms: number;
  bytes: number;
  files: number;
  /** The page's main thread busy meanwhile (CDP Performance TaskDuration): what a loaded machine stretches. */
  cpuMs: number;
}

/** The list in Chromium over the throttled link: each action on a fresh page (empty cache) after the first view. */
async function browserBench(url: string, query: string, year: number): Promise<Measure[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const fresh = async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', LINK);
      await cdp.send('Performance.enable');
      const busy = async () =>
        ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
      const seen = { bytes: 0, files: 0 };
      cdp.on('Network.loadingFinished', (e) => {
        seen.bytes += e.encodedDataLength;
        seen.files++;
      });
      return { context, page, seen, busy };
    };
    const ready = (page: Page, before: string | null) =>
      page.waitForFunction(
        (b) => {
          const now = document.body.getAttribute('data-ready');
          return now !== null && now !== b;
        },
        before,
        { timeout: 120_000, polling: 10 },
      );
    const out: Measure[] = [];
    const { context, page, seen, busy } = await fresh();
    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'commit' });
    await ready(page, null);
    const ms = performance.now() - t0;
    out.push({ name: 'first paint (list shown)', ms, bytes: seen.bytes, files: seen.files, cpuMs: await busy() });
    await context.close();
    const actions: [string, (p: Page) => Promise<unknown>][] = [
      [`first search "${query}"`, (p) => p.fill('#q', query)],
      [`first year filter (${year})`, (p) => p.selectOption('#year', String(year))],
      ['"numbers don\'t add up" filter', (p) => p.check('#failed')],
      ['sort (新收, largest first)', (p) => p.click('th[data-sort="new"] button')],
      ['page 2', (p) => p.click('#next')],
    ];
    for (const [name, act] of actions) {
      const { context, page, seen, busy } = await fresh();
      process.stderr.write(`site/browser: ${name}…\n`);
      await page.goto(url, { waitUntil: 'commit' });
      await ready(page, null);
      const before = await page.getAttribute('body', 'data-ready');
      seen.bytes = 0;
      seen.files = 0;
      const cpu0 = await busy();
      const t = performance.now();
      await act(page);
      await ready(page, before);
      const ms = performance.now() - t;
      out.push({ name, ms, bytes: seen.bytes, files: seen.files, cpuMs: (await busy()) - cpu0 });
      await context.close();
    }
    return out;
  } finally {
    await browser.close();
  }
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
    const lists = await du(path.join(site, 'data/rows'));
    const buckets = await du(path.join(site, 'data/reports'));
    const total = await du(site);
    const twins = await du(site, true);
    const largestList = Math.max(
      ...(await Promise.all(
        (
          await readdir(path.join(site, 'data/rows'))
        ).map(async (f) => (await stat(path.join(site, 'data/rows', f))).size),
      )),
    );
    const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
    const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
    const server = await serve(versionDir, { precompressed: true });
    let measures: Measure[];
    try {
      // a search a reader might type: part of an agency's name (here: its city and its office)
      measures = await browserBench(server.url('site/index.html'), '第7市第15局', 2016);
    } finally {
      await server.close();
    }
    const allRows = (await stat(path.join(site, 'data/rows/all.js'))).size;
    const allBr = (await stat(path.join(site, 'data/rows/all.js.br'))).size;
    const allGz = (await stat(path.join(site, 'data/rows/all.js.gz'))).size;
    const verdict = (m: Measure, i: number) => {
      const limit = i === 0 ? TARGETS.paintMs : TARGETS.actionMs;
      const timeOk = m.ms <= limit;
      const bytesOk = i !== 1 || m.bytes <= TARGETS.searchBytes;
      const bytesNote = i === 1 ? ` (target ≤ ${(TARGETS.searchBytes / 1e6).toFixed(0)} MB)` : '';
      return `site/browser: ${m.name.padEnd(34)} ${String(Math.round(m.ms)).padStart(5)} ms (target ≤ ${limit}; main thread busy ${Math.round(m.cpuMs)} ms)  ${kb(m.bytes).padStart(10)} in ${m.files} files${bytesNote}  ${timeOk && bytesOk ? 'OK' : 'MISSED'}`;
    };
    return [
      `site: built ${n.toLocaleString('en')} records in ${(ms / 1000).toFixed(1)} s (with the .gz/.br twins)`,
      `site: search index data/rows/all.js ${mb(allRows)}, ${kb(allGz)} gzip, ${kb(allBr)} brotli`,
      `site/browser: Chromium, ${(LINK.downloadThroughput * 8) / 1e6} Mbit/s, ${LINK.latency} ms latency, brotli files served, cache off; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} CPUs`,
      ...measures.map(verdict),
      `site: list page first load ${first.toLocaleString('en')} bytes (${kb(first)}: ${FIRST_LOAD.join(', ')})`,
      `site: ${lists.files} list row set files, ${mb(lists.bytes)}, largest ${kb(largestList)} (the search index)`,
      `site: ${buckets.files} report buckets, ${mb(buckets.bytes)}, ${kb(buckets.bytes / buckets.files)} each on average`,
      `site: ${total.files} files, ${mb(total.bytes)} in all; their .gz and .br twins ${mb(twins.bytes)}`,
    ];
  } finally {
    await rm(versionDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchSite(Number(process.argv[2] ?? 100_000))) console.log(line);
}
