// Extraction in the worker pool: the record is the one in-process extraction gives; a document that
// breaks a limit, or kills its worker, fails alone with the limit named, and the next document of
// the same pool is extracted by a fresh worker.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExtractError } from '../../src/errors.js';
import { extractDocument } from '../../src/extract/index.js';
import { ExtractionPool, type ExtractionLimits } from '../../src/extract/isolated/pool.js';
import { flateBombPdf } from '../fixtures/hostile.js';
import { PEER, SEEDS } from '../fixtures/samples.js';

const GOOD = path.join(SEEDS, '001_82da0c68b48e6d43.txt');
const PDF = path.join(PEER, 'hongze-2023.pdf');

/** The error a job fails with, as `kind: message`. */
async function failure(pool: ExtractionPool, file: string): Promise<string> {
  try {
    await pool.extract({ file });
  } catch (err) {
    expect(err).toBeInstanceOf(ExtractError);
    return `${(err as ExtractError).kind}: ${(err as ExtractError).message}`;
  }
  throw new Error(`${file} was extracted`);
}

describe('ExtractionPool', () => {
  let dir: string;
  const pools: ExtractionPool[] = [];
  const pool = (limits: Partial<ExtractionLimits> = {}, size = 1) => {
    const p = new ExtractionPool({ size, limits });
    pools.push(p);
    return p;
  };
  let bomb: Promise<string> | undefined;
  /** A PDF whose page inflates 256 MiB (made once). */
  const bomb256 = () =>
    (bomb ??= flateBombPdf(256).then(async (bytes) => {
      const file = path.join(dir, 'bomb256.pdf');
      await writeFile(file, bytes);
      return file;
    }));
  /** The five-page PDF eight times over (pdfunite): 40 pages of pdf.js's fonts and text. */
  let slow: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ogi-pool-'));
    slow = path.join(dir, 'forty-pages.pdf');
    execFileSync('pdfunite', [...Array.from({ length: 8 }, () => PDF), slow]);
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('gives the same record as extraction in process, for text and PDF', async () => {
    const p = pool({}, 2);
    const [txt, pdf] = await Promise.all([
      p.extract({ file: GOOD, name: 'good.txt' }),
      p.extract({ file: PDF, name: 'hongze-2023.pdf' }),
    ]);
    expect(txt).toEqual(await extractDocument({ bytes: await readFile(GOOD), name: 'good.txt' }));
    expect(pdf).toEqual(await extractDocument({ bytes: await readFile(PDF), name: 'hongze-2023.pdf' }));
  });

  it('passes the typed error of a bad document through and keeps the worker', async () => {
    const p = pool();
    const empty = path.join(dir, 'empty.pdf');
    await writeFile(empty, '');
    expect(await failure(p, empty)).toMatch(/^empty_file: /);
    const [pid] = p.pids();
    expect((await p.extract({ file: GOOD })).year).toBe(2020);
    expect(p.pids()).toEqual([pid]);
  });

  // Limits a document breaks and a short text report does not (a worker reading it stays near 60 MiB and
  // takes a few ms), even on a loaded machine; the text report's worker also stays under half the memory
  // limit, so it is kept. A PDF whose page inflates 256 MiB passes 180 MiB resident in any worker; the
  // forty-page PDF takes over 1 s of CPU and wall time in a warm worker on a fast machine (the
  // five-page one alone took under 300 ms, worker start included, on one).
  it.each([
    [
      'memory (resident size)',
      'bomb',
      { rssMb: 180 },
      /^resource_limit: memory limit: resident size \d+ MiB over the 180 MiB allowed$/,
    ],
    [
      'CPU time',
      'slow',
      { cpuMs: 300 },
      /^resource_limit: cpu_time limit: \d+ ms of CPU over the 300 ms allowed per document$/,
    ],
    [
      'wall time',
      'slow',
      { wallMs: 300 },
      /^resource_limit: wall_time limit: \d+ ms over the 300 ms allowed per document$/,
    ],
  ])(
    'a document over the %s limit fails with the limit named; the next one is extracted by a new worker',
    async (_name, document, limits, message) => {
      const p = pool(limits);
      expect(await failure(p, document === 'bomb' ? await bomb256() : slow)).toMatch(message);
      expect(p.pids()).toEqual([]); // killed, not reused
      expect((await p.extract({ file: GOOD })).year).toBe(2020);
      expect(p.pids()).toHaveLength(1);
    },
  );

  it('a document read over the output limit fails with the limit named; the worker stays', async () => {
    const p = pool({ outputBytes: 100 });
    expect(await failure(p, GOOD)).toMatch(
      /^resource_limit: output_size limit: the document read is \d+ bytes of JSON, over the 100 allowed$/,
    );
    const [pid] = p.pids();
    expect(await failure(p, GOOD)).toMatch(/^resource_limit: output_size /);
    expect(p.pids()).toEqual([pid]);
  });

  it('a PDF whose page inflates 1 GiB (a flate bomb of 1 MB) fails on the memory limit; the next document is extracted', async () => {
    const bomb = path.join(dir, 'bomb.pdf');
    const bytes = await flateBombPdf(1024);
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    await writeFile(bomb, bytes);
    const p = pool({ rssMb: 300 });
    expect(await failure(p, bomb)).toMatch(/^resource_limit: memory limit: /);
    expect((await p.extract({ file: GOOD })).year).toBe(2020);
  });

  it('a heap over the V8 cap is a memory limit, not a crash', async () => {
    // a 4 MB page of 400,000 table cells: its DOM alone is several times the 48 MiB heap
    const big = path.join(dir, 'cells.html');
    const row = `<tr>${'<td>1</td>'.repeat(20)}</tr>`;
    await writeFile(big, `<!DOCTYPE html><html><body><table>${row.repeat(20_000)}</table></body></html>`);
    const p = pool({ heapMb: 48 });
    expect((await p.extract({ file: GOOD })).year).toBe(2020); // the worker itself fits
    expect(await failure(p, big)).toBe(`resource_limit: memory limit: the JavaScript heap passed 48 MiB`);
  });

  it('a worker that dies mid-document fails that document as extractor_crashed; the next one is extracted', async () => {
    const p = pool({}, 1);
    const job = p.extract({ file: PDF });
    // Kill the worker once it has the document.
    for (let i = 0; i < 200 && p.pids().length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const [pid] = p.pids();
    await new Promise((r) => setTimeout(r, 20));
    process.kill(pid!, 'SIGKILL');
    await expect(job).rejects.toMatchObject({
      kind: 'extractor_crashed',
      message: 'the extractor process died (signal SIGKILL)',
    });
    expect((await p.extract({ file: GOOD })).year).toBe(2020);
    expect(p.pids()).not.toContain(pid);
  });

  it('reads only regular files: a directory, a named pipe and a link to a device are not_a_file', async () => {
    const p = pool();
    const sub = path.join(dir, 'folder.pdf');
    await mkdir(sub);
    const fifo = path.join(dir, 'pipe.pdf');
    execFileSync('mkfifo', [fifo]);
    const zero = path.join(dir, 'zero.pdf');
    await symlink('/dev/zero', zero);
    expect(await failure(p, sub)).toBe(`not_a_file: ${sub} is a directory, not a document`);
    expect(await failure(p, fifo)).toBe(`not_a_file: ${fifo} is a named pipe, not a document`);
    expect(await failure(p, zero)).toBe(`not_a_file: ${zero} is a device, not a document`);
    expect(await failure(p, path.join(dir, 'missing.pdf'))).toMatch(/^not_found: /);
    expect(p.pids()).toEqual([]); // none of them reached a worker
  });
});
