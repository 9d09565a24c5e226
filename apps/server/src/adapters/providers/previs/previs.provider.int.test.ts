/**
 * The previs provider on real ffmpeg and the disk blob store, with pictures made here: exact frame
 * counts, identical frames for one seed, a push-in measured on the rendered file, the dissolve
 * into the end picture, the card, cancel, failure, and a render resumed by a new provider object.
 * Its tasks live in the database, so several provider objects (processes, each with its own
 * scratch folder) share them: any one answers a poll, renders under a lease, and cancels —
 * on SQLite and PostgreSQL.
 */
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../../../test/databases.ts';
import { waitFor } from '../../../../test/wait.ts';
import { createRandom, planFraming } from '../../../domain/generate/previs.motion.ts';
import { framingCrop } from '../../../domain/generate/previs.plan.ts';
import { drawtext, drawtextLiteral } from '../../../domain/generate/previs.text.ts';
import type { BlobStore } from '../../../ports/blob-store.ts';
import type { PrevisTasks } from '../../../ports/previs-tasks.ts';
import { ProviderFailure, type GenerationSpec, type PrevisOptions, type TaskSnapshot } from '../../../ports/video-provider.ts';
import { createPrevisTaskRepository } from '../../db/repositories/previs-task.repository.ts';
import { createDiskBlobStore } from '../../storage/disk.blob-store.ts';
import { createPrevisProvider, type PrevisProvider, type PrevisProviderDeps } from './previs.provider.ts';

const run = promisify(execFile);
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
let root: string;
let blobs: BlobStore;
/** Per database: its tasks, the first provider and its scratch folder. */
let testDb: TestDatabase;
let tasks: PrevisTasks;
let workDir: string;
let provider: PrevisProvider;
const pictures: Record<'disc' | 'scene' | 'end' | 'notPicture', string> = { disc: '', scene: '', end: '', notPicture: '' };
const at = (name: string) => join(root, name);
const ffmpeg = (...args: string[]) => run('ffmpeg', ['-v', 'error', '-nostdin', '-y', ...args], { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 }).then((r) => r.stdout);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'backlot-previs-'));
  blobs = createDiskBlobStore({ root: at('blobs') });
  // A white disc on black (to measure zoom), a busy scene, and a different end picture.
  await Promise.all([
    ffmpeg('-f', 'lavfi', '-i', 'color=black:s=640x360:d=1', '-vf', "format=gray,geq=lum='if(lt(hypot(X-320,Y-180),60),255,0)'", '-frames:v', '1', at('disc.png')),
    ffmpeg('-f', 'lavfi', '-i', 'testsrc2=size=640x360', '-frames:v', '1', at('scene.png')),
    ffmpeg('-f', 'lavfi', '-i', 'smptehdbars=size=640x360', '-frames:v', '1', at('end.png')),
  ]);
  for (const name of ['disc', 'scene', 'end'] as const) pictures[name] = (await blobs.put(createReadStream(at(`${name}.png`)))).sha256;
  pictures.notPicture = (await blobs.put(Readable.from([Buffer.from('not a picture at all')]))).sha256;
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

/** Another process's provider on the same database and blob store, with its own scratch folder and lease owner. */
let processes = 0;
function otherProcess(owner: string, over: Partial<PrevisProviderDeps> = {}): { provider: PrevisProvider; dir: string } {
  const dir = at(`scratch-${++processes}`);
  return { provider: createPrevisProvider({ ffmpegPath: 'ffmpeg', workDir: dir, blobs, tasks, fontFile: FONT, owner, ...over }), dir };
}

const OPTIONS: PrevisOptions = {
  width: 320,
  height: 180,
  fpsNum: 24,
  fpsDen: 1,
  frames: 24,
  size: 'MS',
  movement: 'push-in',
  slate: { project: "Night Shift: it's 50% done", shot: 'SC012-SH040', take: 'TK001', action: 'Maya pushes through the [kitchen] door; steam.' },
  cardTitle: 'INT. KITCHEN - NIGHT',
};
const picture = (sha256: string) => ({ kind: 'blob' as const, sha256, mediaType: 'image/png' });

function spec(over: Partial<GenerationSpec> = {}, options: Partial<PrevisOptions> = {}): GenerationSpec {
  return { model: 'previs-animatic', prompt: 'Maya pushes through the kitchen door.', seed: 1, firstFrame: picture(pictures.scene), ...over, providerOptions: { previs: { ...OPTIONS, ...options } } };
}

let keys = 0;
/** Compiles, submits under a new key and waits for the end; returns the snapshot and the path of its output, fetched from the provider. */
async function render(s: GenerationSpec, p: PrevisProvider = provider): Promise<{ snap: TaskSnapshot; file: string }> {
  const submitted = await p.submit(await p.compile(s), { idempotencyKey: `take-${++keys}` });
  const snap = await settle(p, submitted.providerTaskId);
  return { snap, file: snap.status === 'succeeded' ? await download(p, snap) : '' };
}

/** Streams a finished task's output into a file of its own. */
async function download(p: PrevisProvider, snap: TaskSnapshot): Promise<string> {
  const file = at(`out-${snap.providerTaskId}-${++keys}.mp4`);
  await pipeline((await p.fetchOutput(snap)).body, createWriteStream(file));
  return file;
}

/** What a process's scratch folder holds for a task (nothing once no render of it runs there). */
const scratch = (dir: string, taskId: string) => readdir(join(dir, taskId)).catch(() => [] as string[]);

async function settle(p: PrevisProvider, taskId: string, timeoutMs = 50_000): Promise<TaskSnapshot> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const snap = await p.poll(taskId);
    if (['succeeded', 'failed', 'canceled'].includes(snap.status)) return snap;
    if (Date.now() > until) throw new Error(`still ${snap.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function pollUntil(p: PrevisProvider, taskId: string, ok: (s: TaskSnapshot) => boolean): Promise<TaskSnapshot> {
  for (let i = 0; i < 1000; i++) {
    const snap = await p.poll(taskId);
    if (ok(snap)) return snap;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('never reached the state');
}

async function probe(file: string): Promise<{ frames: number; rate: string; width: number; height: number; codec: string; pixFmt: string }> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-count_frames',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=nb_read_frames,r_frame_rate,width,height,codec_name,pix_fmt',
    '-of',
    'json',
    file,
  ]);
  const s = JSON.parse(stdout).streams[0];
  return { frames: Number(s.nb_read_frames), rate: s.r_frame_rate, width: s.width, height: s.height, codec: s.codec_name, pixFmt: s.pix_fmt };
}

const framemd5 = async (file: string) => (await ffmpeg('-i', file, '-f', 'framemd5', '-')).toString('utf8');
const renderCount = async (taskId: string) => (await tasks.get(taskId))?.renders ?? 0;

/** Frames decoded as 8-bit grey, cropped to a part of the picture no slate text reaches. */
async function greyFrames(file: string, crop: string, width: number, height: number): Promise<Buffer[]> {
  const raw = await ffmpeg('-i', file, '-vf', `crop=${crop},format=gray`, '-f', 'rawvideo', '-');
  const size = width * height;
  return Array.from({ length: raw.length / size }, (_, i) => raw.subarray(i * size, (i + 1) * size));
}

describe.each(DIALECTS)('previs provider [%s]', (dialect) => {
  beforeAll(async () => {
    testDb = await openTestDatabase(dialect);
    tasks = createPrevisTaskRepository(testDb.database.db);
    workDir = at(`work-${dialect}`);
    provider = createPrevisProvider({ ffmpegPath: 'ffmpeg', workDir, blobs, tasks, fontFile: FONT });
  });

  afterAll(async () => {
    await provider?.close();
    await testDb?.drop();
  });

  it('offers one model, costs nothing and checks specs by field', async () => {
    const [model] = provider.models();
    expect(model).toMatchObject({ provider: 'previs', model: 'previs-animatic', audio: false, seed: true, cancelRunning: true, available: true, priceUnit: 'generations' });
    expect(model.aspectRatios.every((a) => /^\d+:\d+$/.test(a))).toBe(true);
    expect(model.slots).toEqual([
      { slot: 'firstFrame', roles: ['start-frame', 'location'], media: 'image', max: 1 },
      { slot: 'lastFrame', roles: ['end-frame'], media: 'image', max: 1 },
    ]);
    expect(provider.validate(spec())).toEqual([]);
    expect(provider.validate({ model: 'previs-animatic', prompt: '' }).map((p) => p.field)).toEqual(['providerOptions.previs']);
    expect(provider.validate(spec({ firstFrame: { kind: 'url', url: 'https://example.com/a.png' }, generateAudio: true }, { frames: 24 * 61 })).map((p) => p.field)).toEqual([
      'generateAudio',
      'firstFrame',
      'providerOptions.previs.frames',
    ]);
    expect(await provider.estimateUsage(spec())).toEqual({ unit: 'generations', quantity: 1, detail: '1 previs render' });
    const compiled = await provider.compile(spec({ lastFrame: picture(pictures.end) }));
    expect(compiled).toMatchObject({ method: 'POST', url: 'previs://local/render', headers: {}, uploads: [] });
    expect(compiled.body).toMatchObject({ seed: 1, start: { sha256: pictures.scene }, end: { sha256: pictures.end } });
    expect(JSON.stringify(await provider.compile(spec()))).toBe(JSON.stringify(await provider.compile(spec())));
    await expect(provider.compile({ model: 'previs-animatic', prompt: '' })).rejects.toBeInstanceOf(ProviderFailure);
  });

  it.each([
    [24, 1, 48],
    [24000, 1001, 24],
  ])('renders exactly the frames asked at %i/%i (%i frames), H.264 4:2:0 at the size asked', async (fpsNum, fpsDen, frames) => {
    const { snap, file } = await render(spec({}, { fpsNum, fpsDen, frames }));
    expect(snap).toMatchObject({ status: 'succeeded', outputs: [{ url: `previs://${snap.providerTaskId}/out.mp4`, mediaType: 'video' }] });
    expect(await probe(file)).toEqual({ frames, rate: `${fpsNum}/${fpsDen}`, width: 320, height: 180, codec: 'h264', pixFmt: 'yuv420p' });
  });

  it('gives identical frames for the same request and seed, and different ones for another seed', async () => {
    const [a, b, c] = await Promise.all([render(spec()), render(spec()), render(spec({ seed: 2 }))]);
    expect(a.snap.providerTaskId).not.toBe(b.snap.providerTaskId);
    expect(await framemd5(a.file)).toBe(await framemd5(b.file));
    expect(await framemd5(c.file)).not.toBe(await framemd5(a.file));
  });

  it('grows the picture on every frame of a push-in', async () => {
    const { file } = await render(spec({ firstFrame: picture(pictures.disc), seed: 5 }, { size: 'EWS', movement: 'push-in', frames: 24 }));
    // The disc's brightness summed over the middle of the frame (away from the slate) is its area.
    const areas = (await greyFrames(file, '200:130:60:22', 200, 130)).map((f) => f.reduce((sum, v) => sum + Math.max(0, v - 16), 0));
    expect(areas).toHaveLength(24);
    for (let i = 1; i < areas.length; i++) expect(areas[i], `frame ${i}`).toBeGreaterThan(areas[i - 1]);
    expect(areas[23] / areas[0]).toBeGreaterThan(1.2);
  });

  it('ends on the end picture, framed as the start was', async () => {
    const seed = 9;
    const { file } = await render(spec({ seed, lastFrame: picture(pictures.end) }, { size: 'WS', movement: 'pan', frames: 24 }));
    const framing = planFraming('WS', createRandom(seed), false);
    await ffmpeg('-i', at('end.png'), '-vf', `${framingCrop(framing, 320, 180)},scale=320:180:flags=bicubic`, at('end-framed.png'));
    // SSIM over the picture above the slate bar, last frame against the end picture framed the same way.
    const out = await run('ffmpeg', [
      '-v',
      'info',
      '-nostdin',
      '-i',
      file,
      '-i',
      at('end-framed.png'),
      '-filter_complex',
      '[0:v]select=eq(n\\,23),crop=320:150:0:0[a];[1:v]crop=320:150:0:0,format=yuv420p[b];[a][b]ssim',
      '-f',
      'null',
      '-',
    ]);
    const ssim = Number(/All:([\d.]+)/.exec(out.stderr)?.[1]);
    expect(ssim).toBeGreaterThanOrEqual(0.9);
  });

  it('draws a dark titled card when there is no picture', async () => {
    const { snap, file } = await render(spec({ firstFrame: undefined }, { movement: null, size: null }));
    expect(snap.status).toBe('succeeded');
    expect((await probe(file)).frames).toBe(24);
    const mean = (await greyFrames(file, '320:150:0:0', 320, 150))[0].reduce((s, v) => s + v, 0) / (320 * 150);
    expect(mean).toBeLessThan(60);
  });

  it('gets quotes, colons, percent signs and backslashes into drawtext unchanged', async () => {
    const text = "It's 50% done: C:\\sc12 [take 3], cut; go";
    await ffmpeg('-f', 'lavfi', '-i', 'color=black:s=320x60', '-frames:v', '1', at('blank.png'));
    await writeFile(at('text.txt'), text);
    const viaText = drawtext(FONT, drawtextLiteral(text), { size: 14, colour: 'white', x: 2, y: 2 });
    const viaFile = `drawtext=fontfile=${FONT}:textfile=${at('text.txt')}:expansion=none:fontsize=14:fontcolor=white:x=2:y=2`;
    const frame = (filter: string) => ffmpeg('-i', at('blank.png'), '-filter_complex', `[0:v]${filter}[o]`, '-map', '[o]', '-f', 'framemd5', '-');
    expect((await frame(viaText)).toString()).toBe((await frame(viaFile)).toString());
  });

  it('submits idempotently and renders once per task', async () => {
    const req = await provider.compile(spec({ seed: 3 }));
    const first = await provider.submit(req, { idempotencyKey: 'same-key' });
    const again = await provider.submit(req, { idempotencyKey: 'same-key' });
    expect(first.providerTaskId).toMatch(/^previs_[0-9a-f]{24}$/);
    expect(again.providerTaskId).toBe(first.providerTaskId);
    expect(['queued', 'running']).toContain(first.status);
    const done = await settle(provider, first.providerTaskId);
    expect(await provider.reconcile('same-key', new Date(0))).toEqual(done);
    expect(await provider.reconcile('never-submitted', new Date(0))).toBe('none');
    expect(await provider.cancel(first.providerTaskId)).toBe('too_late');
    expect(await renderCount(first.providerTaskId)).toBe(1);
    const fetched = await provider.fetchOutput(done);
    const chunks: Buffer[] = [];
    for await (const chunk of fetched.body) chunks.push(Buffer.from(chunk));
    expect({ contentType: fetched.contentType, size: fetched.size }).toEqual({ contentType: 'video/mp4', size: Buffer.concat(chunks).length });
    expect(await provider.settleUsage(done, await provider.estimateUsage(spec()))).toEqual({ quantity: 1, reported: true });
  });

  it('refuses a task it does not know', async () => {
    const failure = await provider.poll('previs_000000000000000000000000').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ProviderFailure);
    expect((failure as ProviderFailure).error).toMatchObject({ code: 'previs.unknown_task', category: 'invalid_input', retryable: false });
    await expect(provider.poll('../../etc')).rejects.toBeInstanceOf(ProviderFailure);
  });

  it('reports a render ffmpeg could not make as failed, with its words', async () => {
    const { snap } = await render(spec({ firstFrame: picture(pictures.notPicture) }));
    expect(snap.status).toBe('failed');
    expect(snap.error).toMatchObject({ code: 'previs.render_failed', category: 'provider_internal', retryable: false, charged: false });
    expect(snap.error?.message).toMatch(/^The previs render failed\. .+/s);
    expect(await scratch(workDir, snap.providerTaskId)).not.toContain('out.mp4');
    await expect(provider.fetchOutput(snap)).rejects.toBeInstanceOf(ProviderFailure);
  });

  it('cancels a render while it runs, leaving no output', async () => {
    const long = spec({ seed: 4 }, { width: 640, height: 360, frames: 24 * 60 });
    const { providerTaskId } = await provider.submit(await provider.compile(long), { idempotencyKey: 'cancel-me' });
    const running = await pollUntil(provider, providerTaskId, (s) => s.status === 'running' && (s.progress ?? 0) > 0);
    expect(running.progress).toBeLessThan(1);
    expect(await provider.cancel(providerTaskId)).toBe('canceled');
    expect((await provider.poll(providerTaskId)).status).toBe('canceled');
    expect(await provider.cancel(providerTaskId)).toBe('canceled');
    const left = await scratch(workDir, providerTaskId);
    expect(left.filter((n) => n.endsWith('.mp4'))).toEqual([]);
    expect(await renderCount(providerTaskId)).toBe(0);
  });

  it('keeps renders waiting beyond its limit, and cancels a waiting one at once', async () => {
    const one = createPrevisProvider({ ffmpegPath: 'ffmpeg', workDir, blobs, tasks, fontFile: FONT, maxConcurrent: 1 });
    try {
      const long = await one.compile(spec({ seed: 6 }, { width: 640, height: 360, frames: 24 * 30 }));
      const a = await one.submit(long, { idempotencyKey: 'limit-a' });
      const b = await one.submit(long, { idempotencyKey: 'limit-b' });
      await pollUntil(one, a.providerTaskId, (s) => s.status === 'running');
      expect((await one.poll(b.providerTaskId)).status).toBe('queued');
      expect(await one.cancel(b.providerTaskId)).toBe('canceled');
      expect(await one.cancel(a.providerTaskId)).toBe('canceled');
    } finally {
      await one.close();
    }
  });

  it('resumes a render cut off by a restart, and completes it once', async () => {
    const first = createPrevisProvider({ ffmpegPath: 'ffmpeg', workDir, blobs, tasks, fontFile: FONT });
    const req = await first.compile(spec({ seed: 8 }, { width: 640, height: 360, frames: 24 * 4 }));
    const { providerTaskId } = await first.submit(req, { idempotencyKey: 'restart-me' });
    await pollUntil(first, providerTaskId, (s) => s.status === 'running');
    // The first process goes away mid-render: its ffmpeg is stopped, nothing is marked.
    await first.close();
    expect(await tasks.get(providerTaskId)).toMatchObject({ state: 'pending', output: null, leaseOwner: null });

    const second = createPrevisProvider({ ffmpegPath: 'ffmpeg', workDir, blobs, tasks, fontFile: FONT });
    try {
      expect(['queued', 'running']).toContain((await second.poll(providerTaskId)).status);
      const done = await settle(second, providerTaskId);
      expect(done.status).toBe('succeeded');
      expect((await probe(await download(second, done))).frames).toBe(96);
    } finally {
      await second.close();
    }
    // A third process finds it done and does not render it again.
    const third = createPrevisProvider({ ffmpegPath: 'ffmpeg', workDir, blobs, tasks, fontFile: FONT });
    expect((await third.poll(providerTaskId)).status).toBe('succeeded');
    await third.close();
    expect(await renderCount(providerTaskId)).toBe(1);
  });
  it('answers a poll from any process: a task submitted by one is rendered once by another, and both serve its output', async () => {
    const [{ provider: a }, { provider: b }] = [otherProcess('server'), otherProcess('worker')];
    try {
      const req = await a.compile(spec({ seed: 11 }));
      // Submitting through a closed provider keeps the task without rendering it there: as a server would whose worker is off.
      await a.close();
      const { providerTaskId } = await a.submit(req, { idempotencyKey: 'submitted-here-rendered-there' });
      expect(await tasks.get(providerTaskId)).toMatchObject({ state: 'pending', renders: 0 });
      const done = await settle(b, providerTaskId);
      expect(done.status).toBe('succeeded');
      expect(await tasks.get(providerTaskId)).toMatchObject({ state: 'succeeded', renders: 1, renderedBy: 'worker' });
      expect(await a.poll(providerTaskId)).toEqual(done);
      expect(await framemd5(await download(a, done))).toBe(await framemd5(await download(b, done)));
      expect(await a.reconcile('submitted-here-rendered-there', new Date(0))).toEqual(done);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('leaves a render to the process holding its lease, and takes it over once that lease lapses', async () => {
    const { provider: b, dir } = otherProcess('survivor', { leaseMs: 1000 });
    try {
      const req = await b.compile(spec({ seed: 12 }));
      const taskId = 'previs_00000000000000000000dead';
      await tasks.create(taskId, req.body, new Date().toISOString());
      // A process that died mid-render: its lease runs for another 1.5 s and is never renewed.
      const until = new Date(Date.now() + 1500).toISOString();
      expect(await tasks.lease(taskId, 'died', new Date().toISOString(), until)).toBe(true);
      expect(await b.poll(taskId)).toMatchObject({ status: 'running', progress: 0 });
      expect(await scratch(dir, taskId)).toEqual([]);
      const done = await settle(b, taskId);
      expect(done.status).toBe('succeeded');
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(until));
      expect(await tasks.get(taskId)).toMatchObject({ state: 'succeeded', renders: 1, renderedBy: 'survivor' });
    } finally {
      await b.close();
    }
  });

  it('cancels from another process: the rendering one stops ffmpeg at its next renewal and publishes nothing', async () => {
    const [{ provider: a, dir }, { provider: b }] = [otherProcess('renderer', { leaseMs: 1500 }), otherProcess('canceler')];
    try {
      const long = await a.compile(spec({ seed: 13 }, { width: 640, height: 360, frames: 24 * 60 }));
      const { providerTaskId } = await a.submit(long, { idempotencyKey: 'cancel-from-elsewhere' });
      await pollUntil(a, providerTaskId, (s) => s.status === 'running' && (s.progress ?? 0) > 0);
      // The other process reads the render as running, with the progress the renderer renewed.
      await waitFor(
        () => b.poll(providerTaskId),
        (s) => s.status === 'running' && (s.progress ?? 0) > 0,
        10_000,
      );
      expect(await b.cancel(providerTaskId)).toBe('canceled');
      expect((await a.poll(providerTaskId)).status).toBe('canceled');
      await waitFor(
        async () => existsSync(join(dir, providerTaskId)),
        (left) => !left,
        5_000,
      );
      expect(await tasks.get(providerTaskId)).toMatchObject({ state: 'canceled', output: null, renders: 0 });
      expect(await a.cancel(providerTaskId)).toBe('canceled');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('does not publish a render whose lease another process took over', async () => {
    const { provider: a, dir } = otherProcess('lapsed', { leaseMs: 1500 });
    try {
      const long = await a.compile(spec({ seed: 14 }, { width: 640, height: 360, frames: 24 * 60 }));
      const { providerTaskId } = await a.submit(long, { idempotencyKey: 'lease-taken-over' });
      await pollUntil(a, providerTaskId, (s) => s.status === 'running');
      // What a lapsed lease looks like to the process that let it lapse: someone else holds it now.
      await testDb.database.db
        .updateTable('previs_tasks')
        .set({ lease_owner: 'took-over', lease_until: new Date(Date.now() + 60_000).toISOString() })
        .where('id', '=', providerTaskId)
        .execute();
      await waitFor(
        async () => existsSync(join(dir, providerTaskId)),
        (left) => !left,
        5_000,
      );
      expect(await tasks.get(providerTaskId)).toMatchObject({ state: 'pending', leaseOwner: 'took-over', output: null, renders: 0 });
      expect((await a.poll(providerTaskId)).status).toBe('running');
      expect(await a.cancel(providerTaskId)).toBe('canceled');
    } finally {
      await a.close();
    }
  });
  it('frees its render slot when another process took the task it was waiting to render', async () => {
    const { provider: one } = otherProcess('one-slot', { maxConcurrent: 1 });
    try {
      const long = await one.compile(spec({ seed: 15 }, { width: 640, height: 360, frames: 24 * 60 }));
      const a = await one.submit(long, { idempotencyKey: 'slot-holder' });
      await pollUntil(one, a.providerTaskId, (s) => s.status === 'running');
      const b = await one.submit(await one.compile(spec({ seed: 16 })), { idempotencyKey: 'taken-while-waiting' });
      expect((await one.poll(b.providerTaskId)).status).toBe('queued');
      // Another process takes the waiting task; then the slot frees up.
      expect(await tasks.lease(b.providerTaskId, 'quicker', new Date().toISOString(), new Date(Date.now() + 60_000).toISOString())).toBe(true);
      expect(await one.cancel(a.providerTaskId)).toBe('canceled');
      const c = await one.submit(await one.compile(spec({ seed: 17 })), { idempotencyKey: 'after-the-slot-freed' });
      expect((await settle(one, c.providerTaskId, 20_000)).status).toBe('succeeded');
      expect(await tasks.get(b.providerTaskId)).toMatchObject({ state: 'pending', leaseOwner: 'quicker', renders: 0 });
      expect(await one.cancel(b.providerTaskId)).toBe('canceled');
    } finally {
      await one.close();
    }
  });
});
