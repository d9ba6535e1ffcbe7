// Loads saved pages for the adapter tests: the shared real samples (URL from their expected file)
// and our own fixtures (URL from the `<!-- ogi-fixture url=… from=… -->` first line).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PLATFORM_NAMES } from '../../src/crawl/define.js';
import { loadPage, parseFixture } from '../../src/crawl/page.js';
import type { FetchedPage, ListItem } from '../../src/crawl/platform.js';
import { PORTAL_PAGES } from '../fixtures/samples.js';

export const SAMPLES = PORTAL_PAGES;
export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/pages');

export interface Sample {
  file: string;
  expected: Record<string, unknown> & { kind: string; cms: string };
  page: FetchedPage;
}

/** The real saved pages; a sample whose original URL is not recorded gets its site's home page. */
export function samples(kind: (k: string) => boolean): Sample[] {
  return readdirSync(SAMPLES)
    .filter((f) => /^\d\d-.*\.(html|xml|json)$/.test(f) && !f.endsWith('.expected.json'))
    .map((f) => {
      const file = path.join(SAMPLES, f);
      const expected = JSON.parse(readFileSync(file.replace(/\.\w+$/, '.expected.json'), 'utf8'));
      const url =
        typeof expected.original_url === 'string' ? expected.original_url.split(' ')[0] : 'http://www.baoding.gov.cn/';
      return { file: f, expected, page: loadPage(readFileSync(file, 'utf8'), url) };
    })
    .filter((s) => kind(s.expected.kind));
}

/**
 * Our saved pages under test/fixtures/pages/<platform>/ (any extension but .expected.json): files with
 * a fixture header. Folders there and under test/fixtures/pages/<province>/ are captures (capture.json).
 */
export function fixtures(): { file: string; dir: string; page: FetchedPage; header: Record<string, string | null> }[] {
  const out = [];
  for (const dir of readdirSync(FIXTURES).filter((d) => (PLATFORM_NAMES as readonly string[]).includes(d))) {
    for (const e of readdirSync(path.join(FIXTURES, dir), { withFileTypes: true })) {
      const f = e.name;
      if (!e.isFile() || f.endsWith('.expected.json') || f.startsWith('.')) continue;
      const file = path.join(FIXTURES, dir, f);
      const { header, body } = parseFixture(readFileSync(file, 'utf8'));
      const page = loadPage(body, header.url, { isFirst: header.first !== 'false' });
      out.push({ file, dir, page, header });
    }
  }
  return out;
}

/** Items as the samples' expected files write them. */
export function sampleItems(items: ListItem[]) {
  return items.map(({ url, title, published_date, ...rest }) => ({ title, url, date: published_date, ...rest }));
}

/** Metadata of a sample's expected file that says where it came from, not what a parser returns. */
export const PROVENANCE = ['origin', 'original_url', 'cms', 'kind', 'notes'];

export function withoutProvenance(expected: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(expected).filter(([k]) => !PROVENANCE.includes(k)));
}
