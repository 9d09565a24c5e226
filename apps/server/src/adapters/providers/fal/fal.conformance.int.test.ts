/**
 * fal through the provider contract suite, driven through the official `@fal-ai/client` (its hosts
 * swapped by `requestMiddleware`) against the fake fal queue. Expectations are PROVIDERS.md's: §6.3
 * status words (`IN_QUEUE`, `IN_PROGRESS`, `COMPLETED`), §6.7 Seedance 2.0 fast tokens, §9.1 cancel
 * (a queued request removed; a running one only signalled), §9.3 (429 and 5xx on submit made no
 * request and bill nothing). fal takes no idempotency key and lists no requests (§9), so a submit
 * whose answer was lost cannot be looked up: those cases are declined with that reason.
 */
import { expect } from 'vitest';
import { describeProviderConformance } from '../../../../test/conformance/provider-conformance.ts';
import { falFakeEnv, startFalFake, type FalFake } from '../../../../test/fakes/fal.fake.ts';

const KEY = 'fal-key-id-0123:fal-key-secret-456789';
let fake: FalFake;
const unknowable = 'fal takes no idempotency key and lists no requests (PROVIDERS.md §9): a submit whose answer was lost cannot be found, so Backlot fails the take rather than pay twice';

describeProviderConformance({
  provider: 'fal',
  model: 'bytedance/seedance-2.0/fast',
  label: 'fal',
  async start() {
    fake = await startFalFake();
    fake.keys.add(KEY);
  },
  stop: () => fake.close(),
  harness: { env: falFakeEnv(() => fake, { BACKLOT_PROVIDER_TIMEOUT_SECONDS: '2' }, 17) },
  async prepare(h, owner, projectId) {
    expect((await h.as(owner, { method: 'PUT', url: `/api/v1/projects/${projectId}/provider-keys/fal`, payload: { secret: KEY } })).statusCode).toBeLessThan(300);
  },
  settings: { resolution: '720p', aspectRatio: '16:9' },
  // No catalog entry: fal's list price applies. 120 frames at 24 fps ask for 5 s; 1280 × 720 × 5 × 24 / 1024
  // = 108,000 tokens at $0.0112 per 1000 tokens = $1.2096 (§6.7: $0.2419 a second at 720p).
  costMicros: 1_209_600,
  providerStatuses: ['IN_QUEUE', 'IN_PROGRESS', 'COMPLETED'],
  successStatus: 'COMPLETED',
  tasksCreatedFor: (take) => fake.creates.filter((c) => c.at >= Date.parse(take.requestedAt)).length,
  rateLimited: { arm: () => fake.failNextSubmit({ status: 429, body: { detail: 'You have reached the concurrency limit for this account' } }) },
  serverError: { arm: () => fake.failNextSubmit({ status: 500, body: { detail: 'Internal Server Error' } }) },
  timeout: { skip: unknowable },
  malformed: { skip: unknowable },
  policyRefusal: { skip: 'PROVIDERS.md gives no content-policy error for fal (§6.6): a model refuses its input as a 4xx in its result, covered by the adapter test' },
  invalidInput: {
    skip: "fal checks a model's input when the request runs: the refusal is the COMPLETED request's result (PROVIDERS.md §6.3, §6.5), so a request id exists; fal.generate.int.test.ts covers the take that ends so",
  },
  taskExpired: { skip: 'fal has no expired status (PROVIDERS.md §6.3, §9.1)' },
  outputExpiry: { skip: "fal's output links are not signed to expire, and reading the result again names the same file (PROVIDERS.md §6.3)" },
  submitAsStoppedWorker: { skip: unknowable },
  holdAtProvider() {
    fake.pollsRunning = 1_000;
    return { undo: () => void (fake.pollsRunning = 1) };
  },
  cancelRunning: { endsAs: 'cancel_requested' },
  cancelQueued: { endsAs: 'canceled' },
});
