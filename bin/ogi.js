#!/usr/bin/env node
// Installed entry point: runs the compiled CLI (dist/src/cli.js, built by `npm run build`) in this process.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/src/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  console.error(
    `ogi: ${fileURLToPath(new URL('..', import.meta.url))}dist/ is missing: run \`npm run build\` there first`,
  );
  process.exit(1);
}
await import(cli.href);
