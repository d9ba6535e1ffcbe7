// `ogi extract <file…> [--json | --out DIR]`: report documents in, checked records out.
// Each file is extracted in a worker process under limits (src/extract/isolated/pool.ts); a file that
// fails gets a typed error line on stderr, the others are still extracted.
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ExtractError } from '../errors.js';
import { ExtractionPool } from '../extract/isolated/pool.js';
import type { FailureKind } from '../failures.js';
import { failedChecks, type ReportRecord } from '../record.js';
import { OCR_OPTION, parseCommand } from './options.js';
import { table } from './table.js';

const HELP = `usage: ogi extract <file…> [--json | --out DIR] [--no-ocr]

  (default)   a summary table: file, template, agency, year, failed checks, warnings
  --json      one JSON record per line on stdout (jq-friendly)
  --out DIR   write DIR/<report_id>.json for each record
  --no-ocr    leave scanned pages unread: such files fail as needs_ocr
Exit: 0 all extracted, 3 some files failed (typed errors on stderr), 2 usage.`;

export interface FileResult {
  file: string;
  record?: ReportRecord;
  error?: { kind: FailureKind; message: string };
}

/** Each file extracted in the worker pool (isolated, under limits), in the order given. */
export async function extractFiles(files: string[], opts: { ocr?: boolean } = {}): Promise<FileResult[]> {
  // every file is queued at once: a worker with nothing left in the queue is stopped at once
  const pool = new ExtractionPool({
    size: Math.min(files.length, os.availableParallelism(), 4),
    stopWhenIdle: true,
    ocr: opts.ocr,
  });
  try {
    return await Promise.all(
      files.map(async (file): Promise<FileResult> => {
        try {
          return {
            file,
            record: await pool.extract({ file, name: path.basename(file), source: { document_url: null } }),
          };
        } catch (err) {
          const kind = err instanceof ExtractError ? err.kind : 'internal_error';
          return { file, error: { kind, message: err instanceof Error ? err.message : String(err) } };
        }
      }),
    );
  } finally {
    await pool.close();
  }
}

export function summaryTable(results: FileResult[]): string {
  const rows = [['file', 'template', 'agency', 'year', 'failed checks', 'warnings']];
  for (const r of results) {
    if (r.record) {
      const rec = r.record;
      rows.push([
        path.basename(r.file),
        rec.template,
        rec.agency ?? '',
        String(rec.year ?? ''),
        String(failedChecks(rec) ?? '—'),
        String(rec.warnings.length),
      ]);
    } else rows.push([path.basename(r.file), `ERROR ${r.error!.kind}`, '', '', '', '']);
  }
  return table(rows);
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(
    'extract',
    HELP,
    argv,
    { json: { type: 'boolean' }, out: { type: 'string' }, ...OCR_OPTION },
    { positionals: true, helpOnStdout: true },
  );
  if ('exit' in args) return args.exit;
  if (!args.positionals.length || (args.values.json && args.values.out)) {
    console.error(HELP);
    return 2;
  }
  const results = await extractFiles(args.positionals, { ocr: !args.values['no-ocr'] });
  for (const r of results) if (r.error) console.error(`ogi extract: ${r.file}: ${r.error.kind}: ${r.error.message}`);
  if (args.values.json) {
    for (const r of results) if (r.record) process.stdout.write(`${JSON.stringify(r.record)}\n`);
  } else if (args.values.out) {
    await mkdir(args.values.out, { recursive: true });
    const { writeAtomic } = await import('../workarea/atomic.js'); // only here: not in a --json run's start-up
    for (const r of results) {
      if (!r.record) continue;
      const file = path.join(args.values.out, `${r.record.report_id}.json`);
      await writeAtomic(file, `${JSON.stringify(r.record, null, 1)}\n`);
      console.log(file);
    }
  } else console.log(summaryTable(results));
  return results.some((r) => r.error) ? 3 : 0;
}
