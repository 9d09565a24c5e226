// Reads the tiers' results in .test-results and prints each tier's time, then `N passed, N failed[, N skipped]`.
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const dir = '.test-results';
let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];
const tiers = readdirSync(dir).filter((f) => f.endsWith('.seconds')).map((f) => f.replace(/\.seconds$/, ''));
for (const tier of tiers) {
  const seconds = readFileSync(`${dir}/${tier}.seconds`, 'utf8').trim();
  const json = `${dir}/${tier}.json`;
  if (existsSync(json)) {
    const r = JSON.parse(readFileSync(json, 'utf8'));
    const tierFailed = r.numFailedTests + (r.numFailedTestSuites && !r.numFailedTests ? r.numFailedTestSuites : 0);
    passed += r.numPassedTests;
    failed += tierFailed;
    skipped += r.numPendingTests + r.numTodoTests;
    lines.push(`${tier.padEnd(10)} ${String(seconds).padStart(4)} s  ${r.numPassedTests} passed, ${tierFailed} failed`);
  } else {
    // A check (typecheck, layering, build) counts as one test; a tier whose runner died counts as failed.
    const ok = readFileSync(`${dir}/${tier}.check`, 'utf8').trim() === 'pass';
    if (ok) passed += 1;
    else failed += 1;
    lines.push(`${tier.padEnd(10)} ${String(seconds).padStart(4)} s  ${ok ? 'ok' : 'FAILED'}`);
  }
}
console.log(`\n${lines.join('\n')}\n`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
