// The cluster's extraction throughput (src/cluster/): the generated corpus's documents stored in a
// storage folder, one extract job each in a real redis-server, then 1, 2 and 4 `ogi worker --kinds
// extract --concurrency 1 --drain` processes on this machine until the queue is empty: documents per
// second (wall time from spawning the workers to the last exit, their start-up included) and Redis
// commands per job (INFO commandstats before and after; the idle polls of --drain included).
// Then OCR page jobs: a generated report scanned into an image-only PDF, its extract job queued,
// and 1 then 2 `ogi worker --kinds extract,ocr --concurrency 1 --drain` processes (a fresh OCR cache
// each time): scanned pages per second, and CPU seconds per page (user + sys of the workers and
// everything they waited for — the extraction processes, pdftoppm, tesseract — from /usr/bin/time).
// Run: npx tsx bench/cluster.ts (or `npm run bench -- cluster`).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Redis } from 'ioredis';
import { connect } from '../src/cluster/run.js';
import { startRedis } from '../test/cluster/redis.js';
import { closeQueue, extractJobId, jobOptions, queue, type RunSettings } from '../src/cluster/run.js';
import { EXTRACTOR_VERSION } from '../src/extract/version.js';
import { DocumentStore, type DocumentEntry } from '../src/workarea/index.js';
import { buildCorpus, STANDARD_CORPUS } from '../test/generate/corpus.js';
import { scanPdf } from '../test/generate/scan.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const DOCS = 120;

/** `ogi worker` processes until they drain: wall seconds, and CPU seconds (user + sys, their children included). */
async function workers(n: number, args: string[]): Promise<{ secs: number; cpu: number }> {
  const t0 = performance.now();
  const cpu = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<number>((resolve, reject) => {
          const p = spawn(
            '/usr/bin/time',
            ['-f', 'cpu %U %S', process.execPath, path.join(ROOT, 'bin/ogi.js'), 'worker', ...args, '--drain'],
            {
              stdio: ['ignore', 'ignore', 'pipe'],
            },
          );
          let err = '';
          p.stderr.on('data', (c: Buffer) => (err += c));
          p.once('exit', (code) => {
            const m = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(err);
            if (code === 0 && m) resolve(Number(m[1]) + Number(m[2]));
            else reject(new Error(`worker exited ${code}: ${err.slice(-500)}`));
          });
        }),
    ),
  );
  return { secs: (performance.now() - t0) / 1000, cpu: cpu.reduce((a, b) => a + b, 0) };
}

const RUN: RunSettings = {
  rate: 1,
  allowHosts: [],
  allowDomains: [],
  attempts: 2,
  retryDelayMs: 1000,
  backoffMs: 60_000,
  lockMs: 30_000,
  extractorVersion: EXTRACTOR_VERSION,
  started_at: new Date().toISOString(),
};

/** OCR page jobs: one scanned report, 1 and 2 workers taking its pages. */
export async function benchOcrJobs(): Promise<string[]> {
  const corpus = await buildCorpus(STANDARD_CORPUS);
  const doc = corpus.docs.find((d) => d.rendering === 'pdf-natural-break')!;
  const scan = await scanPdf(readFileSync(path.join(corpus.dir, doc.file)), { dpi: 200 });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ogi-bench-ocr-'));
  const { url, server } = await startRedis(tmp);
  const redis = connect(url);
  const out = [
    `OCR page jobs: one ${doc.pages}-page scan (200 dpi, read at 300), workers \`ogi worker --kinds extract,ocr --concurrency 1 --drain\`; load average ${os.loadavg()[0]!.toFixed(1)} at the start`,
  ];
  try {
    for (const n of [1, 2]) {
      const storage = path.join(tmp, `storage-${n}`);
      const store = await DocumentStore.open(storage);
      const { entry } = await store.put(scan, {
        url: 'http://bench.example.gov.cn/scan.pdf',
        final_url: 'http://bench.example.gov.cn/scan.pdf',
        page_url: null,
        content_type: 'application/pdf',
        filename: 'scan.pdf',
        fetched_at: '2026-01-01T00:00:00.000Z',
        etag: null,
        last_modified: null,
        kind: 'attachment',
        hints: {},
      });
      await redis.call('FLUSHALL');
      await redis.call('SET', 'ogi:run', JSON.stringify(RUN));
      const q = queue('extract', url);
      await q.add('extract', entry, { ...jobOptions(RUN), jobId: extractJobId(entry.sha256, RUN.extractorVersion) });
      await closeQueue(q);
      const { secs, cpu } = await workers(n, [
        '--redis',
        url,
        '--storage',
        storage,
        '--kinds',
        'extract,ocr',
        '--concurrency',
        '1',
      ]);
      const pages = doc.pages!;
      out.push(
        `${n} worker${n > 1 ? 's' : ' '}: ${(pages / secs).toFixed(3)} scanned pages/s (${secs.toFixed(1)} s wall) · ${(cpu / pages).toFixed(1)} CPU s per page (user+sys, children included; ${cpu.toFixed(1)} s in all) · load ${os.loadavg()[0]!.toFixed(1)}`,
      );
    }
  } finally {
    redis.disconnect();
    server.kill('SIGKILL');
    rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}

async function commands(redis: Redis): Promise<number> {
  const info = String(await redis.call('INFO', 'commandstats'));
  let n = 0;
  for (const m of info.matchAll(/calls=(\d+)/g)) n += Number(m[1]);
  return n;
}

export async function benchCluster(): Promise<string[]> {
  const corpus = await buildCorpus(STANDARD_CORPUS);
  const docs = corpus.docs.filter((d) => d.format !== 'image').slice(0, DOCS);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ogi-bench-cluster-'));
  const { url, server } = await startRedis(tmp);
  const redis = connect(url);
  const out = [
    `${docs.length} documents of the generated corpus; workers: \`ogi worker --kinds extract --concurrency 1 --drain\``,
  ];
  try {
    let base: number | null = null;
    for (const workers of [1, 2, 4]) {
      const storage = path.join(tmp, `storage-${workers}`);
      const store = await DocumentStore.open(storage);
      const entries: DocumentEntry[] = [];
      for (const d of docs) {
        const { entry } = await store.put(readFileSync(path.join(corpus.dir, d.file)), {
          url: `http://bench.example.gov.cn/${d.file}`,
          final_url: `http://bench.example.gov.cn/${d.file}`,
          page_url: null,
          content_type: null,
          filename: d.file,
          fetched_at: '2026-01-01T00:00:00.000Z',
          etag: null,
          last_modified: null,
          kind: 'attachment',
          hints: {},
        });
        entries.push(entry);
      }
      await redis.call('FLUSHALL');
      const run = RUN;
      await redis.call('SET', 'ogi:run', JSON.stringify(run));
      const q = queue('extract', url);
      await q.addBulk(
        entries.map((e) => ({
          name: 'extract',
          data: e,
          opts: { ...jobOptions(run), jobId: extractJobId(e.sha256, run.extractorVersion) },
        })),
      );
      await closeQueue(q);
      const before = await commands(redis);
      const t0 = performance.now();
      await Promise.all(
        Array.from(
          { length: workers },
          () =>
            new Promise<void>((resolve, reject) => {
              const p = spawn(
                process.execPath,
                [
                  path.join(ROOT, 'bin/ogi.js'),
                  'worker',
                  '--redis',
                  url,
                  '--storage',
                  storage,
                  '--kinds',
                  'extract',
                  '--concurrency',
                  '1',
                  '--drain',
                ],
                { stdio: 'ignore' },
              );
              p.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}`))));
            }),
        ),
      );
      const secs = (performance.now() - t0) / 1000;
      const calls = (await commands(redis)) - before - 1;
      const rate = docs.length / secs;
      base ??= rate;
      out.push(
        `${workers} worker${workers > 1 ? 's' : ' '}: ${rate.toFixed(1)} documents/s (${secs.toFixed(1)} s, ×${(rate / base).toFixed(2)}) · ${(calls / docs.length).toFixed(1)} Redis commands per job`,
      );
    }
  } finally {
    redis.disconnect();
    server.kill('SIGKILL');
    rmSync(tmp, { recursive: true, force: true });
  }
  out.push(`(${os.availableParallelism()} CPUs here: the curve flattens past that many workers)`);
  return [...out, ...(await benchOcrJobs())];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const ocrOnly = process.argv.includes('--ocr');
  for (const l of ocrOnly ? await benchOcrJobs() : await benchCluster()) console.log(l);
}
