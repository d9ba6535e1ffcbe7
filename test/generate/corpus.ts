// A generated corpus: reports rendered in every layout, each with its ground truth, written to
// test/.generated/<hash>/ (hash of the spec and of the generator's own source, so a change to the
// generator regenerates). Built in a temp dir and renamed, so concurrent runs never see half a corpus.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Format } from '../../src/record.js';
import { convertToDoc, convertToPdf } from './doc.js';
import { renderDocx } from './docx.js';
import { renderHtml, type HtmlCharset, type HtmlLayout } from './html.js';
import { pdfPageCount, renderPdfs, type PageBreak } from './pdf.js';
import { rng } from './random.js';
import { renderProse } from './prose.js';
import { generateReport, type FormVariant, type GeneratedReport, type Truth } from './report.js';
import { renderText, type TextLayout } from './text.js';
import { renderFlat, renderLayout } from './text-layout.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const GENERATED_ROOT = join(HERE, '..', '.generated');

export type Rendering =
  | 'html-table'
  | 'html-table-gbk'
  | 'html-table-gbk-nometa'
  | 'html-div'
  | 'html-p'
  | 'html-cells'
  | 'html-table-per-row'
  | 'pdf-forced-break'
  | 'pdf-natural-break'
  | 'pdf-split-header'
  | 'pdf-office'
  | 'docx'
  | 'doc'
  | 'txt-tab'
  | 'txt-lines'
  | 'txt-pagebreak'
  | 'txt-windows'
  | 'txt-layout'
  | 'txt-flat'
  | 'prose';

export const RENDERING_FORMAT: Record<Rendering, Format> = {
  'html-table': 'html',
  'html-table-gbk': 'html',
  'html-table-gbk-nometa': 'html',
  'html-div': 'html',
  'html-p': 'html',
  'html-cells': 'html',
  'html-table-per-row': 'html',
  'pdf-forced-break': 'pdf',
  'pdf-natural-break': 'pdf',
  'pdf-split-header': 'pdf',
  'pdf-office': 'pdf',
  docx: 'docx',
  doc: 'doc',
  'txt-tab': 'txt',
  'txt-lines': 'txt',
  'txt-pagebreak': 'txt',
  'txt-windows': 'txt',
  'txt-layout': 'txt',
  'txt-flat': 'txt',
  prose: 'html',
};

/**
 * The layout family of each rendering, for the accuracy bench's per-family figures:
 * what the extractor must read to get the cells right.
 */
export const RENDERING_FAMILY: Record<Rendering, string> = {
  'html-table': 'html <table>',
  'html-table-gbk': 'html <table>',
  'html-table-gbk-nometa': 'html <table>',
  'html-table-per-row': 'html <table> per row',
  'html-div': 'html div grid',
  'html-p': 'html <p> lines',
  'html-cells': 'html cell per element',
  'pdf-forced-break': 'pdf chromium',
  'pdf-natural-break': 'pdf chromium',
  'pdf-split-header': 'pdf repeated header',
  'pdf-office': 'pdf office narrow labels',
  docx: 'docx/doc',
  doc: 'docx/doc',
  'txt-tab': 'txt tab/lines',
  'txt-lines': 'txt tab/lines',
  'txt-pagebreak': 'txt tab/lines',
  'txt-windows': 'txt tab/lines',
  'txt-layout': 'txt pdftotext -layout',
  'txt-flat': 'txt one line',
  prose: 'prose',
};

export interface CorpusSpec {
  seed: string;
  counts: Partial<Record<Rendering, number>>;
  /** Pages of each PDF report (prose is trimmed or repeated to fit; the bench wants 5-page PDFs). */
  pdfPages?: number;
}

export interface CorpusDoc {
  id: string;
  /** File name inside the corpus dir. */
  file: string;
  rendering: Rendering;
  format: Format;
  variant: FormVariant;
  truth: Truth;
  /** Page count (PDF only). */
  pages?: number;
  /** A rendering choice that bears on the truth (txt-flat: blanks as a 'dash' or 'vanish'). */
  note?: string;
}

export interface Corpus {
  dir: string;
  docs: CorpusDoc[];
}

/** The corpus the accuracy test and the bench use: 500 documents over every rendering. */
export const STANDARD_CORPUS: CorpusSpec = {
  seed: 'ogi-accuracy-1',
  counts: {
    'html-table': 40,
    'html-table-gbk': 20,
    'html-table-gbk-nometa': 20,
    'html-div': 25,
    'html-p': 25,
    'html-cells': 30,
    'html-table-per-row': 30,
    'pdf-forced-break': 20,
    'pdf-natural-break': 20,
    'pdf-split-header': 25,
    'pdf-office': 25,
    docx: 30,
    doc: 20,
    'txt-tab': 20,
    'txt-lines': 20,
    'txt-pagebreak': 20,
    'txt-windows': 20,
    'txt-layout': 30,
    'txt-flat': 30,
    prose: 35,
  },
  pdfPages: 5,
};

/** Hash of the generator's own source (every .ts file of test/generate). */
export async function sourceHash(): Promise<string> {
  const h = createHash('sha256');
  for (const f of (await readdir(HERE)).filter((f) => f.endsWith('.ts')).sort()) {
    h.update(f).update(await readFile(join(HERE, f)));
  }
  return h.digest('hex').slice(0, 16);
}

function generatorHash(spec: CorpusSpec, source: string): string {
  return createHash('sha256').update(JSON.stringify(spec)).update(source).digest('hex').slice(0, 16);
}

/** Returns the corpus for `spec`, generating it once (later calls read the cached manifest). */
export async function buildCorpus(spec: CorpusSpec = STANDARD_CORPUS, root = GENERATED_ROOT): Promise<Corpus> {
  const source = await sourceHash();
  const dir = join(root, generatorHash(spec, source));
  const manifest = join(dir, 'manifest.json');
  if (existsSync(manifest)) return { dir, docs: JSON.parse(await readFile(manifest, 'utf8')) as CorpusDoc[] };
  await mkdir(root, { recursive: true });
  const tmp = await mkdtemp(join(root, '.tmp-'));
  try {
    const docs = await generateInto(tmp, spec);
    await writeFile(join(tmp, 'manifest.json'), JSON.stringify(docs, null, 1));
    await writeFile(join(tmp, 'generator.txt'), source);
    try {
      await rename(tmp, dir);
    } catch (e) {
      if (!existsSync(manifest)) throw e; // another process finished first: use its copy
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  await pruneOldCorpora(root, source);
  return { dir, docs: JSON.parse(await readFile(manifest, 'utf8')) as CorpusDoc[] };
}

/**
 * Removes corpora an older generator made (25 MB each), leaving any touched in the last hour; the
 * current generator's corpora of other specs (the held-out bench corpus) stay.
 */
async function pruneOldCorpora(root: string, source: string): Promise<void> {
  for (const name of await readdir(root)) {
    const path = join(root, name);
    if (!/^[0-9a-f]{16}$/.test(name)) continue;
    const made = await readFile(join(path, 'generator.txt'), 'utf8').catch(() => '');
    if (made === source) continue;
    if (Date.now() - (await stat(path)).mtimeMs > 3_600_000) await rm(path, { recursive: true, force: true });
  }
}

const HTML_RENDERINGS: Partial<Record<Rendering, [HtmlLayout, HtmlCharset]>> = {
  'html-table': ['table', 'utf-8'],
  'html-table-gbk': ['table', 'gbk-meta'],
  'html-table-gbk-nometa': ['table', 'gbk-none'],
  'html-div': ['div', 'utf-8'],
  'html-p': ['p', 'utf-8'],
  'html-cells': ['cells', 'utf-8'],
  'html-table-per-row': ['table-per-row', 'utf-8'],
};
const TEXT_RENDERINGS: Partial<Record<Rendering, TextLayout>> = {
  'txt-tab': 'tab',
  'txt-lines': 'lines',
  'txt-pagebreak': 'pagebreak',
  'txt-windows': 'windows',
};

async function generateInto(dir: string, spec: CorpusSpec): Promise<CorpusDoc[]> {
  const docs: CorpusDoc[] = [];
  const pdfJobs: {
    rep: GeneratedReport;
    pageBreak: PageBreak;
    targetPages?: number;
    repeatHeader?: boolean;
    doc: CorpusDoc;
  }[] = [];
  const docJobs: CorpusDoc[] = [];
  const officePdfJobs: CorpusDoc[] = [];
  const scratch = await mkdtemp(join(tmpdir(), 'ogi-docx-'));
  try {
    for (const [rendering, n] of Object.entries(spec.counts) as [Rendering, number][]) {
      for (let i = 0; i < n; i++) {
        const id = `${rendering}-${String(i).padStart(3, '0')}`;
        const format = RENDERING_FORMAT[rendering];
        const isPdf = format === 'pdf';
        const rep = generateReport(id, `${spec.seed}/${id}`, isPdf && spec.pdfPages ? { proseParagraphs: 9 } : {});
        const ext = format === 'html' ? rng(rep.renderSeed).pick(['html', 'htm', 'shtml']) : format;
        const doc: CorpusDoc = { id, file: `${id}.${ext}`, rendering, format, variant: rep.variant, truth: rep.truth };
        docs.push(doc);
        const html = HTML_RENDERINGS[rendering];
        const text = TEXT_RENDERINGS[rendering];
        if (html) await writeFile(join(dir, doc.file), renderHtml(rep, { layout: html[0], charset: html[1] }));
        else if (text) await writeFile(join(dir, doc.file), renderText(rep, text));
        else if (rendering === 'txt-layout') await writeFile(join(dir, doc.file), renderLayout(rep));
        else if (rendering === 'txt-flat') {
          const flat = renderFlat(rep);
          await writeFile(join(dir, doc.file), flat.bytes);
          doc.truth = flat.truth;
          doc.note = `blanks: ${flat.blanks}`;
        } else if (rendering === 'prose') {
          const prose = renderProse(rep);
          await writeFile(join(dir, doc.file), prose.bytes);
          doc.truth = prose.truth;
        } else if (rendering === 'pdf-office') {
          await writeFile(join(scratch, `${id}.docx`), await renderDocx(rep, { narrowLabels: true }));
          officePdfJobs.push(doc);
        } else if (format === 'docx') await writeFile(join(dir, doc.file), await renderDocx(rep));
        else if (format === 'doc') {
          await writeFile(join(scratch, `${id}.docx`), await renderDocx(rep));
          docJobs.push(doc);
        } else if (isPdf)
          pdfJobs.push({
            rep,
            pageBreak: rendering === 'pdf-forced-break' ? 'forced' : 'natural',
            targetPages: spec.pdfPages,
            repeatHeader: rendering === 'pdf-split-header',
            doc,
          });
      }
    }
    // Chromium printing and LibreOffice converting run side by side (each mostly waits on its own process).
    const chromium = async () => {
      if (!pdfJobs.length) return;
      const pdfs = await renderPdfs(pdfJobs);
      for (const [i, job] of pdfJobs.entries()) {
        await writeFile(join(dir, job.doc.file), pdfs[i]!);
        job.doc.pages = pdfPageCount(pdfs[i]!);
      }
    };
    const office = async () => {
      if (docJobs.length) {
        await convertToDoc(
          docJobs.map((d) => join(scratch, `${d.id}.docx`)),
          dir,
        );
        for (const d of docJobs)
          if (!existsSync(join(dir, d.file))) throw new Error(`soffice did not produce ${d.file}`);
      }
      if (officePdfJobs.length) {
        await convertToPdf(
          officePdfJobs.map((d) => join(scratch, `${d.id}.docx`)),
          dir,
        );
        for (const d of officePdfJobs) {
          if (!existsSync(join(dir, d.file))) throw new Error(`soffice did not produce ${d.file}`);
          d.pages = pdfPageCount(await readFile(join(dir, d.file)));
        }
      }
    };
    await Promise.all([chromium(), office()]);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return docs;
}
