// Provenance and charts in Chromium: "— 未核对" where no check could run, marks and details on cells
// read from prose, a loose label or OCR (visible without hover), the charts' CSV files equal to
// their bars, years on a time axis, and the phone layout (390×844) of the report and chart pages.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../src/net/browser.js';
import type { ReportRecord } from '../../src/record.js';
import { buildSiteWith } from '../../src/publish/site/index.js';
import { RECORDS } from '../fixtures/site/records.js';
import { serve } from './serve.js';

const SCREENSHOTS = path.resolve('test/.screenshots');
const ARGS = [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];

/** gz-2019-prov as if its page 3 had been a scan read by OCR, one digit of it corrected. */
const OCR: ReportRecord = (() => {
  const base = RECORDS.find((r) => r.report_id === 'gz-2019-prov')!;
  return {
    ...base,
    report_id: 'gz-2019-scan',
    source: { ...base.source, ocr: { name: 'tesseract', version: '5.3.0', pages: [3] } },
    warnings: [
      { code: 'ocr_text', where: 'document', detail: 'pages 3 read by OCR' },
      { code: 'ocr_corrected', where: 'applications.new_received.total', detail: '8 read as 3' },
    ],
  };
})();
const NO_CHECKS = RECORDS.find((r) => r.checks.length === 0)!;

let root: string;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'ogi-provenance-'));
  const build = async (version: string, records: ReportRecord[]) => {
    const versionDir = path.join(root, version);
    await mkdir(versionDir);
    await buildSiteWith({ records, versionDir, version, downloads: [] }, { pageSize: 10, perBucket: 4 });
  };
  await build('all', [...RECORDS, OCR]);
  // years 2020 and 2023 only: 2021 and 2022 are a gap on the time axis
  await build(
    'gap',
    RECORDS.filter((r) => r.year === 2020 || r.year === 2023),
  );
  server = await serve(root);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

async function openReport(id: string, version = 'all'): Promise<void> {
  await page.goto('about:blank');
  await page.goto(server.url(`${version}/site/report.html#${encodeURIComponent(id)}`));
  await page.waitForSelector(`body[data-ready="${id}"]`);
}

/** Visible text smaller than 12 CSS px on screen (an SVG's text counts at the size it is drawn), as "tag: text size". */
function smallText(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const e = n.parentElement!;
      if (!n.textContent!.trim()) continue;
      const rects = e.getClientRects();
      if (!rects.length || e.closest('.sr, [hidden], title')) continue;
      let size = Number.parseFloat(getComputedStyle(e).fontSize);
      const svg = e.closest('svg');
      if (svg) size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      if (size < 11.95) out.push(`${e.tagName}: ${n.textContent!.trim().slice(0, 20)} ${size.toFixed(1)}`);
    }
    return out;
  });
}

const scrollWidth = (p: Page) => p.evaluate(() => document.scrollingElement!.scrollWidth);

describe('checks that could not run', () => {
  it('shows "— 未核对" on the report page and in the list, never ✓', async () => {
    expect(NO_CHECKS.applications).toBeNull();
    await openReport(NO_CHECKS.report_id);
    expect(await page.textContent('#checks .not-checked strong .zh')).toBe('未核对');
    expect(await page.textContent('#checks .not-checked strong')).toMatch(/^— /);
    expect(await page.$$('#checks li.ok')).toHaveLength(0);
    // a checked report that passes still shows its passes, not "未核对"
    await openReport('gz-2020-prov');
    expect(await page.$('#checks .not-checked')).toBeNull();
    await page.goto(server.url(`all/site/index.html#q=${encodeURIComponent(NO_CHECKS.title!)}`));
    await page.waitForSelector(`tr[data-id="${NO_CHECKS.report_id}"]`);
    expect(await page.textContent(`tr[data-id="${NO_CHECKS.report_id}"] td.checks .zh`)).toBe('未核对');
    expect(await page.textContent(`tr[data-id="${NO_CHECKS.report_id}"] td.checks`)).not.toContain('✓');
  });
});

describe('cells read by OCR, from prose or by a loose label', () => {
  it('marks each with a sign explained by a legend in view, and shows where it was read on selection', async () => {
    await openReport(OCR.report_id);
    const cell = 'td[data-cell="applications.new_received.total"]';
    expect(await page.getAttribute(cell, 'class')).toContain('via-ocr');
    expect(await page.textContent(`${cell} .mark.ocr .sr`)).toBe(' (由 OCR 从扫描页识别)');
    // every cell of page 3 is marked; table 四 (page 4) is not
    expect(await page.$$eval('#table3 td .mark.ocr', (m) => m.length)).toBe(
      OCR.cells!.filter((c) => c.table === 'applications' && c.page === 3).length,
    );
    expect(await page.$$eval('#table4 td .mark.ocr', (m) => m.length)).toBe(0);
    // the legend names the marks table 三 uses, visible without hovering
    expect(await page.$$eval('#table3 .legend .legend-item', (l) => l.map((i) => i.getAttribute('data-mark')))).toEqual(
      ['loose', 'ocr'],
    );
    expect(await page.isVisible('#table3 .legend')).toBe(true);
    await page.click(`${cell} button.src`);
    expect(await page.textContent('#table3 .where .where-text .zh')).toMatch(
      /^第3页 · x \d+–\d+, y \d+–\d+ · 由 OCR 从扫描页识别 · OCR 数字已按勾稽关系校正 · 原文 “\d+”$/,
    );
    // the warnings say what OCR means, in Chinese, the code out of sight
    expect(await page.$$eval('#warnings li .warning-label .zh', (l) => l.map((e) => e.textContent))).toEqual([
      '文字经 OCR 识别',
      'OCR 数字已校正',
    ]);
    expect(await page.textContent('#warnings li:nth-child(2) .warning-where .zh')).toBe(
      '收到和处理政府信息公开申请情况 · 一、本年新收政府信息公开申请数量 · 总计',
    );
    // prose: the 文 mark and its legend
    await openReport('gz-2020-prov');
    expect(await page.$$eval('#table4 .legend .legend-item', (l) => l.map((i) => i.getAttribute('data-mark')))).toEqual(
      ['prose'],
    );
  });
});

describe('charts', () => {
  it("offers each chart's data as a CSV equal to its bars", async () => {
    await page.goto(server.url('all/site/charts.html'));
    const charts = await page.$$eval('figure.chart', (fs) =>
      fs.map((f) => ({ id: f.id, href: f.querySelector('.chart-data a')!.getAttribute('href')! })),
    );
    expect(charts.map((c) => c.id)).toEqual([
      'chart-applications',
      'chart-outcomes',
      'chart-reviews',
      'chart-coverage',
    ]);
    const csvOf = async (href: string) => {
      const [bom, body] = await page.evaluate(async (h) => {
        const bytes = new Uint8Array(await (await fetch(h)).arrayBuffer());
        return [[...bytes.slice(0, 3)].join(','), new TextDecoder().decode(bytes.slice(3))];
      }, href);
      expect(bom).toBe('239,187,191'); // UTF-8 BOM
      return parse(body!, { columns: true }) as Record<string, string>[];
    };
    const bars = (chart: string) =>
      page.$$eval(`svg.wide rect.bar[data-chart="${chart}"]`, (rs) =>
        rs.map((r) => [r.getAttribute('data-key')!, r.getAttribute('data-series')!, r.getAttribute('data-value')!]),
      );
    const long = (rows: Record<string, string>[], key: (r: Record<string, string>) => string, skip: string[]) =>
      rows.flatMap((r) =>
        Object.entries(r)
          .filter(([k]) => !skip.includes(k))
          .map(([k, v]) => [key(r), k, v]),
      );
    const apps = await csvOf(charts[0]!.href);
    expect(long(apps, (r) => r.year!, ['year'])).toEqual(await bars('applications'));
    const outcomes = await csvOf(charts[1]!.href);
    expect(long(outcomes, (r) => `${r.province}|all`, ['province', 'province_en'])).toEqual(await bars('outcomes'));
    const reviews = await csvOf(charts[2]!.href);
    expect(long(reviews, (r) => `${r.province}|${r.group}`, ['province', 'province_en', 'group'])).toEqual(
      await bars('reviews'),
    );
    const coverage = await csvOf(charts[3]!.href);
    expect(long(coverage, (r) => r.year!, ['year'])).toEqual(await bars('coverage'));
    // the value axis prints thousands with separators
    expect(
      await page.$$eval('#chart-applications svg.wide text.value-tick', (t) => t.map((e) => e.textContent)),
    ).toEqual(['0', '1,000', '2,000', '3,000']);
  });

  it('puts years on a time axis: 2020 and 2023 three years apart, the years between a visible gap', async () => {
    await page.goto(server.url('gap/site/charts.html'));
    const centre = (sel: string) =>
      page.$eval(sel, (e) => {
        const b = (e as SVGGraphicsElement).getBBox();
        return b.x + b.width / 2;
      });
    const svg = '#chart-coverage svg.wide';
    const x2020 = await centre(`${svg} rect.bar[data-key="2020"]`);
    const x2023 = await centre(`${svg} rect.bar[data-key="2023"]`);
    const unit =
      (await centre(`${svg} text.year-tick[data-year="2021"]`)) -
      (await centre(`${svg} text.year-tick[data-year="2020"]`));
    expect(unit).toBeGreaterThan(0);
    expect(x2023 - x2020).toBeCloseTo(3 * unit, 0);
    expect(
      await page.$$eval(`${svg} text.year-tick`, (t) =>
        t.map((e) => `${e.textContent}${e.classList.contains('gap') ? ' gap' : ''}`),
      ),
    ).toEqual(['2020', '2021 gap', '2022 gap', '2023']);
    expect(await page.$$eval(`${svg} rect.bar[data-key="2021"]`, (r) => r.length)).toBe(0);
  });
});

describe('phone layout (390×844)', () => {
  it('fits the report and chart pages in the width, with no text under 12 px', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      for (const [name, url] of [
        ['report-phone', `all/site/report.html#${OCR.report_id}`],
        ['report-prose-phone', 'all/site/report.html#gz-2020-prov'],
        ['charts-phone', 'all/site/charts.html'],
      ] as const) {
        await phone.goto('about:blank');
        await phone.goto(server.url(url));
        if (name.startsWith('report')) await phone.waitForSelector('body[data-ready]:not([data-ready="not-found"])');
        expect(await scrollWidth(phone), name).toBeLessThanOrEqual(390);
        expect(await smallText(phone), name).toEqual([]);
        if (name === 'report-phone') await phone.click('td[data-cell="applications.new_received.total"] button.src');
        await phone.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
      }
      // the phone drawing of a chart is the one shown, at no less than its own size
      await phone.goto(server.url('all/site/charts.html'));
      expect(await phone.isVisible('#chart-outcomes svg.narrow')).toBe(true);
      expect(await phone.isVisible('#chart-outcomes svg.wide')).toBe(false);
    } finally {
      await phone.close();
    }
    // and the wide drawing on a desktop
    await page.goto(server.url('all/site/charts.html'));
    expect(await page.isVisible('#chart-outcomes svg.wide')).toBe(true);
    expect(await smallText(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'charts-desktop.png'), fullPage: true });
  });
});
