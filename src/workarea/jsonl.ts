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
 * (or by `repair()`), appends are serialised. Only the crawl (holding the storage lock) and the
 * extraction write these logs.
 */
export class JsonlAppender {
  private chain: Promise<unknown> = Promise.resolve();
  private repaired: Promise<void> | null = null;

  constructor(readonly file: string) {}

  /** Cuts a line torn by a crash off the end of the file (once). */
  repair(): Promise<void> {
    this.repaired ??= repairTail(this.file);
    return this.repaired;
  }

  /** Appends values, one line each, in one write; appends never interleave. */
  append(...values: unknown[]): Promise<void> {
    if (!values.length) return this.chain.then(() => undefined);
    const text = values.map((v) => `${JSON.stringify(v)}\n`).join('');
    const next = this.chain.then(() => this.repair()).then(() => fsp.appendFile(this.file, text));
    this.chain = next.catch(() => undefined);
    return next;
  }
}
