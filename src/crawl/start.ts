// Where a crawl starts: the entry points of the chosen province crawlers, then the --url list pages.
// Kept apart from the runtime (index.ts) so that commands can check a province name without loading crawlee.
import type { ProvinceCrawler } from './define.js';
import type { CrawlRequest } from './request.js';

/** The first requests of a crawl: every entry point of the chosen provinces, then the --url pages. */
export async function startRequests(opts: {
  provinces?: string[];
  urls?: string[];
  crawlers?: ProvinceCrawler[];
}): Promise<CrawlRequest[]> {
  const out: CrawlRequest[] = [];
  if (opts.provinces?.length) {
    if (!opts.crawlers)
      throw new Error('crawl: `crawlers` (the province crawler definitions) is required when provinces are named');
    for (const def of selectProvinces(opts.crawlers, opts.provinces)) {
      for (const { url, platform, ...hints } of def.portals) {
        out.push({
          label: 'LIST',
          url,
          platform,
          isFirst: true,
          hints: { ...hints, province: def.name, crawler: def.id },
        });
      }
    }
  }
  for (const url of opts.urls ?? []) out.push({ label: 'LIST', url, platform: null, isFirst: true, hints: {} });
  return out;
}

/** Provinces by id, Chinese name (with or without 省/市/自治区) or code; 'all' = every crawler. */
export function selectProvinces(all: ProvinceCrawler[], wanted: string[]): ProvinceCrawler[] {
  if (wanted.includes('all')) return all;
  return wanted.map((w) => {
    const found = all.find(
      (c) =>
        c.id === w.toLowerCase() ||
        c.code === w ||
        c.name === w ||
        c.name.replace(/(省|市|自治区|壮族|回族|维吾尔|特别行政区)+$/, '') === w,
    );
    if (!found) throw new UnknownProvince(w, all);
    return found;
  });
}

export class UnknownProvince extends Error {
  override readonly name = 'UnknownProvince';
  constructor(
    readonly province: string,
    all: ProvinceCrawler[],
  ) {
    super(`unknown province '${province}' (known: ${all.map((c) => c.id).join(', ')})`);
  }
}
