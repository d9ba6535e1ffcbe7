#!/usr/bin/env node
// Part of `npm run build` (scripts/build.mjs, after tsc): writes the townships' index
// (src/extract/divisions.ts says what it is and why) to dist/data/townships.idx, written then renamed.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const { compileTownships, TOWNSHIP_INDEX_FILE } = await import(
  new URL('../dist/src/extract/divisions.js', import.meta.url).href
);
mkdirSync(path.dirname(TOWNSHIP_INDEX_FILE), { recursive: true });
const tmp = `${TOWNSHIP_INDEX_FILE}.${process.pid}.tmp`;
writeFileSync(tmp, compileTownships());
renameSync(tmp, TOWNSHIP_INDEX_FILE);
