#!/usr/bin/env node
// `npm run build`: compile src/ and crawlers/ to dist/ (tsc -p tsconfig.build.json, incremental), copy
// the non-TypeScript files the code reads next to itself (src/publish/site/assets/), drop outputs whose
// source is gone, and write a stamp. `--if-stale` (npm start/test/bench, the dist test) builds only
// when the stamp differs from the inputs: path, size and mtime of every file under src/ and crawlers/,
// plus tsconfig*.json, package.json and package-lock.json — a few stat calls, no hashing of contents.
// Plain JavaScript on purpose: it must run before anything is compiled and cost little when nothing changed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, '.build-stamp');
const TREES = ['src', 'crawlers'];
const FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

/** Every file under `dir` (relative to ROOT), sorted. */
function walk(dir, out = []) {
  let entries;
  try {
    entries = readdirSync(path.join(ROOT, dir), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) walk(rel, out);
    else if (e.isFile()) out.push(rel);
  }
  return out.sort();
}

/** The inputs' fingerprint: a hash over path, size and mtime of every input file. */
export function inputStamp() {
  const h = createHash('sha256');
  for (const rel of [...TREES.flatMap((d) => walk(d)), ...FILES]) {
    try {
      const s = statSync(path.join(ROOT, rel));
      h.update(`${rel}\0${s.size}\0${s.mtimeMs}\n`);
    } catch {
      h.update(`${rel}\0missing\n`);
    }
  }
  return h.digest('hex');
}

export function isStale() {
  try {
    return readFileSync(STAMP, 'utf8').trim() !== inputStamp();
  } catch {
    return true;
  }
}

export function build() {
  const stamp = inputStamp();
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    rmSync(STAMP, { force: true });
    throw new Error(`tsc -p tsconfig.build.json failed (exit ${r.status ?? r.signal})`);
  }
  for (const tree of TREES) {
    const sources = new Set(walk(tree));
    // Non-TypeScript files (site assets) are copied as they are.
    for (const rel of sources) {
      if (rel.endsWith('.ts')) continue;
      mkdirSync(path.join(DIST, path.dirname(rel)), { recursive: true });
      copyFileSync(path.join(ROOT, rel), path.join(DIST, rel));
    }
    // Outputs of sources that were deleted or moved away would otherwise linger and still be importable.
    for (const rel of walk(path.join('dist', tree))) {
      const src = path.relative('dist', rel);
      if (!sources.has(src) && !sources.has(src.replace(/\.js$/, '.ts'))) rmSync(path.join(ROOT, rel));
    }
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
  writeFileSync(STAMP, `${stamp}\n`);
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
