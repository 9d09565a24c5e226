/**
 * Takes from the command line against a real server process and its worker: generate and follow
 * previs takes of a shot, list them as a table and as the API's JSON, a refused generation naming
 * its reference, and the sample project built and rendered (its build time is measured, not asserted).
 */
import { createClient, type Client } from '@backlot/contracts/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestMedia } from '../apps/server/test/media.ts';
import { backlot } from './support/cli.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

const PLAN = {
  job: 'Establish the night shift',
  subjectAction: 'Mara crosses the empty loading bay and stops at the shutter.',
  camera: { size: 'WS' as const, movement: 'push-in' as const },
  environment: 'Sodium lights, wet concrete',
  reviewCriteria: ['Mara readable in silhouette'],
  targetFrames: 24,
};

describe('takes with the backlot command', () => {
  let server: RunningServer;
  let env: Record<string, string>;
  let client: Client;
  let projectId = '';
  const media = makeTestMedia();

  beforeAll(async () => {
    server = await startServer();
    const direct = { BACKLOT_DATA_DIR: server.dataDir };
    await backlot(['user', 'create', '--email', 'dina@example.com', '--name', 'Dina Director', '--admin', '--password-stdin'], { env: direct, input: 'a-long-password-1\n' });
    const token = JSON.parse((await backlot(['token', 'create', '--email', 'dina@example.com', '--name', 'cli', '--json'], { env: direct })).stdout).secret;
    env = { BACKLOT_URL: server.url, BACKLOT_TOKEN: token };
    client = createClient({ baseUrl: server.url, token });
    const created = await backlot(['projects', 'create', '--name', 'Takes', '--code', 'TAKES', '--resolution', '320x180', '--budget', '100', '--json'], { env });
    projectId = JSON.parse(created.stdout).id;
    const scene = await client.createScene({ params: { projectId }, body: { heading: 'INT. LOADING BAY - NIGHT' } });
    await client.createShot({ params: { projectId, sceneId: scene.id }, body: { plan: PLAN } });
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
    removeDataDir(media.dir);
  });

  it('generates two takes and follows them until both succeed', async () => {
    const r = await backlot(['generate', 'sc001_sh010', '-n', '2', '--wait', '--project', 'TAKES'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Queued TK001, TK002 of SC001_SH010 with previs/previs-animatic');
    const lines = r.stdout.trim().split('\n');
    const header = lines.findIndex((l) => l.startsWith('CODE'));
    expect(lines[header]).toMatch(/^CODE\s+STATUS\s+MODEL\s+SEED\s+FRAMES\s+CONTINUITY\s+COST$/);
    expect(lines.slice(header + 1)).toEqual([
      expect.stringMatching(/^TK001\s+succeeded\s+previs\/previs-animatic\s+\d+\s+24\s+(pass|warn|fail)\b.*0\.00 USD$/),
      expect.stringMatching(/^TK002\s+succeeded\s+previs\/previs-animatic\s+\d+\s+24\s+(pass|warn|fail)\b.*0\.00 USD$/),
    ]);
    // Without a terminal, each change of status is a line on stderr.
    expect(r.stderr).toMatch(/SC001_SH010 TK002 succeeded/);
  });

  it('lists the takes as a table and as exactly the JSON the API answers', async () => {
    const table = await backlot(['takes', 'list', 'SC001_SH010', '--project', 'TAKES'], { env });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^CODE\s+STATUS\s+REVIEW\s+MODEL\s+SEED\s+FRAMES\s+COST\s+CONTINUITY\n/);
    expect(table.stdout).toMatch(/\nTK002\s+succeeded\s+unreviewed\s+previs\/previs-animatic\s+\d+\s+24\s+0\.00 USD\s+/);
    const r = await backlot(['takes', 'list', 'SC001_SH010', '--project', 'TAKES', '--json'], { env });
    expect(r.code).toBe(0);
    const listed = JSON.parse(r.stdout);
    expect(listed.takes.map((t: { code: string; status: string }) => [t.code, t.status])).toEqual([
      ['TK002', 'succeeded'],
      ['TK001', 'succeeded'],
    ]);
    const shotId = listed.takes[0].shotId;
    expect(listed).toEqual(await client.listTakes({ params: { projectId, shotId } }));
  });

  it('refuses a shot whose reference shows a real person without consent, naming it, and queues nothing', async () => {
    const scene = (await client.listScenes({ params: { projectId } })).scenes[0];
    const shot = await client.createShot({ params: { projectId, sceneId: scene.id }, body: { plan: PLAN } });
    const asset = await client.createAsset({ params: { projectId }, body: { kind: 'character', name: 'MARA', flags: ['likeness'] } });
    const form = new FormData();
    form.append('main', new Blob([new Uint8Array(media.png)], { type: 'image/png' }), 'mara.png');
    const upload = await fetch(`${server.url}/api/v1/projects/${projectId}/assets/${asset.id}/versions`, { method: 'POST', headers: { authorization: `Bearer ${env.BACKLOT_TOKEN}` }, body: form });
    expect(upload.status).toBe(201);
    await client.setClearance({ params: { projectId, assetId: asset.id }, body: { clearance: 'cleared', reason: 'cast agreement' } });
    await client.setShotReferences({ params: { projectId, shotId: shot.id }, body: { references: [{ assetId: asset.id, version: 1, role: 'character' }], baseVersion: shot.planVersion } });

    const r = await backlot(['generate', shot.code, '--project', 'TAKES'], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Refused: ${shot.code} cannot be generated now.`);
    expect(r.stdout).toMatch(/consent\.missing \(reference MARA\): MARA shows a real person/);
    const json = await backlot(['generate', shot.code, '--project', 'TAKES', '--json'], { env });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).refusals).toEqual([expect.objectContaining({ code: 'consent.missing', assetId: asset.id, assetName: 'MARA' })]);
    expect((await client.listTakes({ params: { projectId, shotId: shot.id } })).takes).toEqual([]);
  });

  it('says what is wrong with how it was called', async () => {
    const missing = await backlot(['generate', 'SC009_SH010', '--project', 'TAKES'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('TAKES has no shot SC009_SH010');
    const count = await backlot(['generate', 'SC001_SH010', '-n', '40', '--project', 'TAKES'], { env });
    expect(count.code).toBe(2);
    expect(count.stderr).toContain('-n must be a whole number from 1 to 12');
    const model = await backlot(['generate', 'SC001_SH010', '--model', 'nope', '--project', 'TAKES'], { env });
    expect(model.code).toBe(2);
    expect(model.stderr).toContain('--model: previs offers previs-animatic');
  });

  it('builds the sample project and renders all its takes', async () => {
    const started = Date.now();
    const r = await backlot(['demo', '--wait'], { env });
    const ms = Date.now() - started;
    console.log(`backlot demo --wait took ${ms} ms`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Built the sample project DEMO with 9 previs takes queued\.\nOpen it: http:\/\/127\.0\.0\.1:\d+\/projects\/[0-9a-f-]+\n/);
    expect(r.stdout).toMatch(/^SHOT\s+CODE\s+STATUS\s+SEED\s+FRAMES\s+CONTINUITY$/m);
    expect(r.stdout).toMatch(/^SC001_SH010\s+TK003\s+succeeded\s/m);
    expect(r.stdout).toContain('9 succeeded.');
  }, 300_000);
});
