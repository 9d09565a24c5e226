#!/usr/bin/env bash
# Development: the server restarting on every change of its TypeScript (tsx watch), beside Vite's
# dev server with hot reload. Open http://127.0.0.1:5173; Vite sends /api to the server on 4100.
# Ctrl-C (or either one ending) stops both.
set -uo pipefail
cd "$(dirname "$0")/.."
node_modules/.bin/tsx watch --clear-screen=false apps/server/src/main.ts serve &
server=$!
node_modules/.bin/vite --config apps/web/vite.config.ts --host 127.0.0.1 --port 5173 --strictPort &
web=$!
trap 'kill $server $web 2>/dev/null; wait' EXIT INT TERM
wait -n
