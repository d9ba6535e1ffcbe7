// `npm run bench`: every bench part that exists, one after another, each printing its own lines.
// A part whose file is not there yet is skipped with a note; a part that fails is reported and the
// others still run (exit code 1 at the end). `npm run bench -- extract site` runs only those parts.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PARTS = [
  ['extract', './extract.js', 'benchExtract'],
  ['accuracy', './accuracy.js', 'benchAccuracy'],
  ['crawl', './crawl.js', 'benchCrawl'],
  ['refresh', './refresh.js', 'benchRefresh'],
  ['publish', './publish.js', 'benchPublish'],
  ['site', './site.js', 'benchSite'],
  ['startup', './startup.js', 'benchStartup'],
  ['pool', './pool.js', 'benchPool'],
  ['scans', './scans.js', 'benchScans'],
  ['cluster', './cluster.js', 'benchCluster'],
] as const;

const only = process.argv.slice(2);
let failed = false;
for (const [name, path, fn] of PARTS) {
  if (only.length > 0 && !only.includes(name)) continue;
  const file = fileURLToPath(new URL(path.replace(/\.js$/, '.ts'), import.meta.url));
  if (!existsSync(file)) {
    console.log(`== ${name}: skipped (bench/${name}.ts does not exist yet)\n`);
    continue;
  }
  console.log(`== ${name}`);
  const t0 = performance.now();
  try {
    const mod = (await import(path)) as Record<string, unknown>;
    const run = mod[fn];
    if (typeof run !== 'function') throw new Error(`bench/${name}.ts exports no ${fn}()`);
    for (const line of (await (run as () => Promise<string[]>)()) ?? []) console.log(line);
  } catch (e) {
    failed = true;
    console.log(`FAILED: ${(e as Error).stack ?? e}`);
  }
  console.log(`(${name} bench took ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
}
process.exitCode = failed ? 1 : 0;
