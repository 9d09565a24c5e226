/**
 * Drafts and finals from the command line against a real server process, its worker and the fake
 * ModelArk: `generate --draft` makes a cheap 480p Seedance 2.5 draft, refused for a model without a
 * draft mode; `takes final` shows the estimate, asks, and renders nothing on no; on yes (or --yes)
 * it queues the linked 1080p final, which Ark makes from the draft's task alone.
 */
import { createClient, type Client } from '@backlot/contracts/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSeedanceFake, type SeedanceFake } from '../apps/server/test/fakes/seedance.fake.ts';
import { backlot } from './support/cli.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

const KEY = 'ark-cli-key-0123456789abcdef';
const V25 = 'dreamina-seedance-2-5-260628';
const V20 = 'dreamina-seedance-2-0-260128';

describe('drafts and finals with the backlot command', () => {
  let fake: SeedanceFake;
  let server: RunningServer;
  let env: Record<string, string>;
  let client: Client;
  let projectId = '';
  let shotId = '';
  const takes = async () => (await client.listTakes({ params: { projectId, shotId } })).takes;

  beforeAll(async () => {
    fake = await startSeedanceFake();
    fake.keys.add(KEY);
    server = await startServer({
      env: { BACKLOT_SEEDANCE_URL: fake.baseUrl, BACKLOT_PROVIDER_ALLOW_HOSTS: fake.host, BACKLOT_SECRET_KEY: Buffer.alloc(32, 3).toString('base64'), BACKLOT_POLL_SECONDS: '1' },
    });
    const direct = { BACKLOT_DATA_DIR: server.dataDir };
    await backlot(['user', 'create', '--email', 'dina@example.com', '--name', 'Dina Director', '--admin', '--password-stdin'], { env: direct, input: 'a-long-password-1\n' });
    const token = JSON.parse((await backlot(['token', 'create', '--email', 'dina@example.com', '--name', 'cli', '--json'], { env: direct })).stdout).secret;
    env = { BACKLOT_URL: server.url, BACKLOT_TOKEN: token };
    client = createClient({ baseUrl: server.url, token });
    projectId = JSON.parse((await backlot(['projects', 'create', '--name', 'Drafts', '--code', 'DRAFTS', '--resolution', '320x180', '--budget', '100', '--json'], { env })).stdout).id;
    await client.setProviderKey({ params: { projectId, provider: 'seedance' }, body: { secret: KEY } });
    await client.updateProject({ params: { projectId }, body: { generation: { requireLocked: false } } });
    const scene = await client.createScene({ params: { projectId }, body: { heading: 'EXT. ROOFTOP - NIGHT' } });
    const shot = await client.createShot({
      params: { projectId, sceneId: scene.id },
      body: { plan: { job: 'Find her on the roof', subjectAction: 'Mara turns to the city.', camera: { size: 'MS', movement: 'static' }, reviewCriteria: ['Mara readable'], targetFrames: 120 } },
    });
    shotId = shot.id;
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
    await fake?.close();
  });

  it('makes a 480p draft with --draft, and refuses --draft for a model without a draft mode', async () => {
    const refused = await backlot(['generate', 'SC001_SH010', '--provider', 'seedance', '--model', V20, '--draft', '--project', 'DRAFTS'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`--draft: seedance/${V20} has no draft mode; these seedance models have one: ${V25}`);
    expect(await takes()).toEqual([]);

    const r = await backlot(['generate', 'SC001_SH010', '--provider', 'seedance', '--model', V25, '--draft', '--wait', '--project', 'DRAFTS'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Queued TK001 of SC001_SH010 with seedance/${V25} as drafts`);
    expect(r.stdout).toMatch(/\nTK001\s+succeeded\s+seedance\//);
    expect(fake.creates.at(-1)).toMatchObject({ model: V25, draft: true, resolution: '480p', duration: 5 });
  });

  it('shows the estimate and asks before rendering the final; answering no, or nothing, queues and sends nothing', async () => {
    const creates = fake.creates.length;
    const r = await backlot(['takes', 'final', 'SC001_SH010', 'TK001', '--project', 'DRAFTS'], { env, input: 'n\n' });
    expect(r.code, r.stderr).toBe(0);
    // 1920 × 1080 × 121 frames / 1024 = 245,025 tokens at 1080p.
    expect(r.stdout).toMatch(/^The final of SC001_SH010 TK001 is a new take at 1080p with seedance\/dreamina-seedance-2-5-260628, linked to the draft/m);
    expect(r.stdout).toMatch(/^Estimate: \d+\.\d+ USD \(.*245,025 tokens.*\)\.$/m);
    expect(r.stderr).toContain('Render the final? [y/N]');
    expect(r.stdout).toContain('Nothing rendered, nothing reserved.');
    expect((await takes()).map((t) => t.code)).toEqual(['TK001']);
    expect(fake.creates.length).toBe(creates);
    // No answer at all is no, too.
    const silent = await backlot(['takes', 'final', 'SC001_SH010', 'TK001', '--project', 'DRAFTS'], { env });
    expect(silent.stdout).toContain('Nothing rendered, nothing reserved.');
    expect((await takes()).length).toBe(1);
  });

  it('renders the final on yes: a new take linked to the draft, made from the draft task alone', async () => {
    const draft = (await takes())[0];
    const r = await backlot(['takes', 'final', 'SC001_SH010', 'TK001', '--wait', '--project', 'DRAFTS'], { env, input: 'y\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Queued TK002 of SC001_SH010, the final of TK001.');
    expect(r.stdout).toMatch(/\nTK002\s+succeeded\s+seedance\//);
    const final = (await takes()).find((t) => t.code === 'TK002')!;
    expect(final).toMatchObject({ parentTakeId: draft.id, seed: draft.seed });
    expect(fake.creates.at(-1)).toMatchObject({ draft_task: draft.providerTaskId, resolution: '1080p', draft: false });
  });

  it('with --yes and --json, renders without asking and prints the API answer', async () => {
    const r = await backlot(['takes', 'final', 'SC001_SH010', 'TK001', '--yes', '--json', '--project', 'DRAFTS'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('[y/N]');
    const answer = JSON.parse(r.stdout);
    expect(answer.takes.map((t: { code: string }) => t.code)).toEqual(['TK003']);
  });

  it('says what is wrong: a take that is not a draft, one that does not exist', async () => {
    const notDraft = await backlot(['takes', 'final', 'SC001_SH010', 'TK002', '--yes', '--project', 'DRAFTS'], { env });
    expect(notDraft.code).toBe(2);
    expect(notDraft.stderr).toContain('SC001_SH010 TK002 is not a draft; only a draft can be rendered as a final');
    const missing = await backlot(['takes', 'final', 'SC001_SH010', 'TK099', '--yes', '--project', 'DRAFTS'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('SC001_SH010 has no take TK099');
  });
});
