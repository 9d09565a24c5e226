/** What the Runway adapter sends and refuses, written by hand from PROVIDERS.md §2.3, §2.6 and §9.3. */
import { describe, expect, it } from 'vitest';
import type { BlobStore } from '../../../ports/blob-store.ts';
import { classifyRunwayFailure, classifyRunwayHttp, createRunwayProvider, runwaySnapshot } from './runway.provider.ts';

const runway = createRunwayProvider({ baseUrl: 'https://api.dev.runwayml.com', blobs: {} as BlobStore, outbound: { allowHosts: [], timeoutMs: 1000 } });

describe('Runway compile', () => {
  it('text_to_video on Gen-4.5 and a Veo 3.1 start/end frame pair with sound and a negative prompt', async () => {
    const t = await runway.compile({ model: 'gen4.5', prompt: 'Dawn over the pier.', durationSec: 5, aspectRatio: '9:16', seed: 3 });
    expect(t.url).toBe('https://api.dev.runwayml.com/v1/text_to_video');
    expect(t.body).toEqual({ model: 'gen4.5', promptText: 'Dawn over the pier.', ratio: '720:1280', duration: 5, seed: 3 });
    const v = await runway.compile({
      model: 'veo3.1',
      prompt: 'She turns.',
      negativePrompt: 'text',
      durationSec: 8,
      aspectRatio: '16:9',
      resolution: '720p',
      generateAudio: true,
      firstFrame: { kind: 'url', url: 'https://a.test/1.jpg' },
      lastFrame: { kind: 'blob', sha256: 'cd'.repeat(32), mediaType: 'image/png' },
    });
    expect(v.url).toBe('https://api.dev.runwayml.com/v1/image_to_video');
    expect(v.body).toEqual({
      model: 'veo3.1',
      promptImage: [
        { uri: 'https://a.test/1.jpg', position: 'first' },
        { uri: `backlot-blob:${'cd'.repeat(32)}:image/png`, position: 'last' },
      ],
      promptText: 'She turns.',
      ratio: '1280:720',
      duration: 8,
      audio: true,
      negativePrompt: 'text',
    });
  });

  it('lists what a model cannot honour, naming the field', () => {
    expect(runway.validate({ model: 'gen4.5', prompt: 'x', durationSec: 12, aspectRatio: '1:1', lastFrame: { kind: 'url', url: 'https://a.test/l.jpg' } })).toEqual([
      { field: 'durationFrames', problem: 'Runway Gen-4.5 renders 2–10 s, not 12 s' },
      { field: 'references', problem: 'Runway Gen-4.5 takes no end frame' },
      { field: 'references', problem: 'Runway needs a start frame with an end frame' },
    ]);
    expect(runway.validate({ model: 'gen4.5', prompt: 'x', durationSec: 5, aspectRatio: '1:1' })).toEqual([
      { field: 'aspectRatio', problem: 'Runway Gen-4.5 renders 16:9, 9:16 from words alone; give a start frame for 1:1' },
    ]);
    expect(runway.validate({ model: 'gen4_turbo', prompt: 'x', durationSec: 5 })).toEqual([{ field: 'references', problem: 'Runway Gen-4 Turbo needs a start frame' }]);
    expect(runway.validate({ model: 'veo3.1', prompt: 'x', durationSec: 5 })).toEqual([{ field: 'durationFrames', problem: 'Runway Veo 3.1 renders 4, 6, 8 s, not 5 s' }]);
  });

  it('estimates credits a second: Gen-4.5 12, Veo 3.1 20 silent and 40 with sound', async () => {
    expect((await runway.estimateUsage({ model: 'gen4.5', prompt: 'x', durationSec: 5 })).quantity).toBe(60);
    expect((await runway.estimateUsage({ model: 'veo3.1', prompt: 'x', durationSec: 8 })).quantity).toBe(160);
    expect((await runway.estimateUsage({ model: 'veo3.1', prompt: 'x', durationSec: 8, generateAudio: true })).quantity).toBe(320);
  });
});

describe('Runway failures and statuses', () => {
  it('classifies per §9.3', () => {
    expect(classifyRunwayFailure('SAFETY.OUTPUT.VIDEO', 'm')).toMatchObject({ category: 'moderation', retryable: false });
    expect(classifyRunwayFailure('INPUT_PREPROCESSING.SAFETY.TEXT', 'm')).toMatchObject({ category: 'moderation', retryable: false });
    expect(classifyRunwayFailure('INTERNAL.BAD_OUTPUT.CODE01', 'm')).toMatchObject({ category: 'invalid_input', retryable: false });
    expect(classifyRunwayHttp(429, 'limit')).toMatchObject({ category: 'rate_limit', retryable: true, charged: false });
    expect(classifyRunwayHttp(400, "Invalid parameter 'ratio'")).toMatchObject({ code: 'invalid_request', category: 'invalid_input', retryable: false });
  });

  it('maps PENDING and THROTTLED to queued, RUNNING with progress, SUCCEEDED with output, CANCELLED', () => {
    expect(runwaySnapshot({ id: 'a', status: 'THROTTLED' })).toMatchObject({ status: 'queued', providerStatus: 'THROTTLED' });
    expect(runwaySnapshot({ id: 'a', status: 'PENDING' }).status).toBe('queued');
    expect(runwaySnapshot({ id: 'a', status: 'RUNNING', progress: 0.42 })).toMatchObject({ status: 'running', progress: 0.42 });
    expect(runwaySnapshot({ id: 'a', status: 'SUCCEEDED', output: ['https://o.test/0.mp4'] }).outputs).toEqual([{ url: 'https://o.test/0.mp4', mediaType: 'video' }]);
    expect(runwaySnapshot({ id: 'a', status: 'CANCELLED' }).status).toBe('canceled');
  });
});

describe('Runway reference pictures', () => {
  it('Seedance 2.0 on Runway takes up to 9 reference pictures from words, as references, never with frames', async () => {
    const refs = Array.from({ length: 2 }, (_, i) => ({ kind: 'url' as const, url: `https://a.test/r${i}.png` }));
    const req = await runway.compile({ model: 'seedance2', prompt: 'Two friends on a pier.', durationSec: 5, aspectRatio: '4:3', resolution: '1080p', generateAudio: false, referenceImages: refs });
    expect(req.url).toBe('https://api.dev.runwayml.com/v1/text_to_video');
    expect(req.body).toEqual({
      model: 'seedance2',
      references: [{ uri: 'https://a.test/r0.png' }, { uri: 'https://a.test/r1.png' }],
      promptText: 'Two friends on a pier.',
      ratio: '1664:1248',
      duration: 5,
      audio: false,
    });
    const ten = Array.from({ length: 10 }, (_, i) => ({ kind: 'url' as const, url: `https://a.test/r${i}.png` }));
    expect(runway.validate({ model: 'seedance2', prompt: 'x', durationSec: 5, referenceImages: ten })).toEqual([
      { field: 'references', problem: 'Runway Seedance 2.0 takes at most 9 reference pictures' },
    ]);
    expect(runway.validate({ model: 'seedance2', prompt: 'x', durationSec: 5, referenceImages: refs, firstFrame: refs[0] })).toEqual([
      { field: 'references', problem: 'Runway Seedance 2.0 takes start/end frames or reference pictures, not both in one request' },
    ]);
    expect(runway.validate({ model: 'gen4.5', prompt: 'x', durationSec: 5, referenceImages: refs })).toEqual([{ field: 'references', problem: 'Runway Gen-4.5 takes no reference pictures' }]);
  });

  it('a model without confirmed credits is estimated in seconds, for the catalog to price', async () => {
    expect(await runway.estimateUsage({ model: 'seedance2', prompt: 'x', durationSec: 6 })).toMatchObject({ unit: 'seconds', quantity: 6 });
    const caps = runway.models().find((m) => m.model === 'seedance2')!;
    expect(caps.priceUnit).toBe('seconds');
    expect(caps.listPrice).toBeUndefined();
  });
});
