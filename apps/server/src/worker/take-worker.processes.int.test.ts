/**
 * `backlot worker` processes against the fake ModelArk, on SQLite and PostgreSQL: three workers
 * share the takes while each Seedance key keeps to its places (the fake records the peak per key),
 * and a worker killed with SIGKILL while takes are being sent — some answered, some sent but not
 * yet answered — is followed by one that reconciles before sending anything: every take ends, Ark
 * saw exactly one create per take, and the ledger balances to the micro-unit.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { startSeedanceFake, type SeedanceFake } from '../../test/fakes/seedance.fake.ts';
import { startWorkerProcess, workerEnv, type WorkerProcess } from '../../test/worker-process.ts';
import { waitFor } from '../../test/wait.ts';
import type { TakeRecord } from '../ports/take-store.ts';

const PROJECT_KEY = 'ark-project-key-7f3a9c1e5b2d';
const INSTANCE_KEY = 'ark-instance-key-4e8b2a6c0d9f';
const MODEL = 'dreamina-seedance-2-0-260128';
const SECRET_KEY = Buffer.alloc(32, 7).toString('base64');
/** A 5 s 720p take: 1280 × 720 × 121 frames / 1024 = 108,900 tokens at $2.50 a million. */
const TAKE_MICROS = 272_250;
const TERMINAL = ['succeeded', 'failed', 'canceled'];

let fake: SeedanceFake;
beforeAll(async () => {
  fake = await startSeedanceFake({ clipSeconds: 1 });
  fake.keys.add(PROJECT_KEY);
  fake.keys.add(INSTANCE_KEY);
});
afterAll(() => fake.close());

describeEachDatabase(
  'backlot worker processes sharing one database',
  (h) => {
    const workers: WorkerProcess[] = [];
    let owner: Person;
    let director: Person;
    /** A project with its own key, and one working with the instance's. */
    const own = { projectId: '', shotId: '' };
    const shared = { projectId: '', shotId: '' };
    afterAll(async () => {
      for (const w of workers) await w.kill();
    });

    const startWorker = (env: Record<string, string> = {}) => {
      const w = startWorkerProcess(
        workerEnv(h().testDb, h().dialect, {
          BACKLOT_SECRET_KEY: SECRET_KEY,
          BACKLOT_SEEDANCE_URL: fake.baseUrl,
          BACKLOT_PROVIDER_ALLOW_HOSTS: fake.host,
          BACKLOT_PROVIDER_CONCURRENCY: '4',
          BACKLOT_WORKER_SLOTS: '4',
          BACKLOT_WORKER_LEASE_SECONDS: '2',
          BACKLOT_POLL_SECONDS: '0.1',
          ...env,
        }),
      );
      workers.push(w);
      return w;
    };

    async function plannedProject(code: string): Promise<{ projectId: string; shotId: string }> {
      const projectId = await h().project(owner, code, [[director, 'director']]);
      const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
      await h().as(owner, { method: 'PATCH', url: url(''), payload: { generation: { requireLocked: false } } });
      const scene = await h().as(director, { method: 'POST', url: url('/scenes'), payload: { heading: 'EXT. PIER - NIGHT' } });
      const shot = await h().as(director, {
        method: 'POST',
        url: url(`/scenes/${scene.json().id}/shots`),
        payload: {
          plan: { job: 'Find the boat', subjectAction: 'A lantern swings at the end of the pier.', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['Lantern lit'], targetFrames: 120 },
        },
      });
      return { projectId, shotId: shot.json().id };
    }

    async function generate(p: { projectId: string; shotId: string }, count: number): Promise<string[]> {
      const ids: string[] = [];
      for (let left = count; left > 0; left -= 12) {
        const r = await h().as(director, {
          method: 'POST',
          url: `/api/v1/projects/${p.projectId}/shots/${p.shotId}/takes`,
          payload: { provider: 'seedance', model: MODEL, count: Math.min(12, left), settings: { resolution: '720p' } },
        });
        expect(r.statusCode, r.body).toBe(201);
        ids.push(...r.json().takes.map((t: { id: string }) => t.id));
      }
      return ids;
    }

    const rows = async (ids: string[]) => Promise.all(ids.map(async (id) => (await h().container.store.read.takes.get(id))!));
    const allEnded = (ids: string[], ms: number) =>
      waitFor(
        () => rows(ids),
        (ts) => ts.every((t) => TERMINAL.includes(t.status)),
        ms,
      );
    /** Creates Ark received per seed, since `from`. */
    const createsBySeed = (from: number) => {
      const out = new Map<number, number>();
      for (const c of fake.creates.slice(from)) out.set(Number(c.seed), (out.get(Number(c.seed)) ?? 0) + 1);
      return out;
    };

    it('sets up two projects, one with its own Seedance key and one on the instance key, and the price of Seedance 2.0', async () => {
      owner = await h().person('Olga Owner');
      director = await h().person('Dora Director');
      Object.assign(own, await plannedProject('OWNKEY'));
      Object.assign(shared, await plannedProject('SHARED'));
      const put = await h().as(owner, { method: 'PUT', url: `/api/v1/projects/${own.projectId}/provider-keys/seedance`, payload: { secret: PROJECT_KEY } });
      expect(put.statusCode, put.body).toBe(200);
      await h().container.services.providerKeys.set({ accountId: owner.id, name: owner.name }, { kind: 'instance' }, 'seedance', INSTANCE_KEY);
      await h().container.store.transaction((tx) =>
        tx.prices.upsert({ currency: 'USD', provider: 'seedance', model: MODEL, unit: 'tokens', perQuantity: 1_000_000, priceMicros: 2_500_000, updatedAt: new Date().toISOString() }),
      );
    });

    it('three workers share 40 takes and never hold more than 4 places per key at Seedance', { timeout: 240_000 }, async () => {
      fake.latencyMs = 2_000;
      fake.createDelayMs = 0;
      fake.peakInFlight.clear();
      fake.peakInFlightAll = 0;
      const from = fake.creates.length;
      // Queued in turns, so both keys have work waiting at once.
      const ids: string[] = [];
      for (let i = 0; i < 2; i++) ids.push(...(await generate(own, 10)), ...(await generate(shared, 10)));
      const three = [startWorker(), startWorker(), startWorker()];
      // Generous: the int tier runs two files at once, and these are whole worker processes (bench/orchestrate measures the pace).
      const ended = await allEnded(ids, 200_000);
      await Promise.all(three.map((w) => w.stop()));

      expect(ended.map((t) => t.status)).toEqual(Array(40).fill('succeeded'));
      // Each key used all its places and never one more; both keys were at Seedance at once.
      expect(fake.peakInFlight.get(PROJECT_KEY)).toBe(4);
      expect(fake.peakInFlight.get(INSTANCE_KEY)).toBe(4);
      expect(fake.peakInFlightAll).toBeGreaterThan(4);
      const sent = createsBySeed(from);
      expect(fake.creates.length - from).toBe(40);
      for (const t of ended) expect(sent.get(t.seed!), t.id).toBe(1);
    });

    it('a worker killed with SIGKILL mid-send is followed by one that reconciles: every take ends, each sent once, the ledger balanced', { timeout: 240_000 }, async () => {
      // Ark records a create at once but answers 1.5 s later: a kill lands between send and stored task id.
      fake.latencyMs = 1_500;
      fake.createDelayMs = 1_500;
      const from = fake.creates.length;
      const project = await plannedProject('CRASH');
      const ids = await generate(project, 50);
      const env = { BACKLOT_PROVIDER_CONCURRENCY: '10', BACKLOT_WORKER_SLOTS: '8' };

      const first = startWorker(env);
      // Seeds Ark has received (in the last `withinMs`), read before the takes: a take sent but without its task id is waiting on its answer.
      const sentNow = (withinMs = Infinity) => new Set([...fake.tasks.values()].filter((t) => Date.now() - t.createdMs < withinMs).map((t) => Number(t.body.seed)));
      const midSendOf = (ts: TakeRecord[], sent: Set<number>) => ts.filter((t) => !t.providerTaskId && sent.has(t.seed!));
      const until = Date.now() + 60_000;
      let seenMidSend: TakeRecord[] = [];
      for (;;) {
        // Sent within the last half second, so its answer is still a second away when the kill lands.
        const sent = sentNow(500);
        const ts = await h().container.store.read.takes.listForShot(project.shotId);
        seenMidSend = midSendOf(ts, sent);
        if (ts.filter((t) => t.providerTaskId).length >= 2 && seenMidSend.length > 0) break;
        if (Date.now() > until) throw new Error(`takes never got in flight: ${first.stderr()}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      await first.kill();

      const atKill = await rows(ids);
      const midSend = midSendOf(atKill, sentNow());
      const debug = JSON.stringify({
        seen: seenMidSend.map((t) => [t.id, t.status, t.step, t.attempts, t.seed, t.leaseOwner, t.leaseUntil]),
        after: atKill.filter((t) => seenMidSend.some((x) => x.id === t.id)).map((t) => [t.id, t.status, t.step, t.attempts, t.providerTaskId, t.submittedAt, t.updatedAt]),
        killedAt: new Date().toISOString(),
      });
      expect(midSend.length, `takes sent whose task id was never stored: ${debug}`).toBeGreaterThan(0);
      expect(atKill.filter((t) => t.providerTaskId).length).toBeGreaterThan(0);
      expect(atKill.filter((t) => t.status === 'queued' && t.attempts === 0).length, 'takes not yet sent').toBeGreaterThan(0);

      const second = startWorker(env);
      const ended = await allEnded(ids, 150_000);
      await second.stop();

      expect(ended.map((t) => t.status)).toEqual(Array(50).fill('succeeded'));
      // Exactly one create per take at Ark, and the takes sent before the kill ended on the task that create made.
      expect(fake.creates.length - from).toBe(50);
      const sent = createsBySeed(from);
      for (const t of ended) expect(sent.get(t.seed!), t.id).toBe(1);
      for (const t of midSend) {
        const task = [...fake.tasks.values()].find((x) => Number(x.body.seed) === t.seed)!;
        expect(ended.find((e) => e.id === t.id)!.providerTaskId).toBe(task.id);
      }
      // Per take: the hold reserved, the tokens Ark reported settled, the hold released; in all 50 × 272,250.
      for (const id of ids) {
        const entries = (await h().container.store.read.ledger.forTake(id)).map((e) => [e.kind, e.amountMicros]).sort();
        expect(entries, id).toEqual([
          ['release', TAKE_MICROS],
          ['reservation', TAKE_MICROS],
          ['settlement', TAKE_MICROS],
        ]);
      }
      expect(await h().container.store.read.ledger.totals(project.projectId)).toEqual({ reserved: 13_612_500, settled: 13_612_500, released: 13_612_500 });
    });
  },
  {
    env: {
      BACKLOT_SECRET_KEY: SECRET_KEY,
      get BACKLOT_SEEDANCE_URL() {
        return fake.baseUrl;
      },
      get BACKLOT_PROVIDER_ALLOW_HOSTS() {
        return fake.host;
      },
    } as Record<string, string>,
  },
);
