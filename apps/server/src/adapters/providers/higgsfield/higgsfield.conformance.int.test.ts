/**
 * Higgsfield DoP through the provider contract suite, against the fake Higgsfield, driven through the
 * official `@higgsfield/client` (submit) and its `Key id:secret` REST calls (status, cancel).
 * Statuses are PROVIDERS.md §5.2's (`in_progress`, `nsfw`, `canceled`); cancel works while queued
 * only (§9.1). DoP animates a start frame, so the shot gets one (a PNG of Backlot's own, uploaded
 * through `/files/generate-upload-url` when sending). Higgsfield has no idempotency key and no list
 * (§5.4, §9): a create whose outcome Backlot cannot know is not retried, so those cases are declined
 * below with that reason. A create answered 429 made nothing, and is sent again without asking.
 */
import { expect } from 'vitest';
import { higgsfieldFakeEnv, startHiggsfieldFake, type HiggsfieldFake } from '../../../../test/fakes/higgsfield.fake.ts';
import { describeProviderConformance } from '../../../../test/conformance/provider-conformance.ts';
import { makeTestMedia, multipart } from '../../../../test/media.ts';

const CREDENTIALS = 'hf-key-id-0123:hf-key-secret-456789';
let fake: HiggsfieldFake;
const UNKNOWABLE =
  'Higgsfield has no idempotency key and no list (PROVIDERS.md §5.4, §9): a retried create would have to be reconciled, and reconcile answers unknowable, so the take fails instead of risking a second charge';

describeProviderConformance({
  provider: 'higgsfield',
  model: 'dop-turbo',
  label: 'Higgsfield',
  async start() {
    fake = await startHiggsfieldFake();
    fake.credentials.add(CREDENTIALS);
  },
  stop: () => fake.close(),
  harness: { env: higgsfieldFakeEnv(() => fake, { BACKLOT_PROVIDER_TIMEOUT_SECONDS: '2' }, 7) },
  async prepare(h, owner, projectId) {
    const url = (p: string) => `/api/v1/projects/${projectId}${p}`;
    expect((await h.as(owner, { method: 'PUT', url: url('/provider-keys/higgsfield'), payload: { secret: CREDENTIALS } })).statusCode).toBeLessThan(300);
    await h.container.store.transaction((tx) =>
      tx.prices.upsert({ currency: 'USD', provider: 'higgsfield', model: 'dop-turbo', unit: 'generations', perQuantity: 1, priceMicros: 125_000, updatedAt: new Date().toISOString() }),
    );
    // DoP animates a start frame: the shot's plan names one of Backlot's own pictures.
    const media = makeTestMedia();
    const anchor = (await h.as(owner, { method: 'POST', url: url('/assets'), payload: { kind: 'frame-anchor', name: 'Pier still' } })).json();
    const { body, contentType } = multipart([['main', 'pier.png', media.png, 'image/png']]);
    expect((await h.as(owner, { method: 'POST', url: url(`/assets/${anchor.id}/versions`), headers: { 'content-type': contentType }, payload: body })).statusCode).toBe(201);
    expect((await h.as(owner, { method: 'POST', url: url(`/assets/${anchor.id}/clearance`), payload: { clearance: 'cleared', reason: 'our own still' } })).statusCode).toBe(200);
    const [shot] = (await h.as(owner, { method: 'GET', url: url('/shots') })).json().shots;
    const refs = await h.as(owner, {
      method: 'PUT',
      url: url(`/shots/${shot.id}/references`),
      payload: { references: [{ assetId: anchor.id, version: 1, role: 'start-frame' }], baseVersion: shot.planVersion },
    });
    expect(refs.statusCode, refs.body).toBeLessThan(300);
  },
  settings: { resolution: '720p' },
  // One DoP Turbo generation at the catalog's $0.125.
  costMicros: 125_000,
  providerStatuses: ['queued', 'in_progress', 'completed', 'failed', 'nsfw', 'canceled'],
  successStatus: 'completed',
  tasksCreatedFor: (take) => fake.creates.filter((c) => c.at >= Date.parse(take.requestedAt)).length,
  rateLimited: { arm: () => fake.failNextCreate({ status: 429, detail: 'Too many requests' }) },
  serverError: { skip: UNKNOWABLE },
  timeout: { skip: UNKNOWABLE },
  malformed: { skip: UNKNOWABLE },
  policyRefusal: { settings: { promptAddition: '[fake:nsfw]' }, code: 'nsfw' },
  invalidInput: { arm: () => fake.failNextCreate({ status: 422, detail: [{ loc: ['body', 'motions', '0', 'id'], msg: 'Unknown motion id', type: 'value_error' }] }), code: 'HTTP 422' },
  taskExpired: { skip: 'Higgsfield has no expired state (PROVIDERS.md §5.2)' },
  outputExpiry: { skip: 'Higgsfield keeps outputs at least 7 days and its links are not signed to expire (PROVIDERS.md §5.2)' },
  submitAsStoppedWorker: { skip: UNKNOWABLE },
  holdAtProvider() {
    fake.pollsRunning = 1_000;
    return { undo: () => void (fake.pollsRunning = 1) };
  },
  cancelRunning: { endsAs: 'cancel_requested' },
  cancelQueued: { endsAs: 'canceled' },
});
