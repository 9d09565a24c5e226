/**
 * The fal adapter's wire protocol against the fake queue, through the official `@fal-ai/client`, as
 * PROVIDERS.md §6 gives it: `Key` auth and the client's User-Agent, Backlot's picture uploaded to
 * fal's storage, `?fal_webhook=`, status and result under `owner/app` (the sub-path dropped),
 * `COMPLETED` with an error result, the queue's own retries and `x-fal-no-retry`, billing per §9.3,
 * cancel answers, a refused key, and signed webhooks checked against the published keys.
 */
import { generateKeyPairSync } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobStore } from '../../../ports/blob-store.ts';
import type { TaskSnapshot, VideoProviderAdapter } from '../../../ports/video-provider.ts';
import { startFalFake, type FalFake } from '../../../../test/fakes/fal.fake.ts';
import { createFalProvider } from './fal.provider.ts';

const KEY = 'key-id-abc:key-secret-xyz';
const PICTURE = Buffer.from('not really a png, but bytes all the same');
let fake: FalFake;
const blobs = { get: async (sha: string) => (sha === 'c'.repeat(64) ? Readable.from([PICTURE]) : Readable.from([])) } as unknown as BlobStore;
const adapter = (extra: { platformRetries?: boolean; now?: () => number } = {}) =>
  createFalProvider({ queueUrl: fake.baseUrl, restUrl: fake.baseUrl, jwksUrl: fake.jwksUrl, blobs, outbound: { allowHosts: [fake.host], timeoutMs: 5_000 }, ...extra });
const seedance = { model: 'bytedance/seedance-2.0/fast', durationSec: 5, aspectRatio: '16:9', resolution: '720p' as const };

async function untilDone(fal: VideoProviderAdapter, s: TaskSnapshot): Promise<{ last: TaskSnapshot; seen: string[] }> {
  const seen: string[] = [];
  let last = s;
  for (let i = 0; i < 20 && (last.status === 'queued' || last.status === 'running'); i++) {
    last = await fal.poll(s.providerTaskId);
    seen.push(last.providerStatus);
  }
  return { last, seen };
}

beforeAll(async () => {
  fake = await startFalFake();
  fake.keys.add(KEY);
});
afterAll(() => fake.close());

describe('fal queue protocol', () => {
  it('uploads the start frame, submits through the client with Key auth and a webhook, reads status and result without the sub-path, and downloads the video', async () => {
    const fal = adapter().withCredential(KEY);
    const req = await fal.compile({ ...seedance, prompt: 'A gull lands on the rail.', firstFrame: { kind: 'blob', sha256: 'c'.repeat(64), mediaType: 'image/png' }, generateAudio: true });
    const s = await fal.submit(req, { idempotencyKey: 'k1', webhookUrl: 'https://backlot.example.test/api/v1/webhooks/takes/t1/s3cret' });
    const created = fake.creates.at(-1)!;
    expect(created.endpoint).toBe('bytedance/seedance-2.0/fast/image-to-video');
    expect(created.webhook).toBe('https://backlot.example.test/api/v1/webhooks/takes/t1/s3cret');
    expect(created.userAgent).toBe('@fal-ai/client/1.10.1');
    // The platform's retries are left on: no x-fal-no-retry.
    expect(created.headers['x-fal-no-retry']).toBeUndefined();
    const sent = created.input.image_url as string;
    expect(sent).toMatch(new RegExp(`^${fake.baseUrl}/files/`));
    expect(fake.uploads.get(sent.split('/').at(-2)!)?.bytes.equals(PICTURE)).toBe(true);
    expect(created.input).toMatchObject({ prompt: 'A gull lands on the rail.', duration: '5', aspect_ratio: '16:9', resolution: '720p', generate_audio: true });
    expect(s).toMatchObject({ status: 'queued', providerStatus: 'IN_QUEUE', providerTaskId: `bytedance/seedance-2.0/fast/image-to-video/requests/${created.requestId}` });

    const { last, seen } = await untilDone(fal, s);
    expect(seen).toEqual(['IN_QUEUE', 'IN_PROGRESS', 'COMPLETED']);
    expect(last.status).toBe('succeeded');
    const asked = fake.calls.filter((c) => c.path.includes(created.requestId)).map((c) => `${c.method} ${c.path}`);
    expect(asked).toEqual([
      `GET /bytedance/seedance-2.0/requests/${created.requestId}/status`,
      `GET /bytedance/seedance-2.0/requests/${created.requestId}/status`,
      `GET /bytedance/seedance-2.0/requests/${created.requestId}/status`,
      `GET /bytedance/seedance-2.0/requests/${created.requestId}`,
    ]);
    const out = await fal.fetchOutput(last);
    const chunks: Buffer[] = [];
    for await (const c of out.body) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).subarray(4, 8).toString()).toBe('ftyp');
    expect(out.contentType).toBe('video/mp4');
  });

  it('reads a COMPLETED request whose result is the model refusing its input as a failure: invalid input, not retried, billing unknown', async () => {
    const fal = adapter().withCredential(KEY);
    const req = await fal.compile({ ...seedance, prompt: 'A gull.' });
    // A duration the endpoint's schema does not allow, as if the request had been stored by hand.
    const s = await fal.submit({ ...req, body: { ...(req.body as object), duration: '3' } }, { idempotencyKey: 'k2' });
    const { last } = await untilDone(fal, s);
    expect(last).toMatchObject({
      status: 'failed',
      providerStatus: 'COMPLETED',
      error: { code: 'HTTP 422', category: 'invalid_input', retryable: false, charged: 'unknown', httpStatus: 422 },
    });
    expect(last.error!.message).toBe("the model refused the input: body.duration: Input should be 'auto' or a string from '4' to '15'");
  });

  it("lets fal's queue retry infrastructure failures: a flaky runner succeeds unseen, one that never recovers fails after 10 retries, not billed", async () => {
    const fal = adapter().withCredential(KEY);
    const flaky = await fal.submit(await fal.compile({ ...seedance, prompt: 'A gull. [fake:flaky]' }), { idempotencyKey: 'k3' });
    expect((await untilDone(fal, flaky)).last.status).toBe('succeeded');
    expect(fake.requests.get(fake.creates.at(-1)!.requestId)!.runs).toBe(4);

    const broken = await fal.submit(await fal.compile({ ...seedance, prompt: 'A gull. [fake:infra]' }), { idempotencyKey: 'k4' });
    const { last } = await untilDone(fal, broken);
    expect(fake.requests.get(fake.creates.at(-1)!.requestId)!.runs).toBe(11);
    expect(last).toMatchObject({
      status: 'failed',
      providerStatus: 'COMPLETED',
      error: { code: 'runner_scheduling_failure', category: 'provider_internal', retryable: false, charged: false, httpStatus: 503 },
    });
    expect(last.error!.message).toContain('after its queue retried it');
  });

  it('sends x-fal-no-retry when the operator turns the queue retries off, and the first failure surfaces', async () => {
    const fal = adapter({ platformRetries: false }).withCredential(KEY);
    const req = await fal.compile({ ...seedance, prompt: 'A gull. [fake:flaky]' });
    expect(req.headers['x-fal-no-retry']).toBe('1');
    const s = await fal.submit(req, { idempotencyKey: 'k5' });
    expect(fake.creates.at(-1)!.headers['x-fal-no-retry']).toBe('1');
    const { last } = await untilDone(fal, s);
    expect(fake.requests.get(fake.creates.at(-1)!.requestId)!.runs).toBe(1);
    expect(last.error).toMatchObject({ code: 'runner_scheduling_failure', charged: false });
  });

  it('classifies refused submits per §9.3 and reconciles only those as never made', async () => {
    const fal = adapter().withCredential(KEY);
    const req = await fal.compile({ ...seedance, prompt: 'A gull.' });
    fake.failNextSubmit({
      status: 504,
      body: { detail: 'Request timed out', error_type: 'request_timeout' },
      headers: { 'x-fal-request-timeout-type': 'user', 'x-fal-error-type': 'request_timeout' },
    });
    await expect(fal.submit(req, { idempotencyKey: 'k6' })).rejects.toMatchObject({ error: { code: 'request_timeout', category: 'timeout', retryable: false, charged: false } });
    expect(await fal.reconcile('k6', new Date())).toBe('none');
    fake.failNextSubmit({ status: 429, body: { detail: 'Concurrency limit reached' } });
    await expect(fal.submit(req, { idempotencyKey: 'k7' })).rejects.toMatchObject({ error: { category: 'rate_limit', retryable: true, charged: false } });
    fake.failNextSubmit({ status: 503, body: { detail: 'No runner', error_type: 'runner_connection_timeout' }, headers: { 'x-fal-error-type': 'runner_connection_timeout' } });
    await expect(fal.submit(req, { idempotencyKey: 'k8' })).rejects.toMatchObject({ error: { code: 'runner_connection_timeout', category: 'provider_internal', retryable: true, charged: false } });
    // An answer lost on the way: fal has no key or list to ask, so Backlot cannot know.
    fake.failNextSubmit('malformed');
    await expect(fal.submit(req, { idempotencyKey: 'k9' })).rejects.toMatchObject({ error: { code: 'malformed_response' } });
    expect(await fal.reconcile('k9', new Date())).toBe('unknowable');
    // A wrong key.
    await expect(adapter().withCredential('key-id-abc:wrong').submit(req, { idempotencyKey: 'k10' })).rejects.toMatchObject({ error: { category: 'auth', httpStatus: 401 } });
    expect(await adapter().testConnection!(KEY)).toEqual({ ok: true, message: 'fal accepted the key' });
    expect(await adapter().testConnection!('key-id-abc:wrong')).toEqual({ ok: false, message: 'fal refused the key (HTTP 401)' });
  });

  it('cancels a queued request, only signals a running one, and says too late once it completed', async () => {
    const fal = adapter().withCredential(KEY);
    const req = await fal.compile({ ...seedance, model: 'fal-ai/kling-video/v2.5-turbo/pro', resolution: '1080p', prompt: 'A gull.' });
    const queued = await fal.submit(req, { idempotencyKey: 'c1' });
    // No public address given: no webhook asked for.
    expect(fake.creates.at(-1)!.webhook).toBeNull();
    expect(await fal.cancel(queued.providerTaskId)).toBe('canceled');
    const running = await fal.submit(req, { idempotencyKey: 'c2' });
    await fal.poll(running.providerTaskId);
    expect((await fal.poll(running.providerTaskId)).providerStatus).toBe('IN_PROGRESS');
    expect(await fal.cancel(running.providerTaskId)).toBe('cancel_requested');
    const { last } = await untilDone(fal, running);
    expect(last.status).toBe('succeeded');
    expect(await fal.cancel(running.providerTaskId)).toBe('too_late');
    expect(fake.calls.filter((c) => c.method === 'PUT').map((c) => c.path)).toEqual([
      `/fal-ai/kling-video/requests/${queued.providerTaskId.split('/').at(-1)}/cancel`,
      `/fal-ai/kling-video/requests/${running.providerTaskId.split('/').at(-1)}/cancel`,
      `/fal-ai/kling-video/requests/${running.providerTaskId.split('/').at(-1)}/cancel`,
    ]);
  });
});

describe('fal webhooks', () => {
  const taskId = 'bytedance/seedance-2.0/fast/text-to-video/requests/764cabcf-b745-4b3e-ae38-1200304cf45b';
  const requestId = '764cabcf-b745-4b3e-ae38-1200304cf45b';
  const body = JSON.stringify({ request_id: requestId, gateway_request_id: requestId, status: 'OK', payload: { video: { url: 'https://v3b.fal.media/files/x/output.mp4' } } });
  const push = (headers: Record<string, string>, raw = body, id: string | null = taskId) => ({
    headers: new Headers(headers),
    rawBody: Buffer.from(raw),
    url: new URL('https://backlot.example.test/x'),
    taskId: id,
  });

  it('accepts a push signed with a published key, for the task the take holds', async () => {
    expect(await adapter().parseWebhook!(push(fake.signedHeaders(requestId, body)))).toEqual({ providerTaskId: taskId, verified: true });
  });

  it('reads the published keys once for pushes arriving together, and again after fal rotates its key', async () => {
    let clock = Date.now();
    const fal = adapter({ now: () => clock });
    const before = fake.jwksReads;
    const results = await Promise.all(Array.from({ length: 20 }, () => fal.parseWebhook!(push(fake.signedHeaders(requestId, body)))));
    expect(results.every((r) => r.verified)).toBe(true);
    expect(fake.jwksReads).toBe(before + 1);
    fake.rotateKey();
    // Within a minute of the last read the keys are not read again, so a push under a new key waits for fal's next attempt.
    clock += 30_000;
    const rotated = () => push(fake.signedHeaders(requestId, body, { timestamp: Math.floor(clock / 1000) }));
    await expect(fal.parseWebhook!(rotated())).rejects.toThrow("the push signature matches none of fal's published keys");
    clock += 31_000;
    expect(await fal.parseWebhook!(rotated())).toEqual({ providerTaskId: taskId, verified: true });
    expect(fake.jwksReads).toBe(before + 2);
  });

  it('refuses a changed body, a foreign key, a stale or future timestamp, a missing header and another task', async () => {
    const fal = adapter();
    const refused = (p: ReturnType<typeof push>) =>
      fal.parseWebhook!(p).then(
        () => 'accepted',
        (e: Error) => e.message,
      );
    const tampered = body.replace('"OK"', '"ERROR"');
    expect(await refused(push(fake.signedHeaders(requestId, body), tampered))).toBe("the push signature matches none of fal's published keys");
    const forger = generateKeyPairSync('ed25519').privateKey;
    expect(await refused(push(fake.signedHeaders(requestId, body, { key: forger })))).toBe("the push signature matches none of fal's published keys");
    const now = Math.floor(Date.now() / 1000);
    expect(await refused(push(fake.signedHeaders(requestId, body, { timestamp: now - 301 })))).toMatch(/^the push was signed 30\d s away from now, more than the 300 s allowed$/);
    expect(await refused(push(fake.signedHeaders(requestId, body, { timestamp: now + 400 })))).toMatch(/more than the 300 s allowed$/);
    const { 'x-fal-webhook-signature': _dropped, ...unsigned } = fake.signedHeaders(requestId, body);
    expect(await refused(push(unsigned))).toBe('the push has no x-fal-webhook-signature header');
    expect(await refused(push(fake.signedHeaders(requestId, body), body, 'bytedance/seedance-2.0/fast/text-to-video/requests/another-request'))).toBe(
      'the push names another fal request than the take holds',
    );
  });
});
