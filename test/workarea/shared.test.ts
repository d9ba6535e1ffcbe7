// A storage folder shared by several processes (the cluster's workers, src/cluster/): each index
// line is one O_APPEND write, so lines of different processes never interleave or overwrite each
// other, and a shared store follows the lines the others appended, so a URL with the same bytes is
// recorded once however many processes store it (one after another, as retried jobs do).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentStore, type DocumentEntry } from '../../src/workarea/index.js';
import { newDocument } from './helpers.js';

const TSX = path.resolve(import.meta.dirname, '../../node_modules/tsx/dist/esm/index.mjs');
const child = (storage: string, writer: number, count: number) =>
  new Promise<number | null>((resolve) => {
    const p = spawn(
      process.execPath,
      [
        '--import',
        `file://${TSX}`,
        path.join(import.meta.dirname, 'shared-child.ts'),
        storage,
        String(writer),
        String(count),
      ],
      {
        stdio: 'inherit',
      },
    );
    p.once('exit', resolve);
  });

describe('a storage folder shared by several processes', () => {
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
