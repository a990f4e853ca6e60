import { defineConfig } from 'vitest/config';

// Three projects: fast unit tests of pure modules, integration tests on real SQLite files
// and real spreadsheets, and end-to-end tests driving the built UI in real Chromium.
// Results also go to test-results.json, which .ci/run reads for its closing totals line.
// Every project runs at one fixed moment (tests/support/clock-setup.ts), never the real date.
const CLOCK = './tests/support/clock-setup.ts';
const FAST_CHECK = './tests/support/fast-check-setup.ts';

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          setupFiles: [CLOCK, FAST_CHECK],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          setupFiles: [CLOCK, FAST_CHECK],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          setupFiles: [CLOCK, FAST_CHECK],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          // One browser at a time: the machine has two cores.
          fileParallelism: false,
          expect: { poll: { timeout: 15_000, interval: 100 } },
        },
      },
    ],
  },
});
