/**
 * A paid generation end to end, on SQLite and PostgreSQL: an owner adds the project's Seedance key
 * (a canary), a director previews and generates against the fake ModelArk, the worker submits,
 * polls, downloads and settles from the tokens Ark reports. The canary is then searched for in
 * every answer, the request log, the stored requests, the event stream and a dump of every table.
 * Faults and refusals, expiring links, crashes and cancels are the contract suite's
 * (seedance.conformance.int.test.ts).
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServerLogger } from '../../admin/serve.command.ts';
import { dumpDatabase } from '../../../test/database-dump.ts';
import { describeEachDatabase, type Harness, type Person } from '../../../test/harness.ts';
import { seedanceFakeEnv, startSeedanceFake, type SeedanceFake } from '../../../test/fakes/seedance.fake.ts';
import { waitFor } from '../../../test/wait.ts';

const CANARY = 'ark-canary-9d8c7b6a5f4e3d2c1b0a';
const MODEL = 'dreamina-seedance-2-0-260128';
const V25 = 'dreamina-seedance-2-5-260628';

let fake: SeedanceFake;
beforeAll(async () => {
  fake = await startSeedanceFake();
  fake.keys.add(CANARY);
});
afterAll(() => fake.close());

let logText = '';
const logger = createServerLogger('debug', new Writable({ write: (chunk, _e, done) => ((logText += chunk.toString()), done()) }));

describeEachDatabase(
  'a Seedance generation',
  (h) => {
    let owner: Person;
    let director: Person;
    let projectId = '';
    let shotId = '';
    const answers: string[] = [];
    const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
    const call = async (who: Person, opts: Parameters<Harness['as']>[1]) => {
      const r = await h().as(who, opts);
      answers.push(r.body);
      return r;
    };
    const take = async (id: string) => (await call(director, { method: 'GET', url: url(`/takes/${id}`) })).json();
    const ended = (id: string) =>
      waitFor(
        () => take(id),
        (t) => ['succeeded', 'failed', 'canceled'].includes(t.status),
        60_000,
      );
    const entries = async (id: string) => (await h().container.store.read.ledger.forTake(id)).map((e) => [e.kind, e.amountMicros]);
    const body = (prompt?: string, count = 1) => ({ provider: 'seedance', model: MODEL, count, settings: { resolution: '720p', ...(prompt ? { promptAddition: prompt } : {}) } });
    let events = '';
    const stream = new AbortController();

    it('sets up a planned shot, the price of Seedance 2.0 ($2.50 a million tokens) and a listener on the event stream', async () => {
      owner = await h().person('Olga Owner');
      director = await h().person('Dora Director');
      projectId = await h().project(owner, 'PAID', [[director, 'director']]);
      await h().as(owner, { method: 'PATCH', url: url(''), payload: { generation: { requireLocked: false } } });
      const scene = await h().as(director, { method: 'POST', url: url('/scenes'), payload: { heading: 'EXT. LIGHTHOUSE - DUSK' } });
      const shot = await h().as(director, {
        method: 'POST',
        url: url(`/scenes/${scene.json().id}/shots`),
        payload: {
          plan: { job: 'Establish the lighthouse', subjectAction: 'The keeper lights the lamp.', camera: { size: 'WS', movement: 'push-in' }, reviewCriteria: ['Lamp lit'], targetFrames: 120 },
        },
      });
      shotId = shot.json().id;
      await h().container.store.transaction((tx) =>
        tx.prices.upsert({ currency: 'USD', provider: 'seedance', model: MODEL, unit: 'tokens', perQuantity: 1_000_000, priceMicros: 2_500_000, updatedAt: new Date().toISOString() }),
      );
      const res = await h().as(director, { method: 'GET', url: url('/events'), payloadAsStream: true, signal: stream.signal });
      void (async () => {
        for await (const chunk of res.stream()) events += chunk;
      })().catch(() => undefined);
      h().container.startWorker();
    });

    it('without a key, lists the models as unavailable and refuses before anything is sent or reserved', async () => {
      const creates = fake.creates.length;
      const models = (await call(director, { method: 'GET', url: url('/models') })).json().models;
      expect(models.find((m: { model: string }) => m.model === MODEL)).toMatchObject({ provider: 'seedance', available: false });
      const preview = await call(director, { method: 'POST', url: url(`/shots/${shotId}/generate/preview`), payload: body() });
      expect(preview.json().refusals[0]).toMatchObject({ code: 'provider.key_missing' });
      const refused = await call(director, { method: 'POST', url: url(`/shots/${shotId}/takes`), payload: body() });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'provider.key_missing', field: 'provider' });
      expect(fake.creates.length).toBe(creates);
      expect(await h().container.store.read.ledger.totals(projectId)).toEqual({ reserved: 0, settled: 0, released: 0 });
    });

    it('with the key an owner added, shows the exact request and the token estimate before spending', async () => {
      expect((await call(owner, { method: 'PUT', url: url('/provider-keys/seedance'), payload: { secret: CANARY } })).statusCode).toBe(200);
      expect((await call(owner, { method: 'POST', url: url('/provider-keys/seedance/test') })).json()).toMatchObject({ ok: true });
      const preview = (await call(director, { method: 'POST', url: url(`/shots/${shotId}/generate/preview`), payload: body() })).json();
      expect(preview.refusals).toEqual([]);
      expect(preview.request.url).toBe(`${fake.baseUrl}/contents/generations/tasks`);
      expect(preview.request.body).toMatchObject({ model: MODEL, duration: 5, ratio: '16:9', resolution: '720p' });
      expect(preview.estimate).toMatchObject({ perTake: '0.27225', currency: 'USD' });
      expect(preview.estimate.detail).toContain('108,900 tokens');
    });

    it("estimates at the provider's list price where the catalog has no entry, and refuses a currency it has no price in", async () => {
      // Seedance 2.0 Fast lists at $8.01 a million tokens: 108,900 tokens are 872,289 micro-dollars.
      const fast = (await call(director, { method: 'POST', url: url(`/shots/${shotId}/generate/preview`), payload: { ...body(), model: 'dreamina-seedance-2-0-fast-260128' } })).json();
      expect(fast.refusals).toEqual([]);
      expect(fast.estimate).toMatchObject({ perTake: '0.872289', currency: 'USD' });
      const euro = await call(owner, {
        method: 'POST',
        url: '/api/v1/projects',
        payload: { name: 'Euro', code: 'EURO', frameRate: '24/1', timecodeMode: 'ndf', resolution: { width: 1920, height: 1080 }, currency: 'EUR', budget: '100' },
      });
      const euroId = euro.json().project.id;
      await call(owner, { method: 'PUT', url: `/api/v1/projects/${euroId}/provider-keys/seedance`, payload: { secret: CANARY } });
      const scene = await call(owner, { method: 'POST', url: `/api/v1/projects/${euroId}/scenes`, payload: { heading: 'INT. CAFE - DAY' } });
      const shot = await call(owner, {
        method: 'POST',
        url: `/api/v1/projects/${euroId}/scenes/${scene.json().id}/shots`,
        payload: { plan: { job: 'Coffee', subjectAction: 'A cup is set down.', camera: { size: 'CU', movement: 'static' }, reviewCriteria: ['Cup'], targetFrames: 120 } },
      });
      await call(owner, { method: 'PATCH', url: `/api/v1/projects/${euroId}`, payload: { generation: { requireLocked: false } } });
      const refused = (await call(owner, { method: 'POST', url: `/api/v1/projects/${euroId}/shots/${shot.json().id}/generate/preview`, payload: body() })).json();
      expect(refused.refusals.map((r: { code: string }) => r.code)).toContain('price.missing');
    });

    it('generates: one create per take, the video ingested, and the ledger settled from the tokens Ark reported', async () => {
      const r = await call(director, { method: 'POST', url: url(`/shots/${shotId}/takes`), payload: body() });
      expect(r.statusCode, r.body).toBe(201);
      const id = r.json().takes[0].id;
      const t = await ended(id);
      expect(t.status, JSON.stringify(t.error)).toBe('succeeded');
      expect(t.providerStatus).toBe('succeeded');
      expect(t.media).toBeTruthy();
      // 1280 × 720 × 121 frames / 1024 = 108,900 tokens at $2.50 a million: 272,250 micro-dollars.
      expect(await entries(id)).toEqual([
        ['reservation', 272_250],
        ['settlement', 272_250],
        ['release', 272_250],
      ]);
      const seed = Number(t.seed);
      expect(fake.createsBySeed().get(seed)).toBe(1);
      expect(fake.creates.at(-1)).toMatchObject({ duration: 5 });
    });

    it('makes a cheap 480p draft of Seedance 2.5, reviewed like any take, and promotes it to a 1080p final linked to it, both costs recorded', async () => {
      await h().container.store.transaction((tx) =>
        tx.prices.upsert({ currency: 'USD', provider: 'seedance', model: V25, unit: 'tokens', perQuantity: 1_000_000, priceMicros: 15_300_000, updatedAt: new Date().toISOString() }),
      );
      const draftReq = await call(director, { method: 'POST', url: url(`/shots/${shotId}/takes`), payload: { provider: 'seedance', model: V25, settings: { draft: true } } });
      expect(draftReq.statusCode, draftReq.body).toBe(201);
      const draft = await ended(draftReq.json().takes[0].id);
      expect(draft.status).toBe('succeeded');
      expect(fake.creates.at(-1)).toMatchObject({ model: V25, draft: true, resolution: '480p', duration: 5 });
      const review = await call(director, { method: 'POST', url: url(`/takes/${draft.id}/review`), payload: { state: 'selected' } });
      expect(review.statusCode, review.body).toBe(200);

      const final = { provider: 'seedance', model: V25, settings: { finalOf: draft.id } };
      const preview = (await call(director, { method: 'POST', url: url(`/shots/${shotId}/generate/preview`), payload: final })).json();
      expect(preview.refusals).toEqual([]);
      expect(preview.request.body).toEqual({ model: V25, content: [{ type: 'draft_task', draft_task: { id: draft.providerTaskId } }], resolution: '1080p', watermark: false });
      // 1920 × 1080 × 121 frames / 1024.
      expect(preview.estimate.detail).toContain('245,025 tokens');
      const made = await call(director, { method: 'POST', url: url(`/shots/${shotId}/takes`), payload: final });
      expect(made.statusCode, made.body).toBe(201);
      const t = await ended(made.json().takes[0].id);
      expect(t).toMatchObject({ status: 'succeeded', parentTakeId: draft.id, prompt: draft.prompt, seed: draft.seed });
      expect(fake.creates.at(-1)).toMatchObject({ draft_task: draft.providerTaskId, resolution: '1080p', draft: false });
      for (const id of [draft.id, t.id]) expect((await entries(id)).map(([k]) => k)).toEqual(['reservation', 'settlement', 'release']);
    });

    it('refuses to finalise a draft older than 7 days, or a take that is not a draft, reserving nothing', async () => {
      const d = (await call(director, { method: 'POST', url: url(`/shots/${shotId}/takes`), payload: { provider: 'seedance', model: V25, settings: { draft: true } } })).json().takes[0].id;
      await ended(d);
      const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000).toISOString();
      await h().container.store.transaction((tx) => tx.takes.update(d, { submittedAt: eightDaysAgo }));
      const before = await h().container.store.read.ledger.totals(projectId);
      const old = await call(director, { method: 'POST', url: url(`/shots/${shotId}/takes`), payload: { provider: 'seedance', model: V25, settings: { finalOf: d } } });
      expect(old.statusCode).toBe(409);
      expect(old.json().error).toMatchObject({ code: 'take.draft_expired', field: 'settings.finalOf' });
      expect(old.json().error.message).toContain(`drafted on ${eightDaysAgo.slice(0, 10)}`);
      expect(old.json().error.message).toContain('7 days');
      const firstFinal = (await h().container.store.read.takes.listForShot(shotId)).find((x) => x.provider === 'seedance' && x.settings.draft !== true)!.id;
      const wrong = await call(director, { method: 'POST', url: url(`/shots/${shotId}/takes`), payload: { provider: 'seedance', model: V25, settings: { finalOf: firstFinal } } });
      expect(wrong.statusCode).toBe(409);
      expect(wrong.json().error.code).toBe('take.not_a_draft');
      expect(await h().container.store.read.ledger.totals(projectId)).toEqual(before);
    });

    it('the canary key appears nowhere in clear: answers, the log, stored requests, the event stream, every table', async () => {
      stream.abort();
      expect(fake.authorizations.filter((a) => a === `Bearer ${CANARY}`).length).toBeGreaterThan(5); // it was really used
      const dump = await dumpDatabase(h);
      expect(dump).toContain('contents/generations/tasks'); // stored requests are in the dump
      expect(events).toContain('take.changed'); // the stream carried the takes
      for (const [where, text] of [
        ['answers', answers.join('\n')],
        ['log', logText],
        ['event stream', events],
        ['database', dump],
      ] as const) {
        expect(text.includes(CANARY), `canary in ${where}`).toBe(false);
        expect(text.includes(CANARY.slice(4, 20)), `part of the canary in ${where}`).toBe(false);
      }
    });
  },
  {
    env: seedanceFakeEnv(() => fake, {}, 5),
    app: { logger },
  },
);
