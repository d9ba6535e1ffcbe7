// `ogi capture` against the fixture portal on 127.0.0.1: the list page and its pager responses are
// saved byte for byte with where and when they came from, and the replay reads what the crawl reads.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/commands/capture.js';
import { capture, captureName, replayCapture } from '../../src/crawl/capture.js';
import { fixtureKinds, listCaptures } from '../../src/crawl/fixtures.js';
import { startPortal, type Portal } from '../portal/server.js';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'ogi-capture-'));
const NOW = '2026-01-02T03:04:05.000Z';

describe('ogi capture', () => {
  let trs: Portal;
  let hanweb: Portal;
  beforeAll(async () => {
    trs = await startPortal('test/portal/sites/trs-pagers');
    hanweb = await startPortal('test/portal/sites/hanweb-pagers');
  });
  afterAll(async () => {
    await trs.close();
    await hanweb.close();
  });

  it('saves a TRS list page and the page its script pager names, with where and when', async () => {
    const out = tempDir();
    const url = trs.url('/d/zfxxgknb/index.html');
    const result = await capture({ url, out, province: 'beijing', name: 'short-column', rate: Infinity, now: NOW });
    expect(path.relative(out, result.dir)).toBe('beijing/short-column');
    expect(result.meta).toEqual({
      url,
      captured_at: NOW,
      platform: 'trs',
      province: 'beijing',
      synthetic: false,
      from: 'ogi capture',
      files: [
        { file: 'page.html', url, content_type: 'text/html; charset=utf-8' },
        { file: 'pager-1.html', url: trs.url('/d/zfxxgknb/index_1.html'), content_type: 'text/html; charset=utf-8' },
      ],
    });
    expect(readdirSync(result.dir).sort()).toEqual(['capture.json', 'page.html', 'pager-1.html']);
    expect(readFileSync(path.join(result.dir, 'pager-1.html'), 'utf8')).toBe(
      readFileSync('test/portal/sites/trs-pagers/files/d/zfxxgknb/index_1.html', 'utf8'),
    );
    const replay = replayCapture(result.dir, result.meta);
    expect(replay.items.map((i) => new URL(i.url).pathname)).toEqual([
      '/files/d/2023.pdf',
      '/files/d/2022.pdf',
      '/files/d/2021.pdf',
      '/files/d/2020.pdf',
    ]);
    expect([replay.total, replay.pages, result.items]).toEqual([5, 2, 4]);
    expect(listCaptures(out).map((c) => [path.relative(out, c.dir), c.meta.synthetic])).toEqual([
      ['beijing/short-column', false],
    ]);
    expect(fixtureKinds(listCaptures(out), ['beijing', 'tianjin'])).toEqual({ beijing: 'real', tianjin: 'none' });
  });

  it('saves a JSON API reply and its further pages, and a Hanweb dataproxy POST with its form', async () => {
    const out = tempDir();
    const api = await capture({ url: trs.url('/c/zfxxgknb.trsapi?pageNo=1'), out, rate: Infinity, now: NOW });
    expect(path.relative(out, api.dir)).toBe(`trs/${captureName(trs.url('/c/zfxxgknb.trsapi?pageNo=1'))}`);
    expect(api.meta.files.map((f) => [f.file, new URL(f.url).search])).toEqual([
      ['page.json', '?pageNo=1'],
      ['pager-1.json', '?pageNo=2'],
    ]);
    expect(api.items).toBe(3);

    const col = await capture({ url: hanweb.url('/col/col300/index.html'), out, rate: Infinity, now: NOW });
    expect(col.meta.platform).toBe('hanweb');
    const proxy = col.meta.files[1];
    expect([proxy.file, proxy.method, new URLSearchParams(proxy.body).get('unitid')]).toEqual([
      'pager-1.xml',
      'POST',
      '3001',
    ]);
    expect(hanweb.hits.filter((h) => h.method === 'POST').map((h) => h.path)).toEqual([
      '/module/web/jpage/dataproxy.jsp?startrecord=3&endrecord=6&perpage=2',
    ]);
    expect(col.items).toBe(4);
  });

  it('saves a list built by scripts as Chromium rendered it, and its rendered further pages', async () => {
    const spa = await startPortal('test/portal/sites/browser-pagers');
    try {
      const out = tempDir();
      const url = spa.url('/spa/index.html');
      const result = await capture({
        url,
        out,
        rate: Infinity,
        now: NOW,
        browserArgs: ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
      });
      expect([result.meta.platform, result.meta.rendered]).toEqual(['browser', true]);
      expect(result.meta.files.map((f) => [f.file, new URL(f.url).search])).toEqual([
        ['page.html', ''],
        ['pager-1.html', '?page=2'],
      ]);
      expect(readFileSync(path.join(result.dir, 'page.html'), 'utf8')).toContain('共3条');
      const replay = replayCapture(result.dir, result.meta);
      expect(replay.items.map((i) => new URL(i.url).pathname)).toEqual([
        '/files/s/2023.pdf',
        '/files/s/2022.pdf',
        '/files/s/2021.pdf',
      ]);
      expect(replay.total).toBe(3);
    } finally {
      await spa.close();
    }
  }, 60_000);

  it('as a command: prints the folder, exits 3 on a page that cannot be fetched, 2 on usage errors', async () => {
    const out = tempDir();
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((l: string) => void lines.push(l));
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const url = trs.url('/b/gknb/index.shtml');
      expect(await run([url, '--out', out, '--province', 'hubei', '--rate', '1000', '--pages', '1'])).toBe(0);
      expect(lines).toEqual([path.join(out, 'hubei', captureName(url))]);
      const meta = JSON.parse(readFileSync(path.join(lines[0], 'capture.json'), 'utf8'));
      expect(meta.files.map((f: { file: string }) => f.file)).toEqual(['page.html', 'pager-1.html']);
      expect(await run([trs.url('/nowhere/index.html'), '--out', out, '--rate', '1000'])).toBe(3);
      expect(await run([])).toBe(2);
      expect(await run(['file:///etc/passwd'])).toBe(2);
      expect(await run([url, '--platform', 'nope'])).toBe(2);
      expect(await run([url, '--province', '../x'])).toBe(2);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  });
});
