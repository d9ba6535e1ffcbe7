// Extraction speed over the generated corpus (test/generate): median and p95 milliseconds per
// document for each format, and each format's peak RSS, with `pdftotext -layout` on the same PDFs
// as the yardstick. Each format runs in its own Node process so its peak RSS is its own.
// Run: npx tsx bench/extract.ts (or through bench/index.ts via benchExtract()).
import { execFile, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Format } from '../src/record.js';
import { buildCorpus, STANDARD_CORPUS, type CorpusDoc } from '../test/generate/corpus.js';

const FORMATS: Format[] = ['html', 'docx', 'doc', 'pdf', 'txt'];
const TARGET_MS: Partial<Record<Format, number>> = { html: 10, docx: 50, pdf: 150 };
const PASSES = 3;

interface Timing {
  format: string;
  docs: number;
  runs: number;
  median: number;
  p95: number;
  peakRssMb: number;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

function summary(format: string, docs: number, times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    format,
    docs,
    runs: times.length,
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

/** The documents a format is timed on: PDFs only the 5-page reports. */
function benchDocs(docs: CorpusDoc[], format: Format): CorpusDoc[] {
  return docs.filter((d) => d.format === format && (format !== 'pdf' || d.pages === 5));
}

/** Worker: times extractDocument on one format's documents (warm: a first pass is not counted). */
async function timeFormat(dir: string, docs: CorpusDoc[]): Promise<Timing> {
  const { extractDocument } = await import('../src/extract/index.js');
  const files = await Promise.all(docs.map(async (d) => ({ name: d.file, bytes: await readFile(join(dir, d.file)) })));
  const times: number[] = [];
  for (let pass = 0; pass <= PASSES; pass++) {
    for (const f of files) {
      const t0 = performance.now();
      try {
        await extractDocument({ bytes: f.bytes, name: f.name });
      } catch {
        // a failed extraction is the accuracy test's business; its time still counts
      }
      if (pass > 0) times.push(performance.now() - t0);
    }
  }
  return summary(docs[0]?.format ?? '?', docs.length, times);
}

function timePdftotext(dir: string, docs: CorpusDoc[]): Timing {
  const times: number[] = [];
  for (let pass = 0; pass <= PASSES; pass++) {
    for (const d of docs) {
      const t0 = performance.now();
      spawnSync('pdftotext', ['-layout', join(dir, d.file), '-'], { maxBuffer: 64 * 1024 * 1024 });
      if (pass > 0) times.push(performance.now() - t0);
    }
  }
  const s = summary('pdftotext -layout', docs.length, times);
  return { ...s, peakRssMb: NaN };
}

const fmt = (n: number, w: number) => (Number.isFinite(n) ? n.toFixed(1) : '-').padStart(w);

export async function benchExtract(): Promise<string[]> {
  const corpus = await buildCorpus(STANDARD_CORPUS);
  const self = fileURLToPath(import.meta.url);
  const rows: Timing[] = [];
  for (const format of FORMATS) {
    const docs = benchDocs(corpus.docs, format);
    if (docs.length === 0) continue;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', self, '--worker', corpus.dir, format],
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    rows.push(JSON.parse(stdout.trim().split('\n').pop()!) as Timing);
  }
  const pdfs = benchDocs(corpus.docs, 'pdf');
  const yardstick = timePdftotext(corpus.dir, pdfs);
  const lines = [
    `extract: ${corpus.docs.length} generated documents (${corpus.dir}); ${PASSES} timed passes after a warm-up pass; PDFs: the ${pdfs.length} 5-page reports`,
    'format                docs   runs  median ms   p95 ms  peak RSS MB  target',
  ];
  const pdf = rows.find((t) => t.format === 'pdf');
  lines.splice(
    1,
    0,
    `load average at start ${loadavg()
      .map((l) => l.toFixed(1))
      .join(
        ' ',
      )} on ${(await import('node:os')).cpus().length} cores (times grow with load; pdftotext is the yardstick)`,
  );
  for (const t of [...rows, yardstick]) {
    const target = TARGET_MS[t.format as Format];
    const verdict = target === undefined ? '' : `≤ ${target} ms ${t.median <= target ? 'met' : 'MISSED'} (median)`;
    lines.push(
      `${t.format.padEnd(20)} ${String(t.docs).padStart(5)} ${String(t.runs).padStart(6)} ${fmt(t.median, 10)} ${fmt(t.p95, 8)} ${fmt(t.peakRssMb, 12)}  ${verdict}`,
    );
  }
  if (pdf) lines.push(`pdf extraction / pdftotext -layout (median): ${(pdf.median / yardstick.median).toFixed(2)}×`);
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [flag, dir, format] = process.argv.slice(2);
  if (flag === '--worker') {
    const docs = benchDocs(
      JSON.parse(await readFile(join(dir!, 'manifest.json'), 'utf8')) as CorpusDoc[],
      format as Format,
    );
    console.log(JSON.stringify(await timeFormat(dir!, docs)));
  } else {
    for (const line of await benchExtract()) console.log(line);
  }
}
