#!/usr/bin/env node
// `ogi <command> …`: flags → one stage function → exit code.
// Exit codes: 0 clean, 3 finished with failures, 1 fatal, 2 usage. Data on stdout, logs on stderr.

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> }> = {
  extract: { summary: 'extract records from report documents', load: () => import('./commands/extract.js') },
  crawl: { summary: 'find and fetch reports on government portals', load: () => import('./commands/crawl.js') },
  crawlers: { summary: 'list the province crawlers and their portals', load: () => import('./commands/crawlers.js') },
  publish: { summary: 'write a versioned dataset from extracted records', load: () => import('./commands/publish.js') },
  refresh: { summary: 'crawl → extract what changed → publish (the nightly job)', load: () => import('./commands/refresh.js') },
  demo: { summary: 'serve the bundled demo portal and refresh from it (npm start)', load: () => import('./commands/demo.js') },
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
  return (await command.load()).run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(`ogi: fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  },
);
