// OCR accuracy and speed on scans of held-out generated reports: each scan family (resolution,
// seal, skew, noise, JPEG quality; image-only PDF or DOCX of pictures) made from the same documents,
// read through the whole extractor in this process. Prints cells exact, documents perfect, seconds
// per page and peak RSS per family. OGI_BENCH_SCANS=N documents per family (default 3).
// Run: npm run bench -- scans (or npx tsx bench/scans.ts).
import { readFile } from 'node:fs/promises';
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

export async function benchScans(): Promise<string[]> {
  const perFamily = Number(process.env.OGI_BENCH_SCANS ?? 3);
  const corpus = await buildCorpus(HELDOUT_CORPUS);
  const docs = corpus.docs.filter((d) => d.rendering === 'pdf-natural-break').slice(0, perFamily);
  const lines = [
    `scans: ${docs.length} held-out reports (seed ${HELDOUT_CORPUS.seed}) per family, read by Tesseract through the extractor`,
    `${'family'.padEnd(44)} ${'cells'.padStart(6)} ${'exact%'.padStart(7)} ${'perfect'.padStart(8)} ${'s/page'.padStart(7)} ${'peak RSS'.padStart(9)}`,
  ];
  for (const family of FAMILIES) {
    let cells = 0;
    let exact = 0;
    let perfect = 0;
    let pages = 0;
    let seconds = 0;
    for (const doc of docs) {
      const pdf = await readFile(join(corpus.dir, doc.file));
      const options = family.options(doc.id);
      const scan = family.wrap === 'pdf' ? await scanPdf(pdf, options) : await scanDocx(pdf, options);
      const t0 = performance.now();
      try {
        const record = await extractDocument({ bytes: scan, name: `scan.${family.wrap}` });
        const c = compareRecord(doc.truth, doc.variant, record);
        cells += c.cells;
        exact += c.cells - c.mismatches.length;
        if (!c.mismatches.length) perfect++;
        pages += record.source.ocr?.pages.length ?? 0;
      } catch {
        cells += 1; // a document not read at all: one wrong cell, as the accuracy bench counts it
      }
      seconds += (performance.now() - t0) / 1000;
    }
    const rss = process.resourceUsage().maxRSS / 1024;
    lines.push(
      `${family.name.padEnd(44)} ${String(cells).padStart(6)} ${((100 * exact) / cells).toFixed(2).padStart(7)} ${`${perfect}/${docs.length}`.padStart(8)} ${(pages ? seconds / pages : 0).toFixed(1).padStart(7)} ${`${rss.toFixed(0)} MB`.padStart(9)}`,
    );
  }
  lines.push(
    'peak RSS: this process (the extractor); each Tesseract call is a process of its own (~170 MB, one at a time).',
    'targets: ≥ 98% cells and ≥ 70% perfect on 200 dpi with a seal; ≤ 3 s per page; ≤ 1.5 GB',
  );
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchScans()) console.log(line);
}
