// The extractor process of pool.ts: reads one file per message, extracts it, sends the record (or
// the typed error) back. Anything worse — a crash, a limit — is seen and named by the pool.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ExtractError } from '../../errors.js';
import { extractDocument } from '../index.js';
import type { WorkerReply, WorkerRequest } from './pool.js';

function reply(message: WorkerReply): void {
  process.send?.(message);
}

process.on('message', async (req: WorkerRequest) => {
  try {
    const bytes = await readFile(req.file);
    const { file: _file, id: _id, outputBytes: _max, ...input } = req;
    const record = await extractDocument({ ...input, bytes, name: input.name ?? path.basename(req.file) });
    const json = JSON.stringify(record); // made once: its size is checked, then it is what is sent
    const size = Buffer.byteLength(json);
    if (size > req.outputBytes) {
      reply({
        id: req.id,
        ok: false,
        kind: 'resource_limit',
        message: `output_size limit: the record is ${size} bytes, over the ${req.outputBytes} allowed`,
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
