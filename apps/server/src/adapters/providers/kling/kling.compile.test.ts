/**
 * What the Kling adapter sends for a spec, and how it reads Kling's codes and statuses, written by
 * hand from PROVIDERS.md §4.3–4.5 and §9.3.
 */
import { describe, expect, it } from 'vitest';
import type { BlobStore } from '../../../ports/blob-store.ts';
import { classifyKlingError, createKlingProvider, klingSnapshot } from './kling.provider.ts';

const kling = createKlingProvider({ baseUrl: 'https://api-singapore.klingai.com', blobs: {} as BlobStore, outbound: { allowHosts: [], timeoutMs: 1000 } });

describe('Kling compile', () => {
  it('text2video: model_name, prompt, negative_prompt, mode std for 720p, aspect_ratio, duration as a string, sound off', async () => {
    const req = await kling.compile({ model: 'kling-v2-6', prompt: 'A gull lands on the rail.', negativePrompt: 'blurry', durationSec: 5, aspectRatio: '16:9', resolution: '720p', seed: 9 });
    expect(req.url).toBe('https://api-singapore.klingai.com/v1/videos/text2video');
    expect(req.body).toEqual({ model_name: 'kling-v2-6', prompt: 'A gull lands on the rail.', negative_prompt: 'blurry', mode: 'std', aspect_ratio: '16:9', duration: '5', sound: 'off' });
  });

  it('image2video: start frame as image, end frame as image_tail (Backlot pictures as placeholders), pro for 1080p, sound on', async () => {
    const req = await kling.compile({
      model: 'kling-v2-6',
      prompt: 'The dancer spins.',
      durationSec: 10,
      resolution: '1080p',
      generateAudio: true,
      firstFrame: { kind: 'url', url: 'https://assets.example.test/first.jpg' },
      lastFrame: { kind: 'blob', sha256: 'ab'.repeat(32), mediaType: 'image/png' },
    });
    expect(req.url).toBe('https://api-singapore.klingai.com/v1/videos/image2video');
    expect(req.body).toEqual({
      model_name: 'kling-v2-6',
      prompt: 'The dancer spins.',
      image: 'https://assets.example.test/first.jpg',
      image_tail: `backlot-blob:${'ab'.repeat(32)}`,
      mode: 'pro',
      duration: '10',
      sound: 'on',
    });
  });

  it('multi-image2video on Kling 1.6: the pictures as image_list, raw base64 without a data: prefix; no sound field', async () => {
    const req = await kling.compile({
      model: 'kling-v1-6',
      prompt: 'Two friends at a pier.',
      durationSec: 5,
      aspectRatio: '9:16',
      referenceImages: [
        { kind: 'bytes', bytes: new Uint8Array([1, 2, 3]), mediaType: 'image/png' },
        { kind: 'url', url: 'https://assets.example.test/b.png' },
      ],
    });
    expect(req.url).toBe('https://api-singapore.klingai.com/v1/videos/multi-image2video');
    expect(req.body).toEqual({
      model_name: 'kling-v1-6',
      prompt: 'Two friends at a pier.',
      image_list: [{ image: 'AQID' }, { image: 'https://assets.example.test/b.png' }],
      mode: 'std',
      aspect_ratio: '9:16',
      duration: '5',
    });
  });

  it('lists what a model cannot honour, naming the field', () => {
    expect(kling.validate({ model: 'kling-v2-6', prompt: 'x', durationSec: 7, resolution: '4k', aspectRatio: '21:9' })).toEqual([
      { field: 'durationFrames', problem: 'Kling 2.6 renders 5 or 10 s, not 7 s' },
      { field: 'resolution', problem: 'Kling renders 720p (std) or 1080p (pro), not 4k' },
      { field: 'aspectRatio', problem: 'Kling renders 16:9, 9:16, 1:1, not 21:9' },
    ]);
    expect(kling.validate({ model: 'kling-v2-5-turbo', prompt: 'x', durationSec: 5, generateAudio: true, referenceImages: [{ kind: 'url', url: 'https://a.test/1.png' }] })).toEqual([
      { field: 'references', problem: 'Kling 2.5 Turbo takes no reference pictures' },
      { field: 'generateAudio', problem: 'Kling 2.5 Turbo makes no sound' },
    ]);
    expect(kling.validate({ model: 'kling-v3', prompt: 'x', durationSec: 12 })).toEqual([]);
    expect(kling.validate({ model: 'kling-v9', prompt: 'x' })).toEqual([{ field: 'model', problem: 'Kling has no model kling-v9' }]);
  });

  it('estimates 3 credits per 5 s in std and 4 in pro', async () => {
    expect((await kling.estimateUsage({ model: 'kling-v3', prompt: 'x', durationSec: 5, resolution: '720p' })).quantity).toBe(3);
    expect((await kling.estimateUsage({ model: 'kling-v3', prompt: 'x', durationSec: 10, resolution: '1080p' })).quantity).toBe(8);
    expect((await kling.estimateUsage({ model: 'kling-v3', prompt: 'x', durationSec: 3, resolution: '720p' })).quantity).toBe(1.8);
  });
});

describe('Kling codes and statuses', () => {
  it('classifies per §9.3: 1301 never retried, 1302/1303 retried, auth and parameters not', () => {
    expect(classifyKlingError(1301, 'unsafe', 400)).toMatchObject({ code: '1301', category: 'moderation', retryable: false, charged: false });
    expect(classifyKlingError(1302, 'rate', 429)).toMatchObject({ category: 'rate_limit', retryable: true, charged: false });
    expect(classifyKlingError(1303, 'concurrency', 429)).toMatchObject({ category: 'rate_limit', retryable: true, charged: false });
    expect(classifyKlingError(1004, 'expired', 401)).toMatchObject({ category: 'auth', retryable: false });
    expect(classifyKlingError(1102, 'pack used up', 429)).toMatchObject({ category: 'quota', retryable: false });
    expect(classifyKlingError(1201, 'bad', 400)).toMatchObject({ category: 'invalid_input', retryable: false });
    expect(classifyKlingError(5001, 'unavailable', 503)).toMatchObject({ category: 'provider_internal', retryable: true });
  });

  it('maps submitted/processing/succeed/failed and keeps the word verbatim', () => {
    const t = { task_id: '42', task_result: { videos: [{ url: 'https://cdn.test/v.mp4', duration: '5' }] } };
    expect(klingSnapshot('text2video', { ...t, task_status: 'submitted' })).toMatchObject({ providerTaskId: 'text2video/42', status: 'queued', providerStatus: 'submitted', outputs: [] });
    expect(klingSnapshot('text2video', { ...t, task_status: 'processing' }).status).toBe('running');
    expect(klingSnapshot('image2video', { ...t, task_status: 'succeed', final_unit_deduction: '3' })).toMatchObject({
      providerTaskId: 'image2video/42',
      status: 'succeeded',
      outputs: [{ url: 'https://cdn.test/v.mp4', mediaType: 'video' }],
      usage: { unit: 'credits', quantity: 3 },
    });
    expect(klingSnapshot('text2video', { ...t, task_status: 'failed', task_status_msg: 'Video generation failed' })).toMatchObject({
      status: 'failed',
      error: { message: 'Video generation failed', charged: false },
    });
  });
});
