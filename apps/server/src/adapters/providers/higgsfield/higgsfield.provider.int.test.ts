/**
 * The Higgsfield adapter's wire protocol against the fake, as PROVIDERS.md §5 gives it: the client's
 * `Key id:secret` and User-Agent, the input as the whole body, `?hf_webhook=` on the submit URL, an
 * upload of Backlot's own picture, `nsfw` as a refunded moderation failure, cancel answers, and a
 * refused key.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobStore } from '../../../ports/blob-store.ts';
import { startHiggsfieldFake, type HiggsfieldFake } from '../../../../test/fakes/higgsfield.fake.ts';
import { createHiggsfieldProvider } from './higgsfield.provider.ts';

const CREDENTIALS = 'id-abc:secret-xyz';
const PICTURE = Buffer.from('not really a png, but bytes all the same');
let fake: HiggsfieldFake;
const blobs = { get: async (sha: string) => (sha === 'c'.repeat(64) ? Readable.from([PICTURE]) : Readable.from([])) } as unknown as BlobStore;
const adapter = () => createHiggsfieldProvider({ baseUrl: fake.baseUrl, blobs, outbound: { allowHosts: [fake.host], timeoutMs: 5_000 } });

beforeAll(async () => {
  fake = await startHiggsfieldFake();
  fake.credentials.add(CREDENTIALS);
});
afterAll(() => fake.close());

describe('Higgsfield protocol', () => {
  it('uploads the start frame, submits through the client with Key auth and a webhook, and follows the request to completed', async () => {
    const hf = adapter().withCredential(CREDENTIALS);
    const req = await hf.compile({ model: 'dop-lite', prompt: 'A gull lands on the rail.', seed: 42, firstFrame: { kind: 'blob', sha256: 'c'.repeat(64), mediaType: 'image/png' } });
    expect(req.body).toEqual({ model: 'dop-lite', prompt: 'A gull lands on the rail.', input_images: [{ type: 'image_url', image_url: `backlot-blob:${'c'.repeat(64)}:image/png` }], seed: 42 });
    const s = await hf.submit(req, { idempotencyKey: 'k', webhookUrl: 'https://backlot.example.test/api/v1/webhooks/takes/t1/s3cret' });
    expect(s).toMatchObject({ status: 'queued', providerStatus: 'queued' });
    const created = fake.creates.at(-1)!;
    expect(created.webhook).toBe('https://backlot.example.test/api/v1/webhooks/takes/t1/s3cret');
    const sent = (created.body.input_images as Array<{ image_url: string }>)[0].image_url;
    expect(sent).toMatch(new RegExp(`^${fake.baseUrl}/files/`));
    expect(fake.uploads.get(sent.split('/').at(-1)!)?.bytes.equals(PICTURE)).toBe(true);
    expect(fake.authorizations.at(-1)).toBe(`Key ${CREDENTIALS}`);
    expect(fake.userAgents.at(-1)).toBe('higgsfield-server-js/2.0');
    const seen: string[] = [];
    let snap = s;
    while (snap.status !== 'succeeded') seen.push((snap = await hf.poll(s.providerTaskId)).providerStatus);
    expect(seen).toEqual(['queued', 'in_progress', 'completed']);
    const out = await hf.fetchOutput(snap);
    const chunks: Buffer[] = [];
    for await (const c of out.body) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).subarray(4, 8).toString()).toBe('ftyp');
  });

  it('reports nsfw as moderation, never retried, not charged', async () => {
    const hf = adapter().withCredential(CREDENTIALS);
    const s = await hf.submit(await hf.compile({ model: 'dop-turbo', prompt: 'x [fake:nsfw]', firstFrame: { kind: 'url', url: 'https://assets.example.test/a.png' } }), { idempotencyKey: 'k' });
    let snap = s;
    while (snap.status === 'queued' || snap.status === 'running') snap = await hf.poll(s.providerTaskId);
    expect(snap).toMatchObject({ status: 'failed', providerStatus: 'nsfw', error: { code: 'nsfw', category: 'moderation', retryable: false, charged: false } });
  });

  it('cancels a queued request, and says too late once it runs', async () => {
    const hf = adapter().withCredential(CREDENTIALS);
    const spec = { model: 'dop-standard', prompt: 'x', firstFrame: { kind: 'url' as const, url: 'https://assets.example.test/a.png' } };
    const queued = await hf.submit(await hf.compile(spec), { idempotencyKey: 'k' });
    expect(await hf.cancel(queued.providerTaskId)).toBe('canceled');
    expect((await hf.poll(queued.providerTaskId)).status).toBe('canceled');
    const running = await hf.submit(await hf.compile(spec), { idempotencyKey: 'k' });
    await hf.poll(running.providerTaskId);
    expect((await hf.poll(running.providerTaskId)).providerStatus).toBe('in_progress');
    expect(await hf.cancel(running.providerTaskId)).toBe('too_late');
  });

  it('refuses a wrong key as auth, a missing start frame before sending, and says reconcile cannot know', async () => {
    const hf = adapter().withCredential('id-abc:wrong');
    const req = await hf.compile({ model: 'dop-lite', prompt: 'x', firstFrame: { kind: 'url', url: 'https://assets.example.test/a.png' } });
    await expect(hf.submit(req, { idempotencyKey: 'k' })).rejects.toMatchObject({ error: { category: 'auth', httpStatus: 401 } });
    expect(adapter().validate({ model: 'dop-lite', prompt: 'x' })).toEqual([{ field: 'references', problem: 'Higgsfield DoP Lite animates a start frame: give the shot a start-frame reference' }]);
    expect(await adapter().reconcile('k', new Date())).toBe('unknowable');
    // A plan's move is never sent as a motion id; motions go only by the ids Higgsfield lists.
    const moved = await adapter().compile({ model: 'dop-lite', prompt: 'x', camera: { preset: 'push_in', axes: { zoom: 5 } }, firstFrame: { kind: 'url', url: 'https://assets.example.test/a.png' } });
    expect(moved.body).not.toHaveProperty('motions');
    const listed = await adapter().compile({
      model: 'dop-lite',
      prompt: 'x',
      providerOptions: { motions: [{ id: 'motion-0001', strength: 0.5 }] },
      firstFrame: { kind: 'url', url: 'https://assets.example.test/a.png' },
    });
    expect((listed.body as { motions?: unknown }).motions).toEqual([{ id: 'motion-0001', strength: 0.5 }]);
    expect(await adapter().testConnection!(CREDENTIALS)).toEqual({ ok: true, message: 'Higgsfield accepted the key' });
    expect(await adapter().testConnection!('id-abc:wrong')).toEqual({ ok: false, message: 'Higgsfield refused the key (HTTP 401); it is KEY_ID:KEY_SECRET' });
  });
});
