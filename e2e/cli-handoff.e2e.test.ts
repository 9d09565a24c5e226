/**
 * Handoff from the command line against a real server process: scene 1's approved previs take
 * handed off into a folder (media under its predictable name, byte for byte the take's original;
 * the timelines and manifest beside it), then the package's own OTIO with the take trimmed read
 * back with `backlot cut import`, shown, and applied with --apply --yes.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '@backlot/contracts/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backlot } from './support/cli.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

const PLAN = { job: 'Cover the pier', subjectAction: 'Gulls lift off the rail.', camera: { size: 'WS' as const, movement: 'static' as const }, reviewCriteria: ['gulls'], targetFrames: 12 };

describe('handoff with the backlot command', () => {
  let server: RunningServer;
  let env: Record<string, string>;
  let client: Client;
  let projectId = '';
  let takeId = '';
  const dir = mkdtempSync(join(tmpdir(), 'backlot-cli-handoff-'));

  beforeAll(async () => {
    server = await startServer();
    const direct = { BACKLOT_DATA_DIR: server.dataDir };
    await backlot(['user', 'create', '--email', 'pia@example.com', '--name', 'Pia Producer', '--admin', '--password-stdin'], { env: direct, input: 'a-long-password-1\n' });
    const token = JSON.parse((await backlot(['token', 'create', '--email', 'pia@example.com', '--name', 'cli', '--json'], { env: direct })).stdout).secret;
    env = { BACKLOT_URL: server.url, BACKLOT_TOKEN: token };
    client = createClient({ baseUrl: server.url, token });
    projectId = JSON.parse((await backlot(['projects', 'create', '--name', 'Pier', '--code', 'PIER', '--resolution', '320x180', '--json'], { env })).stdout).id;
    const scene = await client.createScene({ params: { projectId }, body: { heading: 'EXT. PIER - DAY' } });
    await client.createShot({ params: { projectId, sceneId: scene.id }, body: { plan: PLAN } });
    const r = await backlot(['generate', 'sc001_sh010', '--wait', '--project', 'PIER'], { env });
    expect(r.code, r.stderr).toBe(0);
    takeId = (await client.listProjectTakes({ params: { projectId }, query: {} })).takes[0].id;
    await client.setReview({ params: { projectId, takeId }, body: { state: 'selected' } });
    await client.setReview({ params: { projectId, takeId }, body: { state: 'approved' } });
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the package folder: media under predictable names, timelines, manifest', async () => {
    const out = join(dir, 'out');
    const r = await backlot(['handoff', '1', '--project', 'PIER', '--format', 'otio,edl,fcpxml,mlt', '--out', out, '--fcpxml-version', '1.9'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/PIER_SC001_SH010_TK001\s+001010T1\s+01:00:00:00\s+12\s+0/);
    expect(r.stdout).toContain(`Handed off 1 clip of PIER scene 1 approved to ${join(out, 'PIER_SC001')} (8 files,`);
    const pkg = join(out, 'PIER_SC001');
    expect(readdirSync(pkg).sort()).toEqual(['PIER_SC001.edl', 'PIER_SC001.fcpxml', 'PIER_SC001.mlt', 'PIER_SC001.otio', 'PIER_SC001.premiere.edl', 'manifest.csv', 'manifest.json', 'media']);
    expect(readdirSync(join(pkg, 'media'))).toEqual(['PIER_SC001_SH010_TK001.mp4']);
    const take = await client.getTake({ params: { projectId, takeId } });
    const original = Buffer.from(await (await fetch(`${server.url}${take.media!.original}`, { headers: { authorization: `Bearer ${env.BACKLOT_TOKEN}` } })).arrayBuffer());
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(sha(readFileSync(join(pkg, 'media/PIER_SC001_SH010_TK001.mp4')))).toBe(sha(original));
    expect(readFileSync(join(pkg, 'PIER_SC001.fcpxml'), 'utf8')).toContain('version="1.9"');
    expect(existsSync(join(out, '.PIER_SC001.zip.part'))).toBe(false);
  });

  it('reads a trimmed cut back, shows it, and applies it when asked', async () => {
    const otio = JSON.parse(readFileSync(join(dir, 'out/PIER_SC001/PIER_SC001.otio'), 'utf8'));
    const clip = otio.tracks.children[0].children[0];
    clip.source_range.start_time.value = 2;
    clip.source_range.duration.value = 8;
    writeFileSync(join(dir, 'cut.otio'), JSON.stringify(otio));
    const shown = await backlot(['cut', 'import', join(dir, 'cut.otio'), '--project', 'PIER'], { env });
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toBe('PIER scene 1 approved (otio):\n  PIER_SC001_SH010_TK001: trimmed from frames 0–11 to 2–9 (in/out marks)\n');
    expect((await client.getTake({ params: { projectId, takeId } })).marks).toEqual({ in: null, out: null });
    const applied = await backlot(['cut', 'import', join(dir, 'cut.otio'), '--project', 'PIER', '--apply', '--yes'], { env });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('Applied to PIER.');
    expect((await client.getTake({ params: { projectId, takeId } })).marks).toEqual({ in: 2, out: 9 });
  });
});
