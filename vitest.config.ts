import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';

// Browser tests drive a system Chromium (Playwright cannot download one offline): $CHROMIUM_PATH or Debian's path.
// scripts/check-chromium.mjs fails first, with instructions, when it is missing.
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Three projects, one gate: `node` (pure logic, kernels in Node, tune() over worker_threads), `browser` (real
// Chromium through Playwright, tune() through real Web Workers) and `e2e` (the built demo driven by Playwright).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['tests/node/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: chromiumPath } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
