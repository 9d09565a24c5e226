/** References from the command line against a running server: upload (with a progress bar on a terminal), refusal by content, list, clearance. */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestMedia } from '../apps/server/test/media.ts';
import { backlot } from './support/cli.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

describe('references with the backlot command', () => {
  let server: RunningServer;
  let env: Record<string, string>;
  const media = makeTestMedia();

  beforeAll(async () => {
    server = await startServer();
    const direct = { BACKLOT_DATA_DIR: server.dataDir };
    await backlot(['user', 'create', '--email', 'pia@example.com', '--name', 'Pia Producer', '--admin', '--password-stdin'], { env: direct, input: 'a-long-password-1\n' });
    const token = JSON.parse((await backlot(['token', 'create', '--email', 'pia@example.com', '--name', 'cli', '--json'], { env: direct })).stdout).secret;
    env = { BACKLOT_URL: server.url, BACKLOT_TOKEN: token };
    await backlot(['projects', 'create', '--name', 'Refs', '--code', 'REFS'], { env });
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
    removeDataDir(media.dir);
  });

  it('uploads pictures as references, refusing a text file named like one', async () => {
    const anna = join(media.dir, 'ANNA.png');
    const fake = join(media.dir, 'BORIS.png');
    copyFileSync(join(media.dir, 'a.png'), anna);
    copyFileSync(join(media.dir, 'e.txt'), fake);
    const r = await backlot(['assets', 'upload', anna, fake, '--kind', 'character', '--project', 'REFS'], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`uploaded ${anna} → ANNA v1`);
    expect(r.stdout).toMatch(new RegExp(`refused  ${fake.replace(/[.]/g, '\\.')}: .*text`, 'i'));
    const again = await backlot(['assets', 'upload', anna, '--kind', 'character', '--project', 'REFS', '--json'], { env });
    expect(JSON.parse(again.stdout)).toEqual([{ file: anna, name: 'ANNA', version: 2 }]);
  });

  it('lists the library and changes clearance with a reason', async () => {
    const list = await backlot(['assets', 'list', '--project', 'REFS'], { env });
    expect(list.stdout).toMatch(/ANNA\s+character\s+v2\s+—\s+uncleared\s+ok/);
    expect(list.stdout).not.toContain('BORIS'); // its only file was refused: no empty reference is left
    const cleared = await backlot(['assets', 'clear', 'anna', '--state', 'cleared', '--reason', 'Original drawing by our art dept', '--project', 'REFS'], { env });
    expect(cleared.code).toBe(0);
    expect(cleared.stdout).toBe('ANNA is now cleared\n');
    const bad = await backlot(['assets', 'clear', 'anna', '--state', 'approved', '--reason', 'x', '--project', 'REFS'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--state must be one of uncleared, pending, cleared, restricted/);
  });
});
