// `ogi worker --redis URL [--storage DIR] [--kinds crawl,extract,ocr] [--concurrency N] [--drain] [--metrics-port N]`
// Takes the run's jobs (src/cluster/worker.ts) until SIGTERM (finishes the jobs in hand, exit 0) or,
// with --drain, until every queue is empty.
import { KINDS, type Kind } from '../cluster/kinds.js';
import { DEFAULT_STORAGE } from '../workarea/layout.js';
import { parseCommand } from './options.js';

const HELP = `usage: ogi worker --redis URL [--storage DIR] [options]

  --redis URL         the run's Redis (seeded by \`ogi enqueue\`)
  --storage DIR       the shared storage folder as this machine sees it (default ${DEFAULT_STORAGE})
  --kinds K,K         job kinds to take: crawl, extract, ocr (scanned pages; default all three)
  --concurrency N     jobs at once per kind (default 4; extract: worker processes)
  --drain             exit when every queue of the run is empty
  --metrics-port N    serve Prometheus metrics at http://0.0.0.0:N/metrics

SIGTERM or Ctrl-C: finishes the jobs in hand, then exits 0.`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand('worker', HELP, argv, {
    redis: { type: 'string' },
    storage: { type: 'string', default: DEFAULT_STORAGE },
    kinds: { type: 'string', default: KINDS.join(',') },
    concurrency: { type: 'string', default: '4' },
    drain: { type: 'boolean', default: false },
    'metrics-port': { type: 'string' },
  });
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  const kinds = values.kinds.split(',').map((k) => k.trim());
  const concurrency = Number(values.concurrency);
  const port = values['metrics-port'] === undefined ? undefined : Number(values['metrics-port']);
  const bad = !values.redis
    ? 'give --redis URL'
    : kinds.some((k) => !(KINDS as readonly string[]).includes(k))
      ? `--kinds takes ${KINDS.join(', ')}, not ${values.kinds}`
      : !(Number.isInteger(concurrency) && concurrency > 0)
        ? '--concurrency must be a positive integer'
        : port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)
          ? '--metrics-port must be a port number'
          : null;
  if (bad) {
    console.error(`ogi worker: ${bad}\n\n${HELP}`);
    return 2;
  }
  const { runWorker } = await import('../cluster/worker.js');
  const result = await runWorker({
    redis: values.redis!,
    storage: values.storage,
    kinds: kinds as Kind[],
    concurrency,
    drain: values.drain,
    metricsPort: port,
  });
  console.error(`ogi worker: ${result.done} jobs done, ${result.failed} attempts failed`);
  return 0;
}
