// `ogi refresh [--province P…] [--url LIST_URL…] [--storage DIR] [--datasets DIR] [--rate R]
//              [--max-requests N] [--timeout-ms N] [--allow-host H…] [--no-site] [--no-ocr] [--json]`
// crawl → extract what is new or changed → publish only when something changed (src/refresh.ts).
// stderr: progress and the final summary; stdout: the version folder, or with --json the summary.
// Exit 0 clean, 3 finished but this run met failures (crawl, download or extraction), 2 usage, 1 fatal.
import type { RefreshOptions, RefreshSummary } from '../refresh.js';
import { DEFAULT_DATASETS, DEFAULT_STORAGE } from '../workarea/layout.js';
import {
  CRAWL_OPTIONS,
  crawlSettings,
  DATASET_OPTIONS,
  JSON_OPTION,
  OCR_OPTION,
  parseCommand,
  TIMEOUT_HELP,
  SOURCES_HELP,
  sourcesMode,
} from './options.js';

const HELP = `usage: ogi refresh [--province P…] [--url LIST_URL…] [options]

  --province P       a province crawler: id (guizhou), name (贵州), code (520000) or 'all'; repeatable
  --url URL          a list page, read with the adapter detected from the page; repeatable. Its host
                     (an IP address or any name) and the hosts of its registrable domain are allowed
  --storage DIR      work area (default ${DEFAULT_STORAGE})
  --datasets DIR     where versions are published (default ${DEFAULT_DATASETS})
  --rate N           requests per second per host (default 1; 'off' = no limit)
  --max-requests N   stop the crawl after N requests
${TIMEOUT_HELP}
  --allow-host H     also allow this host (besides *.gov.cn); repeatable
  --no-crawl         only extract and publish what storage already holds
  --no-site          publish without the dataset site
${SOURCES_HELP}
  --no-ocr           leave scanned pages unread (such documents fail as needs_ocr)
  --json             print the summary as JSON on stdout
Exit: 0 clean, 3 finished with failures (listed in the version's failures.csv), 2 usage, 1 fatal.`;

export function parseRefreshArgs(
  argv: string[],
  command = 'refresh',
): { opts: RefreshOptions; json: boolean } | { exit: number } {
  const parsed = parseCommand(command, HELP, argv, {
    ...CRAWL_OPTIONS,
    ...DATASET_OPTIONS,
    'no-crawl': { type: 'boolean', default: false },
    ...OCR_OPTION,
    ...JSON_OPTION,
  });
  if ('exit' in parsed) return parsed;
  const { values } = parsed;
  const crawl = crawlSettings(
    command,
    HELP,
    values,
    values['no-crawl'] ? undefined : 'give --province or --url (or --no-crawl)',
  );
  if ('exit' in crawl) return crawl;
  const mode = sourcesMode(command, HELP, values.sources);
  if ('exit' in mode) return mode;
  return {
    json: values.json,
    opts: {
      ...crawl,
      datasets: values.datasets,
      skipCrawl: values['no-crawl'],
      site: !values['no-site'],
      sources: mode.sources,
      ...(values['no-ocr'] ? { pool: { ocr: false } } : {}),
    },
  };
}

/** The summary as stderr lines. */
export function summaryLines(s: RefreshSummary, command = 'refresh'): string[] {
  const p = `ogi ${command}:`;
  return [
    `${p} pages crawled ${s.pages} · documents new ${s.documents.new}, changed ${s.documents.changed}, unchanged ${s.documents.unchanged}`,
    `${p} extracted ${s.extraction.extracted}, failed ${s.extraction.failed}, cached ${s.extraction.cached} · crawl failures ${s.failures.crawl}`,
    // the message names the version ('first version V: …', 'version V: …', 'no change since V: …')
    `${p} ${s.published ? 'published ' : ''}${s.message} (${s.reports} reports, ${s.listed_failures} failures listed)`,
  ];
}

export const exitCode = (s: RefreshSummary) => (s.failures.crawl + s.failures.extract > 0 ? 3 : 0);

export async function run(argv: string[]): Promise<number> {
  const parsed = parseRefreshArgs(argv);
  if ('exit' in parsed) return parsed.exit;
  // crawler, extractor and publisher load only now: `ogi refresh --help` stays fast
  const [{ StorageBusy }, { UnknownProvince }, { refresh }, { PublishError }, { crawlers }] = await Promise.all([
    import('../workarea/index.js'),
    import('../crawl/start.js'),
    import('../refresh.js'),
    import('../publish/index.js'),
    import('../../crawlers/index.js'),
  ]);
  let result: Awaited<ReturnType<typeof refresh>>;
  try {
    result = await refresh({ ...parsed.opts, crawlers: Object.values(crawlers) });
  } catch (err) {
    if (err instanceof UnknownProvince) {
      console.error(`ogi refresh: ${err.message}`);
      return 2;
    }
    if (
      err instanceof StorageBusy ||
      (err instanceof PublishError && (err.kind === 'busy' || err.kind === 'latest_not_link'))
    ) {
      console.error(`ogi refresh: ${err.message}`); // one line, naming the lock file
      return 1;
    }
    throw err;
  }
  for (const line of summaryLines(result.summary)) console.error(line);
  console.log(parsed.json ? JSON.stringify(result.summary, null, 2) : result.summary.dir);
  return exitCode(result.summary);
}
