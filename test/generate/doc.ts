// Legacy .doc files and office-exported PDFs: generated DOCX converted by LibreOffice, many files in one soffice call
// (it is slow to start). A private profile dir keeps it clear of any other soffice running.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Converts each DOCX path to `<outDir>/<same name>.doc`. */
export function convertToDoc(docxPaths: string[], outDir: string): Promise<void> {
  return convert(docxPaths, outDir, 'doc:MS Word 97');
}

/** Converts each DOCX path to `<outDir>/<same name>.pdf` (LibreOffice's PDF export, as offices publish). */
export function convertToPdf(docxPaths: string[], outDir: string): Promise<void> {
  return convert(docxPaths, outDir, 'pdf:writer_pdf_Export');
}

/** Converts each HTML path to `<outDir>/<same name>.docx` (pictures given as data: URIs are embedded). */
export function convertHtmlToDocx(htmlPaths: string[], outDir: string): Promise<void> {
  return convert(htmlPaths, outDir, 'docx:MS Word 2007 XML');
}

async function convert(docxPaths: string[], outDir: string, filter: string): Promise<void> {
  if (docxPaths.length === 0) return;
  const profile = await mkdtemp(join(tmpdir(), 'ogi-soffice-'));
  try {
    await run(
      'soffice',
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${profile}`,
        '--convert-to',
        filter,
        '--outdir',
        outDir,
        ...docxPaths,
      ],
      { timeout: 600_000, maxBuffer: 16 * 1024 * 1024 },
    );
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
