/**
 * ComfyUI through the provider contract suite, against the fake ComfyUI server (REST and WebSocket).
 * Expected statuses, prices and cancel support are PROVIDERS.md's: §8.2 queue lists and §8.4
 * history `status_str`, §8.6 GPU-seconds at the operator's rate, §9.1 cancel of any non-terminal
 * prompt (queue delete while pending, interrupt while running). The take is sent with the shipped
 * sample workflow.
 */
import { createBlobStore } from '../../storage/create-blob-store.ts';
import { comfyFakeEnv, startComfyFake, type ComfyFake } from '../../../../test/fakes/comfyui.fake.ts';
import { describeProviderConformance } from '../../../../test/conformance/provider-conformance.ts';
import { createComfyProvider, promptIdOf } from './comfyui.provider.ts';

let fake: ComfyFake;

describeProviderConformance({
  provider: 'comfyui',
  model: 'sample-text-to-video',
  label: 'ComfyUI',
  async start() {
    fake = await startComfyFake();
  },
  stop: () => fake.close(),
  harness: { env: comfyFakeEnv(() => fake, { BACKLOT_PROVIDER_TIMEOUT_SECONDS: '2' }) },
  async prepare(h) {
    await h.container.store.transaction((tx) =>
      tx.prices.upsert({ currency: 'USD', provider: 'comfyui', model: 'sample-text-to-video', unit: 'gpu_seconds', perQuantity: 1, priceMicros: 500, updatedAt: new Date().toISOString() }),
    );
  },
  settings: { resolution: '480p' },
  // 120 frames at 24 fps ask for 5 s; 5 s × 60 GPU-seconds per second (the default) = 300 GPU-seconds
  // at 500 micro-dollars each. The fake reports 300 s of GPU time per run, so it settles at the same.
  costMicros: 150_000,
  providerStatuses: ['queue_pending', 'queue_running', 'success'],
  successStatus: 'success',
  tasksCreatedFor: (take) => fake.creates.get(promptIdOf(take.idempotencyKey)) ?? 0,
  rateLimited: { skip: 'a local ComfyUI server has no rate limit (PROVIDERS.md §8)' },
  serverError: { arm: () => fake.failNextCreate({ status: 500, body: { error: { type: 'server_error', message: 'Internal Server Error', details: '', extra_info: {} }, node_errors: {} } }) },
  timeout: { arm: () => fake.failNextCreate({ delayMs: 3_000 }) },
  malformed: { arm: () => fake.failNextCreate('malformed') },
  policyRefusal: { skip: 'ComfyUI has no content policy (PROVIDERS.md §8)' },
  invalidInput: {
    arm: () =>
      fake.failNextCreate({
        status: 400,
        body: {
          error: { type: 'prompt_outputs_failed_validation', message: 'Prompt outputs failed validation', details: '', extra_info: {} },
          node_errors: {
            '1': {
              errors: [{ type: 'value_not_in_list', message: 'Value not in list', details: "unet_name: 'missing.safetensors' not in []", extra_info: {} }],
              dependent_outputs: ['51'],
              class_type: 'UNETLoader',
            },
          },
        },
      }),
    code: 'prompt_outputs_failed_validation',
  },
  taskExpired: { skip: 'ComfyUI prompts do not expire (PROVIDERS.md §8.4, §9.1)' },
  outputExpiry: { skip: "ComfyUI's outputs stay on its own disk and never expire (PROVIDERS.md §8.4)" },
  async submitAsStoppedWorker(h, take) {
    const stopped = createComfyProvider({
      baseUrl: fake.baseUrl,
      blobs: createBlobStore(h.container.config),
      outbound: { allowHosts: [], timeoutMs: 5_000 },
      rate: { currency: 'USD', microsPerGpuSecond: 0, gpuSecondsPerVideoSecond: 60 },
    });
    try {
      return (await stopped.submit({ ...take.request!, uploads: [] }, { idempotencyKey: take.idempotencyKey })).providerTaskId;
    } finally {
      stopped.close();
    }
  },
  holdAtProvider() {
    fake.pendingMs = 1_500;
    fake.holdRunning = true;
    return {
      undo: () => {
        fake.pendingMs = 150;
        fake.holdRunning = false;
      },
    };
  },
  cancelRunning: { endsAs: 'canceled' },
  cancelQueued: { endsAs: 'canceled' },
});
