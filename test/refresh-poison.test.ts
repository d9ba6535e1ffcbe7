// The nightly job with poisoned documents in storage: a DOCX zip bomb, a DOC whose sector chain
// loops, and a PDF whose page inflates 256 MiB, more memory than a document may have. Each fails alone with its typed
// error; the good reports are published; failures.csv says what failed and why.
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { refresh } from '../src/refresh.js';
import { DocumentStore } from '../src/workarea/index.js';
import { flateBombPdf, loopedDoc, zipBomb } from './fixtures/hostile.js';
import { SEEDS } from './fixtures/samples.js';
import { newDocument } from './workarea/helpers.js';

const doc = (url: string, contentType: string) => newDocument(url, { content_type: contentType });

describe('ogi refresh with poisoned documents', () => {
  it('publishes the good reports and lists each poisoned one with its typed failure', async () => {
    const storage = await mkdtemp(path.join(os.tmpdir(), 'ogi-poison-'));
    const datasets = await mkdtemp(path.join(os.tmpdir(), 'ogi-poison-datasets-'));
    const store = await DocumentStore.open(storage);
    const seeds = ['000_5b187f188d2c1fc2', '001_82da0c68b48e6d43'];
    for (const s of seeds)
      await store.put(
        readFileSync(path.join(SEEDS, `${s}.txt`)),
        doc(`http://a.gov.cn/${s}.txt`, 'text/plain; charset=utf-8'),
      );
    await store.put(zipBomb(), doc('http://a.gov.cn/bomb.docx', 'application/octet-stream'));
    await store.put(loopedDoc().bytes, doc('http://a.gov.cn/loop.doc', 'application/msword'));
    await store.put(await flateBombPdf(256), doc('http://a.gov.cn/heavy.pdf', 'application/pdf'));

    // 180 MiB: a worker reading a short text report stays far below (~60 MiB); one reading the PDF passes
    // it.
    const result = await refresh({
      storage,
      datasets,
      skipCrawl: true,
      site: false,
      today: '2026-01-03',
      pool: { size: 2, limits: { rssMb: 180 } },
    });

    expect(result.summary.extraction).toEqual({ extracted: 2, failed: 3, cached: 0 });
    expect(result.summary.published).toBe('2026-01-03');
    const reports = readFileSync(path.join(datasets, '2026-01-03', 'reports.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(reports.map((r) => r.source.document_url).sort()).toEqual(seeds.map((s) => `http://a.gov.cn/${s}.txt`));
    const failures = parse(readFileSync(path.join(datasets, '2026-01-03', 'failures.csv')), {
      bom: true,
    }) as string[][];
    expect(failures[0]).toEqual(['url', 'stage', 'kind', 'message']);
    expect(
      failures.slice(1).map(([url, stage, kind, message]) => [url, stage, kind, message.replace(/\d+/g, 'N')]),
    ).toEqual([
      [
        'http://a.gov.cn/bomb.docx',
        'extract',
        'resource_limit',
        'zip entry word/document.xml inflates N:N to N MiB, over the N:N allowed (MAX_ZIP_RATIO)',
      ],
      [
        'http://a.gov.cn/heavy.pdf',
        'extract',
        'resource_limit',
        'memory limit: resident size N MiB over the N MiB allowed',
      ],
      ['http://a.gov.cn/loop.doc', 'extract', 'corrupt_doc', `unreadable DOC: a FAT chain loops at sector N`],
    ]);
  });
});
