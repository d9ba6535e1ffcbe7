// Micro-bench of the PDF reader: median and p95 wall time per document (warm, same process),
// next to poppler's `pdftotext -layout` on the same files. Run: npx tsx bench/pdf-reader.ts [files…]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readPdf } from '../src/extract/text/pdf.js';

const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['/work/shared/samples/peer/hongze-2023.pdf', '/work/shared/samples/peer/hongze-2024.pdf'];
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
    const ours: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await readPdf(bytes);
      ours.push(performance.now() - t0);
    }
    const poppler: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      execFileSync('pdftotext', ['-layout', file, '-']);
      poppler.push(performance.now() - t0);
    }
    console.log(`${file}\n  readPdf            ${stats(ours)}\n  pdftotext -layout  ${stats(poppler)}`);
  }
}

await main();
