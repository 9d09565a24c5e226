/**
 * The ComfyUI adapter against the fake ComfyUI server (REST and WebSocket), from PROVIDERS.md §8
 * and §9.1: what it posts to /prompt (its own prompt id, its client id, no Origin), live progress
 * from /ws, pictures sent through /upload/image, an execution error read from the history, cancel
 * by queue delete and by interrupt, idempotent submission, and the video read through /view.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskSnapshot } from '../../../ports/video-provider.ts';
import { createDiskBlobStore } from '../../storage/disk.blob-store.ts';
import { startComfyFake, type ComfyFake } from '../../../../test/fakes/comfyui.fake.ts';
import { createComfyProvider, type ComfyProvider } from './comfyui.provider.ts';

let fake: ComfyFake;
let comfy: ComfyProvider;
let dir: string;
const blobs = () => createDiskBlobStore({ root: dir });
const rate = { currency: 'USD', microsPerGpuSecond: 1000, gpuSecondsPerVideoSecond: 60 };

beforeAll(async () => {
  fake = await startComfyFake();
  dir = mkdtempSync(join(tmpdir(), 'backlot-comfy-int-'));
  comfy = createComfyProvider({ baseUrl: fake.baseUrl, blobs: blobs(), outbound: { allowHosts: [], timeoutMs: 3000 }, rate, clientId: 'backlot-int-client' });
});
afterAll(async () => {
  comfy.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

async function until(id: string, done: (s: TaskSnapshot) => boolean, seen: string[] = []): Promise<TaskSnapshot> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const s = await comfy.poll(id);
    if (seen.at(-1) !== s.providerStatus) seen.push(s.providerStatus);
    if (done(s)) return s;
    if (Date.now() > deadline) throw new Error(`stuck at ${s.providerStatus}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}
const ended = (s: TaskSnapshot) => !['queued', 'running'].includes(s.status);

/** An image-to-video workflow: a LoadImage node feeding the sampler. */
const i2v = {
  workflow: {
    '1': { class_type: 'UNETLoader', inputs: { unet_name: 'wan2.1_i2v_480p_14B_fp16.safetensors', weight_dtype: 'default' } },
    '2': { class_type: 'CLIPLoader', inputs: { clip_name: 'umt5_xxl_fp8_e4m3fn_scaled.safetensors', type: 'wan' } },
    '3': { class_type: 'VAELoader', inputs: { vae_name: 'wan_2.1_vae.safetensors' } },
    '5': { class_type: 'LoadImage', inputs: { image: 'example.png' } },
    '6': { class_type: 'CLIPTextEncode', inputs: { text: '', clip: ['2', 0] } },
    '7': { class_type: 'CLIPTextEncode', inputs: { text: '', clip: ['2', 0] } },
    '8': { class_type: 'WanImageToVideo', inputs: { positive: ['6', 0], negative: ['7', 0], vae: ['3', 0], start_image: ['5', 0], width: 832, height: 480, length: 33, batch_size: 1 } },
    '9': {
      class_type: 'KSampler',
      inputs: { seed: 0, steps: 20, cfg: 5, sampler_name: 'uni_pc', scheduler: 'simple', denoise: 1, model: ['1', 0], positive: ['8', 0], negative: ['8', 1], latent_image: ['8', 2] },
    },
    '10': { class_type: 'VAEDecode', inputs: { samples: ['9', 0], vae: ['3', 0] } },
    '11': { class_type: 'VHS_VideoCombine', inputs: { frame_rate: 16, filename_prefix: 'x', format: 'video/h264-mp4', images: ['10', 0] } },
  },
  mapping: {
    fps: 16,
    inputs: {
      prompt: { node: '6', input: 'text' },
      seed: { node: '9', input: 'seed' },
      frames: { node: '8', input: 'length' },
      firstFrame: { node: '5', input: 'image' },
      filenamePrefix: { node: '11', input: 'filename_prefix' },
    },
  },
};

describe('ComfyUI over REST and WebSocket', () => {
  it('queues the sample under the take’s UUID with its client id and no Origin, shows progress from the socket, and ends with the video on /view', async () => {
    const key = 'backlot-take-0190aaaa-0000-7000-8000-000000000001';
    fake.runMs = 1_200;
    try {
      const s = await comfy.submit(await comfy.compile({ model: 'sample-text-to-video', prompt: 'A gull lands.', seed: 5, durationSec: 2, resolution: '480p', aspectRatio: '16:9' }), {
        idempotencyKey: key,
      });
      expect(s).toMatchObject({ providerTaskId: '0190aaaa-0000-7000-8000-000000000001', status: 'queued', providerStatus: 'queue_pending' });
      const sent = fake.prompts.get(s.providerTaskId)!;
      expect(sent.clientId).toBe('backlot-int-client');
      expect(sent.prompt['40'].inputs).toMatchObject({ width: 848, height: 480, length: 32 });
      expect(sent.prompt['51'].inputs.filename_prefix).toBe(`backlot/${s.providerTaskId}`);
      expect(fake.requests.filter((r) => r.origin !== undefined)).toEqual([]);
      const seen: string[] = [];
      const progress: number[] = [];
      const end = await until(
        s.providerTaskId,
        (x) => {
          if (x.progress !== undefined) progress.push(x.progress);
          return ended(x);
        },
        seen,
      );
      expect(seen).toEqual(['queue_pending', 'queue_running', 'success']);
      // The socket's `progress` messages (1 of 4, 2 of 4, 3 of 4) reached the running take.
      expect(progress.some((p) => p > 0 && p < 1)).toBe(true);
      expect(fake.sent.some((m) => m.clientId === 'backlot-int-client' && m.type === 'progress')).toBe(true);
      expect(end.outputs).toEqual([{ url: `${fake.baseUrl}/view?filename=${s.providerTaskId}_00001_.mp4&subfolder=backlot&type=output`, mediaType: 'video' }]);
      // GPU time from the history's execution_start → execution_success: the fake reports 300 s.
      expect(await comfy.settleUsage(end, { unit: 'gpu_seconds', quantity: 120, detail: '' })).toEqual({ quantity: 300, reported: true });
      const out = await comfy.fetchOutput(end);
      const chunks: Buffer[] = [];
      for await (const c of out.body) chunks.push(Buffer.from(c as Buffer));
      expect(Buffer.concat(chunks).subarray(4, 8).toString()).toBe('ftyp');
    } finally {
      fake.runMs = 400;
    }
  });

  it('sends the same take once: a second submit finds the prompt in the queue or history', async () => {
    const key = 'backlot-take-0190aaaa-0000-7000-8000-000000000002';
    const req = await comfy.compile({ model: 'sample-text-to-video', prompt: 'Twice?', durationSec: 1, resolution: '480p' });
    const a = await comfy.submit(req, { idempotencyKey: key });
    const b = await comfy.submit(req, { idempotencyKey: key });
    expect(b.providerTaskId).toBe(a.providerTaskId);
    expect(fake.creates.get(a.providerTaskId)).toBe(1);
    expect(await comfy.reconcile(key, new Date())).toMatchObject({ providerTaskId: a.providerTaskId });
    expect(await comfy.reconcile('backlot-take-0190aaaa-0000-7000-8000-0000000000ff', new Date())).toBe('none');
    await until(a.providerTaskId, ended);
  });

  it('uploads a start frame from Backlot’s store to /upload/image and names it in LoadImage', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const { sha256 } = await blobs().put(Readable.from([png]));
    const spec = {
      model: 'x',
      prompt: 'The lamp turns.',
      durationSec: 2,
      firstFrame: { kind: 'blob' as const, sha256, mediaType: 'image/png' },
      providerOptions: { comfyui: { workflowId: 'w1', version: 3, name: 'I2V', ...i2v } },
    };
    expect(comfy.validate(spec)).toEqual([]);
    const s = await comfy.submit(await comfy.compile(spec), { idempotencyKey: 'backlot-take-0190aaaa-0000-7000-8000-000000000003' });
    const name = `backlot/backlot-${sha256.slice(0, 24)}.png`;
    expect(fake.inputs.get(name)).toEqual(png);
    expect(fake.prompts.get(s.providerTaskId)!.prompt['5'].inputs.image).toBe(name);
    expect(fake.prompts.get(s.providerTaskId)!.prompt['8'].inputs.length).toBe(32);
    const end = await until(s.providerTaskId, ended);
    // VHS_VideoCombine reports under `gifs` (§8.4).
    expect(end.status).toBe('succeeded');
    expect(end.outputs[0].url).toContain(`filename=${s.providerTaskId}_00001_.mp4`);
  });

  it('reads an execution error from the history as a failure naming the node, not billed; out of memory may be retried', async () => {
    const a = await comfy.submit(await comfy.compile({ model: 'sample-text-to-video', prompt: 'break [fake:error]', durationSec: 1 }), {
      idempotencyKey: 'backlot-take-0190aaaa-0000-7000-8000-000000000004',
    });
    const end = await until(a.providerTaskId, ended);
    expect(end).toMatchObject({ status: 'failed', providerStatus: 'error' });
    expect(end.error).toMatchObject({ code: 'RuntimeError', retryable: false, charged: false });
    expect(end.error?.message).toBe('node 3a (KSampler) failed: mat1 and mat2 shapes cannot be multiplied (77x768 and 4096x5120)');
    const b = await comfy.submit(await comfy.compile({ model: 'sample-text-to-video', prompt: 'big [fake:oom]', durationSec: 1 }), {
      idempotencyKey: 'backlot-take-0190aaaa-0000-7000-8000-000000000005',
    });
    expect((await until(b.providerTaskId, ended)).error).toMatchObject({ code: 'torch.OutOfMemoryError', category: 'provider_internal', retryable: true });
  });

  it('cancels a pending prompt by deleting it from the queue, and a running one by interrupting it', async () => {
    fake.pendingMs = 60_000;
    const pending = await comfy.submit(await comfy.compile({ model: 'sample-text-to-video', prompt: 'wait', durationSec: 1 }), { idempotencyKey: 'backlot-take-0190aaaa-0000-7000-8000-000000000006' });
    expect(await comfy.cancel(pending.providerTaskId)).toBe('canceled');
    expect(await comfy.poll(pending.providerTaskId)).toMatchObject({ status: 'canceled', providerStatus: 'deleted' });
    fake.pendingMs = 0;
    fake.holdRunning = true;
    try {
      const running = await comfy.submit(await comfy.compile({ model: 'sample-text-to-video', prompt: 'run', durationSec: 1 }), {
        idempotencyKey: 'backlot-take-0190aaaa-0000-7000-8000-000000000007',
      });
      await until(running.providerTaskId, (s) => s.status === 'running');
      expect(await comfy.cancel(running.providerTaskId)).toBe('cancel_requested');
      expect(await until(running.providerTaskId, ended)).toMatchObject({ status: 'canceled', providerStatus: 'execution_interrupted' });
      expect(await comfy.cancel(running.providerTaskId)).toBe('too_late');
    } finally {
      fake.holdRunning = false;
      fake.pendingMs = 150;
    }
  });

  it('a workflow the server refuses (a model file it lacks) is invalid input naming the node; a missing video is a clear download error', async () => {
    const bad = structuredClone(i2v);
    bad.workflow['1'].inputs.unet_name = 'missing.safetensors';
    const spec = { model: 'x', prompt: 'p', durationSec: 1, providerOptions: { comfyui: { workflowId: 'w2', version: 1, name: 'Bad', ...bad } } };
    const err = await comfy.submit(await comfy.compile(spec), { idempotencyKey: 'backlot-take-0190aaaa-0000-7000-8000-000000000008' }).catch((e) => e);
    expect(err.error).toMatchObject({ code: 'prompt_outputs_failed_validation', category: 'invalid_input', httpStatus: 400 });
    expect(err.error.message).toContain('node 1 (UNETLoader): Value not in list');
    const missing = await comfy
      .fetchOutput({
        providerTaskId: 'x',
        status: 'succeeded',
        providerStatus: 'success',
        outputs: [{ url: `${fake.baseUrl}/view?filename=gone.mp4&subfolder=backlot&type=output`, mediaType: 'video' }],
        raw: {},
      })
      .catch((e) => e);
    expect(missing.error.message).toBe("the video is no longer in ComfyUI's output folder");
  });
});
