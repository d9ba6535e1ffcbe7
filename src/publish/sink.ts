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

const FLUSH_AT = 1 << 20;

export class FileSink {
  private readonly fd: number;
  private readonly hash: Hash = createHash('sha256');
  private pending: string[] = [];
  private pendingLength = 0;
  private bytes = 0;

  constructor(
    readonly dir: string,
    readonly name: string,
  ) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.fd = fs.openSync(file, 'wx');
  }

  write(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= FLUSH_AT) this.flush();
  }

  writeBytes(bytes: Uint8Array): void {
    this.flush();
    this.put(bytes);
  }

  close(): WrittenFile {
    this.flush();
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    return { name: this.name, bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const chunk = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingLength = 0;
    this.put(chunk);
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
  const buf = Buffer.allocUnsafe(FLUSH_AT);
  let bytes = 0;
  try {
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; bytes += n) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return { name, bytes, sha256: hash.digest('hex') };
}
