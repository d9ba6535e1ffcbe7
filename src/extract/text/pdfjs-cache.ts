// pdf.js with V8's code cache. A worker that reads a PDF spends ~150 ms of its start compiling
// pdf.js's 1.8 MB of minified modules, and more compiling its functions on first use. Node 20 keeps
// no compile cache for ES modules (module.enableCompileCache came in Node 22), but it does for a
// vm.Script. So `npm run build` (scripts/build.mjs) turns each of pdf.js's two modules into a script
// — the text unchanged but for its one `export{…}` statement, made a `return {…}`, and
// `import.meta.url`, made a parameter (its wasm decoders and createRequire use it) — runs them under
// the worker's V8 flags, reads a PDF so that the functions text reading uses are compiled too, and
// writes the scripts and their code caches to dist/vendor/pdfjs/. A worker then loads pdf.js from
// there (pdfjs.ts). V8 checks a cache against its version and flags: a cache made for other
// flags or another Node is rejected and the script is compiled as it would have been; without the
// files (tests run from source, a build that could not make them) pdf.js is imported as modules.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

/** pdf.js's modules, the worker's first: the main one finds it on globalThis (pdfjsWorker). */
const MODULES = ['pdf.worker.min.mjs', 'pdf.min.mjs'] as const;
const BUILD = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.min.mjs'));
/** dist/vendor/pdfjs/ beside dist/src/ (from src/ under tsx: a vendor/ folder that does not exist). */
const VENDOR = fileURLToPath(new URL('../../../vendor/pdfjs/', import.meta.url));
const META_URL = '__ogiImportMetaUrl';

export type PdfjsExports = Record<string, unknown>;

/** How pdf.js was loaded in this process (the test of the build reads it). */
export let loadedFrom: 'modules' | 'cache' | 'cache rejected' | null = null;

/** The V8 flags of this process that a code cache depends on, as a file-name key. */
function flagsKey(execArgv = process.execArgv): string {
  const flags = execArgv.filter((a) => a.startsWith('--') && !a.startsWith('--import') && a !== '--');
  return flags.length ? flags.map((f) => f.replace(/^--/, '').replace(/[^\w.=-]/g, '_')).join('+') : 'default';
}

const scriptFile = (name: string) => path.join(VENDOR, `${name}.js`);
const cacheFile = (name: string, key: string) => path.join(VENDOR, `${name}.${key}.v8cache`);

/** A module's text as a function body: its export statement returned, import.meta.url a parameter. */
export function asScript(source: string, name: string): string {
  const exports = [...source.matchAll(/\bexport\s*\{([^}]*)\}\s*;?/g)];
  if (exports.length !== 1) throw new Error(`${name}: ${exports.length} export statements, expected 1`);
  const names = exports[0]![1]!
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [local, exported] = s.split(/\s+as\s+/);
      return `${JSON.stringify(exported ?? local)}: ${local}`;
    });
  const body = `${source.slice(0, exports[0]!.index)}return {${names.join(', ')}};${source.slice(exports[0]!.index! + exports[0]![0].length)}`;
  return `(function (${META_URL}) {"use strict";${body.replaceAll('import.meta.url', META_URL)}\n})`;
}

function compile(name: string, cachedData?: Buffer): vm.Script {
  return new vm.Script(readFileSync(scriptFile(name), 'utf8'), {
    filename: path.join(BUILD, name),
    cachedData,
  });
}

function run(script: vm.Script, name: string): PdfjsExports {
  return (script.runInThisContext() as (url: string) => PdfjsExports)(pathToFileURL(path.join(BUILD, name)).href);
}

/** The exports writeCaches ran, for the reading it warms up with. */
let running: PdfjsExports | null = null;

/** pdf.js's main module's exports from the cached scripts, or null when the build left none for these flags. */
export function loadCached(): PdfjsExports | null {
  if (running) return running;
  const key = flagsKey();
  if (!MODULES.every((m) => existsSync(scriptFile(m)) && existsSync(cacheFile(m, key)))) return null;
  let exports: PdfjsExports = {};
  let rejected = false;
  for (const name of MODULES) {
    const script = compile(name, readFileSync(cacheFile(name, key)));
    rejected ||= script.cachedDataRejected === true;
    exports = run(script, name);
  }
  loadedFrom = rejected ? 'cache rejected' : 'cache';
  return exports;
}

/** pdf.js imported as the ES modules it ships. */
export async function importModules(): Promise<PdfjsExports> {
  const main = (await import('pdfjs-dist/legacy/build/pdf.min.mjs')) as unknown as PdfjsExports;
  await import('pdfjs-dist/legacy/build/pdf.worker.min.mjs');
  loadedFrom = 'modules';
  return main;
}

/**
 * The build's step (scripts/build.mjs runs it under the worker's flags): writes the scripts, runs
 * them, lets `warmUp` read a PDF through the extractor with them, and writes their code caches.
 * Write, then rename.
 */
export async function writeCaches(warmUp: () => Promise<void>): Promise<string[]> {
  mkdirSync(VENDOR, { recursive: true });
  const put = (file: string, data: string | Buffer) => {
    writeFileSync(`${file}.tmp`, data);
    renameSync(`${file}.tmp`, file);
  };
  for (const name of MODULES) put(scriptFile(name), asScript(readFileSync(path.join(BUILD, name), 'utf8'), name));
  const scripts = MODULES.map((name) => compile(name));
  scripts.forEach((s, i) => (running = run(s, MODULES[i]!)));
  await warmUp(); // pdfjs.ts, imported by the reader it runs, takes `running`
  const key = flagsKey();
  return MODULES.map((name, i) => {
    const file = cacheFile(name, key);
    put(file, scripts[i]!.createCachedData());
    return file;
  });
}
