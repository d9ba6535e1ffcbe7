// The worker pool's cost per document (src/extract/isolated/pool.ts) against extraction in
// process, on the generated corpus: each document read from its file and extracted, one at a time,
// both ways; median ms per format and the overhead in per cent (target: under 15%). Then the pool's
// throughput with 1 and 2 workers over the whole mix (documents per second).
// Run: npx tsx bench/pool.ts (or through bench/index.ts via benchPool()).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { extractDocument } from '../src/extract/index.js';
import { ExtractionPool } from '../src/extract/isolated/pool.js';
import type { Format } from '../src/record.js';
import { buildCorpus, STANDARD_CORPUS } from '../test/generate/corpus.js';

const PASSES = 3;
const FORMATS: Format[] = ['html', 'txt', 'docx', 'doc', 'pdf'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function settle<T>(p: Promise<T>): Promise<void> {
  try {
    await p;
  } catch {
    // a failed document costs its time all the same
  }
}

export async function benchPool(): Promise<string[]> {
  const corpus = await buildCorpus(STANDARD_CORPUS);
  const docs = corpus.docs.filter((d) => FORMATS.includes(d.format as Format) && (d.format !== 'pdf' || d.pages === 5));
  const files = docs.map((d) => ({ format: d.format as Format, file: join(corpus.dir, d.file), name: d.file }));
  const inProcess = new Map<Format, number[]>();
  const pooled = new Map<Format, number[]>();
  const pool = new ExtractionPool({ size: 1 });
  try {
    for (let pass = 0; pass <= PASSES; pass++) {
      for (const f of files) {
        let t0 = performance.now();
        await settle(readFile(f.file).then((bytes) => extractDocument({ bytes, name: f.name })));
        const a = performance.now() - t0;
        t0 = performance.now();
        await settle(pool.extract({ file: f.file, name: f.name }));
        const b = performance.now() - t0;
        if (pass === 0) continue; // warm-up: modules loaded, the worker started
        (inProcess.get(f.format) ?? inProcess.set(f.format, []).get(f.format)!).push(a);
        (pooled.get(f.format) ?? pooled.set(f.format, []).get(f.format)!).push(b);
      }
    }
  } finally {
    await pool.close();
  }
  const lines = [
    `pool: ${files.length} generated documents, ${PASSES} passes after a warm-up, one document at a time, in process vs one pool worker`,
    'format   in process ms   pool ms   overhead',
  ];
  let sumIn = 0;
  let sumPool = 0;
  for (const format of FORMATS) {
    const a = inProcess.get(format) ?? [];
    const b = pooled.get(format) ?? [];
    if (a.length === 0) continue;
    sumIn += a.reduce((x, y) => x + y, 0);
    sumPool += b.reduce((x, y) => x + y, 0);
    const over = (median(b) - median(a)) / median(a);
    lines.push(
      `${format.padEnd(8)} ${median(a).toFixed(1).padStart(13)} ${median(b).toFixed(1).padStart(9)} ${`${(over * 100).toFixed(0)}%`.padStart(10)}`,
    );
  }
  const total = (sumPool - sumIn) / sumIn;
  lines.push(
    `whole mix: ${(sumIn / 1000).toFixed(1)} s in process, ${(sumPool / 1000).toFixed(1)} s through the pool: overhead ${(total * 100).toFixed(1)}% (target < 15%: ${total < 0.15 ? 'met' : 'MISSED'})`,
  );
  for (const size of [1, 2]) {
    const p = new ExtractionPool({ size });
    try {
      // start the workers and load every format's parser in each (a worker serves any format)
      const oneOfEach = FORMATS.map((format) => files.find((f) => f.format === format)!).filter(Boolean);
      for (let i = 0; i < size; i++)
        await Promise.all(oneOfEach.map((f) => settle(p.extract({ file: f.file, name: f.name }))));
      const t0 = performance.now();
      await Promise.all(files.map((f) => settle(p.extract({ file: f.file, name: f.name }))));
      const secs = (performance.now() - t0) / 1000;
      lines.push(
        `throughput with ${size} worker${size > 1 ? 's' : ''}: ${(files.length / secs).toFixed(0)} documents/s`,
      );
    } finally {
      await p.close();
    }
  }
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchPool()) console.log(line);
}
