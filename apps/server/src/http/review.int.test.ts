/**
 * Review over HTTP with previs takes and the in-process worker, on SQLite and PostgreSQL:
 * decisions by role with their history and audit, one approved take per shot, approval refused
 * when a likeness consent has expired unless a producer overrides with a reason, criteria with a
 * rating and verdict, in/out marks on the take's frames, comparisons, the best take of a shot, and
 * what a viewer may read from every take route and the event stream (DESIGN.md §8).
 */
import { expect, it } from 'vitest';
import { DAY } from '../../test/clock.ts';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { makeTestMedia, multipart } from '../../test/media.ts';
import { waitFor } from '../../test/wait.ts';

const media = makeTestMedia();
/** Real time (the worker waits on it), moved forward by whole days to let a consent expire. */
let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs), advance: (ms: number) => void (offsetMs += ms) };

const CRITERIA = ['Mara readable in silhouette', 'No logo on the shutter'];
const PLAN = {
  job: 'Establish the night shift',
  subjectAction: 'Mara crosses the empty loading bay. She stops at the shutter.',
  camera: { size: 'WS', movement: 'push-in' },
  environment: 'Sodium lights, wet concrete',
  reviewCriteria: CRITERIA,
  targetFrames: 24,
};

/**
 * Keys a viewer must never find anywhere in what they read (DESIGN.md §8): prompt, request, seed,
 * settings and cost (with what the request is made of), review reasons, and who decided.
 */
const HIDDEN_FROM_VIEWERS = [
  'prompt',
  'negativePrompt',
  'request',
  'seed',
  'settings',
  'adaptations',
  'providerTaskId',
  'cost',
  'reason',
  'verdict',
  'criteria',
  'rating',
  'override',
  'by',
  'requestedBy',
];

/** Every key of a take as a viewer reads it (§8: the picture, the take's code and state). */
const VIEWER_TAKE_KEYS = ['code', 'error', 'id', 'marks', 'media', 'number', 'progress', 'providerStatus', 'review', 'shotCode', 'shotId', 'status', 'updatedAt'];

function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  }
  return out;
}

interface TakeJson {
  id: string;
  code: string;
  status: string;
  review: string;
  seed: number;
}

describeEachDatabase(
  'review',
  (h) => {
    let owner: Person, producer: Person, director: Person, editor: Person, viewer: Person;
    let projectId = '';
    let shotId = '';
    let tk: Record<string, string> = {};
    let canceledId = '';
    const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
    const review = (who: Person, takeId: string, payload: object) => h().as(who, { method: 'POST', url: url(`/takes/${takeId}/review`), payload });
    const takesOf = async (who: Person = director, shot = shotId) =>
      (await h().as(who, { method: 'GET', url: url(`/shots/${shot}/takes`) })).json() as { takes: TakeJson[]; best: { takeId: string; why: string } | null };
    /** The project's live events as someone reads them; `next` waits for the next event's payload. */
    const openEvents = async (who: Person) => {
      const abort = new AbortController();
      const res = await h().as(who, { method: 'GET', url: url('/events'), payloadAsStream: true, signal: abort.signal });
      expect(res.statusCode).toBe(200);
      let text = '';
      res.stream().on('data', (chunk: Buffer) => void (text += chunk.toString('utf8')));
      res.stream().on('error', () => {});
      return {
        next: async () => {
          const data = await waitFor(
            async () => /^data: (.*)$/m.exec(text.slice(text.indexOf('event: ')))?.[1],
            (d) => text.includes('event: ') && d !== undefined,
            10_000,
          );
          return JSON.parse(data!) as object;
        },
        close: () => abort.abort(),
      };
    };
    const auditActions = async () => (await h().as(owner, { method: 'GET', url: url('/audit?limit=50') })).json().events as { action: string; summary: string }[];

    it('sets up a shot with four rendered previs takes and one canceled', async () => {
      [owner, producer, director, editor, viewer] = await Promise.all(['Olga', 'Pablo', 'Dora', 'Eddie', 'Vera'].map((n) => h().person(n)));
      projectId = await h().project(owner, 'REVIEW', [
        [producer, 'producer'],
        [director, 'director'],
        [editor, 'editor'],
        [viewer, 'viewer'],
      ]);
      expect((await h().as(owner, { method: 'PATCH', url: url(''), payload: { resolution: { width: 320, height: 180 } } })).statusCode).toBe(200);
      const scene = await h().as(director, { method: 'POST', url: url('/scenes'), payload: { heading: 'INT. LOADING BAY - NIGHT' } });
      const shot = await h().as(director, { method: 'POST', url: url(`/scenes/${scene.json().id}/shots`), payload: { plan: PLAN } });
      expect(shot.statusCode).toBe(201);
      shotId = shot.json().id;
      const queued = (await h().as(director, { method: 'POST', url: url(`/shots/${shotId}/takes`), payload: { provider: 'previs', model: 'previs-animatic', count: 4 } })).json().takes as TakeJson[];
      const extra = (await h().as(director, { method: 'POST', url: url(`/shots/${shotId}/takes`), payload: { provider: 'previs', model: 'previs-animatic' } })).json().takes as TakeJson[];
      canceledId = extra[0].id;
      // Canceled before the worker starts: never rendered.
      expect((await h().as(director, { method: 'POST', url: url(`/takes/${canceledId}/cancel`) })).json().status).toBe('canceled');
      h().container.startWorker();
      await waitFor(
        () => takesOf(),
        (l) => l.takes.filter((t) => t.status === 'succeeded').length === 4,
      );
      tk = Object.fromEntries(queued.map((t) => [t.code, t.id]));
      expect(Object.keys(tk)).toEqual(['TK001', 'TK002', 'TK003', 'TK004']);
    });

    it('lets only owners, producers and directors decide, and only on rendered takes', async () => {
      for (const who of [editor, viewer]) {
        const r = await review(who, tk.TK001, { state: 'selected' });
        expect(r.statusCode).toBe(403);
        expect(r.json().error.code).toBe('permission.denied');
      }
      const canceled = await review(director, canceledId, { state: 'selected' });
      expect(canceled.statusCode).toBe(409);
      expect(canceled.json().error).toMatchObject({ code: 'review.not_reviewable' });
      expect(canceled.json().error.message).toMatch(/TK005 is canceled/);
      const back = await review(director, tk.TK001, { state: 'unreviewed' });
      expect(back.statusCode).toBe(400);
    });

    it('selects and approves a take, marking the shot approved; a second approval is refused naming the first', async () => {
      const selected = await review(director, tk.TK001, { state: 'selected', reason: 'Silhouette reads' });
      expect(selected.statusCode).toBe(200);
      expect(selected.json()).toMatchObject({ code: 'TK001', review: 'selected' });
      const approved = await review(director, tk.TK001, { state: 'approved' });
      expect(approved.statusCode).toBe(200);
      expect(approved.json().review).toBe('approved');
      expect((await h().as(director, { method: 'GET', url: url(`/shots/${shotId}`) })).json().status).toBe('approved');

      const skip = await review(director, tk.TK003, { state: 'approved' });
      expect(skip.statusCode).toBe(409);
      expect(skip.json().error).toMatchObject({ code: 'review.invalid_transition', field: 'state' });
      expect((await review(director, tk.TK003, { state: 'maybe' })).statusCode).toBe(200);

      expect((await review(director, tk.TK002, { state: 'selected' })).statusCode).toBe(200);
      const second = await review(producer, tk.TK002, { state: 'approved' });
      expect(second.statusCode).toBe(409);
      expect(second.json().error.code).toBe('review.already_approved');
      expect(second.json().error.message).toMatch(/TK001 is already the approved take .*revoke its approval first/);
      expect((await h().as(director, { method: 'GET', url: url(`/takes/${tk.TK002}`) })).json().review).toBe('selected');
    });

    it('revokes an approval (the shot goes back in progress), then approves another; history and audit keep every step', async () => {
      const skipBack = await review(director, tk.TK001, { state: 'rejected' });
      expect(skipBack.statusCode).toBe(409);
      expect(skipBack.json().error.message).toMatch(/revoke the approval first/);
      const revoked = await review(director, tk.TK001, { state: 'selected', reason: 'The shutter logo shows at the end' });
      expect(revoked.json().review).toBe('selected');
      expect((await h().as(director, { method: 'GET', url: url(`/shots/${shotId}`) })).json().status).toBe('in_progress');
      expect((await review(owner, tk.TK002, { state: 'approved', reason: 'Clean shutter' })).json().review).toBe('approved');
      expect((await h().as(director, { method: 'GET', url: url(`/shots/${shotId}`) })).json().status).toBe('approved');

      const history = await h().as(editor, { method: 'GET', url: url(`/takes/${tk.TK001}/review`) });
      expect(history.statusCode).toBe(200);
      const events = history.json().events as { from: string; to: string; by: string; at: string; reason: string | null; override: boolean }[];
      expect(events.map((e) => [e.from, e.to, e.by, e.reason, e.override])).toEqual([
        ['unreviewed', 'selected', 'Dora', 'Silhouette reads', false],
        ['selected', 'approved', 'Dora', null, false],
        ['approved', 'selected', 'Dora', 'The shutter logo shows at the end', false],
      ]);
      for (const e of events) expect(Number.isNaN(Date.parse(e.at))).toBe(false);

      const audit = await auditActions();
      const actions = audit.map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['take.reviewed', 'take.approved', 'take.approval_revoked']));
      expect(audit.find((e) => e.action === 'take.approval_revoked')?.summary).toMatch(/Dora revoked the approval of .* TK001: The shutter logo shows at the end/);
      // A refused change leaves no trace.
      expect(actions.filter((a) => a === 'take.approved')).toHaveLength(2);
    });

    it('keeps the shot’s criteria, a rating and a verdict on a take, and refuses a criterion the plan lacks', async () => {
      const body = {
        results: [
          { criterion: CRITERIA[0], result: 'pass' },
          { criterion: CRITERIA[1], result: 'unsure' },
        ],
        rating: 4,
        verdict: 'Close; logo flickers',
      };
      const set = await h().as(director, { method: 'PUT', url: url(`/takes/${tk.TK003}/criteria`), payload: body });
      expect(set.statusCode).toBe(200);
      const take = (await h().as(director, { method: 'GET', url: url(`/takes/${tk.TK003}`) })).json();
      expect(take).toMatchObject({ criteria: body.results, rating: 4, verdict: 'Close; logo flickers' });

      const unknown = await h().as(director, { method: 'PUT', url: url(`/takes/${tk.TK003}/criteria`), payload: { results: [{ criterion: 'Rain on the lens', result: 'fail' }], rating: 2 } });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json().error).toMatchObject({ code: 'review.criterion_invalid', field: 'results.0.criterion' });
      expect(unknown.json().error.message).toMatch(/Rain on the lens/);
      const twice = await h().as(director, {
        method: 'PUT',
        url: url(`/takes/${tk.TK003}/criteria`),
        payload: {
          results: [
            { criterion: CRITERIA[0], result: 'fail' },
            { criterion: CRITERIA[0], result: 'pass' },
          ],
          rating: 2,
        },
      });
      expect(twice.statusCode).toBe(422);
      const rating = await h().as(director, { method: 'PUT', url: url(`/takes/${tk.TK003}/criteria`), payload: { results: [], rating: 6 } });
      expect(rating.statusCode).toBe(400);
      expect((await h().as(editor, { method: 'PUT', url: url(`/takes/${tk.TK003}/criteria`), payload: body })).statusCode).toBe(403);
      expect((await h().as(director, { method: 'GET', url: url(`/takes/${tk.TK003}`) })).json().rating).toBe(4);
      expect((await auditActions()).map((e) => e.action)).toContain('take.criteria_set');
    });

    it('sets in and out marks within the take’s frames, and refuses marks outside it', async () => {
      const set = await h().as(director, { method: 'PUT', url: url(`/takes/${tk.TK001}/marks`), payload: { in: 2, out: 23 } });
      expect(set.statusCode).toBe(200);
      expect(set.json().marks).toEqual({ in: 2, out: 23 });
      const past = await h().as(director, { method: 'PUT', url: url(`/takes/${tk.TK001}/marks`), payload: { in: 0, out: 24 } });
      expect(past.statusCode).toBe(422);
      expect(past.json().error).toMatchObject({ code: 'review.marks_invalid', field: 'out' });
      expect(past.json().error.message).toMatch(/frames are 0 to 23/);
      const crossed = await h().as(director, { method: 'PUT', url: url(`/takes/${tk.TK001}/marks`), payload: { in: 12, out: 4 } });
      expect(crossed.json().error).toMatchObject({ code: 'review.marks_invalid', field: 'in' });
      expect((await h().as(director, { method: 'GET', url: url(`/takes/${tk.TK001}`) })).json().marks).toEqual({ in: 2, out: 23 });
      const cleared = await h().as(director, { method: 'PUT', url: url(`/takes/${tk.TK001}/marks`), payload: { in: null, out: 12 } });
      expect(cleared.json().marks).toEqual({ in: null, out: 12 });
      expect((await auditActions()).map((e) => e.action)).toContain('take.marks_set');
    });

    it('compares takes: differing seeds, and provider and model against an external take', async () => {
      const { takes } = await takesOf();
      const seeds = [tk.TK001, tk.TK003].map((id) => String(takes.find((t) => t.id === id)!.seed));
      const r = await h().as(director, { method: 'GET', url: url(`/takes/compare?ids=${tk.TK001},${tk.TK003}`) });
      expect(r.statusCode).toBe(200);
      expect(r.json().takeIds).toEqual([tk.TK001, tk.TK003]);
      expect(r.json().differences).toContainEqual({ field: 'seed', label: 'Seed', values: seeds });

      const { body, contentType } = multipart(
        [['file', 'outside.mp4', media.mp4, 'video/mp4']],
        [
          ['provider', 'Sora'],
          ['model', 'sora-2'],
          ['prompt', 'Mara at the shutter'],
        ],
      );
      const external = (await h().as(director, { method: 'POST', url: url(`/shots/${shotId}/takes/external`), headers: { 'content-type': contentType }, payload: body })).json();
      const mixed = (await h().as(director, { method: 'GET', url: url(`/takes/compare?ids=${tk.TK001},${tk.TK003},${external.id}`) })).json();
      expect(mixed.differences).toContainEqual({ field: 'provider', label: 'Provider', values: ['previs', 'previs', 'Sora'] });
      expect(mixed.differences).toContainEqual({ field: 'model', label: 'Model', values: ['previs-animatic', 'previs-animatic', 'sora-2'] });
      expect(mixed.differences.find((d: { field: string }) => d.field === 'prompt').values[2]).toBe('Mara at the shutter');

      const one = await h().as(director, { method: 'GET', url: url(`/takes/compare?ids=${tk.TK001}`) });
      expect(one.statusCode).toBe(400);
      const missing = await h().as(director, { method: 'GET', url: url(`/takes/compare?ids=${tk.TK001},01900000-0000-7000-8000-000000000000`) });
      expect(missing.statusCode).toBe(404);
    });

    it('lists the best take of the shot, and why', async () => {
      const list = await takesOf();
      expect(list.best).toEqual({ takeId: tk.TK002, why: 'TK002 is the approved take' });
      expect((await takesOf(viewer)).best?.takeId).toBe(tk.TK002);
    });

    it('shows a viewer the approved take as §8 says: picture, code and state, never prompt, request, seed, cost, reasons or who decided', async () => {
      const stream = await openEvents(viewer);
      // Something for each route to leak: a verdict and rating on the approved take, a selected
      // external take made with another model, an internal note and a client-visible one.
      const verdict = { results: [{ criterion: CRITERIA[0], result: 'pass' }], rating: 5, verdict: 'The client will love the shutter' };
      expect((await h().as(director, { method: 'PUT', url: url(`/takes/${tk.TK002}/criteria`), payload: verdict })).statusCode).toBe(200);
      const external = (await takesOf()).takes.find((t) => t.code === 'TK006')!;
      expect((await review(director, external.id, { state: 'selected', reason: 'Sora reads warmer' })).statusCode).toBe(200);
      expect((await h().as(director, { method: 'POST', url: url(`/takes/${tk.TK002}/notes`), payload: { body: 'Internal: the seed drifts', visibility: 'internal' } })).statusCode).toBe(201);
      expect((await h().as(director, { method: 'POST', url: url(`/takes/${tk.TK002}/notes`), payload: { body: 'For the client: the one', frame: 3, visibility: 'client' } })).statusCode).toBe(201);
      // Those who make takes still read it all.
      expect((await takesOf(director)).best?.why).toContain('The client will love the shutter');

      const take = await h().as(viewer, { method: 'GET', url: url(`/takes/${tk.TK002}`) });
      expect(take.statusCode).toBe(200);
      expect(take.json()).toMatchObject({ code: 'TK002', review: 'approved', status: 'succeeded' });
      expect(Object.keys(take.json()).sort()).toEqual(VIEWER_TAKE_KEYS);
      expect(Object.keys(take.json().media).sort()).toEqual(['durationUs', 'filmstrip', 'frameRate', 'frames', 'height', 'original', 'poster', 'proxy', 'proxyFrames', 'videoCodec', 'width']);
      const list = await takesOf(viewer);
      expect(list.takes.map((t) => t.code).sort()).toEqual(['TK001', 'TK002', 'TK006']);
      for (const t of list.takes) expect(Object.keys(t).sort()).toEqual(VIEWER_TAKE_KEYS);
      expect(list.best).toEqual({ takeId: tk.TK002, why: 'TK002 is the approved take' });
      const history = await h().as(viewer, { method: 'GET', url: url(`/takes/${tk.TK002}/review`) });
      expect(history.statusCode).toBe(200);
      const events = history.json().events as object[];
      expect(events.map((e) => Object.keys(e).sort())).toEqual(events.map(() => ['at', 'from', 'id', 'to']));
      expect(events.map((e) => [(e as { from: string }).from, (e as { to: string }).to])).toEqual([
        ['unreviewed', 'selected'],
        ['selected', 'approved'],
      ]);
      const compared = await h().as(viewer, { method: 'GET', url: url(`/takes/compare?ids=${tk.TK001},${tk.TK002},${external.id}`) });
      expect(compared.statusCode).toBe(200);
      // The three differ in seed, prompt, provider and model: none of which a viewer reads.
      expect(compared.json()).toEqual({ takeIds: [tk.TK001, tk.TK002, external.id], differences: [] });
      const notes = await h().as(viewer, { method: 'GET', url: url(`/takes/${tk.TK002}/notes`) });
      expect(notes.statusCode).toBe(200);
      expect((notes.json().notes as { body: string; visibility: string }[]).map((n) => [n.body, n.visibility])).toEqual([['For the client: the one', 'client']]);
      const event = await stream.next();
      stream.close();
      expect(Object.keys(event).sort()).toEqual(['at', 'progress', 'projectId', 'shotId', 'status', 'takeId', 'type']);

      for (const read of [take.json(), list, history.json(), compared.json(), notes.json(), event]) {
        const keys = keysOf(read);
        expect(HIDDEN_FROM_VIEWERS.filter((k) => keys.has(k))).toEqual([]);
        expect(JSON.stringify(read)).not.toMatch(/Silhouette reads|Clean shutter|The client will love|Sora reads warmer|Internal: the seed/);
      }
      // Who decided or asked: only a client-visible note names its author.
      for (const read of [take.json(), list, history.json(), compared.json(), event]) expect(JSON.stringify(read)).not.toMatch(/Dora|Olga|Pablo/);
      for (const hidden of [tk.TK003, tk.TK004]) {
        const r = await h().as(viewer, { method: 'GET', url: url(`/takes/${hidden}`) });
        expect(r.statusCode).toBe(404);
        expect(r.json().error.code).toBe('take.not_found');
        expect((await h().as(viewer, { method: 'GET', url: url(`/takes/${hidden}/review`) })).statusCode).toBe(404);
      }
      expect((await h().as(viewer, { method: 'GET', url: url(`/takes/compare?ids=${tk.TK002},${tk.TK004}`) })).statusCode).toBe(404);
      expect((await review(director, external.id, { state: 'rejected' })).statusCode).toBe(200);
    });

    it('refuses to approve a take whose likeness consent expired, naming it; a producer may override with a reason, a director may not', async () => {
      const asset = (await h().as(director, { method: 'POST', url: url('/assets'), payload: { kind: 'character', name: 'MARA', flags: ['likeness'] } })).json();
      const upload = multipart([['main', 'mara.png', media.png, 'image/png']]);
      expect((await h().as(director, { method: 'POST', url: url(`/assets/${asset.id}/versions`), headers: { 'content-type': upload.contentType }, payload: upload.body })).statusCode).toBe(201);
      expect((await h().as(director, { method: 'POST', url: url(`/assets/${asset.id}/lock`), payload: { version: 1 } })).statusCode).toBe(200);
      expect((await h().as(producer, { method: 'POST', url: url(`/assets/${asset.id}/clearance`), payload: { clearance: 'cleared', reason: 'cast agreement' } })).statusCode).toBe(200);
      const lastDay = new Date(clock.now().getTime() + DAY).toISOString().slice(0, 10);
      const consent = multipart(
        [],
        [
          ['person', 'Mara Quinn'],
          ['scope', 'Likeness in previs'],
          ['expiresOn', lastDay],
        ],
      );
      expect((await h().as(producer, { method: 'POST', url: url(`/assets/${asset.id}/consents`), headers: { 'content-type': consent.contentType }, payload: consent.body })).statusCode).toBe(201);
      const scene = await h().as(director, { method: 'POST', url: url('/scenes'), payload: { heading: 'EXT. YARD - NIGHT' } });
      const shot = (await h().as(director, { method: 'POST', url: url(`/scenes/${scene.json().id}/shots`), payload: { plan: PLAN } })).json();
      const refs = await h().as(director, {
        method: 'PUT',
        url: url(`/shots/${shot.id}/references`),
        payload: { references: [{ assetId: asset.id, version: 1, role: 'character' }], baseVersion: shot.planVersion },
      });
      expect(refs.statusCode).toBe(200);
      const generated = await h().as(director, { method: 'POST', url: url(`/shots/${shot.id}/takes`), payload: { provider: 'previs', model: 'previs-animatic' } });
      expect(generated.statusCode).toBe(201);
      const takeId = generated.json().takes[0].id as string;
      await waitFor(
        () => takesOf(director, shot.id),
        (l) => l.takes[0]?.status === 'succeeded',
      );
      expect((await review(director, takeId, { state: 'selected' })).statusCode).toBe(200);

      clock.advance(3 * DAY);
      try {
        const refused = await review(director, takeId, { state: 'approved' });
        expect(refused.statusCode).toBe(409);
        expect(refused.json().error.code).toBe('review.at_risk');
        expect(refused.json().error.message).toContain(`Mara Quinn's consent for MARA expired on ${lastDay}`);
        const directorOverride = await review(director, takeId, { state: 'approved', override: true, reason: 'Reshoot is booked' });
        expect(directorOverride.statusCode).toBe(403);
        expect(directorOverride.json().error.code).toBe('review.override_denied');
        const noReason = await review(producer, takeId, { state: 'approved', override: true });
        expect(noReason.statusCode).toBe(400);
        expect(noReason.json().error.field).toBe('reason');
        expect((await h().as(director, { method: 'GET', url: url(`/takes/${takeId}`) })).json().review).toBe('selected');

        const overridden = await review(producer, takeId, { state: 'approved', override: true, reason: 'Renewal signed, paperwork on its way' });
        expect(overridden.statusCode).toBe(200);
        expect(overridden.json().review).toBe('approved');
        const events = (await h().as(producer, { method: 'GET', url: url(`/takes/${takeId}/review`) })).json().events;
        expect(events.at(-1)).toMatchObject({ from: 'selected', to: 'approved', by: 'Pablo', reason: 'Renewal signed, paperwork on its way', override: true });
        const audited = (await auditActions()).find((e) => e.action === 'take.approved_with_override');
        expect(audited?.summary).toMatch(/Pablo approved .* overriding a rights risk \(Mara Quinn's consent for MARA expired/);
      } finally {
        clock.advance(-3 * DAY);
      }
    });

    it('approves exactly one of two takes approved at the same moment', async () => {
      expect((await review(owner, tk.TK002, { state: 'selected', reason: 'Re-deciding' })).statusCode).toBe(200);
      expect((await review(director, tk.TK004, { state: 'selected' })).statusCode).toBe(200);
      const answers = await Promise.all([review(director, tk.TK001, { state: 'approved' }), review(producer, tk.TK004, { state: 'approved' })]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
      expect(answers.find((a) => a.statusCode === 409)?.json().error.code).toBe('review.already_approved');
      const approved = (await takesOf()).takes.filter((t) => t.review === 'approved');
      expect(approved).toHaveLength(1);
    });
  },
  { clock },
);
