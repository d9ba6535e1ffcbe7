// Versions are built aside and renamed into place: a re-publish of the same input writes
// nothing, a killed publish leaves `latest` where it was, and its leftovers go next time.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publish, PublishError } from '../../src/publish/index.js';
import type { SiteInput } from '../../src/publish/site/index.js';
import { cliArgs } from '../commands/helpers.js';
import {
  fixture,
  FIXTURES,
  listFiles,
  ROOT,
  tempDatasets,
  TODAY,
  VERSION_FILES,
  withoutDuckdbHash,
} from './helpers.js';

const v1 = () => ({ ...fixture('v1'), today: TODAY, site: false as const });

describe('re-publishing', () => {
  it('the same input changes nothing and makes no new version', async () => {
    const datasets = tempDatasets();
    const first = await publish({ ...v1(), datasetsDir: datasets });
    const before = listFiles(datasets).map((f) => [f, fs.readFileSync(path.join(datasets, f)).toString('base64')]);
    const again = await publish({ ...v1(), datasetsDir: datasets });
    expect(again.changed).toBe(false);
    expect(again.version).toBe(first.version);
    expect(again.dir).toBe(first.dir);
    expect(again.summary.message).toBe(`no change since ${TODAY}: no new version written`);
    expect(fs.readdirSync(datasets).sort()).toEqual([TODAY, 'latest', 'latest.txt']);
    expect(listFiles(datasets).map((f) => [f, fs.readFileSync(path.join(datasets, f)).toString('base64')])).toEqual(
      before,
    );
  });

  it('the same input into another folder gives byte-identical files (record order does not matter)', async () => {
    const a = await publish({ ...v1(), datasetsDir: tempDatasets() });
    const input = v1();
    const b = await publish({
      ...input,
      records: [...input.records].reverse(),
      failures: input.failures,
      datasetsDir: tempDatasets(),
    });
    const files = listFiles(a.dir);
    expect(listFiles(b.dir)).toEqual(files);
    // but ogi.duckdb, whose bytes DuckDB lays out anew each time (its rows: test/publish/databases.test.ts)
    for (const f of files.filter((f) => f !== 'ogi.duckdb')) {
      const [x, y] = [fs.readFileSync(path.join(b.dir, f)), fs.readFileSync(path.join(a.dir, f))];
      if (f === 'SHA256SUMS')
        expect(withoutDuckdbHash(f, x.toString('utf8')), f).toBe(withoutDuckdbHash(f, y.toString('utf8')));
      else expect(x.equals(y), f).toBe(true);
    }
  });

  it('never overwrites an existing version', async () => {
    const datasets = tempDatasets();
    await publish({ ...v1(), datasetsDir: datasets, version: 'v1' });
    const err = await publish({ ...fixture('v2'), datasetsDir: datasets, version: 'v1', site: false }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PublishError);
    expect((err as PublishError).kind).toBe('version_exists');
    const bad = await publish({ ...v1(), datasetsDir: datasets, version: '../x' }).catch((e: unknown) => e);
    expect((bad as PublishError).kind).toBe('bad_version');
    expect(fs.readdirSync(datasets).sort()).toEqual(['latest', 'latest.txt', 'v1']);
  });

  it('refuses to publish over a `latest` that is a folder of the user, writing nothing', async () => {
    const datasets = tempDatasets();
    fs.mkdirSync(path.join(datasets, 'latest'));
    fs.writeFileSync(path.join(datasets, 'latest', 'notes.txt'), 'mine');
    const err = await publish({ ...v1(), datasetsDir: datasets }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PublishError);
    expect({ kind: (err as PublishError).kind, message: (err as PublishError).message }).toEqual({
      kind: 'latest_not_link',
      message: `${path.join(datasets, 'latest')} is a folder, not the link ogi keeps to the newest version: move it away and publish again (nothing was written)`,
    });
    expect(fs.readdirSync(datasets).sort()).toEqual(['latest']);
    expect(fs.readdirSync(path.join(datasets, 'latest'))).toEqual(['notes.txt']);
  });

  it('keeps the newest fetch when two records share a report_id', async () => {
    const input = v1();
    const original = input.records.find((r) => r.report_id === 'rd2248587ce1ddd39')!;
    const older = {
      ...original,
      title: 'older copy',
      source: { ...original.source, fetched_at: '2025-01-01T00:00:00.000Z' },
    };
    const res = await publish({ ...input, records: [older, ...input.records], datasetsDir: tempDatasets() });
    expect(res.summary.duplicates).toBe(1);
    expect(res.summary.reports).toBe(7);
    expect(fs.readFileSync(path.join(res.dir, 'reports.jsonl'), 'utf8')).not.toContain('older copy');
  });
});

describe('a publish killed before the rename', () => {
  it('leaves latest on the old version; the next run removes its temp folder', async () => {
    const datasets = tempDatasets();
    await publish({ ...v1(), datasetsDir: datasets, version: 'old' });

    const child = spawn(
      process.execPath,
      [
        ...cliArgs(),
        'publish',
        '--storage',
        path.join(FIXTURES, 'v2'),
        '--datasets',
        datasets,
        '--version',
        'new',
        '--no-site',
      ],
      { cwd: ROOT, env: { ...process.env, OGI_PUBLISH_PAUSE: 'before-rename' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('paused before rename')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`publish exited (${code}) before pausing:\n${stderr}`)));
    });
    const temps = fs.readdirSync(datasets).filter((n) => n.startsWith('.tmp-'));
    expect(temps).toEqual([expect.stringMatching(new RegExp(`^\\.tmp-${child.pid}-`))]);
    expect(fs.existsSync(path.join(datasets, temps[0]!, 'SHA256SUMS'))).toBe(true); // fully written
    const exited = new Promise((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    expect(fs.readlinkSync(path.join(datasets, 'latest'))).toBe('old');
    expect(fs.readFileSync(path.join(datasets, 'latest.txt'), 'utf8')).toBe('old\n');
    // The killed run's publish lock stays until the next publish finds its process gone and takes it over.
    expect(fs.readdirSync(datasets).sort()).toEqual(['.publish.lock', temps[0], 'latest', 'latest.txt', 'old']);

    const next = await publish({ ...fixture('v2'), datasetsDir: datasets, version: 'new', site: false });
    expect(next.summary.cleaned).toEqual(temps);
    expect(fs.readdirSync(datasets).sort()).toEqual(['latest', 'latest.txt', 'new', 'old']);
    expect(fs.readlinkSync(path.join(datasets, 'latest'))).toBe('new');
  });
});

describe('the site', () => {
  it('the real site builder writes site/ into the version, covered by SHA256SUMS', async () => {
    const res = await publish({ ...fixture('v1'), datasetsDir: tempDatasets(), today: TODAY });
    const files = listFiles(res.dir);
    expect(files).toContain('site/index.html');
    const sums = fs.readFileSync(path.join(res.dir, 'SHA256SUMS'), 'utf8').trim().split('\n');
    expect(sums.map((l) => l.slice(66)).sort()).toEqual(files.filter((f) => f !== 'SHA256SUMS'));
    for (const line of sums) {
      const [hash, name] = [line.slice(0, 64), line.slice(66)];
      expect(
        createHash('sha256')
          .update(fs.readFileSync(path.join(res.dir, name)))
          .digest('hex'),
        name,
      ).toBe(hash);
    }
  });

  it('is built into the version before the rename, with the download list, and summed', async () => {
    const datasets = tempDatasets();
    const calls: SiteInput[] = [];
    const res = await publish({
      ...fixture('v1'),
      datasetsDir: datasets,
      today: TODAY,
      buildSite: async (input) => {
        calls.push(input);
        fs.mkdirSync(path.join(input.versionDir, 'site'));
        fs.writeFileSync(path.join(input.versionDir, 'site', 'index.html'), `<h1>${input.version}</h1>`);
      },
    });
    expect(calls).toHaveLength(1);
    const [input] = calls;
    expect(path.dirname(input!.versionDir)).toBe(datasets);
    expect(path.basename(input!.versionDir)).toMatch(/^\.tmp-\d+-/);
    expect(input!.version).toBe(TODAY);
    expect(input!.records.map((r) => r.report_id)).toEqual([...input!.records.map((r) => r.report_id)].sort());
    expect(input!.records).toHaveLength(7);
    const names = input!.downloads.map((d) => d.name);
    expect([...names].sort()).toEqual(VERSION_FILES.filter((f) => f !== 'SHA256SUMS'));
    for (const d of input!.downloads) expect(d.bytes, d.name).toBe(fs.statSync(path.join(res.dir, d.name)).size);
    const sums = fs.readFileSync(path.join(res.dir, 'SHA256SUMS'), 'utf8');
    expect(sums).toContain('  site/index.html\n');
    expect(listFiles(res.dir)).toContain('site/index.html');
  });

  it('a site that fails publishes nothing', async () => {
    const datasets = tempDatasets();
    await publish({ ...v1(), datasetsDir: datasets, version: 'old' });
    const err = await publish({
      ...fixture('v2'),
      datasetsDir: datasets,
      buildSite: async () => {
        throw new Error('site broke');
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PublishError);
    expect((err as PublishError).kind).toBe('site_failed');
    expect((err as Error).message).toBe('the site could not be built: site broke');
    expect(fs.readdirSync(datasets).sort()).toEqual(['latest', 'latest.txt', 'old']);
  });
});

describe('a database process that dies', () => {
  // OGI_PUBLISH_FAIL=<task> makes that child kill itself (SIGKILL) once its file is written, before it
  // reports (src/publish/database-child.ts): a complete-looking file must not be published either.
  for (const [task, file] of [
    ['duckdb', 'ogi.duckdb'],
    ['sqlite', 'ogi.sqlite'],
  ] as const) {
    it(`(${task}) fails the publish with database_failed and leaves the previous version as it was`, async () => {
      const datasets = tempDatasets();
      await publish({ ...v1(), datasetsDir: datasets, version: 'old' });
      const before = listFiles(datasets).map((f) => [f, fs.readFileSync(path.join(datasets, f)).toString('base64')]);
      process.env.OGI_PUBLISH_FAIL = task;
      const err = await publish({ ...fixture('v2'), datasetsDir: datasets, version: 'new', site: false })
        .catch((e: unknown) => e)
        .finally(() => delete process.env.OGI_PUBLISH_FAIL);
      expect(err).toBeInstanceOf(PublishError);
      expect({ kind: (err as PublishError).kind, message: (err as PublishError).message }).toEqual({
        kind: 'database_failed',
        message: `${file} could not be built (its process was killed by SIGKILL); nothing was published`,
      });
      // no temp folder, no lock, latest on the old version, its files untouched
      expect(fs.readdirSync(datasets).sort()).toEqual(['latest', 'latest.txt', 'old']);
      expect(listFiles(datasets).map((f) => [f, fs.readFileSync(path.join(datasets, f)).toString('base64')])).toEqual(
        before,
      );
      const next = await publish({ ...fixture('v2'), datasetsDir: datasets, version: 'new', site: false });
      expect(next.changed).toBe(true);
      expect(fs.readlinkSync(path.join(datasets, 'latest'))).toBe('new');
    });
  }
});

describe('the previous version', () => {
  it('is found by name when latest and latest.txt are gone', async () => {
    const datasets = tempDatasets();
    await publish({ ...v1(), datasetsDir: datasets, version: '2026-11-25' });
    for (const name of ['2026-11-26', '2026-11-26.9', '2026-11-26.10']) {
      fs.cpSync(path.join(datasets, '2026-11-25'), path.join(datasets, name), { recursive: true });
    }
    fs.mkdirSync(path.join(datasets, '2026-11-26.11')); // incomplete: no SHA256SUMS
    fs.rmSync(path.join(datasets, 'latest'));
    fs.rmSync(path.join(datasets, 'latest.txt'));
    const res = await publish({ ...fixture('v2'), datasetsDir: datasets, today: TODAY, site: false });
    expect(res.summary.previous).toBe('2026-11-26.10');
    expect(fs.readlinkSync(path.join(datasets, 'latest'))).toBe(TODAY);
  });
});

describe('a damaged previous version', () => {
  it('is said in the changelog, and the new version is published', async () => {
    const datasets = tempDatasets();
    await publish({ ...v1(), datasetsDir: datasets, version: 'old' });
    const jsonl = path.join(datasets, 'old', 'reports.jsonl');
    fs.chmodSync(jsonl, 0o644);
    fs.writeFileSync(jsonl, fs.readFileSync(jsonl, 'utf8').trim().split('\n').reverse().join('\n'));
    const res = await publish({ ...fixture('v2'), datasetsDir: datasets, version: 'new', site: false });
    expect(res.changed).toBe(true);
    expect(fs.readFileSync(path.join(res.dir, 'CHANGELOG.md'), 'utf8')).toBe(
      '# Changelog · 更新说明: new\n\n8 reports. Could not compare with the previous version old: its reports.jsonl is not sorted by report_id (reea82cbd12e085f2 after rf42cdc19429972f9)\n',
    );
  });
});
