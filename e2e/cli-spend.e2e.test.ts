/**
 * Spend from the command line against a real server process: two previs takes at 0.50 USD each
 * (the catalog's price), then the spend by scene as a table and as the API's JSON, and every take
 * saved as CSV whose totals line is worked out by hand.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '@backlot/contracts/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backlot } from './support/cli.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

const PLAN = { job: 'Cover the pier', subjectAction: 'Gulls lift off the rail.', camera: { size: 'WS' as const, movement: 'static' as const }, reviewCriteria: ['gulls'], targetFrames: 12 };

describe('spend with the backlot command', () => {
  let server: RunningServer;
  let env: Record<string, string>;
  let client: Client;
  let projectId = '';
  const dir = mkdtempSync(join(tmpdir(), 'backlot-spend-'));

  beforeAll(async () => {
    server = await startServer();
    const direct = { BACKLOT_DATA_DIR: server.dataDir };
    await backlot(['user', 'create', '--email', 'pia@example.com', '--name', 'Pia Producer', '--admin', '--password-stdin'], { env: direct, input: 'a-long-password-1\n' });
    const token = JSON.parse((await backlot(['token', 'create', '--email', 'pia@example.com', '--name', 'cli', '--json'], { env: direct })).stdout).secret;
    env = { BACKLOT_URL: server.url, BACKLOT_TOKEN: token };
    client = createClient({ baseUrl: server.url, token });
    projectId = JSON.parse((await backlot(['projects', 'create', '--name', 'Pier', '--code', 'PIER', '--resolution', '320x180', '--budget', '10', '--json'], { env })).stdout).id;
    const scene = await client.createScene({ params: { projectId }, body: { heading: 'EXT. PIER - DAY' } });
    await client.createShot({ params: { projectId, sceneId: scene.id }, body: { plan: PLAN } });
    await client.setPrice({ params: { projectId }, body: { provider: 'previs', model: 'previs-animatic', unit: 'generations', price: '0.50', source: 'Studio rate' } });
    const r = await backlot(['generate', 'sc001_sh010', '-n', '2', '--wait', '--project', 'PIER'], { env });
    expect(r.code, r.stderr).toBe(0);
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the spend by scene as a table and as exactly the JSON the API answers', async () => {
    const table = await backlot(['spend', '--project', 'PIER'], { env });
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toBe('PIER: budget 10.00 USD · spent 1.00 · held 0.00 · 10 % used');
    expect(lines[1]).toMatch(/^SCENE\s+TAKES\s+HELD\s+SETTLED\s+ESTIMATED\s+REJECTS\s+APPROVED S\s+PER APPROVED S\s+BUDGET$/);
    expect(lines[2]).toMatch(/^Scene 1 — EXT\. PIER - DAY\s+2\s+0\.00\s+1\.00\s+1\.00\s+0\.00\s+—\s+—\s+—$/);
    expect(lines[3]).toMatch(/^TOTAL\s+2\s+0\.00\s+1\.00\s+1\.00\s+0\.00$/);
    const json = await backlot(['spend', '--project', 'PIER', '--by', 'member', '--json'], { env });
    expect(JSON.parse(json.stdout)).toEqual(await client.spendView({ params: { projectId }, query: { by: 'member' } }));
    const bad = await backlot(['spend', '--project', 'PIER', '--by', 'colour'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--by must be one of provider, model, member, scene, shot, day/);
  });

  it('saves every take as CSV with a totals line', async () => {
    const file = join(dir, 'pier.csv');
    const r = await backlot(['spend', '--project', 'PIER', '--csv', file], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Saved the spend of PIER to .*pier\.csv \(\d+ bytes\)\.\n$/);
    const lines = readFileSync(file, 'utf8').split('\r\n');
    expect(lines[0]).toBe('scene,shot,take,provider,model,requested_by,status,review,estimate,reserved,held,actual,price_source,requested_at,finished_at');
    expect(lines.slice(1, 3).map((l) => l.split(',').slice(0, 12).join(','))).toEqual([
      '1,SC001_SH010,TK001,previs,previs-animatic,Pia Producer,succeeded,unreviewed,0.500000,0.500000,0.000000,0.500000',
      '1,SC001_SH010,TK002,previs,previs-animatic,Pia Producer,succeeded,unreviewed,0.500000,0.500000,0.000000,0.500000',
    ]);
    expect(lines[3]).toBe('TOTAL,,2 takes,,,,,,1.000000,1.000000,0.000000,1.000000,,,');
  });
});
