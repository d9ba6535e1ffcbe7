// `ogi crawlers [--json]`: the coverage table of the province crawlers (Markdown, for the README),
// one row per province-level unit: its portals, the adapters they use, the levels they cover and
// whether its saved list page (test/fixtures/pages/<id>/, src/crawl/fixtures.ts) is a real one or
// a synthetic stand-in built from its platform's saved pages.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ProvinceCrawler } from '../crawl/define.js';
import { fixtureKinds, listCaptures, type FixtureKind } from '../crawl/fixtures.js';
import { PACKAGE_ROOT } from '../sys/package-root.js';

export interface CoverageRow {
  id: string;
  name: string;
  code: string;
  portals: number;
  /** Entry points that are portal pages searched for a 年报 column (no column path seen yet). */
  discover: number;
  platforms: string;
  levels: string;
  /** Its saved list page: real, synthetic or none; 'n/a' where the fixtures are not installed. */
  fixture: FixtureKind | 'n/a';
}

/** Where the saved list pages are, in the source tree (an installed package has none). */
export const FIXTURE_PAGES = path.join(PACKAGE_ROOT, 'test', 'fixtures', 'pages');

const uniq = (xs: (string | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))].sort().join(', ');

export function coverageRows(defs: ProvinceCrawler[], fixturesRoot: string = FIXTURE_PAGES): CoverageRow[] {
  const kinds = existsSync(fixturesRoot)
    ? fixtureKinds(
        listCaptures(fixturesRoot),
        defs.map((d) => d.id),
      )
    : null;
  return [...defs]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((d) => ({
      id: d.id,
      name: d.name,
      code: d.code,
      portals: d.portals.length,
      discover: d.portals.filter((p) => p.discover).length,
      platforms: uniq(d.portals.map((p) => p.platform)),
      levels: uniq(d.portals.map((p) => p.admin_level)),
      fixture: kinds ? kinds[d.id] : 'n/a',
    }));
}

const count = (rows: CoverageRow[], kind: FixtureKind) => rows.filter((r) => r.fixture === kind).length;

export function coverageTable(rows: CoverageRow[]): string {
  const used = new Set(rows.flatMap((r) => r.platforms.split(', ')).filter(Boolean));
  const total = rows.reduce((n, r) => n + r.portals, 0);
  return [
    '| province | code | portals | of which column unknown | platforms | levels | saved list page |',
    '|---|---|---:|---:|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} (${r.id}) | ${r.code} | ${r.portals} | ${r.discover} | ${r.platforms} | ${r.levels} | ${r.fixture} |`,
    ),
    `| **total** | | ${total} | ${rows.reduce((n, r) => n + r.discover, 0)} | ${used.size} platforms | | ${count(rows, 'real')} real, ${count(rows, 'synthetic')} synthetic |`,
    '',
  ].join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const unknown = argv.filter((a) => a !== '--json');
  if (unknown.length || argv.includes('--help')) {
    console.error('usage: ogi crawlers [--json]\n\nprints the province crawlers, their portals and adapters');
    return unknown.length && !argv.includes('--help') ? 2 : 0;
  }
  const { crawlers } = await import('../../crawlers/index.js');
  const rows = coverageRows(Object.values(crawlers));
  process.stdout.write(argv.includes('--json') ? `${JSON.stringify(rows, null, 2)}\n` : coverageTable(rows));
  return 0;
}
