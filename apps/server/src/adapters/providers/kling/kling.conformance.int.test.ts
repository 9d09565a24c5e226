/**
 * Kling through the provider contract suite, against the fake Kling API. The faults are the fake's;
 * the expected statuses, prices and cancel support are PROVIDERS.md's (§4.4 status words with
 * `succeed`, §4.5 codes, §4.6 credits, §9.1: no cancel at all). The crash, timeout and malformed
 * cases also rest on the task list (⚠ in §4.2) that reconciliation reads: their evidence is the
 * `external_task_id` echoed in `task_info` (◐, §4.4) as much as the list.
 */
import { createBlobStore } from '../../storage/create-blob-store.ts';
import { klingFakeEnv, startKlingFake, type KlingFake } from '../../../../test/fakes/kling.fake.ts';
import { describeProviderConformance } from '../../../../test/conformance/provider-conformance.ts';
import { createKlingProvider } from './kling.provider.ts';

const ACCESS = 'AK-conformance-0123';
const SECRET = 'SK-conformance-secret-4567';
let fake: KlingFake;

describeProviderConformance({
  provider: 'kling',
  model: 'kling-v2-6',
  label: 'Kling',
  async start() {
    fake = await startKlingFake();
    fake.keys.set(ACCESS, SECRET);
  },
  stop: () => fake.close(),
  harness: { env: klingFakeEnv(() => fake, { BACKLOT_PROVIDER_TIMEOUT_SECONDS: '2' }, 11) },
  async prepare(h, owner, projectId) {
    await h.as(owner, { method: 'PUT', url: `/api/v1/projects/${projectId}/provider-keys/kling`, payload: { secret: `${ACCESS}:${SECRET}` } });
    await h.container.store.transaction((tx) =>
      tx.prices.upsert({ currency: 'USD', provider: 'kling', model: 'kling-v2-6', unit: 'credits', perQuantity: 1, priceMicros: 150_000, updatedAt: new Date().toISOString() }),
    );
  },
  settings: { resolution: '720p' },
  // 120 frames at 24 fps ask for 5 s; 720p is `std`: 3 credits per 5 s, at $0.15 a credit.
  costMicros: 450_000,
  providerStatuses: ['submitted', 'processing', 'succeed', 'failed'],
  successStatus: 'succeed',
  tasksCreatedFor: (take) => fake.createsByExternalId().get(take.idempotencyKey) ?? 0,
  rateLimited: { arm: () => fake.failNextCreate({ status: 429, code: 1302, message: 'The API request rate is too high' }) },
  serverError: { arm: () => fake.failNextCreate({ status: 500, code: 5000, message: 'Server internal error' }) },
  timeout: { arm: () => fake.failNextCreate({ delayMs: 3_000 }) },
  malformed: { arm: () => fake.failNextCreate('malformed') },
  policyRefusal: { settings: { promptAddition: '[fake:moderation]' }, code: '1301' },
  invalidInput: { arm: () => fake.failNextCreate({ status: 400, code: 1201, message: 'Invalid request parameters: aspect_ratio' }), code: '1201' },
  taskExpired: { skip: 'Kling has no expired status (PROVIDERS.md §4.4, §9.1)' },
  outputExpiry: {
    expireOnce: () => fake.expireSignedUrls(),
    expireForGood() {
      fake.expireSignedUrls();
      fake.outputTtlSec = -60;
      return () => void (fake.outputTtlSec = 3600);
    },
  },
  async submitAsStoppedWorker(h, take) {
    const stopped = createKlingProvider({ baseUrl: fake.baseUrl, blobs: createBlobStore(h.container.config), outbound: { allowHosts: [fake.host], timeoutMs: 5_000 } }).withCredential(
      `${ACCESS}:${SECRET}`,
    );
    return (await stopped.submit({ ...take.request!, uploads: [] }, { idempotencyKey: take.idempotencyKey })).providerTaskId;
  },
  holdAtProvider() {
    fake.pollsProcessing = 1_000;
    return { undo: () => void (fake.pollsProcessing = 1) };
  },
  cancelRunning: { endsAs: 'cancel_requested' },
  cancelQueued: { skip: 'Kling has no cancel endpoint (PROVIDERS.md §4.2, §9.1)' },
});
