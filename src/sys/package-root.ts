// The package's root folder (the one holding package.json), found by walking up from this module:
// src/ when run through tsx, dist/src/ when compiled, …/node_modules/ogi/dist/src/ when installed.
// Files outside src/ (package.json, demo/site/) are resolved from here, never from the working directory.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  for (let dir = start; ; ) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${start}`);
    dir = up;
  }
}

export const PACKAGE_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** The project's home page: in the crawler's User-Agent, the dataset's datapackage.json and CITATION.cff. */
export const HOMEPAGE = 'https://github.com/ogi-data/ogi';
