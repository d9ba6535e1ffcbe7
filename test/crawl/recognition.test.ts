// Recognition end to end on the recog fixture site (test/portal/sites/recog): title wordings (工作情况的报告,
// Chinese-numeral years, no year), a cover letter 关于报送《…》的函 whose attachment is the report, a bare
// agency name and a news item (ambiguous: judged by their pages), files named by nothing (judged by
// their extraction), other kinds never fetched, an alias that redirects, links with tracking
// parameters, and a page with the report inline and its own DOCX. The crawl is given the list's URL
// and nothing else: its host (127.0.0.1, an IP address) is allowed because the user named it.
// Compared whole with expected.json: the documents, every decision (decisions.jsonl and --explain),
// and after a refresh the records, one per report, with every URL each was found at.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/commands/crawl.js';
import { crawl, type CrawlOptions } from '../../src/crawl/index.js';
import { extractDocument } from '../../src/extract/index.js';
import { refresh } from '../../src/refresh.js';
import { readDecisions, storagePaths, type Decision } from '../../src/workarea/index.js';
import { startPortal, type ExpectedDecision, type Portal } from '../portal/server.js';

let portal: Portal;
let tmp: string;
beforeAll(async () => {
  portal = await startPortal('test/portal/sites/recog');
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ogi-recog-'));
});
afterAll(async () => {
  await portal.close();
  rmSync(tmp, { recursive: true, force: true });
});

const rel = (url: string | null) => (url === null ? null : `${new URL(url).pathname}${new URL(url).search}`);
/** Code-point order (as expected.json is sorted), not the locale's. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const order = (a: ExpectedDecision, b: ExpectedDecision) =>
  cmp(a.by, b.by) || cmp(a.item, b.item) || cmp(a.list, b.list);
const decisionsOf = (ds: Decision[]): ExpectedDecision[] =>
  ds
    .map((d) => ({
      list: rel(d.list_url)!,
      item: rel(d.item_url)!,
      title: d.title,
      decision: d.decision,
      by: d.by,
      reason: d.reason,
    }))
    .sort(order);
/** Only what the user gave: the list URL. No --allow-host: the named host is allowed by being named. */
const options = (storage: string): CrawlOptions => ({
  urls: portal.expected.start.map((p) => portal.url(p)),
  storage,
  rate: Infinity,
  progress: false,
});

describe('the recog site', () => {
  it('fetches every report whatever its title, never the other kinds, and logs why for each item', async () => {
    const storage = path.join(tmp, 'crawl');
    const result = await crawl({ ...options(storage), explain: true });
    const expected = portal.expected;
    expect(
      result.documents
        .map((d) => ({ path: rel(d.url)!, kind: d.kind, page: rel(d.page_url), filename: d.filename }))
        .sort((a, b) => cmp(a.path, b.path)),
    ).toEqual(expected.documents);
    expect(result.failures).toEqual([]);
    const requested = new Set(portal.hits.map((h) => h.path));
    for (const p of expected.neverRequested) expect(requested, p).not.toContain(p);
    // the news item was read (its title said nothing) but not stored: no report, no attachment naming one
    expect(requested).toContain('/gk/nb/f.html');

    expect(decisionsOf(result.decisions!)).toEqual(expected.decisions);
    expect(result.decided).toEqual({ kept: 5, skipped: 6, ambiguous: 5 });
    // decisions.jsonl holds the same lines, each with its time
    const logged = await readDecisions(storage);
    expect(decisionsOf(logged)).toEqual(expected.decisions);
    for (const d of logged) expect(Number.isNaN(Date.parse(d.at))).toBe(false);

    // A second night meets the same items: nothing new to say, nothing appended.
    const before = readFileSync(storagePaths(storage).decisions, 'utf8');
    const again = await crawl({ ...options(storage), explain: true });
    expect(again.downloaded).toBe(0);
    expect(decisionsOf(again.decisions!)).toEqual(expected.decisions);
    expect(readFileSync(storagePaths(storage).decisions, 'utf8')).toBe(before);
  });

  it('ogi crawl --explain prints each decision and why, as a table', async () => {
    const storage = path.join(tmp, 'explain');
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    let code: number;
    try {
      code = await run(['--url', portal.url('/gk/nb/list.html'), '--storage', storage, '--rate', 'off', '--explain']);
    } finally {
      log.mockRestore();
    }
    expect(code).toBe(0);
    const lines = out.join('\n').split('\n');
    expect(lines[0]).toMatch(/^decision +by +title +why +url$/);
    const rows = lines.slice(1, 1 + portal.expected.decisions!.length);
    const parsed = rows.map((l) => {
      const m = /^(kept|skipped|ambiguous) +(title|content|attachment) +(.+?) {2,}(.+?) {2,}(http\S+)$/.exec(l);
      expect(m, l).not.toBeNull();
      return { decision: m![1]!, by: m![2]!, title: m![3]!, reason: m![4]!, item: rel(m![5]!)! };
    });
    expect(parsed.sort((a, b) => a.by.localeCompare(b.by) || a.item.localeCompare(b.item))).toEqual(
      portal.expected
        .decisions!.map(({ list: _l, ...d }) => d)
        .sort((a, b) => a.by.localeCompare(b.by) || a.item.localeCompare(b.item)),
    );
    expect(lines[1 + rows.length]).toBe('');
    expect(out.join('\n')).toContain('list items: kept 5 · skipped 6 · ambiguous 5');
  });

  it('a refresh publishes one record per report with every URL it was found at, and settles the files', async () => {
    const storage = path.join(tmp, 'refresh');
    const datasets = path.join(tmp, 'datasets');
    const { records, failures } = await refresh({
      ...options(storage),
      datasets,
      site: false,
      today: '2026-01-01',
      extract: extractDocument,
    });
    expect(
      records
        .map((r) => ({
          agency: r.agency,
          year: r.year,
          format: r.source.format,
          read_from: rel(r.source.document_url),
          urls: r.source.urls!.map((u) => rel(u)),
        }))
        .sort((a, b) => cmp(a.read_from!, b.read_from!)),
    ).toEqual(portal.expected.reports);
    expect(records.every((r) => r.duplicate_of === null)).toBe(true);
    expect(failures.map((f) => ({ path: rel(f.url), kind: f.kind }))).toEqual(portal.expected.extractFailures);
    const settled = decisionsOf(await readDecisions(storage)).filter(
      (d) => d.by === 'content' && !portal.expected.decisions!.some((e) => e.by === 'content' && e.item === d.item),
    );
    expect(settled).toEqual(portal.expected.settled);
    // the published JSONL carries the URLs
    const jsonl = readFileSync(path.join(datasets, '2026-01-01', 'reports.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(jsonl.map((l) => JSON.parse(l).source.urls.map((u: string) => rel(u))).sort()).toEqual(
      portal.expected.reports!.map((r) => r.urls).sort(),
    );
    expect(existsSync(storagePaths(storage).decisions)).toBe(true);

    // The next night: the same reports, the same ids and URLs, nothing to publish, no decision to add.
    const lines = readFileSync(storagePaths(storage).decisions, 'utf8');
    const night2 = await refresh({
      ...options(storage),
      datasets,
      site: false,
      today: '2026-01-02',
      extract: extractDocument,
    });
    expect(night2.summary.published).toBeNull();
    expect(night2.records.map((r) => [r.report_id, r.source.urls])).toEqual(
      records.map((r) => [r.report_id, r.source.urls]),
    );
    expect(readFileSync(storagePaths(storage).decisions, 'utf8')).toBe(lines);
  });
});
