import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one fork less than the cores: one on a 2-core machine, where much of a file's
    // time is waiting (fixture servers at a polite rate, child processes): two forks take the suite
    // from 12 to 9 minutes there.
    maxWorkers: Math.max(2, os.availableParallelism()),
    // Transformed modules kept on disk between runs (node_modules/.experimental-vitest-cache, keyed by
    // content): each test file's fork imports them without transforming again.
    experimental: { fsModuleCache: true },
  },
});
