// `ogi publish [--storage DIR] [--datasets DIR] [--version V] [--no-site] [--json]`
// storage/records + storage/failures.jsonl → datasets/<version>/ (see src/publish/index.ts).
// stdout: the version folder (or, with --json, the whole result); stderr: the summary.
// Exit: 0 published or nothing changed, 3 published but some record files were unreadable,
// 2 usage (bad or existing --version), 1 fatal (or another publish kept the datasets folder too long).
import { statSync } from 'node:fs';
import { DEFAULT_DATASETS, DEFAULT_STORAGE } from '../workarea/layout.js';
import { DATASET_OPTIONS, JSON_OPTION, parseCommand, SOURCES_HELP, sourcesMode } from './options.js';

const HELP = `usage: ogi publish [--storage DIR] [--datasets DIR] [--version V] [--no-site] [--sources MODE] [--json]

  --storage DIR    where the extractor left records (default: ${DEFAULT_STORAGE})
  --datasets DIR   where versions are written (default: ${DEFAULT_DATASETS})
  --version V      version name (default: today's date, .1, .2… if it exists)
  --no-site        do not build the dataset site into the version
${SOURCES_HELP}
  --json           print the result as JSON on stdout

Nothing is written when the data would equal the latest version's (latest stays; exit 0).`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand('publish', HELP, argv, {
    ...DATASET_OPTIONS,
    version: { type: 'string' },
    ...JSON_OPTION,
  });
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  const mode = sourcesMode('publish', HELP, values.sources);
  if ('exit' in mode) return mode.exit;
  // a file given as --storage would otherwise read as an empty work area and publish an empty version
  if (statSync(values.storage, { throwIfNoEntry: false })?.isDirectory() === false)
    throw new Error(`--storage ${values.storage} is a file, not a folder`);
  // the publisher (parquet writer, site) loads only now: `ogi publish --help` stays fast
  const { publish, PublishError } = await import('../publish/index.js');
  const { assemble } = await import('../workarea/index.js');
  // The dataset refresh would publish (src/workarea/assemble.ts); for a folder of records only
  // (e.g. from `ogi extract --out`), every record.
  const { records, failures } = await assemble(values.storage);
  const unreadable = failures.filter((f) => f.stage === 'publish').length;
  console.error(`ogi publish: ${records.length} records, ${failures.length} failures read from ${values.storage}`);
  let result: Awaited<ReturnType<typeof publish>>;
  try {
    result = await publish({
      records,
      failures,
      datasetsDir: values.datasets,
      version: values.version,
      site: !values['no-site'],
      storage: values.storage,
      sources: mode.sources,
    });
  } catch (err) {
    if (err instanceof PublishError && err.kind === 'site_failed') {
      console.error(`ogi publish: ${err.message}; nothing was published (--no-site publishes without the site)`);
      if (err.cause instanceof Error && err.cause.stack) console.error(err.cause.stack);
      return 1;
    }
    if (err instanceof PublishError) {
      console.error(`ogi publish: ${err.message}`);
      return err.kind === 'busy' || err.kind === 'latest_not_link' ? 1 : 2;
    }
    throw err;
  }
  const s = result.summary;
  console.error(`ogi publish: ${s.message}`);
  console.error(
    `ogi publish: ${s.reports} reports · ${s.failed_checks} failed checks (${s.cross_year_findings} across years) · ${s.failures} failures` +
      (s.duplicates ? ` · ${s.duplicates} duplicate records dropped` : '') +
      (s.cleaned.length ? ` · removed ${s.cleaned.length} leftover temp folders` : ''),
  );
  if (unreadable) console.error(`ogi publish: ${unreadable} record files could not be read (listed in failures.csv)`);
  console.log(values.json ? JSON.stringify(result, null, 2) : result.dir);
  return unreadable ? 3 : 0;
}
