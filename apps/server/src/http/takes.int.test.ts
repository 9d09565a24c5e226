/**
 * Takes end to end over HTTP with the built-in previs generator and the in-process worker, on
 * SQLite and PostgreSQL: preview, policy refusals before anything is reserved, the budget under
 * concurrent requests, the worker rendering and ingesting, the ledger balanced, cancel, external
 * takes, frames saved as references, and what each role sees.
 */
import { expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { makeTestMedia, multipart } from '../../test/media.ts';
import { waitFor } from '../../test/wait.ts';

const media = makeTestMedia();

const PLAN = {
  job: 'Establish the night shift',
  subjectAction: 'Mara crosses the empty loading bay. She stops at the shutter.',
  camera: { size: 'WS', movement: 'push-in' },
  environment: 'Sodium lights, wet concrete',
  reviewCriteria: ['Mara readable in silhouette'],
  targetFrames: 24,
};

describeEachDatabase(
  'takes',
  (h) => {
    let owner: Person, director: Person, editor: Person, viewer: Person;
    let projectId = '';
    let shotId = '';
    const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
    const generate = (who: Person, body: object, shot = shotId) => h().as(who, { method: 'POST', url: url(`/shots/${shot}/takes`), payload: body });
    const takesOf = async (shot = shotId) => (await h().as(director, { method: 'GET', url: url(`/shots/${shot}/takes`) })).json().takes as { id: string; status: string; code: string; seed: number }[];
    const ledger = () => h().container.store.read.ledger.totals(projectId);
    /** The take checked against its start-frame anchor and the previous shot. */
    let checked: { id: string; continuity: { check: string; frames?: { take: string; reference: string } }[] };

    it('sets up a small project with a complete plan', async () => {
      [owner, director, editor, viewer] = await Promise.all(['Olga', 'Dora', 'Eddie', 'Vera'].map((n) => h().person(n)));
      projectId = await h().project(owner, 'TAKES', [
        [director, 'director'],
        [editor, 'editor'],
        [viewer, 'viewer'],
      ]);
      const patched = await h().as(owner, { method: 'PATCH', url: url(''), payload: { resolution: { width: 320, height: 180 }, budget: '100' } });
      expect(patched.statusCode).toBe(200);
      const scene = await h().as(director, { method: 'POST', url: url('/scenes'), payload: { heading: 'INT. LOADING BAY - NIGHT' } });
      const shot = await h().as(director, { method: 'POST', url: url(`/scenes/${scene.json().id}/shots`), payload: { plan: PLAN } });
      expect(shot.statusCode).toBe(201);
      shotId = shot.json().id;
    });

    it('previews the exact request and lists the models', async () => {
      const models = (await h().as(director, { method: 'GET', url: url('/models') })).json().models;
      expect(models.map((m: { provider: string }) => m.provider)).toContain('previs');
      const preview = await h().as(director, { method: 'POST', url: url(`/shots/${shotId}/generate/preview`), payload: { provider: 'previs', model: 'previs-animatic', count: 3 } });
      expect(preview.statusCode).toBe(200);
      const p = preview.json();
      expect(p.refusals).toEqual([]);
      expect(p.prompt).toMatch(/Mara crosses the empty loading bay/);
      expect(p.request.url).toMatch(/^previs:/);
      expect(p.estimate).toMatchObject({ total: '0.00', currency: 'USD' });
      const bad = await h().as(director, {
        method: 'POST',
        url: url(`/shots/${shotId}/generate/preview`),
        payload: { provider: 'previs', model: 'previs-animatic', settings: { aspectRatio: '5:1' } },
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.field).toBe('settings.aspectRatio');
      // Two settings the model cannot honour: both are named, each with its problem.
      const twice = await h().as(director, {
        method: 'POST',
        url: url(`/shots/${shotId}/generate/preview`),
        payload: { provider: 'previs', model: 'previs-animatic', settings: { aspectRatio: '5:1', generateAudio: true } },
      });
      expect(twice.statusCode).toBe(422);
      expect(twice.json().error.problems.map((p: { field: string }) => p.field)).toEqual(['settings.aspectRatio', 'settings.generateAudio']);
      expect(twice.json().error.problems[1].message).toMatch(/silent/);
    });

    it('queues three previs takes, renders and ingests them, and balances the ledger', async () => {
      const r = await generate(director, { provider: 'previs', model: 'previs-animatic', count: 3 });
      expect(r.statusCode).toBe(201);
      const queued = r.json().takes;
      expect(queued.map((t: { code: string; status: string }) => [t.code, t.status])).toEqual([
        ['TK001', 'queued'],
        ['TK002', 'queued'],
        ['TK003', 'queued'],
      ]);
      // The request is stored on the take before anything is sent.
      const stored = await h().container.store.read.takes.get(queued[0].id);
      expect(stored?.request?.url).toMatch(/^previs:/);
      expect(stored?.status).toBe('queued');
      h().container.startWorker();
      const done = await waitFor(takesOf, (ts) => ts.filter((t) => t.status === 'succeeded').length === 3);
      expect(new Set(done.map((t) => t.seed)).size).toBe(3);
      const take = (await h().as(director, { method: 'GET', url: url(`/takes/${queued[0].id}`) })).json();
      expect(take.media).toMatchObject({ width: 320, height: 180, frames: 24, proxyFrames: 24, frameRate: '24/1' });
      expect(take.continuity.find((c: { check: string }) => c.check === 'duration')).toMatchObject({ result: 'pass' });
      expect(take.cost).toMatchObject({ estimated: '0.00', actual: '0.00' });
      expect(take.timings.ingestMs).toBeGreaterThan(0);
      const proxy = await h().as(director, { method: 'GET', url: take.media.proxy, headers: { range: 'bytes=0-99' } });
      expect(proxy.statusCode).toBe(206);
      expect(proxy.headers['content-type']).toBe('video/mp4');
      const totals = await ledger();
      expect(totals.reserved).toBe(totals.released);
    });

    it('refuses a reference with a real likeness and no consent, naming it, before anything is reserved', async () => {
      const asset = (await h().as(director, { method: 'POST', url: url('/assets'), payload: { kind: 'character', name: 'MARA', flags: ['likeness'] } })).json();
      const { body, contentType } = multipart([['main', 'mara.png', media.png, 'image/png']]);
      expect((await h().as(director, { method: 'POST', url: url(`/assets/${asset.id}/versions`), headers: { 'content-type': contentType }, payload: body })).statusCode).toBe(201);
      expect((await h().as(owner, { method: 'POST', url: url(`/assets/${asset.id}/clearance`), payload: { clearance: 'cleared', reason: 'cast agreement' } })).statusCode).toBe(200);
      const scene = await h().as(director, { method: 'POST', url: url('/scenes'), payload: { heading: 'EXT. YARD - NIGHT' } });
      const shot = (await h().as(director, { method: 'POST', url: url(`/scenes/${scene.json().id}/shots`), payload: { plan: PLAN } })).json();
      const refs = await h().as(director, {
        method: 'PUT',
        url: url(`/shots/${shot.id}/references`),
        payload: { references: [{ assetId: asset.id, version: 1, role: 'character' }], baseVersion: shot.planVersion },
      });
      expect(refs.statusCode).toBe(200);
      const before = await ledger();
      const r = await generate(director, { provider: 'previs', model: 'previs-animatic' }, shot.id);
      expect(r.statusCode).toBe(409);
      expect(r.json().error.code).toBe('consent.missing');
      expect(r.json().error.message).toMatch(/MARA/);
      expect(await takesOf(shot.id)).toEqual([]);
      expect(await ledger()).toEqual(before);
    });

    it('queues exactly as many priced takes as the budget holds, under 20 concurrent requests', async () => {
      const scene = await h().as(director, { method: 'POST', url: url('/scenes'), payload: { heading: 'INT. OFFICE - NIGHT' } });
      const shot = (await h().as(director, { method: 'POST', url: url(`/scenes/${scene.json().id}/shots`), payload: { plan: PLAN } })).json();
      // Previs at 1.00 a render, and a budget that leaves exactly 7.00.
      await h().container.store.transaction((tx) =>
        tx.prices.upsert({ currency: 'USD', provider: 'previs', model: 'previs-animatic', unit: 'generations', perQuantity: 1, priceMicros: 1_000_000, updatedAt: new Date().toISOString() }),
      );
      const t = await ledger();
      const spent = t.reserved - t.released + t.settled;
      const budget = (spent + 7_000_000) / 1_000_000;
      expect((await h().as(owner, { method: 'PATCH', url: url(''), payload: { budget: budget.toFixed(6) } })).statusCode).toBe(200);
      const answers = await Promise.all(Array.from({ length: 20 }, () => generate(director, { provider: 'previs', model: 'previs-animatic' }, shot.id)));
      const codes = answers.map((a) => (a.statusCode === 201 ? 'queued' : a.json().error.code));
      expect(codes.filter((c) => c === 'queued')).toHaveLength(7);
      expect(codes.filter((c) => c === 'budget.exceeded')).toHaveLength(13);
      await h().container.store.transaction((tx) =>
        tx.prices.upsert({ currency: 'USD', provider: 'previs', model: 'previs-animatic', unit: 'generations', perQuantity: 1, priceMicros: 0, updatedAt: new Date().toISOString() }),
      );
      const ended = await waitFor(
        () => takesOf(shot.id),
        (ts) => ts.every((x) => ['succeeded', 'failed', 'canceled'].includes(x.status)),
        120_000,
      );
      expect(ended.map((x) => x.status)).toEqual(Array(7).fill('succeeded'));
      const after = await ledger();
      expect(after.reserved).toBe(after.released);
      expect(after.settled - t.settled).toBe(7_000_000);
    });

    it('cancels a take, returning its hold', async () => {
      const r = await generate(director, { provider: 'previs', model: 'previs-animatic', count: 1, settings: { durationFrames: 240 } });
      const id = r.json().takes[0].id;
      const c = await h().as(director, { method: 'POST', url: url(`/takes/${id}/cancel`) });
      expect(c.statusCode).toBe(200);
      const ended = await waitFor(
        async () => (await h().as(director, { method: 'GET', url: url(`/takes/${id}`) })).json(),
        (t) => ['canceled', 'succeeded'].includes(t.status),
      );
      expect(ended.status).toBe('canceled');
      const again = await h().as(director, { method: 'POST', url: url(`/takes/${id}/cancel`) });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('take.not_cancelable');
    });

    it('imports an external take with its cost settled, and saves a frame as a reference', async () => {
      const before = await ledger();
      const { body, contentType } = multipart(
        [['file', 'outside.mp4', media.mp4, 'video/mp4']],
        [
          ['provider', 'Sora'],
          ['model', 'sora-2'],
          ['prompt', 'Mara at the shutter'],
          ['cost', '12.50'],
        ],
      );
      const r = await h().as(director, { method: 'POST', url: url(`/shots/${shotId}/takes/external`), headers: { 'content-type': contentType }, payload: body });
      expect(r.statusCode).toBe(201);
      const take = r.json();
      expect(take).toMatchObject({ external: true, status: 'succeeded', provider: 'Sora', model: 'sora-2', cost: { actual: '12.50' } });
      expect(take.media.frames).toBe(24);
      expect((await ledger()).settled - before.settled).toBe(12_500_000);
      const textAsVideo = multipart(
        [['file', 'x.mp4', media.text, 'video/mp4']],
        [
          ['provider', 'X'],
          ['model', 'y'],
        ],
      );
      expect(
        (await h().as(director, { method: 'POST', url: url(`/shots/${shotId}/takes/external`), headers: { 'content-type': textAsVideo.contentType }, payload: textAsVideo.body })).statusCode,
      ).toBe(415);
      const saved = await h().as(director, { method: 'POST', url: url(`/takes/${take.id}/save-as-reference`), payload: { frame: 23, name: 'Shutter end frame', kind: 'frame-anchor' } });
      expect(saved.statusCode).toBe(201);
      expect(saved.json()).toMatchObject({ name: 'Shutter end frame', kind: 'frame-anchor', rightsSource: 'generated' });
    });

    it('checks a take against its start-frame anchor and the previous shot’s approved take, showing both pictures', async () => {
      const all = (await h().as(director, { method: 'GET', url: url('/shots') })).json().shots;
      const previous = all[all.length - 1];
      const [prevTake] = (await takesOf(previous.id)).filter((t) => t.status === 'succeeded');
      await h().container.store.transaction((tx) => tx.takes.update(prevTake.id, { review: 'approved' }));
      const anchor = (await h().as(director, { method: 'POST', url: url('/assets'), payload: { kind: 'frame-anchor', name: 'Shutter still' } })).json();
      const { body, contentType } = multipart([['main', 'still.png', media.png, 'image/png']]);
      expect((await h().as(director, { method: 'POST', url: url(`/assets/${anchor.id}/versions`), headers: { 'content-type': contentType }, payload: body })).statusCode).toBe(201);
      expect((await h().as(owner, { method: 'POST', url: url(`/assets/${anchor.id}/clearance`), payload: { clearance: 'cleared', reason: 'our own still' } })).statusCode).toBe(200);
      const scene = await h().as(director, { method: 'POST', url: url('/scenes'), payload: { heading: 'EXT. GATE - DAWN' } });
      const shot = (await h().as(director, { method: 'POST', url: url(`/scenes/${scene.json().id}/shots`), payload: { plan: { ...PLAN, camera: { size: 'WS', movement: 'static' } } } })).json();
      await h().as(director, {
        method: 'PUT',
        url: url(`/shots/${shot.id}/references`),
        payload: { references: [{ assetId: anchor.id, version: 1, role: 'start-frame' }], baseVersion: shot.planVersion },
      });
      const id = (await generate(director, { provider: 'previs', model: 'previs-animatic' }, shot.id)).json().takes[0].id;
      const take = await waitFor(
        async () => (await h().as(director, { method: 'GET', url: url(`/takes/${id}`) })).json(),
        (t) => t.status === 'succeeded',
      );
      const byCheck = Object.fromEntries(take.continuity.map((c: { check: string }) => [c.check, c]));
      expect(Object.keys(byCheck).sort()).toEqual(['aspect', 'duration', 'frame_rate', 'previous_shot', 'resolution', 'start_frame']);
      expect(byCheck.start_frame.measured).toMatch(/^SSIM 0\.\d{3}/);
      expect(byCheck.previous_shot.frames.referenceLabel).toMatch(new RegExp(previous.code));
      for (const picture of [byCheck.start_frame.frames.take, byCheck.start_frame.frames.reference, byCheck.previous_shot.frames.reference]) {
        const r = await h().as(director, { method: 'GET', url: picture });
        expect(r.statusCode).toBe(200);
        expect(r.headers['content-type']).toMatch(/^image\//);
      }
      checked = take;
    });

    it('gives a viewer the approved take’s picture, but neither its continuity nor the reference frames it was checked against (DESIGN.md §8)', async () => {
      await h().container.store.transaction((tx) => tx.takes.update(checked.id, { review: 'approved' }));
      const seen = await h().as(viewer, { method: 'GET', url: url(`/takes/${checked.id}`) });
      expect(seen.statusCode).toBe(200);
      expect(seen.json().continuity).toBeUndefined();
      expect(seen.json().references).toBeUndefined();
      for (const picture of [seen.json().media.poster, seen.json().media.proxy, seen.json().media.filmstrip.url]) {
        expect((await h().as(viewer, { method: 'GET', url: picture })).statusCode).toBe(200);
      }
      for (const c of checked.continuity.filter((x) => x.frames)) {
        for (const frame of [c.frames!.take, c.frames!.reference]) {
          const r = await h().as(viewer, { method: 'GET', url: frame });
          expect(r.statusCode, `${c.check} ${frame}`).toBe(404);
          expect(r.json().error.code).toBe('blob.not_found');
        }
      }
    });

    it('shows unreviewed takes only to those who make them, and never their prompt or cost to a viewer', async () => {
      const takes = await takesOf();
      const editorList = await h().as(editor, { method: 'GET', url: url(`/shots/${shotId}/takes`) });
      expect(editorList.statusCode).toBe(200);
      expect(editorList.json().takes).toEqual([]);
      const viewerGet = await h().as(viewer, { method: 'GET', url: url(`/takes/${takes[0].id}`) });
      expect(viewerGet.statusCode).toBe(404);
      const denied = await generate(editor, { provider: 'previs', model: 'previs-animatic' });
      expect(denied.statusCode).toBe(403);
    });

    it('passes a 21:9 take of a 1920×1080 project: it is rendered 1920×822 and checked against 1920×822, whether the plan or the request asks for 21:9', async () => {
      expect((await h().as(owner, { method: 'PATCH', url: url(''), payload: { resolution: { width: 1920, height: 1080 } } })).statusCode).toBe(200);
      const scene = (await h().as(director, { method: 'POST', url: url('/scenes'), payload: { heading: 'EXT. ROOFTOP - DUSK' } })).json();
      const wide = (await h().as(director, { method: 'POST', url: url(`/scenes/${scene.id}/shots`), payload: { plan: { ...PLAN, aspect: '21:9', targetFrames: 6 } } })).json();
      const plain = (await h().as(director, { method: 'POST', url: url(`/scenes/${scene.id}/shots`), payload: { plan: { ...PLAN, targetFrames: 6 } } })).json();
      const ids = [
        (await generate(director, { provider: 'previs', model: 'previs-animatic' }, wide.id)).json().takes[0].id,
        (await generate(director, { provider: 'previs', model: 'previs-animatic', settings: { aspectRatio: '21:9' } }, plain.id)).json().takes[0].id,
      ];
      for (const id of ids) {
        const take = await waitFor(
          async () => (await h().as(director, { method: 'GET', url: url(`/takes/${id}`) })).json(),
          (t) => t.status === 'succeeded',
        );
        expect([take.media.width, take.media.height]).toEqual([1920, 822]);
        const byCheck = Object.fromEntries(take.continuity.map((c: { check: string }) => [c.check, c]));
        expect(byCheck.resolution).toMatchObject({ result: 'pass', measured: '1920×822', expected: '1920×822' });
        expect(byCheck.aspect).toMatchObject({ result: 'pass', expected: '21:9' });
      }
    });
  },
  { env: { BACKLOT_WORKER_LEASE_SECONDS: '5' } },
);
