// The archived source documents of a version (src/publish/sources.ts): published by SHA-256 inside
// the version or in a companion folder, listed in SHA256SUMS, and linked from the report page so the
// link opens the very bytes the figures were read from (checked in Chromium, served on 127.0.0.1).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../src/net/browser.js';
import { publish } from '../../src/publish/index.js';
import { latestVersion } from '../../src/publish/version.js';
import type { Format, ReportRecord } from '../../src/record.js';
import { storagePaths } from '../../src/workarea/layout.js';
import { serve } from '../site/serve.js';
import { fixture, listFiles, TODAY, tempDatasets } from './helpers.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Documents of three formats (a picture's extension comes from its bytes), stored as the crawler stores them. */
const DOCS: { format: Format; bytes: Buffer; ext: string }[] = [
  { format: 'pdf', bytes: Buffer.from('%PDF-1.4\n% a report\n%%EOF\n'), ext: 'pdf' },
  {
    format: 'image',
    bytes: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('scan')]),
    ext: 'png',
  },
  { format: 'html', bytes: Buffer.from('<html><body>年度报告</body></html>', 'utf8'), ext: 'html' },
];

/** v1's records, the first three pointing at the stored documents; the others' bytes are not in storage. */
function storageWithDocuments(): { storage: string; records: ReportRecord[] } {
  const storage = tempDatasets();
  const { records } = fixture('v1');
  const out = records.map((r, i) => {
    const doc = DOCS[i];
    if (!doc) return r;
    const hash = sha(doc.bytes);
    const file = storagePaths(storage).documentFile(hash);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, doc.bytes);
    return { ...r, source: { ...r.source, sha256: hash, format: doc.format, bytes: doc.bytes.length } };
  });
  return { storage, records: out };
}

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
});

/** Opens a report page of the version on a local server and fetches what its archived-document link points at. */
async function followArchiveLink(
  datasets: string,
  version: string,
  id: string,
): Promise<{ href: string; sha256: string }> {
  const server = await serve(datasets);
  const page = await browser.newPage();
  try {
    await page.goto(server.url(`${version}/site/report.html#${id}`));
    await page.waitForSelector(`body[data-ready="${id}"]`);
    const href = (await page.getAttribute('#archive', 'href'))!;
    const digest = await page.evaluate(async () => {
      const a = document.getElementById('archive') as HTMLAnchorElement;
      const bytes = await (await fetch(a.href)).arrayBuffer();
      const d = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      return [...d].map((b) => b.toString(16).padStart(2, '0')).join('');
    });
    return { href, sha256: digest };
  } finally {
    await page.close();
    await server.close();
  }
}

describe('archived source documents', () => {
  it('publishes each document by SHA-256 inside the version, lists it, and links it from the report page', async () => {
    const { storage, records } = storageWithDocuments();
    const datasets = tempDatasets();
    const result = await publish({ records, failures: [], datasetsDir: datasets, today: TODAY, storage });
    const dir = result.dir;
    const names = DOCS.map((d) => `sources/${sha(d.bytes)}.${d.ext}`).sort();
    expect(listFiles(dir).filter((f) => f.startsWith('sources/'))).toEqual(names);
    for (const d of DOCS) expect(fs.readFileSync(path.join(dir, `sources/${sha(d.bytes)}.${d.ext}`))).toEqual(d.bytes);
    const sums = fs.readFileSync(path.join(dir, 'SHA256SUMS'), 'utf8');
    for (const d of DOCS) expect(sums).toContain(`${sha(d.bytes)}  sources/${sha(d.bytes)}.${d.ext}\n`);
    expect(result.summary.sources).toBe(3);
    // the site knows where they are, which extension is not the format's, and which have no copy
    const archive = JSON.parse(
      fs
        .readFileSync(path.join(dir, 'site/data/archive.js'), 'utf8')
        .replace(/^window\.OGI_ARCHIVE = /, '')
        .replace(/;\n$/, ''),
    );
    expect(archive).toEqual({
      base: '../sources/',
      ext: { [sha(DOCS[1]!.bytes)]: 'png' },
      missing: records
        .slice(3)
        .map((r) => r.source.sha256)
        .sort(),
    });
    // the link opens the archived bytes: the same SHA-256 as the record's
    for (const r of records.slice(0, 3)) {
      const { href, sha256 } = await followArchiveLink(datasets, result.version, r.report_id);
      expect(href).toMatch(/^\.\.\/sources\/[0-9a-f]{64}\.(pdf|png|html)$/);
      expect(sha256).toBe(r.source.sha256);
    }
    // a record whose bytes are not in storage says so instead of linking nothing
    const server = await serve(datasets);
    const page = await browser.newPage();
    await page.goto(server.url(`${result.version}/site/report.html#${records[4]!.report_id}`));
    await page.waitForSelector(`body[data-ready="${records[4]!.report_id}"]`);
    expect(await page.$('#archive')).toBeNull();
    expect(await page.textContent('dd[data-field="archive"] .zh')).toBe('本版本未附存档文件');
    // the live portal URL stays, as its own link
    expect(await page.getAttribute('dd[data-field="document_url"] a', 'href')).toBe(records[4]!.source.document_url);
    await page.close();
    await server.close();
  });

  it('writes a companion folder with the same names for hosts that cap sizes', async () => {
    const { storage, records } = storageWithDocuments();
    const datasets = tempDatasets();
    const result = await publish({
      records,
      failures: [],
      datasetsDir: datasets,
      today: TODAY,
      storage,
      sources: 'separate',
    });
    const companion = path.join(datasets, `${result.version}-sources`);
    expect(listFiles(companion)).toEqual(DOCS.map((d) => `${sha(d.bytes)}.${d.ext}`).sort());
    expect(listFiles(result.dir).filter((f) => f.startsWith('sources/'))).toEqual([]);
    const sums = fs.readFileSync(path.join(result.dir, 'SHA256SUMS'), 'utf8');
    expect(sums).toContain(`${sha(DOCS[0]!.bytes)}  ../${result.version}-sources/${sha(DOCS[0]!.bytes)}.pdf\n`);
    // no temporary folder left; the companion is never taken for a version
    expect(fs.readdirSync(datasets).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
    expect(latestVersion(datasets)).toBe(result.version);
    const { href, sha256 } = await followArchiveLink(datasets, result.version, records[0]!.report_id);
    expect(href).toBe(`../../${result.version}-sources/${sha(DOCS[0]!.bytes)}.pdf`);
    expect(sha256).toBe(records[0]!.source.sha256);
  });

  it('archives nothing with --sources none or without a work area', async () => {
    const { storage, records } = storageWithDocuments();
    for (const opts of [{ storage, sources: 'none' as const }, {}]) {
      const datasets = tempDatasets();
      const result = await publish({ records, failures: [], datasetsDir: datasets, today: TODAY, ...opts });
      expect(listFiles(result.dir).filter((f) => f.startsWith('sources/'))).toEqual([]);
      expect(fs.readdirSync(datasets).filter((n) => n.endsWith('-sources'))).toEqual([]);
      expect(fs.readFileSync(path.join(result.dir, 'site/data/archive.js'), 'utf8')).toBe(
        'window.OGI_ARCHIVE = {"base":null,"ext":{},"missing":[]};\n',
      );
    }
  });
});
