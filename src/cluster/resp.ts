// A minimal Redis client (RESP2 over one TCP socket) with the surface of Bun's built-in RedisClient:
// `send(command, args)`, `connected`, `connect()`, `close()`, `duplicate()`, `onconnect`/`onclose`.
// BullMQ recognises that surface and drives it through its own adapter (bullmq's bun-redis-client),
// so the queue runs on the BullMQ code as published. Why not ioredis: it is an optional peer of
// bullmq 6 and not among this project's packages (the lead's report says so); this file goes when it is.
// Replies: simple and bulk strings as strings, integers as numbers, nil as null, arrays as arrays,
// errors as rejected Errors. Commands on one connection are answered in order (pipelined).
import net from 'node:net';

type Reply = string | number | null | Reply[];
type Pending = { resolve: (v: Reply) => void; reject: (e: Error) => void };

export class RespClient {
  connected = false;
  onconnect: (() => void) | null = null;
  onclose: ((error?: Error) => void) | null = null;
  onerror: ((error: Error) => void) | null = null;
  private socket: net.Socket | null = null;
  private connecting: Promise<void> | null = null;
  private buffer: Buffer = Buffer.alloc(0);
  private readonly pending: Pending[] = [];

  constructor(readonly url: string) {}

  connect(): Promise<void> {
    if (this.connected) return Promise.resolve();
    this.connecting ??= new Promise<void>((resolve, reject) => {
      const u = new URL(this.url);
      const socket = net.createConnection({ host: u.hostname || '127.0.0.1', port: Number(u.port || 6379) });
      socket.setNoDelay(true);
      this.socket = socket;
      socket.once('connect', () => {
        this.connected = true;
        this.connecting = null;
        const db = u.pathname.replace(/^\//, '');
        const auth = u.password ? this.send('AUTH', u.username ? [u.username, u.password] : [u.password]) : null;
        Promise.all([auth, db ? this.send('SELECT', [db]) : null]).then(() => {
          resolve();
          this.onconnect?.();
        }, reject);
      });
      socket.on('data', (chunk) => this.read(chunk));
      socket.once('error', (err) => {
        this.connecting = null;
        if (!this.connected) reject(err);
        this.onerror?.(err);
      });
      socket.once('close', (hadError) => {
        const was = this.connected;
        this.connected = false;
        this.socket = null;
        for (const p of this.pending.splice(0)) p.reject(new Error('Connection closed'));
        if (was) this.onclose?.(hadError ? new Error('Connection closed unexpectedly') : undefined);
      });
    });
    return this.connecting;
  }

  /** One command; the reply, or a rejected Error (a Redis error reply, or the connection closed). */
  async send(command: string, args: readonly unknown[] = []): Promise<Reply> {
    if (!this.connected) await this.connect();
    const socket = this.socket;
    if (!socket) throw new Error('Connection closed');
    const parts = [command, ...args].map((a) =>
      Buffer.isBuffer(a) ? a : a instanceof Uint8Array ? Buffer.from(a) : Buffer.from(String(a), 'utf8'),
    );
    const frame: Buffer[] = [Buffer.from(`*${parts.length}\r\n`)];
    for (const p of parts) frame.push(Buffer.from(`$${p.length}\r\n`), p, Buffer.from('\r\n'));
    return new Promise<Reply>((resolve, reject) => {
      this.pending.push({ resolve, reject });
      socket.write(Buffer.concat(frame));
    });
  }

  /** Closes the connection for good: no `onclose`, so nothing reconnects. */
  close(): void {
    this.onclose = null;
    this.socket?.destroy();
  }

  /** `close()` (the name BullMQ looks for, with connect and duplicate, to take this as a client). */
  disconnect(): void {
    this.close();
  }

  /** A new, unconnected client to the same server (BullMQ's blocking connection, a reconnect). */
  duplicate(): RespClient {
    return new RespClient(this.url);
  }

  private read(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const parsed = parse(this.buffer, 0);
      if (!parsed) return;
      this.buffer = this.buffer.subarray(parsed.end);
      const p = this.pending.shift();
      if (!p) continue;
      if (parsed.value instanceof Error) p.reject(parsed.value);
      else p.resolve(parsed.value);
    }
  }
}

/** One RESP2 value at `at`, and where it ends; null when the buffer does not hold all of it yet. */
function parse(buf: Buffer, at: number): { value: Reply | Error; end: number } | null {
  const eol = buf.indexOf('\r\n', at);
  if (eol < 0) return null;
  const type = String.fromCharCode(buf[at]!);
  const line = buf.toString('utf8', at + 1, eol);
  switch (type) {
    case '+':
      return { value: line, end: eol + 2 };
    case '-':
      return { value: new Error(line), end: eol + 2 };
    case ':':
      return { value: Number(line), end: eol + 2 };
    case '$': {
      const n = Number(line);
      if (n < 0) return { value: null, end: eol + 2 };
      if (buf.length < eol + 2 + n + 2) return null;
      return { value: buf.toString('utf8', eol + 2, eol + 2 + n), end: eol + 2 + n + 2 };
    }
    case '*': {
      const n = Number(line);
      if (n < 0) return { value: null, end: eol + 2 };
      const out: Reply[] = [];
      let end = eol + 2;
      for (let i = 0; i < n; i++) {
        const item = parse(buf, end);
        if (!item) return null;
        // an error inside an array (EXEC of a transaction): kept as the Error for the caller
        out.push(item.value as Reply);
        end = item.end;
      }
      return { value: out, end };
    }
    default:
      throw new Error(`redis: unexpected reply type ${JSON.stringify(type)}`);
  }
}
