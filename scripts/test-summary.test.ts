/** The test summary over results folders made up for the test: what counts as failed, and the totals it prints. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = resolve(import.meta.dirname, 'test-summary.mjs');
const temp = mkdtempSync(join(tmpdir(), 'backlot-summary-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

interface Fabricated {
  seconds: number;
  check: 'pass' | 'fail';
  report?: object;
}

/** A vitest JSON report: files, each with its tests (status and describe chain) and an optional load error. */
function report(counts: { passed: number; failed: number; failedSuites: number; pending: number }, files: { name: string; message?: string; tests: [string[], string, string][] }[]) {
  return {
    numPassedTests: counts.passed,
    numFailedTests: counts.failed,
    numFailedTestSuites: counts.failedSuites,
    numPendingTests: counts.pending,
    numTodoTests: 0,
    testResults: files.map((f) => ({
      name: f.name,
      status: 'failed',
      message: f.message ?? '',
      assertionResults: f.tests.map(([ancestorTitles, title, status]) => ({ ancestorTitles, title, status })),
    })),
  };
}

/** Writes a results folder and runs the summary on it, named as an argument (the folder is .test-results) or in the environment (it is not). */
function summarise(name: string, tiers: Record<string, Fabricated>, how: 'argument' | 'env' = 'argument') {
  const folder = join(temp, name, how === 'argument' ? '.test-results' : 'results');
  mkdirSync(folder, { recursive: true });
  for (const [tier, t] of Object.entries(tiers)) {
    writeFileSync(join(folder, `${tier}.seconds`), `${t.seconds}\n`);
    writeFileSync(join(folder, `${tier}.check`), `${t.check}\n`);
    if (t.report) writeFileSync(join(folder, `${tier}.json`), JSON.stringify(t.report));
  }
  const r = spawnSync(process.execPath, how === 'argument' ? [SCRIPT, folder] : [SCRIPT], {
    cwd: join(temp, name),
    encoding: 'utf8',
    env: { ...process.env, ...(how === 'env' ? { BACKLOT_TEST_RESULTS: folder } : {}) },
  });
  const lines = r.stdout.trim().split('\n');
  return { code: r.status, total: lines.at(-1), tier: (t: string) => lines.find((l) => l.startsWith(`${t} `))?.replace(/\s+/g, ' ') };
}

describe('the test summary', () => {
  it('counts a tier whose runner failed with no failed test as failed, and every failed suite, also beside failed tests', () => {
    const s = summarise('broken', {
      typecheck: { seconds: 12, check: 'pass' },
      layering: { seconds: 3, check: 'fail' },
      // The runner exited non-zero (an unhandled error) although no test failed.
      unit: { seconds: 9, check: 'fail', report: report({ passed: 40, failed: 0, failedSuites: 0, pending: 0 }, []) },
      // One test failed in a.test.ts › ok; a.test.ts › hooks failed in its beforeAll (its two tests
      // skipped); b.test.ts did not load. vitest counts as failed suites: a.test.ts, ok, hooks, b.test.ts.
      db: {
        seconds: 30,
        check: 'fail',
        report: report({ passed: 5, failed: 1, failedSuites: 4, pending: 2 }, [
          {
            name: '/r/a.test.ts',
            tests: [
              [['hooks'], 'x', 'skipped'],
              [['hooks'], 'y', 'skipped'],
              [['ok'], 'z', 'failed'],
            ],
          },
          { name: '/r/b.test.ts', message: "Cannot find module './missing.ts'", tests: [] },
          {
            name: '/r/c.test.ts',
            tests: [
              [['c'], 'one', 'passed'],
              [['c'], 'two', 'passed'],
              [['c'], 'three', 'passed'],
              [['c'], 'four', 'passed'],
              [['c'], 'five', 'passed'],
            ],
          },
        ]),
      },
      int: { seconds: 40, check: 'pass', report: report({ passed: 7, failed: 0, failedSuites: 0, pending: 0 }, []) },
    });
    expect(s.tier('typecheck')).toBe('typecheck 12 s ok');
    expect(s.tier('layering')).toBe('layering 3 s FAILED');
    expect(s.tier('unit')).toBe('unit 9 s 40 passed, 1 failed (the runner exited with an error)');
    expect(s.tier('db')).toBe('db 30 s 5 passed, 3 failed');
    expect(s.tier('int')).toBe('int 40 s 7 passed, 0 failed');
    expect(s.total).toBe('53 passed, 5 failed, 2 skipped');
    expect(s.code).toBe(1);
  });

  it('counts nested describes whose tests failed once, through the failed tests', () => {
    const s = summarise('nested', {
      db: {
        seconds: 5,
        check: 'fail',
        // Two failed tests in sqlite › notes and one in postgres: suites a.test.ts, sqlite, sqlite › notes, postgres.
        report: report({ passed: 2, failed: 3, failedSuites: 4, pending: 0 }, [
          {
            name: '/r/a.test.ts',
            tests: [
              [['sqlite', 'notes'], 'one', 'failed'],
              [['sqlite', 'notes'], 'two', 'failed'],
              [['postgres'], 'one', 'failed'],
              [['postgres'], 'two', 'passed'],
              [['sqlite'], 'three', 'passed'],
            ],
          },
        ]),
      },
    });
    expect(s.tier('db')).toBe('db 5 s 2 passed, 3 failed');
    expect(s.total).toBe('2 passed, 3 failed');
  });

  it('reads the folder from BACKLOT_TEST_RESULTS, and says all passed with exit code 0', () => {
    const s = summarise(
      'green',
      {
        typecheck: { seconds: 10, check: 'pass' },
        unit: { seconds: 8, check: 'pass', report: report({ passed: 12, failed: 0, failedSuites: 0, pending: 1 }, []) },
      },
      'env',
    );
    expect(s.total).toBe('13 passed, 0 failed, 1 skipped');
    expect(s.code).toBe(0);
  });
});
