// Typed errors: every failure the pipeline reports carries a machine-readable `kind`, so the
// failures output (failures.csv, `ogi extract` stderr) says what went wrong without a stack trace.

export type ExtractErrorKind =
  | 'empty_file' // zero bytes, or only whitespace
  | 'too_large' // over the size cap (see MAX_DOCUMENT_BYTES)
  | 'unsupported_format' // bytes are none of html/pdf/docx/doc/txt
  | 'corrupt_pdf' // pdf.js cannot parse it
  | 'encrypted_pdf' // password-protected
  | 'no_text_layer' // scanned PDF: pages but no text
  | 'corrupt_docx' // zip/XML broken
  | 'corrupt_doc' // OLE/Word binary broken
  | 'decode_failed' // text in no charset we can read
  | 'no_report_content' // readable, but no report in it (an empty HTML shell)
  | 'not_a_report' // a notice, guide, budget…: recognised and rejected with a reason
  | 'not_found' // no such file
  | 'not_a_file' // a directory, pipe, device or socket: only regular files are read
  | 'resource_limit' // the document took more memory, CPU time, wall time or output than allowed
  | 'extractor_crashed' // the extractor process died on the document
  | 'internal_error'; // a bug: an error the extractor did not type

export class ExtractError extends Error {
  override readonly name = 'ExtractError';
  constructor(
    readonly kind: ExtractErrorKind,
    message: string,
    readonly file?: string,
  ) {
    super(message);
  }
}

/** Documents larger than this are refused before parsing (a 200 MB file is junk, not a report). */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;
