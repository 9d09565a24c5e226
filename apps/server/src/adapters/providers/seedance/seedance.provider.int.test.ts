/**
 * The Seedance adapter against the fake ModelArk (test/fakes/seedance.fake.ts), built from
 * PROVIDERS.md §1: what it sends, how it reads each status, and how each fault ends — the
 * expectations written from that document, not from the adapter.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiskBlobStore } from '../../storage/disk.blob-store.ts';
import { ProviderFailure, type TaskSnapshot, type VideoProviderAdapter } from '../../../ports/video-provider.ts';
import type { GenerationSpec } from '../../../domain/generate/generation-spec.ts';
import { makeTestMedia } from '../../../../test/media.ts';
import { startSeedanceFake, type SeedanceFake } from '../../../../test/fakes/seedance.fake.ts';
import { createSeedanceProvider, type SeedanceProvider } from './seedance.provider.ts';

const KEY = 'ark-test-key-0123456789';
const V20 = 'dreamina-seedance-2-0-260128';
const V25 = 'dreamina-seedance-2-5-260628';
const media = makeTestMedia();

let fake: SeedanceFake;
let provider: SeedanceProvider;
let seedance: VideoProviderAdapter;
let pictureSha = '';

beforeAll(async () => {
  fake = await startSeedanceFake();
  fake.keys.add(KEY);
  const blobs = createDiskBlobStore({ root: mkdtempSync(join(tmpdir(), 'backlot-seedance-blobs-')) });
  pictureSha = (await blobs.put(Readable.from([media.png]))).sha256;
  provider = createSeedanceProvider({ baseUrl: fake.baseUrl, blobs, outbound: { allowHosts: [fake.host], timeoutMs: 2000 } });
  seedance = provider.withCredential(KEY);
});
afterAll(() => fake.close());

const spec = (over: Partial<GenerationSpec> = {}): GenerationSpec => ({
  model: V20,
  prompt: 'A lighthouse keeper lights the lamp at dusk.',
  durationSec: 5,
  aspectRatio: '16:9',
  resolution: '720p',
  seed: 4211,
  ...over,
});

async function submitted(s: GenerationSpec, key = `take-${Math.random()}`): Promise<TaskSnapshot> {
  return seedance.submit(await seedance.compile(s), { idempotencyKey: key });
}

async function untilEnd(id: string): Promise<TaskSnapshot> {
  for (let i = 0; i < 20; i++) {
    const s = await seedance.poll(id);
    if (s.status !== 'queued' && s.status !== 'running') return s;
  }
  throw new Error('the task never ended');
}

async function failureOf(work: Promise<unknown>): Promise<ProviderFailure['error']> {
  const err = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderFailure);
  return (err as ProviderFailure).error;
}

describe('Seedance through ModelArk', () => {
  it('sends the model, the prompt, the ratio, the resolution and always the duration, with the key as Bearer', async () => {
    const before = fake.creates.length;
    const s = await submitted(spec());
    expect(s).toMatchObject({ status: 'queued', providerStatus: 'queued' });
    expect(s.providerTaskId).toMatch(/^cgt-/);
    const sent = fake.creates[before];
    expect(sent).toMatchObject({ model: V20, ratio: '16:9', resolution: '720p', duration: 5, seed: 4211, watermark: false, generate_audio: false });
    expect(sent.content).toEqual([{ type: 'text', text: 'A lighthouse keeper lights the lamp at dusk.' }]);
    expect(fake.authorizations.at(-1)).toBe(`Bearer ${KEY}`);
  });

  it('stores a request without the key, and with Backlot pictures as placeholders that go out as data URIs', async () => {
    const req = await seedance.compile(spec({ firstFrame: { kind: 'blob', sha256: pictureSha, mediaType: 'image/png' } }));
    expect(JSON.stringify(req)).not.toContain(KEY);
    expect(JSON.stringify(req.body)).toContain(`backlot-blob:${pictureSha}`);
    const before = fake.creates.length;
    await seedance.submit(req, { idempotencyKey: 'k-frame' });
    const first = (fake.creates[before].content as Array<{ role?: string; image_url?: { url: string } }>).find((c) => c.role === 'first_frame');
    expect(first?.image_url?.url).toBe(`data:image/png;base64,${media.png.toString('base64')}`);
  });

  it('sends Seedance 2.5 a first-frame task with ratio adaptive, which it requires', async () => {
    const before = fake.creates.length;
    await submitted(spec({ model: V25, firstFrame: { kind: 'blob', sha256: pictureSha, mediaType: 'image/png' } }));
    expect(fake.creates[before]).toMatchObject({ model: V25, ratio: 'adaptive', duration: 5 });
  });

  it('refuses before sending a request without a duration, or with one the model cannot render', () => {
    expect(seedance.validate(spec({ durationSec: undefined }))).toEqual([{ field: 'durationFrames', problem: expect.stringContaining('explicit duration') }]);
    expect(seedance.validate(spec({ durationSec: 16 }))).toEqual([{ field: 'durationFrames', problem: 'Seedance 2.0 renders 4–15 s, not 16 s' }]);
    expect(seedance.validate(spec({ resolution: '1080p', model: 'dreamina-seedance-2-0-fast-260128' }))).toEqual([{ field: 'resolution', problem: 'Seedance 2.0 Fast renders 480p, 720p, not 1080p' }]);
  });

  it('estimates a 5 s 720p clip at 108,900 tokens, as §1.7 works it out, and settles from the usage reported', async () => {
    expect(await seedance.estimateUsage(spec())).toEqual({ unit: 'tokens', quantity: 108_900, detail: '1280×720 × 121 frames ÷ 1024 = 108,900 tokens' });
    const done = await untilEnd((await submitted(spec())).providerTaskId);
    expect(done).toMatchObject({ status: 'succeeded', providerStatus: 'succeeded', usage: { unit: 'tokens', quantity: 108_900 } });
    expect(await seedance.settleUsage(done, { unit: 'tokens', quantity: 1, detail: '' })).toEqual({ quantity: 108_900, reported: true });
  });

  it('walks queued → running → succeeded with the status strings as Ark has them, and downloads the video', async () => {
    const id = (await submitted(spec())).providerTaskId;
    const seen = [(await seedance.poll(id)).providerStatus, (await seedance.poll(id)).providerStatus, (await seedance.poll(id)).providerStatus];
    expect(seen).toEqual(['queued', 'running', 'succeeded']);
    const done = await seedance.poll(id);
    const out = await seedance.fetchOutput(done, 0);
    const chunks: Buffer[] = [];
    for await (const c of out.body) chunks.push(c as Buffer);
    expect(out.contentType).toBe('video/mp4');
    expect(Buffer.concat(chunks).subarray(4, 8).toString()).toBe('ftyp');
  });

  // 429, 500, output moderation, `expired`, expiring links and cancel run through the worker in seedance.conformance.int.test.ts.
  it('classifies refusals on create: input moderation not retried, a wrong key as auth', async () => {
    fake.failNextCreate({ status: 400, code: 'InputTextSensitiveContentDetected' });
    expect(await failureOf(submitted(spec()))).toMatchObject({ category: 'moderation', retryable: false, charged: false });
    const wrong = provider.withCredential('ark-wrong-key-000000');
    expect(await failureOf(wrong.submit(await wrong.compile(spec()), { idempotencyKey: 'x' }))).toMatchObject({ code: 'AuthenticationError', category: 'auth', retryable: false });
  });

  it('reads a body that is not JSON, and a create that takes too long, as retryable faults naming what happened', async () => {
    fake.failNextCreate('malformed');
    const malformed = await failureOf(submitted(spec()));
    expect(malformed).toMatchObject({ code: 'malformed_response', retryable: true });
    expect(malformed.message).toContain('not JSON');
    fake.failNextCreate({ delayMs: 3000 });
    expect(await failureOf(submitted(spec()))).toMatchObject({ code: 'timeout', category: 'timeout', retryable: true });
  });

  it('after a crash, finds the task a request created by what Ark echoes of it, and says none when nothing arrived', async () => {
    const since = new Date(Date.now() - 1000);
    const req = await seedance.compile(spec({ seed: 777_001 }));
    const created = await seedance.submit(req, { idempotencyKey: 'crash-1' });
    const found = await seedance.reconcile('crash-1', since, req);
    expect(found).toMatchObject({ providerTaskId: created.providerTaskId });
    const never = await seedance.compile(spec({ seed: 777_002 }));
    expect(await seedance.reconcile('crash-2', since, never)).toBe('none');
  });

  it('tests a key by listing one task, spending nothing', async () => {
    const creates = fake.creates.length;
    expect(await provider.testConnection!(KEY)).toEqual({ ok: true, message: 'Seedance accepted the key' });
    expect(await provider.testConnection!('ark-not-a-key-999')).toEqual({ ok: false, message: 'Seedance refused the key: AuthenticationError (HTTP 401)' });
    expect(fake.creates.length).toBe(creates);
  });

  it('refuses to reach a loopback address the operator did not allow', async () => {
    const strict = createSeedanceProvider({
      baseUrl: fake.baseUrl,
      blobs: createDiskBlobStore({ root: mkdtempSync(join(tmpdir(), 'b-')) }),
      outbound: { allowHosts: [], timeoutMs: 2000 },
    }).withCredential(KEY);
    const before = fake.creates.length;
    expect(await failureOf(strict.submit(await strict.compile(spec()), { idempotencyKey: 'x' }))).toMatchObject({ code: 'outbound.refused', retryable: false });
    expect(fake.creates.length).toBe(before);
  });
});
