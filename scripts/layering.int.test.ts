/**
 * The layering rule fails when a forbidden import is planted, and names the rule it breaks: one
 * plant for every rule of .dependency-cruiser.cjs, each written into a temporary copy of the tree
 * (never the source tree), where the unplanted copy passes.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const run = promisify(execFile);

/** One forbidden import per rule: where it is planted, and what it imports. */
const PLANTS: { rule: string; file: string; source: string }[] = [
  { rule: 'domain-is-pure', file: 'apps/server/src/domain/planted-io.ts', source: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n" },
  { rule: 'domain-is-pure', file: 'apps/server/src/domain/planted-db.ts', source: "import { Kysely } from 'kysely';\nexport const x = Kysely;\n" },
  { rule: 'services-use-ports-not-adapters', file: 'apps/server/src/services/planted.ts', source: "import { nodeSecrets } from '../adapters/system/system.ts';\nexport const x = nodeSecrets;\n" },
  { rule: 'adapters-do-not-call-up', file: 'apps/server/src/adapters/planted.ts', source: "import { appendAudit } from '../services/audit/audit-append.ts';\nexport const x = appendAudit;\n" },
  {
    rule: 'thin-layers-reach-adapters-through-the-container',
    file: 'apps/server/src/http/planted.ts',
    source: "import { openDatabase } from '../adapters/db/database.ts';\nexport const x = openDatabase;\n",
  },
  {
    rule: 'thin-layers-reach-adapters-through-the-container',
    file: 'apps/server/src/worker/planted.ts',
    source: "import { openDatabase } from '../adapters/db/database.ts';\nexport const x = openDatabase;\n",
  },
  { rule: 'ports-are-interfaces', file: 'apps/server/src/ports/planted.ts', source: "import { openDatabase } from '../adapters/db/database.ts';\nexport const x = openDatabase;\n" },
  { rule: 'web-and-cli-share-only-contracts', file: 'apps/web/src/planted.ts', source: "import { roleMay } from '../../server/src/domain/permissions/permissions.ts';\nexport const x = roleMay;\n" },
  { rule: 'web-and-cli-share-only-contracts', file: 'apps/cli/src/planted.ts', source: "import { createContainer } from '../../server/src/container.ts';\nexport const x = createContainer;\n" },
  {
    rule: 'web-shared-imports-nothing-above',
    file: 'apps/web/src/shared/ui/planted-feature.tsx',
    source: "import { TakeGrid } from '../../features/takes/take-grid.tsx';\nexport const x = TakeGrid;\n",
  },
  { rule: 'web-shared-imports-nothing-above', file: 'apps/web/src/shared/api/planted-app.ts', source: "import { App } from '../../app/app.tsx';\nexport const x = App;\n" },
  { rule: 'web-features-import-no-app', file: 'apps/web/src/features/takes/planted-app.ts', source: "import { AppShell } from '../../app/shell.tsx';\nexport const x = AppShell;\n" },
  { rule: 'web-features-stand-alone', file: 'apps/web/src/features/takes/planted-review.ts', source: "import { useTriage } from '../review/use-triage.ts';\nexport const x = useTriage;\n" },
  { rule: 'web-features-stand-alone', file: 'apps/web/src/features/review/planted-takes.ts', source: "import { TakeCard } from '../takes/take-card.tsx';\nexport const x = TakeCard;\n" },
  { rule: 'web-has-three-layers', file: 'apps/web/src/lib/planted.ts', source: "import { Button } from '../shared/ui/button.tsx';\nexport const x = Button;\n" },
  { rule: 'contracts-stand-alone', file: 'packages/contracts/src/planted.ts', source: "import { fail } from '../../../apps/server/src/domain/errors.ts';\nexport const x = fail;\n" },
  { rule: 'no-unresolvable', file: 'apps/server/src/domain/planted-typo.ts', source: "import { nothing } from './no-such-module.ts';\nexport const x = nothing;\n" },
];

/** The rules' names, from the configuration itself, so a new rule without a plant fails here. */
const RULES: string[] = createRequire(import.meta.url)(join(ROOT, '.dependency-cruiser.cjs')).forbidden.map((r: { name: string }) => r.name);

let copy = '';

/**
 * A copy of what the rules read (the sources, the configuration, tsconfig) with a node_modules of
 * links to the real packages, except the workspace packages, which link to the copy's own folders.
 */
function copyTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'backlot-layering-'));
  for (const file of ['.dependency-cruiser.cjs', 'tsconfig.json', 'package.json']) cpSync(join(ROOT, file), join(dir, file));
  // The server's tests import its test support, so it comes along.
  cpSync(join(ROOT, 'apps/server/test'), join(dir, 'apps/server/test'), { recursive: true });
  for (const [workspace, folder] of [
    ['server', 'apps/server'],
    ['web', 'apps/web'],
    ['cli', 'apps/cli'],
    ['contracts', 'packages/contracts'],
  ]) {
    cpSync(join(ROOT, folder, 'src'), join(dir, folder, 'src'), { recursive: true });
    cpSync(join(ROOT, folder, 'package.json'), join(dir, folder, 'package.json'));
    // A workspace's own node_modules (versions that differ from the root's).
    if (existsSync(join(ROOT, folder, 'node_modules'))) symlinkSync(join(ROOT, folder, 'node_modules'), join(dir, folder, 'node_modules'));
    mkdirSync(join(dir, 'node_modules/@backlot'), { recursive: true });
    symlinkSync(join(dir, folder), join(dir, 'node_modules/@backlot', workspace));
  }
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry !== '@backlot') symlinkSync(join(ROOT, 'node_modules', entry), join(dir, 'node_modules', entry));
  }
  return dir;
}

/** Cruises paths in the copy; the violations found, by file, rule and severity (an error fails `make test`). */
async function cruise(...paths: string[]): Promise<{ code: number; violations: { from: string; rule: string; severity: string }[] }> {
  const args = ['--config', '.dependency-cruiser.cjs', '--output-type', 'json', ...paths];
  let code = 0;
  let out = '';
  try {
    out = (await run(join(ROOT, 'node_modules/.bin/depcruise'), args, { cwd: copy, maxBuffer: 256 * 1024 * 1024 })).stdout;
  } catch (e) {
    const err = e as { code: number; stdout: string };
    code = err.code;
    out = err.stdout;
  }
  const result = JSON.parse(out) as { summary: { violations: { from: string; rule: { name: string; severity: string } }[] } };
  return { code, violations: result.summary.violations.map((v) => ({ from: v.from, rule: v.rule.name, severity: v.rule.severity })) };
}

describe('the layering rule', () => {
  beforeAll(() => {
    copy = copyTree();
  });
  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('has a plant for every rule', () => {
    expect(RULES.length).toBeGreaterThanOrEqual(8);
    expect([...new Set(PLANTS.map((p) => p.rule))].sort()).toEqual([...RULES].sort());
  });

  it('passes on the copy as it is', async () => {
    const r = await cruise('apps', 'packages');
    expect(r.violations).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('fails on every planted import, each with the rule it breaks, and leaves the source tree alone', async () => {
    for (const { file, source } of PLANTS) {
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      writeFileSync(join(copy, file), source);
    }
    const r = await cruise(...PLANTS.map((p) => p.file));
    const missed = PLANTS.filter((p) => !r.violations.some((v) => v.from === p.file && v.rule === p.rule && v.severity === 'error')).map((p) => `${p.file}: ${p.rule}`);
    expect(missed).toEqual([]);
    for (const { file } of PLANTS) expect(existsSync(join(ROOT, file)), file).toBe(false);
  });
});
