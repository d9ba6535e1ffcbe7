// One of several processes taking one file lock (test/workarea/shared.test.ts): argv: <lock> <marker>
// <rounds>. Once started it prints `ready`, reads the common start (ms since the epoch) from stdin
// and waits for it (so that every process finds the stale lock at once), then holds the lock
// `rounds` times; while holding it, it owns <marker> (created O_EXCL): a second holder at the same
// moment finds it there and exits 3.
import { promises as fsp } from 'node:fs';
import { once } from 'node:events';
import { withFileLock } from '../../src/workarea/lock.js';

const [lock, marker, rounds] = process.argv.slice(2);
process.stdout.write('ready\n');
const [startAt] = (await once(process.stdin, 'data')) as [Buffer];
process.stdin.destroy();
while (Date.now() < Number(startAt.toString())) await new Promise((r) => setTimeout(r, 1));
for (let i = 0; i < Number(rounds); i++) {
  await withFileLock(lock!, async () => {
    try {
      await (await fsp.open(marker!, 'wx')).close();
    } catch {
      process.exit(3); // another process holds the lock too
    }
    await new Promise((r) => setTimeout(r, 5));
    await fsp.rm(marker!);
  });
}
