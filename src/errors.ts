// Typed errors: every failure the pipeline reports carries a machine-readable `kind`, so the
// failures output (failures.csv, `ogi extract` stderr) says what went wrong without a stack trace.

import type { ExtractErrorKind } from './failures.js';

// The kinds (with their descriptions) are listed in src/failures.ts, with every other failure kind.
export type { ExtractErrorKind };

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
