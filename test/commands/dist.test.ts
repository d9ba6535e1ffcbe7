// The compiled CLI, as installed: `npm run build` output run through bin/ogi.js (no tsx), from
// another working directory. dist/ is built first when it is stale (scripts/build.mjs --if-stale,
// what npm test/start/bench run too). Also: a fatal error prints one line, the stack only with --debug.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileTownships } from '../../src/extract/divisions.js';
import { extractDocument } from '../../src/extract/index.js';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/ogi.js');
const HTML = path.join(ROOT, 'demo/site/zfxxgk/zfxxgknb/202101/t20210130_3001.html');
const PDF = path.join(ROOT, 'test/fixtures/samples/peer/hongze-2023.pdf');

async function ogi(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      maxBuffer: 1 << 26,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const withoutDebug = () => {
  const env = { ...process.env };
  delete env.OGI_DEBUG;
  return env;
};

describe('compiled CLI (dist/ through bin/ogi.js)', () => {
  let cwd: string;
  beforeAll(async () => {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--if-stale'], {
      encoding: 'utf8',
    });
    expect(build.status, build.stderr).toBe(0);
    cwd = await mkdtemp(path.join(tmpdir(), 'ogi-dist-'));
  }, 300_000);

  it('--help exits 0 and lists the commands, run from another directory', async () => {
    const r = await ogi(['--help'], { cwd });
    expect(r.code).toBe(0);
    for (const command of ['extract', 'crawl', 'crawlers', 'publish', 'refresh', 'demo', 'enqueue', 'worker', 'status'])
      expect(r.stderr).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it('each command prints its help and exits 0', async () => {
    for (const command of [
      'extract',
      'crawl',
      'crawlers',
      'publish',
      'refresh',
      'demo',
      'enqueue',
      'worker',
      'status',
    ]) {
      const r = await ogi([command, '--help'], { cwd });
      expect(r.code, command).toBe(0);
      expect(r.stdout + r.stderr, command).toContain(command === 'crawlers' ? 'ogi crawlers' : `usage: ogi ${command}`);
    }
  });

  it('the cluster commands want --redis: a usage error (exit 2) naming it, before connecting anywhere', async () => {
    for (const argv of [['enqueue', '--url', 'http://127.0.0.1:9/list/'], ['worker'], ['status']]) {
      const r = await ogi(argv, { cwd });
      expect(r.code, argv[0]).toBe(2);
      expect(r.stderr, argv[0]).toMatch(new RegExp(`^ogi ${argv[0]}: give --redis URL`));
    }
  });

  it('extract --json prints the record the in-process extractor returns (HTML and PDF)', async () => {
    const r = await ogi(['extract', HTML, PDF, '--json'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const printed = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const expected = [];
    for (const file of [HTML, PDF]) {
      expected.push(
        await extractDocument({
          bytes: await readFile(file),
          name: path.basename(file),
          source: { document_url: null },
        }),
      );
    }
    expect(printed).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it("pdf.js loads from the build's code cache in a worker with the default limits, and as modules otherwise", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ogi-pdfjs-'));
    const probe = path.join(dir, 'probe.mjs');
    const dist = pathToFileURL(path.join(ROOT, 'dist/src/extract/')).href;
    await writeFile(
      probe,
      `await import('${dist}text/pdfjs.js');\n` +
        `const { loadedFrom } = await import('${dist}text/pdfjs-cache.js');\n` +
        `const { workerFlags, DEFAULT_LIMITS } = await import('${dist}isolated/pool.js');\n` +
        `console.log(JSON.stringify({ loadedFrom, flags: workerFlags(DEFAULT_LIMITS.heapMb) }));\n`,
    );
    const probeWith = async (flags: string[]) =>
      JSON.parse((await run(process.execPath, [...flags, probe], { cwd })).stdout) as {
        loadedFrom: string;
        flags: string[];
      };
    const plain = await probeWith([]);
    expect(plain.loadedFrom).toBe('modules'); // no cache made for a process without the worker's flags
    expect(await probeWith(plain.flags)).toEqual({ loadedFrom: 'cache', flags: plain.flags });
  });

  it("reads the townships from the build's index, the one the sources compile", async () => {
    const probe = path.join(cwd, 'divisions.mjs');
    const dist = pathToFileURL(path.join(ROOT, 'dist/src/extract/divisions.js')).href;
    await writeFile(
      probe,
      `const { divisionIndex, TOWNSHIP_INDEX_FILE } = await import('${dist}');\n` +
        `const index = divisionIndex();\n` +
        `console.log(JSON.stringify({ from: index.townshipsFrom, file: TOWNSHIP_INDEX_FILE, dagui: index.lookup('大贵镇').map((d) => d.code) }));\n`,
    );
    const seen = JSON.parse((await run(process.execPath, [probe], { cwd })).stdout);
    expect(seen).toEqual({
      from: 'build',
      file: path.join(ROOT, 'dist/data/townships.idx'),
      dagui: ['230127102', '610926103'],
    });
    expect((await readFile(seen.file)).equals(compileTownships())).toBe(true);
  });

  it('a fatal error prints one line `ogi: <message>` without a stack, exit 1; --debug and OGI_DEBUG=1 add the stack', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ogi-fatal-'));
    await mkdir(path.join(dir, 'storage'));
    await writeFile(path.join(dir, 'datasets'), 'a file where the datasets folder should be\n');
    const args = ['publish', '--storage', 'storage', '--datasets', 'datasets'];

    const r = await ogi(args, { cwd: dir, env: withoutDebug() });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    const fatal = lines.filter((l) => l.startsWith('ogi: '));
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toMatch(/^ogi: EEXIST: .*datasets/);
    expect(lines.at(-1)).toBe(fatal[0]);
    expect(r.stderr).not.toContain('    at ');

    const file = await ogi(['publish', '--storage', 'datasets'], { cwd: dir, env: withoutDebug() });
    expect(file.code).toBe(1);
    expect(file.stderr.trim().split('\n')).toEqual(['ogi: --storage datasets is a file, not a folder']);

    for (const run of [
      ogi(['--debug', ...args], { cwd: dir, env: withoutDebug() }),
      ogi(args, { cwd: dir, env: { ...withoutDebug(), OGI_DEBUG: '1' } }),
    ]) {
      const d = await run;
      expect(d.code).toBe(1);
      expect(d.stderr).toMatch(/^ogi: EEXIST: /m);
      expect(d.stderr).toContain('    at ');
    }
  });
});
