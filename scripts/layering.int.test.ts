/** The layering rule fails when a forbidden import is planted, and names the rule it breaks. */
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const run = promisify(execFile);

async function cruise(file: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(join(ROOT, 'node_modules/.bin/depcruise'), ['--config', '.dependency-cruiser.cjs', file], { cwd: ROOT });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: `${err.stdout}${err.stderr}` };
  }
}

async function withPlanted(relPath: string, source: string, check: (r: { code: number; out: string }) => void) {
  const file = join(ROOT, relPath);
  writeFileSync(file, source);
  try {
    check(await cruise(relPath));
  } finally {
    rmSync(file, { force: true });
  }
}

describe('the layering rule', () => {
  it('passes on a clean domain file', async () => {
    const r = await cruise('apps/server/src/domain/audit/audit-chain.ts');
    expect(r.code).toBe(0);
  });

  it('fails when the domain core imports I/O', async () => {
    await withPlanted('apps/server/src/domain/planted-io.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", (r) => {
      expect(r.code).not.toBe(0);
      expect(r.out).toContain('domain-is-pure');
    });
    await withPlanted('apps/server/src/domain/planted-db.ts', "import { Kysely } from 'kysely';\nexport const x = Kysely;\n", (r) => {
      expect(r.out).toContain('domain-is-pure');
    });
  });

  it('fails when a service imports adapter code', async () => {
    await withPlanted('apps/server/src/services/planted.ts', "import { nodeSecrets } from '../adapters/system/system.ts';\nexport const x = nodeSecrets;\n", (r) => {
      expect(r.code).not.toBe(0);
      expect(r.out).toContain('services-use-ports-not-adapters');
    });
  });

  it('fails when the web UI or the CLI imports server code', async () => {
    await withPlanted('apps/web/src/planted.ts', "import { roleMay } from '../../server/src/domain/permissions/permissions.ts';\nexport const x = roleMay;\n", (r) => {
      expect(r.code).not.toBe(0);
      expect(r.out).toContain('web-and-cli-share-only-contracts');
    });
    await withPlanted('apps/cli/src/planted.ts', "import { createContainer } from '../../server/src/container.ts';\nexport const x = createContainer;\n", (r) => {
      expect(r.out).toContain('web-and-cli-share-only-contracts');
    });
  });

  it('fails when an HTTP route reaches an adapter directly', async () => {
    await withPlanted('apps/server/src/http/planted.ts', "import { openDatabase } from '../adapters/db/database.ts';\nexport const x = openDatabase;\n", (r) => {
      expect(r.out).toContain('thin-layers-reach-adapters-through-the-container');
    });
  });
});
