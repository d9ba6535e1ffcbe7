// `ogi publish` time and peak RSS for 100,000 synthetic records (site: false), measured in a
// child process so that nothing else in the bench run adds to the peak. Target: < 60 s, < 1 GB.
// The publisher builds ogi.duckdb and ogi.sqlite in processes of its own (src/publish/databases.ts):
// CPU time counts theirs too, and besides the publisher's own peak RSS the bench samples the
// resident size of the whole process tree (every 100 ms from outside: the sum of all of them at
// once, the figure a machine's memory must hold).
// Run: npx tsx bench/publish.ts [n] (or through bench/index.ts via benchPublish()).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { lastDatabaseReports } from '../src/publish/databases.js';
import { publish } from '../src/publish/index.js';
import { APPLICANT_COLUMNS, APPLICATION_ROW_KEYS, REVIEW_COLUMNS, REVIEW_GROUPS } from '../src/forms/index.js';
import type { ApplicationsTable, ReportRecord } from '../src/record.js';

const PROVINCES = [
  '北京市',
  '河北省',
  '江苏省',
  '浙江省',
  '湖北省',
  '广东省',
  '四川省',
  '贵州省',
  '黑龙江省',
  '新疆维吾尔自治区',
];

/** A 32-bit PRNG (mulberry32): the same n gives the same records. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * n distinct records shaped like the extractor's (2021 form, every table filled), none shared.
 * Each goes through JSON text, as `ogi publish` / refresh read records (JSON.parse of a file):
 * built directly, its long strings are V8 cons strings (template literals), which the publisher's
 * JSON.stringify flattens into old-heap copies kept alive by the records: ~26 MB per publish of
 * 100,000 records, and 440 instead of 400 MB of records, that a real run never has.
 */
export function syntheticRecords(n: number): ReportRecord[] {
  const rand = rng(42);
  const int = (max: number) => Math.floor(rand() * max);
  const out: ReportRecord[] = [];
  for (let i = 0; i < n; i++) {
    const province = PROVINCES[i % PROVINCES.length]!;
    const agency = `${province}第${i % 5000}局`;
    const year = 2019 + (((i / 5000) | 0) % 6);
    const sha = `${i.toString(16).padStart(8, '0')}${'ab'.repeat(28)}`;
    const applications: ApplicationsTable = {};
    for (const row of APPLICATION_ROW_KEYS) {
      const cells = Object.fromEntries(
        APPLICANT_COLUMNS.map((c) => [c, c === 'total' ? 0 : int(4) === 0 ? null : int(20)]),
      );
      cells.total = APPLICANT_COLUMNS.slice(0, 6).reduce((s, c) => s + (cells[c] ?? 0), 0);
      applications[row] = cells as never;
    }
    const record: ReportRecord = {
      report_id: `r${sha.slice(0, 16)}`,
      title: `${agency}${year}年政府信息公开工作年度报告`,
      agency,
      year,
      scope: i % 50 === 0 ? 'aggregate' : 'agency',
      published_date: `${year + 1}-01-${String(1 + (i % 28)).padStart(2, '0')}`,
      region: { province, city: `第${i % 13}市`, county: i % 3 ? `第${i % 29}县` : null, township: null, code: null },
      admin_level: 'department',
      template: '2021',
      source: {
        page_url: `http://www.example.gov.cn/zwgk/${year}/${i}.html`,
        document_url: `http://www.example.gov.cn/zwgk/${year}/${i}.pdf`,
        format: 'pdf',
        sha256: sha,
        fetched_at: '2026-11-20T02:00:00.000Z',
        bytes: 100_000 + i,
      },
      proactive: {
        regulations: { issued: int(3), repealed: int(2), in_force: int(40) },
        normative_documents: { issued: int(10), repealed: int(5), in_force: int(200) },
        licensing: { decisions: int(9000) },
        penalty: { decisions: int(4000) },
        coercion: { decisions: int(200) },
        fees: { amount_wan_yuan: int(100000) / 100, amount_raw: `${int(100000) / 100}` },
      },
      applications,
      reviews: Object.fromEntries(
        REVIEW_GROUPS.map((g) => [g, Object.fromEntries(REVIEW_COLUMNS.map((c) => [c, int(5)]))]),
      ) as ReportRecord['reviews'],
      checks: [
        { rule: 'applications.balance', ok: int(10) > 0, detail: 'total: 20 + 3 = 23 ≠ 21 + 1' },
        { rule: 'applications.row_sum', ok: true, detail: '' },
        { rule: 'applications.outcome_sum', ok: true, detail: '' },
        { rule: 'reviews.total', ok: int(5) > 0, detail: 'review: 1 + 0 + 0 + 0 = 1 ≠ 2' },
      ],
      warnings:
        i % 4 === 0
          ? [{ code: 'loose_label', where: 'applications.denied_law_prohibited', detail: 'matched loosely' }]
          : [],
      confidence: i % 4 === 0 ? 'medium' : 'high',
      extractor_version: '1.0.0',
    };
    out.push(JSON.parse(JSON.stringify(record)) as ReportRecord);
  }
  return out;
}

/** Lines (header included) of each long CSV of by-province/, the biggest first. */
function splitLines(versionDir: string): { name: string; lines: number }[] {
  const root = path.join(versionDir, 'by-province');
  const out: { name: string; lines: number }[] = [];
  const buf = Buffer.allocUnsafe(1 << 20);
  for (const folder of fs.readdirSync(root))
    for (const file of fs.readdirSync(path.join(root, folder))) {
      if (!/^(applications|proactive|reviews)/.test(file)) continue;
      const fd = fs.openSync(path.join(root, folder, file), 'r');
      let lines = 0;
      for (let n: number; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; )
        for (let i = 0; i < n; i++) if (buf[i] === 10) lines++;
      fs.closeSync(fd);
      out.push({ name: `${folder}/${file}`, lines });
    }
  return out.sort((a, b) => b.lines - a.lines);
}

/** In this process: generate, publish, print one JSON line of figures. */
async function child(n: number): Promise<void> {
  const datasets = fs.mkdtempSync(path.join(os.tmpdir(), 'ogi-bench-publish-'));
  try {
    const records = syntheticRecords(n);
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const res = await publish({ records, failures: [], datasetsDir: datasets, today: '2026-11-27', site: false });
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const databases = Object.entries(lastDatabaseReports).map(([task, r]) => ({
      task,
      cpuSeconds: r.cpuSeconds,
      maxRssKb: r.maxRssKb,
    }));
    const cpuSeconds = (cpu.user + cpu.system) / 1e6 + databases.reduce((s, d) => s + d.cpuSeconds, 0);
    const bytes = res.summary.files.reduce((s, f) => s + f.bytes, 0);
    const splits = splitLines(res.dir);
    const again = performance.now();
    const second = await publish({ records, failures: [], datasetsDir: datasets, today: '2026-11-27', site: false });
    const unchangedSeconds = (performance.now() - again) / 1000;
    console.log(
      JSON.stringify({
        n,
        seconds,
        cpuSeconds,
        load: os.loadavg()[0],
        unchangedSeconds,
        changed: second.changed,
        bytes,
        files: res.summary.files,
        splits,
        maxRssKb: process.resourceUsage().maxRSS,
        databases,
      }),
    );
  } finally {
    fs.rmSync(datasets, { recursive: true, force: true });
  }
}

/** Resident bytes of a process and all its descendants, from /proc (0 once it is gone). */
function treeRss(pid: number): number {
  let bytes = 0;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    bytes += Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
    for (const task of fs.readdirSync(`/proc/${pid}/task`))
      for (const child of fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean))
        bytes += treeRss(Number(child));
  } catch {
    // ended meanwhile
  }
  return bytes;
}

/** Runs the child, sampling its process tree's resident size; its last stdout line and the peak. */
function runChild(self: string, n: number): Promise<{ out: string; treePeak: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', self, '--child', String(n)], {
      cwd: path.resolve(path.dirname(self), '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let treePeak = 0;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    const timer = setInterval(() => (treePeak = Math.max(treePeak, treeRss(child.pid!))), 100);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      if (code === 0) resolve({ out, treePeak });
      else reject(new Error(`bench publish child exited with ${code}`));
    });
  });
}

export async function benchPublish(n = 100_000): Promise<string[]> {
  const self = fileURLToPath(import.meta.url);
  const { out, treePeak } = await runChild(self, n);
  const r = JSON.parse(out.trim().split('\n').pop()!) as {
    seconds: number;
    cpuSeconds: number;
    load: number;
    unchangedSeconds: number;
    changed: boolean;
    bytes: number;
    files: { name: string; bytes: number }[];
    splits: { name: string; lines: number }[];
    maxRssKb: number;
    databases: { task: string; cpuSeconds: number; maxRssKb: number }[];
  };
  const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
  const splitFiles = r.files.filter((f) => f.name.startsWith('by-province/'));
  const province = { files: splitFiles.length, bytes: splitFiles.reduce((s, f) => s + f.bytes, 0) };
  const rssMb = r.maxRssKb / 1024;
  return [
    `publish: ${n.toLocaleString('en')} records in ${r.seconds.toFixed(1)} s wall, ${r.cpuSeconds.toFixed(1)} s CPU (its database processes included), load average ${r.load.toFixed(1)} (target < 60 s), peak RSS ${rssMb.toFixed(0)} MiB (target < 1024 MiB, includes generating the records), site off`,
    `publish: database processes ${r.databases.map((d) => `${d.task} ${d.cpuSeconds.toFixed(1)} s CPU, peak RSS ${(d.maxRssKb / 1024).toFixed(0)} MiB`).join('; ')}; the whole process tree at most ${(treePeak / 2 ** 20).toFixed(0)} MiB resident at once (sampled every 100 ms)`,
    `publish: re-publish of the same records ${r.unchangedSeconds.toFixed(1)} s, changed: ${r.changed}`,
    `publish: ${mb(r.bytes)} written: ${r.files
      .filter((f) => !f.name.startsWith('by-province/'))
      .map((f) => `${f.name} ${mb(f.bytes)}`)
      .join(', ')}`,
    `publish: by-province/: ${province.files} files, ${mb(province.bytes)}; the longest long CSVs ${r.splits
      .slice(0, 3)
      .map((s) => `${s.name} ${s.lines.toLocaleString('en')} lines`)
      .join(
        ', ',
      )} (spreadsheet limit 1,048,576 rows: ${r.splits.filter((s) => /-\d+\.csv$/.test(s.name)).length} parts cut from the provinces over it)`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  if (args[0] === '--child') await child(Number(args[1]));
  else for (const line of await benchPublish(args[0] ? Number(args[0]) : undefined)) console.log(line);
}
