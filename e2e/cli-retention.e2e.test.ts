/**
 * Retention from the command line against a real server process: three previs takes (real ffmpeg),
 * two rejected and one selected, finished long ago; `backlot retention set`, `preview` and `purge`
 * (with its progress lines) free exactly the rejected takes' originals, proxies and filmstrips,
 * whose sizes the server reported before; the select plays on, the purged takes keep their poster,
 * and the audit chain still verifies.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createClient, type Client } from '@backlot/contracts/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backlot } from './support/cli.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

const PLAN = { job: 'Cover the quay', subjectAction: 'A crane swings a crate.', camera: { size: 'WS' as const, movement: 'static' as const }, reviewCriteria: ['crate'], targetFrames: 12 };

describe('retention with the backlot command', () => {
  let server: RunningServer;
  let env: Record<string, string>;
  let direct: Record<string, string>;
  let client: Client;
  let projectId = '';
  let takes: { id: string; code: string; media: { original: string; proxy: string; filmstrip: { url: string }; poster: string } }[] = [];
  const sizeOf = async (url: string) => Number((await fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${env.BACKLOT_TOKEN}` } })).headers.get('content-length'));
  const status = async (url: string) => (await fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${env.BACKLOT_TOKEN}` } })).status;

  beforeAll(async () => {
    server = await startServer();
    direct = { BACKLOT_DATA_DIR: server.dataDir };
    await backlot(['user', 'create', '--email', 'olga@example.com', '--name', 'Olga Owner', '--admin', '--password-stdin'], { env: direct, input: 'a-long-password-1\n' });
    const token = JSON.parse((await backlot(['token', 'create', '--email', 'olga@example.com', '--name', 'cli', '--json'], { env: direct })).stdout).secret;
    env = { BACKLOT_URL: server.url, BACKLOT_TOKEN: token };
    client = createClient({ baseUrl: server.url, token });
    projectId = JSON.parse((await backlot(['projects', 'create', '--name', 'Quay', '--code', 'QUAY', '--resolution', '320x180', '--json'], { env })).stdout).id;
    const scene = await client.createScene({ params: { projectId }, body: { heading: 'EXT. QUAY - DAY' } });
    await client.createShot({ params: { projectId, sceneId: scene.id }, body: { plan: PLAN } });
    for (let i = 0; i < 3; i++) {
      const r = await backlot(['generate', 'sc001_sh010', '--wait', '--project', 'QUAY'], { env });
      expect(r.code, r.stderr).toBe(0);
    }
    takes = (await client.listProjectTakes({ params: { projectId }, query: {} })).takes.sort((a, b) => a.number - b.number) as never;
    const decide = (i: number, state: 'rejected' | 'selected') => client.setReview({ params: { projectId, takeId: takes[i].id }, body: { state } });
    await decide(0, 'rejected');
    await decide(1, 'rejected');
    await decide(2, 'selected');
    // The takes finished long ago: the database is told so, as time would.
    const db = new Database(join(server.dataDir, 'backlot.sqlite'));
    db.pragma('busy_timeout = 5000');
    db.prepare('update takes set finished_at = ? where project_id = ?').run('2026-01-02T09:00:00.000Z', projectId);
    db.close();
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
  });

  it('is off until an owner sets it; then previews and purges the rejected takes with progress, nothing else', async () => {
    const off = await backlot(['retention', 'preview', '--project', 'QUAY'], { env });
    expect(off.code, off.stderr).toBe(0);
    expect(off.stdout).toContain('Retention is off in this project');
    const refused = await backlot(['retention', 'purge', '--project', 'QUAY', '--yes'], { env });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('Retention is off in QUAY');

    const set = await backlot(['retention', 'set', '--project', 'QUAY', '--days', '30'], { env });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('QUAY: the media of rejected takes older than 30 days may be purged.');

    // What the server serves for each rejected take's original, proxy and filmstrip, measured before.
    let expected = 0;
    for (const t of takes.slice(0, 2)) expected += (await sizeOf(t.media.original)) + (await sizeOf(t.media.proxy)) + (await sizeOf(t.media.filmstrip.url));
    expect(expected).toBeGreaterThan(0);

    const preview = JSON.parse((await backlot(['retention', 'preview', '--project', 'QUAY', '--json'], { env })).stdout);
    expect(preview.takes.map((t: { code: string }) => t.code)).toEqual(['TK001', 'TK002']);
    expect(preview.totalBytes).toBe(expected);

    const r = await backlot(['retention', 'purge', '--project', 'QUAY', '--yes'], { env });
    expect(r.code, r.stderr).toBe(0);
    // Not a terminal: a line as the purge starts and when it is done.
    expect(r.stderr).toContain('Purge QUAY: 0%');
    expect(r.stderr).toContain('Purge QUAY: 100%');
    expect(r.stdout).toContain('SC001_SH010 TK001');
    expect(r.stderr).toContain(`Purged the media of 2 takes`);
    expect(r.stderr).toContain(`(${expected} bytes) freed.`);

    for (const t of takes.slice(0, 2)) {
      const after = await client.getTake({ params: { projectId, takeId: t.id } });
      expect(after.media).toBeNull();
      expect(after.mediaPurged?.bytes).toBeGreaterThan(0);
      expect(await status(after.mediaPurged!.poster)).toBe(200);
      expect(await status(t.media.original)).toBe(404);
      expect(await status(t.media.proxy)).toBe(404);
    }
    // The select plays on.
    expect(await status(takes[2].media.original)).toBe(200);
    expect(await status(takes[2].media.proxy)).toBe(200);

    const again = JSON.parse((await backlot(['retention', 'preview', '--project', 'QUAY', '--json'], { env })).stdout);
    expect(again.takes).toEqual([]);
    const verify = await backlot(['audit', 'verify', '--project', 'QUAY'], { env: direct });
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  }, 120_000);
});
