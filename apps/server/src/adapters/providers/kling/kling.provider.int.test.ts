/**
 * The Kling adapter against the fake Kling API (test/fakes/kling.fake.ts), from PROVIDERS.md §4:
 * the token each request carries, the refusals of bad tokens, callbacks, and what is sent.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobStore } from '../../../ports/blob-store.ts';
import { ProviderFailure } from '../../../ports/video-provider.ts';
import { startKlingFake, type KlingFake } from '../../../../test/fakes/kling.fake.ts';
import { createKlingProvider } from './kling.provider.ts';

const ACCESS = 'AK-int-0001';
const SECRET = 'SK-int-secret';
let fake: KlingFake;

beforeAll(async () => {
  fake = await startKlingFake({ clipSeconds: 1 });
  fake.keys.set(ACCESS, SECRET);
});
afterAll(() => fake.close());

const adapter = (key = `${ACCESS}:${SECRET}`) => createKlingProvider({ baseUrl: fake.baseUrl, blobs: {} as BlobStore, outbound: { allowHosts: [fake.host], timeoutMs: 2000 } }).withCredential(key);

/** A token made by hand (not by kling.jwt.ts) with the given claims. */
function handToken(payload: Record<string, unknown>, secret = SECRET) {
  const b = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const signing = `${b({ alg: 'HS256', typ: 'JWT' })}.${b(payload)}`;
  return `${signing}.${createHmac('sha256', secret).update(signing).digest('base64url')}`;
}

async function listWith(token: string) {
  const res = await fetch(`${fake.baseUrl}/v1/videos/text2video?pageNum=1&pageSize=1`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

describe('Kling over REST', () => {
  it('signs each request with a token naming the access key, valid from 5 s ago for 30 minutes', async () => {
    const before = fake.tokens.length;
    const k = adapter();
    const s = await k.submit(await k.compile({ model: 'kling-v2-6', prompt: 'A gull lands.', durationSec: 5, resolution: '720p', aspectRatio: '16:9' }), { idempotencyKey: 'backlot-take-int-1' });
    expect(s.status).toBe('queued');
    expect(s.providerStatus).toBe('submitted');
    const t = fake.tokens.at(-1)!;
    expect(fake.tokens.length).toBe(before + 1);
    expect(t.iss).toBe(ACCESS);
    expect(t.exp - t.nbf).toBe(1805);
    expect(Math.abs(t.exp - (Date.now() / 1000 + 1800))).toBeLessThan(5);
    expect(fake.creates.at(-1)).toEqual({ model_name: 'kling-v2-6', prompt: 'A gull lands.', mode: 'std', aspect_ratio: '16:9', duration: '5', sound: 'off', external_task_id: 'backlot-take-int-1' });
  });

  it('the fake refuses a wrong signature (1000), an empty header (1001), a token not yet valid (1003) or expired (1004)', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await listWith(handToken({ iss: ACCESS, exp: now + 600, nbf: now - 5 }))).toMatchObject({ status: 200, body: { code: 0 } });
    expect(await listWith(handToken({ iss: ACCESS, exp: now + 600, nbf: now - 5 }, 'wrong'))).toMatchObject({ status: 401, body: { code: 1000, data: null } });
    expect((await fetch(`${fake.baseUrl}/v1/videos/text2video`)).status).toBe(401);
    expect(await listWith(handToken({ iss: ACCESS, exp: now + 600, nbf: now + 120 }))).toMatchObject({ status: 401, body: { code: 1003 } });
    expect(await listWith(handToken({ iss: ACCESS, exp: now - 1, nbf: now - 100 }))).toMatchObject({ status: 401, body: { code: 1004 } });
  });

  it('a key that is not ACCESS:SECRET fails as an auth problem naming the format, and sends nothing', async () => {
    const before = fake.creates.length;
    const k = adapter('only-an-access-key');
    const err = await k.submit(await k.compile({ model: 'kling-v3', prompt: 'x', durationSec: 5 }), { idempotencyKey: 'k2' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderFailure);
    expect((err as ProviderFailure).error).toMatchObject({ category: 'auth', message: expect.stringContaining('ACCESS_KEY:SECRET_KEY') });
    expect(fake.creates.length).toBe(before);
    expect(await adapter('only-an-access-key').testConnection!('only-an-access-key')).toMatchObject({ ok: false });
    expect(await adapter().testConnection!(`${ACCESS}:${SECRET}`)).toEqual({ ok: true, message: 'Kling accepted the key' });
    expect(await adapter().testConnection!(`${ACCESS}:nope`)).toEqual({ ok: false, message: 'Kling refused the key: code 1000 (HTTP 401)' });
  });

  it('asks for callbacks at the public address and gets the bare task object on each status change', async () => {
    const k = adapter();
    const s = await k.submit(await k.compile({ model: 'kling-v2-6', prompt: 'The lamp is lit.', durationSec: 5 }), {
      idempotencyKey: 'backlot-take-int-cb',
      webhookUrl: 'https://backlot.example.test/api/v1/webhooks/takes/t1/s3cret',
    });
    expect(fake.creates.at(-1)?.callback_url).toBe('https://backlot.example.test/api/v1/webhooks/takes/t1/s3cret');
    let last = s;
    while (last.status === 'queued' || last.status === 'running') last = await k.poll(s.providerTaskId);
    expect(last.providerStatus).toBe('succeed');
    const mine = fake.callbacks.filter((c) => c.url.endsWith('/t1/s3cret'));
    expect(mine.map((c) => c.body.task_status)).toEqual(['processing', 'succeed']);
    expect(mine[1].body).toMatchObject({ task_info: { external_task_id: 'backlot-take-int-cb' }, final_unit_deduction: '3' });
    expect(mine[1].body).not.toHaveProperty('code');
    const out = await k.fetchOutput(last);
    expect(out.contentType).toBe('video/mp4');
  });
});
