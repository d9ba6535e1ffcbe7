// The build's inputs and their fingerprint: a hash over path, size and mtime of every file under src/
// and crawlers/, plus tsconfig*.json, package.json and package-lock.json — a few stat calls, no
// hashing of contents. scripts/build.mjs writes it to dist/.build-stamp after compiling and builds
// with `--if-stale` only when it differs; src/sys/child.ts runs a child process from dist/ when it
// matches. CommonJS so that TypeScript sources can load it synchronously (createRequire).
const { createHash } = require('node:crypto');
const { readdirSync, readFileSync, statSync } = require('node:fs');
const path = require('node:path');

const TREES = ['src', 'crawlers'];
const FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

/** Every file under `dir` (relative to `root`), sorted. */
function walk(root, dir, out = []) {
  let entries;
  try {
    entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) walk(root, rel, out);
    else if (e.isFile()) out.push(rel);
  }
  return out.sort();
}

/** The inputs' fingerprint. */
function inputStamp(root) {
  const h = createHash('sha256');
  for (const rel of [...TREES.flatMap((d) => walk(root, d)), ...FILES]) {
    try {
      const s = statSync(path.join(root, rel));
      h.update(`${rel}\0${s.size}\0${s.mtimeMs}\n`);
    } catch {
      h.update(`${rel}\0missing\n`);
    }
  }
  return h.digest('hex');
}

/** Whether dist/ was built from the inputs as they are now. */
function isCurrent(root) {
  try {
    return readFileSync(path.join(root, 'dist', '.build-stamp'), 'utf8').trim() === inputStamp(root);
  } catch {
    return false;
  }
}

module.exports = { TREES, walk, inputStamp, isCurrent };
