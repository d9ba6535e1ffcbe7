// `ogi worker` processes of the compiled CLI (bin/ogi.js) for the cluster tests: one started against
// a Redis URL with the storage folder `cluster` under `cwd`, and a process's exit awaited.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve(import.meta.dirname, '../../bin/ogi.js');

export function startWorker(redisUrl: string, cwd: string, env: NodeJS.ProcessEnv, args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, 'worker', '--redis', redisUrl, '--storage', 'cluster', ...args], {
    cwd,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** The process's exit code once it has exited (null after a signal). */
export function exited(p: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (p.exitCode !== null || p.signalCode !== null) resolve(p.exitCode);
    else p.once('exit', (code) => resolve(code));
  });
}
