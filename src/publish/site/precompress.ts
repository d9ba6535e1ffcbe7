// Precompressed twins of the site's text files (`x.js.gz`, `x.js.br` beside `x.js`), for static
// hosts that serve them as they are (nginx gzip_static / brotli_static, Caddy `precompressed`):
// the 100,000-report search index is ~14 MB as text, ~0.5 MB as brotli. Deterministic bytes (gzip
// header without a time stamp), so a version's SHA256SUMS stays the same for the same records.
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const gz = promisify(gzip);
const br = promisify(brotliCompress);

/** Files worth compressing: pages, styles, scripts and data scripts. */
export const COMPRESSIBLE = /\.(html|css|js|csv)$/;

/** Above this size brotli's best quality (~0.5 MB/s) costs seconds per file: quality 9 (~2.5 MB/s) then. */
const BEST_BROTLI_BELOW = 256 << 10;

/**
 * How hard to compress: `fast` for bulk files a reader fetches one at a time (the report buckets,
 * ~500 MB at 100,000 reports: brotli 5, ~100 MB/s); `best` for the file a first search waits for
 * (the search index: brotli 11, a third smaller than 9); `normal`: best below 256 KB, else 9.
 */
export type Effort = 'fast' | 'normal' | 'best';

export async function precompressed(text: string, effort: Effort = 'normal'): Promise<{ gz: Buffer; br: Buffer }> {
  const bytes = Buffer.from(text);
  const quality =
    effort === 'fast' ? 5 : effort === 'best' || bytes.length < BEST_BROTLI_BELOW ? constants.BROTLI_MAX_QUALITY : 9;
  const [g, b] = await Promise.all([
    gz(bytes, { level: effort === 'fast' ? 6 : constants.Z_BEST_COMPRESSION }),
    br(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: quality,
        [constants.BROTLI_PARAM_LGWIN]: 24,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
  ]);
  return { gz: g, br: b };
}
