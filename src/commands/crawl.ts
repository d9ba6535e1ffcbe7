// `ogi crawl [--province P…] [--url LIST_URL…] [--storage DIR] [--rate REQ_PER_S_PER_HOST]
//            [--max-requests N] [--timeout-ms N] [--allow-host H…] [--dry-run] [--explain] [--json]`
// Exit 0 clean, 3 finished with failures, 2 usage. Summary on stdout, progress on stderr.
import { DEFAULT_STORAGE } from '../workarea/layout.js';
import { CRAWL_OPTIONS, crawlSettings, JSON_OPTION, parseCommand, TIMEOUT_HELP } from './options.js';
import { explainTable } from './table.js';

const HELP = `usage: ogi crawl [--province P…] [--url LIST_URL…] [options]

  --province P       a province crawler: id (guizhou), name (贵州), code (520000) or 'all'; repeatable
  --url URL          a list page, read with the adapter detected from the page; repeatable. Its host
                     (an IP address or any name) and the hosts of its registrable domain are allowed
  --storage DIR      work area (default ${DEFAULT_STORAGE})
  --rate N           requests per second per host (default 1; 'off' or Infinity = no limit)
  --max-requests N   stop after N requests
${TIMEOUT_HELP}
  --allow-host H     also allow this host (besides *.gov.cn); repeatable
  --dry-run          print the start requests and their adapters, fetch nothing
  --explain          print every list item's decision (kept / skipped / ambiguous) and why; the
                     outcome of each ambiguous item once its page was read (all in decisions.jsonl)
  --json             print the result as JSON`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand('crawl', HELP, argv, {
    ...CRAWL_OPTIONS,
    'dry-run': { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
    ...JSON_OPTION,
  });
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  const settings = crawlSettings('crawl', HELP, values, 'give --province or --url');
  if ('exit' in settings) return settings.exit;
  // crawlee, the crawler and the portal definitions load only now: `ogi crawl --help` and usage errors stay fast
  const { crawl, startRequests, StorageBusy, UnknownProvince } = await import('../crawl/index.js');
  const { crawlers } = await import('../../crawlers/index.js');
  const opts = { ...settings, crawlers: Object.values(crawlers), explain: values.explain };
  try {
    if (values['dry-run']) {
      const starts = await startRequests(opts);
      if (values.json) console.log(JSON.stringify(starts, null, 2));
      else
        for (const s of starts)
          console.log(
            `${(s.platform ?? 'detect').padEnd(8)} ${s.url}${s.hints.crawler ? `  (${s.hints.crawler})` : ''}`,
          );
      return 0;
    }
    const result = await crawl(opts);
    if (values.json) console.log(JSON.stringify(result, null, 2));
    else {
      if (result.decisions) console.log(`${explainTable(result.decisions)}\n`);
      console.log(
        `pages ${result.pages} · downloaded ${result.downloaded} · unchanged ${result.unchanged} · failed ${result.failures.length}`,
      );
      const { kept, skipped, ambiguous } = result.decided;
      console.log(
        `list items: kept ${kept} · skipped ${skipped} · ambiguous ${ambiguous} (why: ${opts.storage}/decisions.jsonl, --explain)`,
      );
      if (result.blockedHosts.length) console.log(`blocked hosts: ${result.blockedHosts.join(', ')}`);
      const fenced = Object.entries(result.browserBlocked);
      if (fenced.length)
        console.log(
          `browser requests refused (host not allowed, robots.txt): ${fenced.map(([host, n]) => `${host} ${n}`).join(', ')}`,
        );
      const kinds = new Map<string, number>();
      for (const f of result.failures) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
      if (kinds.size)
        console.log(
          `failures: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')} (see ${opts.storage}/failures.jsonl)`,
        );
    }
    return result.failures.length ? 3 : 0;
  } catch (err) {
    if (err instanceof UnknownProvince) {
      console.error(`ogi crawl: ${err.message}`);
      return 2;
    }
    if (err instanceof StorageBusy) {
      console.error(`ogi crawl: ${err.message}; wait for it or use another --storage`);
      return 1;
    }
    throw err;
  }
}
