// Readers of storage/ never write (a torn last line is ignored and the file left byte-identical);
// the writer repairs the tail; one supersession rule for failures; a crashed run's temp files go.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publish } from '../../src/publish/index.js';
import {
  assemble,
  cleanStorageTemps,
  DocumentStore,
  FailureLog,
  readDocuments,
  readFailures,
  readJsonLines,
  RecordCache,
  supersede,
  writeAtomic,
  type DocumentEntry,
  type Failure,
} from '../../src/workarea/index.js';
import { fixture, fixtureWithCells, tempDatasets } from '../publish/helpers.js';
import { newDocument } from './helpers.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ogi-workarea-'));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const doc = (url: string) => newDocument(url);

const failure = (url: string, stage: Failure['stage'], at: string, kind: Failure['kind'] = 'timeout'): Failure => ({
  url,
  stage,
  kind,
  message: kind,
  at,
});

describe('reading the logs', () => {
  it('ignores a torn last line and leaves the files byte-identical; the writer repairs the tail', async () => {
    const storage = tmp();
    const store = await DocumentStore.open(storage);
    const { entry } = await store.put(Buffer.from('%PDF report'), doc('http://a.gov.cn/1.pdf'));
    await store.fail(failure('http://a.gov.cn/2.pdf', 'download', '2026-01-03T00:00:00.000Z'));
    const index = path.join(storage, 'documents.jsonl');
    const log = path.join(storage, 'failures.jsonl');
    fs.appendFileSync(index, '{"url":"http://a.gov.cn/torn');
    fs.appendFileSync(log, '{"url":"http://a.gov.cn/torn","sta');
    const before = [fs.readFileSync(index), fs.readFileSync(log)];

    expect(await readJsonLines<DocumentEntry>(index)).toEqual([entry]);
    expect((await readDocuments(storage)).current).toEqual([entry]);
    expect((await readFailures(storage)).map((f) => f.url)).toEqual(['http://a.gov.cn/2.pdf']);
    const dataset = await assemble(storage);
    expect(dataset.failures.map((f) => f.url)).toEqual(['http://a.gov.cn/2.pdf']);
    expect([fs.readFileSync(index), fs.readFileSync(log)]).toEqual(before);

    const writer = new FailureLog(storage);
    await writer.append(failure('http://a.gov.cn/3.pdf', 'download', '2026-01-04T00:00:00.000Z'));
    expect(
      fs
        .readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as Failure).url),
    ).toEqual(['http://a.gov.cn/2.pdf', 'http://a.gov.cn/3.pdf']);
  });

  it('assemble assigns identity once: report_id by URL lineage, source by the entry, version by the cache', async () => {
    const storage = tmp();
    const store = await DocumentStore.open(storage);
    const v1 = await store.put(Buffer.from('first'), doc('http://a.gov.cn/r.pdf'));
    const v2 = await store.put(Buffer.from('second'), {
      ...doc('http://a.gov.cn/r.pdf'),
      fetched_at: '2026-02-01T00:00:00.000Z',
    });
    const record = {
      report_id: 'rprovisional',
      source: { sha256: v2.entry.sha256, document_url: null },
      proactive: {},
      applications: null,
      reviews: null,
      extractor_version: 'x',
    };
    await new RecordCache(storage).putRecord(v2.entry.sha256, record as never, '9.9.9');
    const { records } = await assemble(storage);
    expect(records).toHaveLength(1);
    expect(records[0]!.report_id).toBe(`r${v1.entry.sha256.slice(0, 16)}`);
    expect(records[0]!.source).toMatchObject({
      document_url: 'http://a.gov.cn/r.pdf',
      page_url: null,
      fetched_at: '2026-02-01T00:00:00.000Z',
      sha256: sha(Buffer.from('second')),
    });
    expect(records[0]!.extractor_version).toBe('9.9.9');
  });
});

describe('the record cache', () => {
  it('reads the same records whether it shares their repeated strings or not', async () => {
    const storage = tmp();
    const { records } = fixtureWithCells();
    const writer = new RecordCache(storage);
    const shas = records.map((r) => r.source.sha256);
    for (const r of records) await writer.putRecord(r.source.sha256, r, '9.9.9');
    const sharing = new RecordCache(storage, { shareStrings: true });
    const plain = new RecordCache(storage);
    for (const sha256 of [...shas, ...shas]) expect(await sharing.get(sha256)).toEqual(await plain.get(sha256));
    expect(records.filter((r) => r.cells?.length).length).toBeGreaterThan(1);
    expect(await sharing.get(shas[0]!)).toEqual({ ...records[0], extractor_version: '9.9.9' });
  });
});

describe('the supersession rule', () => {
  const T1 = '2026-01-01T00:00:00.000Z';
  const T2 = '2026-01-02T00:00:00.000Z';
  const T3 = '2026-01-03T00:00:00.000Z';

  it('takes extract failures from the cache, not the log', () => {
    const logged = [failure('http://x/a.pdf', 'extract', T1, 'corrupt_pdf')];
    const cached = [failure('http://x/b.pdf', 'extract', T2, 'no_text_layer')];
    expect(supersede(logged, { extractFailures: cached })).toEqual(cached);
    expect(supersede(logged)).toEqual(logged); // no cache known: the log stands
  });

  it('keeps a crawl failure only while the latest crawl still meets it', () => {
    const logged = [
      failure('http://x/list1.html', 'crawl', T1, 'layout_changed'),
      failure('http://x/list2.html', 'crawl', T1, 'http_404'),
    ];
    expect(supersede(logged, { crawlFailureUrls: new Set(['http://x/list2.html']) }).map((f) => f.url)).toEqual([
      'http://x/list2.html',
    ]);
    expect(supersede(logged).map((f) => f.url)).toEqual(['http://x/list1.html', 'http://x/list2.html']);
  });

  it('drops a download (or crawl) failure when the URL was fetched after it, not before', () => {
    const logged = [
      failure('http://x/a.pdf', 'download', T1),
      failure('http://x/b.pdf', 'download', T3),
      failure('http://x/c.html', 'crawl', T1),
    ];
    const fetchedAt = new Map([
      ['http://x/a.pdf', T2],
      ['http://x/b.pdf', T2],
      ['http://x/c.html', T2],
    ]);
    expect(supersede(logged, { fetchedAt }).map((f) => f.url)).toEqual(['http://x/b.pdf']);
  });

  it('keeps the latest failure per URL and stage, none of a URL with a record, sorted by URL and stage', () => {
    const logged = [
      failure('http://x/z.pdf', 'download', T1, 'timeout'),
      failure('http://x/z.pdf', 'download', T2, 'http_500'),
      failure('http://x/z.pdf', 'crawl', T1, 'layout_changed'),
      failure('http://x/a.pdf', 'download', T1, 'http_404'),
      failure('http://x/done.pdf', 'download', T1, 'timeout'),
    ];
    expect(supersede(logged, { recorded: ['http://x/done.pdf', null] }).map((f) => [f.url, f.stage, f.kind])).toEqual([
      ['http://x/a.pdf', 'download', 'http_404'],
      ['http://x/z.pdf', 'crawl', 'layout_changed'],
      ['http://x/z.pdf', 'download', 'http_500'],
    ]);
  });
});

describe('temporary files of a crashed run', () => {
  const DEAD = 4194303; // above any Linux pid_max: no such process

  it("are removed from storage/ at the next start; live runs' and other files are kept", async () => {
    const storage = tmp();
    const dead = [
      `documents.jsonl.ogi-${DEAD}-0a1b2c3d.tmp`,
      `records/${'a'.repeat(64)}.json.ogi-${DEAD}-0a1b2c3d.tmp`,
      `documents/ab/${'b'.repeat(64)}.ogi-${DEAD}-00ff00ff.tmp`,
      `crawl/run-0123.json.ogi-${DEAD}-12345678.tmp`,
    ];
    const kept = [
      `records/x.json.ogi-${process.ppid}-0a1b2c3d.tmp`,
      `records/y.json.ogi-${process.pid}-0a1b2c3d.tmp`,
      'records/notes.tmp',
      'crawl/request_queues/q/x.tmp',
    ];
    for (const name of [...dead, ...kept]) {
      fs.mkdirSync(path.dirname(path.join(storage, name)), { recursive: true });
      fs.writeFileSync(path.join(storage, name), 'half');
    }
    expect(
      cleanStorageTemps(storage)
        .map((f) => path.relative(storage, f))
        .sort(),
    ).toEqual([...dead].sort());
    for (const name of kept) expect(fs.existsSync(path.join(storage, name)), name).toBe(true);
  });

  it('are removed from datasets/ by the next publish', async () => {
    const datasets = tempDatasets();
    fs.writeFileSync(path.join(datasets, `latest.txt.ogi-${DEAD}-0a1b2c3d.tmp`), 'half');
    const res = await publish({ ...fixture('v1'), datasetsDir: datasets, site: false });
    expect(res.summary.cleaned).toEqual([`latest.txt.ogi-${DEAD}-0a1b2c3d.tmp`]);
    expect(fs.readdirSync(datasets).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('are never left by the atomic write', async () => {
    const dir = tmp();
    await writeAtomic(path.join(dir, 'a.json'), '{}\n');
    await expect(writeAtomic(path.join(dir, 'missing', 'b.json'), '{}\n')).rejects.toThrow();
    expect(fs.readdirSync(dir)).toEqual(['a.json']);
  });
});
