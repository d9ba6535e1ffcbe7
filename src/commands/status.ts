// `ogi status --redis URL [--json]`: a cluster run's queues, rates, failures per kind and host, ETA,
// dead letters (src/cluster/status.ts).
import { JSON_OPTION, parseCommand } from './options.js';

const HELP = `usage: ogi status --redis URL [--json]

  --redis URL   the run's Redis
  --json        the status as JSON`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand('status', HELP, argv, { redis: { type: 'string' }, ...JSON_OPTION });
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  if (!values.redis) {
    console.error(`ogi status: give --redis URL\n\n${HELP}`);
    return 2;
  }
  const { clusterStatus } = await import('../cluster/status.js');
  const { connect } = await import('../cluster/run.js');
  const redis = connect(values.redis);
  try {
    const s = await clusterStatus(values.redis, redis);
    if (values.json) {
      console.log(JSON.stringify(s, null, 2));
      return 0;
    }
    const out = [`run started ${s.started_at ?? '(none)'}`];
    for (const [kind, c] of Object.entries(s.queues))
      out.push(
        `${kind.padEnd(8)} waiting ${c.waiting ?? 0} · active ${c.active ?? 0} · delayed ${c.delayed ?? 0} · done ${c.completed ?? 0} · dead ${c.failed ?? 0} · ${(s.rate[kind] ?? 0).toFixed(2)} jobs/s`,
      );
    out.push(`eta ${s.eta_seconds === null ? 'unknown' : `${s.eta_seconds} s`}`);
    const list = (m: Record<string, number>) =>
      Object.entries(m)
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || 'none';
    out.push(`failures by kind: ${list(s.failures)}`, `failures by host: ${list(s.failuresByHost)}`);
    out.push(`attempts failed by host: ${list(s.failedByHost)}`);
    for (const d of s.dead) out.push(`dead letter ${d.kind} ${d.url ?? d.id} after ${d.attempts} attempts: ${d.error}`);
    console.log(out.join('\n'));
    return 0;
  } finally {
    redis.disconnect();
  }
}
