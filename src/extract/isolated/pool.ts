// Extraction in child processes under hard limits, so that one hostile document (a zip bomb, a PDF
// that loops, a parser that crashes the process) costs only its own record, never the run.
//
// A pool of forked workers (worker.ts), reused across documents. Each job is one file on disk:
// the parent checks it is a regular file of a sane size; the worker reads it — the only step that
// parses the document's bytes — into its DocumentModel and sends that back; the parent interprets
// the model into the record (interpret.ts). The parent loads the interpreting modules and builds
// the division index while its first worker starts and reads (on another core), so no worker holds
// an index of its own. A worker is told the format its first file's name suggests and loads that
// reader ahead. Per job the parent enforces, by polling /proc/<pid>/stat:
//   - memory: V8's heap cap (--max-old-space-size) and a resident-size watchdog (native memory of
//     the parsers counts too);
//   - CPU time and wall time;
//   - output size: the model's JSON the worker sends, and the record's JSON.
// A worker that exceeds a limit is killed (SIGKILL) and the job fails with `resource_limit` naming
// the limit; a worker that dies on its own fails the job with `extractor_crashed`. Either way the
// worker is replaced for the next job and the run goes on.
//
// Hand-written on child_process rather than workerpool/piscina: those give threads (a native crash
// or an abort takes the whole process down) or no per-job resource readings.
import { type ChildProcess, fork } from 'node:child_process';
import { type Stats, statSync } from 'node:fs';
import type { Socket } from 'node:net';
import os from 'node:os';
import { ExtractError, MAX_DOCUMENT_BYTES } from '../../errors.js';
import type { ReportRecord } from '../../record.js';
import { childEntry, type ChildEntry } from '../../sys/child.js';
import { resourceUse } from '../../sys/process.js';
import type { ExtractInput } from '../index.js';
import type { DocumentRead } from '../read.js';

/** The hard limits per document (README: "Limits"). */
export interface ExtractionLimits {
  /** V8 old-space cap of a worker, MiB. */
  heapMb: number;
  /** Resident size a worker may reach while extracting, MiB (the watchdog kills it above). */
  rssMb: number;
  /** CPU time per document, ms. */
  cpuMs: number;
  /** Wall time per document, ms. */
  wallMs: number;
  /** Size of the record's JSON, bytes. */
  outputBytes: number;
}

export const DEFAULT_LIMITS: ExtractionLimits = {
  heapMb: 1024,
  rssMb: 1536,
  cpuMs: 60_000,
  wallMs: 120_000,
  outputBytes: 16 * 1024 * 1024,
};

/** How often the watchdog reads a busy worker's CPU time and resident size. */
const WATCH_INTERVAL_MS = 50;
/** A worker whose resident size stays above this share of the memory limit after a document is replaced. */
const RETIRE_RSS_SHARE = 0.5;

/** One document to extract: a file, with what the crawler knows of it. */
export interface ExtractionJob extends Omit<ExtractInput, 'bytes' | 'pictures'> {
  file: string;
  /** When `file` is a picture set (a report published as pictures): the files of the pictures that came, in its order. */
  pictures?: string[];
  /** The cluster's OCR page jobs (ReadOptions.ocrPages): defer uncached scanned pages, or read only this one. */
  ocrPages?: 'defer' | number;
}

/** Sent to a worker: what reading the file needs (where it came from is for the parent). */
export interface WorkerRequest extends Pick<ExtractionJob, 'file' | 'name' | 'contentType' | 'pictures' | 'ocrPages'> {
  id: number;
  outputBytes: number;
  /** Read scanned pages by OCR. */
  ocr: boolean;
  ocrCache?: string;
}

/** Sent back by a worker: a DocumentRead as JSON, or the typed error. */
export type WorkerReply =
  | { id: number; ok: true; json: string }
  | { id: number; ok: false; kind: string; message: string };

/** A limit of ExtractionLimits that a document hit. */
export type LimitName = 'memory' | 'cpu_time' | 'wall_time' | 'output_size';

export interface PoolOptions {
  /** Worker processes (default: the CPUs, at most 4). */
  size?: number;
  limits?: Partial<ExtractionLimits>;
  /**
   * Stop a worker as soon as it finishes while no job is queued, instead of keeping it for more:
   * for callers that queue every document at once (`ogi extract`), so that its exit overlaps the
   * last record's interpretation rather than following it.
   */
  stopWhenIdle?: boolean;
  /** Read scanned pages by OCR (default true; false: such documents fail as needs_ocr). */
  ocr?: boolean;
  /** Folder where pages read by OCR are kept, so that a document read again is not read by OCR again. */
  ocrCache?: string;
}

interface Worker {
  child: ChildProcess;
  /** Settles when the worker has loaded the extractor (its start-up is not charged to a document). */
  ready: Promise<void>;
  /** The tail of the worker's stderr (why it died, when it does). */
  stderr: string;
}

interface Pending {
  job: ExtractionJob;
  resolve(record: ReportRecord): void;
  reject(err: Error): void;
}

type Interpreter = typeof import('../interpret.js');

/** The worker's entry: worker.js beside this module, or from the sources its twin in a current dist/ (src/sys/child.ts). */
let entry: ChildEntry | undefined;

/** A worker's V8 flags (the build makes pdf.js's code cache under those of the default limits: pdfjs-cache.ts). */
export function workerFlags(heapMb: number): string[] {
  return [`--max-old-space-size=${heapMb}`];
}

/** A worker process with `heapMb`, told the format `firstFile` likely is, to load its reader ahead. */
function startWorker(heapMb: number, firstFile: string): Worker {
  entry ??= childEntry(import.meta.url, 'worker');
  const format = likelyFormat(firstFile);
  const child = fork(entry.file, format ? [format] : [], {
    execArgv: [...workerFlags(heapMb), ...entry.execArgv],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'json',
  });
  const ready = new Promise<void>((resolve) => {
    const onReady = (m: unknown) => {
      if ((m as { ready?: boolean })?.ready) {
        child.off('message', onReady);
        resolve();
      }
    };
    child.on('message', onReady);
    child.once('exit', () => resolve()); // died while starting: the job sees the exit
  });
  const worker: Worker = { child, ready, stderr: '' };
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    worker.stderr = (worker.stderr + chunk).slice(-4096);
  });
  return worker;
}

/** A worker started before any pool (startWorkerEarly), waiting for the first pool with its limits. */
let early: { heapMb: number; worker: Worker } | null = null;

/**
 * Starts a worker with the default limits right away, so that its start-up (a whole Node process)
 * overlaps the command's own: `ogi extract` calls it before loading the command. The first pool
 * with those limits adopts it; until then it holds the process open for nothing (unref'd), so a
 * command that ends early (a usage error) exits as usual.
 */
export function startWorkerEarly(firstFile: string): void {
  if (early) return;
  const worker = startWorker(DEFAULT_LIMITS.heapMb, firstFile);
  worker.child.unref();
  worker.child.channel?.unref();
  (worker.child.stderr as Socket | null)?.unref();
  early = { heapMb: DEFAULT_LIMITS.heapMb, worker };
}

function adoptEarlyWorker(heapMb: number): Worker | null {
  const found = early;
  if (!found || found.heapMb !== heapMb) return null;
  early = null;
  const { child } = found.worker;
  if (child.exitCode !== null || child.signalCode !== null) return null;
  child.ref();
  child.channel?.ref();
  (child.stderr as Socket | null)?.ref();
  return found.worker;
}

export class ExtractionPool {
  readonly size: number;
  readonly limits: ExtractionLimits;
  private readonly stopWhenIdle: boolean;
  private readonly ocr: boolean;
  private readonly ocrCache: string | undefined;
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  /** The interpreting modules, loaded (and the division index built) once the first worker is forked. */
  private interpreter: Promise<Interpreter> | null = null;

  constructor(opts: PoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? Math.min(os.availableParallelism(), 4));
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.stopWhenIdle = opts.stopWhenIdle ?? false;
    this.ocr = opts.ocr ?? true;
    this.ocrCache = opts.ocrCache;
  }

  /** The record of one file, or an ExtractError: the file's own kind, or resource_limit / extractor_crashed / not_a_file. */
  async extract(job: ExtractionJob): Promise<ReportRecord> {
    if (this.closed) throw new Error('the extraction pool is closed');
    checkRegularFile(job.file);
    for (const picture of job.pictures ?? []) checkRegularFile(picture);
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  /** The worker processes' ids (for status lines, and tests that kill one). */
  pids(): number[] {
    return [...this.all].map((w) => w.child.pid).filter((p): p is number => p !== undefined);
  }

  /** Stops every worker; jobs still queued are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('the extraction pool was closed'));
    const exits = [...this.all].map(
      (w) =>
        new Promise<void>((done) => {
          if (w.child.exitCode !== null || w.child.signalCode !== null) return done();
          w.child.once('exit', () => done());
          w.child.kill('SIGKILL');
        }),
    );
    this.all.clear();
    this.idle.length = 0;
    await Promise.all(exits);
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.all.size < this.size ? this.spawn(this.queue[0]!.job) : null);
      if (!worker) return;
      const pending = this.queue.shift()!;
      void worker.ready.then(() => this.run(worker, pending));
    }
  }

  /** A new worker, told the format `first` (the job it is started for) likely is, to load its reader ahead. */
  private spawn(first: ExtractionJob): Worker {
    const worker = adoptEarlyWorker(this.limits.heapMb) ?? startWorker(this.limits.heapMb, first.name ?? first.file);
    const { child } = worker;
    child.on('exit', () => this.forget(worker));
    child.on('error', () => this.forget(worker));
    this.all.add(worker);
    this.warmUp();
    return worker;
  }

  /**
   * Loads what interpreting needs while the worker starts: the modules, then the division index.
   */
  private warmUp(): Promise<Interpreter> {
    this.interpreter ??= import('../interpret.js').then((m) => {
      void m.warmUp();
      return m;
    });
    return this.interpreter;
  }

  private retire(worker: Worker): void {
    if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    this.forget(worker);
  }

  private forget(worker: Worker): void {
    this.all.delete(worker);
    const i = this.idle.indexOf(worker);
    if (i >= 0) this.idle.splice(i, 1);
  }

  private run(worker: Worker, pending: Pending): void {
    const { child } = worker;
    const id = this.nextId++;
    const limits = this.limits;
    const startCpu = (child.pid && resourceUse(child.pid)?.cpuMs) || 0;
    const started = Date.now();
    let settled = false;

    const finish = (outcome: { read: string } | { error: Error }, keep: boolean) => {
      if (settled) return;
      settled = true;
      clearInterval(watch);
      child.off('message', onMessage);
      child.off('exit', onExit);
      // parsers' caches and heaps grow: a worker left holding half its memory limit is replaced
      const rss = keep && child.pid ? (resourceUse(child.pid)?.rssBytes ?? 0) : 0;
      const wanted = !this.closed && !(this.stopWhenIdle && this.queue.length === 0);
      if (keep && wanted && rss < RETIRE_RSS_SHARE * limits.rssMb * 2 ** 20) this.idle.push(worker);
      else this.retire(worker);
      this.pump();
      if ('read' in outcome) this.interpret(outcome.read, pending);
      else pending.reject(outcome.error);
    };
    const overLimit = (limit: LimitName, detail: string) => {
      child.kill('SIGKILL');
      finish({ error: new ExtractError('resource_limit', `${limit} limit: ${detail}`, pending.job.file) }, false);
    };
    const onMessage = (reply: WorkerReply) => {
      if (reply.id !== id) return;
      if (reply.ok) finish({ read: reply.json }, true);
      else finish({ error: new ExtractError(reply.kind as never, reply.message, pending.job.file) }, true);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      const why = worker.stderr.match(/heap out of memory|Allocation failed/i)
        ? null
        : `the extractor process died (${signal ? `signal ${signal}` : `exit code ${code}`})${lastLine(worker.stderr)}`;
      if (why === null)
        finish(
          {
            error: new ExtractError(
              'resource_limit',
              `memory limit: the JavaScript heap passed ${limits.heapMb} MiB`,
              pending.job.file,
            ),
          },
          false,
        );
      else finish({ error: new ExtractError('extractor_crashed', why, pending.job.file) }, false);
    };
    const watch = setInterval(() => {
      const elapsed = Date.now() - started;
      if (elapsed > limits.wallMs)
        return overLimit('wall_time', `${elapsed} ms over the ${limits.wallMs} ms allowed per document`);
      const usage = child.pid ? resourceUse(child.pid) : null;
      if (!usage) return;
      const cpuMs = usage.cpuMs - startCpu;
      if (cpuMs > limits.cpuMs)
        return overLimit('cpu_time', `${Math.round(cpuMs)} ms of CPU over the ${limits.cpuMs} ms allowed per document`);
      const rssMb = usage.rssBytes / 2 ** 20;
      if (rssMb > limits.rssMb)
        return overLimit('memory', `resident size ${Math.round(rssMb)} MiB over the ${limits.rssMb} MiB allowed`);
    }, WATCH_INTERVAL_MS);
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (child.exitCode !== null || child.signalCode !== null) return onExit(child.exitCode, child.signalCode);
    const { file, name, contentType, pictures, ocrPages } = pending.job;
    const request: WorkerRequest = {
      file,
      name,
      contentType,
      pictures,
      ocrPages,
      id,
      outputBytes: limits.outputBytes,
      ocr: this.ocr,
      ocrCache: this.ocrCache,
    };
    child.send(request, (err) => {
      if (err)
        finish(
          {
            error: new ExtractError(
              'extractor_crashed',
              `could not hand the document to the extractor process: ${err.message}`,
              pending.job.file,
            ),
          },
          false,
        );
    });
  }

  /** The record of a document the worker read: made here, checked against the output limit. */
  private interpret(json: string, pending: Pending): void {
    const { job } = pending;
    this.warmUp().then(
      ({ interpret }) => {
        let record: ReportRecord;
        try {
          record = interpret(JSON.parse(json) as DocumentRead, job);
        } catch (err) {
          const kind = err instanceof ExtractError ? err.kind : 'internal_error';
          return pending.reject(new ExtractError(kind, err instanceof Error ? err.message : String(err), job.file));
        }
        const size = Buffer.byteLength(JSON.stringify(record));
        if (size > this.limits.outputBytes)
          return pending.reject(
            new ExtractError(
              'resource_limit',
              `output_size limit: the record is ${size} bytes, over the ${this.limits.outputBytes} allowed`,
              job.file,
            ),
          );
        pending.resolve(record);
      },
      (err: Error) => pending.reject(err),
    );
  }
}

/** The format a file's name suggests (only a guess, for loading a reader ahead: the bytes decide). */
function likelyFormat(name: string): string | null {
  const ext = /\.([a-z]+)(?:[?#].*)?$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === 'pdf' || ext === 'docx' || ext === 'doc') return ext;
  return ext && /^(s?html?|xhtml|mht|mhtml)$/.test(ext) ? 'html' : null;
}

function lastLine(stderr: string): string {
  const line = stderr
    .trim()
    .split('\n')
    .filter((l) => l.trim() && !/^\s+at /.test(l))
    .pop();
  return line ? `: ${line.trim().slice(0, 300)}` : '';
}

/** Only regular files are read, and their size is known before reading (`not_a_file`, `too_large`). */
export function checkRegularFile(file: string): void {
  let info: Stats;
  try {
    info = statSync(file); // synchronous: a stat costs less than the hop to the thread pool
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ExtractError('not_found', `cannot read ${file}: ${code}`, file);
    throw new ExtractError('not_a_file', `cannot read ${file}: ${code ?? (err as Error).message}`, file);
  }
  if (!info.isFile()) {
    const what = info.isDirectory()
      ? 'a directory'
      : info.isFIFO()
        ? 'a named pipe'
        : info.isCharacterDevice() || info.isBlockDevice()
          ? 'a device'
          : info.isSocket()
            ? 'a socket'
            : 'not a regular file';
    throw new ExtractError('not_a_file', `${file} is ${what}, not a document`, file);
  }
  if (info.size > MAX_DOCUMENT_BYTES)
    throw new ExtractError(
      'too_large',
      `${info.size} bytes is over the ${MAX_DOCUMENT_BYTES}-byte cap for a report`,
      file,
    );
}
