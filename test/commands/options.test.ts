// The option parsing the commands share: what --help, a parse error and each crawl-option usage
// error print, on which stream, and the exit they ask for.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CRAWL_OPTIONS,
  crawlSettings,
  DATASET_OPTIONS,
  JSON_OPTION,
  parseCommand,
} from '../../src/commands/options.js';
import { DEFAULT_STORAGE } from '../../src/workarea/layout.js';

const HELP = 'usage: ogi test [options]';
let stdout: string[];
let stderr: string[];

beforeEach(() => {
  stdout = [];
  stderr = [];
  vi.spyOn(console, 'log').mockImplementation((s: string) => void stdout.push(s));
  vi.spyOn(console, 'error').mockImplementation((s: string) => void stderr.push(s));
});
afterEach(() => vi.restoreAllMocks());

describe('parseCommand', () => {
  const parse = (argv: string[]) => parseCommand('test', HELP, argv, { ...DATASET_OPTIONS, ...JSON_OPTION });

  it('returns the values with their defaults', () => {
    expect(parse(['--datasets', 'out', '--json'])).toEqual({
      values: {
        storage: DEFAULT_STORAGE,
        datasets: 'out',
        'no-site': false,
        sources: 'inline',
        json: true,
        help: false,
      },
      positionals: [],
    });
    expect([stdout, stderr]).toEqual([[], []]);
  });

  it.each([['--help'], ['-h']])('%s prints the help on stderr and exits 0', (flag) => {
    expect(parse([flag])).toEqual({ exit: 0 });
    expect([stdout, stderr]).toEqual([[], [HELP]]);
  });

  it('prints the help on stdout when the command asks for it', () => {
    expect(parseCommand('test', HELP, ['--help'], {}, { helpOnStdout: true })).toEqual({ exit: 0 });
    expect([stdout, stderr]).toEqual([[HELP], []]);
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['--storage'], "Option '--storage <value>' argument missing"],
    [['file.pdf'], "Unexpected argument 'file.pdf'. This command does not take positional arguments"],
  ])('%j is a usage error: the message, then the help, exit 2', (argv, message) => {
    expect(parse(argv)).toEqual({ exit: 2 });
    expect([stdout, stderr]).toEqual([[], [`ogi test: ${message}\n\n${HELP}`]]);
  });

  it('takes positionals only when the command says so', () => {
    expect(parseCommand('test', HELP, ['a.pdf', '--json', 'b.pdf'], JSON_OPTION, { positionals: true })).toEqual({
      values: { json: true, help: false },
      positionals: ['a.pdf', 'b.pdf'],
    });
  });
});

describe('crawlSettings', () => {
  const settings = (argv: string[], missing?: string) => {
    const parsed = parseCommand('test', HELP, argv, CRAWL_OPTIONS);
    if ('exit' in parsed) throw new Error('parse failed');
    return crawlSettings('test', HELP, parsed.values, missing);
  };
  const RATE_ERROR = `ogi test: --rate must be a positive number or 'off', --max-requests and --timeout-ms positive integers\n\n${HELP}`;

  it('converts the crawl options', () => {
    expect(
      settings([
        '--province',
        'guizhou',
        '--url',
        'https://a.gov.cn/l/',
        '--rate',
        '2',
        '--max-requests',
        '5',
        '--timeout-ms',
        '5000',
        '--allow-host',
        'b.org',
      ]),
    ).toEqual({
      provinces: ['guizhou'],
      urls: ['https://a.gov.cn/l/'],
      storage: DEFAULT_STORAGE,
      rate: 2,
      maxRequests: 5,
      timeoutMs: 5000,
      allowHosts: ['b.org'],
    });
    expect(settings([])).toEqual({ storage: DEFAULT_STORAGE, rate: 1 });
  });

  it.each([['off'], ['OFF'], ['inf'], ['Infinity']])('--rate %s is no limit', (rate) => {
    expect(settings(['--rate', rate])).toMatchObject({ rate: Infinity });
  });

  it.each([
    [['--rate', '0']],
    [['--rate', 'fast']],
    [['--max-requests', '0']],
    [['--max-requests', '1.5']],
    [['--timeout-ms', '0']],
    [['--timeout-ms', '2s']],
  ])('%j is a usage error, exit 2', (argv) => {
    expect(settings(argv)).toEqual({ exit: 2 });
    expect(stderr).toEqual([RATE_ERROR]);
  });

  it('asks for --province or --url only when given a message for it', () => {
    expect(settings([], 'give --province or --url')).toEqual({ exit: 2 });
    expect(stderr).toEqual([`ogi test: give --province or --url\n\n${HELP}`]);
  });

  it('refuses a --url that is not a URL, without the help', () => {
    expect(settings(['--url', 'https://a.gov.cn/', '--url', 'not a url'])).toEqual({ exit: 2 });
    expect(stderr).toEqual(['ogi test: not a URL: not a url']);
  });

  it.each([
    ['file:///etc/passwd', 'file:'],
    ['ftp://a.gov.cn/list/', 'ftp:'],
    ['javascript:alert(1)', 'javascript:'],
  ])('refuses --url %s: only http and https list pages', (url, scheme) => {
    expect(settings(['--url', url])).toEqual({ exit: 2 });
    expect(stderr).toEqual([`ogi test: --url takes http:// or https:// list pages, not ${scheme}// (${url})`]);
  });
});

describe('ogi refresh --no-ocr', () => {
  it('asks the extraction pool not to read scanned pages; without it the pool keeps its default (OCR on)', async () => {
    const { parseRefreshArgs } = await import('../../src/commands/refresh.js');
    const off = parseRefreshArgs(['--no-crawl', '--no-ocr']);
    const on = parseRefreshArgs(['--no-crawl']);
    expect('opts' in off && off.opts.pool).toEqual({ ocr: false });
    expect('opts' in on && on.opts.pool).toBeUndefined();
  });
});

describe('--sources', () => {
  it('passes inline (the default), separate or none to the publisher, and refuses anything else', async () => {
    const { parseRefreshArgs } = await import('../../src/commands/refresh.js');
    const sources = (argv: string[]) => {
      const parsed = parseRefreshArgs(['--no-crawl', ...argv]);
      return 'opts' in parsed ? parsed.opts.sources : parsed;
    };
    expect(sources([])).toBe('inline');
    expect(sources(['--sources', 'separate'])).toBe('separate');
    expect(sources(['--sources', 'none'])).toBe('none');
    expect(stderr).toEqual([]);
    expect(sources(['--sources', 'zip'])).toEqual({ exit: 2 });
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(/^ogi refresh: --sources takes inline, separate, none, not 'zip'\n\nusage: ogi refresh/);
  });
});
