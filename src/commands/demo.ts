// `ogi demo [--storage DIR] [--datasets DIR] [--no-site] [--json]` (what `npm start` runs):
// serve the bundled demo portal (demo/site/) on 127.0.0.1, run `ogi refresh` against it, print
// where the dataset version is and a short table of what it holds, stop the server.
// Offline: the portal, its PDFs and DOCX are in the repo. Exit 0 when the refresh finished (the
// demo's broken attachment is expected in failures.csv), 2 usage, 1 fatal.
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DEMO_SITE, startDemoPortal } from '../demo/portal.js';
import { DEFAULT_DATASETS, DEFAULT_STORAGE, writeAtomic } from '../workarea/index.js';
import { DATASET_OPTIONS, JSON_OPTION, parseCommand, SOURCES_HELP, sourcesMode } from './options.js';
import { summaryLines } from './refresh.js';
import { failedChecks } from '../record.js';
import { table } from './table.js';

const HELP = `usage: ogi demo [--storage DIR] [--datasets DIR] [--no-site] [--sources MODE] [--json]

Serves the bundled demo portal on 127.0.0.1 and refreshes the dataset from it.
  --storage DIR    work area (default ${DEFAULT_STORAGE})
  --datasets DIR   where versions are published (default ${DEFAULT_DATASETS})
  --no-site        publish without the dataset site
${SOURCES_HELP}
  --json           print the refresh summary as JSON on stdout instead of the table`;

const DEMO_PORT_FILE = 'demo-port';

function lastPort(file: string): number {
  try {
    const port = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(port) && port > 0 && port < 65536 ? port : 0;
  } catch {
    return 0;
  }
}

async function rememberPort(file: string, port: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeAtomic(file, `${port}\n`);
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand('demo', HELP, argv, { ...DATASET_OPTIONS, ...JSON_OPTION });
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  const mode = sourcesMode('demo', HELP, values.sources);
  if ('exit' in mode) return mode.exit;
  const { refresh } = await import('../refresh.js'); // only now: `ogi demo --help` stays fast

  // the port of the last run when it is free: same URLs, so a second run costs only conditional requests
  const portFile = path.join(values.storage, DEMO_PORT_FILE);
  const portal = await startDemoPortal(DEMO_SITE, lastPort(portFile));
  console.error(`ogi demo: demo portal on ${portal.origin}; refreshing from ${portal.listUrl}`);
  let result: Awaited<ReturnType<typeof refresh>>;
  try {
    await rememberPort(portFile, new URL(portal.origin).port);
    result = await refresh({
      urls: [portal.listUrl],
      allowHosts: ['127.0.0.1'],
      rate: Infinity,
      storage: values.storage,
      datasets: values.datasets,
      site: !values['no-site'],
      sources: mode.sources,
      progress: false,
    });
  } finally {
    await portal.close();
  }
  const s = result.summary;
  for (const line of summaryLines(s, 'demo')) console.error(line);
  if (values.json) {
    console.log(JSON.stringify(s, null, 2));
    return 0;
  }

  const rows = [['report_id', 'year', 'agency', 'format', 'template', 'received', 'processed', 'failed checks']];
  const byYear = [...result.records].sort(
    (a, b) => (b.year ?? 0) - (a.year ?? 0) || (a.agency ?? '').localeCompare(b.agency ?? ''),
  );
  for (const r of byYear) {
    rows.push([
      r.report_id,
      String(r.year ?? ''),
      r.agency ?? '',
      r.source.format,
      r.template,
      String(r.applications?.new_received?.total ?? ''),
      String(r.applications?.total_processed?.total ?? ''),
      String(failedChecks(r) ?? '—'),
    ]);
  }
  const dir = s.dir ? path.relative(process.cwd(), s.dir) || '.' : '(none)';
  const out = [
    s.published
      ? `New dataset version ${s.published}: ${dir}`
      : `No change since ${s.latest}: the dataset is in ${dir}`,
    '',
    table(rows),
  ];
  const listed = result.publish.summary.failures;
  if (listed) {
    out.push('', `Not extracted (${listed}, see ${path.join(dir, 'failures.csv')}):`);
    for (const f of result.failures) out.push(`  ${f.kind.padEnd(16)} ${f.url}`);
  }
  out.push(
    '',
    `Open ${path.join(dir, 'reports.csv')} in a spreadsheet${values['no-site'] ? '' : `, or ${path.join(dir, 'site', 'index.html')} in a browser`}.`,
  );
  console.log(out.join('\n'));
  return 0;
}
