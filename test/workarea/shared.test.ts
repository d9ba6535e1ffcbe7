// A storage folder shared by several processes (the cluster's workers, src/cluster/): each index
// line is one O_APPEND write, so lines of different processes never interleave or overwrite each
// other, and a shared store follows the lines the others appended, so a URL with the same bytes is
// recorded once however many processes store it: one after another (retried jobs), or at the same
// time (a job run again while its first worker still runs), under the index lock.
import { type ChildProcess, spawn, type StdioOptions } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STALE_LOCK_MS } from '../../src/workarea/lock.js';
import { DocumentStore, type DocumentEntry } from '../../src/workarea/index.js';
import { newDocument } from './helpers.js';

const TSX = path.resolve(import.meta.dirname, '../../node_modules/tsx/dist/esm/index.mjs');
const start = (script: string, args: string[], stdio: StdioOptions) =>
  spawn(process.execPath, ['--import', `file://${TSX}`, path.join(import.meta.dirname, script), ...args], { stdio });
const exitCode = (p: ChildProcess) => new Promise<number | null>((resolve) => p.once('exit', resolve));
/** A child process running `script` (a .ts beside this file) with `args`: its exit code. */
const run = (script: string, args: string[]) => exitCode(start(script, args, 'inherit'));
const child = (storage: string, writer: number, count: number) =>
  run('shared-child.ts', [storage, String(writer), String(count)]);

const lines = (storage: string) =>
  readFileSync(path.join(storage, 'documents.jsonl'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as DocumentEntry);
const twice = (entries: DocumentEntry[]) => {
  const keys = entries.map((e) => `${e.url} ${e.sha256}`);
  return keys.filter((k, i) => keys.indexOf(k) !== i);
};

describe('a storage folder shared by several processes', () => {
  it('records a URL three processes store at the same moment once', async () => {
    const storage = mkdtempSync(path.join(os.tmpdir(), 'ogi-shared-'));
    expect(await Promise.all([1, 2, 3].map((w) => child(storage, w, 40)))).toEqual([0, 0, 0]);
    const entries = lines(storage);
    expect(twice(entries)).toEqual([]);
    expect(entries).toHaveLength(40 + 3 * 40);
    expect(readFileSync(path.join(storage, 'documents.jsonl'), 'utf8').endsWith('\n')).toBe(true);
  }, 120_000);

  it('records a URL two stores put at once once (the check and the append are one step)', async () => {
    const storage = mkdtempSync(path.join(os.tmpdir(), 'ogi-shared-'));
    const [a, b] = await Promise.all([0, 1].map(() => DocumentStore.open(storage, { shared: true })));
    const outcomes = await Promise.all(
      [a!, b!, a!, b!].map((s) => s.put(Buffer.from('same'), newDocument('http://a.gov.cn/same.pdf'))),
    );
    expect(outcomes.map((o) => o.added).sort()).toEqual([false, false, false, true]);
    expect(lines(storage)).toHaveLength(1);
  });

  it('waits for a held index lock, and breaks one a killed holder left', async () => {
    const storage = mkdtempSync(path.join(os.tmpdir(), 'ogi-shared-'));
    const store = await DocumentStore.open(storage, { shared: true });
    const lock = path.join(storage, 'documents.jsonl.lock');
    writeFileSync(lock, '');
    let done = false;
    const put = store.put(Buffer.from('a'), newDocument('http://a.gov.cn/a.pdf')).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(done).toBe(false); // held by someone else
    const old = (Date.now() - STALE_LOCK_MS - 1000) / 1000;
    utimesSync(lock, old, old); // … who was killed long ago
    await put;
    expect(lines(storage).map((e) => e.url)).toEqual(['http://a.gov.cn/a.pdf']);
  });

  it('lets one process break a stale lock that several find at the same moment: never two holders at once', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ogi-lock-'));
    const lock = path.join(dir, 'documents.jsonl.lock');
    const marker = path.join(dir, 'holder');
    // three times: each a lock a killed holder left, found stale by five processes at once
    for (let round = 0; round < 3; round++) {
      writeFileSync(lock, '');
      const old = (Date.now() - STALE_LOCK_MS - 1000) / 1000;
      utimesSync(lock, old, old);
      const children = [1, 2, 3, 4, 5].map(() =>
        start('lock-child.ts', [lock, marker, '3'], ['pipe', 'pipe', 'inherit']),
      );
      const codes = Promise.all(children.map(exitCode));
      // the common start, once every child has started and says so
      await Promise.all(children.map((c) => once(c.stdout!, 'data')));
      const startAt = String(Date.now() + 50);
      for (const c of children) c.stdin!.end(startAt);
      expect(await codes).toEqual([0, 0, 0, 0, 0]);
      expect(existsSync(lock)).toBe(false);
    }
  }, 120_000);

  it('keeps every line whole and every (url, bytes) once', async () => {
    const storage = mkdtempSync(path.join(os.tmpdir(), 'ogi-shared-'));
    // the shared URLs first stored by one process, then by three at once: all of them know them
    expect(await child(storage, 0, 30)).toBe(0);
    expect(await Promise.all([1, 2, 3].map((w) => child(storage, w, 30)))).toEqual([0, 0, 0]);
    const text = readFileSync(path.join(storage, 'documents.jsonl'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const entries = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as DocumentEntry);
    const keys = entries.map((e) => `${e.url} ${e.sha256}`);
    expect(new Set(keys).size).toBe(keys.length);
    const urls = new Set(entries.map((e) => e.url));
    for (let i = 0; i < 30; i++) {
      expect(urls.has(`http://a.gov.cn/shared/${i}.pdf`)).toBe(true);
      for (const w of [0, 1, 2, 3]) expect(urls.has(`http://a.gov.cn/${w}/${i}.pdf`)).toBe(true);
    }
    expect(entries).toHaveLength(30 + 4 * 30);
  }, 120_000);

  it('a shared store learns what another store appended (catchUp) and records nothing twice', async () => {
    const storage = mkdtempSync(path.join(os.tmpdir(), 'ogi-shared-'));
    const a = await DocumentStore.open(storage, { shared: true });
    const b = await DocumentStore.open(storage, { shared: true });
    const first = await a.put(Buffer.from('report'), newDocument('http://a.gov.cn/r.pdf'));
    expect(first.added).toBe(true);
    expect(b.previous('http://a.gov.cn/r.pdf')).toBeUndefined();
    await b.catchUp();
    expect(b.previous('http://a.gov.cn/r.pdf')).toEqual(first.entry);
    expect((await b.put(Buffer.from('report'), newDocument('http://a.gov.cn/r.pdf'))).added).toBe(false);
    const lines = readFileSync(path.join(storage, 'documents.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1);
  });
});
