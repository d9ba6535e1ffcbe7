// OCR accuracy and speed on scans of held-out generated reports: each scan family (resolution,
// seal, skew, noise, JPEG quality; image-only PDF or DOCX of pictures) made from the same documents,
// read through the whole extractor in this process. Prints cells exact, documents perfect, seconds
// per page (the median of the documents' wall seconds per page, and CPU seconds per page with the
// engine's processes included) and peak RSS per family, with the load average while it ran (the
// machine may be shared: CPU seconds are the figure to compare). OGI_BENCH_SCANS=N documents per
// family (default 5); OGI_BENCH_SCAN_FAMILIES=seal,150 runs only the families whose names hold one
// of those words. Run: npm run bench -- scans (or npx tsx bench/scans.ts).
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { extractDocument } from '../src/extract/index.js';
import { compareRecord } from '../test/generate/compare.js';
import { buildCorpus } from '../test/generate/corpus.js';
import { rng } from '../test/generate/random.js';
import { scanDocx, scanPdf, type ScanOptions } from '../test/generate/scan.js';
import { HELDOUT_CORPUS } from './accuracy.js';

interface Family {
  name: string;
  wrap: 'pdf' | 'docx';
  options: (seed: string) => ScanOptions;
}

const FAMILIES: Family[] = [
  { name: '300 dpi, clean', wrap: 'pdf', options: () => ({ dpi: 300, quality: 85 }) },
  {
    name: '200 dpi, grey paper, red seal over table 三',
    wrap: 'pdf',
    options: () => ({ dpi: 200, quality: 75, paper: 235, seal: { page: 3, x: 0.6, y: 0.8 } }),
  },
  { name: '150 dpi', wrap: 'pdf', options: () => ({ dpi: 150, quality: 75 }) },
  {
    name: '200 dpi, askew ±2°, specks, JPEG q65',
    wrap: 'pdf',
    options: (seed) => ({ dpi: 200, quality: 65, paper: 240, noise: 0.002, skew: rng(seed).next() * 4 - 2, seed }),
  },
  { name: '200 dpi pages pasted in a DOCX', wrap: 'docx', options: () => ({ dpi: 200, quality: 80 }) },
];

/**
 * CPU seconds (user + system) of this process and of its finished child processes (the engine,
 * poppler): Node reports its own, Linux's /proc the children's (clock ticks, 100 per second).
 */
function cpuSeconds(): number {
  const own = process.cpuUsage();
  let children = 0;
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    children = (Number(fields[13]) + Number(fields[14])) / 100; // cutime, cstime
  } catch {
    // not Linux: the children's share is left out
  }
  return (own.user + own.system) / 1e6 + children;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function benchScans(): Promise<string[]> {
  const perFamily = Number(process.env.OGI_BENCH_SCANS ?? 5);
  const only = (process.env.OGI_BENCH_SCAN_FAMILIES ?? '').split(',').filter(Boolean);
  const corpus = await buildCorpus(HELDOUT_CORPUS);
  const docs = corpus.docs.filter((d) => d.rendering === 'pdf-natural-break').slice(0, perFamily);
  const lines = [
    `scans: ${docs.length} held-out reports (seed ${HELDOUT_CORPUS.seed}) per family, read by Tesseract through the extractor`,
    `${'family'.padEnd(44)} ${'cells'.padStart(6)} ${'exact%'.padStart(7)} ${'perfect'.padStart(8)} ${'pages'.padStart(6)} ${'s/page'.padStart(7)} ${'CPU s/p'.padStart(8)} ${'peak RSS'.padStart(9)} ${'load'.padStart(5)}`,
  ];
  const failures: string[] = [];
  for (const family of FAMILIES) {
    if (only.length && !only.some((word) => family.name.includes(word))) continue;
    let cells = 0;
    let exact = 0;
    let perfect = 0;
    let pages = 0;
    let cpu = 0;
    const perPage: number[] = [];
    const loads: number[] = [];
    for (const doc of docs) {
      const pdf = await readFile(join(corpus.dir, doc.file));
      const options = family.options(doc.id);
      const scan = family.wrap === 'pdf' ? await scanPdf(pdf, options) : await scanDocx(pdf, options);
      const t0 = performance.now();
      const c0 = cpuSeconds();
      let read = 0;
      try {
        const record = await extractDocument({ bytes: scan, name: `scan.${family.wrap}` });
        const c = compareRecord(doc.truth, doc.variant, record);
        cells += c.cells;
        exact += c.cells - c.mismatches.length;
        if (!c.mismatches.length) perfect++;
        read = record.source.ocr?.pages.length ?? 0;
      } catch (err) {
        cells += 1; // a document not read at all: one wrong cell, as the accuracy bench counts it
        failures.push(`${family.name}: ${doc.id} not read: ${(err as Error).message}`);
      }
      cpu += cpuSeconds() - c0;
      pages += read;
      if (read) perPage.push((performance.now() - t0) / 1000 / read);
      loads.push(loadavg()[0]!);
    }
    const rss = process.resourceUsage().maxRSS / 1024;
    lines.push(
      `${family.name.padEnd(44)} ${String(cells).padStart(6)} ${((100 * exact) / cells).toFixed(2).padStart(7)} ${`${perfect}/${docs.length}`.padStart(8)} ${String(pages).padStart(6)} ${(perPage.length ? median(perPage) : 0).toFixed(1).padStart(7)} ${(pages ? cpu / pages : 0).toFixed(1).padStart(8)} ${`${rss.toFixed(0)} MB`.padStart(9)} ${(loads.reduce((a, b) => a + b, 0) / loads.length).toFixed(1).padStart(5)}`,
    );
  }
  lines.push(
    ...failures,
    's/page: median over the documents of wall seconds per page; CPU s/p: CPU seconds per page, the engine processes included; load: mean 1-minute load average.',
    'peak RSS: this process (the extractor); each Tesseract call is a process of its own (~120 MB, at most two at a time).',
    'targets: ≥ 98% cells and ≥ 70% perfect on 200 dpi with a seal; ≤ 3 s per page; ≤ 1.5 GB',
  );
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchScans()) console.log(line);
}
