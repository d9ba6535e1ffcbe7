// Where a child process's entry file is, and how Node runs it (the extraction workers, the database
// builders). Compiled (dist/, an installed package): the .js beside the caller. From the TypeScript
// sources (tests, `tsx` runs): its compiled twin in dist/ when dist/ was built from the sources as
// they are (scripts/stamp.cjs, the build's own stamp), as TypeScript through tsx costs a child
// ~0.9 s of CPU at start; otherwise the .ts through tsx.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ChildEntry {
  file: string;
  /** Node flags the entry needs (tsx for a .ts file). */
  execArgv: string[];
}

const ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
let current: boolean | undefined;

/** The entry `name` (no extension) beside the module whose URL is `base`. */
export function childEntry(base: string, name: string): ChildEntry {
  if (base.endsWith('.ts'))
    current ??= (
      createRequire(import.meta.url)('../../scripts/stamp.cjs') as { isCurrent(root: string): boolean }
    ).isCurrent(ROOT);
  return entryOf(base, name, current ?? false);
}

/** The rule, given whether dist/ is current. */
export function entryOf(base: string, name: string, distCurrent: boolean): ChildEntry {
  const compiled = fileURLToPath(new URL(`./${name}.js`, base));
  if (!base.endsWith('.ts')) return { file: compiled, execArgv: [] };
  const twin = path.join(ROOT, 'dist', path.relative(ROOT, compiled));
  if (distCurrent && existsSync(twin)) return { file: twin, execArgv: [] };
  return { file: fileURLToPath(new URL(`./${name}.ts`, base)), execArgv: ['--import', 'tsx'] };
}
