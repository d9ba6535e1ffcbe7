// What the `ogi` commands parse alike: the crawl options (crawl, refresh), the storage → datasets
// options (refresh, demo, publish), and parseCommand, which turns --help and usage errors into the
// same output and exit codes everywhere: a parse error prints `ogi <command>: <message>` and the help
// on stderr (exit 2), --help or -h prints the help (exit 0).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_TIMEOUT_MS, MIN_BROWSER_TIMEOUT_MS } from '../net/defaults.js';
import { DEFAULT_DATASETS, DEFAULT_STORAGE } from '../workarea/layout.js';

type Options = NonNullable<ParseArgsConfig['options']>;

const storage = { type: 'string', default: DEFAULT_STORAGE } as const;

/** What to crawl and how fast: read with crawlSettings. */
export const CRAWL_OPTIONS = {
  province: { type: 'string', multiple: true },
  url: { type: 'string', multiple: true },
  storage,
  rate: { type: 'string' },
  'max-requests': { type: 'string' },
  'timeout-ms': { type: 'string' },
  'allow-host': { type: 'string', multiple: true },
} as const;

/** `--timeout-ms`, as every crawling command's help says it. */
export const TIMEOUT_HELP = `  --timeout-ms N     give up on an HTTP request after N ms, then retry it (default ${DEFAULT_TIMEOUT_MS});
                     a page the browser renders has at least ${MIN_BROWSER_TIMEOUT_MS}`;

/** Where records are read and dataset versions published. */
export const DATASET_OPTIONS = {
  storage,
  datasets: { type: 'string', default: DEFAULT_DATASETS },
  'no-site': { type: 'boolean', default: false },
  sources: { type: 'string', default: 'inline' },
} as const;

/** `--sources`: where the archived source documents of a version go (src/publish/sources.ts). */
export const SOURCES_HELP = `  --sources MODE     archived source documents: inline (<version>/sources/, default),
                     separate (datasets/<version>-sources/, for hosts that cap sizes) or none`;
const SOURCES_MODES = ['inline', 'separate', 'none'] as const;

/** The --sources value, or a usage error (exit 2). */
export function sourcesMode(
  command: string,
  help: string,
  value: string,
): { sources: (typeof SOURCES_MODES)[number] } | { exit: number } {
  const mode = SOURCES_MODES.find((m) => m === value);
  if (mode) return { sources: mode };
  console.error(`ogi ${command}: --sources takes ${SOURCES_MODES.join(', ')}, not '${value}'\n\n${help}`);
  return { exit: 2 };
}

export const JSON_OPTION = { json: { type: 'boolean', default: false } } as const;
/** `--no-ocr`: scanned pages are not read (such documents fail as needs_ocr). */
export const OCR_OPTION = { 'no-ocr': { type: 'boolean', default: false } } as const;

const HELP_OPTION = { help: { type: 'boolean', short: 'h', default: false } } as const;

type Parsed<O extends Options, P extends boolean> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O & typeof HELP_OPTION; strict: true; allowPositionals: P }>
>;

/** Parses argv, or says how to exit: 2 after a parse error, 0 after --help. */
export function parseCommand<const O extends Options, P extends boolean = false>(
  command: string,
  help: string,
  argv: string[],
  options: O,
  { positionals, helpOnStdout = false }: { positionals?: P; helpOnStdout?: boolean } = {},
): Parsed<O, P> | { exit: number } {
  let parsed: Parsed<O, P>;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...options, ...HELP_OPTION },
      strict: true,
      allowPositionals: (positionals ?? false) as P,
    });
  } catch (err) {
    console.error(`ogi ${command}: ${(err as Error).message}\n\n${help}`);
    return { exit: 2 };
  }
  if ((parsed.values as { help?: boolean }).help) {
    (helpOnStdout ? console.log : console.error)(help);
    return { exit: 0 };
  }
  return parsed;
}

export interface CrawlSettings {
  provinces?: string[];
  urls?: string[];
  storage: string;
  rate: number;
  maxRequests?: number;
  timeoutMs?: number;
  allowHosts?: string[];
}

type CrawlValues = {
  province?: string[];
  url?: string[];
  storage: string;
  rate?: string;
  'max-requests'?: string;
  'timeout-ms'?: string;
  'allow-host'?: string[];
};

/**
 * The parsed CRAWL_OPTIONS checked and converted, or exit 2 after a usage error on stderr.
 * `missing`: the message when neither --province nor --url is given (undefined: both may be absent).
 */
export function crawlSettings(
  command: string,
  help: string,
  values: CrawlValues,
  missing?: string,
): CrawlSettings | { exit: number } {
  const rate =
    values.rate === undefined ? 1 : /^(off|inf(inity)?)$/i.test(values.rate) ? Infinity : Number(values.rate);
  const count = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const maxRequests = count(values['max-requests']);
  const timeoutMs = count(values['timeout-ms']);
  const positive = (n: number | undefined) => n === undefined || (Number.isInteger(n) && n > 0);
  if (!(rate > 0) || !positive(maxRequests) || !positive(timeoutMs)) {
    console.error(
      `ogi ${command}: --rate must be a positive number or 'off', --max-requests and --timeout-ms positive integers\n\n${help}`,
    );
    return { exit: 2 };
  }
  if (missing !== undefined && !values.province?.length && !values.url?.length) {
    console.error(`ogi ${command}: ${missing}\n\n${help}`);
    return { exit: 2 };
  }
  for (const u of values.url ?? []) {
    if (!URL.canParse(u)) {
      console.error(`ogi ${command}: not a URL: ${u}`);
      return { exit: 2 };
    }
    const scheme = new URL(u).protocol;
    if (scheme !== 'http:' && scheme !== 'https:') {
      console.error(`ogi ${command}: --url takes http:// or https:// list pages, not ${scheme}// (${u})`);
      return { exit: 2 };
    }
  }
  return {
    provinces: values.province,
    urls: values.url,
    storage: values.storage,
    rate,
    maxRequests,
    timeoutMs,
    allowHosts: values['allow-host'],
  };
}
