// The layering rules of .dependency-cruiser.cjs hold for the code, and they do catch what they
// forbid: a tree written here breaks each kind of rule once (a leaf importing a stage, a crawl
// importing the crawlers, a portal file importing the network layer, an import cycle), fails,
// and passes once mended.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(ROOT, 'node_modules', '.bin', 'depcruise');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

/** Runs depcruise with the project's rules in `cwd`; returns the violations as "rule: from → to". */
async function violations(cwd: string): Promise<string[]> {
  const run = promisify(execFile);
  let stdout: string;
  try {
    ({ stdout } = await run(DEPCRUISE, ['--config', CONFIG, '--output-type', 'json', 'src', 'crawlers'], {
      cwd,
      maxBuffer: 64 << 20,
    }));
  } catch (err) {
    // depcruise exits non-zero when it finds violations; its JSON is still on stdout
    stdout = (err as { stdout?: string }).stdout ?? '';
    if (!stdout) throw err;
  }
  const result = JSON.parse(stdout) as { summary: { violations: Violation[] } };
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

describe('layering (.dependency-cruiser.cjs)', () => {
  it('the code breaks none of the rules', async () => {
    expect(await violations(ROOT)).toEqual([]);
  });

  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('catches a leaf importing a stage, crawl importing the crawlers, a portal file importing net, and a cycle; passes once mended', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ogi-layers-'));
    dirs.push(dir);
    const write = async (rel: string, text: string) => {
      await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await writeFile(path.join(dir, rel), text);
    };
    await write(
      'tsconfig.json',
      JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }),
    );
    await write('src/record.ts', 'export type R = number;\n');
    await write('src/text/dates.ts', "import { fetchPage } from '../net/http.js';\nexport const d = fetchPage;\n");
    await write('src/net/http.ts', 'export const fetchPage = 1;\n');
    await write('src/crawl/define.ts', "import type { R } from '../record.js';\nexport const trs = (r: R) => r;\n");
    await write(
      'src/crawl/index.ts',
      "import all from '../../crawlers/index.js';\nimport { fetchPage } from '../net/http.js';\nexport const n = [all, fetchPage];\n",
    );
    await write(
      'crawlers/index.ts',
      "import { trs } from '../src/crawl/define.js';\nimport { fetchPage } from '../src/net/http.js';\nexport default [trs(fetchPage)];\n",
    );
    await write('src/extract/a.ts', "import { b } from './b.js';\nexport const a = () => b;\n");
    await write('src/extract/b.ts', "import { a } from './a.js';\nexport const b = () => a;\n");

    expect(await violations(dir)).toEqual([
      'crawlers-declare-only: crawlers/index.ts → src/net/http.ts',
      'layer-crawl: src/crawl/index.ts → crawlers/index.ts',
      'layer-text: src/text/dates.ts → src/net/http.ts',
      'no-circular: src/extract/a.ts → src/extract/b.ts',
    ]);

    // Mended: the leaf stands alone, crawl receives the crawlers, the portal file declares only, no cycle.
    await write('src/text/dates.ts', 'export const d = 1;\n');
    await write(
      'src/crawl/index.ts',
      "import { fetchPage } from '../net/http.js';\nexport const crawl = (all: unknown[]) => [all, fetchPage];\n",
    );
    await write('crawlers/index.ts', "import { trs } from '../src/crawl/define.js';\nexport default [trs(1)];\n");
    await write('src/extract/b.ts', 'export const b = () => 2;\n');
    expect(await violations(dir)).toEqual([]);
  });
});
