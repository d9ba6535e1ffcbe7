// Locks: one crawl per storage folder (storage/crawl/crawl.lock) and one publish per datasets folder
// (datasets/.publish.lock), both held for a run; and `withFileLock`, held for milliseconds by the
// processes sharing a log (the cluster's workers on documents.jsonl), judged stale by its age.
// A run's lock file holds its owner as JSON: pid, the process start time (/proc/<pid>/stat field
// 22, clock ticks since boot; null where there is no /proc) and a token unique to the process. A
// lock is stale — and taken over — when its process is gone, is a zombie, or is another process that
// got the same pid (its start time differs; for our own pid, the token differs). A lock from before
// this format (a bare pid) is judged by the pid alone.
import { randomBytes } from 'node:crypto';
import { promises as fsp, type Stats } from 'node:fs';
import path from 'node:path';
import { alive, processStart } from '../sys/process.js';
import { tempPath } from './atomic.js';

export interface LockOwner {
  pid: number;
  /** Process start time, clock ticks since boot (null: unknown). */
  start: number | null;
  /** Unique per process: tells this process from an earlier one with the same pid. */
  token?: string;
}

const TOKEN = randomBytes(8).toString('hex');

/** This process, as written into a lock. */
export function me(): LockOwner {
  return { pid: process.pid, start: processStart(process.pid), token: TOKEN };
}

/** True while the lock's owner still runs: same pid, alive, and (where both are known) the same start time. */
export function ownerAlive(owner: LockOwner): boolean {
  if (owner.pid === process.pid) return owner.token === TOKEN;
  if (!alive(owner.pid)) return false;
  const start = processStart(owner.pid);
  return owner.start === null || start === null || owner.start === start;
}

function parseOwner(text: string): LockOwner | null {
  const t = text.trim();
  if (/^\d+$/.test(t)) return { pid: Number(t), start: null }; // a bare pid (the old format)
  try {
    const v = JSON.parse(t) as Partial<LockOwner>;
    if (Number.isInteger(v.pid) && v.pid! > 0)
      return { pid: v.pid!, start: typeof v.start === 'number' ? v.start : null, token: v.token };
  } catch {
    // not a lock we wrote
  }
  return null;
}

export class LockBusy extends Error {
  override readonly name: string = 'LockBusy';
  constructor(
    readonly file: string,
    readonly owner: LockOwner,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Takes the lock file, or returns the live owner holding it. The file is written whole under a temp
 * name and hard-linked into place, so nobody ever reads a half-written lock. A stale lock is removed
 * and taking it is tried again (two runs starting at the same moment over the same stale lock could
 * both remove it; that window, as before, is not closed).
 */
async function tryLock(file: string): Promise<LockOwner | null> {
  await fsp.mkdir(path.dirname(file), { recursive: true });
  for (let empty = 0; ; ) {
    const tmp = tempPath(file);
    const mine = `${JSON.stringify(me())}\n`;
    await fsp.writeFile(tmp, mine);
    try {
      await fsp.link(tmp, file);
      return null;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw err;
        // a file system without hard links: create-exclusive, then write (a reader may see it empty)
        try {
          await fsp.writeFile(file, mine, { flag: 'wx' });
          return null;
        } catch (again) {
          if ((again as NodeJS.ErrnoException).code !== 'EEXIST') throw again;
        }
      }
    } finally {
      await fsp.rm(tmp, { force: true });
    }
    let text: string;
    try {
      text = await fsp.readFile(file, 'utf8');
    } catch {
      continue; // released meanwhile: try again
    }
    if (text === '' && ++empty <= 10) {
      await new Promise((resolve) => setTimeout(resolve, 20)); // being written (no hard links): read again
      continue;
    }
    const owner = parseOwner(text);
    if (owner && ownerAlive(owner)) return owner;
    await fsp.rm(file, { force: true });
  }
}

function releaser(file: string): () => Promise<void> {
  return async () => {
    const owner = parseOwner(await fsp.readFile(file, 'utf8').catch(() => ''));
    if (owner?.pid === process.pid && owner.token === TOKEN) await fsp.rm(file, { force: true });
  };
}

/** Another crawl is using this storage directory. */
export class StorageBusy extends LockBusy {
  override readonly name = 'StorageBusy';
  readonly pid: number;
  constructor(owner: LockOwner, dir: string, file: string) {
    super(file, owner, `another crawl (pid ${owner.pid}) is using ${dir}; if no crawl is running, remove ${file}`);
    this.pid = owner.pid;
  }
}

/** One crawl per storage directory; a lock left by a killed crawl is taken over. Returns the release. */
export async function lockStorage(storage: string): Promise<() => Promise<void>> {
  const file = path.join(storage, 'crawl', 'crawl.lock');
  const owner = await tryLock(file);
  if (owner) throw new StorageBusy(owner, storage, file);
  return releaser(file);
}

/** Another publish is writing to this datasets directory (and did not finish within the wait). */
export class PublishBusy extends LockBusy {
  override readonly name = 'PublishBusy';
  constructor(owner: LockOwner, dir: string, file: string, waitedMs: number) {
    super(
      file,
      owner,
      `another publish (pid ${owner.pid}) is writing to ${dir} (waited ${Math.round(waitedMs / 1000)} s); if none is running, remove ${file}`,
    );
  }
}

/**
 * One publish per datasets directory: waits (polling) up to `waitMs` for a running publish to finish,
 * then throws PublishBusy. Returns the release.
 */
export async function lockPublish(
  datasets: string,
  opts: { waitMs?: number; pollMs?: number } = {},
): Promise<() => Promise<void>> {
  const file = path.join(datasets, '.publish.lock');
  const waitMs = opts.waitMs ?? 10 * 60_000;
  const pollMs = opts.pollMs ?? 200;
  const started = Date.now();
  for (;;) {
    const owner = await tryLock(file);
    if (!owner) return releaser(file);
    const waited = Date.now() - started;
    if (waited >= waitMs) throw new PublishBusy(owner, datasets, file, waited);
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, waitMs - waited)));
  }
}

/** A lock file older than this is taken to be a killed holder's (it is held for milliseconds). */
export const STALE_LOCK_MS = 10_000;
const held = new Map<string, Promise<unknown>>();

/** A lock file's identity: a lock made again at the same path is another file (inode, or modification time). */
const identity = (st: Stats) => `${st.ino}-${st.mtimeMs}`;
/** Claims of stale locks broken this long ago are removed: no process still acts on them. */
const CLAIM_KEEP_MS = 10 * STALE_LOCK_MS;

/**
 * Removes a stale lock — once, however many processes found it stale at the same moment: the one
 * that creates the claim named after the lock's identity (O_EXCL) moves it aside; the others go on
 * waiting. Had the lock already gone (its holder was slow, not killed) and another taken its place,
 * the one moved aside is put back, unless a lock is there again.
 */
async function breakStale(lock: string, stale: Stats): Promise<void> {
  const claim = `${lock}.broken-${identity(stale)}`;
  try {
    await (await fsp.open(claim, 'wx')).close();
  } catch {
    return; // another process breaks it
  }
  const aside = tempPath(lock);
  if (
    await fsp.rename(lock, aside).then(
      () => true,
      () => false,
    )
  ) {
    const moved = await fsp.stat(aside).catch(() => null);
    if (moved && identity(moved) !== identity(stale)) await fsp.link(aside, lock).catch(() => undefined);
    await fsp.rm(aside, { force: true });
  }
  const dir = path.dirname(lock);
  const prefix = `${path.basename(lock)}.broken-`;
  for (const name of await fsp.readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(prefix)) continue;
    const st = await fsp.stat(path.join(dir, name)).catch(() => null);
    if (st && Date.now() - st.mtimeMs > CLAIM_KEEP_MS) await fsp.rm(path.join(dir, name), { force: true });
  }
}

/**
 * Runs `fn` holding `lock` (a file created O_EXCL) against every process on the storage folder, and
 * against this process's other callers (they queue here instead of polling the file).
 */
export function withFileLock<T>(lock: string, fn: () => Promise<T>): Promise<T> {
  const run = (held.get(lock) ?? Promise.resolve()).then(async () => {
    let mine: string;
    for (let wait = 1; ; wait = Math.min(wait * 2, 20)) {
      try {
        const handle = await fsp.open(lock, 'wx');
        mine = identity(await handle.stat());
        await handle.close();
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const st = await fsp.stat(lock).catch(() => null);
      if (st && Date.now() - st.mtimeMs > STALE_LOCK_MS) await breakStale(lock, st);
      else if (st) await new Promise((r) => setTimeout(r, wait));
    }
    try {
      return await fn();
    } finally {
      // only our own lock: one broken as stale (a holder slower than STALE_LOCK_MS) may be another's now
      const now = await fsp.stat(lock).catch(() => null);
      if (now && identity(now) === mine) await fsp.rm(lock, { force: true });
    }
  });
  const tail = run.catch(() => undefined);
  held.set(lock, tail);
  void tail.then(() => {
    if (held.get(lock) === tail) held.delete(lock);
  });
  return run;
}
