// Reading storage/ (records + failures.jsonl), and `ogi publish` on top of it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { run } from '../../src/commands/publish.js';
import { crossYearChecks } from '../../src/publish/checks.js';
import { loadRecords } from '../../src/workarea/index.js';
import { fixture, FIXTURES, tempDatasets, V1_REPORT_IDS } from '../publish/helpers.js';

function storageWith(files: Record<string, string>): string {
  const dir = tempDatasets(); // removed after the file's tests, like every temp folder here
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('loadRecords', () => {
  it('reads every record and failure of the fixture storage', () => {
    const { records, failures } = fixture('v1');
    expect(records.map((r) => r.report_id).sort()).toEqual(V1_REPORT_IDS);
    expect(failures.map((f) => `${f.stage}:${f.kind}`)).toEqual([
      'extract:corrupt_pdf',
      'extract:no_text_layer',
      'download:timeout',
      'crawl:layout_changed',
      'extract:not_a_report',
    ]);
  });

  it('turns unreadable record files into publish failures and goes on', () => {
    const good = fs.readFileSync(
      path.join(FIXTURES, 'v1/records/4accbcc7d143d9b044a51f2a32485eba83d9d55511d00810352b1d62f26c88b5.json'),
      'utf8',
    );
    const storage = storageWith({
      'records/aa.json': good,
      'records/bb.json': '{"report_id": "rbb", "source": {',
      'records/cc.json': '{"title": "no id", "source": {}}',
      'records/dd.json': '{"report_id": "rdd", "source": {}, "applications": [1, 2]}',
      'records/notes.txt': 'ignored',
      'failures.jsonl':
        '{"url":"http://x/a.pdf","stage":"extract","kind":"corrupt_pdf","message":"m","at":"t"}\n{"url":"http://x/b.pd',
    });
    const { records, failures } = loadRecords(storage);
    expect(records.map((r) => r.report_id)).toEqual(['r4accbcc7d143d9b0']);
    expect(failures.map((f) => [f.url, f.stage, f.kind, f.message.replace(/:.*/, '')])).toEqual([
      ['http://x/a.pdf', 'extract', 'corrupt_pdf', 'm'],
      ['storage/records/bb.json', 'publish', 'bad_record', 'not JSON'],
      ['storage/records/cc.json', 'publish', 'bad_record', 'no report_id'],
      ['storage/records/dd.json', 'publish', 'bad_record', 'applications is not a table'],
    ]);
  });

  it('reads an empty or missing storage as nothing', () => {
    expect(loadRecords(path.join(os.tmpdir(), 'ogi-no-such-storage'))).toEqual({ records: [], failures: [] });
  });
});

describe('cross-year checks', () => {
  const { records } = fixture('v1');
  const yichang = records.filter((r) => r.agency === '宜昌市生态环境局');

  it('compare an agency with itself a year later, column by column', () =>
    expect(crossYearChecks(yichang).map((c) => [c.rule, c.item])).toEqual([
      ['cross_year.carried_over', 'natural_person'],
      ['cross_year.carried_over', 'commercial_enterprise'],
      ['cross_year.carried_over', 'total'],
      ['cross_year.in_force', 'normative_documents'],
    ]));

  it('skip a year with two reports of the agency, and other places with the same name', () => {
    const copy = { ...yichang[0]!, report_id: 'rcopy' };
    expect(crossYearChecks([...yichang, copy])).toEqual([]);
    const elsewhere = yichang.map((r, i) => (i === 0 ? { ...r, region: { ...r.region, city: '襄阳市' } } : r));
    expect(crossYearChecks(elsewhere)).toEqual([]);
  });

  it('do not compare blank cells', () => {
    const blanked = yichang.map((r) =>
      r.year === 2021
        ? {
            ...r,
            applications: { ...r.applications, carried_forward: undefined },
            proactive: { ...r.proactive, normative_documents: { issued: 2, repealed: 1, in_force: null } },
          }
        : r,
    );
    expect(crossYearChecks(blanked)).toEqual([]);
  });
});

describe('ogi publish', () => {
  it('publishes from a storage folder and prints the version folder', async () => {
    const datasets = tempDatasets();
    const out = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const code = await run([
        '--storage',
        path.join(FIXTURES, 'v1'),
        '--datasets',
        datasets,
        '--version',
        'cli',
        '--no-site',
      ]);
      expect(code).toBe(0);
      expect(out.mock.calls).toEqual([[path.join(datasets, 'cli')]]);
      expect(err.mock.calls.map((c) => String(c[0]))).toEqual([
        `ogi publish: 7 records, 5 failures read from ${path.join(FIXTURES, 'v1')}`,
        'ogi publish: first version cli: 7 reports',
        'ogi publish: 7 reports · 6 failed checks (4 across years) · 3 failures',
      ]);
      expect(
        await run(['--storage', path.join(FIXTURES, 'v1'), '--datasets', datasets, '--version', 'cli', '--no-site']),
      ).toBe(2);
      expect(await run(['--bogus'])).toBe(2);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });

  it('exits 3 when some record files could not be read', async () => {
    const storage = storageWith({ 'records/bad.json': 'nope' });
    const out = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await run(['--storage', storage, '--datasets', tempDatasets(), '--no-site'])).toBe(3);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });
});
