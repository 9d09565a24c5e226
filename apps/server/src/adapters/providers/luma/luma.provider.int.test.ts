/**
 * The Luma adapter's wire protocol against the fake, through the `lumaai` client, as PROVIDERS.md §3
 * gives it: Bearer keys, `POST /dream-machine/v1/generations/video` with `callback_url` when there is
 * a public address (and the fake's callbacks arriving), `dreaming`, the Agents API's own path and
 * `processing`, a refused key, and reconciling from the list.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobStore } from '../../../ports/blob-store.ts';
import { startLumaFake, type LumaFake } from '../../../../test/fakes/luma.fake.ts';
import { createLumaProvider } from './luma.provider.ts';

const KEY = 'luma-protocol-key-0123456789';
let fake: LumaFake;
let hook: Server;
let hookUrl = '';
const received: Array<{ state: string }> = [];
const adapter = () => createLumaProvider({ dreamMachineUrl: fake.dreamMachineUrl, agentsUrl: fake.agentsUrl, blobs: {} as BlobStore, outbound: { allowHosts: [fake.host], timeoutMs: 5_000 } });

beforeAll(async () => {
  fake = await startLumaFake();
  fake.keys.add(KEY);
  hook = createServer(async (req, res) => {
    let text = '';
    for await (const c of req) text += c;
    received.push(JSON.parse(text));
    res.writeHead(200);
    res.end();
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/api/v1/webhooks/takes/t1/s3cret`;
});
afterAll(async () => {
  await fake.close();
  hook.closeAllConnections();
  await new Promise((r) => hook.close(r));
});

describe('Luma protocol', () => {
  it('creates a Dream Machine generation through the SDK with keyframes and a callback, and follows queued → dreaming → completed', async () => {
    const luma = adapter().withCredential(KEY);
    const req = await luma.compile({
      model: 'ray-2',
      prompt: 'A gull lands.',
      durationSec: 5,
      firstFrame: { kind: 'url', url: 'https://assets.example.test/first.jpg' },
      lastFrame: { kind: 'provider', ref: '7d0c1c9e-5a7f-4d55-9a7e-2f1f5b0f8c31' },
    });
    const s = await luma.submit(req, { idempotencyKey: 'k', webhookUrl: hookUrl });
    expect(s).toMatchObject({ status: 'queued', providerStatus: 'queued' });
    expect(fake.creates.at(-1)).toMatchObject({
      api: 'dream-machine',
      body: {
        callback_url: hookUrl,
        keyframes: { frame0: { type: 'image', url: 'https://assets.example.test/first.jpg' }, frame1: { type: 'generation', id: '7d0c1c9e-5a7f-4d55-9a7e-2f1f5b0f8c31' } },
      },
    });
    expect(fake.authorizations.at(-1)).toBe(`Bearer ${KEY}`);
    const seen: string[] = [];
    let snap = s;
    while (snap.status !== 'succeeded') seen.push((snap = await luma.poll(s.providerTaskId)).providerStatus);
    expect(seen).toEqual(['queued', 'dreaming', 'completed']);
    expect(snap.outputs[0].expiresAt).toBeTruthy();
    // The callback got each state, unsigned: the worker only takes it as a reason to poll.
    await expect.poll(() => received.map((r) => r.state)).toEqual(['queued', 'dreaming', 'completed']);
    // After a crash the generation is found again in the list by the request Luma echoes.
    const found = await luma.reconcile('k', new Date(Date.now() - 10_000), req);
    expect(found).toMatchObject({ providerTaskId: s.providerTaskId });
    // Held by another take, the generation is that take's, however alike the request: this one's never arrived.
    const heldBy = new Map([[s.providerTaskId, 'another take']]);
    expect(await luma.reconcile('k2', new Date(Date.now() - 10_000), req, async (ids) => new Set(ids.filter((id) => heldBy.has(id))))).toBe('none');
  });

  it('creates a Ray 3.2 generation on the Agents API and follows queued → processing → completed', async () => {
    const luma = adapter().withCredential(KEY);
    const s = await luma.submit(await luma.compile({ model: 'ray-3.2', prompt: 'A gull lands.', durationSec: 10, resolution: '1080p' }), { idempotencyKey: 'k', webhookUrl: hookUrl });
    expect(s.providerTaskId).toMatch(/^agents:/);
    expect(fake.creates.at(-1)).toEqual({
      api: 'agents',
      at: expect.any(Number),
      body: { model: 'ray-3.2', type: 'video', prompt: 'A gull lands.', aspect_ratio: '16:9', video: { duration: '10s', resolution: '1080p' } },
    });
    const seen: string[] = [];
    let snap = s;
    while (snap.status !== 'succeeded') seen.push((snap = await luma.poll(s.providerTaskId)).providerStatus);
    expect(seen).toEqual(['queued', 'processing', 'completed']);
    expect(await luma.cancel(s.providerTaskId)).toBe('unsupported');
  });

  it('refuses a wrong key as auth without retrying, and tests a key without spending', async () => {
    const before = fake.creates.length;
    const luma = adapter().withCredential('wrong-key');
    await expect(luma.submit(await luma.compile({ model: 'ray-flash-2', prompt: 'x', durationSec: 5 }), { idempotencyKey: 'k' })).rejects.toMatchObject({
      error: { category: 'auth', httpStatus: 401, retryable: false },
    });
    expect(fake.creates.length).toBe(before);
    expect(await adapter().testConnection!(KEY)).toEqual({ ok: true, message: 'Luma accepted the key' });
    expect(await adapter().testConnection!(`${KEY}:luma-api-agents-only`)).toEqual({ ok: true, message: 'Luma accepted the key' });
    expect((await adapter().testConnection!('wrong-key')).ok).toBe(false);
  });

  it('sends each API its own key when the stored key holds both', async () => {
    fake.keys.add('luma-api-agents-0001');
    const luma = adapter().withCredential(`${KEY}:luma-api-agents-0001`);
    await luma.submit(await luma.compile({ model: 'ray-3.2', prompt: 'x', durationSec: 5 }), { idempotencyKey: 'k' });
    expect(fake.authorizations.at(-1)).toBe('Bearer luma-api-agents-0001');
    await luma.submit(await luma.compile({ model: 'ray-2', prompt: 'x', durationSec: 5 }), { idempotencyKey: 'k' });
    expect(fake.authorizations.at(-1)).toBe(`Bearer ${KEY}`);
  });
});
