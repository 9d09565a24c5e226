/**
 * The Replicate adapter through the official `replicate` client against the fake Replicate API
 * (test/fakes/replicate.fake.ts), from PROVIDERS.md §7: the two ways of sending, uploads, throttling
 * with `Retry-After`, cursor pages when reconciling, cancel, and signed webhooks — checked by the
 * adapter and at Backlot's callback address, where a forged one is refused and logged.
 */
import { createHmac } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobStore } from '../../../ports/blob-store.ts';
import { ProviderFailure, type TaskSnapshot, type VideoProviderAdapter } from '../../../ports/video-provider.ts';
import { createServerLogger } from '../../../admin/serve.command.ts';
import { createHarness, ORIGIN, type Harness, type Person } from '../../../../test/harness.ts';
import { replicateFakeEnv, startReplicateFake, type ReplicateFake } from '../../../../test/fakes/replicate.fake.ts';
import { createReplicateProvider } from './replicate.provider.ts';

const TOKEN = 'r8_int0123456789abcdefghij';
const LTX = 'lightricks/ltx-video:8c47da666861d081eeb4d1261853087de23923a268a69b63febdf5dc1dee08e4';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
let fake: ReplicateFake;
let secret = '';

beforeAll(async () => {
  fake = await startReplicateFake({ clipSeconds: 1 });
  secret = fake.addToken(TOKEN);
});
afterAll(() => fake.close());

const blobs = { get: async () => Readable.from([PNG]) } as unknown as BlobStore;
const adapter = (token = TOKEN, maxInlineWaitMs?: number) =>
  createReplicateProvider({ baseUrl: fake.baseUrl, blobs, outbound: { allowHosts: [fake.host], timeoutMs: 3000 }, maxInlineWaitMs }).withCredential(token);

async function toEnd(a: VideoProviderAdapter, s: TaskSnapshot): Promise<TaskSnapshot> {
  let last = s;
  while (last.status === 'queued' || last.status === 'running') last = await a.poll(s.providerTaskId);
  return last;
}

describe('Replicate through the official client', () => {
  it('sends an official model by name and a community model by version, each to its own path', async () => {
    const r = adapter();
    const official = await r.submit(await r.compile({ model: 'bytedance/seedance-1-pro', prompt: 'Dawn.', durationSec: 5, seed: 11 }), { idempotencyKey: 'k1' });
    expect(official).toMatchObject({ status: 'queued', providerStatus: 'starting' });
    expect(fake.creates.at(-1)).toMatchObject({ path: '/models/bytedance/seedance-1-pro/predictions', body: { input: { prompt: 'Dawn.', duration: 5, seed: 11 } } });
    const pinned = await r.submit(await r.compile({ model: LTX, prompt: 'Fog.', durationSec: 4, seed: 12 }), { idempotencyKey: 'k2' });
    expect(fake.creates.at(-1)).toMatchObject({ path: '/predictions', body: { version: '8c47da666861d081eeb4d1261853087de23923a268a69b63febdf5dc1dee08e4', input: { length: 97 } } });
    // A community model answers an array of URLs and is billed by the GPU time reported.
    const done = await toEnd(r, pinned);
    expect(done.providerStatus).toBe('succeeded');
    expect(done.outputs).toHaveLength(1);
    expect(done.usage).toEqual({ unit: 'gpu_seconds', quantity: 42.5 });
    expect((await toEnd(r, official)).outputs[0].url).toMatch(/\/delivery\/[a-z0-9]+\/output\.mp4$/);
  });

  it('uploads Backlot’s own picture through POST /files and sends the file’s URL', async () => {
    const r = adapter();
    const req = await r.compile({ model: 'kwaivgi/kling-v2.1', prompt: 'A gull lands.', durationSec: 5, firstFrame: { kind: 'blob', sha256: 'ab'.repeat(32), mediaType: 'image/png' } });
    await r.submit(req, { idempotencyKey: 'k3' });
    const sent = fake.creates.at(-1)!.body.input as { start_image: string; mode: string };
    expect(sent.mode).toBe('standard');
    expect(sent.start_image).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/files\/[a-z0-9]+\/download/);
    const id = /files\/([a-z0-9]+)\//.exec(sent.start_image)![1];
    expect(fake.files.get(id)).toEqual({ bytes: PNG, type: 'image/png' });
  });

  it('waits out a short Retry-After and asks once more; a long one goes back to the worker with the wait, asked once', async () => {
    const r = adapter(TOKEN, 2_000);
    fake.failNextCreate({ status: 429, detail: 'Request was throttled. Your rate limit resets in ~1s.', retryAfter: '1' });
    await r.submit(await r.compile({ model: 'bytedance/seedance-1-lite', prompt: 'x', durationSec: 5 }), { idempotencyKey: 'k4' });
    expect(fake.creates.at(-1)!.at - fake.throttled.at(-1)!).toBeGreaterThanOrEqual(990);

    const throttled = fake.throttled.length;
    const creates = fake.creates.length;
    fake.failNextCreate({ status: 429, detail: 'Request was throttled. Your rate limit resets in ~30s.', retryAfter: '30' });
    const err = await r.submit(await r.compile({ model: 'bytedance/seedance-1-lite', prompt: 'x', durationSec: 5 }), { idempotencyKey: 'k5' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderFailure);
    expect((err as ProviderFailure).error).toMatchObject({
      category: 'rate_limit',
      retryable: true,
      charged: false,
      retryAfterMs: 30_000,
      message: 'Request was throttled. Your rate limit resets in ~30s.',
    });
    // The client's own retries did not reach Replicate again.
    expect(fake.throttled.length).toBe(throttled + 1);
    expect(fake.creates.length).toBe(creates);
  });

  it('reconciles through cursor pages, newest first, by the input Replicate echoes', async () => {
    const r = adapter('r8_reconcile000000000000000');
    fake.addToken('r8_reconcile000000000000000');
    const since = new Date();
    const sent = [];
    for (let seed = 1; seed <= 5; seed++) {
      const req = await r.compile({ model: 'bytedance/seedance-1-lite', prompt: 'Pier at dawn.', durationSec: 5, seed });
      sent.push({ req, id: (await r.submit(req, { idempotencyKey: `rk${seed}` })).providerTaskId });
    }
    fake.pageSize = 2;
    fake.listOmitsInput = true;
    try {
      const pages = fake.listPages.length;
      // The oldest of five is on the third page of two.
      const found = await r.reconcile('rk1', since, sent[0].req);
      expect(found).toMatchObject({ providerTaskId: sent[0].id });
      expect(fake.listPages.slice(pages)).toEqual([null, expect.any(String), expect.any(String)]);
      // A request never sent matches nothing.
      expect(await r.reconcile('rk9', since, await r.compile({ model: 'bytedance/seedance-1-lite', prompt: 'Pier at dawn.', durationSec: 5, seed: 99 }))).toBe('none');
      // Two the same cannot be told apart.
      await r.submit(sent[2].req, { idempotencyKey: 'rk3-again' });
      expect(await r.reconcile('rk3', since, sent[2].req)).toBe('unknowable');
    } finally {
      fake.pageSize = 100;
      fake.listOmitsInput = false;
    }
  });

  it('cancels a prediction before it ends; one that ended is too late', async () => {
    const r = adapter();
    const s = await r.submit(await r.compile({ model: 'bytedance/seedance-1-lite', prompt: 'x', durationSec: 5 }), { idempotencyKey: 'k6' });
    expect(await r.cancel(s.providerTaskId)).toBe('canceled');
    expect((await r.poll(s.providerTaskId)).status).toBe('canceled');
    const t = await toEnd(r, await r.submit(await r.compile({ model: 'bytedance/seedance-1-lite', prompt: 'y', durationSec: 5 }), { idempotencyKey: 'k7' }));
    expect(await r.cancel(t.providerTaskId)).toBe('too_late');
  });

  it('has a prediction stopped after it started read once more, canceled with the GPU time it ran, which is what it settles at', async () => {
    const r = adapter();
    const s = await r.submit(await r.compile({ model: LTX, prompt: 'Fog.', durationSec: 4, seed: 3 }), { idempotencyKey: 'k-ran' });
    let now = s;
    while (now.providerStatus !== 'processing') now = await r.poll(s.providerTaskId);
    expect(await r.cancel(s.providerTaskId)).toBe('cancel_requested');
    const stopped = await r.poll(s.providerTaskId);
    expect(stopped).toMatchObject({ status: 'canceled', providerStatus: 'canceled', usage: { unit: 'gpu_seconds', quantity: 12.5 } });
    expect(await r.settleUsage(stopped, { unit: 'gpu_seconds', quantity: 60, detail: '' })).toEqual({ quantity: 12.5, reported: true });
  });

  it('tests a token without spending', async () => {
    expect(await adapter().testConnection!(TOKEN)).toEqual({ ok: true, message: 'Replicate accepted the token' });
    expect(await adapter().testConnection!('r8_nobody000000000000')).toEqual({ ok: false, message: 'Replicate refused the token: Invalid token. (HTTP 401)' });
  });

  it('asks for start and completed pushes, each signed with the account’s whsec_ secret, and verifies them', async () => {
    const r = adapter();
    const s = await r.submit(await r.compile({ model: 'bytedance/seedance-1-lite', prompt: 'Lamp lit.', durationSec: 5 }), {
      idempotencyKey: 'k8',
      webhookUrl: 'https://backlot.example.test/api/v1/webhooks/takes/t1/s3cret',
    });
    expect(fake.creates.at(-1)!.body).toMatchObject({ webhook: 'https://backlot.example.test/api/v1/webhooks/takes/t1/s3cret', webhook_events_filter: ['start', 'completed'] });
    await toEnd(r, s);
    const pushes = fake.callbacks.filter((c) => c.url.endsWith('/t1/s3cret'));
    expect(pushes.map((c) => JSON.parse(c.body).status)).toEqual(['processing', 'succeeded']);
    // The fake signs by its own code; checked here by hand too.
    const last = pushes[1];
    const expected = createHmac('sha256', Buffer.from(secret.slice(6), 'base64'))
      .update(`${last.headers['webhook-id']}.${last.headers['webhook-timestamp']}.${last.body}`)
      .digest('base64');
    expect(last.headers['webhook-signature']).toBe(`v1,${expected}`);
    const parsed = await r.parseWebhook!({ headers: new Headers(last.headers), rawBody: Buffer.from(last.body), url: new URL(last.url) });
    expect(parsed).toMatchObject({ providerTaskId: s.providerTaskId, verified: true, snapshot: { status: 'succeeded' } });
    const forged = await r.parseWebhook!({ headers: new Headers(last.headers), rawBody: Buffer.from(last.body.replace('succeeded', 'failed')), url: new URL(last.url) }).catch((e: unknown) => e);
    expect((forged as ProviderFailure).error).toMatchObject({ code: 'webhook.unverified', category: 'auth' });
  });
});

describe('Replicate pushes at Backlot’s callback address', () => {
  let h: Harness;
  let owner: Person;
  let logText = '';
  const logger = createServerLogger('debug', new Writable({ write: (chunk, _e, done) => ((logText += chunk.toString()), done()) }));

  beforeAll(async () => {
    h = await createHarness('sqlite', { env: replicateFakeEnv(() => fake, {}, 19), app: { logger } });
    owner = await h.person('Olga Owner');
  });
  afterAll(async () => {
    await h.app.close();
    await h.container.close().catch(() => {});
    await h.testDb.drop();
  });

  it('wakes the take for a verified push and refuses, and logs, a forged or stale one; honours a long Retry-After; previews what a model cannot honour', async () => {
    const projectId = await h.project(owner, 'HOOK');
    const url = (p: string) => `/api/v1/projects/${projectId}${p}`;
    await h.as(owner, { method: 'PATCH', url: url(''), payload: { generation: { requireLocked: false } } });
    await h.as(owner, { method: 'PUT', url: url('/provider-keys/replicate'), payload: { secret: TOKEN } });
    await h.container.store.transaction((tx) =>
      tx.prices.upsert({ currency: 'USD', provider: 'replicate', model: 'bytedance/seedance-1-lite', unit: 'seconds', perQuantity: 1, priceMicros: 36_000, updatedAt: new Date().toISOString() }),
    );
    const scene = await h.as(owner, { method: 'POST', url: url('/scenes'), payload: { heading: 'EXT. PIER - DAWN' } });
    const shot = await h.as(owner, {
      method: 'POST',
      url: url(`/scenes/${scene.json().id}/shots`),
      payload: { plan: { job: 'Pier', subjectAction: 'A gull lands.', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['Gull readable'], targetFrames: 120 } },
    });
    const made = await h.as(owner, {
      method: 'POST',
      url: url(`/shots/${shot.json().id}/takes`),
      payload: { provider: 'replicate', model: 'bytedance/seedance-1-lite', settings: { resolution: '720p' } },
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().takes[0].id;
    const jobs = h.container.services.takeJobs;
    for (const c of await jobs.claim('w', 10, 30_000)) await jobs.advance(c, 'w');
    const take = (await h.container.store.read.takes.get(id))!;
    expect(take.providerTaskId).toBeTruthy();
    await h.container.store.transaction((tx) => tx.takes.update(id, { leaseOwner: null, leaseUntil: null, nextAttemptAt: new Date(Date.now() + 600_000).toISOString() }));
    // Once the prediction starts, Replicate pushes `start`.
    const r = createReplicateProvider({ baseUrl: fake.baseUrl, blobs, outbound: { allowHosts: [fake.host], timeoutMs: 3000 } }).withCredential(TOKEN);
    while ((await r.poll(take.providerTaskId!)).providerStatus === 'starting');
    const push = fake.callbacks.find((c) => c.url.includes(`/webhooks/takes/${id}/`) && JSON.parse(c.body).status === 'processing')!;
    expect(push.url.startsWith(`${ORIGIN}/api/v1/webhooks/takes/${id}/`)).toBe(true);
    const path = new URL(push.url).pathname;
    const due = async () => (await h.container.store.read.takes.get(id))!.nextAttemptAt;
    const later = await due();

    const forged = await h.as(undefined, { method: 'POST', url: path, headers: push.headers, payload: push.body.replace('processing', 'succeeded') });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.message).toMatch(/does not verify/);
    expect(await due()).toBe(later);
    expect(logText).toMatch(/provider webhook refused/);
    expect(logText).not.toContain(secret);

    const stale = String(Math.floor(Date.now() / 1000) - 600);
    const signature = createHmac('sha256', Buffer.from(secret.slice(6), 'base64'))
      .update(`${push.headers['webhook-id']}.${stale}.${push.body}`)
      .digest('base64');
    const old = await h.as(undefined, { method: 'POST', url: path, headers: { ...push.headers, 'webhook-timestamp': stale, 'webhook-signature': `v1,${signature}` }, payload: push.body });
    expect(old.statusCode).toBe(401);
    expect(old.json().error.message).toMatch(/five minutes/);
    expect(await due()).toBe(later);

    const good = await h.as(undefined, { method: 'POST', url: path, headers: push.headers, payload: push.body });
    expect(good.statusCode, good.body).toBe(202);
    expect((await due()) < later).toBe(true);

    // A 429 asking for more than Backlot waits inside a request: the worker tries again no sooner than asked (not its usual 2 s).
    fake.failNextCreate({ status: 429, detail: 'Request was throttled. Your rate limit resets in ~30s.', retryAfter: '30' });
    const next = await h.as(owner, {
      method: 'POST',
      url: url(`/shots/${shot.json().id}/takes`),
      payload: { provider: 'replicate', model: 'bytedance/seedance-1-lite', settings: { resolution: '720p' } },
    });
    const throttledId = next.json().takes[0].id;
    const asked = Date.now();
    for (const c of await jobs.claim('w2', 10, 30_000)) if (c === throttledId) await jobs.advance(c, 'w2');
    const throttled = (await h.container.store.read.takes.get(throttledId))!;
    expect(throttled.providerTaskId).toBeNull();
    expect(Date.parse(throttled.nextAttemptAt) - asked).toBeGreaterThanOrEqual(30_000);

    // Before anything is spent: what LTX-Video will not honour, and its estimate in GPU seconds at the catalog's price.
    await h.container.store.transaction((tx) =>
      tx.prices.upsert({ currency: 'USD', provider: 'replicate', model: LTX, unit: 'gpu_seconds', perQuantity: 1, priceMicros: 1_000, updatedAt: new Date().toISOString() }),
    );
    const preview = await h.as(owner, { method: 'POST', url: url(`/shots/${shot.json().id}/generate/preview`), payload: { provider: 'replicate', model: LTX, settings: {} } });
    expect(preview.statusCode, preview.body).toBe(200);
    const shown = preview.json();
    // The plan's 120 frames (5 s) become LTX-Video's one length, 4 s; 97 frames with the first.
    expect(shown.adaptations).toEqual(expect.arrayContaining([expect.objectContaining({ what: 'duration', action: 'adapted', why: expect.stringContaining('4 s (96 frames)') })]));
    expect(shown.request).toMatchObject({ url: `${fake.baseUrl}/predictions`, body: { version: LTX.split(':')[1], input: { length: 97 } } });
    // 60 GPU seconds at $0.001 each.
    expect(shown.estimate).toMatchObject({ perTake: '0.06', currency: 'USD' });
    expect(shown.refusals).toEqual([]);
  });
});
