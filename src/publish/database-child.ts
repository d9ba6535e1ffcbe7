// The child process of databases.ts: `database-child <duckdb|sqlite> <version temp folder>` writes
// ogi.duckdb, or ogi.sqlite and ogi.metadata.json, sends back the files with its CPU time and peak
// resident size, and exits. Test hook: OGI_PUBLISH_FAIL=<task> kills it (SIGKILL) once its file is
// written, before it reports, as the kernel's OOM killer would.
import type { ChildReport, DatabaseTask } from './databases.js';
import { writeDuckdb } from './duckdb.js';
import { writeSqlite } from './sqlite.js';

const [task, dir] = process.argv.slice(2) as [DatabaseTask, string];
process.on('disconnect', () => process.exit(1)); // the publisher is gone: stop (it would follow its rows forever)
const files = task === 'duckdb' ? [await writeDuckdb(dir)] : task === 'sqlite' ? await writeSqlite(dir) : null;
if (!files) throw new Error(`database-child: unknown task '${task}'`);
if (process.env.OGI_PUBLISH_FAIL === task) process.kill(process.pid, 'SIGKILL');
const cpu = process.cpuUsage();
const report: ChildReport = {
  files,
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  maxRssKb: process.resourceUsage().maxRSS,
};
process.send?.(report, () => process.exit(0));
