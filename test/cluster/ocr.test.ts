// OCR page jobs (src/cluster/worker.ts, kind `ocr`): a generated report scanned into an image-only
// PDF of several pages, published on a fixture portal built in a temporary folder;
//   1. one machine: `refresh()` → a dataset version (the pages read by OCR inside the extraction);
//   2. the cluster: one `ogi worker --kinds crawl,extract` and `--kinds ocr` workers; the document's
//      extract job queues one OCR job per scanned page and waits for them; the first OCR worker is
//      SIGKILLed while it reads a page, and others take its job over;
//   3. every page is in the OCR cache exactly once, each read by its own page job (or found there by
//      a second run of its job, when the first ran past its lock on a loaded machine) (one completed
//      job per page in Redis, under the id hash + page + engine), the extract job completed after
//      them, and the published dataset equals the single machine's byte for byte (ogi.duckdb by its
//      content: ./compare.ts);
//   4. an OCR job for a document the storage does not have fails every attempt: a dead letter in
//      `ogi status --json`.
import { execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../../src/cluster/enqueue.js';
import { connect, ocrJobId } from '../../src/cluster/run.js';
import { ocrEngine } from '../../src/extract/text/ocr.js';
import { refresh } from '../../src/refresh.js';
import { readDocuments, readFailures, storagePaths } from '../../src/workarea/index.js';
import { buildCorpus, STANDARD_CORPUS } from '../generate/corpus.js';
import { scanPdf } from '../generate/scan.js';
import { startPortal, type Portal } from '../portal/server.js';
import { differing, files } from './compare.js';
import { startRedis } from './redis.js';
import { exited, startWorker } from './workers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/ogi.js');
const CLOCK = '2026-01-02T03:04:05.000Z';
const VERSION = '2026-01-02';
const PDF = '/xxgk/ndbg/2023/scan2023.pdf';
/**
 * One machine reads the five pages in one extraction, a cluster one page per job: on a machine this
 * loaded either can pass the default time per document, so both runs get room (the outcome under
 * test is the record, not the limit).
 */
const LIMITS = { wallMs: 900_000, cpuMs: 900_000 };
/** …and each Tesseract call (60 s by default). */
const OCR_TIMEOUT = '600000';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A one-page site: a list whose one item links straight to the scanned report. */
function writeSite(dir: string, scan: Buffer): void {
  mkdirSync(path.join(dir, 'files', path.dirname(PDF)), { recursive: true });
  writeFileSync(path.join(dir, 'files', PDF), scan);
  writeFileSync(
    path.join(dir, 'files/xxgk/ndbg/list.html'),
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>年度报告</title></head><body>
<ul class="news-list"><li><a href="${PDF}" title="示范区2023年政府信息公开工作年度报告">示范区2023年政府信息公开工作年度报告</a><span class="date">2024-01-20</span></li></ul>
</body></html>`,
  );
  writeFileSync(path.join(dir, 'site.json'), JSON.stringify({ routes: {} }));
  writeFileSync(
    path.join(dir, 'expected.json'),
    JSON.stringify({
      start: ['/xxgk/ndbg/list.html'],
      documents: [],
      failures: [],
      neverRequested: [],
      blockedHosts: false,
    }),
  );
}

describe('cluster: a scanned document read by OCR page jobs, one worker killed mid-page', () => {
  let tmp: string;
  let redis: ChildProcess;
  let redisUrl: string;
  let portal: Portal;
  let pages: number;
  const env = { ...process.env, OGI_CLOCK: CLOCK, OGI_OCR_TIMEOUT_MS: OCR_TIMEOUT };
  const ogi = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: tmp, env, encoding: 'utf8' });
  const worker = (args: string[]) => startWorker(redisUrl, tmp, env, args);

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'dist/src/cli.js')))
      execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ogi-cluster-ocr-'));
    const corpus = await buildCorpus(STANDARD_CORPUS);
    // The shortest report of its rendering, scanned at 200 dpi (no text layer: every page is OCR's).
    const doc = corpus.docs
      .filter((d) => d.rendering === 'pdf-natural-break')
      .sort((a, b) => (a.pages ?? 0) - (b.pages ?? 0) || a.id.localeCompare(b.id))[0]!;
    pages = doc.pages!;
    writeSite(path.join(tmp, 'site'), await scanPdf(readFileSync(path.join(corpus.dir, doc.file)), { dpi: 200 }));
    const started = await startRedis(tmp);
    redis = started.server;
    redisUrl = started.url;
    portal = await startPortal(path.join(tmp, 'site'));
  }, 600_000);

  afterAll(async () => {
    await portal?.close();
    redis?.kill('SIGKILL');
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('spreads the pages over OCR workers, survives a kill mid-page, and publishes the one-machine dataset', async () => {
    expect(pages).toBeGreaterThanOrEqual(2);
    const url = portal.url(portal.expected.start[0]!);
    process.env.OGI_CLOCK = CLOCK;
    process.env.OGI_OCR_TIMEOUT_MS = OCR_TIMEOUT;
    await refresh({
      urls: [url],
      storage: path.join(tmp, 'single'),
      datasets: path.join(tmp, 'single-datasets'),
      rate: 20,
      today: VERSION,
      site: false,
      progress: false,
      pool: { limits: LIMITS },
    });
    // The reference read the scan (a failure here is the machine, not the cluster).
    expect((await readFailures(path.join(tmp, 'single'))).map((f) => `${f.kind}: ${f.message}`)).toEqual([]);

    // Seeded here rather than by `ogi enqueue`, for the extraction limits (run settings with no flag).
    const seeded = await enqueue({ redis: redisUrl, urls: [url], rate: 20, lockMs: 3000, limits: LIMITS });
    expect(seeded.requests).toBe(1);
    const crawler = worker(['--kinds', 'crawl,extract', '--concurrency', '2', '--drain']);
    const first = worker(['--kinds', 'ocr', '--concurrency', '1']);
    // SIGKILL the only OCR worker once it holds a page job (it is reading that page).
    const client = connect(redisUrl);
    const ocrQ = new Queue('ocr', { connection: client, prefix: 'ogi' });
    let victim: string | undefined;
    for (let i = 0; i < 1200 && !victim; i++) {
      victim = (await ocrQ.getActive())[0]?.id;
      if (!victim) await sleep(100);
    }
    expect(victim).toMatch(/^ocr-[0-9a-f]{64}-\d+-/);
    await sleep(300);
    first.kill('SIGKILL');
    await exited(first);
    const rest = [worker(['--kinds', 'ocr', '--concurrency', '1', '--drain']), worker(['--kinds', 'ocr', '--drain'])];
    expect(await Promise.all([crawler, ...rest].map(exited))).toEqual([0, 0, 0]);

    // Every page in the cache once, each read by its own job; the killed one taken over.
    const entry = (await readDocuments(path.join(tmp, 'cluster'))).current.find((e) => e.url.endsWith('.pdf'))!;
    const engine = await ocrEngine();
    const ids = Array.from({ length: pages }, (_, i) => ocrJobId(entry.sha256, i + 1, engine));
    expect(ids).toContain(victim);
    const jobs = await ocrQ.getCompleted(0, 999);
    expect(jobs.map((j) => j.id).sort()).toEqual([...ids].sort());
    // Read by its job, or found in the cache by a second run of the job: one whose first run went on
    // reading after its lock lapsed (a loaded machine) and wrote the page (a page is one cache file)
    for (const j of jobs) {
      const page = Number(j.id!.split('-')[2]);
      expect([
        { page, read: true },
        { page, cached: true },
      ]).toContainEqual(j.returnvalue);
    }
    expect(jobs.filter((j) => j.returnvalue.read).length).toBeGreaterThanOrEqual(1);
    expect(jobs.find((j) => j.id === victim)!.stalledCounter).toBeGreaterThanOrEqual(1);
    expect(await ocrQ.getJobCounts('failed', 'waiting', 'active')).toEqual({ failed: 0, waiting: 0, active: 0 });
    const cached = files(storagePaths(path.join(tmp, 'cluster')).ocr).filter((f) => f.endsWith('.json'));
    expect(cached.map((f) => Number(path.basename(f).split('-')[1])).sort((a, b) => a - b)).toEqual(
      ids.map((_, i) => i + 1),
    );
    const extractQ = new Queue('extract', { connection: client, prefix: 'ogi' });
    const extracted = await extractQ.getCompleted();
    expect(extracted.map((j) => [j.data.url, j.data.ocrQueued])).toEqual([[entry.url, true]]);
    expect(extracted[0]!.finishedOn!).toBeGreaterThanOrEqual(Math.max(...jobs.map((j) => j.finishedOn!)));

    const published = ogi([
      'publish',
      '--storage',
      'cluster',
      '--datasets',
      'cluster-datasets',
      '--version',
      VERSION,
      '--no-site',
    ]);
    expect(published.status).toBe(0);
    const single = path.join(tmp, 'single-datasets', VERSION);
    const cluster = path.join(tmp, 'cluster-datasets', VERSION);
    const names = files(single).sort();
    expect(files(cluster).sort()).toEqual(names);
    const report = JSON.parse(readFileSync(path.join(single, 'reports.jsonl'), 'utf8').trim());
    expect(report.source.ocr).toEqual({ ...engine, pages: ids.map((_, i) => i + 1) });
    // The record first (a readable difference), then every file byte for byte.
    expect(JSON.parse(readFileSync(path.join(cluster, 'reports.jsonl'), 'utf8').trim())).toEqual(report);
    expect(await differing(single, cluster)).toEqual([]);

    // A poisoned page job: its document is not in the storage.
    await ocrQ.add(
      'ocr',
      { ...entry, sha256: 'f'.repeat(64), page: 1 },
      { attempts: 2, backoff: { type: 'fixed', delay: 50 }, jobId: 'poison-ocr' },
    );
    expect(await exited(worker(['--kinds', 'ocr', '--drain']))).toBe(0);
    const status = JSON.parse(ogi(['status', '--redis', redisUrl, '--json']).stdout);
    expect(status.dead.map((d: { kind: string; id: string; attempts: number }) => [d.kind, d.id, d.attempts])).toEqual([
      ['ocr', 'poison-ocr', 2],
    ]);
    expect(status.dead[0].error).toMatch(/^document f{64} is not in cluster/);
    expect(status.queues.ocr.completed).toBe(pages);
    expect(status.done.ocr).toBe(pages);
    await ocrQ.close();
    await extractQ.close();
    client.disconnect();
  }, 600_000);
});
