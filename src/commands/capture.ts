// `ogi capture <url> [--out DIR] [--province ID] [--platform NAME] [--name NAME] [--pages N]
//                    [--rate R] [--allow-host H…] [--json]`
// Saves a list page and its pager responses as a test fixture (src/crawl/fixtures.ts) with where and
// when they came from. Exit 0 saved, 3 the page could not be fetched or read, 2 usage.
import { PLATFORM_NAMES, type PlatformName } from '../crawl/define.js';
import { JSON_OPTION, parseCommand } from './options.js';

export const DEFAULT_FIXTURES = 'test/fixtures/pages';

const HELP = `usage: ogi capture <url> [options]

saves a list page and the pager responses it leads to as a test fixture:
<out>/<province or platform>/<name>/ with capture.json (url, time, adapter, province) and the bodies

  --out DIR          fixtures root (default ${DEFAULT_FIXTURES})
  --province ID      the province crawler the page stands for (crawlers/<id>.ts)
  --platform NAME    the adapter (${PLATFORM_NAMES.join(', ')}; default: detected from the page)
  --name NAME        folder name (default: from the URL)
  --pages N          pager responses to save at most (default 3)
  --rate N           requests per second (default 1)
  --allow-host H     also allow this host (redirects, API hosts); repeatable
  --json             print capture.json`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    'capture',
    HELP,
    argv,
    {
      out: { type: 'string', default: DEFAULT_FIXTURES },
      province: { type: 'string' },
      platform: { type: 'string' },
      name: { type: 'string' },
      pages: { type: 'string', default: '3' },
      rate: { type: 'string', default: '1' },
      'allow-host': { type: 'string', multiple: true },
      ...JSON_OPTION,
    },
    { positionals: true },
  );
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  const usage = (message: string) => {
    console.error(`ogi capture: ${message}\n\n${HELP}`);
    return 2;
  };
  if (positionals.length !== 1) return usage('give one URL');
  const url = positionals[0];
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) return usage(`not an http(s) URL: ${url}`);
  if (values.platform && !(PLATFORM_NAMES as readonly string[]).includes(values.platform))
    return usage(`unknown platform '${values.platform}'`);
  if (values.name && !/^[\w.-]+$/.test(values.name)) return usage('--name takes letters, digits, . _ -');
  if (values.province && !/^[a-z]+$/.test(values.province)) return usage('--province takes a crawler id (guizhou)');
  const pages = Number(values.pages);
  const rate = Number(values.rate);
  if (!Number.isInteger(pages) || pages < 0 || !(rate > 0))
    return usage('--pages takes a whole number, --rate a positive number');

  const { capture } = await import('../crawl/capture.js');
  const { FetchError } = await import('../net/fetch.js');
  const { LayoutChanged } = await import('../crawl/platform.js');
  try {
    const result = await capture({
      url,
      out: values.out,
      province: values.province,
      platform: values.platform as PlatformName | undefined,
      name: values.name,
      pages,
      rate,
      allowHosts: values['allow-host'],
    });
    if (values.json) console.log(JSON.stringify(result.meta, null, 2));
    else {
      console.log(result.dir);
      console.error(
        `${result.meta.platform}: ${result.items} items in ${result.meta.files.length} file${result.meta.files.length === 1 ? '' : 's'} (${result.meta.files.map((f) => f.file).join(', ')})`,
      );
    }
    return 0;
  } catch (err) {
    if (err instanceof FetchError || err instanceof LayoutChanged) {
      console.error(`ogi capture: ${err instanceof FetchError ? `${err.kind}: ` : ''}${err.message}`);
      return 3;
    }
    throw err;
  }
}
