// Crawl throughput against a generated TRS-style portal on 127.0.0.1 (rate limit off), and peak RSS
// with 10,000 report URLs queued. The portal runs in a child process (`bench/crawl.ts --portal`), so
// the RSS and CPU figures are the crawler's alone.
// `npx tsx bench/crawl.ts` prints the lines; `npm run bench` calls benchCrawl().
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crawl } from '../src/crawl/index.js';

const LIST_PAGES = 100;
const ITEMS_PER_PAGE = 10;
const QUEUED = 10_000;

function listPage(items: number[], pages: number, current: number): string {
  const lis = items
    .map(
      (i) =>
        `<li><a href="./202401/t20240115_${i}.html" title="示例${i}局2023年政府信息公开工作年度报告">示例${i}局2023年政府信息公开工作年度报告</a><span>2024-01-15</span></li>`,
    )
    .join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="ColumnName" content="政府信息公开年报"></head>
<body><ul>${lis}</ul><script>createPageHTML(${pages}, ${current}, "index", "html");</script></body></html>`;
}

function detailPage(i: number): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="ArticleTitle" content="示例${i}局2023年政府信息公开工作年度报告">
<meta name="PubDate" content="2024-01-15 09:00"></head><body><h1>示例${i}局2023年政府信息公开工作年度报告</h1>
<div class="TRS_Editor"><p>一、总体情况。2023年，示例${i}局认真贯彻落实政府信息公开条例。</p></div></body></html>`;
}

async function startGeneratedPortal(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    let m: RegExpExecArray | null;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (url === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
    if ((m = /^\/(big|nb)\/index(?:_(\d+))?\.html$/.exec(url))) {
      if (m[1] === 'big')
        return res.end(
          listPage(
            Array.from({ length: QUEUED }, (_, i) => i),
            1,
            0,
          ),
        );
      const page = Number(m[2] ?? 0);
      const items = Array.from({ length: ITEMS_PER_PAGE }, (_, k) => page * ITEMS_PER_PAGE + k);
      return res.end(listPage(items, LIST_PAGES, page));
    }
    if ((m = /\/t20240115_(\d+)\.html$/.exec(url))) return res.end(detailPage(Number(m[1])));
    res.statusCode = 404;
    res.end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The portal in a child process (this file with `--portal`; the tsx loader comes with execArgv). */
async function forkPortal(): Promise<{ origin: string; close(): Promise<void> }> {
  const child = fork(fileURLToPath(import.meta.url), ['--portal'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const origin = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve(String(m)));
    child.once('exit', (code) => reject(new Error(`bench portal exited (${code}) before listening`)));
  });
  return {
    origin,
    close: () => {
      child.kill();
      return exited;
    },
  };
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

export async function benchCrawl(): Promise<string[]> {
  const lines: string[] = [];
  const portal = await forkPortal();
  const storage = mkdtempSync(path.join(os.tmpdir(), 'ogi-bench-crawl-'));
  try {
    const common = { storage, rate: Infinity, allowHosts: ['127.0.0.1'], progress: false as const, concurrency: 16 };

    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await crawl({ ...common, urls: [`${portal.origin}/nb/index.html`] });
    const secs = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSecs = (cpu.user + cpu.system) / 1e6;
    const requests = r.pages;
    lines.push(
      `crawl throughput: ${requests} pages (${LIST_PAGES} list + ${LIST_PAGES * ITEMS_PER_PAGE} detail, each stored) in ${secs.toFixed(1)} s = ${(requests / secs).toFixed(0)} pages/s (target >= 100; rate limit off, concurrency 16)`,
      `  CPU ${cpuSecs.toFixed(1)} s for the crawler (portal not counted) = ${(requests / cpuSecs).toFixed(0)} pages per CPU-second; load average now ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores (wall-clock pages/s drops when the machine is shared)`,
    );
    if (r.failures.length)
      lines.push(`  unexpected failures: ${r.failures.length} (${r.failures[0].kind}: ${r.failures[0].message})`);

    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const t1 = performance.now();
    const big = await crawl({ ...common, urls: [`${portal.origin}/big/index.html`], maxRequests: 1000 });
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    lines.push(
      `peak RSS with ${QUEUED.toLocaleString('en-US')} queued URLs: ${mb(peak)} (target <= 400 MB; ${big.pages} requests handled in ${((performance.now() - t1) / 1000).toFixed(1)} s, then stopped by --max-requests)`,
    );
  } finally {
    await portal.close();
    rmSync(storage, { recursive: true, force: true });
  }
  return lines;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--portal') {
    const portal = await startGeneratedPortal();
    process.send?.(portal.origin);
    const stop = () => void portal.close().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('disconnect', stop); // the bench process died: do not outlive it
  } else for (const line of await benchCrawl()) console.log(line);
}
