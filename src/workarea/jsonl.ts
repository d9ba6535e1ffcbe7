// The two append-only logs (documents.jsonl, failures.jsonl): one JSON value per line.
// Readers never write: a torn last line (a crash in the middle of an append) is ignored, and so is a
// corrupt line in the middle. Only a writer — the log opened for appending — repairs the tail, by
// cutting the torn line off before its first append.
import fs, { promises as fsp } from 'node:fs';

function parseLines<T>(text: string): T[] {
  const out: T[] = [];
  const complete = text.endsWith('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1);
  for (const line of complete.split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // a corrupt line in the middle: skip it, keep the rest
    }
  }
  return out;
}

/** All complete JSON lines of a file (missing file = none). Never changes the file. */
export async function readJsonLines<T>(file: string): Promise<T[]> {
  try {
    return parseLines<T>(await fsp.readFile(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** `readJsonLines` for synchronous code. */
export function readJsonLinesSync<T>(file: string): T[] {
  try {
    return parseLines<T>(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** Cuts a torn last line off the file (the writer's repair, before it appends). */
async function repairTail(file: string): Promise<void> {
  let text: Buffer;
  try {
    text = await fsp.readFile(file);
  } catch {
    return;
  }
  if (text.length && text[text.length - 1] !== 0x0a) await fsp.truncate(file, text.lastIndexOf(0x0a) + 1);
}

/**
 * An append-only JSON-lines log opened for writing: the torn tail is repaired before the first append
 * (or by `repair()`), appends are serialised. Each append is ONE write(2) on a file opened O_APPEND,
 * so appends of several processes never interleave or overwrite each other (the cluster's workers,
 * src/cluster/, share these logs). A `shared` log is never repaired: cutting a tail could cut another
 * process's line in the middle of its write; a single write(2) is not torn by a killed process.
 */
export class JsonlAppender {
  private chain: Promise<unknown> = Promise.resolve();
  private repaired: Promise<void> | null = null;

  constructor(
    readonly file: string,
    readonly opts: { shared?: boolean } = {},
  ) {}

  /** Cuts a line torn by a crash off the end of the file (once; never for a shared log). */
  repair(): Promise<void> {
    this.repaired ??= this.opts.shared ? Promise.resolve() : repairTail(this.file);
    return this.repaired;
  }

  /** Appends values, one line each, in one write; appends never interleave. */
  append(...values: unknown[]): Promise<void> {
    if (!values.length) return this.chain.then(() => undefined);
    const text = values.map((v) => `${JSON.stringify(v)}\n`).join('');
    const next = this.chain.then(() => this.repair()).then(() => appendOnce(this.file, text));
    this.chain = next.catch(() => undefined);
    return next;
  }
}

/** Appends `text` in one write(2) on an O_APPEND descriptor (the rest, in the rare short write, after it). */
async function appendOnce(file: string, text: string): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  const handle = await fsp.open(file, 'a');
  try {
    for (let offset = 0; offset < bytes.length; )
      offset += (await handle.write(bytes, offset, bytes.length - offset)).bytesWritten;
  } finally {
    await handle.close();
  }
}

/**
 * The lines other processes appended to a log since the last call (a shared log: the cluster's
 * workers follow documents.jsonl this way). Reads only complete lines; a line being written is read
 * next time.
 */
export class JsonlFollower<T> {
  private offset = 0;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

  /** The new complete lines (calls are serialised: each line is returned once). */
  next(): Promise<T[]> {
    const next = this.chain.then(() => this.read());
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async read(): Promise<T[]> {
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(this.file, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    try {
      const { size } = await handle.stat();
      if (size <= this.offset) return [];
      const buf = Buffer.alloc(size - this.offset);
      const { bytesRead } = await handle.read(buf, 0, buf.length, this.offset);
      const end = buf.subarray(0, bytesRead).lastIndexOf(0x0a) + 1;
      if (end === 0) return [];
      this.offset += end;
      return parseLines<T>(buf.subarray(0, end).toString('utf8'));
    } finally {
      await handle.close();
    }
  }
}
