/** What the Replicate adapter sends, refuses and reads, written by hand from PROVIDERS.md §7, §9.1 and §9.3. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config/load-config.ts';
import type { BlobStore } from '../../../ports/blob-store.ts';
import { classifyReplicateFailure, classifyReplicateHttp, replicateSnapshot } from './replicate.mapping.ts';
import { createReplicateProvider } from './replicate.provider.ts';
import { replicateWebhookProblem } from './replicate.webhook.ts';

const replicate = createReplicateProvider({ baseUrl: 'https://api.replicate.com/v1', blobs: {} as BlobStore, outbound: { allowHosts: [], timeoutMs: 1000 } });
const LTX = 'lightricks/ltx-video:8c47da666861d081eeb4d1261853087de23923a268a69b63febdf5dc1dee08e4';

describe('Replicate compile', () => {
  it('an official model by name, its input in the model’s own fields', async () => {
    const t = await replicate.compile({ model: 'bytedance/seedance-1-pro', prompt: 'Dawn over the pier.', durationSec: 5, aspectRatio: '9:16', resolution: '1080p', seed: 7 });
    expect(t.url).toBe('https://api.replicate.com/v1/models/bytedance/seedance-1-pro/predictions');
    expect(t.body).toEqual({ input: { prompt: 'Dawn over the pier.', duration: 5, resolution: '1080p', aspect_ratio: '9:16', seed: 7 } });
    const frames = await replicate.compile({
      model: 'bytedance/seedance-1-lite',
      prompt: 'She turns.',
      durationSec: 6,
      firstFrame: { kind: 'url', url: 'https://a.test/1.jpg' },
      lastFrame: { kind: 'blob', sha256: 'cd'.repeat(32), mediaType: 'image/png' },
    });
    // A start frame sets the shape: no ratio is sent with it; Backlot's picture waits as a placeholder.
    expect(frames.body).toEqual({ input: { prompt: 'She turns.', duration: 6, resolution: '720p', image: 'https://a.test/1.jpg', last_frame_image: `backlot-blob:${'cd'.repeat(32)}:image/png` } });
  });

  it('Kling 2.1 takes its start frame as start_image and 1080p as pro mode', async () => {
    const k = await replicate.compile({
      model: 'kwaivgi/kling-v2.1',
      prompt: 'A gull lands.',
      negativePrompt: 'text',
      durationSec: 10,
      resolution: '1080p',
      firstFrame: { kind: 'url', url: 'https://a.test/g.jpg' },
    });
    expect(k.url).toBe('https://api.replicate.com/v1/models/kwaivgi/kling-v2.1/predictions');
    expect(k.body).toEqual({ input: { prompt: 'A gull lands.', duration: 10, mode: 'pro', start_image: 'https://a.test/g.jpg', negative_prompt: 'text' } });
  });

  it('a community model by its pinned version on POST /predictions', async () => {
    const v = await replicate.compile({ model: LTX, prompt: 'Fog rolls in.', durationSec: 4, aspectRatio: '16:9', seed: 3, negativePrompt: 'blur' });
    expect(v.url).toBe('https://api.replicate.com/v1/predictions');
    expect(v.body).toEqual({
      version: '8c47da666861d081eeb4d1261853087de23923a268a69b63febdf5dc1dee08e4',
      // 4 s at 24 fps and the first frame: 97 frames.
      input: { prompt: 'Fog rolls in.', length: 97, target_size: 640, aspect_ratio: '16:9', negative_prompt: 'blur', seed: 3 },
    });
  });

  it('lists what a model cannot honour, naming the field', () => {
    expect(replicate.validate({ model: 'kwaivgi/kling-v2.1', prompt: 'x', durationSec: 6, resolution: '480p', generateAudio: true })).toEqual([
      { field: 'durationFrames', problem: 'Replicate Kling 2.1 renders 5 or 10 s, not 6 s' },
      { field: 'resolution', problem: 'Replicate Kling 2.1 renders 720p, 1080p, not 480p' },
      { field: 'references', problem: 'Replicate Kling 2.1 needs a start frame' },
      { field: 'generateAudio', problem: 'Replicate Kling 2.1 makes no sound' },
    ]);
    expect(replicate.validate({ model: LTX, prompt: 'x', durationSec: 4, lastFrame: { kind: 'url', url: 'https://a.test/l.jpg' } })).toEqual([
      { field: 'references', problem: 'Replicate LTX-Video takes no end frame' },
      { field: 'references', problem: 'Replicate LTX-Video needs a start frame with an end frame' },
    ]);
    expect(replicate.validate({ model: 'bytedance/seedance-1-pro', prompt: 'x', durationSec: 13, aspectRatio: '2:1' })).toEqual([
      { field: 'durationFrames', problem: 'Replicate Seedance 1.0 Pro renders 2–12 s, not 13 s' },
      { field: 'aspectRatio', problem: 'Replicate Seedance 1.0 Pro renders 16:9, 4:3, 1:1, 3:4, 9:16, 21:9, 9:21, not 2:1' },
    ]);
    expect(replicate.validate({ model: 'owner/unknown', prompt: 'x' })).toEqual([{ field: 'model', problem: 'Replicate offers no model owner/unknown in Backlot' }]);
  });

  it('estimates official models in seconds of output and community ones in GPU seconds, with no list price (§7.6)', async () => {
    expect(await replicate.estimateUsage({ model: 'bytedance/seedance-1-pro', prompt: 'x', durationSec: 8 })).toMatchObject({ unit: 'seconds', quantity: 8 });
    expect(await replicate.estimateUsage({ model: LTX, prompt: 'x', durationSec: 4 })).toMatchObject({ unit: 'gpu_seconds', quantity: 60 });
    for (const m of replicate.models()) expect(m.listPrice).toBeUndefined();
    expect(replicate.models().find((m) => m.model === LTX)?.priceUnit).toBe('gpu_seconds');
    // A GPU-billed take settles at the predict time reported; an official one at what was asked.
    const done = replicateSnapshot({ id: 'p', status: 'succeeded', output: ['https://d.test/o.mp4'], metrics: { predict_time: 42.5 } });
    expect(await replicate.settleUsage(done, { unit: 'gpu_seconds', quantity: 60, detail: '' })).toEqual({ quantity: 42.5, reported: true });
    expect(await replicate.settleUsage(done, { unit: 'seconds', quantity: 5, detail: '' })).toEqual({ quantity: 5, reported: false });
  });
});

describe('Replicate statuses and failures', () => {
  it('maps starting, processing (with the log bar’s progress), succeeded, failed, canceled and aborted (§9.1)', () => {
    expect(replicateSnapshot({ id: 'p', status: 'starting' })).toMatchObject({ status: 'queued', providerStatus: 'starting' });
    expect(replicateSnapshot({ id: 'p', status: 'processing', logs: ' 40%|████      | 20/50 [00:08<00:12,  2.40it/s]' })).toMatchObject({ status: 'running', progress: 0.4 });
    const ok = replicateSnapshot({ id: 'p', status: 'succeeded', output: 'https://replicate.delivery/x/output.mp4', completed_at: '2026-11-24T09:31:00.000Z' });
    // Outputs are deleted an hour after the end (§7.3).
    expect(ok.outputs).toEqual([{ url: 'https://replicate.delivery/x/output.mp4', mediaType: 'video', expiresAt: '2026-11-24T10:31:00.000Z' }]);
    expect(replicateSnapshot({ id: 'p', status: 'canceled' }).status).toBe('canceled');
    const aborted = replicateSnapshot({ id: 'p', status: 'aborted' });
    expect(aborted).toMatchObject({ status: 'failed', providerStatus: 'aborted', error: { code: 'aborted', category: 'expired', charged: false } });
    expect(replicateSnapshot({ id: 'p', status: 'failed', error: 'CUDA out of memory' }).error).toMatchObject({ code: 'failed', message: 'CUDA out of memory', retryable: false });
  });

  it('classifies per §7.5 and §9.3', () => {
    expect(classifyReplicateHttp(429, 'Request was throttled.', 30_000)).toMatchObject({ category: 'rate_limit', retryable: true, charged: false, retryAfterMs: 30_000 });
    expect(classifyReplicateHttp(422, 'Input validation failed')).toMatchObject({ category: 'invalid_input', retryable: false, charged: false });
    expect(classifyReplicateHttp(401, 'Invalid token.')).toMatchObject({ category: 'auth', retryable: false });
    expect(classifyReplicateHttp(402, 'Insufficient credit')).toMatchObject({ category: 'quota', retryable: false });
    expect(classifyReplicateHttp(503, 'x')).toMatchObject({ category: 'provider_internal', retryable: true, charged: false });
    expect(classifyReplicateFailure('aborted', null)).toMatchObject({ category: 'expired', charged: false });
    expect(classifyReplicateFailure('failed', 'The input or output was flagged as sensitive. Please try again with different inputs. (E005)')).toMatchObject({
      code: 'E005',
      category: 'moderation',
      retryable: false,
    });
  });
});

describe('Replicate webhook signatures (§7.4)', () => {
  const secret = `whsec_${Buffer.from('a test signing key, 32 bytes !!!').toString('base64')}`;
  const body = '{"id":"q8k3m2x7rnrme0ck9xqa4b1t2c","status":"succeeded"}';
  const at = 1_796_000_000;
  const sign = (id: string, ts: number, b: string, key = 'a test signing key, 32 bytes !!!') => createHmac('sha256', Buffer.from(key)).update(`${id}.${ts}.${b}`).digest('base64');
  const headers = (h: Record<string, string>) => new Headers(h);

  it('accepts a body signed with the secret, among several listed signatures', () => {
    const good = headers({ 'webhook-id': 'msg_1', 'webhook-timestamp': String(at), 'webhook-signature': `v1,${sign('msg_0', at, body)} v1,${sign('msg_1', at, body)}` });
    expect(replicateWebhookProblem(good, body, secret, at * 1000 + 4_000)).toBeNull();
  });

  it('refuses another key, a changed body, missing headers and a timestamp more than five minutes away', () => {
    const forged = headers({ 'webhook-id': 'msg_1', 'webhook-timestamp': String(at), 'webhook-signature': `v1,${sign('msg_1', at, body, 'somebody else’s key of 32 bytes!')}` });
    expect(replicateWebhookProblem(forged, body, secret, at * 1000)).toBe('signature');
    const good = headers({ 'webhook-id': 'msg_1', 'webhook-timestamp': String(at), 'webhook-signature': `v1,${sign('msg_1', at, body)}` });
    expect(replicateWebhookProblem(good, body.replace('succeeded', 'failed'), secret, at * 1000)).toBe('signature');
    expect(replicateWebhookProblem(headers({ 'webhook-id': 'msg_1' }), body, secret, at * 1000)).toMatch(/lacks/);
    expect(replicateWebhookProblem(good, body, secret, (at + 301) * 1000)).toMatch(/five minutes/);
    expect(replicateWebhookProblem(good, body, secret, (at + 299) * 1000)).toBeNull();
  });
});

describe('Replicate model ids', () => {
  it('a pinned version (owner/name:version) can be retired by the operator like any model', () => {
    expect(loadConfig({ BACKLOT_RETIRED_MODELS: `replicate:${LTX},kling:kling-v1-6` }).providers.retiredModels).toEqual([`replicate:${LTX}`, 'kling:kling-v1-6']);
    expect(() => loadConfig({ BACKLOT_RETIRED_MODELS: 'kling-v1-6' })).toThrow(/provider:model pairs/);
  });
});
