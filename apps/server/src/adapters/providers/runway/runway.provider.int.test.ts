/**
 * The Runway adapter through the official SDK against the fake Runway API, from PROVIDERS.md §2
 * and §9.3: what it sends (with `X-Runway-Version`), `THROTTLED`, failure codes, refreshed output
 * links, cancel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobStore } from '../../../ports/blob-store.ts';
import type { TaskSnapshot } from '../../../ports/video-provider.ts';
import { startRunwayFake, type RunwayFake } from '../../../../test/fakes/runway.fake.ts';
import { createRunwayProvider } from './runway.provider.ts';

const KEY = 'key_runway-int-0001';
let fake: RunwayFake;

beforeAll(async () => {
  fake = await startRunwayFake({ clipSeconds: 1 });
  fake.keys.add(KEY);
});
afterAll(() => fake.close());

const runway = () => createRunwayProvider({ baseUrl: fake.baseUrl, blobs: {} as BlobStore, outbound: { allowHosts: [fake.host], timeoutMs: 2000 } }).withCredential(KEY);

async function untilEnd(id: string, seen: string[] = []): Promise<TaskSnapshot> {
  const r = runway();
  for (let i = 0; i < 30; i++) {
    const s = await r.poll(id);
    if (seen.at(-1) !== s.providerStatus) seen.push(s.providerStatus);
    if (s.status !== 'queued' && s.status !== 'running') return s;
  }
  throw new Error('never ended');
}

describe('Runway through @runwayml/sdk', () => {
  it('sends image_to_video with the start frame as position first, the pixel ratio and the duration, with X-Runway-Version', async () => {
    const r = runway();
    const s = await r.submit(
      await r.compile({
        model: 'gen4.5',
        prompt: 'A courier weaves through the market.',
        durationSec: 6,
        aspectRatio: '16:9',
        resolution: '720p',
        seed: 90210,
        firstFrame: { kind: 'url', url: 'https://assets.example.test/first.jpg' },
      }),
      { idempotencyKey: 'k1' },
    );
    expect(fake.creates.at(-1)).toEqual({
      endpoint: 'image_to_video',
      body: {
        model: 'gen4.5',
        promptImage: [{ uri: 'https://assets.example.test/first.jpg', position: 'first' }],
        promptText: 'A courier weaves through the market.',
        ratio: '1280:720',
        duration: 6,
        seed: 90210,
      },
    });
    expect(fake.versions.at(-1)).toBe('2024-11-06');
    const seen: string[] = [];
    const end = await untilEnd(s.providerTaskId, seen);
    expect(seen).toEqual(['PENDING', 'RUNNING', 'SUCCEEDED']);
    expect(end.outputs[0].url).toContain('/out/');
  });

  it('keeps a task waiting for a concurrency place as THROTTLED, read as queued', async () => {
    fake.concurrency = 0;
    try {
      const r = runway();
      const s = await r.submit(await r.compile({ model: 'veo3.1', prompt: 'Rain on a tin roof.', durationSec: 4, aspectRatio: '9:16', resolution: '1080p' }), { idempotencyKey: 'k2' });
      expect(fake.creates.at(-1)?.body).toEqual({ model: 'veo3.1', promptText: 'Rain on a tin roof.', ratio: '1080:1920', duration: 4, audio: false });
      await r.poll(s.providerTaskId);
      const throttled = await r.poll(s.providerTaskId);
      expect(throttled).toMatchObject({ providerStatus: 'THROTTLED', status: 'queued' });
    } finally {
      fake.concurrency = 100;
    }
  });

  it('a SAFETY.* failure is moderation, never retried; INTERNAL.BAD_OUTPUT.* needs a changed request', async () => {
    const r = runway();
    const a = await r.submit(await r.compile({ model: 'gen4.5', prompt: 'x [fake:safety]', durationSec: 5 }), { idempotencyKey: 'k3' });
    expect((await untilEnd(a.providerTaskId)).error).toMatchObject({ code: 'SAFETY.INPUT.TEXT', category: 'moderation', retryable: false });
    const b = await r.submit(await r.compile({ model: 'gen4.5', prompt: 'x [fake:bad-output]', durationSec: 5 }), { idempotencyKey: 'k4' });
    expect((await untilEnd(b.providerTaskId)).error).toMatchObject({ code: 'INTERNAL.BAD_OUTPUT.CODE01', retryable: false });
  });

  it('downloads through a fresh link when the one it had expired', async () => {
    const r = runway();
    const s = await r.submit(await r.compile({ model: 'gen4.5', prompt: 'A gull lands.', durationSec: 5 }), { idempotencyKey: 'k5' });
    const done = await untilEnd(s.providerTaskId);
    fake.expireSignedUrls();
    const out = await r.fetchOutput(done);
    expect(out.contentType).toBe('video/mp4');
    for await (const _ of out.body) void _;
  });

  it('cancels a running task with DELETE: CANCELLED', async () => {
    fake.pollsRunning = 1000;
    try {
      const r = runway();
      const s = await r.submit(await r.compile({ model: 'gen4.5', prompt: 'Long take.', durationSec: 5 }), { idempotencyKey: 'k6' });
      await r.poll(s.providerTaskId);
      expect((await r.poll(s.providerTaskId)).providerStatus).toBe('RUNNING');
      expect(await r.cancel(s.providerTaskId)).toBe('canceled');
      expect(fake.deletes.at(-1)).toBe(s.providerTaskId);
      expect((await r.poll(s.providerTaskId)).providerStatus).toBe('CANCELLED');
    } finally {
      fake.pollsRunning = 1;
    }
  });

  it('video_to_video on Aleph 2: the source video as videoUri', async () => {
    const r = runway();
    await r.submit(await r.compile({ model: 'aleph2', prompt: 'Make it snow.', aspectRatio: '16:9', seed: 7, referenceVideos: [{ kind: 'url', url: 'https://assets.example.test/plate.mp4' }] }), {
      idempotencyKey: 'k7',
    });
    expect(fake.creates.at(-1)).toEqual({
      endpoint: 'video_to_video',
      body: { model: 'aleph2', videoUri: 'https://assets.example.test/plate.mp4', promptText: 'Make it snow.', targetAspectRatio: '16:9', seed: 7 },
    });
  });

  it('sends Seedance 2.0 reference pictures as references, and the fake takes them', async () => {
    const r = runway();
    const s = await r.submit(
      await r.compile({
        model: 'seedance2',
        prompt: 'Two friends on a pier.',
        durationSec: 5,
        aspectRatio: '16:9',
        resolution: '720p',
        referenceImages: [
          { kind: 'url', url: 'https://assets.example.test/a.png' },
          { kind: 'bytes', bytes: new Uint8Array([137, 80]), mediaType: 'image/png' },
        ],
      }),
      { idempotencyKey: 'k8' },
    );
    expect(s.status).toBe('queued');
    expect(fake.creates.at(-1)).toEqual({
      endpoint: 'text_to_video',
      body: {
        model: 'seedance2',
        references: [{ uri: 'https://assets.example.test/a.png' }, { uri: 'data:image/png;base64,iVA=' }],
        promptText: 'Two friends on a pier.',
        ratio: '1280:720',
        duration: 5,
        audio: false,
      },
    });
  });

  it('tests a key by reading the organization', async () => {
    expect(await runway().testConnection!(KEY)).toEqual({ ok: true, message: 'Runway accepted the key' });
    expect(await runway().testConnection!('key_wrong')).toEqual({ ok: false, message: 'Runway refused the key: unauthorized (HTTP 401)' });
  });
});
