// docker-compose.yml cannot be run here (no Docker daemon, no compose plugin) and no YAML parser is
// installed: what is checked is what would break it silently — every `ogi` invocation it holds (the
// worker's command, the commands its header tells a user to run) parses with the CLI's own option
// parser, the Redis URL names the Redis service, and every named volume is declared. The plain-process
// way (redis-server + several `ogi worker` processes) is what test/cluster/cluster.test.ts runs.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const text = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
const lines = text.split('\n');

/** `ogi <args> --help`: 0 when every option parses, 2 on an unknown option or a bad value. */
const parses = (args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, 'bin/ogi.js'), ...args, '--help'], { encoding: 'utf8' }).status;

/** The top-level keys under `section:` (two-space indented). */
const keysOf = (section: string) => {
  const start = lines.indexOf(`${section}:`);
  expect(start).toBeGreaterThanOrEqual(0);
  const out: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (/^\S/.test(l)) break;
    const m = /^ {2}([\w-]+):\s*$/.exec(l);
    if (m) out.push(m[1]!);
  }
  return out;
};

describe('docker-compose.yml', () => {
  // The worker's command and entry point are JSON flow sequences (valid YAML).
  const command = JSON.parse(/^\s+command: (\[.*"worker".*\])$/m.exec(text)![1]!) as string[];
  const entrypoint = JSON.parse(/ENTRYPOINT (\[.*\])$/m.exec(text)![1]!) as string[];
  const documented = lines
    .map((l) => /^#\s+docker compose run --rm worker (.+)$/.exec(l)?.[1])
    .filter((c): c is string => !!c)
    .map((c) => c.trim().split(/\s+/));

  it('runs `ogi` with the options `ogi` has', () => {
    expect(entrypoint).toEqual(['node', 'bin/ogi.js']);
    expect(command[0]).toBe('worker');
    expect(documented.map((c) => c[0])).toEqual(['enqueue', 'status', 'publish']);
    for (const args of [command, ...documented]) expect({ args, status: parses(args) }).toEqual({ args, status: 0 });
    // …and the check can fail: an option `ogi worker` does not have.
    expect(parses([...command, '--no-such-option'])).toBe(2);
  });

  it('points every Redis URL at its Redis service and declares its volumes', () => {
    const services = keysOf('services');
    expect(services).toEqual(['redis', 'worker']);
    const hosts = [...text.matchAll(/redis:\/\/([\w.-]+):6379/g)].map((m) => m[1]);
    expect(hosts.length).toBeGreaterThanOrEqual(3);
    for (const h of hosts) expect(services).toContain(h);
    const used = [...text.matchAll(/^\s+- ([\w-]+):\/[\w/]*$/gm)].map((m) => m[1]!);
    expect(used.sort()).toEqual(['data', 'redis']);
    expect(keysOf('volumes').sort()).toEqual(['data', 'redis']);
  });
});
