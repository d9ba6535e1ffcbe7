// Saved portal pages as test fixtures ("captures"). A capture is a folder <root>/<group>/<name>/ —
// group = the province crawler's id or the platform's name — holding capture.json (where and when
// the page came from, the adapter that reads it, the province it stands for, whether it is
// synthetic) and the bodies as fetched: the list page first, then the pager responses it led to.
// `ogi capture` writes them (src/crawl/capture.ts); the tests replay them with the adapter; `ogi
// crawlers` shows which provinces have a real saved page and which only a synthetic one, built from
// the platform's saved pages because no real page could be fetched here. Only file reading here, so
// that `ogi crawlers` loads no crawler.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PlatformName } from './define.js';

export const CAPTURE_FILE = 'capture.json';

export interface CaptureFile {
  /** File name in the capture folder. */
  file: string;
  /** The URL it was fetched from (after redirects), with the request that asked for it. */
  url: string;
  method?: 'GET' | 'POST';
  body?: string;
  content_type: string | null;
}

export interface CaptureMeta {
  /** The URL the capture was asked for. */
  url: string;
  /** ISO time of the fetch; null for a synthetic capture (never fetched). */
  captured_at: string | null;
  /** The adapter that reads it. */
  platform: PlatformName;
  /** The province crawler it stands for (its id), if any. */
  province: string | null;
  /** True when built from another portal's saved pages, not fetched from this URL. */
  synthetic: boolean;
  /** What made it: `ogi capture <version>`, or the saved pages a synthetic one was built from. */
  from: string;
  /** The page is the DOM Chromium rendered (lists built by scripts), not the bytes served. */
  rendered?: boolean;
  /** The list page first, then its pager responses. */
  files: CaptureFile[];
}

export interface Capture {
  dir: string;
  meta: CaptureMeta;
}

/** Every capture under `root` (folders holding capture.json, up to three levels down), sorted by folder. */
export function listCaptures(root: string): Capture[] {
  const out: Capture[] = [];
  const walk = (dir: string, depth: number) => {
    if (existsSync(path.join(dir, CAPTURE_FILE))) {
      out.push({ dir, meta: JSON.parse(readFileSync(path.join(dir, CAPTURE_FILE), 'utf8')) as CaptureMeta });
      return;
    }
    if (depth >= 3 || !existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true }))
      if (e.isDirectory()) walk(path.join(dir, e.name), depth + 1);
  };
  walk(root, 0);
  return out.sort((a, b) => a.dir.localeCompare(b.dir));
}

export type FixtureKind = 'real' | 'synthetic' | 'none';

/** Per province id: 'real' when a real capture stands for it, else 'synthetic' when a synthetic one does, else 'none'. */
export function fixtureKinds(captures: Capture[], ids: string[]): Record<string, FixtureKind> {
  const out: Record<string, FixtureKind> = {};
  for (const id of ids) {
    const mine = captures.filter((c) => c.meta.province === id);
    out[id] = mine.some((c) => !c.meta.synthetic) ? 'real' : mine.length ? 'synthetic' : 'none';
  }
  return out;
}
