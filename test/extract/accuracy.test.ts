// Cell accuracy of the extractor over the generated corpus (test/generate): a few hundred reports
// with random identity-consistent figures in every rendering (HTML table/div/<p> lines, UTF-8/GBK,
// Chromium-printed PDFs with table 三 across a page break, DOCX and DOC with merged cells, the seeds'
// text layouts). Every cell and metadata field is compared with the ground truth; every rendering
// must be read 100% right, and a failure lists its first mismatching cells.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/extract/index.js';
import { buildCorpus, STANDARD_CORPUS, type CorpusDoc, type Rendering } from '../generate/corpus.js';
import { compareRecord, formatMismatch, type Mismatch } from '../generate/compare.js';

interface Result {
  doc: CorpusDoc;
  cells: number;
  mismatches: Mismatch[];
}

const RENDERINGS = Object.keys(STANDARD_CORPUS.counts) as Rendering[];
const results = new Map<Rendering, Result[]>();

beforeAll(async () => {
  const corpus = await buildCorpus(STANDARD_CORPUS);
  for (const doc of corpus.docs) {
    const bytes = await readFile(join(corpus.dir, doc.file));
    let result: Result;
    try {
      const record = await extractDocument({ bytes, name: doc.file });
      result = { doc, ...compareRecord(doc.truth, doc.variant, record) };
    } catch (e) {
      const err = e as Error & { kind?: string };
      result = {
        doc,
        cells: 1,
        mismatches: [
          {
            path: '(document)',
            expected: 'a record',
            actual: `${err.name}${err.kind ? `(${err.kind})` : ''}: ${err.message}`,
          },
        ],
      };
    }
    results.set(doc.rendering, [...(results.get(doc.rendering) ?? []), result]);
  }
  const lines = ['rendering                 docs  cells   correct  accuracy'];
  for (const r of RENDERINGS) {
    const rs = results.get(r) ?? [];
    const cells = rs.reduce((s, x) => s + x.cells, 0);
    const wrong = rs.reduce((s, x) => s + x.mismatches.filter((m) => m.expected !== undefined).length, 0);
    lines.push(
      `${r.padEnd(24)} ${String(rs.length).padStart(5)} ${String(cells).padStart(6)} ${String(cells - wrong).padStart(9)}  ${((100 * (cells - wrong)) / Math.max(cells, 1)).toFixed(2)}%`,
    );
  }
  console.log(`Extraction accuracy over the generated corpus (${corpus.dir}):\n${lines.join('\n')}`);
}, 900_000);

describe('extraction accuracy on generated documents', () => {
  it.each(RENDERINGS)('%s: every table cell and metadata field matches the ground truth', (rendering) => {
    const rs = results.get(rendering) ?? [];
    expect(rs.length).toBe(STANDARD_CORPUS.counts[rendering]);
    const failed = rs.filter((r) => r.mismatches.length > 0);
    const report = failed
      .slice(0, 6)
      .map(
        (r) =>
          `${r.doc.file} (${r.doc.variant}, ${r.mismatches.length} wrong):\n  ${r.mismatches.slice(0, 8).map(formatMismatch).join('\n  ')}`,
      )
      .join('\n');
    expect(
      failed.length,
      `${failed.length}/${rs.length} ${rendering} documents differ from the truth:\n${report}`,
    ).toBe(0);
  });
});
