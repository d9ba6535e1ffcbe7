// The generator itself: deterministic, identity-consistent, and each rendering holds what it should.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'cheerio';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICANT_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS, type ApplicationRow } from '../src/record.js';
import { buildCorpus } from './generate/corpus.js';
import { convertToDoc } from './generate/doc.js';
import { renderDocx } from './generate/docx.js';
import { renderHtml } from './generate/html.js';
import { identityFailures } from './generate/identities.js';
import { renderPdfs } from './generate/pdf.js';
import { generateReport, type GeneratedReport } from './generate/report.js';
import { buildTables, expand } from './generate/tables.js';
import { renderText } from './generate/text.js';

const reports = Array.from({ length: 400 }, (_, i) => generateReport(`u${i}`, `unit/${i}`));
const by = (f: (r: GeneratedReport) => boolean) => reports.find(f)!;
const norm = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, '');

/** Printed text → the value the schema gives it. */
function cellValue(text: string): number | null {
  if (text === '') return null;
  const m = /^([+-]?[\d,]+(?:\.\d+)?)(万元|元|亿元)?$/.exec(text);
  if (!m) throw new Error(`unparseable printed cell ${text}`);
  const n = Number(m[1]!.replace(/,/g, ''));
  return m[2] === '元' ? n / 10000 : m[2] === '亿元' ? Math.round(n * 1e6) / 100 : n;
}

/** Printed application rows in form order (what table 三 shows, top to bottom). */
function printedApplicationRows(rep: GeneratedReport): string[][] {
  const keys = Object.keys(rep.printed.applications) as ApplicationRow[];
  return keys.map((k) => APPLICANT_COLUMNS.map((c) => rep.printed.applications[k]![c]));
}

describe('generateReport', () => {
  it('is deterministic for a seed', () => {
    expect(generateReport('x', 'same')).toEqual(generateReport('x', 'same'));
    expect(renderHtml(generateReport('x', 'same'), { layout: 'table', charset: 'gbk-meta' })).toEqual(
      renderHtml(generateReport('x', 'same'), { layout: 'table', charset: 'gbk-meta' }),
    );
    expect(generateReport('x', 'other').truth).not.toEqual(generateReport('x', 'same').truth);
  });

  it('keeps every accounting identity in every report', () => {
    const failures = reports.flatMap((r) => identityFailures(r.truth, r.variant).map((f) => `${r.id}: ${f}`));
    expect(failures).toEqual([]);
  });

  it('prints every truth cell as the text that means it (blank ⇔ null, 15.68万元 ⇔ 15.68, +2 ⇔ 2)', () => {
    const bad: string[] = [];
    for (const r of reports) {
      for (const [row, cells] of Object.entries(r.printed.applications))
        for (const c of APPLICANT_COLUMNS)
          if (cellValue(cells![c]) !== r.truth.applications[row as ApplicationRow]![c]) bad.push(`${r.id} ${row}.${c}`);
      for (const g of REVIEW_GROUPS)
        for (const c of REVIEW_COLUMNS)
          if (cellValue(r.printed.reviews[g][c]) !== r.truth.reviews[g][c]) bad.push(`${r.id} ${g}.${c}`);
      for (const [row, cells] of Object.entries(r.printed.proactive))
        for (const [c, text] of Object.entries(cells))
          if (cellValue(text) !== r.truth.proactive[row]![c]) bad.push(`${r.id} proactive ${row}.${c}`);
      const money = r.truth.proactive[r.truth.template === '2019' ? 'procurement' : 'fees']!;
      if (
        money.amount_raw !== r.printed.proactive[r.truth.template === '2019' ? 'procurement' : 'fees']!.amount_wan_yuan
      )
        bad.push(`${r.id} raw`);
    }
    expect(bad).toEqual([]);
  });

  it('covers the forms, blanks, zeros, large counts, signed and money cells', () => {
    expect(new Set(reports.map((r) => r.variant))).toEqual(new Set(['2019', '2021', '2021-single-other']));
    const cells = reports.flatMap((r) => Object.values(r.truth.applications).flatMap((row) => Object.values(row!)));
    expect(cells).toContain(null);
    expect(cells).toContain(0);
    expect(cells.some((v) => typeof v === 'number' && v >= 1000)).toBe(true);
    const printed = reports.flatMap((r) => Object.values(r.printed.proactive).flatMap((row) => Object.values(row)));
    expect(printed.some((t) => /^\+\d+$/.test(t))).toBe(true);
    expect(printed.some((t) => /^-\d+$/.test(t))).toBe(true);
    expect(printed.some((t) => /^\d+\.\d+万元$/.test(t))).toBe(true);
    expect(
      reports.some((r) => r.truth.template === '2021' && !Number.isInteger(r.truth.proactive.fees!.amount_wan_yuan)),
    ).toBe(true);
    // total cells are never blank
    for (const r of reports) for (const row of Object.values(r.truth.applications)) expect(row!.total).not.toBeNull();
    // a 2021 report printing （六） as one row has no sub-row keys; a three-row one has them and `other` as their sum
    expect(Object.keys(by((r) => r.variant === '2021-single-other').truth.applications)).not.toContain('other_misc');
    expect(Object.keys(by((r) => r.variant === '2021').truth.applications)).toEqual(
      expect.arrayContaining(['other', 'other_no_correction', 'other_unpaid_fee', 'other_misc']),
    );
  });

  it('titles carry agency and year; the year comes before the publication date', () => {
    for (const r of reports) {
      expect(r.truth.title).toContain(r.truth.agency);
      expect(r.truth.title).toContain(String(r.truth.year));
      expect(norm(r.titleLines.join(''))).toBe(r.truth.title);
      if (r.truth.published_date) expect(Number(r.truth.published_date.slice(0, 4))).toBe(r.truth.year + 1);
    }
  });
});

describe('tables', () => {
  it('lays table 三 out like the form: 10 columns, 三、本年度办理结果 spanning every result row', () => {
    for (const variant of ['2019', '2021', '2021-single-other'] as const) {
      const rep = by((r) => r.variant === variant);
      const t = buildTables(rep);
      const rows = expand(t.applications, { colspan: 'pad', continuation: 'blank' });
      expect(rows.every((r) => r.length === 10)).toBe(true);
      const [start, end] = t.resultRows;
      expect(t.applications[start]![0]!.rowspan).toBe(end - start);
      expect(end - start).toBe(variant === '2021' ? 22 : 20);
      expect(rows.slice(3).map((r) => r.slice(3).map((c) => c.text))).toEqual(printedApplicationRows(rep));
    }
  });
});

describe('HTML renderings', () => {
  const rep2021 = by((r) => r.variant === '2021' && r.labels.broken);
  it('a <table> page keeps the merges of the form', () => {
    const $ = load(renderHtml(rep2021, { layout: 'table', charset: 'utf-8' }).toString('utf8'));
    const td = (label: string) =>
      $('td')
        .filter((_, el) => norm($(el).text()) === label)
        .first();
    expect(td('三、本年度办理结果').attr('rowspan')).toBe('22');
    expect(td('法人或其他组织').attr('colspan')).toBe('5');
    expect(td('申请人情况').attr('colspan')).toBe('7');
    expect(td('本年处理决定数量').attr('colspan')).toBe('3');
    expect(td('（六）其他处理').attr('rowspan') ?? td('(六)其他处理').attr('rowspan')).toBe('3');
    expect($('table')).toHaveLength(3);
    // data cells of table 三, row by row, are the printed values (a blank is an empty cell)
    const rows = $('table')
      .eq(1)
      .find('tr')
      .slice(3)
      .toArray()
      .map((tr) =>
        $(tr)
          .find('td')
          .toArray()
          .slice(-7)
          .map((el) =>
            $(el)
              .text()
              .replace(/\u00a0/g, '')
              .trim(),
          ),
      );
    expect(rows).toEqual(printedApplicationRows(rep2021));
  });

  it('GBK pages decode only as GBK; the charset is in a meta tag or nowhere', () => {
    const rep = reports[1]!;
    const meta = renderHtml(rep, { layout: 'table', charset: 'gbk-meta' });
    const none = renderHtml(rep, { layout: 'table', charset: 'gbk-none' });
    expect(iconv.decode(meta, 'gbk')).toContain(rep.truth.agency);
    expect(meta.toString('utf8')).not.toContain(rep.truth.agency);
    expect(iconv.decode(meta, 'gbk')).toMatch(
      /<meta http-equiv="Content-Type" content="text\/html; charset=(gbk|gb2312|GB2312)">/,
    );
    expect(iconv.decode(none, 'gbk')).not.toMatch(/charset/i);
  });

  it('a div grid and <p> lines have no <table>, and print every value', () => {
    const rep = by((r) => Object.values(r.truth.applications).some((row) => Object.values(row!).includes(null)));
    const div = load(renderHtml(rep, { layout: 'div', charset: 'utf-8' }).toString('utf8'));
    expect(div('table')).toHaveLength(0);
    const divRows = div('.table')
      .eq(1)
      .find('.tr')
      .slice(3)
      .toArray()
      .map((tr) =>
        div(tr)
          .find('.td')
          .toArray()
          .slice(-7)
          .map((el) => div(el).text()),
      );
    expect(divRows).toEqual(printedApplicationRows(rep));

    const p = load(renderHtml(rep, { layout: 'p', charset: 'utf-8' }).toString('utf8'));
    expect(p('table')).toHaveLength(0);
    const lines = p('.table-text')
      .eq(1)
      .find('p')
      .slice(3)
      .toArray()
      .map((el) =>
        p(el)
          .text()
          .split(/(?:[\s\u00a0\u3000]{2,}|\u3000)/)
          .slice(-7),
      );
    expect(lines).toEqual(
      printedApplicationRows(rep).map((row) => row.map((c) => (c === '' ? expect.stringMatching(/^(—|-|\/)$/) : c))),
    );
  });
});

describe('text renderings', () => {
  const rep = by((r) => r.variant === '2019');
  it('tab layout: markdown headings and tab-separated rows of 10 cells in table 三', () => {
    const text = renderText(rep, 'tab').toString('utf8');
    expect(text).toContain(`# ${rep.titleLines.join('')}`);
    expect(text).toMatch(/^#{2,4} 一、/m);
    const row = text.split('\n').find((l) => l.startsWith('四、结转下年度继续办理'))!;
    expect(row.split('\t')).toEqual([
      '四、结转下年度继续办理',
      '',
      '',
      ...APPLICANT_COLUMNS.map((c) => rep.printed.applications.carried_forward![c]),
    ]);
  });
  it('lines layout: one cell per line after a tab, a blank line between rows', () => {
    const text = renderText(rep, 'lines')
      .toString('utf8')
      .replace(/^\ufeff/, '');
    const block = text.slice(text.indexOf('\t四、结转下年度继续办理')).split('\n\n')[0]!;
    expect(block.split('\n')).toEqual([
      '\t四、结转下年度继续办理',
      ...APPLICANT_COLUMNS.map((c) => `\t${rep.printed.applications.carried_forward![c]}`),
    ]);
  });
  it('pagebreak layout: table 三 broken inside a group label, the tail starting the next page', () => {
    for (const r of reports.slice(0, 40)) {
      const lines = renderText(r, 'pagebreak').toString('utf8').split('\n');
      const first = lines.findIndex((l) => norm(l).startsWith('三、本年度办理结果'));
      const end = lines.findIndex((l) => norm(l).startsWith('四、结转下年度'));
      const gap = lines.findIndex((l, i) => i > first && i < end && l === '');
      expect(first, r.id).toBeGreaterThan(0);
      expect(gap, r.id).toBeGreaterThan(first);
      expect([...lines[gap + 1]!.split('\t')[0]!].length, r.id).toBe(1); // the group label's last character
      expect(
        lines.slice(first, end).filter((l) => l === ''),
        r.id,
      ).toHaveLength(1);
    }
  });
});

describe('DOCX, DOC and PDF renderings', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ogi-gen-test-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('DOCX has merged cells (gridSpan, vMerge) and the report text; soffice turns it into a Word 97 .doc', async () => {
    const rep = by((r) => r.variant === '2021');
    const docx = await renderDocx(rep);
    await writeFile(join(dir, 'a.docx'), docx);
    const xml = execFileSync('unzip', ['-p', join(dir, 'a.docx'), 'word/document.xml']).toString('utf8');
    expect(xml).toContain('<w:gridSpan w:val="5"/>');
    expect(xml).toContain('<w:gridSpan w:val="7"/>');
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(xml).toContain('<w:vMerge w:val="continue"/>');
    expect(xml).toContain(rep.truth.agency);
    await convertToDoc([join(dir, 'a.docx')], dir);
    const doc = await readFile(join(dir, 'a.doc'));
    expect(doc.subarray(0, 8).toString('hex')).toBe('d0cf11e0a1b11ae1');
    expect(doc.includes(Buffer.from(rep.truth.agency, 'utf16le'))).toBe(true);
  }, 120_000);

  it('PDFs break table 三 across pages and leave blank cells without text', async () => {
    const picks = [
      by(
        (r) =>
          r.variant === '2019' && Object.values(r.printed.applications).some((row) => Object.values(row!).includes('')),
      ),
      by(
        (r) =>
          r.variant === '2021' && Object.values(r.printed.applications).some((row) => Object.values(row!).includes('')),
      ),
    ];
    const pdfs = await renderPdfs([
      { rep: picks[0]!, pageBreak: 'forced' },
      { rep: picks[1]!, pageBreak: 'natural' },
    ]);
    for (const [i, pdf] of pdfs.entries()) {
      const rep = picks[i]!;
      await writeFile(join(dir, `p${i}.pdf`), pdf);
      const pages = execFileSync('pdftotext', ['-layout', join(dir, `p${i}.pdf`), '-'])
        .toString('utf8')
        .split('\f');
      const pageOf = (s: string) => pages.findIndex((p) => norm(p).includes(s));
      expect(pageOf('（一）予以公开') >= 0 || pageOf('(一)予以公开') >= 0).toBe(true);
      const top = Math.max(pageOf('（一）予以公开'), pageOf('(一)予以公开'));
      const bottom = pages.findIndex((p) => norm(p).includes('结转下年度继续办理'));
      expect(bottom, `table 三 of ${rep.id} should cross a page`).toBeGreaterThan(top);
      // every printed figure of table 三 and nothing for its blanks: count number tokens between its header and table 四
      const text = pages.join('\n');
      const loose = (label: string) => new RegExp([...label].join('\\s*'));
      const from = text.search(loose('申请人情况'));
      const to = from + text.slice(from).search(loose('行政复议'));
      const tokens = text.slice(from, to).match(/(?<![\d.．、])\d+(?!\d|\s*[.．、])/g) ?? []; // "3 . 其 他": a spaced label's number
      const printed = Object.values(rep.printed.applications)
        .flatMap((row) => Object.values(row!))
        .filter((t) => t !== '');
      expect(tokens.join(' '), rep.id).toBe(printed.join(' '));
    }
  }, 120_000);

  it('a corpus is generated once and then read from its cache', async () => {
    const spec = {
      seed: 'cache',
      counts: { 'html-table': 2, 'txt-lines': 1, 'pdf-natural-break': 1 },
      pdfPages: 5,
    } as const;
    const first = await buildCorpus(spec, dir);
    const second = await buildCorpus(spec, dir);
    expect(second).toEqual(first);
    expect(first.docs.map((d) => d.rendering)).toEqual(['html-table', 'html-table', 'txt-lines', 'pdf-natural-break']);
    expect(first.docs[3]!.pages).toBe(5);
    for (const d of first.docs) expect((await readFile(join(first.dir, d.file))).length).toBeGreaterThan(1000);
  }, 120_000);
});
