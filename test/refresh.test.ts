// `refresh()` against the bundled demo portal, four nights in a row, in temp dirs:
//   1. first run: every document crawled and extracted, the first version published;
//   2. nothing changed: conditional requests only (304s), no extraction, no new version;
//   3. one report corrected on the portal: exactly that one re-extracted, a new version whose
//      CHANGELOG names it as changed (same report_id) with the field that changed;
//   4. extractor version bumped: every document re-extracted.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run as runRefresh } from '../src/commands/refresh.js';
import { startDemoPortal, DEMO_SITE, type DemoPortal } from '../src/demo/portal.js';
import { extractDocument, type ExtractInput } from '../src/extract/index.js';
import { EXTRACTOR_VERSION } from '../src/extract/version.js';
import { localDate } from '../src/publish/version.js';
import { refresh, type RefreshOptions } from '../src/refresh.js';
import { SEEDS } from './fixtures/samples.js';

const COLUMN = '/zfxxgk/zfxxgknb/';
const idOf = (rel: string) =>
  `r${createHash('sha256')
    .update(readFileSync(path.join(DEMO_SITE, COLUMN, rel)))
    .digest('hex')
    .slice(0, 16)}`;

// The demo's reports: the file the record comes from, its agency, year and format.
const REPORTS = [
  ['202501/P020250120356012.pdf', '淮安市洪泽区人民政府', 2024, 'pdf'],
  ['202401/P020240118512034.pdf', '淮安市洪泽区人民政府', 2023, 'pdf'],
  ['202101/t20210130_3001.html', '大贵镇人民政府', 2020, 'html'],
  ['202101/t20210125_3002.html', '大塅镇人民政府', 2020, 'html'],
  ['202101/t20210122_3003.html', '贾峪镇人民政府', 2020, 'html'],
  ['202101/P020210120604417.docx', '宝清县七星河乡人民政府', 2020, 'docx'],
] as const;
const CORRUPT = '202001/P020200115338120.pdf';
const NOTICE = '202012/t20201201_3000.html';
const CHANGED = '202101/t20210130_3001.html';

/** The cells of `got` at the rows and columns `want` names. */
const pick = (got: any, want: Record<string, Record<string, unknown>>) =>
  Object.fromEntries(
    Object.entries(want).map(([row, cols]) => [
      row,
      Object.fromEntries(Object.keys(cols).map((c) => [c, got?.[row]?.[c]])),
    ]),
  );

describe('refresh against the demo portal', () => {
  let portal: DemoPortal;
  let tmp: string;
  let calls: string[];
  let opts: RefreshOptions;
  const datasets = () => path.join(tmp, 'datasets');
  const versions = () =>
    readdirSync(datasets())
      .filter((n) => /^\d{4}-\d\d-\d\d/.test(n))
      .sort();
  const jsonl = (version: string) =>
    readFileSync(path.join(datasets(), version, 'reports.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>);

  beforeAll(async () => {
    portal = await startDemoPortal();
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ogi-refresh-'));
    calls = [];
    opts = {
      urls: [portal.listUrl],
      allowHosts: ['127.0.0.1'],
      rate: Infinity,
      storage: path.join(tmp, 'storage'),
      datasets: datasets(),
      today: '2026-01-01',
      site: false,
      progress: false,
      extract: (input: ExtractInput) => {
        calls.push(new URL(input.source!.document_url!).pathname);
        return extractDocument(input);
      },
    };
  });
  afterAll(async () => {
    await portal?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('first run: crawls, extracts every document, publishes the reports and the corrupt PDF as a failure', async () => {
    const { summary } = await refresh(opts);
    expect(summary).toEqual({
      pages: 9, // 2 list pages + 7 report detail pages (the notice is never requested)
      documents: { new: 11, changed: 0, unchanged: 0 }, // 7 pages + 2 PDFs + 1 DOCX + 1 corrupt PDF
      extraction: { extracted: 10, failed: 1, cached: 0 },
      failures: { crawl: 0, extract: 1 },
      reports: 6,
      listed_failures: 1,
      published: '2026-01-01',
      latest: '2026-01-01',
      dir: path.join(datasets(), '2026-01-01'),
      message: 'first version 2026-01-01: 6 reports',
    });
    expect(calls).toHaveLength(11);
    expect(portal.hits.some((h) => h.path.includes(NOTICE))).toBe(false);

    const got = jsonl('2026-01-01').map((r) => [
      r.report_id,
      r.agency,
      r.year,
      r.source.format,
      r.source.document_url,
      r.extractor_version,
    ]);
    const want = REPORTS.map(([rel, agency, year, format]) => [
      idOf(rel),
      agency,
      year,
      format,
      portal.url(COLUMN + rel),
      EXTRACTOR_VERSION,
    ]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(got).toEqual(want);

    // The demo renders the seed reports faithfully: every cell the seed's expected values give is read back.
    const DEMO_SEEDS: [string, string][] = [
      ['202101/t20210130_3001.html', '000_5b187f188d2c1fc2'],
      ['202101/t20210125_3002.html', '001_82da0c68b48e6d43'],
      ['202101/t20210122_3003.html', '002_6ac92d5cb3b88a66'],
      ['202101/P020210120604417.docx', '003_68024565e3af0575'],
    ];
    for (const [rel, seed] of DEMO_SEEDS) {
      const expected = JSON.parse(readFileSync(path.join(SEEDS, `${seed}.expected.json`), 'utf8'));
      const record = jsonl('2026-01-01').find((r) => r.report_id === idOf(rel))!;
      for (const table of ['proactive', 'applications', 'reviews']) {
        if (expected[table])
          expect({ seed, table, cells: pick(record[table], expected[table]) }).toEqual({
            seed,
            table,
            cells: expected[table],
          });
      }
      expect(record.region.code).toBe(expected.region.code);
    }

    const failures = parse(readFileSync(path.join(datasets(), '2026-01-01', 'failures.csv')), { bom: true });
    expect(failures).toEqual([
      ['url', 'stage', 'kind', 'message'],
      [portal.url(COLUMN + CORRUPT), 'extract', 'corrupt_pdf', 'pdf.js cannot read it: Invalid PDF structure.'],
    ]);
  });

  it('second run: only conditional requests answered 304, nothing extracted, no new version', async () => {
    const before = portal.hits.length;
    calls.length = 0;
    const { summary } = await refresh(opts);
    expect(summary).toMatchObject({
      pages: 9,
      documents: { new: 0, changed: 0, unchanged: 11 },
      extraction: { extracted: 0, failed: 0, cached: 11 },
      failures: { crawl: 0, extract: 0 },
      published: null,
      latest: '2026-01-01',
      message: 'no change since 2026-01-01: no new version written',
    });
    expect(calls).toEqual([]);
    expect(versions()).toEqual(['2026-01-01']);
    const docHits = portal.hits.slice(before).filter((h) => !/\/index(_\d+)?\.html$|^\/robots\.txt$/.test(h.path));
    expect(docHits).toHaveLength(11);
    expect(docHits.every((h) => h.conditional && h.status === 304)).toBe(true);
  });

  it('third run: a report corrected on the portal is re-extracted alone and named as changed in the CHANGELOG', async () => {
    const original = readFileSync(path.join(DEMO_SITE, COLUMN, CHANGED), 'utf8');
    const corrected = original.replace(
      '<td>其他对外管理服务事项</td><td>21</td><td>0</td><td>7</td>',
      '<td>其他对外管理服务事项</td><td>21</td><td>0</td><td>8</td>',
    );
    expect(corrected).not.toBe(original);
    portal.replace(COLUMN + CHANGED, Buffer.from(corrected));
    calls.length = 0;

    const { summary } = await refresh(opts);
    expect(summary).toMatchObject({
      documents: { new: 0, changed: 1, unchanged: 10 },
      extraction: { extracted: 1, failed: 0, cached: 10 },
      published: '2026-01-01.1',
      reports: 6,
      message: 'version 2026-01-01.1: 0 added, 0 removed, 1 changed since 2026-01-01',
    });
    expect(calls).toEqual([COLUMN + CHANGED]);
    expect(versions()).toEqual(['2026-01-01', '2026-01-01.1']);

    const id = idOf(CHANGED); // the id of the first version stays with the report
    const after = jsonl('2026-01-01.1').find((r) => r.report_id === id)!;
    expect(after.proactive.other_services.decisions).toBe(8);
    expect(after.source.sha256).toBe(createHash('sha256').update(corrected).digest('hex'));

    const changelog = readFileSync(path.join(datasets(), '2026-01-01.1', 'CHANGELOG.md'), 'utf8');
    expect(changelog).toContain(
      'Compared with the previous version 2026-01-01: 6 → 6 reports; 0 added, 0 removed, 1 changed, 5 unchanged.',
    );
    const changed = changelog.split('## Changed · 更改 (1)\n\n')[1].trim().split('\n');
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(
      new RegExp(`^- \`${id}\` 2020 · 大贵镇人民政府 · 大贵镇2020年政府信息公开工作年度报告: `),
    );
    const fields = changed[0]
      .split(': ')
      .pop()!
      .split(', ')
      .map((f) => f.replace(/`/g, ''))
      .sort();
    // 7 → 8: same length, so source.bytes stays; the cell's source (printed "7" → "8") is in `cells`
    expect(fields).toEqual(['cells', 'proactive.other_services.decisions', 'source.fetched_at', 'source.sha256']);
  });

  it('fourth run: a new extractor version re-extracts every document', async () => {
    calls.length = 0;
    const { summary } = await refresh({ ...opts, extractorVersion: '9.9.9-test' });
    expect(summary).toMatchObject({
      documents: { new: 0, changed: 0, unchanged: 11 },
      extraction: { extracted: 10, failed: 1, cached: 0 },
      failures: { crawl: 0, extract: 1 },
      published: '2026-01-01.2',
      reports: 6,
      listed_failures: 1,
    });
    expect(calls).toHaveLength(11);
    expect(new Set(calls).size).toBe(11);
    expect(jsonl('2026-01-01.2').map((r) => r.extractor_version)).toEqual(Array(6).fill('9.9.9-test'));

    // and with that version cached, the next night extracts nothing again
    calls.length = 0;
    const again = await refresh({ ...opts, extractorVersion: '9.9.9-test' });
    expect(again.summary.extraction).toEqual({ extracted: 0, failed: 0, cached: 11 });
    expect(again.summary.published).toBeNull();
    expect(calls).toEqual([]);
  });

  it('ogi refresh: --json summary on stdout, exit 3 when the run met failures, 0 when clean, 2 on usage', async () => {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const common = ['--storage', opts.storage!, '--datasets', datasets(), '--no-site', '--json'];
      // the broken attachment replaced by other broken bytes; the CLI's extractor version (the real one)
      // differs from the fourth run's, so every document is extracted again and a version published
      portal.replace(COLUMN + CORRUPT, Buffer.from('%PDF-1.7\n<< truncated'));
      expect(await runRefresh(['--url', portal.listUrl, '--allow-host', '127.0.0.1', '--rate', 'off', ...common])).toBe(
        3,
      );
      expect(JSON.parse(out.pop()!)).toMatchObject({
        documents: { new: 0, changed: 1, unchanged: 10 },
        extraction: { extracted: 10, failed: 1, cached: 0 },
        failures: { crawl: 0, extract: 1 },
        published: localDate(),
        listed_failures: 1,
      });
      expect(await runRefresh(['--no-crawl', ...common])).toBe(0);
      expect(JSON.parse(out.pop()!)).toMatchObject({
        pages: 0,
        extraction: { extracted: 0, failed: 0, cached: 11 },
        published: null,
        reports: 6,
      });
      expect(err.mock.calls.map((c) => c[0]).filter((l) => /^ogi refresh: (published|no change)/.test(l))).toEqual([
        `ogi refresh: published version ${localDate()}: 0 added, 0 removed, 6 changed since 2026-01-01.2 (6 reports, 1 failures listed)`,
        `ogi refresh: no change since ${localDate()}: no new version written (6 reports, 1 failures listed)`,
      ]);
      expect(await runRefresh([])).toBe(2);
      expect(await runRefresh(['--url', 'not a url'])).toBe(2);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  });
});
