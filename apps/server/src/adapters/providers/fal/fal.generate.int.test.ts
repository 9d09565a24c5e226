/**
 * fal inside a whole Backlot, on SQLite and PostgreSQL, against the fake queue: the preview lists
 * what a fal-hosted model cannot honour and prices it from fal's list price before anything is sent
 * (DESIGN.md §5); fal's signed pushes reach the take's webhook address, a forged or replayed one is
 * refused (401) and logged without the address's secret; and a request that completes with an
 * error result ends the take failed, its hold released (PROVIDERS.md §9.1, §9.3).
 */
import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import type { TakeRecord } from '../../../ports/take-store.ts';
import { createServerLogger } from '../../../admin/serve.command.ts';
import { describeEachDatabase, type Person } from '../../../../test/harness.ts';
import { falFakeEnv, startFalFake, type FalFake } from '../../../../test/fakes/fal.fake.ts';
import { afterAll, beforeAll } from 'vitest';

const KEY = 'fal-key-id-0123:fal-key-secret-456789';
let fake: FalFake;
let logText = '';
const logger = createServerLogger(
  'info',
  new Writable({
    write(chunk, _enc, done) {
      logText += chunk.toString();
      done();
    },
  }),
);
const refusals = () =>
  logText
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .filter((l) => l.msg === 'provider webhook refused');

beforeAll(async () => {
  fake = await startFalFake();
  fake.keys.add(KEY);
});
afterAll(() => fake.close());

describeEachDatabase(
  'fal takes',
  (h) => {
    let owner: Person;
    let projectId = '';
    let shotId = '';
    const url = (p: string) => `/api/v1/projects/${projectId}${p}`;
    const read = () => h().container.store.read;

    async function drive(id: string, until: (t: TakeRecord) => boolean) {
      const jobs = h().container.services.takeJobs;
      const deadline = Date.now() + 30_000;
      for (;;) {
        const t = (await read().takes.get(id))!;
        if (until(t)) return t;
        if (Date.now() > deadline) throw new Error(`take stuck at ${t.status}/${t.step}`);
        for (const c of await jobs.claim('fal-test-worker', 10, 30_000)) {
          let outcome = await jobs.advance(c, 'fal-test-worker');
          while (outcome === 'again' && !until((await read().takes.get(id))!)) outcome = await jobs.advance(c, 'fal-test-worker');
          await h().container.store.transaction((tx) => tx.takes.updateLeased(c, 'fal-test-worker', { leaseOwner: null, leaseUntil: null }));
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    }

    it('sets up a project with a fal key and a planned shot of 7 s', async () => {
      owner = await h().person('Fay Owner');
      const p = await h().container.services.projects.create(
        { accountId: owner.id, name: owner.name },
        { name: 'Gateway', code: 'GATE', frameRate: '24/1', timecodeMode: 'ndf', resolution: { width: 320, height: 180 }, currency: 'USD', budget: '1000' },
      );
      projectId = p.id;
      await h().as(owner, { method: 'PATCH', url: url(''), payload: { generation: { requireLocked: false } } });
      expect((await h().as(owner, { method: 'PUT', url: url('/provider-keys/fal'), payload: { secret: KEY } })).statusCode).toBeLessThan(300);
      const scene = await h().as(owner, { method: 'POST', url: url('/scenes'), payload: { heading: 'EXT. PIER - DAWN' } });
      const shot = await h().as(owner, {
        method: 'POST',
        url: url(`/scenes/${scene.json().id}/shots`),
        payload: { plan: { job: 'Establish the pier', subjectAction: 'A gull lands on the rail.', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['Gull readable'], targetFrames: 168 } },
      });
      expect(shot.statusCode, shot.body).toBe(201);
      shotId = shot.json().id;
    });

    it('previews Kling on fal: settings it cannot render refused by field; the plan adapted (length, resolution, seed) and priced at $0.07 a second, nothing sent', async () => {
      const before = fake.submitAttempts;
      const preview = (settings: Record<string, unknown>) =>
        h().as(owner, { method: 'POST', url: url(`/shots/${shotId}/generate/preview`), payload: { provider: 'fal', model: 'fal-ai/kling-video/v2.5-turbo/pro', settings } });
      const refused = await preview({ resolution: '720p', generateAudio: true });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.problems.map((p: { field: string }) => p.field)).toEqual(['settings.resolution', 'settings.generateAudio']);

      const r = await preview({});
      expect(r.statusCode, r.body).toBe(200);
      const said = Object.fromEntries(r.json().adaptations.map((a: { what: string; action: string; why: string }) => [a.what, `${a.action}: ${a.why}`]));
      // 168 frames at 24 fps are 7 s; the model renders 5 or 10 s, 1080p only, and takes no seed.
      expect(said.duration).toMatch(/^adapted: .*7 s.* so the take is 5 s/);
      expect(said.resolution).toMatch(/^adapted: the project is 320×180; .* so 1080p/);
      expect(said.seed).toMatch(/^dropped: /);
      expect(r.json().request.url).toBe(`${fake.baseUrl}/fal-ai/kling-video/v2.5-turbo/pro/text-to-video`);
      expect(r.json().request.body).toMatchObject({ duration: '5', aspect_ratio: '16:9' });
      // 5 s at fal's list price of $0.07 a second.
      expect(r.json().estimate).toMatchObject({ perTake: '0.35', currency: 'USD' });
      expect(fake.submitAttempts).toBe(before);
    });

    it('accepts a push fal signed for the take it holds, and refuses a forged, replayed or misdirected one with 401, logged without the secret', async () => {
      const g = await h().as(owner, { method: 'POST', url: url(`/shots/${shotId}/takes`), payload: { provider: 'fal', model: 'bytedance/seedance-2.0/fast', settings: { durationFrames: 120 } } });
      expect(g.statusCode, g.body).toBe(201);
      const id = g.json().takes[0].id;
      const take = await drive(id, (t) => t.providerTaskId !== null);
      const created = fake.creates.at(-1)!;
      expect(created.webhook).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:4100/api/v1/webhooks/takes/${id}/[\\w-]{32,}$`));
      const path = new URL(created.webhook!).pathname;
      const secret = path.split('/').at(-1)!;
      const body = JSON.stringify({ request_id: created.requestId, gateway_request_id: created.requestId, status: 'OK', payload: {} });
      const post = (headers: Record<string, string>, payload = body, to = path) => h().app.inject({ method: 'POST', url: to, headers, payload });

      logText = '';
      const ok = await post(fake.signedHeaders(created.requestId, body));
      expect(ok.statusCode, ok.body).toBe(202);

      const forged = await post(fake.signedHeaders(created.requestId, body), body.replace('"OK"', '"ERROR"'));
      expect(forged.statusCode).toBe(401);
      expect(forged.json().error.code).toBe('webhook.signature_invalid');
      const stale = await post(fake.signedHeaders(created.requestId, body, { timestamp: Math.floor(Date.now() / 1000) - 600 }));
      expect(stale.statusCode).toBe(401);
      const otherBody = JSON.stringify({ request_id: 'another-request', status: 'OK', payload: {} });
      const misdirected = await post(fake.signedHeaders('another-request', otherBody), otherBody);
      expect(misdirected.statusCode).toBe(401);
      expect((await post(fake.signedHeaders(created.requestId, body), body, path.replace(secret, 'x'.repeat(40)))).statusCode).toBe(404);
      const huge = await post({ 'content-type': 'application/json' }, JSON.stringify({ request_id: created.requestId, payload: 'x'.repeat(1024 * 1024) }));
      expect(huge.statusCode).toBe(413);
      expect(huge.json().error.code).toBe('request.too_large');

      expect(refusals().map((l) => [l.take, l.reason])).toEqual([
        [id, "the push signature matches none of fal's published keys"],
        [id, expect.stringMatching(/^the push was signed 60\d s away from now, more than the 300 s allowed$/)],
        [id, 'the push names another fal request than the take holds'],
      ]);
      expect(logText).not.toContain(secret);
      // A refused push changed nothing.
      expect((await read().takes.get(id))!.providerTaskId).toBe(take.providerTaskId);

      // fal's own push once the request ends, delivered to Backlot's route.
      fake.deliver = async (to, headers, payload) => (await h().app.inject({ method: 'POST', url: new URL(to).pathname, headers, payload })).statusCode;
      const done = await drive(id, (t) => t.status === 'succeeded' || t.status === 'failed');
      expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
      const deadline = Date.now() + 5_000;
      while (!fake.webhooks.some((w) => w.url === created.webhook) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(fake.webhooks.filter((w) => w.url === created.webhook).map((w) => w.answer)).toEqual([202]);
    });

    it('ends a take whose request completes with the model refusing its input as failed, invalid input, the hold released', async () => {
      const g = await h().as(owner, {
        method: 'POST',
        url: url(`/shots/${shotId}/takes`),
        payload: { provider: 'fal', model: 'bytedance/seedance-2.0/fast', settings: { durationFrames: 120, resolution: '720p', aspectRatio: '16:9', promptAddition: '[fake:refuse]' } },
      });
      const id = g.json().takes[0].id;
      const t = await drive(id, (x) => x.status === 'failed' || x.status === 'succeeded');
      expect(t.status).toBe('failed');
      expect(t.providerStatus).toBe('COMPLETED');
      expect(t.error).toMatchObject({ code: 'HTTP 422', category: 'invalid_input' });
      expect(t.error!.message).toBe('fal rejected the request: the model refused the input: body.prompt: The prompt could not be processed by the model');
      const ledger = (await read().ledger.forTake(id)).map((e) => e.kind);
      expect(ledger).toEqual(['reservation', 'release']);
    });

    it("ends a take whose runner never recovered after fal's own retries as failed, nothing billed", async () => {
      const g = await h().as(owner, {
        method: 'POST',
        url: url(`/shots/${shotId}/takes`),
        payload: { provider: 'fal', model: 'bytedance/seedance-2.0/fast', settings: { durationFrames: 120, resolution: '720p', aspectRatio: '16:9', promptAddition: '[fake:infra]' } },
      });
      const id = g.json().takes[0].id;
      const t = await drive(id, (x) => x.status === 'failed' || x.status === 'succeeded');
      expect(t.status).toBe('failed');
      expect(t.error).toMatchObject({ code: 'runner_scheduling_failure', category: 'provider_internal' });
      expect(t.error!.message).toMatch(/^fal had an internal error: .*nothing was billed$/);
      expect((await read().ledger.forTake(id)).map((e) => [e.kind, e.amountMicros])).toEqual([
        ['reservation', 1_209_600],
        ['release', 1_209_600],
      ]);
    });
  },
  { env: falFakeEnv(() => fake, { BACKLOT_PROVIDER_TIMEOUT_SECONDS: '2' }, 19), app: { logger } },
);
