// `ogi refresh [--province P…] [--url LIST_URL…] [--storage DIR] [--datasets DIR] [--rate R]
//              [--max-requests N] [--allow-host H…] [--no-site] [--json]`
// crawl → extract what is new or changed → publish only when something changed (src/refresh.ts).
// stderr: progress and the final summary; stdout: the version folder, or with --json the summary.
// Exit 0 clean, 3 finished but this run met failures (crawl, download or extraction), 2 usage, 1 fatal.
import { parseArgs } from 'node:util';
import { UnknownProvince } from '../crawl/index.js';
import { refresh, type RefreshOptions, type RefreshSummary } from '../refresh.js';
import { DEFAULT_DATASETS, DEFAULT_STORAGE } from '../storage/layout.js';

const HELP = `usage: ogi refresh [--province P…] [--url LIST_URL…] [options]

  --province P       a province crawler: id (guizhou), name (贵州), code (520000) or 'all'; repeatable
  --url URL          a list page, read with the adapter detected from the page; repeatable
  --storage DIR      work area (default ${DEFAULT_STORAGE})
  --datasets DIR     where versions are published (default ${DEFAULT_DATASETS})
  --rate N           requests per second per host (default 1; 'off' = no limit)
  --max-requests N   stop the crawl after N requests
  --allow-host H     also allow this host (besides *.gov.cn); repeatable
  --no-crawl         only extract and publish what storage already holds
  --no-site          publish without the dataset site
  --json             print the summary as JSON on stdout
Exit: 0 clean, 3 finished with failures (listed in the version's failures.csv), 2 usage, 1 fatal.`;

export function parseRefreshArgs(argv: string[], command = 'refresh'): { opts: RefreshOptions; json: boolean } | { exit: number } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        province: { type: 'string', multiple: true },
        url: { type: 'string', multiple: true },
        storage: { type: 'string', default: DEFAULT_STORAGE },
        datasets: { type: 'string', default: DEFAULT_DATASETS },
        rate: { type: 'string' },
        'max-requests': { type: 'string' },
        'allow-host': { type: 'string', multiple: true },
        'no-crawl': { type: 'boolean', default: false },
        'no-site': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    console.error(`ogi ${command}: ${(err as Error).message}\n\n${HELP}`);
    return { exit: 2 };
  }
  if (values.help) {
    console.error(HELP);
    return { exit: 0 };
  }
  const rate = values.rate === undefined ? 1 : /^(off|inf(inity)?)$/i.test(values.rate) ? Infinity : Number(values.rate);
  const maxRequests = values['max-requests'] === undefined ? undefined : Number(values['max-requests']);
  if (!(rate > 0) || (maxRequests !== undefined && !(Number.isInteger(maxRequests) && maxRequests > 0))) {
    console.error(`ogi ${command}: --rate must be a positive number or 'off', --max-requests a positive integer\n\n${HELP}`);
    return { exit: 2 };
  }
  if (!values['no-crawl'] && !values.province?.length && !values.url?.length) {
    console.error(`ogi ${command}: give --province or --url (or --no-crawl)\n\n${HELP}`);
    return { exit: 2 };
  }
  for (const u of values.url ?? []) {
    if (!URL.canParse(u)) {
      console.error(`ogi ${command}: not a URL: ${u}`);
      return { exit: 2 };
    }
  }
  return {
    json: values.json,
    opts: {
      provinces: values.province,
      urls: values.url,
      storage: values.storage,
      datasets: values.datasets,
      rate,
      maxRequests,
      allowHosts: values['allow-host'],
      skipCrawl: values['no-crawl'],
      site: !values['no-site'],
    },
  };
}

/** The summary as stderr lines. */
export function summaryLines(s: RefreshSummary, command = 'refresh'): string[] {
  const p = `ogi ${command}:`;
  return [
    `${p} pages crawled ${s.pages} · documents new ${s.documents.new}, changed ${s.documents.changed}, unchanged ${s.documents.unchanged}`,
    `${p} extracted ${s.extraction.extracted}, failed ${s.extraction.failed}, cached ${s.extraction.cached} · crawl failures ${s.failures.crawl}`,
    `${p} ${s.published ? `published ${s.published}` : 'no change'}: ${s.message} (${s.reports} reports, ${s.listed_failures} failures listed)`,
  ];
}

export const exitCode = (s: RefreshSummary) => (s.failures.crawl + s.failures.extract > 0 ? 3 : 0);

export async function run(argv: string[]): Promise<number> {
  const parsed = parseRefreshArgs(argv);
  if ('exit' in parsed) return parsed.exit;
  let result;
  try {
    result = await refresh(parsed.opts);
  } catch (err) {
    if (err instanceof UnknownProvince) {
      console.error(`ogi refresh: ${err.message}`);
      return 2;
    }
    throw err;
  }
  for (const line of summaryLines(result.summary)) console.error(line);
  console.log(parsed.json ? JSON.stringify(result.summary, null, 2) : result.summary.dir);
  return exitCode(result.summary);
}
