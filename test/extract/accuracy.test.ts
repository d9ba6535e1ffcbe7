// Cell accuracy of the extractor over the generated corpus (test/generate): 500 reports with random
// identity-consistent figures in every rendering — HTML tables (UTF-8/GBK, one <table> per row), div
// grids, <p> lines, no table at all (every cell its own <p>/<div>/<span>); Chromium-printed PDFs with
// table 三 across a page break, its header repeated on the next page; office-exported PDFs whose narrow
// label column wraps the sub-row labels; DOCX and DOC with merged cells; the seeds' text layouts, the
// `pdftotext -layout` look and a whole page on one line; narrative reports whose figures are only in
// sentences. Every cell and metadata field is compared with the ground truth; every rendering must be
// read 100% right, and a failure lists its first mismatching cells.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, STANDARD_CORPUS, type Rendering } from '../generate/corpus.js';
import { formatMismatch } from '../generate/compare.js';
import { familyTable, renderingTable, scoreCorpus, type DocScore } from '../generate/score.js';

const RENDERINGS = Object.keys(STANDARD_CORPUS.counts) as Rendering[];
const results = new Map<Rendering, DocScore[]>();

beforeAll(async () => {
  const corpus = await buildCorpus(STANDARD_CORPUS);
  const scores = await scoreCorpus(corpus);
  for (const s of scores) results.set(s.doc.rendering, [...(results.get(s.doc.rendering) ?? []), s]);
  console.log(
    `Extraction accuracy over the generated corpus (${corpus.dir}):\n${renderingTable(scores, RENDERINGS).join('\n')}\n\n${familyTable(scores, RENDERINGS).join('\n')}`,
  );
}, 900_000);

describe('extraction accuracy on generated documents', () => {
  it('names every rendering of the generator', () => {
    expect(RENDERINGS).toEqual(
      expect.arrayContaining([
        'html-table',
        'html-table-gbk',
        'html-table-gbk-nometa',
        'html-div',
        'html-p',
        'html-cells',
        'html-table-per-row',
        'pdf-forced-break',
        'pdf-natural-break',
        'pdf-split-header',
        'pdf-office',
        'docx',
        'doc',
        'txt-tab',
        'txt-lines',
        'txt-pagebreak',
        'txt-windows',
        'txt-layout',
        'txt-flat',
        'prose',
      ]),
    );
    expect(RENDERINGS).toHaveLength(20);
  });

  it.each(RENDERINGS)('%s: every table cell and metadata field matches the ground truth', (rendering) => {
    const rs = results.get(rendering) ?? [];
    expect(rs.length).toBe(STANDARD_CORPUS.counts[rendering]);
    const failed = rs.filter((r) => r.mismatches.length > 0);
    const report = failed
      .slice(0, 6)
      .map(
        (r) =>
          `${r.doc.file} (${r.doc.variant}${r.doc.note ? `, ${r.doc.note}` : ''}, ${r.mismatches.length} wrong):\n  ${r.mismatches.slice(0, 8).map(formatMismatch).join('\n  ')}`,
      )
      .join('\n');
    expect(
      failed.length,
      `${failed.length}/${rs.length} ${rendering} documents differ from the truth:\n${report}`,
    ).toBe(0);
  });
});
