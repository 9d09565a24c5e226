/**
 * What the fal adapter sends for a spec, what each model refuses before anything is spent, what it
 * is estimated at, and how fal's answers fail a take, written by hand from PROVIDERS.md §6.2–6.7 and
 * §9.3.
 */
import { describe, expect, it } from 'vitest';
import type { BlobStore } from '../../../ports/blob-store.ts';
import { classifyFalError, createFalProvider, splitFalTaskId } from './fal.provider.ts';

const fal = createFalProvider({
  queueUrl: 'https://queue.fal.run',
  restUrl: 'https://rest.fal.ai',
  jwksUrl: 'https://rest.alpha.fal.ai/.well-known/jwks.json',
  blobs: {} as BlobStore,
  outbound: { allowHosts: [], timeoutMs: 1000 },
});

describe('fal compile', () => {
  it('Seedance 2.0 fast text-to-video: the endpoint under queue.fal.run, duration as a string, ratio, resolution, sound; no credential in the headers', async () => {
    const req = await fal.compile({
      model: 'bytedance/seedance-2.0/fast',
      prompt: 'A gull lands on the rail.',
      durationSec: 8,
      aspectRatio: '21:9',
      resolution: '1080p',
      generateAudio: true,
      seed: 7,
    });
    expect(req.url).toBe('https://queue.fal.run/bytedance/seedance-2.0/fast/text-to-video');
    expect(req.body).toEqual({ prompt: 'A gull lands on the rail.', duration: '8', aspect_ratio: '21:9', resolution: '1080p', generate_audio: true });
    expect(req.headers).toEqual({ 'content-type': 'application/json' });
  });

  it('Seedance 2.0 fast image-to-video: start frame as image_url, end frame as end_image_url (Backlot pictures as placeholders, bytes as data URIs)', async () => {
    const req = await fal.compile({
      model: 'bytedance/seedance-2.0/fast',
      prompt: 'The dancer spins.',
      durationSec: 4,
      firstFrame: { kind: 'blob', sha256: 'ab'.repeat(32), mediaType: 'image/png' },
      lastFrame: { kind: 'bytes', bytes: new Uint8Array([1, 2, 3]), mediaType: 'image/jpeg' },
    });
    expect(req.url).toBe('https://queue.fal.run/bytedance/seedance-2.0/fast/image-to-video');
    expect(req.body).toEqual({
      prompt: 'The dancer spins.',
      image_url: `backlot-blob:${'ab'.repeat(32)}:image/png`,
      end_image_url: 'data:image/jpeg;base64,AQID',
      duration: '4',
      aspect_ratio: '16:9',
      resolution: '720p',
      generate_audio: false,
    });
  });

  it('Kling 2.5 Turbo Pro: negative_prompt, "5"/"10"; the ratio only from words alone (a start frame sets the shape)', async () => {
    const t2v = await fal.compile({ model: 'fal-ai/kling-video/v2.5-turbo/pro', prompt: 'Rain on the pier.', negativePrompt: 'blurry', durationSec: 10, aspectRatio: '9:16' });
    expect(t2v.url).toBe('https://queue.fal.run/fal-ai/kling-video/v2.5-turbo/pro/text-to-video');
    expect(t2v.body).toEqual({ prompt: 'Rain on the pier.', duration: '10', aspect_ratio: '9:16', negative_prompt: 'blurry' });
    const i2v = await fal.compile({ model: 'fal-ai/kling-video/v2.5-turbo/pro', prompt: 'Rain on the pier.', durationSec: 5, firstFrame: { kind: 'url', url: 'https://assets.example.test/a.png' } });
    expect(i2v.url).toBe('https://queue.fal.run/fal-ai/kling-video/v2.5-turbo/pro/image-to-video');
    expect(i2v.body).toEqual({ prompt: 'Rain on the pier.', image_url: 'https://assets.example.test/a.png', duration: '5' });
  });

  it('asks fal not to retry only when the operator turned the queue retries off', async () => {
    const off = createFalProvider({
      queueUrl: 'https://queue.fal.run',
      restUrl: 'https://rest.fal.ai',
      jwksUrl: 'https://x.test/j',
      blobs: {} as BlobStore,
      outbound: { allowHosts: [], timeoutMs: 1 },
      platformRetries: false,
    });
    expect((await off.compile({ model: 'bytedance/seedance-2.0/fast', prompt: 'x', durationSec: 5 })).headers).toEqual({ 'content-type': 'application/json', 'x-fal-no-retry': '1' });
  });

  it('lists what a model cannot honour, naming the field', () => {
    expect(fal.validate({ model: 'fal-ai/kling-video/v2.5-turbo/pro', prompt: 'x', durationSec: 7, resolution: '720p', aspectRatio: '21:9', generateAudio: true })).toEqual([
      { field: 'durationFrames', problem: 'fal Kling 2.5 Turbo Pro renders 5 or 10 s, not 7 s' },
      { field: 'resolution', problem: 'fal Kling 2.5 Turbo Pro renders 1080p, not 720p' },
      { field: 'aspectRatio', problem: 'fal Kling 2.5 Turbo Pro renders 16:9, 9:16, 1:1, not 21:9' },
      { field: 'generateAudio', problem: 'fal Kling 2.5 Turbo Pro makes no sound' },
    ]);
    expect(
      fal.validate({
        model: 'fal-ai/kling-video/v2.5-turbo/pro',
        prompt: 'x',
        durationSec: 5,
        lastFrame: { kind: 'url', url: 'https://a.test/z.png' },
        referenceImages: [{ kind: 'url', url: 'https://a.test/1.png' }],
      }),
    ).toEqual([
      { field: 'references', problem: 'fal Kling 2.5 Turbo Pro takes no end frame' },
      { field: 'references', problem: 'fal Kling 2.5 Turbo Pro needs a start frame with an end frame' },
      { field: 'references', problem: 'fal Kling 2.5 Turbo Pro takes start and end frames only, no other reference media' },
    ]);
    expect(fal.validate({ model: 'bytedance/seedance-2.0/fast', prompt: 'x', durationSec: 15, resolution: '4k', aspectRatio: '21:9', generateAudio: true })).toEqual([]);
    expect(fal.validate({ model: 'bytedance/seedance-2.0/fast', prompt: 'x', durationSec: 3 })).toEqual([{ field: 'durationFrames', problem: 'fal Seedance 2.0 Fast renders 4–15 s, not 3 s' }]);
    expect(fal.validate({ model: 'fal-ai/veo9', prompt: 'x' })).toEqual([{ field: 'model', problem: 'fal offers no model fal-ai/veo9 in Backlot' }]);
  });

  it('publishes capabilities the generate panel and the compiler read', () => {
    const [sd, kl] = fal.models();
    expect(sd).toMatchObject({
      provider: 'fal',
      model: 'bytedance/seedance-2.0/fast',
      durationsSec: [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
      aspectRatios: ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'],
      resolutions: ['480p', '720p', '1080p', '4k'],
      slots: [
        { slot: 'firstFrame', roles: ['start-frame'], media: 'image', max: 1 },
        { slot: 'lastFrame', roles: ['end-frame'], media: 'image', max: 1 },
      ],
      audio: true,
      seed: false,
      negativePrompt: false,
      cancelRunning: false,
      priceUnit: 'tokens',
      listPrice: { currency: 'USD', perQuantity: 1000, priceMicros: 11_200 },
    });
    expect(kl).toMatchObject({
      model: 'fal-ai/kling-video/v2.5-turbo/pro',
      durationsSec: [5, 10],
      resolutions: ['1080p'],
      negativePrompt: true,
      audio: false,
      priceUnit: 'seconds',
      listPrice: { perQuantity: 1, priceMicros: 70_000 },
    });
    expect(kl.slots.map((s) => s.slot)).toEqual(['firstFrame']);
  });
});

describe('fal estimate', () => {
  it("Seedance: fal's tokens, height × width × seconds × 24 / 1024 (§6.7: $0.2419 a second at 720p is 21,600 tokens a second)", async () => {
    expect(await fal.estimateUsage({ model: 'bytedance/seedance-2.0/fast', prompt: 'x', durationSec: 5, resolution: '720p', aspectRatio: '16:9' })).toEqual({
      unit: 'tokens',
      quantity: 108_000,
      detail: '108,000 tokens (720p 16:9, 5 s at 24 fps)',
    });
    // 1920 × 1080 × 10 × 24 / 1024 = 486,000.
    expect((await fal.estimateUsage({ model: 'bytedance/seedance-2.0/fast', prompt: 'x', durationSec: 10, resolution: '1080p', aspectRatio: '16:9' })).quantity).toBe(486_000);
    // 9:16 at 480p is 480 × 854 (even sides): 480 × 854 × 4 × 24 / 1024 = 38,430.
    expect((await fal.estimateUsage({ model: 'bytedance/seedance-2.0/fast', prompt: 'x', durationSec: 4, resolution: '480p', aspectRatio: '9:16' })).quantity).toBe(38_430);
  });

  it('Kling: seconds of output', async () => {
    expect(await fal.estimateUsage({ model: 'fal-ai/kling-video/v2.5-turbo/pro', prompt: 'x', durationSec: 10 })).toMatchObject({ unit: 'seconds', quantity: 10 });
  });
});

describe('fal failures (§9.3)', () => {
  it('infrastructure error types: not billed; sent again on submit, final in a result', () => {
    const infra = { status: 503, body: { detail: 'Runner disconnected', error_type: 'runner_disconnected' }, errorType: 'runner_disconnected' };
    expect(classifyFalError(infra, 'submit')).toMatchObject({ code: 'runner_disconnected', category: 'provider_internal', retryable: true, charged: false });
    expect(classifyFalError(infra, 'result')).toMatchObject({ code: 'runner_disconnected', category: 'provider_internal', retryable: false, charged: false });
    expect(classifyFalError({ status: 500, body: { detail: 'boom' } }, 'result')).toMatchObject({ category: 'provider_internal', charged: false });
  });

  it('a 504 past the request deadline is never retried and not billed', () => {
    expect(classifyFalError({ status: 504, body: { detail: 'Request timed out', error_type: 'request_timeout' }, timeoutType: 'user' }, 'submit')).toMatchObject({
      code: 'request_timeout',
      category: 'timeout',
      retryable: false,
      charged: false,
    });
  });

  it("a model's 4xx / 422 detail needs a changed request; billing per model, so unknown", () => {
    const e = classifyFalError({ status: 422, body: { detail: [{ loc: ['body', 'prompt'], msg: 'field required', type: 'value_error.missing' }] } }, 'result');
    expect(e).toEqual({ code: 'HTTP 422', message: 'the model refused the input: body.prompt: field required', category: 'invalid_input', retryable: false, charged: 'unknown', httpStatus: 422 });
  });

  it('keys, balance and throttling', () => {
    expect(classifyFalError({ status: 401, body: { detail: 'No key' } }, 'submit')).toMatchObject({ category: 'auth', retryable: false });
    expect(classifyFalError({ status: 403, body: { detail: 'User is locked. Reason: Exhausted balance.' } }, 'submit')).toMatchObject({ category: 'quota', retryable: false, charged: false });
    expect(classifyFalError({ status: 429, body: { detail: 'Too many' } }, 'submit')).toMatchObject({ category: 'rate_limit', retryable: true, charged: false });
  });

  it('keeps the endpoint with the request id, and finds both again', () => {
    expect(splitFalTaskId('fal-ai/kling-video/v2.5-turbo/pro/image-to-video/requests/abc-123')).toEqual({ endpoint: 'fal-ai/kling-video/v2.5-turbo/pro/image-to-video', requestId: 'abc-123' });
  });
});
