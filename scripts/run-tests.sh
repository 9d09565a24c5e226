#!/usr/bin/env bash
# Runs every tier, timing each, and ends with one line: N passed, N failed[, N skipped].
# A failing tier does not stop the others; the exit code says whether all passed.
set -uo pipefail
cd "$(dirname "$0")/.."
rm -rf .test-results && mkdir -p .test-results
status=0

tier() { # tier NAME COMMAND...
  local name=$1; shift
  local start=$SECONDS
  echo "── $name" >&2
  if "$@"; then echo "pass" > ".test-results/$name.check"; else echo "fail" > ".test-results/$name.check"; status=1; fi
  echo "$((SECONDS - start))" > ".test-results/$name.seconds"
  echo "── $name: $((SECONDS - start)) s" >&2
}

vitest_tier() { # vitest_tier PROJECT
  tier "$1" node_modules/.bin/vitest run --project "$1" --reporter=default --reporter=json --outputFile.json=".test-results/$1.json"
}

tier typecheck node_modules/.bin/tsc -p tsconfig.json
tier layering node_modules/.bin/depcruise --config .dependency-cruiser.cjs apps packages
# Format and lint (React's hooks rules included) over the whole repository; accessibility findings are warnings.
tier biome node_modules/.bin/biome ci --diagnostic-level=error .
tier web-build sh -c 'cd apps/web && ../../node_modules/.bin/vite build --logLevel warn && ../../node_modules/.bin/vite build --mode test --logLevel warn'
vitest_tier unit
vitest_tier db
vitest_tier int
vitest_tier e2e

node scripts/test-summary.mjs
exit $status
