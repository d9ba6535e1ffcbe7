// One rule for the entry files of child processes (src/sys/child.ts): compiled code forks the .js
// beside it; the TypeScript sources fork dist/'s twin when dist/ is current, else the .ts through tsx.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { childEntry, entryOf } from '../../src/sys/child.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const at = (rel: string) => pathToFileURL(path.join(ROOT, rel)).href;

describe('childEntry', () => {
  it('forks the .js beside compiled code, with no flags', () => {
    expect(entryOf(at('dist/src/publish/databases.js'), 'database-child', false)).toEqual({
      file: path.join(ROOT, 'dist/src/publish/database-child.js'),
      execArgv: [],
    });
  });

  it('forks the compiled twin from the sources when dist/ is current, the .ts through tsx when not', () => {
    expect(entryOf(at('src/extract/isolated/pool.ts'), 'worker', true)).toEqual({
      file: path.join(ROOT, 'dist/src/extract/isolated/worker.js'),
      execArgv: [],
    });
    expect(entryOf(at('src/extract/isolated/pool.ts'), 'worker', false)).toEqual({
      file: path.join(ROOT, 'src/extract/isolated/worker.ts'),
      execArgv: ['--import', 'tsx'],
    });
    // a twin that was never built: the sources
    expect(entryOf(at('src/extract/isolated/pool.ts'), 'no-such-child', true).execArgv).toEqual(['--import', 'tsx']);
  });

  it('finds dist/ current in a test run (npm test builds it first)', () => {
    expect(childEntry(at('src/publish/databases.ts'), 'database-child').file).toBe(
      path.join(ROOT, 'dist/src/publish/database-child.js'),
    );
  });
});
