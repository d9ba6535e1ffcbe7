// The reading half of extraction: a document's bytes → the format-neutral DocumentModel. This is
// all that parses untrusted bytes, so it is all that the worker processes of isolated/ run (under
// their limits); interpret.ts makes the record from the model. Detect the format from the bytes,
// then load and run the reader of that format only (text/<format>.ts).
import { createHash } from 'node:crypto';
import { ExtractError, MAX_DOCUMENT_BYTES } from '../errors.js';
import type { Format } from '../record.js';
import { parsePictureSet } from '../sys/pictures.js';
import { detectFormat } from './detect.js';
import type { DocumentModel, ReadOptions } from './model.js';

export type { ReadOptions };
import { readTxt } from './text/txt.js';

/** A document as read: its model, and what the record says of its bytes. */
export interface DocumentRead {
  model: DocumentModel;
  sha256: string;
  /** Size of the document, bytes. */
  bytes: number;
}

export async function readDocument(
  bytes: Buffer,
  name?: string,
  contentType?: string | null,
  options: ReadOptions = {},
): Promise<DocumentModel> {
  if (bytes.length > MAX_DOCUMENT_BYTES)
    throw new ExtractError(
      'too_large',
      `${bytes.length} bytes is over the ${MAX_DOCUMENT_BYTES}-byte cap for a report`,
    );
  // A report published as pictures: the list of its pictures, read with the pictures themselves.
  if (parsePictureSet(bytes)) return (await import('./text/pictures.js')).readPictureSet(bytes, options);
  const format: Format = detectFormat(bytes, name);
  if (format === 'txt') return readTxt(bytes, contentType);
  const reader = await loadReader(format);
  switch (reader.format) {
    case 'html':
      return reader.read.readHtml(bytes, contentType);
    case 'pdf':
      return reader.read.readPdf(bytes, options);
    case 'docx':
      return reader.read.readDocx(bytes, options);
    case 'doc':
      return reader.read.readDoc(bytes);
    case 'image':
      return reader.read.readImage(bytes, options);
  }
}

type Reader =
  | { format: 'html'; read: typeof import('./text/html.js') }
  | { format: 'pdf'; read: typeof import('./text/pdf.js') }
  | { format: 'docx'; read: typeof import('./text/docx.js') }
  | { format: 'doc'; read: typeof import('./text/doc.js') }
  | { format: 'image'; read: typeof import('./text/image.js') };

/**
 * The reader of a format, loaded on first use: the HTML parser, pdf.js, mammoth and word-extractor
 * are loaded by the format that needs them only (pdf.js alone is ~150 MB resident and ~0.2 s of
 * CPU to load; the HTML parser ~60 ms). A worker may call it ahead of its first document, for the
 * format the file's name suggests (isolated/worker.ts).
 */
export async function loadReader(format: Exclude<Format, 'txt'>): Promise<Reader> {
  switch (format) {
    case 'html':
      return { format, read: await import('./text/html.js') };
    case 'pdf':
      return { format, read: await import('./text/pdf.js') };
    case 'docx':
      return { format, read: await import('./text/docx.js') };
    case 'doc':
      return { format, read: await import('./text/doc.js') };
    case 'image':
      return { format, read: await import('./text/image.js') };
  }
}

/** The model with the document's hash and size. */
export async function read(
  bytes: Buffer,
  name?: string,
  contentType?: string | null,
  options: ReadOptions = {},
): Promise<DocumentRead> {
  return { model: await readDocument(bytes, name, contentType, options), sha256: sha256(bytes), bytes: bytes.length };
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
