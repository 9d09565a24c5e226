/**
 * One plan across several providers over HTTP, on SQLite and PostgreSQL, against the fake
 * ModelArk and the fake Runway API (driven through their clients) and the built-in previs: a
 * director previews a locked shot for Seedance 2.0, Runway Gen-4.5 and previs — each model's
 * request and what it will drop or adapt, the combined estimate — before anything is held; settings
 * are checked against each model (errors name the pair and its field); a pair refused (settings, a
 * missing key, the budget) leaves the others queued; at the worker, a bad key and a refused
 * prompt fail their own takes only. Dozens of batches at once keep the budget exact and take
 * numbers unique. Prices are set in the catalog so every figure is written by hand below:
 * Seedance 2.0 at 2.50 USD a million tokens (720p, 5 s: 121 frames × 1280×720 ÷ 1024 = 108,900
 * tokens = 0.27225), Gen-4.5 at 0.01 USD a credit (12 credits a second, 5 s = 0.60), previs at
 * 0.50 a take: 1.37225 the three. The project frame is 320×180 so previs renders fast; each
 * request names 720p, which every model here renders.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { startRunwayFake, type RunwayFake } from '../../test/fakes/runway.fake.ts';
import { startSeedanceFake, type SeedanceFake } from '../../test/fakes/seedance.fake.ts';
import { waitFor } from '../../test/wait.ts';

const SEEDANCE = 'dreamina-seedance-2-0-260128';
const ARK_KEY = 'ark-across-key-0a1b2c3d4e5f';
const RUNWAY_KEY = 'rw-across-key-9f8e7d6c5b4a';
const PLAN = {
  job: 'Establish the lighthouse',
  subjectAction: 'The keeper lights the lamp.',
  camera: { size: 'WS', movement: 'push-in' },
  constraints: { mustNotAppear: ['modern cars'] },
  reviewCriteria: ['Lamp lit'],
  targetFrames: 130,
};
const THREE = [
  { provider: 'seedance', model: SEEDANCE },
  { provider: 'runway', model: 'gen4.5' },
  { provider: 'previs', model: 'previs-animatic' },
];

let seedance: SeedanceFake;
let runway: RunwayFake;
beforeAll(async () => {
  [seedance, runway] = await Promise.all([startSeedanceFake({ clipSeconds: 1 }), startRunwayFake({ clipSeconds: 1 })]);
  seedance.keys.add(ARK_KEY);
  runway.keys.add(RUNWAY_KEY);
});
afterAll(async () => {
  await seedance?.close();
  await runway?.close();
});

// The fakes start after the harness options are written: their addresses are read when it starts.
const env: Record<string, string> = { BACKLOT_SECRET_KEY: Buffer.alloc(32, 21).toString('base64'), BACKLOT_POLL_SECONDS: '1' };
Object.defineProperties(env, {
  BACKLOT_SEEDANCE_URL: { enumerable: true, get: () => seedance.baseUrl },
  BACKLOT_RUNWAY_URL: { enumerable: true, get: () => runway.baseUrl },
  BACKLOT_PROVIDER_ALLOW_HOSTS: { enumerable: true, get: () => `${seedance.host},${runway.host}` },
});

interface Outcome {
  provider: string;
  model: string;
  takes: { id: string; number: number; status: string; code: string }[];
  error: { code: string; message: string; field?: string; problems?: { field: string; message: string }[] } | null;
}

describeEachDatabase(
  'one plan across several providers',
  (h) => {
    let owner: Person, director: Person;
    let projectId = '';
    let shotId = '';
    const url = (path: string, project = projectId) => `/api/v1/projects/${project}${path}`;
    const preview = (payload: object, shot = shotId, project = projectId) => h().as(director, { method: 'POST', url: url(`/shots/${shot}/generate/across/preview`, project), payload });
    const across = (payload: object, shot = shotId, project = projectId) => h().as(director, { method: 'POST', url: url(`/shots/${shot}/takes/across`, project), payload });
    const totals = (project = projectId) => h().container.store.read.ledger.totals(project);

    /** A project with the three prices, both keys and a locked shot of PLAN; answers its id and the shot's. */
    async function lockedShot(code: string, budget: string): Promise<[string, string]> {
      const id = await h().project(owner, code, [[director, 'director']]);
      await h().as(owner, { method: 'PATCH', url: url('', id), payload: { budget, resolution: { width: 320, height: 180 } } });
      const prices = [
        { provider: 'seedance', model: SEEDANCE, unit: 'tokens', perQuantity: 1_000_000, price: '2.50', source: 'ModelArk price page' },
        { provider: 'runway', model: 'gen4.5', unit: 'credits', price: '0.01', source: 'Runway: 1 credit is 0.01 USD' },
        { provider: 'previs', model: 'previs-animatic', unit: 'generations', price: '0.50', source: 'Studio rate for previs renders' },
      ];
      for (const p of prices) expect((await h().as(owner, { method: 'POST', url: url('/prices', id), payload: p })).statusCode).toBe(201);
      expect((await h().as(owner, { method: 'PUT', url: url('/provider-keys/seedance', id), payload: { secret: ARK_KEY } })).statusCode).toBe(200);
      expect((await h().as(owner, { method: 'PUT', url: url('/provider-keys/runway', id), payload: { secret: RUNWAY_KEY } })).statusCode).toBe(200);
      const scene = (await h().as(director, { method: 'POST', url: url('/scenes', id), payload: { heading: 'EXT. LIGHTHOUSE - DUSK' } })).json();
      const shot = (await h().as(director, { method: 'POST', url: url(`/scenes/${scene.id}/shots`, id), payload: { plan: PLAN } })).json();
      expect((await h().as(director, { method: 'POST', url: url(`/shots/${shot.id}/lock`, id) })).statusCode).toBe(200);
      return [id, shot.id];
    }

    it('sets up a locked shot with Seedance and Runway keys and three prices', async () => {
      owner = await h().person('Olga Owner');
      director = await h().person('Dora Director');
      [projectId, shotId] = await lockedShot('ACROSS', '1000.00');
    });

    it("previews each model's request, what it will drop or adapt and the combined estimate, holding nothing", async () => {
      const sent = seedance.creates.length + runway.creates.length;
      const res = await preview({ targets: THREE, settings: { resolution: '720p' } });
      expect(res.statusCode).toBe(200);
      const p = res.json();
      expect(p.models.map((m: { label: string; error: unknown }) => [m.label, m.error])).toEqual([
        ['Seedance 2.0', null],
        ['Runway Gen-4.5', null],
        ['Previs animatic', null],
      ]);
      const [sd, rw, pv] = p.models.map((m: { preview: Record<string, never> }) => m.preview);
      expect(sd.request.url).toBe(`${seedance.baseUrl}/contents/generations/tasks`);
      expect(sd.request.body).toMatchObject({ model: SEEDANCE, duration: 5, resolution: '720p' });
      expect(rw.request.body).toMatchObject({ model: 'gen4.5', duration: 5, ratio: '1280:720' });
      // 130 frames are 5.417 s: Seedance and Runway render whole seconds, previs the frames asked.
      expect(sd.adaptations).toContainEqual({
        what: 'duration',
        action: 'adapted',
        why: `130 frames (5.417 s) asked; ${SEEDANCE} renders 4–15 seconds, so the take is 5 s (120 frames)`,
      });
      expect(rw.adaptations).toContainEqual({ what: 'duration', action: 'adapted', why: '130 frames (5.417 s) asked; gen4.5 renders 2–10 seconds, so the take is 5 s (120 frames)' });
      expect(pv.adaptations.map((a: { what: string }) => a.what)).not.toContain('duration');
      for (const m of [sd, rw, pv]) expect(m.adaptations.map((a: { what: string }) => a.what)).toContain('must not appear');
      expect([sd.estimate.total, rw.estimate.total, pv.estimate.total]).toEqual(['0.27225', '0.60', '0.50']);
      expect(p.estimate).toEqual({ total: '1.37225', currency: 'USD', remaining: '1000.00' });
      expect(p.sendable).toBe(3);
      expect(await totals()).toEqual({ reserved: 0, settled: 0, released: 0 });
      expect((await h().as(director, { method: 'GET', url: url(`/shots/${shotId}/takes`) })).json().takes).toEqual([]);
      expect(seedance.creates.length + runway.creates.length).toBe(sent);
    });

    it('checks settings against each model, naming the pair and its field; the pairs that pass are queued alone', async () => {
      // Veo 3.1 takes no seed; Gen-4.5 renders 720p only. Seedance takes both.
      const input = {
        targets: [
          { provider: 'seedance', model: SEEDANCE, settings: { resolution: '1080p' } },
          { provider: 'runway', model: 'veo3.1' },
          { provider: 'runway', model: 'gen4.5', settings: { resolution: '1080p' } },
        ],
        settings: { seed: 42, resolution: '720p' },
      };
      const p = (await preview(input)).json();
      expect(p.models[0].error).toBeNull();
      expect(p.models[0].preview.request.body).toMatchObject({ seed: 42, resolution: '1080p' });
      expect(p.models[1].preview).toBeNull();
      expect(p.models[1].error).toEqual({
        code: 'settings.unsupported',
        message: 'Runway Veo 3.1 (runway/veo3.1): settings.seed: veo3.1 does not take a seed; leave it empty (its takes cannot be repeated exactly)',
        field: 'targets.1.settings.seed',
      });
      expect(p.models[2].error).toMatchObject({ code: 'settings.unsupported', field: 'targets.2.settings.resolution' });
      expect(p.models[2].error.message).toBe('Runway Gen-4.5 (runway/gen4.5): settings.resolution: gen4.5 does not render 1080p; it offers 720p');
      expect(p.sendable).toBe(1);

      const res = await across(input);
      expect(res.statusCode).toBe(200);
      const outcomes: Outcome[] = res.json().outcomes;
      expect(outcomes.map((o) => [o.provider, o.model, o.takes.map((t) => `${t.code} ${t.status}`), o.error?.field])).toEqual([
        ['seedance', SEEDANCE, ['TK001 queued'], undefined],
        ['runway', 'veo3.1', [], 'targets.1.settings.seed'],
        ['runway', 'gen4.5', [], 'targets.2.settings.resolution'],
      ]);
      // Only Seedance's 1080p estimate is held: 121 frames × 1920×1080 ÷ 1024 = 245,025 tokens at 2.50 a million.
      expect(await totals()).toEqual({ reserved: 612_563, settled: 0, released: 0 });
    });

    it('refuses a pair without a key and one the budget cannot hold after the pairs before it, queuing the rest', async () => {
      const [tight, shot] = await lockedShot('TIGHT', '1.00');
      // Kling has no key here; previs (0.50) and Seedance (0.27225) fit in 1.00, Gen-4.5 (0.60) no longer does.
      const input = { targets: [{ provider: 'kling', model: 'kling-v2-6' }, ...THREE.slice(0, 1), THREE[2], THREE[1]], settings: { resolution: '720p' } };
      const p = (await preview(input, shot, tight)).json();
      expect(p.models[0].preview.refusals.map((r: { code: string }) => r.code)).toEqual(['provider.key_missing']);
      expect(p.models[1].preview.refusals).toEqual([]);
      expect(p.models[2].preview.refusals).toEqual([]);
      expect(p.models[3].preview.refusals).toEqual([
        {
          code: 'budget.exceeded',
          message:
            'The models above ask 0.77225 USD first. This one is estimated at 0.60 USD, and only 0.22775 USD of the budget would remain after them. Drop a model, pick a cheaper one, or raise the budget.',
        },
      ]);
      expect(p.estimate).toEqual({ total: '0.77225', currency: 'USD', remaining: '1.00' });
      expect(p.sendable).toBe(2);

      const outcomes: Outcome[] = (await across(input, shot, tight)).json().outcomes;
      expect(outcomes.map((o) => [o.model, o.takes.map((t) => t.code), o.error?.code ?? null])).toEqual([
        ['kling-v2-6', [], 'provider.key_missing'],
        [SEEDANCE, ['TK001'], null],
        ['previs-animatic', ['TK002'], null],
        ['gen4.5', [], 'budget.exceeded'],
      ]);
      expect(outcomes[0].error!.message).toMatch(/^Kling .*\(kling\/kling-v2-6\): No Kling key is set for this project or the instance/);
      expect(outcomes[3].error!.message).toMatch(/^Runway Gen-4\.5 \(runway\/gen4\.5\): The estimate is 0\.60 USD but only 0\.22775 USD of the budget remains/);
      expect(await totals(tight)).toEqual({ reserved: 772_250, settled: 0, released: 0 });
    });

    it('refuses a request that names fewer than two models, one twice, or more than compare shows, changing nothing', async () => {
      const one = await across({ targets: THREE.slice(0, 1) });
      expect(one.statusCode).toBe(400);
      expect(one.json().error).toMatchObject({ code: 'request.invalid', field: 'targets' });
      const twice = await across({ targets: [THREE[0], THREE[0]] });
      expect(twice.json().error).toMatchObject({ code: 'request.invalid', field: 'targets.1.model' });
      const five = await across({ targets: [...THREE, { provider: 'runway', model: 'veo3.1' }, { provider: 'luma', model: 'ray-2' }] });
      expect(five.json().error).toMatchObject({ code: 'request.invalid', field: 'targets' });
      expect(five.json().error.message).toContain('at most 4 models');
      expect(await totals()).toEqual({ reserved: 612_563, settled: 0, released: 0 });
    });

    it('holds the budget exactly against 24 batches at once: no server error, unique take numbers, nothing over', async () => {
      const [busy, shot] = await lockedShot('BUSY', '10.00');
      const answers = await Promise.all(Array.from({ length: 24 }, () => across({ targets: THREE, settings: { resolution: '720p' } }, shot, busy)));
      expect(answers.map((a) => a.statusCode).filter((s) => s !== 200)).toEqual([]);
      const outcomes = answers.flatMap((a) => a.json().outcomes as Outcome[]);
      const refused = outcomes.filter((o) => o.error);
      expect(new Set(refused.map((o) => o.error!.code))).toEqual(new Set(['budget.exceeded']));
      const price: Record<string, number> = { [SEEDANCE]: 272_250, 'gen4.5': 600_000, 'previs-animatic': 500_000 };
      const queued = outcomes.filter((o) => !o.error);
      const held = queued.reduce((sum, o) => sum + price[o.model], 0);
      expect(held).toBeLessThanOrEqual(10_000_000);
      expect(await totals(busy)).toEqual({ reserved: held, settled: 0, released: 0 });
      // Every refused pair was refused because it no longer fitted.
      for (const o of refused) expect(10_000_000 - held).toBeLessThan(price[o.model]);
      const numbers = queued.flatMap((o) => o.takes.map((t) => t.number)).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: queued.length }, (_, i) => i + 1));
      // Cancel them (free while queued) so the worker has none of them to make.
      for (const o of queued) expect((await h().as(director, { method: 'POST', url: url(`/takes/${o.takes[0].id}/cancel`, busy) })).statusCode).toBe(200);
    });

    it('lets one pair fail at its provider — a bad key, a refused prompt — while the others render', async () => {
      // The project's Seedance key is now one ModelArk does not know; Gen-4.5's prompt trips Runway's safety check.
      expect((await h().as(owner, { method: 'PUT', url: url('/provider-keys/seedance'), payload: { secret: 'ark-revoked-key-000000' } })).statusCode).toBe(200);
      const res = await across({
        targets: [
          { provider: 'seedance', model: SEEDANCE },
          { provider: 'runway', model: 'gen4.5', settings: { promptAddition: '[fake:safety]' } },
          { provider: 'runway', model: 'veo3.1' },
          { provider: 'previs', model: 'previs-animatic' },
        ],
        settings: { resolution: '720p' },
      });
      const outcomes: Outcome[] = res.json().outcomes;
      expect(outcomes.map((o) => o.error)).toEqual([null, null, null, null]);
      const ids = outcomes.map((o) => o.takes[0].id);
      h().container.startWorker();
      const ended = await Promise.all(
        ids.map((id) =>
          waitFor(
            async () => (await h().as(director, { method: 'GET', url: url(`/takes/${id}`) })).json(),
            (t) => ['succeeded', 'failed', 'canceled'].includes(t.status),
            90_000,
          ),
        ),
      );
      expect(ended.map((t) => [t.model, t.status, t.error?.category ?? null])).toEqual([
        [SEEDANCE, 'failed', 'auth'],
        ['gen4.5', 'failed', 'moderation'],
        ['veo3.1', 'succeeded', null],
        ['previs-animatic', 'succeeded', null],
      ]);
      expect(ended[1].error.code).toBe('SAFETY.INPUT.TEXT');
      expect(ended[2].media).not.toBeNull();
      expect(ended[3].media).not.toBeNull();
      // The four land in compare side by side: what differs names each one's model.
      const compared = (await h().as(director, { method: 'GET', url: url(`/takes/compare?ids=${ids.join(',')}`) })).json();
      expect(compared.differences.find((d: { field: string }) => d.field === 'model').values).toEqual([SEEDANCE, 'gen4.5', 'veo3.1', 'previs-animatic']);
    }, 120_000);
  },
  { env },
);
