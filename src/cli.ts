#!/usr/bin/env node
// `ogi <command> …`: flags → one stage function → exit code.
// Exit codes: 0 clean, 3 finished with failures, 1 fatal, 2 usage. Data on stdout, logs on stderr.
// A fatal error prints one line, `ogi: <message>`; `--debug` or OGI_DEBUG=1 prints its stack too.
import { statfsSync } from 'node:fs';
import path from 'node:path';

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> }> = {
  extract: { summary: 'extract records from report documents', load: () => import('./commands/extract.js') },
  inspect: {
    summary: 'show what the extractor saw and decided for one document',
    load: () => import('./commands/inspect.js'),
  },
  crawl: { summary: 'find and fetch reports on government portals', load: () => import('./commands/crawl.js') },
  crawlers: { summary: 'list the province crawlers and their portals', load: () => import('./commands/crawlers.js') },
  capture: {
    summary: 'save a list page and its pager responses as a test fixture',
    load: () => import('./commands/capture.js'),
  },
  publish: { summary: 'write a versioned dataset from extracted records', load: () => import('./commands/publish.js') },
  refresh: {
    summary: 'crawl → extract what changed → publish (the nightly job)',
    load: () => import('./commands/refresh.js'),
  },
  enqueue: { summary: 'seed a cluster run in Redis (crawl jobs)', load: () => import('./commands/enqueue.js') },
  worker: { summary: "take a cluster run's jobs (crawl, extract)", load: () => import('./commands/worker.js') },
  status: { summary: 'a cluster run: queues, rates, failures, ETA', load: () => import('./commands/status.js') },
  demo: {
    summary: 'serve the bundled demo portal and refresh from it (npm start)',
    load: () => import('./commands/demo.js'),
  },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `usage: ogi <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nogi <command> --help for its options`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.error(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`ogi: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  // `ogi extract FILE…`: the first worker process starts now, its start-up overlapping the command's.
  const files = rest.filter((a) => !a.startsWith('-'));
  if (name === 'extract' && files.length && !rest.some((a) => a === '--help' || a === '-h'))
    (await import('./extract/isolated/pool.js')).startWorkerEarly(files[0]!);
  return (await command.load()).run(rest);
}

/** What to do about a fatal error, where its type says: a system error's code, a missing browser. */
function hint(err: unknown): string | null {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'EEXIST':
    case 'ENOTDIR':
      return 'a path that must be a folder names a file: check --storage and --datasets';
    case 'EISDIR':
      return 'a path that must be a file names a folder';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'no permission to write there: choose other --storage/--datasets folders';
    case 'ENOSPC':
      return `the disk is full${freeSpace((err as NodeJS.ErrnoException).path)}: free some space and run again`;
    case 'EADDRINUSE':
      return 'the port is taken: choose another with --port';
  }
  if (err instanceof Error && /Executable doesn't exist|browserType\.launch/.test(err.message))
    return 'no Chromium found: run `npm run setup` (Debian) or install chromium';
  return null;
}

/** ", N MiB free on the disk of PATH" (the folder's filesystem), or nothing when it cannot tell. */
function freeSpace(file: string | undefined): string {
  if (!file) return '';
  try {
    const fs = statfsSync(path.dirname(file));
    return `, ${Math.floor((fs.bavail * fs.bsize) / 2 ** 20)} MiB free on the disk of ${path.dirname(file)}`;
  } catch {
    return '';
  }
}

/** The one line a fatal error prints: `ogi: <message>` (the first line of it), a hint when there is one. */
function fatalLine(err: unknown): string {
  let message = err instanceof Error ? err.message : String(err);
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : null;
  if (cause && !message.includes(cause)) message += `: ${cause}`;
  message = message.split('\n').find((l) => l.trim()) ?? (err instanceof Error ? err.name : 'error');
  const h = hint(err);
  return `ogi: ${message}${h ? ` (${h})` : ''}`;
}

// `--debug` anywhere (taken out before the command parses its options) or OGI_DEBUG=1: stack traces.
const argv = process.argv.slice(2);
const debug = argv.includes('--debug') || /^(1|true|yes)$/i.test(process.env.OGI_DEBUG ?? '');
main(argv.filter((a) => a !== '--debug')).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(fatalLine(err));
    if (debug) console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exitCode = 1;
  },
);
