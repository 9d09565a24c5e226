/**
 * `backlot archive export|verify|import` as an operator runs them: a project exported from one
 * instance with its progress shown, checked, and restored on a fresh instance whose audit chains
 * verify, its members invited again (what a bad bundle or a second import gets is in
 * `apps/server/src/http/archive.int.test.ts`).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backlot } from './support/cli.ts';
import { removeDataDir, startServer } from './support/server.ts';

describe('the archive commands', () => {
  const from = mkdtempSync(join(tmpdir(), 'backlot-cli-archive-'));
  const to = mkdtempSync(join(tmpdir(), 'backlot-cli-archive-to-'));
  const bundle = join(from, 'NIGHT.zip');

  beforeAll(async () => {
    const env = { BACKLOT_DATA_DIR: from };
    expect((await backlot(['user', 'create', '--email', 'ada@example.com', '--name', 'Ada Admin', '--admin', '--password-stdin'], { env, input: 'a-long-password-1\n' })).code).toBe(0);
    const token = JSON.parse((await backlot(['token', 'create', '--email', 'ada@example.com', '--name', 'scripts', '--json'], { env })).stdout).secret as string;
    const server = await startServer({ dataDir: from });
    try {
      const created = await fetch(`${server.url}/api/v1/projects`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Night Shift', code: 'NIGHT' }),
      });
      expect(created.status).toBe(201);
    } finally {
      await server.stop();
    }
    expect(
      (await backlot(['user', 'create', '--email', 'bo@example.com', '--name', 'Bo Admin', '--admin', '--password-stdin'], { env: { BACKLOT_DATA_DIR: to }, input: 'a-long-password-2\n' })).code,
    ).toBe(0);
  });

  afterAll(() => {
    removeDataDir(from);
    removeDataDir(to);
  });

  it('exports a project, showing how far it is, and verifies the bundle', async () => {
    const out = await backlot(['archive', 'export', 'night', '--out', bundle], { env: { BACKLOT_DATA_DIR: from } });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^Archived NIGHT to .*NIGHT\.zip: \d+ files, 0 blobs/);
    expect(out.stderr).toContain('Exporting: 100%');
    const ok = await backlot(['archive', 'verify', bundle]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^ok {3}.*NIGHT\.zip: NIGHT — \d+ files checked against the manifest/);
  });

  it('restores it on a fresh instance as its admin, inviting the owner again; the audit chains verify', async () => {
    const env = { BACKLOT_DATA_DIR: to };
    const restored = await backlot(['archive', 'import', bundle], { env });
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('Restored NIGHT “Night Shift”');
    expect(restored.stdout).toMatch(/ada@example\.com \(owner\): http:\/\/\S+\/invite#token=\S+/);
    const verified = await backlot(['audit', 'verify'], { env });
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/ok {3}project NIGHT: \d+ events/);
  });
});
