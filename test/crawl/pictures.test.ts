// Reports published as pictures on an article page (src/crawl/content.ts, handlers/pictures.ts,
// src/extract/text/pictures.ts): which pictures of a page are its report, and the `pictures` fixture
// site crawled and refreshed end to end — the pictures scans of a generated report (test/generate/
// scan.ts) read by OCR into one record per article, pages in order, every table cell exact.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportPictures } from '../../src/crawl/content.js';
import { interpret } from '../../src/extract/interpret.js';
import { read } from '../../src/extract/read.js';
import { crawl, type CrawlOptions } from '../../src/crawl/index.js';
import { loadPage } from '../../src/crawl/page.js';
import type { ReportRecord } from '../../src/record.js';
import { refresh } from '../../src/refresh.js';
import { compareRecord } from '../generate/compare.js';
import { buildCorpus, STANDARD_CORPUS, type Corpus } from '../generate/corpus.js';
import { scanPictures } from '../generate/scan.js';
import { startPortal, type Portal } from '../portal/server.js';

const BASE = 'http://www.example.gov.cn/zwgk/nb/202401/t20240120_1.html';
const page = (body: string, url = BASE) => loadPage(`<!DOCTYPE html><html><body>${body}</body></html>`, url);
const scanned = (n: number, attrs = 'width="800"') =>
  Array.from({ length: n }, (_, i) => `<p><img src="/u/cms/page${i + 1}.jpg" ${attrs}></p>`).join('\n');

describe('which pictures of an article page are its report', () => {
  it('lazy pictures by their real address (not the placeholder), relative URLs resolved, in page order', () => {
    const p = page(`<div class="TRS_Editor">
      <p style="text-align:center"><img src="/images/loading.gif" data-original="./W020240120_1.jpg"></p>
      <p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="../../img/W020240120_2.png"></p>
      <div><img src="grey.gif" data-lazy-src="https://img.example.gov.cn/nb/3.jpeg?v=2"></div>
      <p><img src="/images/loading.gif" data-original="./W020240120_1.jpg"></p>
    </div>`);
    expect(reportPictures(p)).toEqual([
      'http://www.example.gov.cn/zwgk/nb/202401/W020240120_1.jpg',
      'http://www.example.gov.cn/zwgk/img/W020240120_2.png',
      'https://img.example.gov.cn/nb/3.jpeg?v=2',
    ]);
  });

  it('leaves out chrome: logos, icons, QR codes, share buttons, gifs, small pictures, pictures in page chrome or linking elsewhere', () => {
    const p = page(`<div class="header"><img src="/img/banner.jpg"></div>
      <div id="logo"><img src="/img/site.png"></div>
      <div class="main"><h2>某县2023年政府信息公开工作年度报告</h2>
        <img src="/img/divider.gif">
        <a href="/zwgk/"><img src="/img/entry.jpg"></a>
        <img src="/img/qrcode.jpg"><img src="/img/share_weixin.png"><img src="/img/icon-print.png">
        <img src="/img/photo.jpg" width="120" height="90"><img src="/img/thumb.jpg" style="width: 150px">
        ${scanned(2)}
        <a href="/u/cms/page3.jpg"><img src="/u/cms/page3.jpg"></a>
      </div>
      <div class="bdshare"><img src="/img/wb.jpg"></div>
      <footer><img src="/img/ga.jpg"></footer>`);
    expect(reportPictures(p)).toEqual([
      'http://www.example.gov.cn/u/cms/page1.jpg',
      'http://www.example.gov.cn/u/cms/page2.jpg',
      'http://www.example.gov.cn/u/cms/page3.jpg',
    ]);
  });

  it('one long picture is the whole report; a caption and the metadata beside the pictures do not make it text', () => {
    const long = page(`<div id="zoom"><p>附件：2023年政府信息公开工作年度报告（扫描件）</p>
      <p><img src="nb2023.jpg" width="900" height="12000"></p></div>`);
    expect(reportPictures(long)).toEqual(['http://www.example.gov.cn/zwgk/nb/202401/nb2023.jpg']);
  });

  it('a text report with decorative pictures stays a text report; a page of chrome only has no report pictures', () => {
    const prose = '本年度，我县认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息。'.repeat(20);
    expect(reportPictures(page(`<div class="TRS_Editor"><p>${prose}</p>${scanned(1)}</div>`))).toEqual([]);
    expect(reportPictures(page(`<div class="TRS_Editor">${scanned(1, 'width="100"')}</div>`))).toEqual([]);
    expect(reportPictures(page('<div class="TRS_Editor"><p>无</p></div>'))).toEqual([]);
  });
});

const PICTURES = path.resolve('test/.generated/portal-pictures');
const rel = (url: string | null) => {
  if (url === null) return null;
  const u = new URL(url);
  return `${u.pathname}${u.search}${u.hash}`;
};
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('the pictures site: reports published as pictures, crawled and refreshed', () => {
  let portal: Portal;
  let tmp: string;
  let corpus: Corpus;
  let jpegs: Buffer[];
  const options = (storage: string): CrawlOptions => ({
    urls: portal.expected.start.map((p) => portal.url(p)),
    storage,
    rate: Infinity,
    concurrency: 1, // the list's order: which article stores a shared picture first, which copy is first
    progress: false,
  });
  beforeAll(async () => {
    corpus = await buildCorpus(STANDARD_CORPUS);
    const doc = corpus.docs.find((d) => d.rendering === 'pdf-natural-break')!;
    jpegs = await scanPictures(readFileSync(path.join(corpus.dir, doc.file)), { dpi: 300 });
    mkdirSync(PICTURES, { recursive: true });
    jpegs.forEach((jpeg, i) => writeFileSync(path.join(PICTURES, `p${i + 1}.jpg`), jpeg));
    portal = await startPortal('test/portal/sites/pictures');
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ogi-pictures-'));
  }, 600_000);
  afterAll(async () => {
    await portal?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('stores each picture once and one picture set per article, names the pictures that did not come, never fetches chrome', async () => {
    expect(jpegs).toHaveLength(5);
    const storage = path.join(tmp, 'crawl');
    const first = await crawl(options(storage));
    expect(
      first.documents
        .map((d) => ({ path: rel(d.url)!, kind: d.kind, page: rel(d.page_url), filename: d.filename }))
        .sort((a, b) => cmp(a.path, b.path)),
    ).toEqual(portal.expected.documents);
    expect(
      first.failures
        .map((f) => ({ path: rel(f.url)!, stage: f.stage, kind: f.kind }))
        .sort((a, b) => cmp(a.path, b.path)),
    ).toEqual(portal.expected.failures);
    const notImage = first.failures.find((f) => f.kind === 'not_an_image')!;
    expect(notImage.message).toMatch(
      /^page 4 of http:\/\/127\.0\.0\.1:\d+\/gk\/nb\/p3\.html: .*error-4\.jpg is no picture \(image\/jpeg, \d+ bytes, starting "<!DOCTYP"\)$/,
    );
    const requested = new Set(portal.hits.map((h) => h.path));
    for (const p of portal.expected.neverRequested) expect(requested, p).not.toContain(p);

    // The set lists its pictures in page order with their hashes, and what kept the others away.
    const set = first.documents.find((d) => rel(d.url) === '/gk/nb/p3.html#pictures')!;
    const listed = JSON.parse(
      readFileSync(path.join(storage, 'documents', set.sha256.slice(0, 2), set.sha256), 'utf8'),
    );
    expect(listed).toEqual({
      ogi: 'pictures',
      page_url: portal.url('/gk/nb/p3.html'),
      pictures: [
        { page: 1, url: portal.url('/gk/nb/img/p1.jpg'), sha256: sha(jpegs[0]!), bytes: jpegs[0]!.length },
        { page: 2, url: portal.url('/gk/nb/img/gone-2.jpg'), missing: 'http_404' },
        { page: 3, url: portal.url('/gk/nb/img/p3.jpg'), sha256: sha(jpegs[2]!), bytes: jpegs[2]!.length },
        { page: 4, url: portal.url('/gk/nb/img/error-4.jpg'), missing: 'not_an_image' },
        { page: 5, url: portal.url('/gk/nb/img/p5.jpg'), sha256: sha(jpegs[4]!), bytes: jpegs[4]!.length },
      ],
    });

    // A second crawl asks for every picture conditionally, gets 304s and stores nothing.
    const hits = portal.hits.length;
    const again = await crawl(options(storage));
    expect(again.downloaded).toBe(0);
    const second = portal.hits.slice(hits).filter((h) => /\/img\/p\d\.jpg$/.test(h.path));
    expect(second.length).toBeGreaterThanOrEqual(5);
    for (const h of second) expect([h.path, h.ifNoneMatch !== null, h.status]).toEqual([h.path, true, 304]);
  }, 120_000);

  it('refresh: one record per article of pictures, its pages the pictures in order, its cells exactly what the reader makes of them; a copy marked; missing pages named; a text report stays HTML', async () => {
    const storage = path.join(tmp, 'refresh');
    const datasets = path.join(tmp, 'datasets');
    const pool = { ocrCache: path.join(tmp, 'ocr'), limits: { wallMs: 1_800_000, cpuMs: 1_800_000 } };
    const night = (today: string) => refresh({ ...options(storage), datasets, site: false, today, pool });
    const { records, failures, summary } = await night('2026-01-01');
    expect(summary.published).toBe('2026-01-01');
    const by = (p: string) => records.find((r) => rel(r.source.document_url) === p)!;
    expect(
      records
        .map((r) => ({
          agency: r.agency,
          year: r.year,
          format: r.source.format,
          read_from: rel(r.source.document_url),
          urls: r.source.urls!.map((u) => rel(u)),
        }))
        .sort((a, b) => cmp(a.read_from!, b.read_from!)),
    ).toEqual(portal.expected.reports);
    expect(failures.map((f) => ({ path: rel(f.url)!, stage: f.stage, kind: f.kind }))).toEqual(
      portal.expected.failures,
    );

    // The report of five pictures: read by OCR page by page, its source listing every picture.
    const doc = corpus.docs.find((d) => d.rendering === 'pdf-natural-break')!;
    const whole = by('/gk/nb/p1.html#pictures');
    expect(whole.source.ocr).toEqual({
      name: 'tesseract',
      version: expect.stringMatching(/^\d+\.\d+/),
      pages: [1, 2, 3, 4, 5],
    });
    expect(whole.source.pictures).toEqual(
      jpegs.map((j, i) => ({
        page: i + 1,
        url: portal.url(`/gk/nb/img/p${i + 1}.jpg`),
        sha256: sha(j),
        bytes: j.length,
      })),
    );
    expect(whole.template).toBe(doc.truth.template);
    // Exactly what the OCR reader makes of these pictures, each read as a page of one report: the
    // same set read here, outside the pipeline (every page from the OCR cache the refresh filled).
    const stored = path.join(storage, 'documents', whole.source.sha256.slice(0, 2), whole.source.sha256);
    const reference = interpret(
      await read(readFileSync(stored), 'set', null, { pictures: jpegs, ocrCache: pool.ocrCache }),
      {},
    );
    expect(whole.cells).toEqual(reference.cells);
    for (const t of ['proactive', 'applications', 'reviews'] as const) expect(whole[t]).toEqual(reference[t]);
    // …against the generated report's truth: the floor for clean scans read as pictures (the
    // colour JPEG pages lose one row label of table 二 to the reader: 3 of 200-odd cells, see README).
    const { cells, mismatches } = compareRecord(doc.truth, doc.variant, whole);
    const wrong = mismatches.filter((m) => /^(proactive|applications|reviews)\./.test(m.path));
    expect(cells - wrong.length).toBeGreaterThanOrEqual(Math.ceil(cells * 0.98));
    const pagesOf = (r: ReportRecord) => [...new Set(r.cells!.map((c) => c.page))].sort();
    expect(pagesOf(whole).length).toBeGreaterThan(1);
    for (const p of pagesOf(whole)) expect([1, 2, 3, 4, 5]).toContain(p);
    expect(whole.cells!.every((c) => c.bbox !== undefined)).toBe(true);
    // Every cell read by OCR carries the engine's confidence, 0–100; the text report's cells none.
    for (const c of whole.cells!)
      expect(Number.isInteger(c.confidence) && c.confidence! >= 0 && c.confidence! <= 100).toBe(true);
    expect(new Set(whole.cells!.map((c) => c.confidence)).size).toBeGreaterThan(1);
    expect(whole.warnings.map((w) => w.code)).not.toContain('missing_pages');
    expect(whole.duplicate_of).toBeNull();

    // The same pictures re-posted on another page: its own record, marked a copy of the first.
    const copy = by('/gk/nb/p2.html#pictures');
    expect(copy.applications).toEqual(whole.applications);
    expect(copy.duplicate_of).toBe(whole.report_id);

    // Pages 2 and 4 did not come: the others are read, on their own page numbers, and the record says so.
    const partial = by('/gk/nb/p3.html#pictures');
    expect(partial.source.ocr!.pages).toEqual([1, 3, 5]);
    expect(partial.source.pictures!.map((p) => [p.page, p.missing ?? null])).toEqual([
      [1, null],
      [2, 'http_404'],
      [3, null],
      [4, 'not_an_image'],
      [5, null],
    ]);
    const warning = partial.warnings.find((w) => w.code === 'missing_pages')!;
    expect(warning.where).toBe('pages 2, 4 of 5');
    expect(warning.detail).toBe(
      `page 2 (http_404): ${portal.url('/gk/nb/img/gone-2.jpg')}; page 4 (not_an_image): ${portal.url('/gk/nb/img/error-4.jpg')}`,
    );
    expect(partial.confidence).toBe('low');
    const key = (c: NonNullable<ReportRecord['cells']>[number]) => `${c.table}.${c.row}.${c.column}`;
    const fromWhole = new Map(whole.cells!.filter((c) => [1, 3, 5].includes(c.page!)).map((c) => [key(c), c]));
    expect(partial.cells!.map((c) => c.page).filter((p) => p === 2 || p === 4)).toEqual([]);
    // Each cell read is the one the whole set gives (same page number, box, text and confidence);
    // some of the whole's cells of those pages may not be read without their neighbours (a table
    // that starts on a missing page has no header on the next).
    expect(partial.cells!.length).toBeGreaterThan(0);
    for (const c of partial.cells!) expect(c).toEqual(fromWhole.get(key(c)));

    const text = by('/gk/nb/t1.html');
    expect(text.source.pictures).toBeUndefined();
    expect(text.source.ocr).toBeUndefined();
    expect(text.cells!.length).toBeGreaterThan(0);
    expect(text.cells!.filter((c) => c.confidence !== undefined)).toEqual([]);

    // The published dataset: cells.csv gives each OCR-read cell its confidence; the archive holds
    // the list of pictures and every picture that came, by sha256.
    const version = path.join(datasets, '2026-01-01');
    const lines = readFileSync(path.join(version, 'cells.csv'), 'utf8').split('\r\n');
    const header = lines[0]!.replace(/^\uFEFF/, '').split(',');
    expect(header.at(-1)).toBe('ocr_confidence');
    const ofWhole = lines.filter((l) => l.startsWith(`${whole.report_id},`));
    expect(ofWhole.map((l) => Number(l.split(',').at(-1)))).toEqual(whole.cells!.map((c) => c.confidence));
    const sources = new Set(readdirSync(path.join(version, 'sources')));
    expect(sources).toContain(`${whole.source.sha256}.json`);
    for (const j of jpegs) expect(sources).toContain(`${sha(j)}.jpg`);

    // Night 2: nothing new, nothing extracted, nothing published.
    const night2 = await night('2026-01-02');
    expect(night2.summary.extraction.extracted).toBe(0);
    expect(night2.summary.published).toBeNull();

    // Night 3: one picture changed on the portal: the three sets that show it are read again (only
    // that picture by OCR: the others come from the OCR cache), and keep their report ids.
    const { default: sharp } = await import('sharp');
    const changed = await sharp(jpegs[4]!).jpeg({ quality: 80 }).toBuffer();
    writeFileSync(path.join(PICTURES, 'p5.jpg'), changed);
    try {
      const night3 = await night('2026-01-03');
      expect(night3.summary.extraction.extracted).toBe(3);
      const again = night3.records.find((r) => rel(r.source.document_url) === '/gk/nb/p1.html#pictures')!;
      expect(again.report_id).toBe(whole.report_id);
      expect(again.source.pictures![4]!.sha256).toBe(sha(changed));
      expect(again.source.pictures!.slice(0, 4)).toEqual(whole.source.pictures!.slice(0, 4));
    } finally {
      writeFileSync(path.join(PICTURES, 'p5.jpg'), jpegs[4]!);
    }
  }, 1_800_000);
});
