// Content-addressed storage: blobs renamed into place, one index line per new (url, bytes), torn
// lines repaired on reopen, concurrent puts never interleave.
import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentStore, isTemp, readJsonLines, type NewDocument } from '../../src/workarea/index.js';
import type { DocumentEntry, Failure } from '../../src/workarea/index.js';
import { newDocument } from './helpers.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'ogi-store-'));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const doc = (url: string, extra: Partial<NewDocument> = {}) =>
  newDocument(url, {
    fetched_at: '2026-01-01T00:00:00.000Z',
    etag: '"e"',
    hints: { year: 2023, agency: '示例市人民政府' },
    ...extra,
  });

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .sort();
}

describe('DocumentStore', () => {
  it('stores bytes under documents/<sha[0:2]>/<sha> and indexes each new document once', async () => {
    const root = tmp();
    const store = await DocumentStore.open(root);
    const bytes = Buffer.from('%PDF-1.4 report');
    const first = await store.put(bytes, doc('http://a.gov.cn/1.pdf'));
    expect(first.added).toBe(true);
    expect(first.entry).toEqual({
      ...doc('http://a.gov.cn/1.pdf'),
      sha256: sha(bytes),
      bytes: bytes.length,
      duplicate_of: null,
    });
    expect(readFileSync(path.join(root, 'documents', sha(bytes).slice(0, 2), sha(bytes)))).toEqual(bytes);

    const again = await store.put(bytes, doc('http://a.gov.cn/1.pdf', { fetched_at: '2026-02-01T00:00:00.000Z' }));
    expect(again).toEqual({ entry: first.entry, added: false });
    expect(await readJsonLines<DocumentEntry>(path.join(root, 'documents.jsonl'))).toEqual([first.entry]);
    expect(allFiles(root)).toEqual(
      [path.join('documents', sha(bytes).slice(0, 2), sha(bytes)), 'documents.jsonl'].sort(),
    );
  });

  it('takes a downloaded file as the blob (renamed into place), or drops it when the blob is there', async () => {
    const root = tmp();
    const store = await DocumentStore.open(root);
    const bytes = Buffer.from('%PDF-1.4 streamed');
    const download = () => {
      const file = store.downloadPath();
      writeFileSync(file, bytes);
      return { path: file, bytes: bytes.length, sha256: sha(bytes) };
    };
    const first = download();
    // a crashed run's leftover by its name: a temp of this project, beside the blobs
    expect([path.dirname(first.path), isTemp(path.basename(first.path))]).toEqual([path.join(root, 'documents'), true]);
    const one = await store.putFile(first, doc('http://a.gov.cn/1.pdf'));
    expect(one).toEqual({
      entry: { ...doc('http://a.gov.cn/1.pdf'), sha256: sha(bytes), bytes: bytes.length, duplicate_of: null },
      added: true,
    });
    // the same bytes at another URL: a second entry, one blob, the download gone
    const two = await store.putFile(download(), doc('http://b.gov.cn/1.pdf'));
    expect(two.added).toBe(true);
    const blob = path.join('documents', sha(bytes).slice(0, 2), sha(bytes));
    expect(allFiles(root)).toEqual([blob, 'documents.jsonl'].sort());
    expect(readFileSync(path.join(root, blob))).toEqual(bytes);
    expect(await readJsonLines<DocumentEntry>(path.join(root, 'documents.jsonl'))).toEqual([one.entry, two.entry]);
    // the same URL and bytes again: nothing added, nothing left behind
    expect(await store.putFile(download(), doc('http://a.gov.cn/1.pdf'))).toEqual({ entry: one.entry, added: false });
    expect(allFiles(root)).toEqual([blob, 'documents.jsonl'].sort());
  });

  it('records a changed document as a new version and answers previous() with it', async () => {
    const root = tmp();
    const store = await DocumentStore.open(root);
    await store.put(Buffer.from('v1'), doc('http://a.gov.cn/r.html'));
    const v2 = await store.put(Buffer.from('v2'), doc('http://a.gov.cn/r.html', { etag: '"v2"' }));
    expect(v2.added).toBe(true);
    expect(store.previous('http://a.gov.cn/r.html')).toEqual(v2.entry);
    expect((await DocumentStore.open(root)).previous('http://a.gov.cn/r.html')).toEqual(v2.entry);
  });

  it('marks the same bytes at another URL as a duplicate, also across reopenings', async () => {
    const root = tmp();
    const bytes = Buffer.from('%PDF same report');
    const a = await (await DocumentStore.open(root)).put(bytes, doc('http://a.gov.cn/1.pdf'));
    const b = await (await DocumentStore.open(root)).put(bytes, doc('http://b.gov.cn/copy.pdf'));
    expect([a.entry.duplicate_of, b.entry.duplicate_of, b.added]).toEqual([null, a.entry.sha256, true]);
  });

  it('cuts a line torn by a crash and keeps the complete ones', async () => {
    const root = tmp();
    const store = await DocumentStore.open(root);
    const { entry } = await store.put(Buffer.from('x'), doc('http://a.gov.cn/x.pdf'));
    appendFileSync(path.join(root, 'documents.jsonl'), '{"url":"http://a.gov.cn/torn');
    const reopened = await DocumentStore.open(root);
    expect(readFileSync(path.join(root, 'documents.jsonl'), 'utf8')).toBe(`${JSON.stringify(entry)}\n`);
    const next = await reopened.put(Buffer.from('y'), doc('http://a.gov.cn/y.pdf'));
    expect(await readJsonLines(path.join(root, 'documents.jsonl'))).toEqual([entry, next.entry]);
  });

  it('keeps every line whole under concurrent puts and leaves no temp files', async () => {
    const root = tmp();
    const store = await DocumentStore.open(root);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => store.put(Buffer.from(`doc ${i % 20}`), doc(`http://a.gov.cn/${i}.pdf`))),
    );
    const lines = readFileSync(path.join(root, 'documents.jsonl'), 'utf8').split('\n').filter(Boolean);
    const byUrl = (a: DocumentEntry, b: DocumentEntry) => a.url.localeCompare(b.url);
    expect(lines.map((l) => JSON.parse(l) as DocumentEntry).sort(byUrl)).toEqual(
      results.map((r) => r.entry).sort(byUrl),
    );
    // Of each pair of equal blobs, exactly one is the original and the other points at it.
    expect(results.filter((r) => r.entry.duplicate_of === null)).toHaveLength(20);
    expect(allFiles(path.join(root, 'documents')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(allFiles(path.join(root, 'documents'))).toHaveLength(20);
  });

  it('appends failures', async () => {
    const root = tmp();
    const store = await DocumentStore.open(root);
    const f: Failure = {
      url: 'http://a.gov.cn/gone',
      stage: 'download',
      kind: 'http_404',
      message: 'HTTP 404',
      at: '2026-01-01T00:00:00.000Z',
    };
    await store.fail(f);
    await store.fail({ ...f, kind: 'timeout' });
    expect(await readJsonLines(path.join(root, 'failures.jsonl'))).toEqual([f, { ...f, kind: 'timeout' }]);
  });
});
