// A file written once, in order: buffered synchronous writes, the sha256 and byte count taken
// on the way (a 2 GB tidy CSV is not read back to hash it), fsync before close.
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface WrittenFile {
  /** Path relative to the version folder, with forward slashes. */
  name: string;
  bytes: number;
  sha256: string;
}

export const BUFFER_BYTES = 1 << 20;

export class FileSink {
  private readonly fd: number;
  private readonly hash: Hash = createHash('sha256');
  private readonly buf: Buffer;
  private pos = 0;
  private bytes = 0;

  /** `bufferBytes`: smaller for the many files of by-province/, written at the same time. */
  constructor(
    readonly dir: string,
    readonly name: string,
    bufferBytes = BUFFER_BYTES,
  ) {
    this.buf = Buffer.allocUnsafe(bufferBytes);
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.fd = fs.openSync(file, 'wx');
  }

  /** Appends text as UTF-8. */
  write(text: string): void {
    if (text.length * 3 > this.buf.length - this.pos) {
      this.flush();
      if (text.length * 3 > this.buf.length) {
        this.put(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.pos += this.buf.write(text, this.pos, 'utf8');
  }

  /** Appends bytes (the hot path of the tidy CSVs: pre-encoded pieces, copied). */
  writeBytes(bytes: Uint8Array): void {
    if (bytes.length > this.buf.length - this.pos) {
      this.flush();
      if (bytes.length > this.buf.length) {
        this.put(bytes);
        return;
      }
    }
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  close(): WrittenFile {
    this.flush();
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    return { name: this.name, bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  private flush(): void {
    if (this.pos === 0) return;
    this.put(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }

  private put(bytes: Uint8Array): void {
    this.hash.update(bytes);
    let offset = 0;
    while (offset < bytes.length) offset += fs.writeSync(this.fd, bytes, offset, bytes.length - offset);
    this.bytes += bytes.length;
  }
}

/** Writes a whole file at once through a sink. */
export function writeWhole(dir: string, name: string, content: string | Uint8Array): WrittenFile {
  const sink = new FileSink(dir, name);
  if (typeof content === 'string') sink.write(content);
  else sink.writeBytes(content);
  return sink.close();
}

/** sha256 and size of a file someone else wrote (the site). */
export function hashFile(dir: string, name: string): WrittenFile {
  const hash = createHash('sha256');
  const fd = fs.openSync(path.join(dir, name), 'r');
  const buf = Buffer.allocUnsafe(BUFFER_BYTES);
  let bytes = 0;
  try {
    for (let n: number; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; bytes += n)
      hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return { name, bytes, sha256: hash.digest('hex') };
}

/** Data rows a spreadsheet shows: Excel's 1,048,576 rows less the header. */
export const SPREADSHEET_ROWS = 1_048_575;

/**
 * A CSV written in parts of at most `maxRows` data lines, each with the header, cut only between
 * groups (a report's lines stay together). One part keeps the name (`applications.csv`); more are
 * `applications-1.csv`, `applications-2.csv`… A group longer than maxRows fills a part alone.
 */
export class PartedSink {
  private sink: FileSink;
  private rows = 0;
  private readonly parts: WrittenFile[] = [];

  constructor(
    private readonly dir: string,
    private readonly name: string,
    private readonly header: string,
    private readonly maxRows = Number.POSITIVE_INFINITY,
    private readonly bufferBytes = BUFFER_BYTES,
  ) {
    this.sink = this.open(name);
  }

  private open(name: string): FileSink {
    const sink = new FileSink(this.dir, name, this.bufferBytes);
    sink.write(this.header);
    return sink;
  }

  private partName(n: number): string {
    return this.name.replace(/(\.[^./]+)?$/, (ext) => `-${n}${ext}`);
  }

  /** The next `rows` lines belong together: they start a new part if they would not fit in this one. */
  group(rows: number): void {
    if (this.rows > 0 && this.rows + rows > this.maxRows) {
      this.parts.push(this.sink.close());
      this.sink = this.open(this.partName(this.parts.length + 1));
      this.rows = 0;
    }
    this.rows += rows;
  }

  write(text: string): void {
    this.sink.write(text);
  }

  writeBytes(bytes: Uint8Array): void {
    this.sink.writeBytes(bytes);
  }

  close(): WrittenFile[] {
    this.parts.push(this.sink.close());
    if (this.parts.length > 1) {
      const first = this.parts[0]!;
      const renamed = this.partName(1);
      fs.renameSync(path.join(this.dir, first.name), path.join(this.dir, renamed));
      this.parts[0] = { ...first, name: renamed };
    }
    return this.parts;
  }
}
