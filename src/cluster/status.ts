// What a cluster run is doing: queue depths per kind, jobs done and failed per kind and per host
// (counted in Redis by the workers), rates since the run started, an ETA, and the dead letters (jobs
// that failed every attempt: BullMQ's failed set, with their error). `ogi status` prints it;
// `metricsText` is the same in Prometheus' text format (`ogi worker --metrics-port`).
import type { Job } from 'bullmq';
import { closeQueue, KINDS, queue, readRun, type Kind } from './run.js';
import type { Redis } from 'ioredis';

export interface DeadLetter {
  kind: Kind;
  id: string;
  url: string | null;
  attempts: number;
  error: string;
}

export interface ClusterStatus {
  started_at: string | null;
  queues: Record<Kind, Record<string, number>>;
  done: Record<string, number>;
  failed: Record<string, number>;
  doneByHost: Record<string, number>;
  failedByHost: Record<string, number>;
  /** Failures recorded (failures.jsonl) per failure kind and per host. */
  failures: Record<string, number>;
  failuresByHost: Record<string, number>;
  /** Jobs done per second since the run started, per kind. */
  rate: Record<string, number>;
  /** Seconds until the queued jobs are done at those rates (null: no rate yet). */
  eta_seconds: number | null;
  dead: DeadLetter[];
}

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;

/** Counts a finished job (or a failure record) of `kind` at `host`, for everyone's status. */
export async function count(redis: Redis, what: 'done' | 'failed' | 'failures', kind: string, host: string) {
  await Promise.all([
    redis.call('HINCRBY', `ogi:stats:${what}`, kind, '1'),
    redis.call('HINCRBY', `ogi:stats:${what}-host`, host, '1'),
  ]);
}

export const hostOf = (url: unknown) => {
  try {
    return new URL(String(url)).host;
  } catch {
    return '(none)';
  }
};

const hash = async (redis: Redis, key: string) => {
  const flat = ((await redis.call('HGETALL', key)) ?? []) as string[];
  const out: Record<string, number> = {};
  for (let i = 0; i < flat.length; i += 2) out[flat[i]!] = Number(flat[i + 1]);
  return out;
};

export async function clusterStatus(redisUrl: string, redis: Redis): Promise<ClusterStatus> {
  const run = await readRun(redis);
  const queues = {} as ClusterStatus['queues'];
  const dead: DeadLetter[] = [];
  for (const kind of KINDS) {
    const q = queue(kind, redisUrl);
    try {
      queues[kind] = await q.getJobCounts(...STATES);
      const failed: Job[] = await q.getFailed(0, 999);
      for (const job of failed)
        dead.push({
          kind,
          id: String(job.id),
          url: typeof job.data?.url === 'string' ? job.data.url : null,
          attempts: job.attemptsMade,
          error: job.failedReason,
        });
    } finally {
      await closeQueue(q);
    }
  }
  const done = await hash(redis, 'ogi:stats:done');
  const elapsed = run ? Math.max(1, (Date.now() - Date.parse(run.started_at)) / 1000) : null;
  const rate: Record<string, number> = {};
  let eta: number | null = 0;
  for (const kind of KINDS) {
    rate[kind] = elapsed ? (done[kind] ?? 0) / elapsed : 0;
    const c = queues[kind];
    const left = (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) + (c['waiting-children'] ?? 0);
    if (left && eta !== null) eta = rate[kind]! > 0 ? Math.max(eta, left / rate[kind]!) : null;
  }
  return {
    started_at: run?.started_at ?? null,
    queues,
    done,
    failed: await hash(redis, 'ogi:stats:failed'),
    doneByHost: await hash(redis, 'ogi:stats:done-host'),
    failedByHost: await hash(redis, 'ogi:stats:failed-host'),
    failures: await hash(redis, 'ogi:stats:failures'),
    failuresByHost: await hash(redis, 'ogi:stats:failures-host'),
    rate,
    eta_seconds: eta === null ? null : Math.round(eta),
    dead: dead.sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id)),
  };
}

const label = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

/** The status as Prometheus text (exposition format 0.0.4). */
export function metricsText(s: ClusterStatus): string {
  const lines = ['# HELP ogi_queue_jobs Jobs in each queue, by state.', '# TYPE ogi_queue_jobs gauge'];
  for (const [kind, counts] of Object.entries(s.queues))
    for (const [state, n] of Object.entries(counts)) lines.push(`ogi_queue_jobs{kind="${kind}",state="${state}"} ${n}`);
  lines.push('# HELP ogi_jobs_total Jobs finished, by kind and outcome.', '# TYPE ogi_jobs_total counter');
  for (const [outcome, m] of [
    ['done', s.done],
    ['failed', s.failed],
  ] as const)
    for (const [kind, n] of Object.entries(m)) lines.push(`ogi_jobs_total{kind="${kind}",outcome="${outcome}"} ${n}`);
  lines.push('# HELP ogi_host_jobs_total Jobs finished, by host and outcome.', '# TYPE ogi_host_jobs_total counter');
  for (const [outcome, m] of [
    ['done', s.doneByHost],
    ['failed', s.failedByHost],
  ] as const)
    for (const [host, n] of Object.entries(m))
      lines.push(`ogi_host_jobs_total{host="${label(host)}",outcome="${outcome}"} ${n}`);
  lines.push(
    '# HELP ogi_failures_total Failures recorded (failures.jsonl), by kind.',
    '# TYPE ogi_failures_total counter',
  );
  for (const [kind, n] of Object.entries(s.failures)) lines.push(`ogi_failures_total{kind="${label(kind)}"} ${n}`);
  lines.push('# HELP ogi_dead_letters Jobs that failed every attempt.', '# TYPE ogi_dead_letters gauge');
  for (const kind of Object.keys(s.queues))
    lines.push(`ogi_dead_letters{kind="${kind}"} ${s.dead.filter((d) => d.kind === kind).length}`);
  return `${lines.join('\n')}\n`;
}
