#!/usr/bin/env bash
# `npm ci` from the lockfile when node_modules is missing or older than the lockfile.
# Install scripts are approved one by one in package.json (allowScripts); .npmrc makes others fail.
set -euo pipefail
stamp=node_modules/.backlot-installed
if [ -f "$stamp" ] && [ "$stamp" -nt package-lock.json ] && [ "$stamp" -nt package.json ]; then exit 0; fi
echo "Backlot: installing npm packages from the lockfile (the first time, better-sqlite3 compiles: about two minutes)" >&2
CI=true npm ci --no-fund --no-audit </dev/null
touch "$stamp"
