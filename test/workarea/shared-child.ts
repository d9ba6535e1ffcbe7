// One of several processes storing documents in one shared storage folder (test/workarea/shared.test.ts):
// argv: <storage> <writer number> <documents> — each writer stores every document (the same URLs and
// bytes as the others, as workers retrying each other's jobs would) plus its own, with a long text.
import { DocumentStore } from '../../src/workarea/index.js';
import { newDocument } from './helpers.js';

const [storage, writer, count] = process.argv.slice(2);
const store = await DocumentStore.open(storage!, { shared: true });
const n = Number(count);
const long = 'x'.repeat(6000); // lines longer than a pipe buffer's atomic write (4096 bytes)
await Promise.all(
  Array.from({ length: n }, async (_, i) => {
    await store.put(
      Buffer.from(`shared ${i}`),
      newDocument(`http://a.gov.cn/shared/${i}.pdf`, { filename: `${long}${i}` }),
    );
    await store.put(
      Buffer.from(`own ${writer} ${i}`),
      newDocument(`http://a.gov.cn/${writer}/${i}.pdf`, { filename: `${long}${i}` }),
    );
  }),
);
