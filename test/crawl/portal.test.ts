// Crawls each fixture site on 127.0.0.1 and compares what was found, stored and failed with the site's
// expected.json; a second crawl must send conditional requests and download nothing; a crawl killed
// with SIGKILL and restarted must end with the same documents as one that ran through.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/commands/crawl.js';
import { generic, hanweb } from '../../src/crawl/define.js';
import { crawl, startRequests, StorageBusy, type CrawlOptions } from '../../src/crawl/index.js';
import { USER_AGENT } from '../../src/net/manners.js';
import { isTemp } from '../../src/workarea/atomic.js';
import { storagePaths, type DocumentEntry, type Failure } from '../../src/workarea/layout.js';
import { startPortal, type Portal } from '../portal/server.js';
import { isHtml } from '../../src/crawl/handlers/article.js';
import { looksLikeDocument } from '../../src/crawl/handlers/list.js';
import { uniqueKey } from '../../src/crawl/request.js';
import { Progress, duration } from '../../src/crawl/progress.js';

const SITES = [
  'trs',
  'hanweb',
  'gkmlpt',
  'generic',
  'browser',
  'trs-pagers',
  'hanweb-pagers',
  'generic-pagers',
  'browser-pagers',
  'recog',
];

function tempStorage(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'ogi-crawl-'));
}

function options(portal: Portal, storage: string): CrawlOptions {
  return {
    urls: portal.expected.start.map((p) => portal.url(p)),
    storage,
    rate: Infinity,
    allowHosts: ['127.0.0.1'],
    timeoutMs: 1500, // the trs site's slow page answers after 4 s
    maxBytes: 1024 * 1024,
    retry: { retries: 1, baseDelayMs: 50, maxDelayMs: 2000 },
    progress: false,
    browserArgs: ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  };
}

const rel = (url: string | null) => (url === null ? null : `${new URL(url).pathname}${new URL(url).search}`);
const byPath = <T extends { path: string }>(a: T, b: T) => a.path.localeCompare(b.path);

function documentsOf(docs: DocumentEntry[]) {
  return docs
    .map((d) => ({ path: rel(d.url)!, kind: d.kind, page: rel(d.page_url), filename: d.filename }))
    .sort(byPath);
}

/** Failures as expected.json writes them; a count_mismatch with its message (both numbers). */
function failuresOf(failures: Failure[]) {
  return failures
    .map((f) => ({
      path: rel(f.url)!,
      stage: f.stage,
      kind: f.kind,
      ...(f.kind === 'count_mismatch' ? { message: f.message } : {}),
    }))
    .sort(byPath);
}

/** Complete lines in documents.jsonl while another process may be appending (a partial last line is not counted). */
function completeLines(storage: string): number {
  const file = storagePaths(storage).documentIndex;
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0;
}

function indexLines(storage: string): DocumentEntry[] {
  const file = storagePaths(storage).documentIndex;
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as DocumentEntry);
}

describe.each(SITES)('the %s site', (site) => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal(`test/portal/sites/${site}`);
  });
  afterAll(() => portal.close());

  it('finds exactly the reports, stores them with their failures, and a rerun downloads nothing', async () => {
    const storage = tempStorage();
    const expected = portal.expected;
    const progress: string[] = [];
    const first = await crawl({ ...options(portal, storage), progress: (line) => progress.push(line) });

    expect(documentsOf(first.documents)).toEqual(expected.documents);
    expect(failuresOf(first.failures)).toEqual(expected.failures);
    expect(first.blockedHosts).toEqual(expected.blockedHosts ? [new URL(portal.origin).host] : []);
    expect(first.downloaded).toBe(expected.documents.length);
    expect(progress.at(-1)).toBe(
      `pages ${first.pages} · docs ${expected.documents.length} · failed ${expected.failures.length} · ETA 0s`,
    );
    const requested = new Set(portal.hits.map((h) => h.path));
    for (const p of expected.neverRequested) expect(requested, p).not.toContain(p);
    expect(USER_AGENT).toMatch(
      /^ogi\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/ogi-data\/ogi; open government information research\)$/,
    );
    expect(new Set(portal.hits.map((h) => h.userAgent))).toEqual(new Set([USER_AGENT]));

    // Raw bytes content-addressed, one index line per document, failures appended.
    const paths = storagePaths(storage);
    for (const d of first.documents) {
      const bytes = readFileSync(paths.documentFile(d.sha256));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(d.sha256);
      expect(bytes.length).toBe(d.bytes);
    }
    expect(indexLines(storage)).toEqual(first.documents);
    // Bodies are streamed to temporary files beside the blobs: none is left, whatever became of the
    // request (stored, a copy of a stored blob, over the size cap, not a report, failed).
    expect(readdirSync(paths.documents, { recursive: true }).filter((n) => isTemp(String(n)))).toEqual([]);
    const failureLines = existsSync(paths.failures)
      ? readFileSync(paths.failures, 'utf8').split('\n').filter(Boolean)
      : [];
    expect(failureLines.map((l) => JSON.parse(l))).toEqual(first.failures);

    const before = portal.hits.length;
    const second = await crawl(options(portal, storage));
    expect(second.downloaded).toBe(0);
    expect(second.documents).toEqual([]);
    expect(second.unchanged).toBe(expected.documents.length);
    expect(failuresOf(second.failures)).toEqual(expected.failures);
    expect(indexLines(storage)).toEqual(first.documents);

    // Every document that had validators was asked for conditionally and answered 304.
    const rerun = portal.hits.slice(before);
    for (const d of first.documents.filter((doc) => doc.etag)) {
      const hit = rerun.find((h) => h.path === rel(d.final_url) && h.status === 304);
      expect(hit, `304 for ${rel(d.final_url)}`).toBeDefined();
      expect(hit!.ifNoneMatch).toBe(d.etag);
      expect(hit!.ifModifiedSince).toBe(d.last_modified);
    }
  });
});

describe('duplicates', () => {
  let trs: Portal;
  let generic: Portal;
  beforeAll(async () => {
    trs = await startPortal('test/portal/sites/trs');
    generic = await startPortal('test/portal/sites/generic');
  });
  afterAll(async () => {
    await trs.close();
    await generic.close();
  });

  it('keeps a report copied to a second site and marks it as a duplicate of the first', async () => {
    const storage = tempStorage();
    const a = await crawl(options(trs, storage));
    const b = await crawl(options(generic, storage));
    const original = a.documents.find((d) => d.url.endsWith('/P020240115001.pdf'))!;
    const copy = b.documents.find((d) => d.url.endsWith('/shifanqu2023.pdf'))!;
    expect(copy.sha256).toBe(original.sha256);
    expect(original.duplicate_of).toBeNull();
    expect(copy.duplicate_of).toBe(original.sha256);
    expect(b.documents.filter((d) => d !== copy).map((d) => d.duplicate_of)).toEqual([null, null, null, null]);
  });
});

describe('a crawl killed with SIGKILL', () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal('test/portal/sites/hanweb');
  });
  afterAll(() => portal.close());

  it('resumes where it stopped and ends with the same documents, none twice', async () => {
    const reference = tempStorage();
    const full = await crawl(options(portal, reference));
    const expected = indexLines(reference)
      .map((d) => `${d.url} ${d.sha256}`)
      .sort();
    expect(expected).toHaveLength(full.documents.length);

    const storage = tempStorage();
    const { storage: _s, ...childOpts } = { ...options(portal, storage), rate: 3 };
    // node itself, not npx (whose SIGKILL would leave the crawler running)
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/portal/crawl-child.ts', storage, JSON.stringify(childOpts)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    let linesAtKill = -1;
    for (let i = 0; i < 2400 && linesAtKill < 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const n = completeLines(storage);
      if (n >= 1) {
        // Kill the whole process group member that runs the crawl (npx → tsx → node).
        linesAtKill = n;
        killTree(child.pid!);
      }
    }
    expect(await exited).not.toBeNull();
    // The crawler is the last of npx → tsx → node: on a loaded machine it may still be exiting after
    // its parents are gone, and the resumed crawl would find its lock held by a live pid.
    await exitedFully(path.join(storage, 'crawl', 'crawl.lock'));
    expect(linesAtKill).toBeGreaterThanOrEqual(1);
    expect(linesAtKill).toBeLessThan(expected.length);
    const state = readdirSync(path.join(storage, 'crawl')).filter((f) => f.startsWith('run-'));
    expect(state.map((f) => JSON.parse(readFileSync(path.join(storage, 'crawl', f), 'utf8')).status)).toEqual([
      'running',
    ]);

    const resumedFrom = portal.hits.length;
    await crawl(options(portal, storage));
    // The column page was handled before the kill: the resumed queue does not fetch it again.
    expect(portal.hits.slice(resumedFrom).map((h) => h.path)).not.toContain('/col/col123/index.html');
    const after = indexLines(storage)
      .map((d) => `${d.url} ${d.sha256}`)
      .sort();
    expect(after).toEqual(expected);
  }, 240_000);
});

/** Waits (up to 30 s) until the process whose pid a lock file holds is gone or a zombie. */
async function exitedFully(lockFile: string): Promise<void> {
  const pid = existsSync(lockFile) ? Number(readFileSync(lockFile, 'utf8')) : 0;
  for (let i = 0; pid && i < 600; i++) {
    let stat = '';
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return; // gone
    }
    if (/^\d+ \(.*\) Z/.test(stat)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** SIGKILL the child and its descendants (npx and tsx each start a process). */
function killTree(pid: number): void {
  const children = (() => {
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  })();
  for (const c of children) killTree(c);
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

describe('province crawlers', () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal('test/portal/sites/hanweb');
  });
  afterAll(() => portal.close());

  const fixture = () => ({
    id: 'fixture',
    name: '样例省',
    code: '990000',
    portals: [hanweb(portal.url('/col/col123/index.html'), { admin_level: 'county' as const, county: '样例县' })],
  });

  it('start from the entry points, with the named adapter and the portal hints', async () => {
    expect(await startRequests({ provinces: ['样例省'], crawlers: [fixture()] })).toEqual([
      {
        label: 'LIST',
        url: portal.url('/col/col123/index.html'),
        platform: 'hanweb',
        isFirst: true,
        hints: { admin_level: 'county', county: '样例县', province: '样例省', crawler: 'fixture' },
      },
    ]);
  });

  it('are given to crawl() as data: naming a province without them is an error', async () => {
    await expect(startRequests({ provinces: ['样例省'] })).rejects.toThrow(/`crawlers`.*required/);
  });

  it('allow their own hosts without --allow-host and pass the hints to every document', async () => {
    const { allowHosts: _a, urls: _u, ...rest } = options(portal, tempStorage());
    const result = await crawl({ ...rest, provinces: ['fixture'], crawlers: [fixture()] });
    expect(documentsOf(result.documents)).toEqual(portal.expected.documents);
    expect(new Set(result.documents.map((d) => `${d.hints.province} ${d.hints.crawler}`))).toEqual(
      new Set(['样例省 fixture']),
    );
  });

  it('stop after --max-requests', async () => {
    const result = await crawl({ ...options(portal, tempStorage()), maxRequests: 2 });
    expect(result.pages).toBe(2); // the column page and its dataproxy page
    expect(result.documents).toEqual([]);
  });
});

describe('a list built by scripts behind a static adapter', () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal('test/portal/sites/browser-pagers');
  });
  afterAll(() => portal.close());

  it('is rendered and read by the browser adapter, its further pages too', async () => {
    const { allowHosts: _a, urls: _u, ...rest } = options(portal, tempStorage());
    const crawler = { id: 'spa', name: '样例市', code: '990000', portals: [generic(portal.url('/spa/index.html'))] };
    const result = await crawl({ ...rest, provinces: ['spa'], crawlers: [crawler] });
    expect(documentsOf(result.documents).map((d) => d.path)).toEqual([
      '/files/s/2021.pdf',
      '/files/s/2022.pdf',
      '/files/s/2023.pdf',
    ]);
    expect(result.failures).toEqual([]);
    expect(portal.hits.filter((h) => h.path.startsWith('/spa/api/')).map((h) => h.path)).toEqual([
      '/spa/api/list.json?page=1',
      '/spa/api/list.json?page=2',
    ]);
  });
});

describe('a list page that moved', () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal('test/portal/sites/generic');
  });
  afterAll(() => portal.close());

  it('is a layout_changed failure, not an empty column', async () => {
    const result = await crawl({ ...options(portal, tempStorage()), urls: [portal.url('/xxgk/moved.html')] });
    expect(result.documents).toEqual([]);
    expect(failuresOf(result.failures)).toEqual([{ path: '/xxgk/moved.html', stage: 'crawl', kind: 'layout_changed' }]);
  });

  it('refuses a storage directory another live crawl holds, and takes over a dead one', async () => {
    const storage = tempStorage();
    mkdirSync(path.join(storage, 'crawl'));
    const lock = path.join(storage, 'crawl', 'crawl.lock');
    writeFileSync(lock, String(process.ppid));
    const opts = { ...options(portal, storage), urls: [portal.url('/xxgk/moved.html')] };
    await expect(crawl(opts)).rejects.toBeInstanceOf(StorageBusy);
    writeFileSync(lock, '4194303'); // above any Linux pid_max: no such process
    expect((await crawl(opts)).failures.map((f) => f.kind)).toEqual(['layout_changed']);
    expect(existsSync(lock)).toBe(false);
  });

  it('makes `ogi crawl` exit 3 and print the result as JSON', async () => {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const storage = tempStorage();
    try {
      const args = [
        '--url',
        portal.url('/xxgk/moved.html'),
        '--storage',
        storage,
        '--rate',
        'off',
        '--allow-host',
        '127.0.0.1',
        '--json',
      ];
      expect(await run(args)).toBe(3);
      expect(await run(['--rate', 'fast', '--url', portal.url('/')])).toBe(2);
      expect(await run([])).toBe(2);
    } finally {
      log.mockRestore();
      stderr.mockRestore();
    }
    const result = JSON.parse(out[0]) as { pages: number; failures: Failure[]; blockedHosts: string[] };
    expect([result.pages, result.failures.map((f) => f.kind), result.blockedHosts]).toEqual([
      1,
      ['layout_changed'],
      [],
    ]);
  });
});

describe('handler and progress helpers', () => {
  it.each([
    ['text/html; charset=gbk', '%PDF', true],
    ['application/pdf', '<html>', false],
    [null, '  <!DOCTYPE html><html>', true],
    ['application/octet-stream', '<html><body>', true],
    ['application/octet-stream', '%PDF-1.4', false],
  ])('isHtml(%s, %s) = %s', (type, body, expected) => expect(isHtml(type, Buffer.from(body))).toBe(expected));

  it.each([
    ['http://a.gov.cn/P020240115.pdf', true],
    ['http://a.gov.cn/x.DOCX?v=2', true],
    ['http://a.gov.cn/module/download/downfile.jsp?classid=0&filename=a.pdf', true],
    ['http://a.gov.cn/art/2024/1/2/art_1_2.html', false],
  ])('looksLikeDocument(%s) = %s', (url, expected) => expect(looksLikeDocument(url)).toBe(expected));

  it('keys POST requests by their body', () => {
    expect(uniqueKey({ url: 'http://a.gov.cn/p', method: 'POST', body: 'a=1' })).not.toBe(
      uniqueKey({ url: 'http://a.gov.cn/p', method: 'POST', body: 'a=2' }),
    );
    expect(uniqueKey({ url: 'http://a.gov.cn/p' })).toBe('http://a.gov.cn/p');
  });

  it('formats the progress line with thousands separators and an ETA from the rate so far', () => {
    const p = new Progress();
    p.pages = 1204;
    p.docs = 311;
    p.failed = 7;
    const start = Date.now();
    expect(p.line(0, 100, start)).toBe('pages 1,204 · docs 311 · failed 7 · ETA ?');
    expect(p.line(50, 1250, start + 10_000)).toBe('pages 1,204 · docs 311 · failed 7 · ETA 4m');
    expect([duration(42), duration(250), duration(7300)]).toEqual(['42s', '4m', '2h 2m']);
  });
});

describe('a second crawl after the portal changed', () => {
  let portal: Portal;
  let site: string;
  beforeAll(async () => {
    site = mkdtempSync(path.join(os.tmpdir(), 'ogi-site-'));
    cpSync('test/portal/sites/hanweb', site, { recursive: true });
    portal = await startPortal(site);
  });
  afterAll(() => portal.close());

  it('downloads only the new report and the changed one', async () => {
    const storage = tempStorage();
    const first = await crawl(options(portal, storage));
    expect(first.downloaded).toBe(5);

    // A new record in the dataproxy reply, and the 2022 report page edited.
    const proxy = path.join(site, 'files', 'dataproxy-4.xml');
    const record = (href: string, title: string) =>
      `<record><![CDATA[<li><a href="${href}" title="${title}">${title}</a><b readlabel="2021-01-20">2021-01-20</b></li>]]></record>`;
    writeFileSync(
      proxy,
      readFileSync(proxy, 'utf8').replace(
        '</recordset>',
        `${record('/art/2021/1/20/art_123_906.html', '样例县2020年政府信息公开工作年度报告')}\n</recordset>`,
      ),
    );
    const old = path.join(site, 'files', 'art', '2022', '1', '25', 'art_123_904.html');
    const added = path.join(site, 'files', 'art', '2021', '1', '20', 'art_123_906.html');
    mkdirSync(path.dirname(added), { recursive: true });
    writeFileSync(
      added,
      readFileSync(old, 'utf8')
        .replaceAll('2021', '2020')
        .replace(/<p><a[\s\S]*?<\/a><\/p>/, ''),
    );
    const edited = path.join(site, 'files', 'art', '2023', '1', '18', 'art_123_902.html');
    writeFileSync(edited, readFileSync(edited, 'utf8').replace('主动公开政府信息', '主动公开政府信息（更正）'));

    const second = await crawl(options(portal, storage));
    expect(documentsOf(second.documents)).toEqual([
      {
        path: '/art/2021/1/20/art_123_906.html',
        kind: 'page',
        page: '/art/2021/1/20/art_123_906.html',
        filename: null,
      },
      {
        path: '/art/2023/1/18/art_123_902.html',
        kind: 'page',
        page: '/art/2023/1/18/art_123_902.html',
        filename: null,
      },
    ]);
    expect([second.downloaded, second.unchanged]).toEqual([2, 4]);
    const versions = indexLines(storage).filter((d) => d.url.endsWith('/art_123_902.html'));
    expect(versions).toHaveLength(2);
    expect(versions[0].sha256).not.toBe(versions[1].sha256);
  });
});
