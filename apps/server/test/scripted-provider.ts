/**
 * A video provider whose behaviour is chosen by model name, for testing the worker's handling of
 * what the real adapters' fakes cannot show: charged failures, unstorable error text, a task slow
 * enough to receive callbacks. Outputs are a real clip made with ffmpeg.
 */
import { createReadStream } from 'node:fs';
import type { ModelCapabilities } from '@backlot/contracts';
import { ProviderFailure, type CompiledRequest, type TaskSnapshot, type VideoProviderAdapter } from '../src/ports/video-provider.ts';

/**
 * `refused-once`: the first send is answered 429 (nothing made); `lost-once`: the first send times
 * out after the task was made (the answer never came back); `unsent-once`: the first send times out
 * before it arrived, and asking finds tasks by their prompt, as a provider without idempotency keys
 * does (Luma): every take of a shot has the same. All succeed on the next send.
 */
export type Script = 'ok' | 'charged-failure' | 'slow' | 'garbled' | 'raced' | 'billed-stop' | 'refused-once' | 'lost-once' | 'unsent-once';
const SCRIPTS: Script[] = ['ok', 'charged-failure', 'slow', 'garbled', 'raced', 'billed-stop', 'refused-once', 'lost-once', 'unsent-once'];

const caps = (model: Script): ModelCapabilities => ({
  provider: 'fal',
  model,
  label: `Scripted ${model}`,
  durationsSec: [1, 2, 5],
  aspectRatios: ['16:9'],
  resolutions: ['480p', '720p', '1080p'],
  slots: [{ slot: 'firstFrame', roles: ['start-frame'], media: 'image', max: 1 }],
  audio: false,
  seed: true,
  negativePrompt: true,
  cameraControls: false,
  maxPromptChars: 2000,
  cancelRunning: true,
  available: true,
  priceUnit: 'seconds',
});

/** `clip` is a path to a real video file every successful task returns. */
export function createScriptedProvider(clip: string) {
  const tasks = new Map<string, { model: Script; prompt: unknown; polls: number; canceled: boolean }>();
  const calls = { submit: 0, cancel: 0, webhookUrls: [] as string[], polls: new Map<string, number>(), sends: new Map<string, number>(), reconciles: new Map<string, number>() };
  /** Tasks made, by the take's idempotency key: what `reconcile` finds. */
  const made = new Map<string, string>();
  /** For `raced`: runs while the poll that finds the task finished is on its way back (a cancel asked for meanwhile, say). */
  const hooks: { beforeFinishedAnswer?: (taskId: string) => Promise<void>; beforeSubmitAnswer?: (taskId: string) => Promise<void> } = {};
  let n = 0;
  const snapshot = (id: string, status: TaskSnapshot['status'], extra: Partial<TaskSnapshot> = {}): TaskSnapshot => ({
    providerTaskId: id,
    status,
    providerStatus: status.toUpperCase(),
    outputs: [],
    raw: {},
    ...extra,
  });
  const adapter: VideoProviderAdapter = {
    provider: 'fal',
    models: () => SCRIPTS.map(caps),
    validate: () => [],
    estimateUsage: async (spec) => ({ unit: 'seconds', quantity: spec.durationSec ?? 1, detail: `${spec.durationSec ?? 1} s` }),
    compile: async (spec): Promise<CompiledRequest> => ({
      method: 'POST',
      url: `https://queue.example.test/scripted/${spec.model}`,
      headers: { 'content-type': 'application/json' },
      body: { prompt: spec.prompt, seed: spec.seed, duration: spec.durationSec },
      uploads: [],
    }),
    async submit(req, opts) {
      const model = String(req.url.split('/').pop()) as Script;
      calls.submit++;
      const sends = (calls.sends.get(opts.idempotencyKey) ?? 0) + 1;
      calls.sends.set(opts.idempotencyKey, sends);
      if (model === 'refused-once' && sends === 1) {
        throw new ProviderFailure({ code: 'HTTP 429', message: 'Too many requests', category: 'rate_limit', retryable: true, charged: false, httpStatus: 429, retryAfterMs: 100 });
      }
      if (model === 'unsent-once' && sends === 1) {
        throw new ProviderFailure({ code: 'timeout', message: 'the provider did not answer within 1 s', category: 'timeout', retryable: true, charged: false });
      }
      if (opts.webhookUrl) calls.webhookUrls.push(opts.webhookUrl);
      const id = `task-${++n}`;
      tasks.set(id, { model, prompt: (req.body as { prompt?: unknown }).prompt, polls: 0, canceled: false });
      made.set(opts.idempotencyKey, id);
      if (model === 'lost-once' && sends === 1) {
        throw new ProviderFailure({ code: 'timeout', message: 'the provider did not answer within 1 s', category: 'timeout', retryable: true, charged: false });
      }
      if (model === 'raced') await hooks.beforeSubmitAnswer?.(id);
      return snapshot(id, 'queued', { providerStatus: 'IN_QUEUE' });
    },
    async reconcile(key, _after, request, held) {
      calls.reconciles.set(key, (calls.reconciles.get(key) ?? 0) + 1);
      const id = made.get(key);
      if (id) return snapshot(id, 'queued', { providerStatus: 'IN_QUEUE' });
      if (!request?.url.endsWith('/unsent-once')) return 'none';
      const prompt = (request.body as { prompt?: unknown }).prompt;
      const alike = [...tasks].filter(([, t]) => t.prompt === prompt).map(([taskId]) => taskId);
      const taken = held ? await held(alike) : new Set<string>();
      const own = alike.filter((taskId) => !taken.has(taskId));
      if (own.length > 1) return 'unknowable';
      return own.length ? snapshot(own[0], 'queued', { providerStatus: 'IN_QUEUE' }) : 'none';
    },
    async poll(id) {
      const t = tasks.get(id)!;
      t.polls++;
      calls.polls.set(id, t.polls);
      // `billed-stop` ran half a second before it was stopped, and says so, as Replicate reports a prediction's predict_time.
      if (t.canceled) return snapshot(id, 'canceled', t.model === 'billed-stop' ? { usage: { unit: 'seconds', quantity: 0.5 } } : {});
      // Text a database cannot store exactly, as a careless provider might answer: a NUL and half a character.
      if (t.model === 'garbled')
        return snapshot(id, 'failed', {
          providerStatus: 'FAIL\u0000ED',
          error: { code: 'bad\u0000code', message: 'Flagged\u0000 by \ud800 review', category: 'moderation', retryable: false, charged: false },
        });
      if (t.model === 'charged-failure')
        return snapshot(id, 'failed', { error: { code: 'internal_error', message: 'GPU worker crashed', category: 'provider_internal', retryable: false, charged: true } });
      if (t.model === 'slow' || t.model === 'billed-stop') return snapshot(id, 'running', { providerStatus: 'IN_PROGRESS', progress: Math.min(0.9, t.polls / 10) });
      if (t.model === 'raced') await hooks.beforeFinishedAnswer?.(id);
      return snapshot(id, 'succeeded', { outputs: [{ url: 'https://cdn.example.test/out.mp4', mediaType: 'video' }], usage: { unit: 'seconds', quantity: 1 } });
    },
    async cancel(id) {
      calls.cancel++;
      const t = tasks.get(id)!;
      t.canceled = true;
      // Stopped, but what it ran is billed: the worker reads it once more to learn how much.
      return t.model === 'billed-stop' ? 'cancel_requested' : 'canceled';
    },
    fetchOutput: async () => ({ body: createReadStream(clip), contentType: 'video/mp4' }),
    settleUsage: async (s, estimate) => ({ quantity: s.usage?.quantity ?? estimate.quantity, reported: Boolean(s.usage) }),
  };
  /** A fresh account: the tasks made so far are forgotten (each database's run has its own). */
  const newAccount = () => {
    tasks.clear();
    made.clear();
  };
  return { adapter, calls, hooks, newAccount };
}
