// The cluster (src/cluster/) against fixture portals (test/portal/sites/; the same bytes at two
// hosts, a blocked host), with a real redis-server on a free port:
//   1. one machine: `refresh()` over the portals → a dataset version;
//   2. the cluster: `ogi enqueue`, three `ogi worker` processes, SIGKILLed at seeded random moments
//      and replaced, then `--drain` workers, then `ogi publish` → the same version, byte for byte
//      (both runs pin the clock with OGI_CLOCK: fetched_at and failure times are stamps);
//   3. the fixture servers saw no host faster than the rate, summed over all workers;
//   4. poisoned jobs (a request that is not one; a document whose blob the storage lost) fail every
//      attempt and land in the dead-letter list (`ogi status --json`) and in failures.csv.
import { execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/cluster/run.js';
import { differing, files } from './compare.js';
import { startRedis } from './redis.js';
import { watchStalls } from './stalls.js';
import { exited, startWorker } from './workers.js';
import { refresh } from '../../src/refresh.js';
import { readDocuments, storagePaths } from '../../src/workarea/index.js';
import { startPortal, type Portal } from '../portal/server.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/ogi.js');
// Every fixture portal but the one published as pictures (its OCR is test/cluster/ocr.test.ts's):
// lists, pagers of every kind, pages only a browser renders, recognition by title. The trs site's
// 2023 PDF is also on the generic site: the same bytes at two hosts, one record. The generic site's
// host blocks one page (403): the host is backed off for every worker.
const SITES = readdirSync(path.join(ROOT, 'test/portal/sites'))
  .filter((s) => s !== 'pictures')
  .sort();
const RATE = 4;
const BACKOFF_MS = 1500;
const CLOCK = '2026-01-02T03:04:05.000Z';
const VERSION = '2026-01-02';

/** A seeded generator (mulberry32): the kill moments are the same every run. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('cluster: workers on Redis, killed at random, give the single-machine dataset', () => {
  let tmp: string;
  let redis: ChildProcess;
  let redisUrl: string;
  let portals: Portal[];
  const env = { ...process.env, OGI_CLOCK: CLOCK };
  const ogi = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: tmp, env, encoding: 'utf8' });
  const worker = (args: string[] = []) => startWorker(redisUrl, tmp, env, ['--concurrency', '3', ...args]);

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'dist/src/cli.js')))
      execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ogi-cluster-'));
    const started = await startRedis(tmp);
    redis = started.server;
    redisUrl = started.url;
    portals = await Promise.all(SITES.map((s) => startPortal(path.join(ROOT, 'test/portal/sites', s))));
  }, 60_000);

  afterAll(async () => {
    await Promise.all((portals ?? []).map((p) => p.close()));
    redis?.kill('SIGKILL');
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('publishes byte-identical datasets, keeps the rate, and dead-letters poisoned jobs', async () => {
    const urls = portals.map((p) => p.url(p.expected.start[0]!));
    // 1. one machine
    process.env.OGI_CLOCK = CLOCK;
    await refresh({
      urls,
      storage: path.join(tmp, 'single'),
      datasets: path.join(tmp, 'single-datasets'),
      allowHosts: ['127.0.0.1'],
      rate: RATE,
      today: VERSION,
      site: false,
      progress: false,
    });
    const before = portals.map((p) => p.arrivals.length);

    // 2. the cluster, with kills
    const urlArgs = urls.flatMap((u) => ['--url', u]);
    const seeded_ = ogi([
      'enqueue',
      '--redis',
      redisUrl,
      ...urlArgs,
      '--rate',
      String(RATE),
      '--allow-host',
      '127.0.0.1',
      '--lock-ms',
      '3000',
      '--retry-delay-ms',
      '100',
      '--backoff-ms',
      String(BACKOFF_MS),
      '--attempts',
      '2',
    ]);
    expect(seeded_.stderr).toBe('');
    expect(seeded_.status).toBe(0);
    // The fixture portals run in this process, beside the workers on a busy 2-core machine, where a
    // process can go unscheduled for hundreds of ms: the rate check allows for that (step 3).
    const stalls = watchStalls();
    const random = seeded(13);
    let live = [worker(), worker(), worker()];
    let kills = 0;
    for (let i = 0; i < 4; i++) {
      await sleep(500 + random() * 2500);
      const victim = live[Math.floor(random() * live.length)]!;
      victim.kill('SIGKILL');
      await exited(victim);
      kills++;
      live = [...live.filter((w) => w !== victim), worker()];
    }
    const drainers = [worker(['--drain']), worker(['--drain'])];
    const drained = await Promise.all(drainers.map(exited));
    expect(drained).toEqual([0, 0]);
    // SIGTERM: a worker finishes what it holds and exits 0
    for (const w of live) w.kill('SIGTERM');
    expect(await Promise.all(live.map(exited))).toEqual(live.map(() => 0));
    expect(kills).toBe(4);
    stalls.stop();

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
    expect(names).toContain('reports.jsonl');
    expect(await differing(single, cluster)).toEqual([]);
    // no document twice in the shared index
    const lines = readFileSync(storagePaths(path.join(tmp, 'cluster')).documentIndex, 'utf8')
      .trim()
      .split('\n');
    const keys = lines.map((l) => {
      const e = JSON.parse(l);
      return `${e.url} ${e.sha256}`;
    });
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);

    // 3. the rate, summed over all workers, as each fixture server saw it (a host = a portal)
    const busy = portals
      .map((p, i) => ({
        site: SITES[i],
        seen: p.hits
          .map((h, k) => ({ at: p.arrivals[k]!, path: h.path }))
          .slice(before[i])
          .sort((a, b) => a.at - b.at),
      }))
      .filter(({ seen }) => seen.length > RATE);
    expect(busy.length).toBe(SITES.length);
    for (const { site, seen } of busy) {
      // The first of RATE + 1 requests may have been stamped late (this process stalled as it came)
      // or sent late (its worker starved between its slot and its send; this process's stall in the
      // time before stands for the machine's): the span it opens is allowed that stall.
      let tightest = { span: Infinity, allowed: 0, window: '' };
      for (let k = RATE; k < seen.length; k++) {
        const from = seen[k - RATE]!.at;
        const allowed = stalls.within(from - 400, from + 30);
        const span = seen[k]!.at - from + allowed;
        if (span < tightest.span) {
          const window = seen.slice(k - RATE, k + 1).map((s) => `+${Math.round(s.at - from)} ms ${s.path}`);
          tightest = { span, allowed, window: window.join(', ') };
        }
      }
      // never RATE + 1 requests within one second
      const why = `${site}: ${tightest.window}; ${Math.round(tightest.allowed)} ms allowed for stalls`;
      expect(tightest.span, why).toBeGreaterThanOrEqual(1000);
    }

    // … and a host that blocked was left alone by every worker for the back-off
    const blocks = portals.flatMap((p, i) =>
      p.hits.flatMap((h, k) => (k >= before[i]! && h.status === 403 ? [{ p, at: p.arrivals[k]! }] : [])),
    );
    // (twice when the job was run again after a kill: the back-off starts with the first)
    expect(blocks.length).toBeGreaterThanOrEqual(1);
    const { p: blocking, at } = blocks[0]!;
    const soon = blocking.arrivals.filter((t) => t > at && t < at + BACKOFF_MS);
    expect(soon).toEqual([]);
    expect(blocking.arrivals.some((t) => t >= at + BACKOFF_MS)).toBe(true);

    // 4. poisoned jobs
    // A document whose bytes no other URL has (the same bytes at two hosts are one record, under the
    // URL the crawl met first, which varies with the kills).
    const { current } = await readDocuments(path.join(tmp, 'cluster'));
    const entry = current.find(
      (e) => e.kind === 'attachment' && current.filter((o) => o.sha256 === e.sha256).length === 1,
    )!;
    rmSync(storagePaths(path.join(tmp, 'cluster')).documentFile(entry.sha256));
    const opts = { attempts: 2, backoff: { type: 'fixed', delay: 50 } };
    const crawlQ = new Queue('crawl', {
      connection: connect(redisUrl),
      prefix: 'ogi',
    });
    const extractQ = new Queue('extract', {
      connection: connect(redisUrl),
      prefix: 'ogi',
    });
    const badUrl = `${urls[0]}poisoned`;
    await crawlQ.add('LIST', { label: 'NOPE', url: badUrl }, { ...opts, jobId: 'poison-crawl' });
    await extractQ.add('extract', entry, { ...opts, jobId: 'poison-extract' });
    await crawlQ.close();
    await extractQ.close();
    expect(await exited(worker(['--drain']))).toBe(0);
    const status = JSON.parse(ogi(['status', '--redis', redisUrl, '--json']).stdout);
    expect(status.dead.map((d: { id: string; attempts: number }) => [d.id, d.attempts])).toEqual([
      ['poison-crawl', 2],
      ['poison-extract', 2],
    ]);
    expect(status.dead[0].error).toMatch(/^not a crawl request/);
    expect(status.dead[1].error).toMatch(/is not in cluster \(is the shared storage mounted here\?\)/);
    expect(
      ogi(['publish', '--storage', 'cluster', '--datasets', 'cluster-datasets', '--version', 'poisoned', '--no-site'])
        .status,
    ).toBe(0);
    const csv = readFileSync(path.join(tmp, 'cluster-datasets', 'poisoned', 'failures.csv'), 'utf8');
    expect(csv).toContain(`${badUrl},crawl,error`);
    expect(csv).toMatch(
      new RegExp(`${entry.url.replace(/[.?*+()[\]]/g, '\\$&')},extract,internal_error,.*dead letter after 2 attempts`),
    );
  }, 900_000);
});
