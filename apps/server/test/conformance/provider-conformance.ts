/**
 * The video provider contract suite (issue #13, STYLE.md principle 9): one set of cases, written
 * once, run against every adapter with its fake through the real worker steps (the take-jobs
 * service: claim, submit, poll, cancel, ingest) and the ledger, on SQLite and PostgreSQL. An
 * adapter joins by giving a small kit: how to start it against its fake, the faults it can be made
 * to show, and a stated reason for every case it cannot take part in.
 *
 * What each failure should end as (retried or not, billed or not) is written by hand in the cases
 * below from PROVIDERS.md §9.3 and DESIGN.md §2 and §5, never read from an adapter's own tables.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GenerationSettings } from '@backlot/contracts';
import type { TakeRecord } from '../../src/ports/take-store.ts';
import { describeEachDatabase, type HarnessOptions, type Person } from '../harness.ts';
import type { ProviderKit, Skip } from './provider-kit.ts';

export type { ProviderKit } from './provider-kit.ts';

const TERMINAL = ['succeeded', 'failed', 'canceled'];
/** Generation statuses in the order DESIGN.md §2 lets a take pass them. */
const ORDER = ['queued', 'submitted', 'running', 'cancel_requested', 'succeeded', 'failed', 'canceled'];

/** Whether a kit declined a case. */
const skipped = <T extends object>(c: T | Skip): c is Skip => 'skip' in c;

/** Registers a case, or a skipped one whose name states the reason. */
function caseOf<T extends object>(name: string, support: T | Skip, body: (s: T) => Promise<void>) {
  if (skipped(support)) it.skip(`${name} — skipped: ${support.skip}`, () => undefined);
  else it(name, () => body(support), CASE_MS);
}

/**
 * How long a case may take, and a take may take to end within it: generous, as the int tier runs
 * two files at once and a take is rendered, downloaded and ingested for real (ffmpeg). What a case
 * asserts does not depend on it.
 */
const CASE_MS = 150_000;
const TAKE_MS = 120_000;

/** The contract suite for one adapter: one describe per database. */
export function describeProviderConformance(kit: ProviderKit) {
  beforeAll(() => kit.start());
  afterAll(() => kit.stop());
  describeEachDatabase(
    `${kit.provider} conformance`,
    (h) => {
      let owner: Person;
      let projectId = '';
      let shotId = '';
      const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
      const read = () => h().container.store.read;
      const jobs = () => h().container.services.takeJobs;
      const entries = async (id: string) => (await read().ledger.forTake(id)).map((e) => [e.kind, e.amountMicros]);
      const P = kit.costMicros;
      const settled = [
        ['reservation', P],
        ['settlement', P],
        ['release', P],
      ];
      const released = [
        ['reservation', P],
        ['release', P],
      ];

      /** Asks for one take; nothing works on it until `drive`. */
      async function generate(extra: Partial<GenerationSettings> = {}): Promise<string> {
        const r = await h().as(owner, { method: 'POST', url: url(`/shots/${shotId}/takes`), payload: { provider: kit.provider, model: kit.model, settings: { ...kit.settings, ...extra } } });
        expect(r.statusCode, r.body).toBe(201);
        return r.json().takes[0].id;
      }

      /**
       * The worker's loop, run here so every step is seen: claims due takes as `worker` and advances
       * each until it waits or ends, until `until` holds for the take. Returns the take and the
       * statuses (generation and provider) it passed through.
       */
      async function drive(id: string, until: (t: TakeRecord) => boolean = (t) => TERMINAL.includes(t.status), worker = 'conformance-worker') {
        const statuses: string[] = [];
        const providerStatuses: string[] = [];
        const note = (t: TakeRecord) => {
          if (statuses.at(-1) !== t.status) statuses.push(t.status);
          if (t.providerStatus && providerStatuses.at(-1) !== t.providerStatus) providerStatuses.push(t.providerStatus);
        };
        const deadline = Date.now() + TAKE_MS;
        for (;;) {
          const t = (await read().takes.get(id))!;
          note(t);
          if (until(t)) return { take: t, statuses, providerStatuses };
          if (Date.now() > deadline) throw new Error(`take ${id} stuck at ${t.status}/${t.step}`);
          const claimed = await jobs().claim(worker, 10, 30_000);
          const held: Array<{ id: string; ms: number }> = [];
          for (const c of claimed) {
            let outcome: Awaited<ReturnType<ReturnType<typeof jobs>['advance']>>;
            while ((outcome = await jobs().advance(c, worker)) === 'again') {
              if (c !== id) continue;
              const now = (await read().takes.get(id))!;
              note(now);
              if (!until(now)) continue;
              // Stop here, between two steps, and let go of the take as a stopping worker does.
              await h().container.store.transaction((tx) => tx.takes.updateLeased(id, worker, { leaseOwner: null, leaseUntil: null }));
              break;
            }
            if (typeof outcome! === 'object') held.push({ id: c, ms: outcome.hold });
          }
          // Held between polls, as a worker keeps a take running at its provider, for the time the step
          // asked; then let go, so the next claim polls it again. Going round at once instead would never
          // leave the event loop on SQLite (its calls are synchronous), and a render in this process
          // (previs) would never be heard from again.
          if (held.length) await new Promise((r) => setTimeout(r, Math.min(...held.map((x) => x.ms))));
          for (const x of held) await h().container.store.transaction((tx) => tx.takes.updateLeased(x.id, worker, { leaseOwner: null, leaseUntil: null }));
          if (!claimed.length) await new Promise((r) => setTimeout(r, 100));
        }
      }

      /** Fetches a stored file of the take through the API, as the player would. */
      async function download(id: string, sha256: string) {
        const r = await h().as(owner, { method: 'GET', url: url(`/takes/${id}/media/${sha256}`) });
        return { status: r.statusCode, type: String(r.headers['content-type']), bytes: r.rawPayload };
      }

      /** A take error a producer can read: the provider named in plain words, no raw envelope. */
      function expectReadable(error: TakeRecord['error']) {
        expect(error?.message.startsWith(kit.label), error?.message).toBe(true);
        expect(error?.message).not.toMatch(/[{}]/);
        expect(error?.message.length).toBeGreaterThan(kit.label.length + 20);
      }

      /** A retried fault: still one task at the provider, and the take ends like any other. */
      async function expectRecovered(id: string) {
        const { take } = await drive(id);
        expect(take.status, JSON.stringify(take.error)).toBe('succeeded');
        expect(take.media).toBeTruthy();
        expect(await entries(id)).toEqual(settled);
        if (kit.tasksCreatedFor) expect(kit.tasksCreatedFor(take)).toBe(1);
        return take;
      }

      it('sets up a planned shot in a small 24 fps project', async () => {
        owner = await h().person('Olga Owner');
        const p = await h().container.services.projects.create(
          { accountId: owner.id, name: owner.name },
          { name: 'Conformance', code: 'CONF', frameRate: '24/1', timecodeMode: 'ndf', resolution: { width: 320, height: 180 }, currency: 'USD', budget: '1000' },
        );
        projectId = p.id;
        await h().as(owner, { method: 'PATCH', url: url(''), payload: { generation: { requireLocked: false } } });
        const scene = await h().as(owner, { method: 'POST', url: url('/scenes'), payload: { heading: 'EXT. PIER - DAWN' } });
        const shot = await h().as(owner, {
          method: 'POST',
          url: url(`/scenes/${scene.json().id}/shots`),
          payload: {
            plan: { job: 'Establish the pier', subjectAction: 'A gull lands on the rail.', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['Gull readable'], targetFrames: 120 },
          },
        });
        expect(shot.statusCode, shot.body).toBe(201);
        shotId = shot.json().id;
        await kit.prepare(h(), owner, projectId);
      });

      it('creates, follows the status progression and ends succeeded with a downloadable output, settled in the ledger', { timeout: CASE_MS }, async () => {
        const id = await generate();
        const { take, statuses, providerStatuses } = await drive(id);
        expect(take.status, JSON.stringify(take.error)).toBe('succeeded');
        // Each status in DESIGN.md §2's order, from queued (reserved, never sent) through submitted.
        expect(statuses[0]).toBe('queued');
        expect(statuses).toContain('submitted');
        expect(statuses.map((s) => ORDER.indexOf(s))).toEqual([...statuses.map((s) => ORDER.indexOf(s))].sort((a, b) => a - b));
        // The provider's words exactly as its API has them.
        for (const s of providerStatuses) expect(kit.providerStatuses).toContain(s);
        expect(providerStatuses.at(-1)).toBe(kit.successStatus);
        const original = await download(id, take.media!.originalSha256);
        expect(original.status).toBe(200);
        expect(original.bytes.subarray(4, 8).toString()).toBe('ftyp');
        const proxy = await download(id, take.media!.proxySha256);
        expect(proxy.status).toBe(200);
        expect(take.media!.proxyFrames).toBeGreaterThan(0);
        expect(await entries(id)).toEqual(settled);
        if (kit.tasksCreatedFor) expect(kit.tasksCreatedFor(take)).toBe(1);
      });

      // §9.3: throttling and server errors may succeed unchanged later, and are not billed.
      caseOf('retries a 429 on create, sends the take once, and bills only the take that was made', kit.rateLimited, async (f) => {
        f.arm?.();
        await expectRecovered(await generate(f.settings));
      });

      caseOf('retries a 500 on create, sends the take once, and bills only the take that was made', kit.serverError, async (f) => {
        f.arm?.();
        await expectRecovered(await generate(f.settings));
      });

      // Not in §9.3: a timeout or an unreadable answer may hide a task made at the provider, so the
      // worker asks the provider before sending again (DESIGN.md §5), and the take is paid once.
      caseOf('survives a create that times out: asks the provider first, then ends succeeded, paid once', kit.timeout, async (f) => {
        f.arm?.();
        await expectRecovered(await generate(f.settings));
      });

      caseOf('survives a create answered with malformed JSON: asks the provider first, then ends succeeded, paid once', kit.malformed, async (f) => {
        f.arm?.();
        await expectRecovered(await generate(f.settings));
      });

      // §9.3: moderation is never retried and not billed (only successful generations are).
      caseOf('fails a policy refusal at once with a readable error, never retried, the hold released', kit.policyRefusal, async (f) => {
        f.arm?.();
        const id = await generate(f.settings);
        const { take } = await drive(id);
        expect(take.status).toBe('failed');
        expect(take.error).toMatchObject({ code: f.code, category: 'moderation' });
        expectReadable(take.error);
        expect(take.error?.message).toContain(`${kit.label} refused the prompt on content policy`);
        expect(await entries(id)).toEqual(released);
        if (kit.tasksCreatedFor) expect(kit.tasksCreatedFor(take)).toBeLessThanOrEqual(1);
      });

      // §9.3: only a changed request can succeed, so the same one is not sent again; nothing billed.
      caseOf('fails a request refused for its parameters with a readable error, not sent again, the hold released', kit.invalidInput, async (f) => {
        f.arm?.();
        const id = await generate(f.settings);
        const { take } = await drive(id);
        expect(take.status).toBe('failed');
        expect(take.error).toMatchObject({ code: f.code, category: 'invalid_input' });
        expectReadable(take.error);
        expect(take.providerTaskId).toBeNull();
        expect(await entries(id)).toEqual(released);
      });

      // §9.1: the provider's `expired` is a failure of its own category; only successes are billed.
      caseOf('ends a task the provider let expire failed, its status word kept, the hold released', kit.taskExpired, async (f) => {
        f.arm?.();
        const id = await generate(f.settings);
        const { take, providerStatuses } = await drive(id);
        expect(take.status).toBe('failed');
        expect(take.providerStatus).toBe(f.providerStatus);
        expect(providerStatuses.at(-1)).toBe(f.providerStatus);
        expect(take.error).toMatchObject({ category: 'expired' });
        expectReadable(take.error);
        expect(await entries(id)).toEqual(released);
      });

      caseOf('re-fetches an output whose link expired before the download, and ends succeeded', kit.outputExpiry, async (x) => {
        const id = await generate();
        await drive(id, (t) => t.step === 'ingest');
        x.expireOnce();
        const { take } = await drive(id);
        expect(take.status, JSON.stringify(take.error)).toBe('succeeded');
        expect(take.media).toBeTruthy();
        expect(await entries(id)).toEqual(settled);
      });

      // The generation succeeded at the provider, which bills successful generations (§1.7, §9.3):
      // the take fails with the link's expiry in its words, and what was charged is settled.
      caseOf('fails clearly when every output link has expired, settling what the provider charged', kit.outputExpiry, async (x) => {
        const id = await generate();
        await drive(id, (t) => t.step === 'ingest');
        const undo = x.expireForGood();
        try {
          const { take } = await drive(id);
          expect(take.status).toBe('failed');
          expect(take.media).toBeNull();
          expectReadable(take.error);
          expect(take.error?.message).toContain(`${kit.label}'s link to the finished video expired before Backlot could download it`);
          expect(take.error?.message).not.toMatch(/before it finished/);
          expect(await entries(id)).toEqual(settled);
        } finally {
          undo();
        }
      });

      caseOf('after a crash between submit and storing the task id, reconciles with the provider and never submits again', kit.submitAsStoppedWorker, async (submitAsStopped) => {
        // Words of its own: a provider matched by the request it echoes (Luma, Replicate) must not
        // take an earlier case's identical request, sent a moment before, for this one.
        const id = await generate({ promptAddition: 'Seen again after the worker restarts.' });
        // The state a worker leaves when it stops right after the provider accepted the task: its
        // attempt counted (written before sending), the task id never stored, its lease lapsed.
        const before = (await read().takes.get(id))!;
        await h().container.store.transaction((tx) => tx.takes.update(id, { attempts: 1 }));
        const sent = await submitAsStopped(h(), before);
        const { take } = await drive(id, undefined, 'worker-after-restart');
        expect(take.status, JSON.stringify(take.error)).toBe('succeeded');
        expect(take.providerTaskId).toBe(sent);
        if (kit.tasksCreatedFor) expect(kit.tasksCreatedFor(take)).toBe(1);
        expect(await entries(id)).toEqual(settled);
      });

      caseOf('cancels a take still queued at the provider: canceled, nothing billed', kit.cancelQueued, async () => {
        const hold = kit.holdAtProvider();
        try {
          const id = await generate(hold.settings);
          await drive(id, (t) => t.providerTaskId !== null);
          const c = await h().as(owner, { method: 'POST', url: url(`/takes/${id}/cancel`) });
          expect(c.json().status).toBe('cancel_requested');
          const { take } = await drive(id);
          expect(take.status).toBe('canceled');
          expect(take.media).toBeNull();
          expect(await entries(id)).toEqual(released);
        } finally {
          hold.undo();
        }
      });

      caseOf('cancels a running take, or records the request where the provider cannot stop it', kit.cancelRunning, async (c) => {
        const hold = kit.holdAtProvider();
        try {
          const id = await generate(hold.settings);
          await drive(id, (t) => t.status === 'running');
          const r = await h().as(owner, { method: 'POST', url: url(`/takes/${id}/cancel`) });
          expect(r.json().status).toBe('cancel_requested');
          hold.undo();
          const { take, statuses } = await drive(id);
          expect(take.status).toBe('canceled');
          if (c.endsAs === 'canceled') {
            expect(take.media).toBeNull();
            expect(await entries(id)).toEqual(released);
          } else {
            // DESIGN.md §2: it ends canceled when the provider finishes; what was charged is
            // settled and the output kept but hidden.
            expect(statuses).toEqual(expect.arrayContaining(['cancel_requested', 'canceled']));
            expect(take.outputHidden).toBe(true);
            expect(take.media).toBeTruthy();
            expect(await entries(id)).toEqual(settled);
          }
        } finally {
          hold.undo();
        }
      });
    },
    fastPolls(kit.harness),
  );
}

/**
 * The kit's harness options with the worker asking the provider every 0.1 s: the fakes move a task
 * one step per poll, so a case waits on polls, not on the clock. The kit's settings are kept as
 * they are (fakes give their addresses through getters, read only when the harness starts).
 */
function fastPolls(options: HarnessOptions): HarnessOptions {
  const env = Object.defineProperties({}, Object.getOwnPropertyDescriptors(options.env ?? {})) as Record<string, string>;
  Object.defineProperty(env, 'BACKLOT_POLL_SECONDS', { enumerable: true, value: '0.1' });
  return { ...options, env };
}
