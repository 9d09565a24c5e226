/**
 * The worker's steps for one take, each idempotent: submit (reconciling first after a crash, so a
 * take is never sent twice), ask the provider to cancel, poll, and ingest the output and settle.
 * Each step loads the row, talks to the provider outside any transaction, then writes its result
 * only while the worker still holds the take's lease.
 */
import { toStoredValue } from '@backlot/contracts';
import { describeProviderError, MAX_ATTEMPTS, retryDelayMs } from '../../domain/generate/take-states.ts';
import { aspectValue } from '../../domain/generate/settings.rules.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Secrets } from '../../ports/crypto.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Staging } from '../../ports/staging.ts';
import type { Repos, Store } from '../../ports/store.ts';
import type { TakePatch, TakeRecord } from '../../ports/take-store.ts';
import { type HeldTasks, type ProviderError, ProviderFailure, type ProviderRegistry, type TaskSnapshot, type VideoProviderAdapter, type WebhookRequest } from '../../ports/video-provider.ts';
import { announceTake, finishTake, type TakeOutcome } from './take-ledger.ts';
import type { TakeIngest } from './take-ingest.service.ts';

/**
 * Whether the provider answered a send with a refusal, so nothing was made: a 4xx other than 408
 * (the request may still be running) and 409 (a conflict on the idempotency key: an earlier send
 * arrived). A timeout, a lost connection or a 5xx may have arrived.
 */
function refusedOnArrival(e: ProviderError): boolean {
  return e.httpStatus !== undefined && e.httpStatus >= 400 && e.httpStatus < 500 && e.httpStatus !== 408 && e.httpStatus !== 409;
}

export interface TakeJobsDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  staging: Staging;
  providers: ProviderRegistry;
  ingest: TakeIngest;
  /** How long to wait between polls of a provider, in ms. */
  pollIntervalMs: (provider: string) => number;
  /** Address providers call back: BACKLOT_PUBLIC_URL; without it no callbacks are asked for, and polling alone follows takes. */
  publicUrl?: string;
  secrets: Secrets;
  /** The key a keyed provider is called with for a project (its own, else the instance's), and whose it is. */
  credentials?: { keyFor(projectId: string, provider: string): Promise<{ secret: string; scope: string }> };
}

/** How long a take waiting for a place sleeps before it looks again by itself (a freed place wakes it sooner). */
const SLOT_RECHECK_MS = 10_000;

/**
 * What a step asks of the worker: run the next step now, come back later (the lease given up), or
 * nothing more; or keep the lease and look again in `hold` ms — a take running at its provider is
 * polled by the worker holding it, which writes only when something changed, not once a poll.
 */
export type StepOutcome = 'again' | 'later' | 'done' | { hold: number };

export function createTakeJobs(deps: TakeJobsDeps) {
  const now = () => deps.clock.now();
  const later = (ms: number) => new Date(now().getTime() + ms).toISOString();

  /**
   * Writes a patch (and announces a status change) only while `owner` holds the lease. A cancel
   * asked for since the step read the take is never written over: what the step learned (the
   * provider's task id, its status word) is still kept, but the status and step stay the cancel's,
   * and the answer is false so the step hands over to the next one, which reads the cancel.
   * False too when the lease was lost.
   */
  async function save(take: TakeRecord, owner: string, patch: TakePatch): Promise<boolean> {
    return deps.store.transaction(async (tx) => {
      const at = now().toISOString();
      if (await tx.takes.updateLeased(take.id, owner, { ...patch, updatedAt: at }, take.status)) {
        if ((patch.status && patch.status !== take.status) || (patch.progress !== undefined && patch.progress !== take.progress)) {
          await announceTake(tx, { ...take, status: patch.status ?? take.status, progress: patch.progress ?? take.progress }, at);
        }
        return true;
      }
      if (take.status !== 'cancel_requested') {
        const { status: _status, step: _step, ...learned } = patch;
        await tx.takes.updateLeased(take.id, owner, { ...learned, updatedAt: at }, 'cancel_requested');
      }
      return false;
    });
  }

  async function finish(take: TakeRecord, outcome: TakeOutcome, blobs: { sha256: string; size: number; mediaType: string }[] = []): Promise<StepOutcome> {
    await deps.store.transaction(async (tx) => {
      const at = now().toISOString();
      for (const b of blobs) await tx.blobs.record({ ...b, createdAt: at });
      await finishTake(tx, deps, take, outcome, at);
    });
    return 'done';
  }

  /** A failure: retried with backoff when transient and attempts remain, else the take fails in plain words; `seen` is what the provider last said, kept on the take. */
  async function failed(take: TakeRecord, owner: string, adapter: VideoProviderAdapter | undefined, error: unknown, seen: TakePatch = {}): Promise<StepOutcome> {
    const label = adapter?.models()[0]?.label.split(' ')[0] ?? take.provider;
    // A provider's words reach the record and its hash as a database stores them.
    const e = toStoredValue(
      error instanceof ProviderFailure
        ? error.error
        : { code: 'internal', message: error instanceof Error ? error.message : String(error), category: 'provider_internal' as const, retryable: true, charged: false as const },
    );
    const attempts = take.attempts + (take.step === 'submit' ? 0 : 1);
    if (e.retryable && attempts < MAX_ATTEMPTS) {
      // Never sooner than the provider asked (a 429's Retry-After).
      const delay = Math.max(retryDelayMs(attempts), typeof e.retryAfterMs === 'number' ? e.retryAfterMs : 0);
      // A send the provider answered with a refusal made nothing there: the next one need not ask first.
      const refused = take.step === 'submit' && error instanceof ProviderFailure && refusedOnArrival(error.error) ? { sendRefused: true } : {};
      const saved = await save(take, owner, { attempts, nextAttemptAt: later(delay), providerStatus: take.providerStatus, ...seen, ...refused, leaseOwner: null, leaseUntil: null });
      return saved ? 'later' : 'again';
    }
    const charged = e.charged === true ? take.estimateMicros : null;
    return finish(take, {
      status: take.status === 'cancel_requested' ? 'canceled' : 'failed',
      actualMicros: charged,
      error: { code: e.code, message: describeProviderError(e, label, take.step === 'ingest' ? 'download' : 'task'), category: e.category },
      patch: seen,
    });
  }

  /** Why a push to a provider that signs its pushes does not verify, or null (verified, or a provider that does not sign). */
  async function unverifiedPush(take: TakeRecord, push: WebhookRequest): Promise<string | null> {
    let adapter = deps.providers.get(take.provider);
    if (!adapter?.parseWebhook) return null;
    try {
      if (adapter.needsKey && adapter.withCredential) {
        const key = await deps.credentials?.keyFor(take.projectId, take.provider);
        if (!key) return `no ${take.provider} key is set to verify the push with`;
        adapter = adapter.withCredential(key.secret);
      }
      const parsed = await adapter.parseWebhook!(push);
      if (!parsed.verified) return 'the push is not signed';
      if (take.providerTaskId && parsed.providerTaskId !== take.providerTaskId) return `the push is about task ${parsed.providerTaskId}, not this take's`;
      return null;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }

  /** What a reconcile matching by request skips: tasks other takes of this provider already hold. */
  function heldByOthers(take: TakeRecord): HeldTasks {
    return (ids) => deps.store.read.takes.heldTaskIds(take.provider, ids, take.id);
  }

  /** Maps a provider snapshot onto the take while it is at the provider. */
  function progressPatch(take: TakeRecord, s: TaskSnapshot): TakePatch {
    const status = take.status === 'cancel_requested' ? 'cancel_requested' : s.status === 'queued' ? 'submitted' : 'running';
    const stored = toStoredValue(s);
    return { status, providerStatus: stored.providerStatus, progress: s.progress === undefined ? take.progress : Math.round(s.progress * 100) / 100, snapshot: stored };
  }

  /**
   * Why a take queued with a likeness asset may no longer be sent: the consent behind one of its
   * `asset://` references was withdrawn or has expired since it was queued. Null when it may.
   */
  async function likenessEnded(take: TakeRecord): Promise<string | null> {
    const ids = [...JSON.stringify(take.request?.body ?? null).matchAll(/"asset:\/\/([^"]+)"/g)].map((m) => m[1]);
    if (!ids.length) return null;
    const today = now().toISOString().slice(0, 10);
    for (const r of await deps.store.read.likenessAssets.byAssetIds(take.provider, ids)) {
      if (r.withdrawnAt) return `${r.person} withdrew consent for ${r.assetName} on ${r.withdrawnAt.slice(0, 10)}, after this take was asked for; it was not sent.`;
      if (r.expiresOn < today || r.deletedAt) return `${r.person}'s consent for ${r.assetName} expired on ${r.expiresOn}, before this take was sent; it was not sent.`;
    }
    return null;
  }

  /**
   * Sends the take once it holds one of its key's places (taken atomically with the attempt that
   * marks it as being sent, so the limit holds across every worker). After a crash it asks the
   * provider first and never sends a take the provider may already have.
   */
  async function submit(take: TakeRecord, owner: string, adapter: VideoProviderAdapter, slot: string): Promise<StepOutcome> {
    const attempts = take.attempts + 1;
    const asked = now().toISOString();
    // Every place held: wait. The take that gives up a place wakes the longest-waiting one
    // (wakeAfter), so the wait below only covers a place freed without that (a lapsed lease).
    const waiting = { nextAttemptAt: later(SLOT_RECHECK_MS), leaseOwner: null, leaseUntil: null, updatedAt: asked };
    const placed = await deps.store.transaction((tx) =>
      tx.takes.takeSlot(take.id, owner, slot, deps.providers.concurrency(take.provider), { attempts, sendRefused: false, updatedAt: asked }, waiting),
    );
    if (!placed) return 'later';
    let snapshot: TaskSnapshot | undefined;
    if (take.attempts > 0 && !take.sendRefused) {
      // An earlier attempt may have reached the provider (it timed out, or this worker stopped): ask
      // first. One the provider refused never arrived: there is nothing to ask about.
      const found = await adapter.reconcile(take.idempotencyKey, new Date(take.requestedAt), take.request ?? undefined, heldByOthers(take));
      if (found === 'unknowable') {
        return finish(take, {
          status: 'failed',
          actualMicros: null,
          error: {
            code: 'submit.unknown',
            message: `Backlot stopped while sending this take and ${take.provider} cannot say whether it arrived; it was not sent again so it cannot be paid twice. Check the provider's dashboard, then generate again.`,
            category: 'unknown',
          },
        });
      }
      if (found !== 'none') snapshot = found;
    }
    const webhookUrl = deps.publicUrl && take.webhookSecret ? `${deps.publicUrl}/api/v1/webhooks/takes/${take.id}/${take.webhookSecret}` : undefined;
    // Not at the provider yet: a face whose consent ended since the take was queued is not sent.
    const ended = snapshot ? null : await likenessEnded(take);
    if (ended) return finish(take, { status: 'failed', actualMicros: null, error: { code: 'consent.asset_unavailable', message: ended, category: 'invalid_input' } });
    snapshot ??= await adapter.submit({ ...take.request!, uploads: [] }, { idempotencyKey: take.idempotencyKey, webhookUrl });
    const at = now().toISOString();
    await save({ ...take, attempts }, owner, { ...progressPatch({ ...take, status: 'queued' }, snapshot), providerTaskId: snapshot.providerTaskId, submittedAt: at, step: 'poll', attempts: 0 });
    return 'again';
  }

  async function poll(take: TakeRecord, owner: string, adapter: VideoProviderAdapter): Promise<StepOutcome> {
    const s = await adapter.poll(take.providerTaskId!);
    if (s.status === 'succeeded') {
      await save(take, owner, { ...progressPatch(take, s), step: 'ingest' });
      return 'again';
    }
    if (s.status === 'failed') {
      // The provider's own word for the failure (Seedance's `expired`, Higgsfield's `nsfw`) stays on the take.
      const stored = toStoredValue(s);
      const error = new ProviderFailure(s.error ?? { code: s.providerStatus, message: 'the provider reported a failure', category: 'unknown', retryable: false, charged: 'unknown' });
      return failed(take, owner, adapter, error, { providerStatus: stored.providerStatus, snapshot: stored });
    }
    if (s.status === 'canceled') {
      // Stopped after it ran: a provider that bills that time reports it (Replicate's predict_time), and
      // the take is charged what was reported, at the price it was reserved at; otherwise nothing.
      const usage = s.usage ? await adapter.settleUsage(s, { unit: take.usageUnit as never, quantity: take.usageQuantity, detail: take.estimateDetail }) : null;
      return finish(take, { status: 'canceled', actualMicros: usage?.reported ? actualCost(take, usage.quantity) : null, error: null });
    }
    // Still at the provider: this worker keeps the take and polls again; it writes (and tells the
    // event stream) only when the status, the provider's word or the progress moved.
    const interval = deps.pollIntervalMs(take.provider);
    const patch = progressPatch(take, s);
    if (patch.status !== take.status || patch.providerStatus !== take.providerStatus || patch.progress !== take.progress) {
      // The due time is kept current, so after a crash the take is polled as soon as its lease lapses.
      if (!(await save(take, owner, { ...patch, nextAttemptAt: later(interval) }))) return 'again';
    }
    return { hold: interval };
  }

  async function cancel(take: TakeRecord, owner: string, adapter: VideoProviderAdapter): Promise<StepOutcome> {
    let taskId = take.providerTaskId;
    if (!taskId && take.attempts > 0 && !take.sendRefused) {
      // Canceled while being sent by a worker that stopped before it kept the task's id: ask the provider first.
      const found = await adapter.reconcile(take.idempotencyKey, new Date(take.requestedAt), take.request ?? undefined, heldByOthers(take));
      if (found === 'unknowable') {
        return finish(take, {
          status: 'canceled',
          actualMicros: null,
          error: {
            code: 'submit.unknown',
            message: `This take was canceled while being sent and ${take.provider} cannot say whether it arrived; check the provider's dashboard for a task to stop.`,
            category: 'unknown',
          },
        });
      }
      if (found !== 'none') {
        taskId = found.providerTaskId;
        await save(take, owner, { providerTaskId: taskId, snapshot: toStoredValue(found) });
      }
    }
    const outcome = taskId ? await adapter.cancel(taskId) : 'canceled';
    if (outcome === 'canceled') return finish(take, { status: 'canceled', actualMicros: null, error: null });
    // The provider cannot stop it: keep polling; whatever it makes is kept hidden and settled.
    await save(take, owner, { step: 'poll' });
    return 'again';
  }

  async function ingest(take: TakeRecord, adapter: VideoProviderAdapter, repos: Repos): Promise<StepOutcome> {
    const snapshot = take.snapshot!;
    const project = (await repos.projects.findById(take.projectId))!;
    const shot = await repos.shots.findById(take.projectId, take.shotId);
    const refs = await repos.takes.references([take.id]);
    const anchors: { role: 'start-frame' | 'end-frame'; sha256: string; label: string }[] = [];
    for (const r of refs) {
      if (r.role !== 'start-frame' && r.role !== 'end-frame') continue;
      const file = (await repos.assets.files(r.assetId)).find((f) => f.version === r.assetVersion && f.kind === 'image');
      const asset = await repos.assets.findById(take.projectId, r.assetId);
      if (file) anchors.push({ role: r.role, sha256: file.sha256, label: `${asset?.name ?? 'anchor'} v${r.assetVersion} (${r.role})` });
    }
    const output = await adapter.fetchOutput(snapshot, 0);
    const staged = await deps.staging.stage(output.body, null, 64 * 1024 ** 3);
    try {
      const result = await deps.ingest.ingest(staged.path, {
        project,
        shotId: take.shotId,
        frames: typeof take.settings.frames === 'number' ? take.settings.frames : null,
        // The aspect the take was asked in (the request's, else the plan's, else the project's).
        aspect: deps.ingest.aspectFor(take.spec?.aspectRatio && aspectValue(take.spec.aspectRatio) !== null ? take.spec.aspectRatio : (shot?.plan.aspect ?? null), project),
        anchors,
      });
      const usage = await adapter.settleUsage(snapshot, { unit: take.usageUnit as never, quantity: take.usageQuantity, detail: take.estimateDetail });
      // Charged at the price the take was reserved at: the estimate scaled by the usage reported.
      const actual = actualCost(take, usage.quantity);
      const canceled = take.status === 'cancel_requested';
      return finish(
        take,
        {
          status: canceled ? 'canceled' : 'succeeded',
          actualMicros: actual,
          error: null,
          patch: { media: result.media, continuity: result.continuity, ingestMs: result.ms, outputHidden: canceled, snapshot },
        },
        result.blobs,
      );
    } finally {
      await deps.staging.remove(staged.path);
    }
  }

  return {
    /** Leases up to `limit` takes with work to do to `owner`; returns their ids. */
    async claim(owner: string, limit: number, leaseMs: number): Promise<string[]> {
      const at = now();
      return deps.store.transaction((tx) => tx.takes.claim(owner, at.toISOString(), new Date(at.getTime() + leaseMs).toISOString(), limit));
    },

    /** Extends the lease on takes `owner` is still working on. */
    async renew(ids: string[], owner: string, leaseMs: number): Promise<void> {
      const until = later(leaseMs);
      // One transaction for them all: one commit (and one fsync) per heartbeat, however many takes.
      await deps.store.transaction(async (tx) => {
        for (const id of ids) await tx.takes.updateLeased(id, owner, { leaseUntil: until });
      });
    },

    /**
     * A provider's callback. The unguessable per-take secret in its address is the credential;
     * the push itself is never trusted: it only makes a worker poll the take now (a late call for
     * a finished take changes nothing). A worker holding the take between polls lets go of it
     * (its lease is cleared), so whichever worker is free polls at once. `not_found` when the take
     * or secret does not match; where the provider signs its pushes (fal, Replicate), a push that
     * does not verify, or names another task, wakes nothing and is refused with the reason.
     */
    async webhook(takeId: string, secret: string, push?: Omit<WebhookRequest, 'taskId'>): Promise<'accepted' | 'not_found' | { refused: string }> {
      const take = await deps.store.read.takes.get(takeId);
      if (!take?.webhookSecret || deps.secrets.sha256(take.webhookSecret) !== deps.secrets.sha256(secret)) return 'not_found';
      const refused = push ? await unverifiedPush(take, { ...push, taskId: take.providerTaskId }) : null;
      if (refused) return { refused };
      if (take.step === 'poll' && (take.status === 'submitted' || take.status === 'running' || take.status === 'cancel_requested')) {
        await deps.store.transaction((tx) => tx.takes.update(take.id, { nextAttemptAt: now().toISOString(), leaseOwner: null, leaseUntil: null }));
      }
      return 'accepted';
    },

    /** Gives up the leases `owner` holds on takes it was polling (a worker stopping), so another worker takes them at once. */
    async release(ids: string[], owner: string): Promise<void> {
      if (!ids.length) return;
      await deps.store.transaction(async (tx) => {
        for (const id of ids) await tx.takes.updateLeased(id, owner, { leaseOwner: null, leaseUntil: null });
      });
    },

    /** Runs the take's next step while `owner` holds its lease. */
    async advance(takeId: string, owner: string): Promise<StepOutcome> {
      const take = await deps.store.read.takes.get(takeId);
      if (!take || take.leaseOwner !== owner) return 'done';
      if (take.status === 'succeeded' || take.status === 'failed' || take.status === 'canceled' || take.status === 'awaiting_approval') return 'done';
      let adapter = deps.providers.get(take.provider);
      // The places a take holds at its provider are counted per key (per provider where none is needed).
      let slot = take.provider;
      if (adapter?.needsKey && adapter.withCredential) {
        // The key is opened for this step only, and the bound adapter is dropped after it.
        const key = await deps.credentials?.keyFor(take.projectId, take.provider).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
        if (!key || key instanceof Error) {
          return finish(take, {
            status: take.status === 'cancel_requested' ? 'canceled' : 'failed',
            actualMicros: null,
            error: { code: 'provider.key_missing', message: key instanceof Error ? key.message : `No ${take.provider} key is set`, category: 'auth' },
          });
        }
        adapter = adapter.withCredential(key.secret);
        slot = `${take.provider}:${key.scope === 'instance' ? 'instance' : `project:${key.scope}`}`;
      }
      if (!adapter) {
        return finish(take, {
          status: 'failed',
          actualMicros: null,
          error: { code: 'provider.unavailable', message: `This Backlot has no ${take.provider} provider configured any more; the take was not sent.`, category: 'auth' },
        });
      }
      let outcome: StepOutcome;
      try {
        switch (take.step) {
          case 'submit':
            outcome = await submit(take, owner, adapter, slot);
            break;
          case 'cancel':
            outcome = await cancel(take, owner, adapter);
            break;
          case 'poll':
            outcome = await poll(take, owner, adapter);
            break;
          case 'ingest':
            return await ingest(take, adapter, deps.store.read);
          default:
            return 'done';
        }
      } catch (error) {
        outcome = await failed((await deps.store.read.takes.get(takeId)) ?? take, owner, adapter, error);
      }
      // The take gave up its place (it ended, or its output is ready to fetch): the next waiting take may go.
      if (outcome === 'done' || (take.step === 'poll' && outcome === 'again')) await deps.store.transaction((tx) => tx.takes.wakeWaiting(slot, 1, now().toISOString()));
      return outcome;
    },

    /** How long until the next take is due, in ms (0 or less: due now); undefined when no take has work left. */
    async nextDue(): Promise<number | undefined> {
      const at = await deps.store.read.takes.nextDue(now().toISOString());
      return at === undefined ? undefined : new Date(at).getTime() - now().getTime();
    },
  };
}

/** The estimate scaled to the usage the provider reported, rounded up to a micro-unit. */
function actualCost(take: TakeRecord, quantity: number): number {
  if (take.usageQuantity <= 0 || quantity === take.usageQuantity) return take.estimateMicros;
  return Math.ceil((take.estimateMicros * quantity) / take.usageQuantity);
}

export type TakeJobs = ReturnType<typeof createTakeJobs>;
