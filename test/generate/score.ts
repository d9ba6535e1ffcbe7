// Extraction scored against the truth over a generated corpus: per document, then per rendering and
// per layout family (cells exact, documents perfect). Shared by the accuracy test and the accuracy bench.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { extractDocument } from '../../src/extract/index.js';
import { compareRecord, type Mismatch } from './compare.js';
import { RENDERING_FAMILY, type Corpus, type CorpusDoc, type Rendering } from './corpus.js';

export interface DocScore {
  doc: CorpusDoc;
  cells: number;
  mismatches: Mismatch[];
}

/** Extracts every document of the corpus and compares it with its truth (an exception is one wrong cell). */
export async function scoreCorpus(corpus: Corpus): Promise<DocScore[]> {
  const out: DocScore[] = [];
  for (const doc of corpus.docs) {
    const bytes = await readFile(join(corpus.dir, doc.file));
    try {
      const record = await extractDocument({ bytes, name: doc.file });
      out.push({ doc, ...compareRecord(doc.truth, doc.variant, record) });
    } catch (e) {
      const err = e as Error & { kind?: string };
      out.push({
        doc,
        cells: 1,
        mismatches: [
          {
            path: '(document)',
            expected: 'a record',
            actual: `${err.name}${err.kind ? `(${err.kind})` : ''}: ${err.message}`,
          },
        ],
      });
    }
  }
  return out;
}

export interface Tally {
  docs: number;
  perfect: number;
  cells: number;
  correct: number;
}

/** Cells exact counts truth cells; a document is perfect when nothing differs (nor is invented). */
export function tally(scores: DocScore[]): Tally {
  const cells = scores.reduce((s, x) => s + x.cells, 0);
  const wrong = scores.reduce((s, x) => s + x.mismatches.filter((m) => m.expected !== undefined).length, 0);
  return {
    docs: scores.length,
    perfect: scores.filter((x) => x.mismatches.length === 0).length,
    cells,
    correct: cells - wrong,
  };
}

const pct = (a: number, b: number) => `${((100 * a) / Math.max(b, 1)).toFixed(2)}%`;

function line(name: string, t: Tally): string {
  return `${name.padEnd(26)} ${String(t.docs).padStart(5)} ${String(t.cells).padStart(7)} ${String(t.correct).padStart(8)} ${pct(t.correct, t.cells).padStart(8)} ${String(t.perfect).padStart(8)} ${pct(t.perfect, t.docs).padStart(8)}`;
}

const HEADER = `${'rendering'.padEnd(26)}  docs   cells  correct   exact%  perfect perfect%`;

/** The per-rendering table, in `renderings` order. */
export function renderingTable(scores: DocScore[], renderings: Rendering[]): string[] {
  return [HEADER, ...renderings.map((r) => line(r, tally(scores.filter((s) => s.doc.rendering === r))))];
}

/** The per-family table (RENDERING_FAMILY), families in the order their first rendering appears. */
export function familyTable(scores: DocScore[], renderings: Rendering[]): string[] {
  const families = [...new Set(renderings.map((r) => RENDERING_FAMILY[r]))];
  const rows = families.map((f) => line(f, tally(scores.filter((s) => RENDERING_FAMILY[s.doc.rendering] === f))));
  return [HEADER.replace('rendering', 'family   '), ...rows, line('all', tally(scores))];
}
