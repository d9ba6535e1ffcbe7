// The reading half of extraction: a document's bytes → the format-neutral DocumentModel. This is
// all that parses untrusted bytes, so it is all that the worker processes of isolated/ run (under
// their limits); interpret.ts makes the record from the model. Detect the format from the bytes,
// then load and run the reader of that format only (text/<format>.ts).
import { createHash } from 'node:crypto';
import { ExtractError, MAX_DOCUMENT_BYTES } from '../errors.js';
import type { Format } from '../record.js';
import { detectFormat } from './detect.js';
import type { DocumentModel } from './model.js';
import { readTxt } from './text/txt.js';

/** A document as read: its model, and what the record says of its bytes. */
export interface DocumentRead {
  model: DocumentModel;
  sha256: string;
  /** Size of the document, bytes. */
  bytes: number;
}

export async function readDocument(bytes: Buffer, name?: string, contentType?: string | null): Promise<DocumentModel> {
  if (bytes.length > MAX_DOCUMENT_BYTES)
    throw new ExtractError(
      'too_large',
      `${bytes.length} bytes is over the ${MAX_DOCUMENT_BYTES}-byte cap for a report`,
    );
  const format: Format = detectFormat(bytes, name);
  switch (format) {
    // cheerio, pdf.js, mammoth and word-extractor are loaded on first use, by the format that needs
    // them (pdf.js alone is ~150 MB resident; the HTML parser ~60 ms of a CLI run).
    case 'html':
      return (await import('./text/html.js')).readHtml(bytes, contentType);
    case 'pdf':
      return (await import('./text/pdf.js')).readPdf(bytes);
    case 'docx':
      return (await import('./text/docx.js')).readDocx(bytes);
    case 'doc':
      return (await import('./text/doc.js')).readDoc(bytes);
    case 'txt':
      return readTxt(bytes, contentType);
  }
}

/** The model with the document's hash and size. */
export async function read(bytes: Buffer, name?: string, contentType?: string | null): Promise<DocumentRead> {
  return { model: await readDocument(bytes, name, contentType), sha256: sha256(bytes), bytes: bytes.length };
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
