// A throw-away redis-server on a free port of 127.0.0.1 (no persistence, its files in `dir`), for
// the cluster tests and the cluster bench: resolves once it answers PING.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import { connect } from '../../src/cluster/run.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

export async function startRedis(dir: string): Promise<{ url: string; server: ChildProcess }> {
  if (spawnSync('sh', ['-c', 'command -v redis-server']).status !== 0)
    throw new Error('redis-server is not installed: run `npm run setup` (Debian package redis-server)');
  const port = await freePort();
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const probe = connect(url);
  try {
    // ioredis retries until the server listens; a server that died says so.
    await Promise.race([
      probe.call('PING'),
      new Promise((_, reject) => server.once('exit', (code) => reject(new Error(`redis-server exited (${code})`)))),
    ]);
  } finally {
    probe.disconnect();
  }
  return { url, server };
}
