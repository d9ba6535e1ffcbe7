// One report document in (bytes), one checked record out: read the bytes into a DocumentModel
// (read.ts: detect the format → text/<format>.ts), then interpret the model (interpret.ts: reflow →
// reject what is not a report → metadata → tables → checks). The two halves have their own homes so
// that the worker pool (isolated/) runs only the reading isolated and the parent interprets;
// extractDocument runs both in this process (tests, benches).
import type { ReportRecord } from '../record.js';
import { interpret, type InterpretInput } from './interpret.js';
import { read } from './read.js';

export { interpret, type InterpretInput } from './interpret.js';
export { read, readDocument, sha256, type DocumentRead } from './read.js';

export interface ExtractInput extends InterpretInput {
  bytes: Buffer;
  /** File name or URL path: only a tie-breaker for format detection. */
  name?: string;
  /** Content-Type the server sent (charset for HTML/text). */
  contentType?: string | null;
  /** When `bytes` is a picture set (a report published as pictures): the pictures that came, in its order. */
  pictures?: Buffer[];
}

export async function extractDocument(input: ExtractInput): Promise<ReportRecord> {
  return interpret(await read(input.bytes, input.name, input.contentType, { pictures: input.pictures }), input);
}
