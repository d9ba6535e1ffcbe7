// Micro-bench of the PDF reader: median and p95 per document (warm, same process), as wall time
// and as CPU time (the machine is shared, so wall time moves with the load; CPU time much less),
// next to poppler's `pdftotext -layout` on the same files. Run: npx tsx bench/pdf-reader.ts [files…]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readPdf } from '../src/extract/text/pdf.js';
import { PEER } from '../test/fixtures/samples.js';

const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : [`${PEER}/hongze-2023.pdf`, `${PEER}/hongze-2024.pdf`];
const RUNS = 30;

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return `median ${at(0.5).toFixed(1)} ms · p95 ${at(0.95).toFixed(1)} ms`;
}

async function main(): Promise<void> {
  for (const file of files) {
    const bytes = readFileSync(file);
    await readPdf(bytes); // warm-up: module and worker start, first-use JIT
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      await readPdf(bytes);
      const c = process.cpuUsage(c0);
      wall.push(performance.now() - t0);
      cpu.push((c.user + c.system) / 1000);
    }
    const poppler: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      spawnSync('pdftotext', ['-layout', file, '/dev/null']);
      poppler.push(performance.now() - t0);
    }
    console.log(
      `${file}\n` +
        `  readPdf            wall ${stats(wall)} | cpu ${stats(cpu)}\n` +
        `  pdftotext -layout  wall ${stats(poppler)} (a process per run, start-up included)`,
    );
  }
}

await main();
