/** Test tiers, named by what they touch (see docs/ARCHITECTURE.md): unit, db (SQLite and PostgreSQL), int (real binaries and servers), e2e (whole processes and the browser). */
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Files run at once in the int and e2e tiers. Their tests mostly wait (on PostgreSQL, ffmpeg, child
 * servers, a browser), so two files at once keep two cores busy where Vitest's default (one fewer
 * than the cores) would run one file at a time on a 2-core machine. Every file has its own
 * databases, data folders, ports and browser, so files never see each other's work.
 */
const INT_WORKERS = Math.max(2, availableParallelism() - 1);
const E2E_WORKERS = 2;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/**/*.test.ts', 'apps/**/*.test.ts', 'apps/**/*.test.tsx', 'scripts/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.db.test.ts', '**/*.int.test.ts'],
        },
      },
      {
        test: { name: 'db', include: ['apps/**/*.db.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
      },
      {
        test: { name: 'int', include: ['apps/**/*.int.test.ts', 'scripts/**/*.int.test.ts'], testTimeout: 60_000, hookTimeout: 60_000, maxWorkers: INT_WORKERS },
      },
      {
        test: { name: 'e2e', include: ['e2e/**/*.e2e.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, maxWorkers: E2E_WORKERS },
      },
    ],
  },
});
