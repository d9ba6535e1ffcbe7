// `ogi inspect`: what the extractor saw and decided — rows, sections, each label match and how its
// figures were placed, identities — as text, JSON and a debug page, on documents with a known story.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ogi } from './helpers.js';
import { inspectDocument } from '../../src/extract/inspect.js';
import { PEER } from '../fixtures/samples.js';

/** A 2021-form report whose table 三 has a loosely labelled row and a row short of figures. */
const REPORT = `<html><body><p>某某县某某局2021年政府信息公开工作年度报告</p>
<p>本报告所列数据统计期限自2021年1月1日起至2021年12月31日止。</p>
<p>三、收到和处理政府信息公开申请情况</p>
<table>
<tr><td>申请人情况</td><td>自然人</td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td><td>总计</td></tr>
<tr><td>一、本年新收政府信息公开申请数量</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>2</td></tr>
<tr><td>（一）予以公开</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
<tr><td>2.其他法律行政止公开</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
<tr><td>小计</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>2</td></tr>
</table>
<p>四、政府信息公开行政复议、行政诉讼情况</p></body></html>`;

describe('ogi inspect', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ogi-inspect-'));
    file = path.join(dir, 'report.html');
    await writeFile(file, REPORT);
  });

  it('names the sections and, for every value row, the form row, the match and the placement', async () => {
    const x = await inspectDocument(Buffer.from(REPORT), 'report.html');
    expect(x.sections).toEqual([
      { name: 'applications', first: 2, last: 7, rows: 6 },
      { name: 'reviews', first: 8, last: 8, rows: 1 },
    ]);
    expect(x.decisions.map((d) => [d.row, d.key, d.match, d.printed.join(' '), d.placement])).toEqual([
      [4, 'new_received', 'strict', '2 0 0 0 0 0 2', 'by count or grid column'],
      [5, 'granted', 'strict', '1 0 0 0 0 0 1', 'by count or grid column'],
      [6, 'denied_law_prohibited', 'loose', '1 0 0 0 0 0 1', 'by count or grid column'],
      [7, null, null, '2 0 0 0 0 0 2', 'skipped'],
    ]);
    // a loose label, and identities that fail (the report prints only part of table 三): low
    expect(x.record.confidence).toBe('low');
  });

  it('prints the same story as text, exit 0', async () => {
    const r = await ogi(['inspect', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("   6 '2.其他法律行政止公开' → applications.denied_law_prohibited (loose)");
    expect(r.stdout).toContain("   7 '小计' → applications: no form row");
    expect(r.stdout).toContain('applications: rows 2–7 (6 rows)');
  });

  it('--json is the inspection object', async () => {
    const r = await ogi(['inspect', file, '--json']);
    expect(JSON.parse(r.stdout)).toEqual(
      JSON.parse(JSON.stringify(await inspectDocument(Buffer.from(REPORT), 'report.html'))),
    );
  });

  it('--html writes a debug page; for a PDF each page is rendered beside the rows read from it', async () => {
    const out = path.join(dir, 'pdf-debug');
    const r = await ogi(['inspect', path.join(PEER, 'hongze-2023.pdf'), '--html', out]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(path.join(out, 'index.html'));
    const page = await readFile(path.join(out, 'index.html'), 'utf8');
    expect(page).toContain('applications.new_received');
    expect([1, 2, 3, 4, 5].map((n) => existsSync(path.join(out, `page-${n}.png`)))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(page).toContain('<img src="page-5.png"');
    // every cell the reader placed on a page is drawn on it
    const x = await inspectDocument(await readFile(path.join(PEER, 'hongze-2023.pdf')), 'hongze-2023.pdf');
    const boxes = x.rows.flatMap((r) => r.boxes.filter(Boolean));
    expect(boxes.length).toBe(x.rows.reduce((n, r) => n + r.cells.length, 0));
    expect((page.match(/<rect /g) ?? []).length).toBe(boxes.length);
  });

  it('a document that is no report: a typed error, exit 3', async () => {
    const bad = path.join(dir, 'empty.pdf');
    await writeFile(bad, '');
    const r = await ogi(['inspect', bad]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^ogi inspect: .*empty\.pdf: \w+: /);
  });
});
