// The one way a file of this project is written whole: a temporary file in the same folder
// (`<name>.ogi-<pid>-<random>.tmp`), fsynced, then renamed over the target — a reader sees the old
// file or the new one, never half of one. A run killed between the two leaves the temporary file;
// `cleanTemps` removes those whose process is gone, at the start of the next run.
import { randomBytes } from 'node:crypto';
import fs, { promises as fsp } from 'node:fs';
import path from 'node:path';
import { alive } from '../sys/process.js';

const TEMP = /\.ogi-(\d+)-[0-9a-f]+\.tmp$/;

/** A temporary path beside `file`, named so that `cleanTemps` recognises it. */
export function tempPath(file: string): string {
  return `${file}.ogi-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
}

export function isTemp(name: string): boolean {
  return TEMP.test(name);
}

/** Writes `data` to `file` atomically (temp in the same folder, fsync, rename). */
export async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempPath(file);
  try {
    const handle = await fsp.open(tmp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(tmp, file);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
}

/** `writeAtomic` for synchronous code (the publisher). */
export function writeAtomicSync(file: string, data: string | Uint8Array): void {
  const tmp = tempPath(file);
  try {
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Removes this project's temporary files (`*.ogi-<pid>-<random>.tmp`) whose process is no longer
 * alive, in `dir` and, `depth` levels down, its subfolders. Returns the paths removed.
 */
export function cleanTemps(dir: string, depth = 0): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const e of entries) {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (depth > 0) removed.push(...cleanTemps(file, depth - 1));
      continue;
    }
    const pid = Number(TEMP.exec(e.name)?.[1]);
    if (!pid || pid === process.pid || alive(pid)) continue;
    fs.rmSync(file, { force: true });
    removed.push(file);
  }
  return removed;
}
