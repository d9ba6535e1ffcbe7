// Province files (crawlers/<pinyin>.ts) are data: an id, a name, a GB/T 2260 code and entry points,
// each naming the platform adapter that reads it. A new county portal is one more line.
import type { AdminLevel } from '../record.js';

/** The platform adapters (src/crawl/platforms/, registered in its index.ts under these names). */
export const PLATFORM_NAMES = ['trs', 'hanweb', 'gkmlpt', 'generic', 'browser'] as const;
export type PlatformName = (typeof PLATFORM_NAMES)[number];

export interface PortalHints {
  admin_level?: AdminLevel;
  agency?: string;
  /** Place names the portal covers (city/county), used as region hints. */
  city?: string;
  county?: string;
  /**
   * The URL is a portal page, not its 年报 column (no column path has been seen yet): the adapter
   * adds the 年报 columns it finds there (select.findReportColumns) to the list's further pages.
   */
  discover?: boolean;
}

export interface PortalEntry extends PortalHints {
  url: string;
  platform: PlatformName;
}

export interface ProvinceCrawler {
  id: string;
  name: string;
  /** GB/T 2260 code of the province ('000000' for the central government). */
  code: string;
  portals: PortalEntry[];
  /** Hosts outside *.gov.cn this crawler may fetch (none so far: every portal is a gov.cn host). */
  allowHosts?: string[];
}

export function province(def: ProvinceCrawler): ProvinceCrawler {
  return def;
}

const entry =
  (platform: PlatformName) =>
  (url: string, hints: PortalHints = {}): PortalEntry => ({ url, platform, ...hints });

export const trs = entry('trs');
export const hanweb = entry('hanweb');
export const gkmlpt = entry('gkmlpt');
export const generic = entry('generic');
export const browser = entry('browser');
