// The agency page (agency.html#<agency_id>) in a real browser (Debian's Chromium), built from the
// test/fixtures/site records and served on 127.0.0.1: its figures across years (table, chart on a
// time axis with gaps, CSV), its cross-year comparisons, the links between list, report and agency
// pages, one data bucket loaded per agency, and the phone layout.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figureValue, HEADLINES } from '../../src/forms/index.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../src/net/browser.js';
import { agencyIdOf, buildRegistry } from '../../src/publish/agencies.js';
import { compareYears } from '../../src/publish/checks.js';
import { AGENCY_FIGURES } from '../../src/publish/site/agencies.js';
import { buildSiteWith } from '../../src/publish/site/index.js';
import { CHECK_RULES } from '../../src/publish/site/labels.js';
import type { ReportRecord } from '../../src/record.js';
import { RECORDS } from '../fixtures/site/records.js';
import { serve } from './serve.js';

const VERSION = '2026-01-20';
const SCREENSHOTS = path.resolve('test/.screenshots');
const ARGS = [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];

let root: string;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let page: Page;
let requested: string[] = [];

const siteUrl = (p: string) => server.url(`${VERSION}/site/${p}`);
const registry = buildRegistry(RECORDS);
const reportsOf = (name: string): ReportRecord[] => registry.agencies.find((a) => a.name === name)!.reports;
const idOf = (name: string) => agencyIdOf(reportsOf(name)[0]!)!;
const thousands = (v: number | null) => (v === null ? '' : v.toLocaleString('en-US'));
const figure = (r: ReportRecord, name: string) => figureValue(r, HEADLINES.find((h) => h.name === name)!.figure);

async function openAgency(id: string): Promise<void> {
  await page.goto('about:blank'); // a fresh load, never a hash change of the same page
  await page.goto(siteUrl(`agency.html#${encodeURIComponent(id)}`));
  await page.waitForSelector(`body[data-ready="${id}"]`);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'ogi-agency-'));
  const versionDir = path.join(root, VERSION);
  await mkdir(versionDir);
  await buildSiteWith(
    { records: RECORDS, versionDir, version: VERSION, downloads: [] },
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

describe('agency page', () => {
  const NAME = '贵州省人民政府办公厅';

  it('shows the figures of every year, one row per report, loading one agency bucket', async () => {
    requested = [];
    await openAgency(idOf(NAME));
    expect(await page.textContent('#title')).toBe(NAME);
    expect(requested.filter((p) => p.startsWith('data/agencies/'))).toHaveLength(1);
    expect(requested.filter((p) => p.startsWith('data/reports/') || p.startsWith('data/list/'))).toEqual([]);
    const reports = reportsOf(NAME);
    expect(
      await page.$$eval('.agency-figures tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-report'))),
    ).toEqual(reports.map((r) => r.report_id));
    const cells = await page.$$eval('.agency-figures tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
    );
    expect(cells).toEqual(
      reports.map((r) => [String(r.year), r.title, ...AGENCY_FIGURES.map((f) => thousands(figure(r, f.name)))]),
    );
    expect(await page.textContent('[data-field="agency_id"]')).toBe(idOf(NAME));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'agency.png'), fullPage: true });
  });

  it('shows the cross-year checks of consecutive years: 结转 → 上年结转 and documents in force', async () => {
    await openAgency(idOf(NAME));
    const reports = reportsOf(NAME);
    const pairs = reports.slice(1).map((r, i) => [reports[i]!, r] as const);
    expect(await page.$$eval('.pair', (ps) => ps.map((p) => p.getAttribute('data-years')))).toEqual(
      pairs.map(([a, b]) => `${a.year}-${b.year}`),
    );
    for (const [a, b] of pairs) {
      const shown = await page.$$eval(`.pair[data-years="${a.year}-${b.year}"] li`, (lis) =>
        lis.map((li) => [
          li.getAttribute('data-rule'),
          li.getAttribute('data-item'),
          li.className,
          li.querySelector('code:last-child')!.textContent,
        ]),
      );
      const expected = compareYears(a, b);
      expect(shown).toEqual([
        ...expected.filter((c) => !c.ok).map((c) => [c.rule, c.item, 'failed', c.detail]),
        ...expected.filter((c) => c.ok).map((c) => [c.rule, c.item, 'ok', c.detail]),
      ]);
    }
    const rules = await page.$$eval('.pair li .rule .zh', (s) => [...new Set(s.map((x) => x.textContent))]);
    expect(rules).toEqual(
      expect.arrayContaining([CHECK_RULES['cross_year.carried_over'][0], CHECK_RULES['cross_year.in_force'][0]]),
    );
    expect(await page.$$eval('.pair li.failed[data-rule="cross_year.carried_over"]', (l) => l.length)).toBeGreaterThan(
      0,
    );
  });

  it('draws the chart on a time axis with the missing year left empty, and says there is nothing to compare', async () => {
    const name = '武汉市生态环境局';
    await openAgency(idOf(name));
    expect(
      await page.$$eval('.agency-chart text.tick', (ts) =>
        ts.map((t) => t.textContent).filter((t) => /^\d{4}$/.test(t!)),
      ),
    ).toEqual(['2021', '2022', '2023']);
    const bars = await page.$$eval('.agency-chart rect[data-year]', (rs) =>
      rs.map((r) => [r.getAttribute('data-year'), Number(r.getAttribute('data-value')), Number(r.getAttribute('x'))]),
    );
    const reports = reportsOf(name);
    expect(bars.map((b) => b.slice(0, 2))).toEqual(
      reports.flatMap((r) =>
        ['applications_new', 'processed_total']
          .map((f) => figure(r, f))
          .filter((v) => v !== null)
          .map((v) => [String(r.year), v]),
      ),
    );
    const xs = bars.map((b) => b[2] as number);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(await page.$('#no-pairs')).not.toBeNull();
  });

  it('offers the figures table as CSV, with a byte order mark', async () => {
    await openAgency(idOf(NAME));
    const bytes = await page.evaluate(async () => {
      const href = (document.getElementById('figures-csv') as HTMLAnchorElement).href;
      return [...new Uint8Array(await (await fetch(href)).arrayBuffer())];
    });
    expect(bytes.slice(0, 3)).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(Buffer.from(bytes), { bom: true }) as string[][];
    expect(rows.slice(1)).toEqual(
      reportsOf(NAME).map((r) => [
        String(r.year),
        r.report_id,
        r.title,
        ...AGENCY_FIGURES.map((f) => String(figure(r, f.name) ?? '')),
      ]),
    );
  });

  it('links each year to its report page, and the report page and the list back to the agency', async () => {
    const reports = reportsOf(NAME);
    await openAgency(idOf(NAME));
    await page.click(`.agency-figures tr[data-report="${reports[2]!.report_id}"] a`);
    await page.waitForSelector(`body[data-ready="${reports[2]!.report_id}"]`);
    await page.click('#agency-link');
    await page.waitForSelector(`body[data-ready="${idOf(NAME)}"]`);
    expect(await page.textContent('#title')).toBe(NAME);

    await page.goto('about:blank');
    await page.goto(siteUrl('index.html'));
    await page.waitForSelector('body[data-ready]');
    const first = await page.$eval('#reports tbody tr', (tr) => tr.getAttribute('data-id')!);
    const record = RECORDS.find((r) => r.report_id === first)!;
    await page.click('#reports tbody tr:first-child a.agency-link');
    await page.waitForSelector(`body[data-ready="${agencyIdOf(record)}"]`);
    expect(
      await page.$$eval('.agency-figures tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-report'))),
    ).toContain(first);
  });

  it('says so when the id is unknown', async () => {
    await page.goto('about:blank');
    await page.goto(siteUrl('agency.html#a000000000000'));
    await page.waitForSelector('body[data-ready="not-found"]');
    expect(await page.textContent('#title .zh')).toBe('找不到这个机关');
  });

  it('fits a phone screen 390 px wide: nothing wider than the screen but the scrolling table', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await phone.goto(siteUrl(`agency.html#${idOf(NAME)}`));
      await phone.waitForSelector(`body[data-ready="${idOf(NAME)}"]`);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const chart = await phone.$eval('.agency-chart', (c) => c.getBoundingClientRect().width);
      expect(chart).toBeGreaterThan(300);
      expect(chart).toBeLessThanOrEqual(390);
      await phone.screenshot({ path: path.join(SCREENSHOTS, 'agency-phone.png'), fullPage: true });
    } finally {
      await phone.close();
    }
  });
});
