/**
 * The take worker against a scripted provider, for what the real adapters' contract suite
 * (test/conformance/) cannot make them do: a failure the provider still charges for, an error in
 * text a database cannot store, and callbacks — on SQLite and PostgreSQL, with the ledger checked
 * take by take.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../../test/harness.ts';
import { makeTestMedia } from '../../../test/media.ts';
import { createScriptedProvider, type Script } from '../../../test/scripted-provider.ts';
import { waitFor } from '../../../test/wait.ts';

const media = makeTestMedia();
const clip = join(media.dir, 'scripted.mp4');
writeFileSync(clip, media.mp4);
const scripted = createScriptedProvider(clip);

describeEachDatabase(
  'the take worker',
  (h) => {
    let director: Person;
    let projectId = '';
    let shotId = '';
    const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
    const take = async (id: string) => (await h().as(director, { method: 'GET', url: url(`/takes/${id}`) })).json();
    const entries = async (id: string) => (await h().container.store.read.ledger.forTake(id)).map((e) => [e.kind, e.amountMicros]);
    const generate = async (model: Script) => {
      const r = await h().as(director, { method: 'POST', url: url(`/shots/${shotId}/takes`), payload: { provider: 'fal', model } });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().takes[0].id as string;
    };
    const ended = (id: string) =>
      waitFor(
        () => take(id),
        (t) => ['succeeded', 'failed', 'canceled'].includes(t.status),
        30_000,
      );

    it('sets up a shot and prices the provider', async () => {
      const owner = await h().person('Olga');
      director = await h().person('Dora');
      projectId = await h().project(owner, 'WORK', [[director, 'director']]);
      await h().as(owner, { method: 'PATCH', url: url(''), payload: { generation: { requireLocked: false } } });
      const scene = await h().as(director, { method: 'POST', url: url('/scenes'), payload: { heading: 'INT. GARAGE - DAY' } });
      const shot = await h().as(director, {
        method: 'POST',
        url: url(`/scenes/${scene.json().id}/shots`),
        payload: { plan: { job: 'Reveal the car', subjectAction: 'The car lights flick on.', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['Lights readable'], targetFrames: 24 } },
      });
      shotId = shot.json().id;
      await h().container.store.transaction(async (tx) => {
        for (const model of ['ok', 'charged-failure', 'slow', 'garbled', 'raced', 'billed-stop', 'refused-once', 'lost-once', 'unsent-once']) {
          await tx.prices.upsert({ currency: 'USD', provider: 'fal', model, unit: 'seconds', perQuantity: 1, priceMicros: 100_000, updatedAt: new Date().toISOString() });
        }
      });
      scripted.newAccount();
      h().container.startWorker();
    });

    it('settles what a successful take cost and returns the hold', async () => {
      const id = await generate('ok');
      const t = await ended(id);
      expect(t).toMatchObject({ status: 'succeeded', cost: { estimated: '0.10', actual: '0.10' } });
      expect(t.request.url).toBe('https://queue.example.test/scripted/ok');
      expect(await entries(id)).toEqual([
        ['reservation', 100_000],
        ['settlement', 100_000],
        ['release', 100_000],
      ]);
    });

    it('sends a take again without asking the provider first when its last send was refused (a 429 made nothing there)', async () => {
      const id = await generate('refused-once');
      const t = await ended(id);
      const key = (await h().container.store.read.takes.get(id))!.idempotencyKey;
      expect(t.status).toBe('succeeded');
      // Asking would find nothing at best; at worst, on a provider that matches by request, another take's task.
      expect(scripted.calls.reconciles.get(key) ?? 0).toBe(0);
      expect(scripted.calls.sends.get(key)).toBe(2);
      expect(await entries(id)).toEqual([
        ['reservation', 100_000],
        ['settlement', 100_000],
        ['release', 100_000],
      ]);
    });

    it('asks the provider before sending again when a send went unanswered, and keeps the task it finds rather than paying twice', async () => {
      const id = await generate('lost-once');
      const t = await ended(id);
      const stored = (await h().container.store.read.takes.get(id))!;
      expect(t.status).toBe('succeeded');
      expect(scripted.calls.reconciles.get(stored.idempotencyKey)).toBe(1);
      expect(scripted.calls.sends.get(stored.idempotencyKey)).toBe(1);
      expect(stored.providerTaskId).toMatch(/^task-\d+$/);
      expect(await entries(id)).toEqual([
        ['reservation', 100_000],
        ['settlement', 100_000],
        ['release', 100_000],
      ]);
    });

    it('asked after a send that never arrived, takes none of the tasks other takes with the same words hold, and sends its own', async () => {
      const twin = await ended(await generate('ok'));
      const id = await generate('unsent-once');
      const t = await ended(id);
      const stored = (await h().container.store.read.takes.get(id))!;
      expect(t.status, JSON.stringify(t.error)).toBe('succeeded');
      expect(scripted.calls.reconciles.get(stored.idempotencyKey)).toBe(1);
      expect(scripted.calls.sends.get(stored.idempotencyKey)).toBe(2);
      expect(stored.providerTaskId).not.toBe((await h().container.store.read.takes.get(twin.id))!.providerTaskId);
      expect(await entries(id)).toEqual([
        ['reservation', 100_000],
        ['settlement', 100_000],
        ['release', 100_000],
      ]);
    });

    it("keeps a provider's message that holds a NUL or half a character, as the database can store it", async () => {
      const id = await generate('garbled');
      const t = await ended(id);
      expect(t.status).toBe('failed');
      expect(t.error.code).toBe('bad\ufffdcode');
      expect(t.error.message).toContain('Flagged\ufffd by \ufffd review');
      expect(await entries(id)).toEqual([
        ['reservation', 100_000],
        ['release', 100_000],
      ]);
    });

    it('settles a failure the provider charged for', async () => {
      const id = await generate('charged-failure');
      const t = await ended(id);
      expect(t.status).toBe('failed');
      expect((await entries(id)).map(([k]) => k).sort()).toEqual(['release', 'reservation', 'settlement']);
      expect(t.cost.actual).toBe('0.10');
    });

    it('charges a take stopped after it ran what the provider reports it ran, at the reserved price (Replicate bills a canceled prediction its predict_time)', async () => {
      const id = await generate('billed-stop');
      await waitFor(
        () => take(id),
        (t) => t.status === 'running',
        30_000,
      );
      expect((await h().as(director, { method: 'POST', url: url(`/takes/${id}/cancel`) })).statusCode).toBe(200);
      const t = await ended(id);
      expect(t.status).toBe('canceled');
      // Reserved for 1 s at 0.10 a second; it ran 0.5 s before it stopped: 0.05 settled, the rest of the hold returned.
      expect((await entries(id)).sort()).toEqual([
        ['release', 100_000],
        ['reservation', 100_000],
        ['settlement', 50_000],
      ]);
      expect(t.cost.actual).toBe('0.05');
      expect(t.media).toBeNull();
    });

    it('keeps a cancel asked for while the worker was hearing the take had finished: the take ends canceled, its output never shown', async () => {
      let canceled: number | undefined;
      scripted.hooks.beforeFinishedAnswer = async () => {
        canceled = (await h().as(director, { method: 'POST', url: url(`/takes/${id}/cancel`) })).statusCode;
      };
      const cancelsBefore = scripted.calls.cancel;
      const id = await generate('raced');
      const t = await ended(id);
      scripted.hooks.beforeFinishedAnswer = undefined;
      expect(canceled).toBe(200);
      expect(t.status).toBe('canceled');
      expect(scripted.calls.cancel).toBe(cancelsBefore + 1);
      expect(await entries(id)).toEqual([
        ['reservation', 100_000],
        ['release', 100_000],
      ]);
    });

    it('asks the provider to stop a take canceled while it was being sent, and keeps its task', async () => {
      let canceled: number | undefined;
      let created = '';
      scripted.hooks.beforeSubmitAnswer = async (taskId) => {
        created = taskId;
        canceled = (await h().as(director, { method: 'POST', url: url(`/takes/${id}/cancel`) })).statusCode;
      };
      const cancelsBefore = scripted.calls.cancel;
      const id = await generate('raced');
      const t = await ended(id);
      scripted.hooks.beforeSubmitAnswer = undefined;
      expect(canceled).toBe(200);
      expect(t.status).toBe('canceled');
      expect(scripted.calls.cancel).toBe(cancelsBefore + 1);
      expect((await h().container.store.read.takes.get(id))!.providerTaskId).toBe(created);
      expect(await entries(id)).toEqual([
        ['reservation', 100_000],
        ['release', 100_000],
      ]);
    });

    it('takes a provider callback only with the take’s own secret, as a reason to poll now', async () => {
      const id = await generate('slow');
      await waitFor(
        () => take(id),
        (t) => t.status === 'running',
      );
      const callback = scripted.calls.webhookUrls.find((u) => u.includes(`/webhooks/takes/${id}/`))!;
      expect(callback).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:4100/api/v1/webhooks/takes/${id}/[\\w-]{32,}$`));
      const path = new URL(callback).pathname;
      const forged = await h().as(undefined, { method: 'POST', url: path.replace(/[^/]+$/, 'x'.repeat(43)), payload: { status: 'COMPLETED' } });
      expect(forged.statusCode).toBe(404);
      const before = (await h().container.store.read.takes.get(id))!.nextAttemptAt;
      const task = (await h().container.store.read.takes.get(id))!.providerTaskId!;
      const polls = async () => scripted.calls.polls.get(task) ?? 0;
      const polled = await polls();
      const r = await h().as(undefined, { method: 'POST', url: path, payload: { status: 'IN_PROGRESS' } });
      expect(r.statusCode).toBe(202);
      const after = (await h().container.store.read.takes.get(id))!;
      expect(after.status).toBe('running');
      expect(after.nextAttemptAt <= before).toBe(true);
      // Polled again well before the next poll was due (every 30 s here): the callback is acted on at once.
      await waitFor(polls, (n) => n > polled, 10_000);
      // A cancel too is acted on at once, not at the next poll.
      await h().as(director, { method: 'POST', url: url(`/takes/${id}/cancel`) });
      expect(
        (
          await waitFor(
            () => take(id),
            (t) => t.status === 'canceled',
            10_000,
          )
        ).status,
      ).toBe('canceled');
      expect((await h().as(undefined, { method: 'POST', url: path, payload: {} })).statusCode).toBe(202);
    });
  },
  { providers: [scripted.adapter], env: { BACKLOT_POLL_SECONDS: '30' } },
);
