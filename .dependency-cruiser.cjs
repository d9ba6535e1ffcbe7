// The layering of ogi: which folder may import which. `npm test` runs `depcruise` with this file
// and fails on any violation (test/architecture.test.ts also shows a violation being caught).
//
//   src/text      Chinese-text knowledge (dates, numerals, agencies, titles, charsets): a leaf
//   src/sys       what the system says: processes (/proc), where the package is installed, how the heap grows: a leaf
//   src/net       HTTP client, manners, robots, cookies, browser session: imports no stage
//   src/workarea  storage's files (document index, record cache, failures, locks, assemble)
//   src/extract   documents → records          src/crawl    portals → documents
//   src/publish   records → dataset versions   src/refresh.ts, src/commands, src/cli.ts: the top
// Contracts every layer may use: src/record.ts (the record), src/failures.ts (failure kinds),
// src/errors.ts (the typed errors that carry them); and the leaves src/text and src/sys.

const CONTRACTS = ['^src/(record|failures|errors)\\.ts$', '^src/sys/', '^src/forms/'];

/** A rule: files under `from` may import, within src/ and crawlers/, only `allowed` (and themselves). */
function layer(name, from, allowed) {
  return {
    name: `layer-${name}`,
    comment: `${from} may import only ${allowed.join(', ') || 'itself'} and the contracts`,
    severity: 'error',
    from: { path: from },
    to: { path: '^(src|crawlers)/', pathNot: [from, ...allowed, ...CONTRACTS] },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'no import cycles, between files or between folders',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    layer('text', '^src/text/', []),
    layer('sys', '^src/sys/', []),
    layer('net', '^src/net/', ['^src/text/']),
    layer('workarea', '^src/workarea/', ['^src/text/']),
    layer('extract', '^src/extract/', ['^src/text/']),
    layer('crawl', '^src/crawl/', ['^src/net/', '^src/text/', '^src/workarea/']),
    layer('publish', '^src/publish/', ['^src/workarea/', '^src/text/']),
    layer('demo', '^src/demo/', ['^src/text/']),
    layer('contracts', '^src/(record|failures|errors)\\.ts$', []),
    {
      name: 'crawlers-declare-only',
      comment: 'crawlers/*.ts declare portals with the helpers of src/crawl/define.ts and nothing else',
      severity: 'error',
      from: { path: '^crawlers/' },
      to: { path: '^src/', pathNot: ['^src/crawl/define\\.ts$', ...CONTRACTS] },
    },
    {
      name: 'stages-not-commands',
      comment: 'only src/cli.ts and src/commands/ sit above the stages; nothing below imports them',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/cli\\.ts$', '^src/commands/'] },
      to: { path: '^src/(cli\\.ts|commands/)' },
    },
    {
      name: 'no-tests-in-src',
      comment: 'the shipped code never imports tests, benchmarks or the demo builder',
      severity: 'error',
      from: { path: '^(src|crawlers)/' },
      to: { path: '^(test|bench|demo)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
