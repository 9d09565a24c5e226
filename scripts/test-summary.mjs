// Reads the tiers' results (a folder: the first argument, else BACKLOT_TEST_RESULTS, else .test-results)
// and prints each tier's time, then `N passed, N failed[, N skipped]`; exits 1 when anything failed.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? process.env.BACKLOT_TEST_RESULTS ?? '.test-results';

/**
 * Failures in one vitest JSON report: failed tests, plus failed suites no failed test explains (a
 * file that did not load, a describe whose beforeAll threw), counted even when other tests failed.
 * vitest counts a file or describe as failed when a test in it failed, so those are set aside by
 * the failed tests' own file and describe chain.
 */
function failuresOf(report) {
  const explained = new Set();
  for (const file of report.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status !== 'failed') continue;
      explained.add(file.name);
      for (let depth = 1; depth <= t.ancestorTitles.length; depth++) explained.add(`${file.name}\u0000${t.ancestorTitles.slice(0, depth).join('\u0000')}`);
    }
  }
  return report.numFailedTests + Math.max(0, report.numFailedTestSuites - explained.size);
}

let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];
const tiers = readdirSync(dir)
  .filter((f) => f.endsWith('.seconds'))
  .map((f) => f.replace(/\.seconds$/, ''));
for (const tier of tiers) {
  const seconds = readFileSync(join(dir, `${tier}.seconds`), 'utf8').trim();
  const check = join(dir, `${tier}.check`);
  // A tier whose runner exited with an error failed, whatever its report says.
  const exitedOk = existsSync(check) && readFileSync(check, 'utf8').trim() === 'pass';
  const json = join(dir, `${tier}.json`);
  if (existsSync(json)) {
    const r = JSON.parse(readFileSync(json, 'utf8'));
    const counted = failuresOf(r);
    const tierFailed = counted === 0 && !exitedOk ? 1 : counted;
    passed += r.numPassedTests;
    failed += tierFailed;
    skipped += r.numPendingTests + r.numTodoTests;
    const why = counted === 0 && !exitedOk ? ' (the runner exited with an error)' : '';
    lines.push(`${tier.padEnd(10)} ${String(seconds).padStart(4)} s  ${r.numPassedTests} passed, ${tierFailed} failed${why}`);
  } else {
    // A check (typecheck, layering, build) counts as one test; a tier whose runner died counts as failed.
    if (exitedOk) passed += 1;
    else failed += 1;
    lines.push(`${tier.padEnd(10)} ${String(seconds).padStart(4)} s  ${exitedOk ? 'ok' : 'FAILED'}`);
  }
}
console.log(`\n${lines.join('\n')}\n`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed ? 1 : 0;
