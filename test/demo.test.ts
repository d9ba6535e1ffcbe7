// `ogi demo` (what `npm start` runs) as a child process, into temp dirs: it serves the bundled portal,
// refreshes from it, names the version folder, and that folder holds reports.csv with the demo's
// reports and failures.csv with its broken attachment. A second run, on the same port, publishes nothing.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { localDate } from '../src/publish/version.js';
import { cliArgs } from './commands/helpers.js';

const run = promisify(execFile);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ogi-demo-'));
const storage = path.join(tmp, 'storage');
const datasets = path.join(tmp, 'datasets');
const port = () => Number(readFileSync(path.join(storage, 'demo-port'), 'utf8'));
const demo = () =>
  run(process.execPath, [...cliArgs(), 'demo', '--storage', storage, '--datasets', datasets], {
    cwd: path.resolve(import.meta.dirname, '..'),
    timeout: 240_000,
  });

describe('ogi demo', () => {
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('publishes the demo reports and names the version folder', { timeout: 240_000 }, async () => {
    const { stdout, stderr } = await demo();
    const version = localDate();
    const dir = path.join(datasets, version);
    expect(stdout.split('\n')[0]).toBe(
      `New dataset version ${version}: ${path.relative(path.resolve(import.meta.dirname, '..'), dir)}`,
    );
    expect(stderr).toContain('ogi demo: pages crawled 9 · documents new 11, changed 0, unchanged 0');
    expect(stderr).toContain('ogi demo: extracted 10, failed 1, cached 0 · crawl failures 0');

    const rows = parse(readFileSync(path.join(dir, 'reports.csv')), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    const got = rows
      .map((r) => [r.agency, r.year, r.format, r.document_url.replace(/^http:\/\/127\.0\.0\.1:\d+/, '')])
      .sort();
    expect(got).toEqual(
      [
        ['淮安市洪泽区人民政府', '2024', 'pdf', '/zfxxgk/zfxxgknb/202501/P020250120356012.pdf'],
        ['淮安市洪泽区人民政府', '2023', 'pdf', '/zfxxgk/zfxxgknb/202401/P020240118512034.pdf'],
        ['大贵镇人民政府', '2020', 'html', '/zfxxgk/zfxxgknb/202101/t20210130_3001.html'],
        ['大塅镇人民政府', '2020', 'html', '/zfxxgk/zfxxgknb/202101/t20210125_3002.html'],
        ['贾峪镇人民政府', '2020', 'html', '/zfxxgk/zfxxgknb/202101/t20210122_3003.html'],
        ['宝清县七星河乡人民政府', '2020', 'docx', '/zfxxgk/zfxxgknb/202101/P020210120604417.docx'],
      ].sort(),
    );
    for (const r of rows) expect(stdout).toContain(r.report_id);

    const failures = parse(readFileSync(path.join(dir, 'failures.csv')), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(failures.map((f) => [f.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, ''), f.stage, f.kind])).toEqual([
      ['/zfxxgk/zfxxgknb/202001/P020200115338120.pdf', 'extract', 'corrupt_pdf'],
    ]);
    expect(existsSync(path.join(dir, 'site', 'index.html'))).toBe(true);
  });

  it('a second run finds nothing new and writes no version', { timeout: 240_000 }, async () => {
    const { stdout, stderr } = await demo();
    expect(stdout.split('\n')[0]).toBe(
      `No change since ${localDate()}: the dataset is in ${path.relative(path.resolve(import.meta.dirname, '..'), path.join(datasets, localDate()))}`,
    );
    expect(stderr).toContain('extracted 0, failed 0, cached 11');
    // the same port as the first run, so the same URLs: only conditional requests, nothing new stored
    expect(stderr).toContain(`ogi demo: demo portal on http://127.0.0.1:${port()};`);
    expect(stderr).toContain('documents new 0, changed 0, unchanged 11');
    expect(readFileSync(path.join(storage, 'documents.jsonl'), 'utf8').trim().split('\n')).toHaveLength(11);
    expect(readdirSync(datasets).filter((n) => /^\d{4}-/.test(n))).toEqual([localDate()]);
  });

  it('serves on a free port when the last one is taken', { timeout: 240_000 }, async () => {
    const last = port();
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(last, '127.0.0.1', resolve));
    try {
      const { stdout, stderr } = await demo();
      expect(port()).not.toBe(last);
      expect(stderr).toContain(`ogi demo: demo portal on http://127.0.0.1:${port()};`);
      expect(stderr).toContain('extracted 0, failed 0, cached 11');
      // The same documents at new URLs: the same reports (ids, figures), each now found at both ports.
      const next = `${localDate()}.1`;
      expect(stdout.split('\n')[0]).toBe(
        `New dataset version ${next}: ${path.relative(path.resolve(import.meta.dirname, '..'), path.join(datasets, next))}`,
      );
      const jsonl = (v: string) =>
        readFileSync(path.join(datasets, v, 'reports.jsonl'), 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l));
      const [before, after] = [jsonl(localDate()), jsonl(next)];
      const ports = (urls: string[]) => [...new Set(urls.map((u) => new URL(u).port))].sort();
      expect(after.map((r) => r.report_id)).toEqual(before.map((r) => r.report_id));
      for (const [i, r] of after.entries()) {
        expect({ ...r, source: { ...r.source, urls: [] } }).toEqual({
          ...before[i],
          source: { ...before[i].source, urls: [] },
        });
        expect(ports(before[i].source.urls)).toEqual([String(last)]);
        expect(ports(r.source.urls)).toEqual([String(last), String(port())].sort());
      }
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });
});
