// The 2014 统计表 (统计指标 · 单位 · 统计数) appended to 2014–2018 reports: whole records for a text
// and an HTML report, the same table as PDF rows, and the documents it must leave alone.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/extract/index.js';
import { readApplications } from '../../src/extract/tables/applications.js';
import { readForms } from '../../src/extract/tables/index.js';
import { splitSections } from '../../src/extract/tables/sections.js';
import { readStatisticsTable } from '../../src/extract/tables/statistics-table.js';
import { modelFromRows, type TextRow } from '../../src/extract/model.js';
import { readHtml } from '../../src/extract/text/html.js';
import { readTxtString } from '../../src/extract/text/txt.js';
import { APPLICATION_ROW_KEYS, type ApplicationRow } from '../../src/forms/index.js';
import { OTHER_SUB_ROWS } from '../forms.js';
import { emptyApplicantRow, emptyReviews, type ReviewsTable } from '../../src/record.js';
import { SEEDS } from '../fixtures/samples.js';
import { fixture } from './helpers.js';

/** A totals-only applications table: the listed totals, null everywhere else (as prose-filled tables are). */
const totals = (cells: Partial<Record<ApplicationRow, number | null>>) =>
  Object.fromEntries(
    APPLICATION_ROW_KEYS.filter((k) => !OTHER_SUB_ROWS.includes(k)).map((k) => [
      k,
      { ...emptyApplicantRow(), total: cells[k] ?? null },
    ]),
  );
const reviews = (cells: Partial<{ [G in keyof ReviewsTable]: Partial<ReviewsTable[G]> }>) => {
  const t = emptyReviews();
  for (const [g, c] of Object.entries(cells)) Object.assign(t[g as keyof ReviewsTable], c);
  return t;
};
const record = async (name: string) => {
  const r = await extractDocument({ bytes: fixture(name), name });
  return {
    year: r.year,
    template: r.template,
    proactive: r.proactive,
    applications: r.applications,
    reviews: r.reviews,
    checks: r.checks,
    warnings: r.warnings,
  };
};

const LITIGATION_WARNING = {
  code: 'unmapped_statistic',
  where: 'reviews.litigation',
  detail:
    '统计表 prints 行政诉讼数量 0, 维持具体行政行为或者驳回原告诉讼请求数 0, 被依法纠错数 0, 其他情形数 0 without saying whether suits followed a review; litigation groups left null',
};

describe('a 2014–2018 report with the 统计表', () => {
  it('text (tab layout): headline totals from the table, 行政复议 with its outcomes, nothing from the prose', async () => {
    // The prose says 15 applications (with consultations), 同意公开9, 部分公开2, 不掌握1 and no litigation:
    // none of it may reach a cell the table speaks about.
    expect(await record('pre2019-statistics-table.txt')).toEqual({
      year: 2016,
      template: 'pre2019',
      proactive: null,
      applications: totals({ new_received: 12, granted: 6, partially_granted: 1 }),
      reviews: reviews({ review: { upheld: 1, corrected: 0, other: 1, total: 2 } }),
      checks: [],
      warnings: [
        {
          code: 'unmapped_statistic',
          where: 'applications.unable_not_held.total',
          detail:
            '统计表 prints 不属于本行政机关公开数 1, 申请信息不存在数 1; 本机关不掌握 (2019 form) counts 信息不存在 and 不属于本机关 together, so the cell is left null',
        },
        LITIGATION_WARNING,
      ],
    });
  });

  it('HTML <table> with 序号, spaced and full-width cells: prose fills only what the table lacks (复议/诉讼)', async () => {
    expect(await record('pre2019-statistics-table.html')).toEqual({
      year: 2015,
      template: 'pre2019',
      proactive: null,
      // 同意部分公开 is printed "—": null, and the prose's figures (20 received, 予以公开15) stay out.
      applications: totals({ new_received: 12, granted: 7 }),
      reviews: reviews({
        review: { total: 1 },
        litigation_direct: { total: 0 },
        litigation_after_review: { total: 0 },
      }),
      checks: [],
      warnings: [
        {
          code: 'unmapped_statistic',
          where: 'applications.unable_not_held.total',
          detail:
            '统计表 prints 申请信息不存在数 2; 本机关不掌握 (2019 form) counts 信息不存在 and 不属于本机关 together, so the cell is left null',
        },
        {
          code: 'prose_figure',
          where: 'reviews.review.total',
          detail: "from prose: '本年度发生政府信息公开行政复议1件'",
        },
        {
          code: 'prose_figure',
          where: 'reviews.litigation_direct.total',
          detail: "from prose: '未发生政府信息公开行政诉讼'",
        },
        {
          code: 'prose_figure',
          where: 'reviews.litigation_after_review.total',
          detail: "from prose: '未发生政府信息公开行政诉讼'",
        },
      ],
    });
  });

  it('PDF rows: cells split at gaps, a row glued into one cell, units in brackets', () => {
    const cell = (text: string, x: number) => ({ text, x0: x, x1: x + 40 });
    const row = (label: string, unit: string, value: string): TextRow => ({
      tabular: true,
      page: 3,
      cells: [cell(label, 60), cell(unit, 380), cell(value, 460)],
    });
    const rows: TextRow[] = [
      { tabular: false, page: 3, cells: [{ text: '某某区2017年政府信息公开情况统计表' }] },
      row('统计指标', '计量单位', '统计数'),
      row('三、依申请公开情况', '—', '—'),
      row('（一）收到申请数', '件', '41'),
      { tabular: false, page: 3, cells: [{ text: '1.同意公开答复数 件 30' }] },
      { tabular: false, page: 3, cells: [{ text: '2.同意部分公开答复数（件）5' }] },
      row('四、行政复议数量', '件', '3'),
      row('（一）维持具体行政行为数', '件', '2'),
      row('（二）被依法纠错数', '件', '1'),
      row('（三）其他情形数', '件', '0'),
      row('五、行政诉讼数量', '件', '1'),
      row('六、举报投诉数量', '件', '0'),
      { tabular: false, page: 3, cells: [{ text: '某某区人民政府办公室' }] },
    ];
    const r = readForms(modelFromRows('pdf', rows), 2017);
    expect({
      template: r.template,
      applications: r.applications,
      reviews: r.reviews,
      headlineOnly: r.headlineOnly,
      warnings: r.warnings,
    }).toEqual({
      template: 'pre2019',
      applications: totals({ new_received: 41, granted: 30, partially_granted: 5 }),
      reviews: reviews({ review: { upheld: 2, corrected: 1, other: 0, total: 3 } }),
      headlineOnly: { applications: true, reviews: true }, // headline figures only: no identity is checked
      warnings: [
        {
          code: 'unmapped_statistic',
          where: 'reviews.litigation',
          detail:
            '统计表 prints 行政诉讼数量 1 without saying whether suits followed a review; litigation groups left null',
        },
      ],
    });
    expect(readStatisticsTable(rows)!.rows.size).toBe(11); // the title above and the signature below stay prose
  });
  it('HTML with rowspan group cells (依申请公开 · 行政复议 · 行政诉讼) in front of the labels', () => {
    const td = (...cells: string[]) => `<tr>${cells.join('')}</tr>`;
    const html = [
      '<table>',
      td('<td colspan="2">统计指标</td>', '<td>单位</td>', '<td>统计数</td>'),
      td('<td rowspan="3">依申请公开</td>', '<td>收到申请数</td>', '<td>件</td>', '<td>5</td>'),
      td('<td>同意公开答复数</td>', '<td>件</td>', '<td>3</td>'),
      td('<td>同意部分公开答复数</td>', '<td>件</td>', '<td>1</td>'),
      td('<td rowspan="4">行政复议</td>', '<td>行政复议数量</td>', '<td>件</td>', '<td>2</td>'),
      td('<td>维持具体行政行为数</td>', '<td>件</td>', '<td>2</td>'),
      td('<td>被依法纠错数</td>', '<td>件</td>', '<td>0</td>'),
      td('<td>其他情形数</td>', '<td>件</td>', '<td>0</td>'),
      td('<td rowspan="2">行政诉讼</td>', '<td>行政诉讼数量</td>', '<td>件</td>', '<td>1</td>'),
      td('<td>被依法纠错数</td>', '<td>件</td>', '<td>1</td>'),
      '</table>',
    ].join('\n');
    const r = readForms(readHtml(Buffer.from(html)), 2018);
    expect({ template: r.template, applications: r.applications, reviews: r.reviews, warnings: r.warnings }).toEqual({
      template: 'pre2019',
      applications: totals({ new_received: 5, granted: 3, partially_granted: 1 }),
      reviews: reviews({ review: { upheld: 2, corrected: 0, other: 0, total: 2 } }),
      warnings: [
        {
          code: 'unmapped_statistic',
          where: 'reviews.litigation',
          detail:
            '统计表 prints 行政诉讼行政诉讼数量 1, 行政诉讼被依法纠错数 1 without saying whether suits followed a review; litigation groups left null',
        },
      ],
    });
  });
});

describe('documents the 统计表 reader leaves alone', () => {
  it('a 2019-form report: no 统计表 found, table 三 exactly as the form reader gives it', async () => {
    const html = readHtml(fixture('report-table.html'));
    expect(readStatisticsTable(html.rows)).toBeNull();
    const r = await extractDocument({ bytes: fixture('report-table.html'), name: 'report-table.html' });
    expect(r.template).toBe('2019');
    expect(r.applications).toEqual(readApplications(splitSections(html.rows).applications).table);
    expect(r.applications!.new_received!.natural_person).toBe(12);
    expect(r.warnings.filter((w) => w.code === 'unmapped_statistic' || w.code === 'prose_figure')).toEqual([]);
  });

  it('the seed reports (2019 and 2021 forms) hold no 统计表', () => {
    const seeds = SEEDS;
    for (const seed of ['000_5b187f188d2c1fc2', '001_82da0c68b48e6d43', '002_6ac92d5cb3b88a66', '003_68024565e3af0575'])
      expect({
        seed,
        table: readStatisticsTable(readTxtString(readFileSync(path.join(seeds, `${seed}.txt`), 'utf8')).rows),
      }).toEqual({ seed, table: null });
  });

  it('prose naming the 统计表 rows is not the table', () => {
    const model = readTxtString(
      [
        '2016年，我县收到申请数较上年增加，同意公开答复数占多数，申请办结数全部按时办结，行政复议数量为零。',
        '全年收到政府信息公开申请15件，同意公开9件。',
      ].join('\n'),
    );
    expect(readStatisticsTable(model.rows)).toBeNull();
    expect(readForms(model, 2016).applications).toEqual(totals({ new_received: 15, granted: 9 }));
  });

  it('a 统计表 with one column per kind of unit (区政府 · 区直单位 · 乡镇) is another table', () => {
    const model = readTxtString(
      [
        '统计指标\t单位\t区政府统计数\t区直单位统计数\t乡镇街道统计数',
        '（一）收到申请数\t件\t3\t10\t2',
        '1.同意公开答复数\t件\t2\t8\t1',
        '2.同意部分公开答复数\t件\t0\t1\t0',
      ].join('\n'),
    );
    expect(readStatisticsTable(model.rows)).toBeNull();
  });
});
