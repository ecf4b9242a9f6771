import { defineConfig } from 'vitest/config';

// Kept apart from vite.config.ts: the tests need no Remix plugin.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    // Generous: a browser test beside a busy machine (CI on two cores, beside a CPU hog) takes twice as long.
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // Each integration/e2e file starts its own server; two at a time fits two cores.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
