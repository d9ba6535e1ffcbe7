// Startup: the WHOLE `ogi` process, as a user runs it (node bin/ogi.js → dist/src/cli.js), timed by
// `/usr/bin/time -v` (wall clock and max RSS): `ogi --help`, `ogi extract <HTML report> --json`,
// `ogi extract <PDF report> --json`, and `pdftotext -layout` on the same PDF as the yardstick.
// Median of RUNS runs each (after one untimed warm-up run, so the file cache is warm); the CPU column
// (user + system, median) is what a loaded machine inflates least.
// Run: npx tsx bench/startup.ts (or `npm run bench -- startup`, which builds dist/ first when stale).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const BIN = path.join(ROOT, 'bin', 'ogi.js');
const TIME = '/usr/bin/time';
const RUNS = 7;
/** A 2019-template HTML report (a township's, so the region resolves down to the township table). */
const HTML = path.join(ROOT, 'demo/site/zfxxgk/zfxxgknb/202101/t20210130_3001.html');
/** A real 5-page PDF report (洪泽区 2023). */
const PDF = path.join(ROOT, 'test/fixtures/samples/peer/hongze-2023.pdf');

interface Case {
  name: string;
  argv: string[];
  targetMs?: number;
}

interface Timing {
  name: string;
  runs: number;
  medianMs: number;
  minMs: number;
  cpuMs: number;
  maxRssMb: number;
  targetMs?: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

/** `Elapsed (wall clock) time (h:mm:ss or m:ss): 0:00.12` → 120. */
function wallMs(report: string): number {
  const m = /Elapsed \(wall clock\) time.*?: (?:(\d+):)?(\d+):(\d+(?:\.\d+)?)/.exec(report);
  if (!m) throw new Error(`no wall clock time in: ${report.slice(-400)}`);
  return ((Number(m[1] ?? 0) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000;
}

function maxRssKb(report: string): number {
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
  if (!m) throw new Error(`no max RSS in: ${report.slice(-400)}`);
  return Number(m[1]);
}

/** User + system CPU time: what load on a shared machine inflates least. */
function cpuMs(report: string): number {
  const u = /User time \(seconds\): ([\d.]+)/.exec(report);
  const s = /System time \(seconds\): ([\d.]+)/.exec(report);
  return (Number(u?.[1] ?? NaN) + Number(s?.[1] ?? NaN)) * 1000;
}

function timeOnce(argv: string[]): { ms: number; cpuMs: number; rssKb: number } {
  // the process's own stderr and /usr/bin/time's report are kept apart: -o writes the report to a file
  const out = path.join(tmpdir(), `ogi-startup-${process.pid}.time`);
  const r = spawnSync(TIME, ['-v', '-o', out, ...argv], {
    cwd: tmpdir(),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr.slice(-400)}`);
  const report = readFileSync(out, 'utf8');
  rmSync(out, { force: true });
  return { ms: wallMs(report), cpuMs: cpuMs(report), rssKb: maxRssKb(report) };
}

function timeCase(c: Case): Timing {
  timeOnce(c.argv); // warm-up: file cache
  const ms: number[] = [];
  const rss: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = timeOnce(c.argv);
    ms.push(t.ms);
    cpu.push(t.cpuMs);
    rss.push(t.rssKb);
  }
  return {
    name: c.name,
    runs: RUNS,
    medianMs: median(ms),
    minMs: Math.min(...ms),
    cpuMs: median(cpu),
    maxRssMb: Math.max(...rss) / 1024,
    targetMs: c.targetMs,
  };
}

export async function benchStartup(): Promise<string[]> {
  if (!existsSync(TIME)) throw new Error(`${TIME} is missing: install the Debian package 'time' (npm run setup does)`);
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const node = process.execPath;
  const cases: Case[] = [
    { name: 'node -e 0 (floor)', argv: [node, '-e', '0'] },
    { name: 'ogi --help', argv: [node, BIN, '--help'], targetMs: 150 },
    { name: 'ogi extract HTML --json', argv: [node, BIN, 'extract', HTML, '--json'], targetMs: 400 },
    { name: 'ogi extract PDF --json', argv: [node, BIN, 'extract', PDF, '--json'], targetMs: 800 },
    { name: 'pdftotext -layout PDF', argv: ['pdftotext', '-layout', PDF, '-'] },
  ];
  const rows = cases.map(timeCase);
  const lines = [
    `startup: whole processes under ${TIME} -v, median of ${RUNS} runs after a warm-up; load average at start ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} cores`,
    `HTML: ${path.relative(ROOT, HTML)} · PDF: ${path.relative(ROOT, PDF)}`,
    'command                    median ms   min ms  CPU ms  max RSS MB  target (median wall clock)',
  ];
  for (const t of rows) {
    const verdict = t.targetMs === undefined ? '' : `≤ ${t.targetMs} ms ${t.medianMs <= t.targetMs ? 'met' : 'MISSED'}`;
    lines.push(
      `${t.name.padEnd(25)} ${t.medianMs.toFixed(0).padStart(10)} ${t.minMs.toFixed(0).padStart(8)} ${t.cpuMs.toFixed(0).padStart(7)} ${t.maxRssMb.toFixed(1).padStart(11)}  ${verdict}`,
    );
  }
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchStartup()) console.log(line);
}
