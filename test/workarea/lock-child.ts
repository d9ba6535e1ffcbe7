// One of several processes taking one file lock (test/workarea/shared.test.ts): argv: <lock> <marker>
// <start at (ms since the epoch)> <rounds>. It waits for the common start (so that every process
// finds the stale lock at once), then holds the lock `rounds` times; while holding it, it owns
// <marker> (created O_EXCL): a second holder at the same moment finds it there and exits 3.
import { promises as fsp } from 'node:fs';
import { withFileLock } from '../../src/workarea/lock.js';

const [lock, marker, startAt, rounds] = process.argv.slice(2);
while (Date.now() < Number(startAt)) await new Promise((r) => setTimeout(r, 1));
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
