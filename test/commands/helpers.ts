// `ogi` run from the source tree, for the command tests: src/cli.ts's compiled twin in dist/ when
// dist/ is current, else src/cli.ts through tsx (the rule of src/sys/child.ts: tsx costs a process
// ~0.9 s of CPU at start).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { childEntry } from '../../src/sys/child.js';

const run = promisify(execFile);
export const ROOT = path.resolve(__dirname, '../..');

/** Node's arguments that run the CLI from the sources: put the command's after them. */
export function cliArgs(): string[] {
  const entry = childEntry(pathToFileURL(path.join(ROOT, 'src/cli.ts')).href, 'cli');
  return [...entry.execArgv, entry.file];
}

/** Runs `ogi ARGS` in the repository; the exit code, stdout and stderr, whatever the code. */
export async function ogi(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...cliArgs(), ...args], { cwd: ROOT, maxBuffer: 1 << 26 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
