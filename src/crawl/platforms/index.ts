// The adapters by name (province files name them) and detection for `ogi crawl --url`.
import type { PlatformName } from '../define.js';
import type { FetchedPage, Platform } from '../platform.js';
import { browser } from './browser.js';
import { generic } from './generic.js';
import { gkmlpt } from './gkmlpt.js';
import { hanweb } from './hanweb.js';
import { trs } from './trs.js';

export const platforms: Record<PlatformName, Platform> = { trs, hanweb, gkmlpt, generic, browser };

/** Most specific first; generic reads anything static, browser takes script-built shells. */
const ORDER: Platform[] = [gkmlpt, hanweb, trs, browser];

/** The adapter that understands a page: gkmlpt, Hanweb, TRS, a script-built shell, else generic. */
export function detectPlatform(page: FetchedPage): Platform {
  return ORDER.find((p) => p.detect(page)) ?? generic;
}

export { browser, generic, gkmlpt, hanweb, trs };
