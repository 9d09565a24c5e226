/**
 * Paid takes onto the project's frame grid (DESIGN.md §7 "One frame grid per project", PROVIDERS.md
 * §9 "Codecs"), on SQLite and PostgreSQL against the fake ModelArk: a Seedance 2.5 1080p take comes
 * back H.265 and gets an H.264 review proxy at the project's rate; a 30 fps take in a 23.976 project
 * keeps its original untouched and gets a proxy conformed frame for frame, every frame once. The
 * proxies are checked with ffprobe, as an editor would.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../../test/harness.ts';
import { seedanceFakeEnv, startSeedanceFake, type SeedanceFake } from '../../../test/fakes/seedance.fake.ts';
import { waitFor } from '../../../test/wait.ts';

const KEY = 'ark-grid-key-0123456789abcdef';
const V20 = 'dreamina-seedance-2-0-260128';
const V25 = 'dreamina-seedance-2-5-260628';
const run = promisify(execFile);

let fake: SeedanceFake;
let dir = '';
beforeAll(async () => {
  fake = await startSeedanceFake();
  fake.keys.add(KEY);
  dir = await mkdtemp(join(tmpdir(), 'backlot-grid-'));
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

/** The first video stream of a file as ffprobe reports it, frames counted by decoding. */
async function probe(file: string) {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-count_frames',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=codec_name,width,height,r_frame_rate,nb_read_frames,pix_fmt:format=duration',
    '-of',
    'json',
    file,
  ]);
  const json = JSON.parse(stdout) as { streams: Array<Record<string, string | number>>; format: { duration: string } };
  const s = json.streams[0];
  return { codec: s.codec_name, width: s.width, height: s.height, rate: s.r_frame_rate, frames: Number(s.nb_read_frames), pixFmt: s.pix_fmt, duration: Number(json.format.duration) };
}

describeEachDatabase(
  'paid takes on the project grid',
  (h) => {
    let owner: Person;
    let n = 0;

    /** A project at this rate and size with one planned shot of 120 frames, the key set; its id and the shot's. */
    async function projectWithShot(frameRate: string, width: number, height: number) {
      const p = await h().container.services.projects.create(
        { accountId: owner.id, name: owner.name },
        { name: `Grid ${++n}`, code: `GRID${n}`, frameRate, timecodeMode: 'ndf', resolution: { width, height }, currency: 'USD', budget: '1000' },
      );
      const url = (path: string) => `/api/v1/projects/${p.id}${path}`;
      await h().as(owner, { method: 'PATCH', url: url(''), payload: { generation: { requireLocked: false } } });
      await h().as(owner, { method: 'PUT', url: url('/provider-keys/seedance'), payload: { secret: KEY } });
      const scene = await h().as(owner, { method: 'POST', url: url('/scenes'), payload: { heading: 'EXT. HARBOUR - NIGHT' } });
      const shot = await h().as(owner, {
        method: 'POST',
        url: url(`/scenes/${scene.json().id}/shots`),
        payload: {
          plan: { job: 'Establish the harbour', subjectAction: 'A ferry leaves the quay.', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['Ferry readable'], targetFrames: 120 },
        },
      });
      expect(shot.statusCode, shot.body).toBe(201);
      return { url, shotId: shot.json().id as string };
    }

    /** Generates one take and waits until it ends; answers the take as the API shows it. */
    async function generated(url: (p: string) => string, shotId: string, payload: Record<string, unknown>) {
      const r = await h().as(owner, { method: 'POST', url: url(`/shots/${shotId}/takes`), payload });
      expect(r.statusCode, r.body).toBe(201);
      const id = r.json().takes[0].id;
      return waitFor(
        async () => (await h().as(owner, { method: 'GET', url: url(`/takes/${id}`) })).json(),
        (t) => ['succeeded', 'failed', 'canceled'].includes(t.status),
        90_000,
      );
    }

    /** Downloads a media address of a take into a file. */
    async function saved(address: string, name: string): Promise<string> {
      const r = await h().as(owner, { method: 'GET', url: address });
      expect(r.statusCode).toBe(200);
      const file = join(dir, `${h().dialect}-${name}`);
      await writeFile(file, r.rawPayload);
      return file;
    }

    it('sets up an owner and starts the worker', async () => {
      owner = await h().person('Olga Owner');
      h().container.startWorker();
    });

    it('ingests a Seedance 2.5 1080p take, which Ark encodes H.265, with an H.264 review proxy at the project rate', async () => {
      const { url, shotId } = await projectWithShot('24/1', 1920, 1080);
      const t = await generated(url, shotId, { provider: 'seedance', model: V25, settings: { resolution: '1080p' } });
      expect(t.status, JSON.stringify(t.error)).toBe('succeeded');
      expect(fake.creates.at(-1)).toMatchObject({ model: V25, resolution: '1080p' });
      // The original is kept as it came: H.265, 1920×1080.
      expect(t.media).toMatchObject({ videoCodec: 'hevc', width: 1920, height: 1080, frameRate: '24/1', frames: 24 });
      expect(await probe(await saved(t.media.original, 'h265-original.mp4'))).toMatchObject({ codec: 'hevc', width: 1920, height: 1080, frames: 24 });
      // The proxy plays in any browser: H.264 4:2:0 at the project's 24 fps, every frame once,
      // the project's 16:9 frame at the proxy's 720 lines.
      const proxy = await probe(await saved(t.media.proxy, 'h265-proxy.mp4'));
      expect(proxy).toMatchObject({ codec: 'h264', pixFmt: 'yuv420p', width: 1280, height: 720, rate: '24/1', frames: 24 });
      expect(t.media.proxyFrames).toBe(24);
      expect(t.continuity.find((c: { check: string }) => c.check === 'frame_rate')).toMatchObject({ result: 'pass' });
    });

    it('keeps a 30 fps take untouched in a 23.976 project and conforms its proxy frame for frame, flagging the speed change', async () => {
      const { url, shotId } = await projectWithShot('24000/1001', 320, 180);
      const t = await generated(url, shotId, { provider: 'seedance', model: V20, settings: { resolution: '720p', promptAddition: '[fake:fps30]' } });
      expect(t.status, JSON.stringify(t.error)).toBe('succeeded');
      // The original: 4 s at 30 fps, 120 frames, as generated.
      expect(t.media).toMatchObject({ frameRate: '30/1', frames: 120, width: 320, height: 180 });
      expect(Math.abs(t.media.durationUs - 4_000_000)).toBeLessThan(34_000);
      expect(await probe(await saved(t.media.original, 'fps30-original.mp4'))).toMatchObject({ codec: 'h264', rate: '30/1', frames: 120 });
      // The proxy: the same 120 frames at 24000/1001, so 120 × 1001 / 24000 = 5.005 s on the grid.
      const proxy = await probe(await saved(t.media.proxy, 'fps30-proxy.mp4'));
      expect(proxy).toMatchObject({ codec: 'h264', rate: '24000/1001', frames: 120, width: 320, height: 180 });
      expect(proxy.duration).toBeCloseTo(5.005, 2);
      expect(t.media.proxyFrames).toBe(120);
      // Nothing lost, but it plays slower than generated: 23.976 / 30 = 79.9 % speed, a warning.
      const rate = t.continuity.find((c: { check: string }) => c.check === 'frame_rate');
      expect(rate).toMatchObject({ result: 'warn' });
      expect(rate.measured).toContain('conformed: plays at 79.9% speed');
      // Its length is counted on the project grid: the 120 frames the plan asked for.
      expect(t.continuity.find((c: { check: string }) => c.check === 'duration')).toMatchObject({ result: 'pass', measured: '120 frames (5.01 s)' });
    });
  },
  {
    env: seedanceFakeEnv(() => fake, {}, 9),
  },
);
