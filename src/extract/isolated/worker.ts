// The reader process of pool.ts: reads one file per message into its DocumentModel (read.ts: the
// only code that parses the document's untrusted bytes) and sends it back, with the file's hash and
// size, as JSON (or the typed error); the parent makes the record from it (interpret.ts). It loads
// the reader of a file's format only: the one the pool expects the first document to be in (a guess
// from its name, given as the argument; the bytes decide) right after saying it is ready, so that it
// loads while the document is on its way, any other on first use. Anything worse — a crash, a
// limit — is seen and named by the pool.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ExtractError } from '../../errors.js';
import { loadReader, read } from '../read.js';
import type { WorkerReply, WorkerRequest } from './pool.js';

function reply(message: WorkerReply): void {
  process.send?.(message);
}

process.on('message', async (req: WorkerRequest) => {
  try {
    const bytes = await readFile(req.file);
    const pictures = req.pictures ? await Promise.all(req.pictures.map((p) => readFile(p))) : undefined;
    const json = JSON.stringify(
      await read(bytes, req.name ?? path.basename(req.file), req.contentType, {
        ocr: req.ocr,
        ocrCache: req.ocrCache,
        pictures,
        ocrPages: req.ocrPages,
      }),
    );
    const size = Buffer.byteLength(json); // made once: its size is checked, then it is what is sent
    if (size > req.outputBytes) {
      reply({
        id: req.id,
        ok: false,
        kind: 'resource_limit',
        message: `output_size limit: the document read is ${size} bytes of JSON, over the ${req.outputBytes} allowed`,
      });
    } else reply({ id: req.id, ok: true, json });
  } catch (err) {
    const kind = err instanceof ExtractError ? err.kind : 'internal_error';
    reply({ id: req.id, ok: false, kind, message: err instanceof Error ? err.message : String(err) });
  }
});
// Loaded: documents may come (the pool starts its clocks from here).
process.send?.({ ready: true });
// The pool owns this process: when it goes, so do we.
process.on('disconnect', () => process.exit(0));

const expected = process.argv[2];
if (expected === 'html' || expected === 'pdf' || expected === 'docx' || expected === 'doc')
  loadReader(expected).catch(() => undefined); // a reader that fails to load fails the document that needs it
