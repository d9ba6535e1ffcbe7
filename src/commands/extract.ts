// `ogi extract <file…> [--json | --out DIR]`: report documents in, checked records out.
// Each file that fails gets a typed error line on stderr; the others are still extracted.
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ExtractError, MAX_DOCUMENT_BYTES } from '../errors.js';
import type { ReportRecord } from '../record.js';
import { parseCommand } from './options.js';
import { table } from './table.js';

const HELP = `usage: ogi extract <file…> [--json | --out DIR]

  (default)   a summary table: file, template, agency, year, failed checks, warnings
  --json      one JSON record per line on stdout (jq-friendly)
  --out DIR   write DIR/<report_id>.json for each record
Exit: 0 all extracted, 3 some files failed (typed errors on stderr), 2 usage.`;

export interface FileResult {
  file: string;
  record?: ReportRecord;
  error?: { kind: string; message: string };
}

export async function extractFiles(files: string[]): Promise<FileResult[]> {
  const results: FileResult[] = [];
  const { extractDocument } = await import('../extract/index.js'); // only now: `ogi extract --help` stays fast
  for (const file of files) {
    try {
      const { size } = await stat(file);
      if (size > MAX_DOCUMENT_BYTES) throw new ExtractError('too_large', `${size} bytes is over the ${MAX_DOCUMENT_BYTES}-byte cap for a report`);
      const bytes = await readFile(file);
      results.push({ file, record: await extractDocument({ bytes, name: path.basename(file), source: { document_url: null } }) });
    } catch (err) {
      const kind = err instanceof ExtractError ? err.kind : (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not_found' : 'internal_error';
      results.push({ file, error: { kind, message: err instanceof Error ? err.message : String(err) } });
    }
  }
  return results;
}

export function summaryTable(results: FileResult[]): string {
  const rows = [['file', 'template', 'agency', 'year', 'failed checks', 'warnings']];
  for (const r of results) {
    if (r.record) {
      const rec = r.record;
      rows.push([path.basename(r.file), rec.template, rec.agency ?? '', String(rec.year ?? ''), String(rec.checks.filter((c) => !c.ok).length), String(rec.warnings.length)]);
    } else rows.push([path.basename(r.file), `ERROR ${r.error!.kind}`, '', '', '', '']);
  }
  return table(rows);
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand('extract', HELP, argv, { json: { type: 'boolean' }, out: { type: 'string' } }, { positionals: true, helpOnStdout: true });
  if ('exit' in args) return args.exit;
  if (!args.positionals.length || (args.values.json && args.values.out)) {
    console.error(HELP);
    return 2;
  }
  const results = await extractFiles(args.positionals);
  for (const r of results) if (r.error) console.error(`ogi extract: ${r.file}: ${r.error.kind}: ${r.error.message}`);
  if (args.values.json) {
    for (const r of results) if (r.record) process.stdout.write(`${JSON.stringify(r.record)}\n`);
  } else if (args.values.out) {
    await mkdir(args.values.out, { recursive: true });
    for (const r of results) {
      if (!r.record) continue;
      const file = path.join(args.values.out, `${r.record.report_id}.json`);
      await writeFile(`${file}.tmp`, `${JSON.stringify(r.record, null, 1)}\n`);
      await rename(`${file}.tmp`, file);
      console.log(file);
    }
  } else console.log(summaryTable(results));
  return results.some((r) => r.error) ? 3 : 0;
}
