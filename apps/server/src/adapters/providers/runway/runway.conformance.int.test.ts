/**
 * Runway through the provider contract suite, driven through the official `@runwayml/sdk` against
 * the fake Runway API (a fake the SDK would not accept fails here). Expectations are PROVIDERS.md's:
 * §2.4 status words, §2.6 credits per second, §9.1 cancel of pending, throttled and running tasks,
 * §9.3 `SAFETY.*` never retried. Runway takes no idempotency key and lists no tasks (§2.1, §2.2), so
 * a create whose answer was lost cannot be looked up: those cases are declined with that reason.
 */
import { describeProviderConformance } from '../../../../test/conformance/provider-conformance.ts';
import { runwayFakeEnv, startRunwayFake, type RunwayFake } from '../../../../test/fakes/runway.fake.ts';

const KEY = 'key_runway-conformance-0123456789';
let fake: RunwayFake;
const unknowable = 'Runway takes no idempotency key and has no task list (PROVIDERS.md §2.1, §2.2): a create whose answer was lost cannot be found, so Backlot fails the take rather than pay twice';

describeProviderConformance({
  provider: 'runway',
  model: 'gen4.5',
  label: 'Runway',
  async start() {
    fake = await startRunwayFake();
    fake.keys.add(KEY);
  },
  stop: () => fake.close(),
  harness: { env: runwayFakeEnv(() => fake, { BACKLOT_PROVIDER_TIMEOUT_SECONDS: '2' }, 13) },
  async prepare(h, owner, projectId) {
    await h.as(owner, { method: 'PUT', url: `/api/v1/projects/${projectId}/provider-keys/runway`, payload: { secret: KEY } });
    await h.container.store.transaction((tx) =>
      tx.prices.upsert({ currency: 'USD', provider: 'runway', model: 'gen4.5', unit: 'credits', perQuantity: 1, priceMicros: 11_000, updatedAt: new Date().toISOString() }),
    );
  },
  settings: { resolution: '720p' },
  // 120 frames at 24 fps ask for 5 s: Gen-4.5 at 12 credits a second is 60 credits, at $0.011 a credit.
  costMicros: 660_000,
  providerStatuses: ['PENDING', 'THROTTLED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'],
  successStatus: 'SUCCEEDED',
  tasksCreatedFor: (take) => fake.creates.filter((c) => c.body.seed === take.seed).length,
  rateLimited: { arm: () => fake.failNextCreate({ status: 429, error: 'You have exceeded the daily task limit for this model' }) },
  serverError: { arm: () => fake.failNextCreate({ status: 500, error: 'Internal server error' }) },
  timeout: { skip: unknowable },
  malformed: { skip: unknowable },
  policyRefusal: { settings: { promptAddition: '[fake:safety]' }, code: 'SAFETY.INPUT.TEXT' },
  invalidInput: { arm: () => fake.failNextCreate({ status: 400, error: "Invalid parameter 'ratio'" }), code: 'invalid_request' },
  taskExpired: { skip: 'Runway has no expired status (PROVIDERS.md §2.4, §9.1)' },
  outputExpiry: {
    expireOnce: () => fake.expireSignedUrls(),
    expireForGood() {
      fake.expireSignedUrls();
      fake.outputTtlSec = -60;
      return () => void (fake.outputTtlSec = 3600);
    },
  },
  submitAsStoppedWorker: { skip: unknowable },
  holdAtProvider() {
    fake.pollsRunning = 1_000;
    return { undo: () => void (fake.pollsRunning = 1) };
  },
  cancelRunning: { endsAs: 'canceled' },
  cancelQueued: { endsAs: 'canceled' },
});
