/**
 * Luma Ray 3.2 (the Luma Agents API, called over REST) through the provider contract suite,
 * against the same fake Luma. Statuses are PROVIDERS.md §3.2's (`processing`, no cancel), the
 * moderation code its `content_moderated` (§9.3: never retried). The Agents API has no list or
 * lookup by a client key (§9), so after any create whose outcome Backlot cannot know, the take is
 * failed rather than sent twice: the cases that retry such a create are declined below with that
 * reason. A create answered 429 made nothing, and is sent again without asking.
 */
import { lumaFakeEnv, startLumaFake, type LumaFake } from '../../../../test/fakes/luma.fake.ts';
import { describeProviderConformance } from '../../../../test/conformance/provider-conformance.ts';

const KEY = 'luma-api-agents-conformance-key-0123';
let fake: LumaFake;
const UNKNOWABLE =
  'the Agents API has no list or lookup by client key (PROVIDERS.md §9): a retried create would have to be reconciled, and reconcile answers unknowable, so the take fails instead of risking a second charge';

describeProviderConformance({
  provider: 'luma',
  model: 'ray-3.2',
  label: 'Luma',
  async start() {
    fake = await startLumaFake();
    fake.keys.add(KEY);
  },
  stop: () => fake.close(),
  harness: { env: lumaFakeEnv(() => fake, { BACKLOT_PROVIDER_TIMEOUT_SECONDS: '2' }, 7) },
  async prepare(h, owner, projectId) {
    await h.as(owner, { method: 'PUT', url: `/api/v1/projects/${projectId}/provider-keys/luma`, payload: { secret: KEY } });
    await h.container.store.transaction((tx) =>
      tx.prices.upsert({ currency: 'USD', provider: 'luma', model: 'ray-3.2', unit: 'generations', perQuantity: 1, priceMicros: 720_000, updatedAt: new Date().toISOString() }),
    );
  },
  settings: { resolution: '720p' },
  // 120 frames at 24 fps ask for 5 s: one 5 s block at 720p is 1.5 units of $0.72.
  costMicros: 1_080_000,
  providerStatuses: ['queued', 'processing', 'completed', 'failed'],
  successStatus: 'completed',
  tasksCreatedFor: (take) => fake.creates.filter((c) => c.api === 'agents' && c.at >= Date.parse(take.requestedAt)).length,
  rateLimited: { arm: () => fake.failNextCreate({ status: 429, detail: 'Too many requests' }) },
  serverError: { skip: UNKNOWABLE },
  timeout: { skip: UNKNOWABLE },
  malformed: { skip: UNKNOWABLE },
  policyRefusal: { settings: { promptAddition: '[fake:moderation]' }, code: 'content_moderated' },
  invalidInput: { arm: () => fake.failNextCreate({ status: 400, detail: 'HDR needs 720p or 1080p' }), code: 'HTTP 400' },
  taskExpired: { skip: 'Luma has no expired state (PROVIDERS.md §3.2: queued, processing, completed, failed)' },
  outputExpiry: {
    expireOnce: () => fake.expireSignedUrls(),
    expireForGood() {
      fake.expireSignedUrls();
      fake.outputTtlSec = -60;
      return () => void (fake.outputTtlSec = 3600);
    },
  },
  submitAsStoppedWorker: { skip: UNKNOWABLE },
  holdAtProvider() {
    fake.pollsRunning = 1_000;
    return { undo: () => void (fake.pollsRunning = 1) };
  },
  cancelRunning: { endsAs: 'cancel_requested' },
  cancelQueued: { skip: 'the Agents API has no cancel (PROVIDERS.md §3.2)' },
});
