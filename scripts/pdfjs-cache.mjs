#!/usr/bin/env node
// Part of `npm run build` (scripts/build.mjs, after tsc): writes pdf.js as code-cached scripts to
// dist/vendor/pdfjs/ (src/extract/text/pdfjs-cache.ts says why and how), under the V8 flags of an
// extraction worker with the default limits — a cache only serves a process with the flags it was
// made under — warmed up by reading the demo's PDF through the extractor.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/src/', import.meta.url);
const WARM_UP = new URL('../demo/site/zfxxgk/zfxxgknb/202401/P020240118512034.pdf', import.meta.url);

const { DEFAULT_LIMITS, workerFlags } = await import(new URL('extract/isolated/pool.js', dist).href);
const flags = workerFlags(DEFAULT_LIMITS.heapMb);
if (process.execArgv.join(' ') !== flags.join(' ')) {
  const r = spawnSync(process.execPath, [...flags, fileURLToPath(import.meta.url)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
const { writeCaches } = await import(new URL('extract/text/pdfjs-cache.js', dist).href);
await writeCaches(async () => {
  const { read } = await import(new URL('extract/read.js', dist).href);
  await read(readFileSync(WARM_UP), 'warm-up.pdf', undefined, { ocr: false });
});
