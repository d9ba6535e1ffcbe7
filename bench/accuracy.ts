// Extraction accuracy on a HELD-OUT generated corpus: the standard corpus's renderings and counts
// from another seed, so these figures are on documents the tests never see. Prints cells exact and
// documents perfect per layout family and per rendering.
// Run: npm run bench -- accuracy (or npx tsx bench/accuracy.ts).
import { pathToFileURL } from 'node:url';
import { buildCorpus, STANDARD_CORPUS, type CorpusSpec, type Rendering } from '../test/generate/corpus.js';
import { familyTable, renderingTable, scoreCorpus } from '../test/generate/score.js';

export const HELDOUT_CORPUS: CorpusSpec = { ...STANDARD_CORPUS, seed: 'ogi-heldout-2' };

export async function benchAccuracy(): Promise<string[]> {
  const t0 = performance.now();
  const corpus = await buildCorpus(HELDOUT_CORPUS);
  const built = performance.now() - t0;
  const scores = await scoreCorpus(corpus);
  const renderings = Object.keys(HELDOUT_CORPUS.counts) as Rendering[];
  return [
    `accuracy: ${corpus.docs.length} held-out documents (seed ${HELDOUT_CORPUS.seed}, ${corpus.dir}; corpus ready in ${(built / 1000).toFixed(1)} s)`,
    'cells exact = truth cells the record gets right; perfect = documents with no cell wrong or invented',
    '',
    ...familyTable(scores, renderings),
    '',
    ...renderingTable(scores, renderings),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchAccuracy()) console.log(line);
}
