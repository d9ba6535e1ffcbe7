// `ogi inspect <file> [--json | --html DIR]`: what the extractor saw and decided for one document —
// its rows, the sections, each label match and placement, the identities — to see why a cell came
// out as it did, or to add a layout. Runs in this process (a tool for a file you chose), not the pool.
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { ExtractError } from '../errors.js';
import { writeAtomic } from '../workarea/index.js';
import { parseCommand } from './options.js';

/** The PDF's pages as DIR/page-N.png at `dpi` (poppler's pdftoppm); [] when it is missing or fails. */
async function renderPages(pdf: string, dir: string, dpi: number): Promise<string[]> {
  try {
    await promisify(execFile)('pdftoppm', ['-png', '-r', String(dpi), pdf, path.join(dir, 'page')], {
      timeout: 120_000,
    });
  } catch {
    return [];
  }
  const pages = (await readdir(dir)).filter((f) => /^page-\d+\.png$/.test(f));
  return pages.sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
}

const HELP = `usage: ogi inspect <file> [--json | --html DIR]

  (default)   the rows, sections, label matches, placements, identities and warnings as text
  --json      the same as one JSON object
  --html DIR  a debug page DIR/index.html (PDFs: each page drawn with the rows read from it)
Exit: 0 inspected, 3 the document could not be read (typed error on stderr), 2 usage.`;

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(
    'inspect',
    HELP,
    argv,
    { json: { type: 'boolean' }, html: { type: 'string' } },
    { positionals: true, helpOnStdout: true },
  );
  if ('exit' in args) return args.exit;
  if (args.positionals.length !== 1 || (args.values.json && args.values.html)) {
    console.error(HELP);
    return 2;
  }
  const file = args.positionals[0]!;
  const { inspectDocument, inspectionText } = await import('../extract/inspect.js');
  let inspection: Awaited<ReturnType<typeof inspectDocument>>;
  try {
    inspection = await inspectDocument(await readFile(file), path.basename(file));
  } catch (err) {
    if (!(err instanceof ExtractError)) throw err;
    console.error(`ogi inspect: ${file}: ${err.kind}: ${err.message}`);
    return 3;
  }
  if (args.values.json) process.stdout.write(`${JSON.stringify(inspection)}\n`);
  else if (args.values.html) {
    const { inspectionPage } = await import('../extract/inspect-page.js');
    const dir = args.values.html;
    await mkdir(dir, { recursive: true });
    const dpi = 100;
    const pages = inspection.format === 'pdf' ? await renderPages(file, dir, dpi) : [];
    const out = path.join(dir, 'index.html');
    await writeAtomic(out, inspectionPage(file, inspection, pages, dpi));
    console.log(out);
  } else console.log(inspectionText(file, inspection));
  return 0;
}
