/** Test tiers, named by what they touch (see docs/ARCHITECTURE.md): unit, db (SQLite and PostgreSQL), int (real binaries and servers), e2e (whole processes and the browser). */
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Files run at once. Int files mostly wait (on PostgreSQL, ffmpeg, fakes), so two at once keep two
 * cores busy where Vitest's default (one fewer than the cores) runs one file at a time on a 2-core
 * machine; each file has its own databases, data folders and ports. E2E files are isolated the same
 * way (free ports, their own data folders and /tmp names) and run two at once too: one at a time
 * left a third of two cores idle (the server, Chromium and ffmpeg take turns), and every browser
 * wait is on a condition, not a time. BACKLOT_E2E_WORKERS=1 runs them one by one.
 */
const INT_WORKERS = Math.max(2, availableParallelism() - 1);
const E2E_WORKERS = Math.max(1, Number(process.env.BACKLOT_E2E_WORKERS) || 2);

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
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          maxWorkers: E2E_WORKERS,
          // A poll waits for what a person would see after a click (a request, the event stream, a
          // redraw) as long as the pages' own waits do; vitest's default of one second is shorter
          // than that round trip on a loaded machine. Speed is measured in bench/, not here.
          expect: { poll: { timeout: 20_000 } },
        },
      },
    ],
  },
});
