/**
 * Replicate through the provider contract suite, driven through the official `replicate` client
 * against the fake Replicate API (a fake the client would not accept fails here). Expectations are
 * PROVIDERS.md's: §7.3 and §9.1 status words (`starting`, `processing`, `succeeded`, and `aborted`
 * for a prediction whose deadline passed before it started, not charged: §9.3), §7.5 the 429 with
 * `Retry-After`, §9.1 cancel in any state before the end. Replicate takes no idempotency key: after
 * a lost answer the worker finds the prediction in the account's list by the input it echoes.
 */
import { createBlobStore } from '../../storage/create-blob-store.ts';
import { describeProviderConformance } from '../../../../test/conformance/provider-conformance.ts';
import { replicateFakeEnv, startReplicateFake, type ReplicateFake } from '../../../../test/fakes/replicate.fake.ts';
import { createReplicateProvider } from './replicate.provider.ts';

const TOKEN = 'r8_conformance0123456789abcdef';
let fake: ReplicateFake;

describeProviderConformance({
  provider: 'replicate',
  model: 'bytedance/seedance-1-lite',
  label: 'Replicate',
  async start() {
    fake = await startReplicateFake();
    fake.addToken(TOKEN);
    // Two a page, so reconciling walks the cursor pages.
    fake.pageSize = 2;
  },
  stop: () => fake.close(),
  harness: { env: replicateFakeEnv(() => fake, { BACKLOT_PROVIDER_TIMEOUT_SECONDS: '2' }, 17) },
  async prepare(h, owner, projectId) {
    await h.as(owner, { method: 'PUT', url: `/api/v1/projects/${projectId}/provider-keys/replicate`, payload: { secret: TOKEN } });
    await h.container.store.transaction((tx) =>
      tx.prices.upsert({ currency: 'USD', provider: 'replicate', model: 'bytedance/seedance-1-lite', unit: 'seconds', perQuantity: 1, priceMicros: 36_000, updatedAt: new Date().toISOString() }),
    );
  },
  settings: { resolution: '720p' },
  // 120 frames at 24 fps ask for 5 s of output, at $0.036 a second.
  costMicros: 180_000,
  providerStatuses: ['starting', 'processing', 'succeeded', 'failed', 'canceled', 'aborted'],
  successStatus: 'succeeded',
  tasksCreatedFor: (take) => fake.creates.filter((c) => (c.body.input as { seed?: number }).seed === take.seed).length,
  // Replicate says when to ask again: one second, waited out inside the request.
  rateLimited: { arm: () => fake.failNextCreate({ status: 429, detail: 'Request was throttled. Your rate limit resets in ~1s.', retryAfter: '1' }) },
  serverError: { arm: () => fake.failNextCreate({ status: 500, detail: 'Internal server error' }) },
  timeout: { arm: () => fake.failNextCreate({ delayMs: 3_000 }) },
  malformed: { arm: () => fake.failNextCreate('malformed') },
  policyRefusal: { settings: { promptAddition: '[fake:sensitive]' }, code: 'E005' },
  invalidInput: { arm: () => fake.failNextCreate({ status: 422, detail: '- input.duration: Must be one of: 5, 10' }), code: 'HTTP 422' },
  taskExpired: { settings: { promptAddition: '[fake:abort]' }, providerStatus: 'aborted' },
  outputExpiry: {
    // Replicate's links do not change: a refused download is asked once more after reading the prediction again.
    expireOnce: () => fake.refuseNextDownload(),
    expireForGood: () => fake.removeOutputs(),
  },
  async submitAsStoppedWorker(h, take) {
    const stopped = createReplicateProvider({ baseUrl: fake.baseUrl, blobs: createBlobStore(h.container.config), outbound: { allowHosts: [fake.host], timeoutMs: 5_000 } }).withCredential(TOKEN);
    return (await stopped.submit({ ...take.request!, uploads: [] }, { idempotencyKey: take.idempotencyKey })).providerTaskId;
  },
  holdAtProvider() {
    fake.pollsProcessing = 1_000;
    return { undo: () => void (fake.pollsProcessing = 1) };
  },
  cancelRunning: { endsAs: 'canceled' },
  cancelQueued: { endsAs: 'canceled' },
});
