// The cluster's shared politeness (src/cluster/limiter.ts) against a real redis-server: limiters of
// different workers share a host's slots, and a back-off one worker sets holds every other worker,
// also one already waiting for its slot.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterLimiter } from '../../src/cluster/limiter.js';
import { connect } from '../../src/cluster/run.js';
import { startRedis } from './redis.js';

describe('ClusterLimiter', () => {
  let tmp: string;
  let server: ChildProcess;
  const clients: Redis[] = [];
  let url: string;
  const limiter = (rate: number) => {
    const redis = connect(url);
    clients.push(redis);
    return new ClusterLimiter(redis, rate);
  };

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ogi-limiter-'));
    ({ server, url } = await startRedis(tmp));
  });

  afterAll(() => {
    for (const c of clients) c.disconnect();
    server?.kill('SIGKILL');
    rmSync(tmp, { recursive: true, force: true });
  });

  it('spaces the requests of two workers to one host by the shared interval', async () => {
    const [a, b] = [limiter(5), limiter(5)];
    const host = new URL('http://spaced.test/');
    const times: number[] = [];
    const t0 = Date.now();
    await Promise.all([a, b, a, b].map((l) => l.wait(host).then(() => times.push(Date.now() - t0))));
    times.sort((x, y) => x - y);
    // slots 245 ms apart (5 per second, a tenth wider plus 25 ms), each reached within its 45 ms margin:
    // never closer than the rate's 200 ms (1 ms for the clocks' rounding)
    for (let k = 1; k < times.length; k++) expect(times[k]! - times[k - 1]!).toBeGreaterThanOrEqual(199);
  });

  it("holds the host longer after a request that may reach it late (the browser's), for every worker", async () => {
    const [a, b] = [limiter(5), limiter(5)];
    const host = new URL('http://late.test/');
    const t0 = Date.now(); // a's slot is now or later
    await a.wait(host, 400);
    await b.wait(host);
    // b's slot: a's, plus the slot's 245 ms and the 400 ms a may come late (1 ms for the clocks' rounding)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(644);
  });

  it('holds a request already waiting for its slot when another worker backs the host off', async () => {
    const [a, b] = [limiter(10), limiter(10)];
    const host = new URL('http://blocking.test/');
    await a.wait(host); // the host's next slot is now ~135 ms away
    const t0 = Date.now();
    const waiting = b.wait(host).then(() => Date.now() - t0);
    await new Promise((r) => setTimeout(r, 20));
    await a.backOff(host.host, 700);
    // without the back-off b would go at ~135 ms
    expect(await waiting).toBeGreaterThanOrEqual(700);
    // and a request asked during the back-off waits for its end too
    const t1 = Date.now();
    await a.backOff(host.host, 400);
    await b.wait(host);
    expect(Date.now() - t1).toBeGreaterThanOrEqual(395);
    // `clear` waits out a back-off and takes no slot: the next request goes at once after it
    const slot = () => clients[0]!.call('GET', `ogi:slot:${host.host}`);
    const before = await slot();
    const t2 = Date.now();
    await a.backOff(host.host, 300);
    await b.clear(host);
    expect(Date.now() - t2).toBeGreaterThanOrEqual(295);
    expect(await slot()).toBe(before);
  });
});
