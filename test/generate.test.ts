// The generator itself: deterministic, identity-consistent, and each rendering holds what it should.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'cheerio';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICANT_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS, type ApplicationRow } from '../src/forms/index.js';
import { buildCorpus } from './generate/corpus.js';
import { convertToDoc, convertToPdf } from './generate/doc.js';
import { renderDocx } from './generate/docx.js';
import { renderHtml } from './generate/html.js';
import { identityFailures } from './generate/identities.js';
import { renderPdfs } from './generate/pdf.js';
import { renderProse } from './generate/prose.js';
import { generateReport, type GeneratedReport } from './generate/report.js';
import { buildTables, expand } from './generate/tables.js';
import { renderText } from './generate/text.js';
import { renderFlat, renderLayout } from './generate/text-layout.js';

const reports = Array.from({ length: 400 }, (_, i) => generateReport(`u${i}`, `unit/${i}`));
const by = (f: (r: GeneratedReport) => boolean) => reports.find(f)!;
const norm = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, '');
const loose = (label: string) => new RegExp([...label].join('[\\s\\u00a0\\u3000]*'));
const BLANK = '∅';
/** Printed figures of table 三, row by row; a blank as `blank` (or left out when `blank` is null). */
function printedFigures(rep: GeneratedReport, blank: string | null): string[] {
  return printedApplicationRows(rep)
    .flat()
    .flatMap((t) => (t !== '' ? [t] : blank === null ? [] : [blank]));
}

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

describe('HTML renderings without a table grid', () => {
  it('html-cells: no <table>, every cell its own <p>/<div>/<span> in reading order, a merged cell once', () => {
    const elements = new Set<string>();
    for (const rep of reports.slice(0, 40)) {
      const html = renderHtml(rep, { layout: 'cells', charset: 'utf-8' }).toString('utf8');
      const $ = load(html);
      expect($('table')).toHaveLength(0);
      const box = $('.table-cells').eq(1);
      const cells = box
        .children()
        .toArray()
        .flatMap((el) => ($(el).hasClass('row') ? $(el).children().toArray() : [el]))
        .filter((el) => el.tagName !== 'br');
      elements.add(cells[0]!.tagName);
      const got = cells.map((el) => {
        const t = $(el)
          .text()
          .replace(/\u00a0/g, '')
          .trim();
        return /^(|—|-|\/)$/.test(t) ? BLANK : t;
      });
      const want = buildTables(rep)
        .applications.flat()
        .map((c) => (c.text === '' ? BLANK : c.text.replace(/\n/g, '')));
      expect(got, rep.id).toEqual(want);
    }
    expect(elements).toEqual(new Set(['p', 'div', 'span']));
  });

  it('html-table-per-row: one <table> of one row per table row', () => {
    const rep = by((r) => r.variant === '2021');
    const $ = load(renderHtml(rep, { layout: 'table-per-row', charset: 'utf-8' }).toString('utf8'));
    const t = buildTables(rep);
    expect($('table')).toHaveLength(t.proactive.length + t.applications.length + t.reviews.length);
    expect(
      $('table')
        .toArray()
        .every((el) => $(el).find('tr').length === 1),
    ).toBe(true);
  });

  it("prose: no table; figures only in sentences, each stated figure the report's own", () => {
    const text: string[] = [];
    for (const rep of reports.slice(0, 80)) {
      const { bytes, truth } = renderProse(rep);
      const html = bytes.toString('utf8');
      expect(html).not.toContain('<table');
      expect(truth.template).toBe('narrative');
      expect(truth.proactive).toEqual({});
      for (const [row, cells] of Object.entries(truth.applications))
        for (const [col, v] of Object.entries(cells!))
          expect(v, `${rep.id} ${row}.${col}`).toBe(
            rep.truth.applications[row as ApplicationRow]![col as (typeof APPLICANT_COLUMNS)[number]] ?? 0,
          );
      for (const [g, cells] of Object.entries(truth.reviews))
        for (const [col, v] of Object.entries(cells))
          expect(v, `${rep.id} ${g}.${col}`).toBe(
            rep.truth.reviews[g as (typeof REVIEW_GROUPS)[number]][col as (typeof REVIEW_COLUMNS)[number]] ?? 0,
          );
      text.push(load(html)('.content').text());
    }
    const all = text.join('\n');
    for (const phrase of ['自然人申请', '结转下年度', '予以公开', '未收到政府信息公开申请', '无行政复议', '行政诉讼'])
      expect(all).toContain(phrase);
    expect(all).toMatch(/收到申请\d+/);
    expect(all).toMatch(/(复议|结果)维持/);
    expect(all).toMatch(/[一二三四五六七八九十两](件|宗)/);
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

describe('text without a grid: pdftotext -layout, one line', () => {
  it('txt-layout: table 三 figures aligned in columns, blanks absent, group labels one character per line', () => {
    for (const rep of reports.slice(0, 40)) {
      const text = renderLayout(rep).toString('utf8');
      expect(text).not.toContain('\t');
      // table 三: after section 三's heading and sentence (one printed line), up to section 四's heading
      const [, , s3, s4] = rep.sections;
      let from = text.indexOf(s3!.heading);
      for (const p of s3!.paragraphs) from = text.indexOf(p, from) + p.length;
      const to = text.indexOf(s4!.heading, from);
      const figures = text
        .slice(from, to)
        .replace(/(\d) +(?=[.．、])/g, '$1') // "3 . 其 他": a spaced label's number
        .split(/\s+/)
        .filter((t) => /^[+-]?\d+$/.test(t));
      expect(figures.join(' '), rep.id).toBe(printedFigures(rep, null).join(' '));
      expect(norm(text.slice(from, to)), rep.id).not.toContain('本年度办理结果');
      const lines = text.slice(from, to).split('\n');
      expect(lines.filter((l) => /^\s*[本年度办理结果](\s|$)/.test(l)).length, rep.id).toBeGreaterThanOrEqual(6);
    }
  });

  it('txt-flat: one line, cells single-spaced; blanks a dash, or vanished only where the whole row is blank', () => {
    const seen = new Set<string>();
    for (const rep of reports.slice(0, 60)) {
      const { bytes, truth, blanks } = renderFlat(rep);
      seen.add(blanks);
      const line = bytes.toString('utf8').replace(/\n$/, '');
      expect(line).not.toContain('\n');
      expect(identityFailures(truth, rep.variant)).toEqual([]);
      const from = line.search(loose('申请人情况'));
      const to = from + line.slice(from).search(/四、[^ ]*行政复议/);
      const tokens = line
        .slice(from, to)
        .replace(/(\d) (?=[.．、])/g, '$1') // "3 . 其 他": a spaced label's number
        .split(' ')
        .filter((t) => /^([+-]?\d+|—|-|\/|－)$/.test(t));
      if (blanks === 'dash') {
        expect(tokens.map((t) => (/\d/.test(t) ? t : BLANK)).join(' '), rep.id).toBe(
          printedFigures(rep, BLANK).join(' '),
        );
      } else {
        const rows = Object.keys(rep.printed.applications) as ApplicationRow[];
        const want = rows.flatMap((k) => APPLICANT_COLUMNS.map((c) => truth.applications[k]![c]));
        expect(want, rep.id).not.toContain(null); // table 三 rows always print a total: never wholly blank
        expect(tokens.join(' '), rep.id).toBe(want.join(' '));
      }
    }
    expect(seen).toEqual(new Set(['dash', 'vanish']));
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

  it("pdf-split-header repeats table 三's header on the next page; pdf-office wraps the sub-row labels", async () => {
    const rep = by((r) => r.variant === '2021' && r.id !== 'u0');
    const [pdf] = await renderPdfs([{ rep, pageBreak: 'natural', repeatHeader: true }]);
    await writeFile(join(dir, 'h.pdf'), pdf!);
    const pages = execFileSync('pdftotext', ['-layout', join(dir, 'h.pdf'), '-'])
      .toString('utf8')
      .split('\f');
    const withHeader = pages.filter((p) => loose('申请人情况').test(p));
    expect(withHeader.length).toBeGreaterThanOrEqual(2);

    await writeFile(join(dir, 'o.docx'), await renderDocx(rep, { narrowLabels: true }));
    await convertToPdf([join(dir, 'o.docx')], dir);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'o.pdf'), '-']).toString('utf8');
    const line = text.split('\n').find((l) => /申请人无正当理由/.test(l))!;
    expect(norm(line)).not.toContain('不再处理其政府信息公开申请');
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
