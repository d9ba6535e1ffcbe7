// Runs one crawl in its own process (the SIGKILL test kills it mid-way): argv = storage dir, then a
// JSON object of CrawlOptions without `storage`.
import { crawl, type CrawlOptions } from '../../src/crawl/index.js';

const [storage, json] = process.argv.slice(2);
const opts = JSON.parse(json) as Omit<CrawlOptions, 'storage'>;
const result = await crawl({ ...opts, storage, rate: opts.rate ?? 1 });
process.stdout.write(`${JSON.stringify({ downloaded: result.downloaded })}\n`);
