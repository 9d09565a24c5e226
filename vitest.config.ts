/** Test tiers, named by what they touch (see docs/ARCHITECTURE.md): unit, db (SQLite and PostgreSQL), int (real binaries and servers), e2e (whole processes and the browser). */
import { defineConfig } from 'vitest/config';

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
        test: { name: 'int', include: ['apps/**/*.int.test.ts', 'scripts/**/*.int.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
      },
      {
        test: { name: 'e2e', include: ['e2e/**/*.e2e.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false },
      },
    ],
  },
});
