#!/usr/bin/env node
// `npm run build`: compile src/ and crawlers/ to dist/ (tsc -p tsconfig.build.json, incremental), copy
// the non-TypeScript files the code reads next to itself (src/publish/site/assets/), drop outputs whose
// source is gone, make the data the compiled code reads (the townships' index, pdf.js's code cache),
// and write a stamp. `--if-stale` (npm start/test/bench, the dist test) builds only
// when the stamp differs from the inputs (scripts/stamp.cjs: path, size and mtime of every file under
// src/ and crawlers/, the tsconfigs and package files — a few stat calls, no hashing of contents).
// Plain JavaScript on purpose: it must run before anything is compiled and cost little when nothing changed.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import stamp from './stamp.cjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, '.build-stamp');
export function isStale() {
  return !stamp.isCurrent(ROOT);
}

export function build() {
  const inputs = stamp.inputStamp(ROOT);
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    rmSync(STAMP, { force: true });
    throw new Error(`tsc -p tsconfig.build.json failed (exit ${r.status ?? r.signal})`);
  }
  for (const tree of stamp.TREES) {
    const sources = new Set(stamp.walk(ROOT, tree));
    // Non-TypeScript files (site assets) are copied as they are.
    for (const rel of sources) {
      if (rel.endsWith('.ts')) continue;
      mkdirSync(path.join(DIST, path.dirname(rel)), { recursive: true });
      copyFileSync(path.join(ROOT, rel), path.join(DIST, rel));
    }
    // Outputs of sources that were deleted or moved away would otherwise linger and still be importable.
    for (const rel of stamp.walk(ROOT, path.join('dist', tree))) {
      const src = path.relative('dist', rel);
      if (!sources.has(src) && !sources.has(src.replace(/\.js$/, '.ts'))) rmSync(path.join(ROOT, rel));
    }
  }
  // The townships' index (src/extract/divisions.ts): made afresh, or none — without it a process
  // compiles the same in memory, only slower to start.
  const divisions = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'divisions.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (divisions.status !== 0) {
    rmSync(path.join(DIST, 'data'), { recursive: true, force: true });
    console.error("build: the townships' index not made (processes compile it in memory)");
  }
  // pdf.js as code-cached scripts (src/extract/text/pdfjs-cache.ts): made afresh, or none — a worker
  // without them imports pdf.js as modules, only slower to start.
  rmSync(path.join(DIST, 'vendor', 'pdfjs'), { recursive: true, force: true });
  const cache = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'pdfjs-cache.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (cache.status !== 0) {
    rmSync(path.join(DIST, 'vendor', 'pdfjs'), { recursive: true, force: true });
    console.error('build: pdf.js code cache not made (workers import pdf.js as modules)');
  }
  writeFileSync(STAMP, `${inputs}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale');
  if (ifStale && existsSync(DIST) && !isStale()) process.exit(0);
  const t0 = Date.now();
  try {
    build();
  } catch (e) {
    console.error(`build: ${e.message}`);
    process.exit(1);
  }
  console.error(`build: dist/ compiled in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
