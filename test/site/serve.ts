// A tiny static file server on 127.0.0.1 (port 0) for the site tests and the site bench. With
// `precompressed`, it serves as a host with nginx `gzip_static on; brotli_static on;` would:
// `x.js.br` (or `.gz`) for `x.js`, with Content-Encoding, when the browser accepts it.
import { createServer, type Server } from 'node:http';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

const ENCODINGS = [
  ['br', '.br'],
  ['gzip', '.gz'],
] as const;

const exists = (f: string) =>
  access(f).then(
    () => true,
    () => false,
  );

export async function serve(
  root: string,
  opts: { precompressed?: boolean } = {},
): Promise<{ url: (p: string) => string; close: () => Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const file = path.join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(root + path.sep)) return void res.writeHead(403).end();
    let send = file;
    let encoding: string | null = null;
    if (opts.precompressed) {
      const accepts = String(req.headers['accept-encoding'] ?? '');
      for (const [enc, ext] of ENCODINGS)
        if (new RegExp(`\\b${enc}\\b`).test(accepts) && (await exists(file + ext))) {
          send = file + ext;
          encoding = enc;
          break;
        }
    }
    try {
      const body = await readFile(send);
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-length': body.length,
        ...(opts.precompressed ? { vary: 'Accept-Encoding' } : {}),
        ...(encoding ? { 'content-encoding': encoding } : {}),
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: (p) => `http://127.0.0.1:${port}/${p.replace(/^\//, '')}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
