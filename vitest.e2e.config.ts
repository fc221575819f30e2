import { defineConfig } from 'vitest/config';

// Browser tests: a production build of the app, started once, driven by Debian's Chromium.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/scratch-root.ts', 'test/e2e/global-setup.ts'],
    setupFiles: ['test/e2e/setup-failure-logs.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
