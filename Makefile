# Backlot: `make start` runs it with the embedded defaults; `make test` runs every test; `make dev` for development.
.PHONY: start dev install build test check bench clean-test

NODE_BIN := node_modules/.bin

start: install build
	@node apps/server/bin/backlot-server.mjs serve

# The server in watch mode beside Vite's dev server: open http://127.0.0.1:5173.
dev: install
	@bash scripts/dev.sh

install:
	@bash scripts/os-packages.sh runtime
	@bash scripts/npm-install.sh

build:
	@cd apps/web && ../../$(NODE_BIN)/vite build --logLevel warn

test:
	@bash scripts/os-packages.sh test
	@bash scripts/npm-install.sh
	@bash scripts/run-tests.sh

bench: install
	@node --import tsx bench/api/run.ts
	@node --import tsx bench/api/run.ts --db postgres
	@node --import tsx bench/spend/run.ts
	@node --import tsx bench/spend/run.ts --db postgres
	@node --import tsx bench/import/run.ts
	@node --import tsx bench/upload/api.ts
	@node --import tsx bench/ingest/run.ts
	@node --import tsx bench/previs/run.ts
	@node --import tsx bench/seek/run.ts
	@node --import tsx bench/orchestrate/run.ts
	@node --import tsx bench/providers/run.ts
	@node --import tsx bench/takes-search/run.ts
	@node --import tsx bench/takes-search/run.ts --db postgres
	@node --import tsx bench/handoff/run.ts
	@node --import tsx bench/dailies/run.ts
	@node --import tsx bench/dailies/run.ts --db postgres
	@node --import tsx bench/archive/run.ts

clean-test:
	rm -rf .test-results
