/**
 * Seedance (BytePlus ModelArk) through the provider contract suite, against the fake ModelArk.
 * The faults are the fake's; the expected statuses, prices and cancel support are PROVIDERS.md's
 * (§1.4 status words, §1.7 tokens, §9.1 cancel of queued tasks only). Each fault rests on facts
 * marked ✅ or ◐ there (the error envelope and codes of §1.6, `expired`, 403 on a stale signed link,
 * DELETE of queued tasks only); none on a ⚠ alone.
 */
import { createBlobStore } from '../../storage/create-blob-store.ts';
import { seedanceFakeEnv, startSeedanceFake, type SeedanceFake } from '../../../../test/fakes/seedance.fake.ts';
import { describeProviderConformance } from '../../../../test/conformance/provider-conformance.ts';
import { createSeedanceProvider } from './seedance.provider.ts';

const KEY = 'ark-conformance-key-0123456789';
let fake: SeedanceFake;

describeProviderConformance({
  provider: 'seedance',
  model: 'dreamina-seedance-2-0-260128',
  label: 'Seedance',
  async start() {
    fake = await startSeedanceFake();
    fake.keys.add(KEY);
  },
  stop: () => fake.close(),
  harness: {
    env: seedanceFakeEnv(() => fake, { BACKLOT_PROVIDER_TIMEOUT_SECONDS: '2' }, 7),
  },
  async prepare(h, owner, projectId) {
    await h.as(owner, { method: 'PUT', url: `/api/v1/projects/${projectId}/provider-keys/seedance`, payload: { secret: KEY } });
    await h.container.store.transaction((tx) =>
      tx.prices.upsert({
        currency: 'USD',
        provider: 'seedance',
        model: 'dreamina-seedance-2-0-260128',
        unit: 'tokens',
        perQuantity: 1_000_000,
        priceMicros: 2_500_000,
        updatedAt: new Date().toISOString(),
      }),
    );
  },
  settings: { resolution: '720p' },
  // 120 frames at 24 fps ask for 5 s: 1280 × 720 × 121 frames / 1024 = 108,900 tokens at $2.50 a million.
  costMicros: 272_250,
  providerStatuses: ['queued', 'running', 'succeeded', 'failed', 'expired', 'cancelled'],
  successStatus: 'succeeded',
  tasksCreatedFor: (take) => fake.createsBySeed().get(take.seed!) ?? 0,
  rateLimited: { arm: () => fake.failNextCreate({ status: 429, code: 'RateLimitExceeded.EndpointRPM', message: 'Too many requests for this model.' }) },
  serverError: { arm: () => fake.failNextCreate({ status: 500, code: 'InternalServiceError', message: 'The service encountered an unexpected internal error.' }) },
  timeout: { arm: () => fake.failNextCreate({ delayMs: 3_000 }) },
  malformed: { arm: () => fake.failNextCreate('malformed') },
  policyRefusal: { settings: { promptAddition: '[fake:moderation]' }, code: 'OutputVideoSensitiveContentDetected' },
  invalidInput: {
    arm: () => fake.failNextCreate({ status: 400, code: 'InvalidParameter.TaskTypeConstraint', message: 'The ratio must be adaptive for a first-frame task.' }),
    code: 'InvalidParameter.TaskTypeConstraint',
  },
  taskExpired: { settings: { promptAddition: '[fake:expire]' }, providerStatus: 'expired' },
  outputExpiry: {
    expireOnce: () => fake.expireSignedUrls(),
    expireForGood() {
      fake.expireSignedUrls();
      fake.outputTtlSec = -60;
      return () => void (fake.outputTtlSec = 86_400);
    },
  },
  async submitAsStoppedWorker(h, take) {
    const stopped = createSeedanceProvider({ baseUrl: fake.baseUrl, blobs: createBlobStore(h.container.config), outbound: { allowHosts: [fake.host], timeoutMs: 5_000 } }).withCredential(KEY);
    return (await stopped.submit({ ...take.request!, uploads: [] }, { idempotencyKey: take.idempotencyKey })).providerTaskId;
  },
  holdAtProvider() {
    fake.pollsRunning = 1_000;
    return { undo: () => void (fake.pollsRunning = 1) };
  },
  cancelRunning: { endsAs: 'cancel_requested' },
  cancelQueued: { endsAs: 'canceled' },
});
