// A full `ogi refresh` (crawl → extract → publish with the site) over N generated report pages on
// 127.0.0.1, each a distinct report: wall time, pages/s, and the peak RSS of every process against
// the target of issue 10 (<= 400 MB per process over 10,000 documents) — this one (crawl, the pool's
// parent, assemble, publish), stage by stage, and each extraction worker. Peaks are the kernel's
// high-water mark (VmHWM), reset at each stage (/proc/self/clear_refs; where the kernel refuses, the
// figures are cumulative and say so). The portal runs in a child process of its own.
// N: 10,000 by default; OGI_BENCH_REFRESH_DOCS=2000 npm run bench -- refresh, or
// npx tsx bench/refresh.ts 2000. `npm run bench -- refresh` calls benchRefresh().
// Measured on the 2-core machine, 10,000 pages: 333–336 MB peak (by stage: crawl 228–240, extract
// 288–292, assemble 301–303, publish 336), the largest worker 119–127 MB. It was 511 MB while the
// site encoded every report bucket before writing the first and each record kept its own copy of
// every string (now: one bucket at a time; RecordCache shareStrings). What the process still holds
// at the end: every record (~70 MB for 10,000), the division index the pool's parent interprets
// with, and what the crawl grew, which stays resident (a full collection forced between the stages
// was tried: 333 MB, no gain).
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { refresh, type RefreshStage } from '../src/refresh.js';

/** Issue 10: peak RSS of any process of `ogi refresh` over 10,000 documents. */
const TARGET_MB = 400;

const PER_PAGE = 100;
const REPORT = fileURLToPath(new URL('../demo/site/zfxxgk/zfxxgknb/202101/t20210130_3001.html', import.meta.url));

function listPage(n: number, page: number, pages: number): string {
  const lis: string[] = [];
  for (let i = page * PER_PAGE; i < Math.min(n, (page + 1) * PER_PAGE); i++)
    lis.push(
      `<li><a href="./202101/t20210130_${i}.html" title="示例${i}镇2020年政府信息公开工作年度报告">示例${i}镇2020年政府信息公开工作年度报告</a><span>2021-01-30</span></li>`,
    );
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="ColumnName" content="政府信息公开年报"></head>
<body><ul>${lis.join('\n')}</ul><script>createPageHTML(${pages}, ${page}, "index", "html");</script></body></html>`;
}

async function startPortal(n: number): Promise<string> {
  const report = readFileSync(REPORT, 'utf8');
  const pages = Math.ceil(n / PER_PAGE);
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    let m: RegExpExecArray | null;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (url === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
    if ((m = /^\/nb\/index(?:_(\d+))?\.html$/.exec(url))) return res.end(listPage(n, Number(m[1] ?? 0), pages));
    // every report distinct (its town's name), so each is stored and extracted on its own
    if ((m = /\/t20210130_(\d+)\.html$/.exec(url))) return res.end(report.replaceAll('大贵镇', `示例${m[1]}镇`));
    res.statusCode = 404;
    res.end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Peak resident size (VmHWM) of a process, in bytes; 0 when it is gone. */
function peakRss(pid: number | 'self'): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function descendants(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const t of tasks) {
    let kids: number[] = [];
    try {
      kids = readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      continue;
    }
    for (const k of kids) out.push(k, ...descendants(k));
  }
  return out;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

/** Resets this process's VmHWM to its current RSS; false where the kernel does not allow it. */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

const verdict = (bytes: number) => (bytes / 1024 / 1024 <= TARGET_MB ? 'within' : 'OVER');

export async function benchRefresh(n = Number(process.env.OGI_BENCH_REFRESH_DOCS ?? 10_000)): Promise<string[]> {
  const child = fork(fileURLToPath(import.meta.url), ['--portal', String(n)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const origin = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve(String(m)));
    child.once('exit', (code) => reject(new Error(`bench portal exited (${code}) before listening`)));
  });
  const work = mkdtempSync(path.join(os.tmpdir(), 'ogi-bench-refresh-'));
  // Workers: the highest VmHWM any of this process's descendants (but the portal) reached.
  const workers = new Map<number, number>();
  const sampler = setInterval(() => {
    for (const pid of descendants(process.pid))
      if (pid !== child.pid) workers.set(pid, Math.max(workers.get(pid) ?? 0, peakRss(pid)));
  }, 100);
  // The peak of each stage of this process: VmHWM read as the next stage starts, then reset.
  const stages: [RefreshStage, number][] = [];
  let stage: RefreshStage | null = null;
  let resets = true;
  const onStage = (next: RefreshStage) => {
    if (stage) stages.push([stage, peakRss('self')]);
    resets &&= resetPeak();
    stage = next;
  };
  try {
    const t0 = performance.now();
    const r = await refresh({
      onStage,
      urls: [`${origin}/nb/index.html`],
      storage: path.join(work, 'storage'),
      datasets: path.join(work, 'datasets'),
      rate: Infinity,
      allowHosts: ['127.0.0.1'],
      progress: false,
      concurrency: 16,
      today: '2026-01-01',
    });
    const secs = (performance.now() - t0) / 1000;
    const s = r.summary;
    const overall = Math.max(...stages.map(([, b]) => b));
    const worker = Math.max(0, ...workers.values());
    return [
      `refresh of ${n.toLocaleString('en-US')} report pages: ${secs.toFixed(0)} s, ${(s.pages / secs).toFixed(1)} pages/s (crawled ${s.pages} pages; extracted ${s.extraction.extracted}, failed ${s.extraction.failed}; published ${s.reports} reports, site included)`,
      `  peak RSS of the refresh process: ${mb(overall)} (target <= ${TARGET_MB} MB per process: ${verdict(overall)})`,
      `    by stage${resets ? '' : ' (cumulative: this kernel does not let the peak be reset)'}: ${stages.map(([name, b]) => `${name} ${mb(b)}`).join(', ')}`,
      `  peak RSS of the extraction workers: ${mb(worker)} in the largest of ${workers.size} (target <= ${TARGET_MB} MB: ${verdict(worker)})`,
      `  load average now ${os.loadavg()[0].toFixed(1)} (2 cores shared: times are noisy, memory figures are not)`,
    ];
  } finally {
    clearInterval(sampler);
    child.kill();
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--portal') {
    process.send?.(await startPortal(Number(process.argv[3])));
    process.once('disconnect', () => process.exit(0)); // the bench process died: do not outlive it
  } else
    for (const line of await benchRefresh(process.argv[2] ? Number(process.argv[2]) : undefined)) console.log(line);
}
