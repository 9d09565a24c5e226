/**
 * Luma's request shapes, written by hand from PROVIDERS.md §3.1 (Dream Machine create body) and
 * §3.2 (Agents API create body, ImageRef), and what each model refuses before anything is spent.
 */
import { describe, expect, it } from 'vitest';
import type { BlobStore } from '../../../ports/blob-store.ts';
import { classifyLumaAgentsFailure, classifyLumaHttp, createLumaProvider } from './luma.provider.ts';

const luma = createLumaProvider({
  dreamMachineUrl: 'https://api.lumalabs.ai/dream-machine/v1',
  agentsUrl: 'https://agents.lumalabs.ai/v1',
  blobs: {} as BlobStore,
  outbound: { allowHosts: [], timeoutMs: 1000 },
});

describe('Luma Dream Machine requests', () => {
  it('sends start and end frames as keyframes, with loop, ratio, resolution, duration and the camera concept asked for (never a plan preset)', async () => {
    const req = await luma.compile({
      model: 'ray-2',
      prompt: 'A gull lands on the rail.',
      durationSec: 9,
      aspectRatio: '9:16',
      resolution: '1080p',
      firstFrame: { kind: 'url', url: 'https://assets.example.test/first.jpg' },
      lastFrame: { kind: 'url', url: 'https://assets.example.test/last.jpg' },
      camera: { preset: 'push_in', axes: { zoom: 5 } },
      providerOptions: { loop: true, concepts: ['dolly_zoom'] },
    });
    expect(req.url).toBe('https://api.lumalabs.ai/dream-machine/v1/generations/video');
    expect(req.body).toEqual({
      model: 'ray-2',
      prompt: 'A gull lands on the rail.',
      aspect_ratio: '9:16',
      duration: '9s',
      resolution: '1080p',
      loop: true,
      keyframes: { frame0: { type: 'image', url: 'https://assets.example.test/first.jpg' }, frame1: { type: 'image', url: 'https://assets.example.test/last.jpg' } },
      concepts: [{ key: 'dolly_zoom' }],
    });
    expect(JSON.stringify(req.headers)).not.toMatch(/authorization/i);
  });

  it('extends an earlier take by naming its generation as the first keyframe', async () => {
    const req = await luma.compile({ model: 'ray-flash-2', prompt: 'The gull takes off.', durationSec: 5, providerOptions: { extendGeneration: '7d0c1c9e-5a7f-4d55-9a7e-2f1f5b0f8c31' } });
    expect(req.body).toEqual({
      model: 'ray-flash-2',
      prompt: 'The gull takes off.',
      aspect_ratio: '16:9',
      duration: '5s',
      resolution: '720p',
      loop: false,
      keyframes: { frame0: { type: 'generation', id: '7d0c1c9e-5a7f-4d55-9a7e-2f1f5b0f8c31' } },
    });
  });

  it('refuses what ray-2 cannot honour, naming the field', () => {
    const problems = luma.validate({
      model: 'ray-2',
      prompt: 'x',
      durationSec: 7,
      aspectRatio: '2:1',
      resolution: '480p',
      generateAudio: true,
      firstFrame: { kind: 'blob', sha256: 'a'.repeat(64), mediaType: 'image/png' },
    });
    expect(problems.map((p) => p.field).sort()).toEqual(['aspectRatio', 'durationFrames', 'generateAudio', 'references', 'resolution']);
    expect(problems.find((p) => p.field === 'durationFrames')?.problem).toBe('Luma Ray 2 renders 5 or 9 s, not 7 s');
    expect(luma.validate({ model: 'ray-4', prompt: 'x' })).toEqual([{ field: 'model', problem: 'Luma has no model ray-4' }]);
  });

  it('estimates seconds for ray-2', async () => {
    expect(await luma.estimateUsage({ model: 'ray-2', prompt: 'x', durationSec: 9 })).toMatchObject({ unit: 'seconds', quantity: 9 });
  });
});

describe('Luma Ray 3.2 requests (Agents API)', () => {
  it('sends the video options under `video`, Backlot pictures inline and earlier generations by id', async () => {
    const req = await luma.compile({
      model: 'ray-3.2',
      prompt: 'A gull lands on the rail.',
      durationSec: 5,
      aspectRatio: '21:9',
      resolution: '1080p',
      firstFrame: { kind: 'blob', sha256: 'b'.repeat(64), mediaType: 'image/jpeg' },
      lastFrame: { kind: 'provider', ref: 'agents:3f6a9d1e-0b7c-4c1e-8e9b-6d2a1f4c7b20' },
      providerOptions: { loop: true },
    });
    expect(req.url).toBe('https://agents.lumalabs.ai/v1/generations');
    expect(req.body).toEqual({
      model: 'ray-3.2',
      type: 'video',
      prompt: 'A gull lands on the rail.',
      aspect_ratio: '21:9',
      video: {
        duration: '5s',
        resolution: '1080p',
        loop: true,
        start_frame: { data: `backlot-blob:${'b'.repeat(64)}`, media_type: 'image/jpeg' },
        end_frame: { generation_id: '3f6a9d1e-0b7c-4c1e-8e9b-6d2a1f4c7b20' },
      },
    });
  });

  it('refuses 4k, a 9 s clip and a looped 10 s clip', () => {
    expect(
      luma
        .validate({ model: 'ray-3.2', prompt: 'x', durationSec: 10, resolution: '4k', providerOptions: { loop: true } })
        .map((p) => p.field)
        .sort(),
    ).toEqual(['loop', 'resolution']);
    expect(luma.validate({ model: 'ray-3.2', prompt: 'x', durationSec: 9 }).map((p) => p.field)).toEqual(['durationFrames']);
  });

  it('estimates in 5 s blocks at 540p: 10 s at 1080p is 2 blocks × 3 = 6 units ($4.32 at $0.72)', async () => {
    expect(await luma.estimateUsage({ model: 'ray-3.2', prompt: 'x', durationSec: 10, resolution: '1080p' })).toMatchObject({ unit: 'generations', quantity: 6 });
    expect(await luma.estimateUsage({ model: 'ray-3.2', prompt: 'x', durationSec: 5, resolution: '720p' })).toMatchObject({ quantity: 1.5 });
  });
});

describe('Luma failures (PROVIDERS.md §9.3)', () => {
  it('never retries a moderated Ray 3.2 generation and retries throttling unbilled', () => {
    expect(classifyLumaAgentsFailure('content_moderated', 'flagged')).toMatchObject({ category: 'moderation', retryable: false });
    expect(classifyLumaAgentsFailure('invalid_request', 'bad')).toMatchObject({ category: 'invalid_input', retryable: false, charged: false });
    expect(classifyLumaHttp(429, 'slow down')).toMatchObject({ category: 'rate_limit', retryable: true, charged: false });
    expect(classifyLumaHttp(401, 'no')).toMatchObject({ category: 'auth', retryable: false });
    expect(classifyLumaHttp(503, 'down')).toMatchObject({ category: 'provider_internal', retryable: true, charged: false });
  });
});
