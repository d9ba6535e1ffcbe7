// `ogi enqueue [--province P…|--url LIST_URL…] --redis URL [crawl options] [--fresh]`
// Seeds a cluster run (src/cluster/): the start requests become crawl jobs in Redis.
import { CRAWL_OPTIONS, crawlSettings, parseCommand, TIMEOUT_HELP } from './options.js';

const HELP = `usage: ogi enqueue [--province P…] [--url LIST_URL…] --redis URL [options]

  --redis URL        the run's Redis (redis://host:port[/db])
  --province P       a province crawler (id, name, code or 'all'); repeatable
  --url URL          a list page (adapter detected from the page); repeatable
  --rate N           requests per second per host, for all workers together (default 1)
  --allow-host H     also allow this host (besides *.gov.cn); repeatable
  --attempts N       attempts of a job before it is a dead letter (default 3)
  --fresh            drop the previous run first (its jobs, counts, politeness state): a new run
  --max-requests N   crawl requests the whole run may make, counted over all workers
${TIMEOUT_HELP}
  (--storage is the workers' business: each worker names its storage)

Then start \`ogi worker --redis URL --storage DIR\` on every machine.`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand('enqueue', HELP, argv, {
    ...CRAWL_OPTIONS,
    redis: { type: 'string' },
    attempts: { type: 'string' },
    'retry-delay-ms': { type: 'string' },
    'backoff-ms': { type: 'string' },
    'lock-ms': { type: 'string' },
    fresh: { type: 'boolean', default: false },
  });
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  const settings = crawlSettings('enqueue', HELP, values, 'give --province or --url');
  if ('exit' in settings) return settings.exit;
  const ints: Record<string, number | undefined> = {};
  for (const k of ['attempts', 'retry-delay-ms', 'backoff-ms', 'lock-ms'] as const) {
    const v = values[k];
    ints[k] = v === undefined ? undefined : Number(v);
    if (v !== undefined && !(Number.isInteger(ints[k]) && ints[k]! > 0)) {
      console.error(`ogi enqueue: --${k} must be a positive integer\n\n${HELP}`);
      return 2;
    }
  }
  if (!values.redis) {
    console.error(`ogi enqueue: give --redis URL\n\n${HELP}`);
    return 2;
  }
  const { enqueue } = await import('../cluster/enqueue.js');
  const { crawlers } = await import('../../crawlers/index.js');
  const { UnknownProvince } = await import('../crawl/start.js');
  try {
    const result = await enqueue({
      ...settings,
      redis: values.redis,
      crawlers: Object.values(crawlers),
      fresh: values.fresh,
      attempts: ints.attempts,
      retryDelayMs: ints['retry-delay-ms'],
      backoffMs: ints['backoff-ms'],
      lockMs: ints['lock-ms'],
    });
    console.log(`queued ${result.requests} start requests on ${values.redis}`);
    return 0;
  } catch (err) {
    if (err instanceof UnknownProvince) {
      console.error(`ogi enqueue: ${err.message}`);
      return 2;
    }
    throw err;
  }
}
