/**
 * Luma Dream Machine (ray-2) through the provider contract suite, against the fake Luma, driven
 * through the official `lumaai` SDK. Expected statuses, prices and cancel support are PROVIDERS.md's
 * (§3.1 states with `dreaming`, §9.1: no cancel, so a canceled take finishes hidden). Each fault rests
 * on facts marked ✅ there (the SDK's HTTP status mapping, the list endpoint for reconciling); the
 * `{detail}` body is ⚠, so no case reads it: the error code is the HTTP status.
 */
import { createBlobStore } from '../../storage/create-blob-store.ts';
import { lumaFakeEnv, startLumaFake, type LumaFake } from '../../../../test/fakes/luma.fake.ts';
import { describeProviderConformance } from '../../../../test/conformance/provider-conformance.ts';
import { createLumaProvider } from './luma.provider.ts';

const KEY = 'luma-dm-conformance-key-0123456789';
let fake: LumaFake;

describeProviderConformance({
  provider: 'luma',
  model: 'ray-2',
  label: 'Luma',
  async start() {
    fake = await startLumaFake();
    fake.keys.add(KEY);
  },
  stop: () => fake.close(),
  // Luma has no idempotency key: a timed-out create is found again by matching the request in the
  // list, so a send the fake (in this process) had not read yet when the timeout struck is missed and
  // sent again. 4 s leaves a loaded machine room to read it; the timeout case waits 6 s.
  harness: { env: lumaFakeEnv(() => fake, { BACKLOT_PROVIDER_TIMEOUT_SECONDS: '4' }, 7) },
  async prepare(h, owner, projectId) {
    await h.as(owner, { method: 'PUT', url: `/api/v1/projects/${projectId}/provider-keys/luma`, payload: { secret: KEY } });
    await h.container.store.transaction((tx) =>
      tx.prices.upsert({ currency: 'USD', provider: 'luma', model: 'ray-2', unit: 'seconds', perQuantity: 1, priceMicros: 400_000, updatedAt: new Date().toISOString() }),
    );
  },
  settings: { resolution: '720p' },
  // 120 frames at 24 fps ask for 5 s, one of ray-2's two lengths: 5 s at $0.40 a second.
  costMicros: 2_000_000,
  providerStatuses: ['queued', 'dreaming', 'completed', 'failed'],
  successStatus: 'completed',
  tasksCreatedFor: (take) =>
    fake.creates.filter((c) => c.api === 'dream-machine' && c.at >= Date.parse(take.requestedAt) && JSON.stringify({ ...c.body, callback_url: undefined }) === JSON.stringify(take.request!.body))
      .length,
  rateLimited: { arm: () => fake.failNextCreate({ status: 429, detail: 'Too many requests' }) },
  serverError: { arm: () => fake.failNextCreate({ status: 500, detail: 'Internal Server Error' }) },
  timeout: { arm: () => fake.failNextCreate({ delayMs: 6_000 }) },
  malformed: { arm: () => fake.failNextCreate('malformed') },
  policyRefusal: {
    skip: 'Dream Machine reports a failed generation in words only (failure_reason, no code; PROVIDERS.md §3.1): Backlot does not guess moderation from them (Ray 3.2 has content_moderated: see luma-agents.conformance)',
  },
  invalidInput: { arm: () => fake.failNextCreate({ status: 400, detail: 'Invalid keyframes for this model' }), code: 'HTTP 400' },
  taskExpired: { skip: 'Luma has no expired state (PROVIDERS.md §3.1: queued, dreaming, completed, failed)' },
  outputExpiry: {
    expireOnce: () => fake.expireSignedUrls(),
    expireForGood() {
      fake.expireSignedUrls();
      fake.outputTtlSec = -60;
      return () => void (fake.outputTtlSec = 3600);
    },
  },
  async submitAsStoppedWorker(h, take) {
    const stopped = createLumaProvider({
      dreamMachineUrl: fake.dreamMachineUrl,
      agentsUrl: fake.agentsUrl,
      blobs: createBlobStore(h.container.config),
      outbound: { allowHosts: [fake.host], timeoutMs: 5_000 },
    }).withCredential(KEY);
    return (await stopped.submit({ ...take.request!, uploads: [] }, { idempotencyKey: take.idempotencyKey })).providerTaskId;
  },
  holdAtProvider() {
    fake.pollsRunning = 1_000;
    return { undo: () => void (fake.pollsRunning = 1) };
  },
  cancelRunning: { endsAs: 'cancel_requested' },
  cancelQueued: { skip: 'Luma cannot cancel a generation, queued or not (PROVIDERS.md §9.1); DELETE removes a record and is not a cancel' },
});
