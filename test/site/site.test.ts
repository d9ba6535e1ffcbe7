// The dataset site in a real browser (Debian's Chromium), built from test/fixtures/site records
// and served on 127.0.0.1; once also opened from disk (file://).
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../src/net/browser.js';
import { agencyIdOf } from '../../src/publish/agencies.js';
import { buildSiteWith } from '../../src/publish/site/index.js';
import { RECORDS } from '../fixtures/site/records.js';
import { serve } from './serve.js';

const VERSION = '2026-01-20';
const SCREENSHOTS = path.resolve('test/.screenshots');
const ARGS = [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];

let root: string;
let versionDir: string;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let page: Page;
let requested: string[] = [];

const siteUrl = (p: string) => server.url(`${VERSION}/site/${p}`);

async function ids(): Promise<string[]> {
  return page.$$eval('#reports tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-id')!));
}

/** Waits for the list to finish rendering after an action. */
async function settle(action: () => Promise<unknown>): Promise<void> {
  const before = await page.getAttribute('body', 'data-ready');
  await action();
  await page.waitForFunction((b) => {
    const now = document.body.getAttribute('data-ready');
    return now !== null && now !== b;
  }, before);
}

async function openList(hash = ''): Promise<void> {
  // A fresh load: from the list page itself, a URL that differs only in its hash would be a
  // same-document navigation, and the previous render's data-ready would satisfy the wait below.
  await page.goto('about:blank');
  await page.goto(siteUrl(`index.html${hash}`));
  await page.waitForSelector('body[data-ready]');
}

async function openReport(id: string): Promise<void> {
  await page.goto('about:blank'); // as openList: a fresh load, never a hash change of the same page
  await page.goto(siteUrl(`report.html#${encodeURIComponent(id)}`));
  await page.waitForSelector(`body[data-ready="${id}"]`);
}

const cell = (key: string) => page.textContent(`td[data-cell="${key}"]`);

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'ogi-site-'));
  versionDir = path.join(root, VERSION);
  await mkdir(versionDir);
  const files: Record<string, string> = {
    'reports.jsonl': `${RECORDS.map((r) => JSON.stringify(r)).join('\n')}\n`,
    'reports.csv':
      'report_id,title\n' +
      RECORDS.map((r) => `${r.report_id},"${(r.title ?? '').replace(/"/g, '""')}"`).join('\n') +
      '\n',
    'CODEBOOK.md': '# Codebook\n\n`report_id`: stable id\n',
    'CHANGELOG.md': `# ${VERSION}\n\nAdded 30 reports.\n`,
    SHA256SUMS: '0000  reports.jsonl\n',
  };
  const downloads = [];
  for (const [name, text] of Object.entries(files)) {
    await writeFile(path.join(versionDir, name), text);
    downloads.push({ name, bytes: (await stat(path.join(versionDir, name))).size });
  }
  await buildSiteWith(
    { records: RECORDS, versionDir, version: VERSION, downloads },
    { pageSize: 10, perBucket: 4, perAgencyBucket: 3 },
  );
  server = await serve(root);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('request', (r) => requested.push(new URL(r.url()).pathname.replace(`/${VERSION}/site/`, '')));
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('report list', () => {
  it('first shows page 1 from the summary alone, newest first', async () => {
    requested = [];
    await openList();
    expect(await ids()).toEqual([
      'hlj-2023-hrb',
      'sh-2023-office',
      'hb-2023-whsthj',
      'hlj-2022-hrb',
      'hlj-2022-xiang',
      'sh-2022-office',
      'hb-2022-prov',
      'hb-2022-jingmen',
      'gz-2022-all',
      'gz-2022-prov',
    ]);
    expect(await page.getAttribute('#count', 'data-total')).toBe('30');
    expect(requested.filter((p) => p.includes('data/'))).toEqual(['data/labels.js', 'data/summary.js']);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'list.png'), fullPage: true });
  });

  it('pages through all reports', async () => {
    await openList();
    await settle(() => page.click('#next'));
    expect(await ids()).toEqual([
      'gz-2022-gy',
      'hlj-2021-hrb',
      'hlj-2021-mulan',
      'sh-2021-office',
      'sh-2021-pudong',
      'hb-2021-whsthj',
      'hb-2021-jingmen',
      'gz-2021-prov',
      'gz-2021-jgsw',
      'gz-2021-yunyan',
    ]);
    expect(await page.textContent('#pageinfo .zh')).toBe('第 2 / 3 页');
    await settle(() => page.click('#next'));
    expect(await ids()).toEqual([
      'gz-2021-gy',
      'hlj-2020-dagui',
      'sh-2020-office',
      'hb-2020-jingmen',
      'gz-2020-prov',
      'hlj-2019-prov',
      'sh-2019-all',
      'sh-2019-office',
      'gz-2019-prov',
      'gz-2018-prov',
    ]);
    expect(await page.isDisabled('#next')).toBe(true);
  });

  it('filters by province and year, loading only that province', async () => {
    await openList();
    requested = [];
    const guizhou = await page.$eval(
      '#province',
      (s: HTMLSelectElement) => [...s.options].find((o) => o.getAttribute('data-label-zh') === '贵州省')!.value,
    );
    expect(guizhou).toBe('520000');
    await settle(() => page.selectOption('#province', guizhou));
    expect(await page.getAttribute('#count', 'data-total')).toBe('10');
    await settle(() => page.selectOption('#year', '2021'));
    expect(await ids()).toEqual(['gz-2021-prov', 'gz-2021-jgsw', 'gz-2021-yunyan', 'gz-2021-gy']);
    expect(await page.$$eval('#reports tbody tr:first-child td', (tds) => tds.map((td) => td.textContent))).toEqual([
      '2021',
      '贵州省Guizhou',
      '',
      '贵州省人民政府办公厅',
      '贵州省人民政府办公厅2021年政府信息公开工作年度报告',
      '省级Province',
      '2021年版表格2021 form',
      '189',
      '185',
      '4.9%', // 9 refused of 185 processed
      '0',
      '1',
      '✓',
    ]);
    expect(requested.filter((p) => p.includes('data/'))).toEqual(['data/rows/p-520000.js']);
    await settle(() => page.selectOption('#city', '贵阳市'));
    expect(await ids()).toEqual(['gz-2021-yunyan', 'gz-2021-gy']);
    expect(page.url()).toContain('#province=520000&city=%E8%B4%B5%E9%98%B3%E5%B8%82&year=2021');
  });

  it('restores filters from the address', async () => {
    await openList('#level=department');
    expect(await ids()).toEqual(['hb-2023-whsthj', 'hb-2021-whsthj', 'gz-2021-jgsw']);
    expect(await page.inputValue('#level')).toBe('department');
  });

  it('lists the reports whose numbers do not add up', async () => {
    await openList();
    await settle(() => page.check('#failed'));
    expect(await ids()).toEqual(['hb-2023-whsthj', 'sh-2022-office', 'hlj-2021-mulan', 'hb-2021-jingmen']);
    expect(await page.$$eval('#reports tbody td.checks', (tds) => tds.map((td) => td.textContent))).toEqual([
      '✗ 2',
      '✗ 1',
      '✗ 2',
      '✗ 2',
    ]);
  });

  it('searches titles and agencies, escaping what it shows', async () => {
    await openList();
    await settle(() => page.fill('#q', '荆门'));
    expect(await ids()).toEqual(['hb-2022-jingmen', 'hb-2021-jingmen', 'hb-2020-jingmen']);
    await settle(() => page.fill('#q', '<附表> & "说明"'));
    expect(await ids()).toEqual(['hb-2022-prov']);
    expect(await page.textContent('#reports tbody a[href^="report.html"]')).toBe(
      RECORDS.find((r) => r.report_id === 'hb-2022-prov')!.title,
    );
    await settle(() => page.fill('#q', '生态环境局'));
    await settle(() => page.selectOption('#template', '2019'));
    expect(await ids()).toEqual(['hb-2023-whsthj']);
    await settle(() => page.fill('#q', '没有这个机关'));
    expect(await ids()).toEqual([]);
    expect(await page.textContent('#status .zh')).toBe('没有符合条件的报告');
  });

  it('switches to English labels and back', async () => {
    await openList();
    await page.click('#lang');
    expect(await page.getAttribute('html', 'data-lang')).toBe('en');
    expect(await page.isVisible('text=Only reports whose numbers')).toBe(true);
    expect(await page.$eval('#province option:nth-child(2)', (o) => o.textContent)).toBe('Heilongjiang (7)');
    await page.reload();
    await page.waitForSelector('body[data-ready]');
    expect(await page.getAttribute('html', 'data-lang')).toBe('en');
    expect(await page.$$eval('#reports thead th', (ths) => ths.map((th) => (th as HTMLElement).innerText))).toEqual([
      'Year',
      'Province',
      'City',
      'Agency',
      'Title',
      'Level',
      'Form',
      'New requests',
      'Processed',
      'Share refused',
      'Reconsiderations',
      'Lawsuits',
      'Checks',
    ]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'list-en.png'), fullPage: true });
    await page.click('#lang');
    expect(await page.getAttribute('html', 'data-lang')).toBe('zh');
    expect(await page.$eval('#province option:nth-child(2)', (o) => o.textContent)).toBe('黑龙江省 (7)');
  });
});

describe('report page', () => {
  it('lays out a 2021-form report and marks the broken balance', async () => {
    await openReport('hb-2021-jingmen');
    const record = RECORDS.find((r) => r.report_id === 'hb-2021-jingmen')!;
    expect(await page.textContent('#title')).toBe('荆门市人民政府2021年政府信息公开工作年度报告');
    expect(await page.textContent('dd[data-field="sha256"]')).toBe(record.source.sha256);
    expect(await page.getAttribute('dd[data-field="document_url"] a', 'href')).toBe(record.source.document_url);
    expect(await page.getAttribute('dd[data-field="page_url"] a', 'href')).toBe(record.source.page_url);
    // table 三: exact cells, blank stays blank, zero shows 0
    expect(await cell('applications.new_received.natural_person')).toBe('27');
    expect(await cell('applications.new_received.commercial_enterprise')).toBe('3');
    expect(await cell('applications.new_received.research_institution')).toBe('0');
    expect(await cell('applications.new_received.total')).toBe('30');
    expect(await cell('applications.carried_over.research_institution')).toBe('');
    expect(await page.getAttribute('td[data-cell="applications.carried_over.research_institution"]', 'class')).toBe(
      'cell blank',
    );
    expect(await cell('applications.carried_forward.natural_person')).toBe('3');
    expect(await page.$$eval('#table3 tbody tr', (trs) => trs.length)).toBe(25);
    expect(await page.$eval('#table3 th[rowspan="8"]', (th) => th.querySelector('.zh')!.textContent)).toBe(
      '（三）不予公开',
    );
    expect(
      await page.$$eval('#table3 tbody th[rowspan]', (ths) =>
        ths.map((th) => `${th.querySelector('.zh')!.textContent}:${th.getAttribute('rowspan')}`),
      ),
    ).toEqual([
      '三、本年度办理结果:22',
      '（三）不予公开:8',
      '（四）无法提供:3',
      '（五）不予处理:5',
      '（六）其他处理:3',
    ]);
    expect(
      await page.$$eval('#table3 tbody tr:nth-child(21) th', (ths) =>
        ths.map((th) => th.querySelector('.zh')!.textContent),
      ),
    ).toEqual(['（六）其他处理', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请']);
    // the failed check: its cells and its line in the list
    expect(await page.$$eval('td.bad', (tds) => tds.map((td) => td.getAttribute('data-cell')))).toEqual([
      'applications.new_received.natural_person',
      'applications.new_received.total',
      'applications.carried_over.natural_person',
      'applications.carried_over.total',
      'applications.total_processed.natural_person',
      'applications.total_processed.total',
      'applications.carried_forward.natural_person',
      'applications.carried_forward.total',
    ]);
    expect(
      await page.$$eval('#checks li.failed', (lis) =>
        lis.map((li) => [li.getAttribute('data-rule'), li.getAttribute('data-detail')]),
      ),
    ).toEqual([
      [
        'applications.balance',
        'natural_person: new_received 27 + carried_over 2 ≠ total_processed 27 + carried_forward 3',
      ],
      ['applications.balance', 'total: new_received 30 + carried_over 2 ≠ total_processed 30 + carried_forward 3'],
    ]);
    const [natural, total] = await page.$$eval('#checks li.failed', (lis) =>
      lis.map((li) => li.getAttribute('data-check')),
    );
    expect(await page.getAttribute('td[data-cell="applications.carried_forward.natural_person"]', 'data-checks')).toBe(
      natural,
    );
    expect(await page.getAttribute('td[data-cell="applications.carried_forward.total"]', 'data-checks')).toBe(total);
    expect(await page.$$eval('#checks details.passed li.ok', (lis) => lis.length)).toBe(
      record.checks.filter((c) => c.ok).length,
    );
    expect(await page.isVisible('#checks details.passed li.ok')).toBe(false);
    // table 二 (2021 form) and table 四
    expect(
      await page.$$eval('#table2 th.banner', (ths) => ths.map((th) => th.querySelector('.zh')!.textContent)),
    ).toEqual(['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项']);
    expect(await cell('proactive.normative_documents.in_force')).toBe(
      String(record.proactive!.normative_documents!.in_force),
    );
    expect(await cell('proactive.fees.amount_wan_yuan')).toBe('0');
    expect(await page.$$eval('#table4 td', (tds) => tds.map((td) => td.textContent))).toEqual(
      ['review', 'litigation_direct', 'litigation_after_review'].flatMap((g) =>
        ['upheld', 'corrected', 'other', 'pending', 'total'].map((c) =>
          String(record.reviews![g as 'review']![c as 'total']),
        ),
      ),
    );
    expect(await page.textContent('#checks li.failed .detail .zh')).toBe(
      '自然人：一、本年新收政府信息公开申请数量 27 ＋ 二、上年结转政府信息公开申请数量 2 ≠ （七）总计 27 ＋ 四、结转下年度继续办理 3',
    );
    expect(await page.textContent('#checks li.failed .explain .zh')).toMatch(/^收到和处理政府信息公开申请情况：/);
    expect(await page.textContent('#warnings li .warning-label .zh')).toBe('数字粘连');
    expect(await page.textContent('#warnings li .warning-where .zh')).toBe(
      '收到和处理政府信息公开申请情况 · 一、本年新收政府信息公开申请数量',
    );
    // no code-like English in the Chinese interface: the code and the English note stay out of sight
    expect(await page.isVisible('#warnings li .warning-detail code')).toBe(false);
    expect(await page.textContent('#warnings li .warning-detail code')).toBe('"2730" read as 27 / 3 / 0');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report.png'), fullPage: true });
  });

  it('shows where each number of a PDF report was read, and marks a loosely matched row', async () => {
    await openReport('gz-2019-prov');
    const record = RECORDS.find((r) => r.report_id === 'gz-2019-prov')!;
    const td = 'td[data-cell="applications.new_received.natural_person"]';
    // first row of table 三, first column: page 3, box [300, 120.5, 307.03, 134.55]
    expect(await page.getAttribute(td, 'title')).toBe(
      `第3页 · x 300–307, y 121–135 · 原文 “${record.applications!.new_received!.natural_person}”\n` +
        `page 3 · x 300–307, y 121–135 · printed “${record.applications!.new_received!.natural_person}”`,
    );
    expect(await page.getAttribute(`${td} button.src`, 'aria-expanded')).toBe('false');
    expect(await page.isHidden('#table3 .where')).toBe(true);
    await page.click(`${td} button.src`);
    expect(await page.getAttribute(`${td} button.src`, 'aria-expanded')).toBe('true');
    expect(await page.isVisible('#table3 .where')).toBe(true);
    expect(await page.textContent('#table3 .where .where-text .zh')).toBe(
      `第3页 · x 300–307, y 121–135 · 原文 “${record.applications!.new_received!.natural_person}”`,
    );
    expect(await page.getAttribute('#table3 .where .where-head', 'data-key')).toBe(
      'applications.new_received.natural_person',
    );
    expect(await page.textContent('#table3 .where .where-cell .zh')).toBe(
      '收到和处理政府信息公开申请情况 · 一、本年新收政府信息公开申请数量 · 自然人',
    );
    // the row read by a loose label is marked in each cell, and says so
    const loose = 'td[data-cell="applications.denied_third_party.total"]';
    expect(await page.getAttribute(loose, 'class')).toContain('loose');
    expect(await page.textContent(`${loose} .mark.loose .sr`)).toBe(' (行名仅部分匹配，请核对)');
    expect(await page.$$eval('#table3 td .mark.loose', (m) => m.length)).toBe(7);
    // table 四 on page 4
    expect(await page.getAttribute('td[data-cell="reviews.litigation_direct.upheld"]', 'title')).toMatch(
      /^第4页 · x 230–237, y 452–466 · 原文 “\d+”\npage 4 /,
    );
    // closing by keyboard brings the focus back to the number
    await page.click(`${td} button.src`);
    expect(await page.isHidden('#table3 .where')).toBe(true);
    await page.focus(`${td} button.src`);
    await page.keyboard.press('Enter');
    expect(await page.isVisible('#table3 .where')).toBe(true);
    await page.click('#table3 .where-close');
    expect(await page.isHidden('#table3 .where')).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.closest('td')?.getAttribute('data-cell'))).toBe(
      'applications.new_received.natural_person',
    );
    // a table without cell sources has no buttons
    expect(await page.$$eval('#table2 button.src', (b) => b.length)).toBe(0);
    await page.click(`${td} button.src`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-cells.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.click('td[data-cell="reviews.review.upheld"] button.src');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-cells-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('shows the element path of an HTML cell and marks a figure read from prose', async () => {
    await openReport('gz-2020-prov');
    const record = RECORDS.find((r) => r.report_id === 'gz-2020-prov')!;
    const first = record.cells![0]!;
    const td = `td[data-cell="proactive.${first.row}.${first.column}"]`;
    expect(await page.getAttribute(td, 'title')).toBe(
      `表格第3行 第2格 (body>div[2]>div[1]>table[1]>tbody[1]>tr[3]>td[2]) · 原文 “${first.printed}”\n` +
        `table row 3, cell 2 (body>div[2]>div[1]>table[1]>tbody[1]>tr[3]>td[2]) · printed “${first.printed}”`,
    );
    const prose = 'td[data-cell="reviews.review.total"]';
    expect(await page.getAttribute(prose, 'class')).toContain('via-prose');
    expect(await page.textContent(`${prose} .mark.prose .sr`)).toBe(' (摘自正文文字)');
    await page.click(`${prose} button.src`);
    expect(await page.textContent('#table4 .where .where-text .zh')).toBe(
      `段落 (body>div[2]>div[1]>p[31]) · 原文 “全年发生行政复议${record.reviews!.review.total}件” · 摘自正文文字`,
    );
    // the other cells of table 四 were not read from the document: plain, no button
    expect(await page.$$eval('#table4 button.src', (b) => b.length)).toBe(1);
  });

  it('offers the record JSON, the same as the published record', async () => {
    for (const id of [
      'hb-2021-jingmen',
      'sh-2019-office',
      'gz-2018-prov',
      'hlj-2020-dagui',
      'gz-2019-prov',
      'gz-2020-prov',
    ]) {
      await openReport(id);
      const text = await page.evaluate(async () =>
        (await fetch((document.getElementById('record-json') as HTMLAnchorElement).href)).text(),
      );
      // The published record: the fixture's, with its agency_id (set by the site builder) after agency.
      const record = RECORDS.find((r) => r.report_id === id)!;
      const published = Object.fromEntries(
        Object.entries(record).flatMap(([k, v]) =>
          k === 'agency'
            ? [
                [k, v],
                ['agency_id', agencyIdOf(record)],
              ]
            : [[k, v]],
        ),
      );
      expect(JSON.parse(text)).toEqual(published);
      expect(Object.keys(JSON.parse(text))).toEqual(Object.keys(published));
      const shard = await page.getAttribute('#shard', 'href');
      expect((await page.request.get(siteUrl(shard!))).status()).toBe(200);
    }
  });

  it('shows a 2019-form report with blanks, the money as printed and the single （六） row', async () => {
    await openReport('sh-2019-office');
    expect(await page.$$eval('#table3 tbody tr', (trs) => trs.length)).toBe(23);
    expect(
      await page.$$eval('td[data-cell^="applications.denied_state_secret."]', (tds) => tds.map((td) => td.textContent)),
    ).toEqual(['', '', '', '', '', '', '']);
    expect(await cell('applications.denied_third_party.total')).toBe('5');
    expect(await cell('proactive.procurement.amount_wan_yuan')).toBe('25.1251000元');
    expect(await page.textContent('td[data-cell="proactive.procurement.amount_wan_yuan"] .raw')).toBe('251000元');
    expect(await cell('proactive.licensing.change')).toBe('-3');
    expect(await page.$$eval('td.bad', (tds) => tds.length)).toBe(0);
  });

  it('marks a failed 行政复议 total and a 2019 grid used in 2023', async () => {
    await openReport('sh-2022-office');
    expect(await page.$$eval('td.bad', (tds) => tds.map((td) => td.getAttribute('data-cell')))).toEqual([
      'reviews.review.upheld',
      'reviews.review.corrected',
      'reviews.review.other',
      'reviews.review.pending',
      'reviews.review.total',
    ]);
    await openReport('hb-2023-whsthj');
    expect(await page.$$eval('#table3 tbody tr', (trs) => trs.length)).toBe(23);
    expect(
      await page.$$eval('td.bad', (tds) => [...new Set(tds.map((td) => td.getAttribute('data-cell')!.split('.')[2]))]),
    ).toEqual(['natural_person', 'total']);
    expect(await page.$$eval('td.bad[data-cell$=".natural_person"]', (tds) => tds.length)).toBe(1 + 18 + 1);
    expect(await cell('applications.other.natural_person')).toBe('2');
  });

  it('shows the single （六） row a 2021-form report prints, under the 2021 table 二', async () => {
    await openReport('hb-2022-jingmen');
    expect(await page.$$eval('#table3 tbody tr', (trs) => trs.length)).toBe(23);
    expect(
      await page.$$eval('#table3 tbody tr:nth-child(21) th', (ths) =>
        ths.map((th) => th.querySelector('.zh')!.textContent),
      ),
    ).toEqual(['（六）其他处理']);
    expect(await page.$$eval('td[data-cell^="applications.other."]', (tds) => tds.map((td) => td.textContent))).toEqual(
      ['1', '0', '0', '0', '0', '0', '1'],
    );
    expect(await page.$$eval('#table2 th.banner', (ths) => ths.length)).toBe(4);
  });

  it('shows a report without tables and escapes a hostile title', async () => {
    await openReport('hlj-2022-xiang');
    expect(await page.$$eval('#table3 .status .zh', (ps) => ps.map((p) => p.textContent))).toEqual(['报告中没有此表']);
    await openReport('hb-2022-prov');
    expect(await page.textContent('#title')).toBe(RECORDS.find((r) => r.report_id === 'hb-2022-prov')!.title);
    expect(await page.$eval('#title', (h) => h.children.length)).toBe(0);
  });

  it('says so when the id is unknown', async () => {
    await page.goto(siteUrl('report.html#no-such-report'));
    await page.waitForSelector('body[data-ready="not-found"]');
    expect(await page.textContent('#title .zh')).toBe('找不到这份报告');
    await page.goto('about:blank');
    await page.goto(siteUrl('report.html#%E0%A4%A'));
    await page.waitForSelector('body[data-ready="not-found"]');
    expect(await page.textContent('main p:last-child')).toBe('%E0%A4%A');
  });
});

describe('charts', () => {
  it('draws one bar per year, province outcome and level', async () => {
    await page.goto(siteUrl('charts.html'));
    const bars = (chart: string) =>
      page.$$eval(`svg.wide rect.bar[data-chart="${chart}"]`, (rs) =>
        rs.map((r) => `${r.getAttribute('data-key')}|${r.getAttribute('data-series')}=${r.getAttribute('data-value')}`),
      );
    const own = RECORDS.filter((r) => r.scope === 'agency');
    const received = (y: number) =>
      own.filter((r) => r.year === y).reduce((s, r) => s + (r.applications?.new_received?.total ?? 0), 0);
    expect(await bars('applications')).toEqual(
      [2019, 2020, 2021, 2022, 2023].map((y) => `${y}|new_received=${received(y)}`),
    );
    // Six outcome categories: 予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理.
    expect(await bars('outcomes')).toHaveLength(4 * 6);
    expect(
      await page.$$eval('svg.wide rect.bar[data-chart="outcomes"]', (rs) => [
        ...new Set(rs.map((r) => r.getAttribute('data-key'))),
      ]),
    ).toEqual(['黑龙江省|all', '上海市|all', '湖北省|all', '贵州省|all']);
    expect(await bars('reviews')).toHaveLength(4 * 2 * 4);
    const coverage = await bars('coverage');
    expect(coverage).toHaveLength(6 * 5);
    expect(coverage.filter((b) => b.startsWith('2021|'))).toEqual([
      '2021|province=2',
      '2021|city=3',
      '2021|county=3',
      '2021|township=0',
      '2021|department=2',
    ]);
    expect(coverage.filter((b) => b.startsWith('2018|'))).toEqual([
      '2018|province=1',
      '2018|city=0',
      '2018|county=0',
      '2018|township=0',
      '2018|department=0',
    ]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'charts.png'), fullPage: true });
  });
});

describe('downloads', () => {
  it('links every file of the version with its size', async () => {
    await openList();
    const rows = await page.$$eval('#downloads tbody tr', (trs) =>
      trs.map((tr) => [tr.querySelector('a')!.textContent, tr.querySelector('td.num')!.getAttribute('data-bytes')]),
    );
    expect(rows.map((r) => r[0])).toEqual([
      'CHANGELOG.md',
      'CODEBOOK.md',
      'SHA256SUMS',
      'reports.csv',
      'reports.jsonl',
    ]);
    const href = await page.$eval('#downloads a[href="../reports.jsonl"]', (a) => (a as HTMLAnchorElement).href);
    const res = await page.request.get(href);
    expect(res.status()).toBe(200);
    const expected = await readFile(path.join(versionDir, 'reports.jsonl'));
    expect(Buffer.from(await res.body()).equals(expected)).toBe(true);
    expect(rows.find((r) => r[0] === 'reports.jsonl')![1]).toBe(String(expected.length));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#downloads a[href="../reports.csv"]'),
    ]);
    expect(download.suggestedFilename()).toBe('reports.csv');
    expect(
      (await readFile((await download.path())!)).equals(await readFile(path.join(versionDir, 'reports.csv'))),
    ).toBe(true);
    const changelog = await page.$eval(
      '#downloads .docs a[href="../CHANGELOG.md"]',
      (a) => (a as HTMLAnchorElement).href,
    );
    expect(await (await page.request.get(changelog)).text()).toBe(`# ${VERSION}\n\nAdded 30 reports.\n`);
  });
});

describe('from disk', () => {
  it('renders the list, a filter and a report from file://', async () => {
    const p = await browser.newPage();
    await p.goto(`file://${path.join(versionDir, 'site', 'index.html')}`);
    await p.waitForSelector('body[data-ready]');
    expect(await p.$$eval('#reports tbody tr', (trs) => trs.length)).toBe(10);
    const before = await p.getAttribute('body', 'data-ready');
    await p.selectOption('#year', '2020');
    await p.waitForFunction((b) => document.body.getAttribute('data-ready') !== b, before);
    expect(await p.$$eval('#reports tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-id')))).toEqual([
      'hlj-2020-dagui',
      'sh-2020-office',
      'hb-2020-jingmen',
      'gz-2020-prov',
    ]);
    await p.click('#reports tbody tr:nth-child(3) a[href^="report.html"]');
    await p.waitForSelector('body[data-ready="hb-2020-jingmen"]');
    expect(await p.textContent('#title')).toBe('荆门市人民政府2020年政府信息公开工作年度报告');
    await p.close();
  });
});
