/**
 * A dailies session's review movie from the command line against a real server process: two
 * previs takes on a playlist, `backlot dailies movie` shows its progress and saves the MP4, whose
 * frames (ffprobe -count_frames) are the slates and takes on the project's grid, summed by hand.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '@backlot/contracts/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backlot } from './support/cli.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

const PLAN = { job: 'Cover the pier', subjectAction: 'Gulls lift off the rail.', camera: { size: 'WS' as const, movement: 'static' as const }, reviewCriteria: ['gulls'], targetFrames: 12 };

describe('the review movie with the backlot command', () => {
  let server: RunningServer;
  let env: Record<string, string>;
  let client: Client;
  const dir = mkdtempSync(join(tmpdir(), 'backlot-cli-dailies-'));

  beforeAll(async () => {
    server = await startServer();
    const direct = { BACKLOT_DATA_DIR: server.dataDir };
    await backlot(['user', 'create', '--email', 'pia@example.com', '--name', 'Pia Producer', '--admin', '--password-stdin'], { env: direct, input: 'a-long-password-1\n' });
    const token = JSON.parse((await backlot(['token', 'create', '--email', 'pia@example.com', '--name', 'cli', '--json'], { env: direct })).stdout).secret;
    env = { BACKLOT_URL: server.url, BACKLOT_TOKEN: token };
    client = createClient({ baseUrl: server.url, token });
    const projectId = JSON.parse((await backlot(['projects', 'create', '--name', 'Pier', '--code', 'PIER', '--resolution', '320x180', '--json'], { env })).stdout).id;
    const scene = await client.createScene({ params: { projectId }, body: { heading: 'EXT. PIER - DAY' } });
    await client.createShot({ params: { projectId, sceneId: scene.id }, body: { plan: PLAN } });
    for (let i = 0; i < 2; i++) {
      const r = await backlot(['generate', 'sc001_sh010', '--wait', '--project', 'PIER'], { env });
      expect(r.code, r.stderr).toBe(0);
    }
    const takes = (await client.listProjectTakes({ params: { projectId }, query: {} })).takes;
    await client.createDailies({ params: { projectId }, body: { title: 'Pier dailies', date: '2026-03-06', source: { kind: 'takes', takeIds: takes.map((t) => t.id) } } });
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds the movie with progress and saves it; its frames are two slates and two takes on the grid', async () => {
    const out = join(dir, 'pier.mp4');
    const r = await backlot(['dailies', 'movie', 'Pier dailies', '--project', 'PIER', '--out', out], { env });
    expect(r.code, r.stderr).toBe(0);
    // Not a terminal: a line as the build starts and when it is done.
    expect(r.stderr).toContain('Review movie PIER 2026-03-06: 0%');
    expect(r.stderr).toContain('Review movie PIER 2026-03-06: 100%');
    expect(r.stderr).toContain(`Saved Pier dailies (120 frames) to ${out}.`);
    expect(existsSync(`${out}.part`)).toBe(false);
    const frames = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', out]).toString().trim();
    // 24 fps: a 2 s slate is 48 frames; each previs take is its 12 planned frames. 2 × 48 + 2 × 12.
    expect(Number(frames)).toBe(120);

    const unknown = await backlot(['dailies', 'movie', 'No such', '--project', 'PIER', '--out', out], { env });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('PIER has no dailies session No such');
  }, 120_000);
});
