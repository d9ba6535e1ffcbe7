// Micro-bench of report metadata (title, agency, year, date, scope, region, level): the one-time
// division index load, then median and p95 per document (warm, same process) on the six real
// samples. Run: npx tsx bench/metadata.ts
import { readFileSync, readdirSync } from 'node:fs';
import { divisionIndex } from '../src/extract/divisions.js';
import { readMetadata } from '../src/extract/metadata.js';
import type { DocumentModel } from '../src/extract/model.js';
import { rejectIfNotReport } from '../src/extract/report-kind.js';
import { readPdf } from '../src/extract/text/pdf.js';
import { readTxtString } from '../src/extract/text/txt.js';
import { PEER, SEEDS } from '../test/fixtures/samples.js';

const RUNS = 200;

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return `median ${at(0.5).toFixed(3)} ms · p95 ${at(0.95).toFixed(3)} ms`;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const index = divisionIndex();
  const first = performance.now() - t0;
  console.log(
    `division index: ${index.lookup('大贵镇')?.length} divisions named 大贵镇, loaded in ${first.toFixed(1)} ms (once per process; run from the sources, the townships' index is compiled in memory: dist/ reads the build's)`,
  );
  console.log(`heap after load: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);

  const docs: [string, DocumentModel][] = [];
  for (const f of readdirSync(SEEDS).filter((f) => f.endsWith('.txt')))
    docs.push([f, readTxtString(readFileSync(`${SEEDS}/${f}`, 'utf8'))]);
  for (const f of readdirSync(PEER).filter((f) => f.endsWith('.pdf')))
    docs.push([f, await readPdf(readFileSync(`${PEER}/${f}`))]);

  for (const [name, model] of docs) {
    for (let i = 0; i < 20; i++) readMetadata({ ...model }); // warm-up: first-use JIT
    const meta: number[] = [];
    const kind: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const fresh = { ...model }; // a new document object: no per-document cache carried over
      const a = performance.now();
      readMetadata(fresh);
      const b = performance.now();
      rejectIfNotReport(model);
      kind.push(performance.now() - b);
      meta.push(b - a);
    }
    console.log(
      `${name} (${model.rows.length} rows)\n  readMetadata      ${stats(meta)}\n  rejectIfNotReport ${stats(kind)}`,
    );
  }
}

await main();
