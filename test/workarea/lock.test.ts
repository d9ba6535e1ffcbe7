// The storage lock and the publish lock: a lock names its owner by pid AND process start time, so a
// pid reused by another process is a stale lock; a busy lock names the file to remove.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publish, PublishError } from '../../src/publish/index.js';
import { processStart } from '../../src/sys/process.js';
import { lockPublish, lockStorage, PublishBusy, StorageBusy } from '../../src/workarea/index.js';
import { fixture, tempDatasets, TODAY } from '../publish/helpers.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ogi-lock-'));
const hasProc = processStart(process.pid) !== null;

function writeLock(storage: string, owner: unknown): string {
  const file = path.join(storage, 'crawl', 'crawl.lock');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof owner === 'string' ? owner : JSON.stringify(owner));
  return file;
}

describe('the storage lock', () => {
  it('records pid and start time, refuses a second holder, and is gone once released', async () => {
    const storage = tmp();
    const release = await lockStorage(storage);
    const file = path.join(storage, 'crawl', 'crawl.lock');
    const owner = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number; start: number | null };
    expect(owner.pid).toBe(process.pid);
    expect(owner.start).toBe(processStart(process.pid));
    await expect(lockStorage(storage)).rejects.toBeInstanceOf(StorageBusy);
    await release();
    expect(fs.existsSync(file)).toBe(false);
    await (await lockStorage(storage))();
  });

  it('says which lock file to remove when busy', async () => {
    const storage = tmp();
    const file = writeLock(storage, { pid: process.ppid, start: processStart(process.ppid) });
    const err = await lockStorage(storage).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageBusy);
    expect((err as StorageBusy).pid).toBe(process.ppid);
    expect((err as Error).message).toBe(
      `another crawl (pid ${process.ppid}) is using ${storage}; if no crawl is running, remove ${file}`,
    );
    expect(fs.readFileSync(file, 'utf8')).toContain(String(process.ppid)); // left alone
  });

  it.skipIf(!hasProc)('takes over a lock whose pid now belongs to another process (start time differs)', async () => {
    const storage = tmp();
    const file = writeLock(storage, { pid: process.ppid, start: processStart(process.ppid)! + 1 });
    const release = await lockStorage(storage);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).pid).toBe(process.pid);
    await release();
  });

  it('takes over a lock with our own pid left by an earlier process (another token), and a dead pid', async () => {
    const storage = tmp();
    writeLock(storage, { pid: process.pid, start: processStart(process.pid), token: 'an-earlier-process' });
    await (await lockStorage(storage))();
    writeLock(storage, '4194303'); // the old format, a pid above any pid_max
    await (await lockStorage(storage))();
  });
});

describe('the publish lock', () => {
  it('waits a bounded time, then says which lock file to remove', async () => {
    const datasets = tmp();
    const release = await lockPublish(datasets);
    const err = await lockPublish(datasets, { waitMs: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PublishBusy);
    expect((err as Error).message).toMatch(
      /^another publish \(pid \d+\) is writing to .*; if none is running, remove .*\.publish\.lock$/,
    );
    const viaPublish = await publish({ ...fixture('v1'), datasetsDir: datasets, site: false, lockWaitMs: 0 }).catch(
      (e: unknown) => e,
    );
    expect(viaPublish).toBeInstanceOf(PublishError);
    expect((viaPublish as PublishError).kind).toBe('busy');
    expect((viaPublish as Error).message).not.toContain('\n');
    expect(fs.readdirSync(datasets)).toEqual(['.publish.lock']); // nothing else written
    await release();
    await (await lockPublish(datasets, { waitMs: 0 }))();
  });

  it('serialises two publishes into one datasets folder: both versions complete, no half-renamed folder', async () => {
    const datasets = tempDatasets();
    const [a, b] = await Promise.all([
      publish({ ...fixture('v1'), datasetsDir: datasets, today: TODAY, site: false }),
      publish({ ...fixture('v2'), datasetsDir: datasets, today: TODAY, site: false }),
    ]);
    expect([a.changed, b.changed]).toEqual([true, true]);
    expect([a.version, b.version].sort()).toEqual([TODAY, `${TODAY}.1`]);
    expect(fs.readdirSync(datasets).sort()).toEqual([TODAY, `${TODAY}.1`, 'latest', 'latest.txt']);
    for (const v of [TODAY, `${TODAY}.1`]) expect(fs.existsSync(path.join(datasets, v, 'SHA256SUMS'))).toBe(true);
    // the second to run saw the first as its previous version
    const second = a.summary.previous === null ? b : a;
    expect(second.summary.previous).toBe(second === a ? b.version : a.version);
    expect(fs.readlinkSync(path.join(datasets, 'latest'))).toBe(second.version);
  });
});
