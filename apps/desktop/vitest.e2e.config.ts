import { defineConfig } from 'vitest/config';

/*
 * Browser tests of the counter UI (e2e/): Debian Chromium driven by playwright-core against the real marketplace
 * server (child process, PGlite or TEST_DATABASE_URL) and a headless counter serving the built UI. One file, run
 * in order, sharing one shop: the flows build on each other like a shift at the till does.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
  },
});
