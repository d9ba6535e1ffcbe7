// `ogi extract` as a user runs it: several files in one call, the bad ones each get a typed
// error line and a non-zero exit, the good ones are still extracted.
import { mkdtemp, truncate, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ogi, ROOT } from './helpers.js';
import { SEEDS } from '../fixtures/samples.js';

const DOCS = path.join(ROOT, 'test/fixtures/documents');

describe('ogi extract', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ogi-extract-'));
    await writeFile(path.join(dir, 'empty.pdf'), '');
    await writeFile(path.join(dir, 'huge.pdf'), '');
    await truncate(path.join(dir, 'huge.pdf'), 200 * 1024 * 1024); // sparse: 200 MB of zeros
    await writeFile(
      path.join(dir, 'shell.html'),
      '<html><head><title>首页</title></head><body><nav>首页 | 政务公开</nav></body></html>',
    );
    await writeFile(
      path.join(dir, 'notice.txt'),
      '关于做好2023年政府信息公开工作年度报告编制和发布工作的通知\n各乡镇人民政府、县直各单位：\n请于2024年1月31日前报送本单位年度报告。',
    );
    await copyFile(path.join(SEEDS, '001_82da0c68b48e6d43.txt'), path.join(dir, 'good.txt'));
  });

  it('extracts the good files and names a typed error for each bad one, exit 3', async () => {
    const files = ['good.txt', 'empty.pdf', 'huge.pdf', 'shell.html', 'notice.txt'].map((f) => path.join(dir, f));
    files.push(
      ...['review-table-truncated.pdf', 'review-table-encrypted.pdf', 'scanned.pdf'].map((f) => path.join(DOCS, f)),
    );
    const r = await ogi(['extract', '--json', ...files]);
    expect(r.code).toBe(3);
    const records = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records.map((x) => [x.agency, x.year, x.template])).toEqual([['大塅镇人民政府', 2020, '2019']]);
    const errors = r.stderr
      .trim()
      .split('\n')
      .map((l) => /^ogi extract: (.+?): (\w+): /.exec(l))
      .filter(Boolean)
      .map((m) => [path.basename(m![1]), m![2]]);
    expect(errors).toEqual([
      ['empty.pdf', 'empty_file'],
      ['huge.pdf', 'too_large'],
      ['shell.html', 'no_report_content'],
      ['notice.txt', 'not_a_report'],
      ['review-table-truncated.pdf', 'corrupt_pdf'],
      ['review-table-encrypted.pdf', 'encrypted_pdf'],
      ['scanned.pdf', 'unreadable_scan'],
    ]);
  });

  it('--no-ocr leaves a scan unread: needs_ocr, exit 3', async () => {
    const r = await ogi(['extract', '--no-ocr', path.join(DOCS, 'scanned.pdf')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      `ogi extract: ${path.join(DOCS, 'scanned.pdf')}: needs_ocr: 1 of 1 page(s) are scans and OCR is off`,
    );
  });

  it('prints a summary table by default and exits 0 when every file is a report', async () => {
    const r = await ogi([
      'extract',
      path.join(SEEDS, '000_5b187f188d2c1fc2.txt'),
      path.join(SEEDS, '002_6ac92d5cb3b88a66.txt'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').map((l) => l.split(/\s{2,}/))).toEqual([
      ['file', 'template', 'agency', 'year', 'failed checks', 'warnings'],
      ['000_5b187f188d2c1fc2.txt', '2019', '大贵镇人民政府', '2020', '0', '1'],
      // no table: no check could run, so "—" (not checked), never 0
      ['002_6ac92d5cb3b88a66.txt', 'narrative', '贾峪镇人民政府', '2020', '—', '6'],
      [''],
    ]);
  });

  it('a usage error exits 2 at once although a worker was started ahead for the file', async () => {
    // the worker forked before the command parsed its options must not hold the process open
    const r = await ogi(['extract', '--bogus', path.join(DOCS, 'report-table.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ogi extract: Unknown option '--bogus'/);
  });

  it('writes one JSON file per record with --out, and refuses --json with --out', async () => {
    const out = path.join(dir, 'out');
    const r = await ogi(['extract', '--out', out, path.join(dir, 'good.txt')]);
    expect(r.code).toBe(0);
    const written = r.stdout.trim();
    expect(path.dirname(written)).toBe(out);
    const rec = JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(written, 'utf8')));
    expect(path.basename(written)).toBe(`${rec.report_id}.json`);
    expect((await ogi(['extract', '--json', '--out', out, path.join(dir, 'good.txt')])).code).toBe(2);
  });
});
