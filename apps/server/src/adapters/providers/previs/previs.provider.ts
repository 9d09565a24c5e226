/**
 * The built-in previs generator behind the video provider port: a local "provider" with the same
 * asynchronous lifecycle as a remote one. Its tasks live in the database, so any process on it
 * answers a poll: a pending task nobody is rendering (or whose renderer died, its lease lapsed) is
 * rendered by the process that polls it, under a lease renewed with the progress while ffmpeg runs
 * (at most `maxConcurrent` at a time here). The output goes into the blob store and is recorded with
 * the task's end in one transaction. A render cut off by a restart is resumed and a finished one
 * never redone; a render that lost its lease or was canceled — from any process — publishes nothing.
 */
import { createReadStream } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { planPrevisRender } from '../../../domain/generate/previs.plan.ts';
import { withProgress } from '../../../domain/media/ffmpeg.plans.ts';
import type { BlobStore } from '../../../ports/blob-store.ts';
import type { PrevisTaskRecord, PrevisTasks } from '../../../ports/previs-tasks.ts';
import type { CancelOutcome, CompiledRequest, ProviderError, TaskSnapshot, UsageEstimate, VideoProviderAdapter } from '../../../ports/video-provider.ts';
import { ProviderFailure } from '../../../ports/video-provider.ts';
import { lastLines, ProcessFailure, runProcess } from '../../media/process.runner.ts';
import { compilePrevisRequest, isPrevisTaskId, PREVIS_CAPABILITIES, previsTaskId, readPrevisRequest, validatePrevisSpec, type PrevisRenderRequest } from './previs.request.ts';
import { createRenderScratch } from './previs.scratch.ts';

export interface PrevisProviderDeps {
  ffmpegPath: string;
  /** This process's scratch folder: pictures and ffmpeg's output while a render runs. */
  workDir: string;
  /** The tasks, shared by every process on the database. */
  tasks: PrevisTasks;
  /** Where the start and end pictures are read from and the rendered clips are kept. */
  blobs: BlobStore;
  /** A TrueType font for the slate and title card, e.g. /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf. */
  fontFile: string;
  /** Renders at once in this process; 2 unless said (each ffmpeg uses two threads). */
  maxConcurrent?: number;
  /** This process's name on render leases (its id in the process registry); random unless said. */
  owner?: string;
  /** How long a render lease runs without renewal; 30 s unless said. It is renewed every third of that, at least every 2 s. */
  leaseMs?: number;
}

/** The previs adapter, plus `close` for shutdown: stops this process's renders and lets go of their leases without cancelling them, so another process resumes them. */
export type PrevisProvider = VideoProviderAdapter & { close(): Promise<void> };

/** A render this process holds: waiting for a slot, running, or publishing its output. */
interface LiveRender {
  phase: 'waiting' | 'running' | 'publishing';
  progress: number;
  /** Aborted by cancel, by close, and when the lease is lost. */
  controller: AbortController;
  done: Promise<void>;
}

function unknownTask(taskId: string): ProviderFailure {
  return new ProviderFailure({ code: 'previs.unknown_task', message: `There is no previs render ${taskId}.`, category: 'invalid_input', retryable: false, charged: false });
}

/** Creates the previs provider over the shared tasks and this process's scratch folder. */
export function createPrevisProvider(deps: PrevisProviderDeps): PrevisProvider {
  const scratch = createRenderScratch(deps.workDir);
  const owner = deps.owner ?? randomUUID();
  const leaseMs = deps.leaseMs ?? 30_000;
  const renewMs = Math.max(100, Math.min(2000, Math.floor(leaseMs / 3)));
  const maxConcurrent = Math.max(1, deps.maxConcurrent ?? 2);
  const live = new Map<string, LiveRender>();
  const waiting: Array<() => void> = [];
  let running = 0;
  let closed = false;
  const iso = (ms: number) => new Date(ms).toISOString();

  /** Hands a free slot to the next render in line. */
  const wakeNext = () => {
    if (running < maxConcurrent) waiting.shift()?.();
  };

  /** Waits for a render slot; null when the signal aborts first (a waiting render cancelled leaves the line at once). */
  async function slot(signal: AbortSignal): Promise<(() => void) | null> {
    while (running >= maxConcurrent && !signal.aborted) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          signal.removeEventListener('abort', wake);
          const i = waiting.indexOf(wake);
          if (i >= 0) waiting.splice(i, 1);
          resolve();
        };
        waiting.push(wake);
        signal.addEventListener('abort', wake, { once: true });
      });
    }
    if (signal.aborted) {
      // This render may have been handed the slot just as it was cancelled: pass it on.
      wakeNext();
      return null;
    }
    running++;
    return () => {
      running--;
      wakeNext();
    };
  }

  async function render(taskId: string, entry: LiveRender): Promise<void> {
    const release = await slot(entry.controller.signal);
    if (!release) {
      live.delete(taskId);
      return;
    }
    const signal = entry.controller.signal;
    let leased = false;
    let renewal: NodeJS.Timeout | undefined;
    let renewing: Promise<unknown> = Promise.resolve();
    try {
      // Another process may have taken the task while this one waited for a slot, or finished it.
      leased = !signal.aborted && (await deps.tasks.lease(taskId, owner, iso(Date.now()), iso(Date.now() + leaseMs)));
      const task = leased ? await deps.tasks.get(taskId) : undefined;
      if (task?.state !== 'pending' || signal.aborted) return;
      entry.phase = 'running';
      renewal = setInterval(() => {
        renewing = deps.tasks.renew(taskId, owner, iso(Date.now() + leaseMs), entry.progress).then(
          // Canceled from anywhere, or taken over after this lease lapsed: stop, publish nothing.
          (held) => held || entry.controller.abort(),
          // A renewal that could not be written is tried again; if the lease lapses meanwhile, the next one says so.
          () => undefined,
        );
      }, renewMs);
      renewal.unref();
      const output = await renderToScratch(taskId, task.request as PrevisRenderRequest, entry).catch(async (err: unknown) => {
        // Cancelled, stopped by close, or its lease lost: none is a failure of the render.
        if (!signal.aborted) await deps.tasks.fail(taskId, owner, renderError(err), iso(Date.now()));
        return undefined;
      });
      if (!output) return;
      // Even if stopped by close just now: a finished render is worth keeping; cancel and a lost lease are refused by the database.
      entry.phase = 'publishing';
      const stored = await deps.blobs.put(createReadStream(output));
      // Published only while this process still holds the lease of the pending task, checked in the same transaction.
      await deps.tasks.complete(taskId, owner, { sha256: stored.sha256, size: stored.size, mediaType: 'video/mp4' }, iso(Date.now()));
    } catch {
      // The storage or the database failed: the task stays pending, its lease is let go below, and the
      // next poll (here or in another process) renders it again.
    } finally {
      clearInterval(renewal);
      await renewing;
      await scratch.remove(taskId).catch(() => undefined);
      if (leased) await deps.tasks.release(taskId, owner).catch(() => undefined);
      release();
      live.delete(taskId);
    }
  }

  /** Runs ffmpeg for a task into this process's scratch; returns the finished file. */
  async function renderToScratch(taskId: string, request: PrevisRenderRequest, entry: LiveRender): Promise<string> {
    const picture = (name: 'start' | 'end', ref: { sha256: string } | null) => (ref ? scratch.copyPicture(taskId, name, () => deps.blobs.get(ref.sha256)).then((path) => ({ path })) : null);
    const [start, end] = await Promise.all([picture('start', request.start), picture('end', request.end)]);
    const partial = await scratch.newPartial(taskId);
    const plan = planPrevisRender({ options: request.options, seed: request.seed, start, end, fontFile: deps.fontFile, output: partial });
    const frames = request.options.frames;
    await runProcess(deps.ffmpegPath, withProgress(plan.args), {
      signal: entry.controller.signal,
      // Generous: a minute to start plus a second per frame, far beyond a render on a busy machine.
      timeoutMs: 60_000 + frames * 1000,
      onProgress: (fields) => {
        const frame = Number(fields.frame);
        if (Number.isFinite(frame)) entry.progress = Math.min(1, Math.max(0, frame / frames));
      },
    });
    return partial;
  }

  /** Starts (or joins) this process's render of a task. */
  function ensureRender(taskId: string): LiveRender {
    const existing = live.get(taskId);
    if (existing) return existing;
    const entry: LiveRender = { phase: 'waiting', progress: 0, controller: new AbortController(), done: Promise.resolve() };
    live.set(taskId, entry);
    entry.done = render(taskId, entry);
    return entry;
  }

  /** The snapshot of a task; a pending task no live lease holds is started here. */
  function snapshotOf(task: PrevisTaskRecord): TaskSnapshot {
    const base = { providerTaskId: task.id, outputs: [], raw: { taskId: task.id } };
    const queued: TaskSnapshot = { ...base, status: 'queued', providerStatus: 'waiting', progress: 0 };
    const rendering = (progress: number): TaskSnapshot => ({ ...base, status: 'running', providerStatus: 'rendering', progress });
    switch (task.state) {
      case 'succeeded':
        return {
          ...base,
          status: 'succeeded',
          providerStatus: 'done',
          progress: 1,
          outputs: [{ url: `previs://${task.id}/out.mp4`, mediaType: 'video' }],
          usage: { unit: 'generations', quantity: 1 },
        };
      case 'canceled':
        return { ...base, status: 'canceled', providerStatus: 'canceled' };
      case 'failed':
        return { ...base, status: 'failed', providerStatus: 'failed', error: task.error ?? undefined };
      case 'pending': {
        const entry = live.get(task.id);
        if (entry && entry.phase !== 'waiting') return rendering(entry.progress);
        const heldElsewhere = task.leaseOwner !== null && task.leaseOwner !== owner && task.leaseUntil !== null && task.leaseUntil > iso(Date.now());
        if (heldElsewhere) return rendering(task.progress);
        if (!entry && !closed) ensureRender(task.id);
        return queued;
      }
    }
  }

  async function snapshot(taskId: string): Promise<TaskSnapshot> {
    const task = isPrevisTaskId(taskId) ? await deps.tasks.get(taskId) : undefined;
    if (!task) throw unknownTask(taskId);
    return snapshotOf(task);
  }

  return {
    provider: 'previs',

    models: () => [PREVIS_CAPABILITIES],

    validate: validatePrevisSpec,

    async estimateUsage(): Promise<UsageEstimate> {
      return { unit: 'generations', quantity: 1, detail: '1 previs render' };
    },

    async compile(spec) {
      return compilePrevisRequest(spec);
    },

    async submit(req: CompiledRequest, opts) {
      const request = readPrevisRequest(req);
      const taskId = previsTaskId(opts.idempotencyKey);
      await deps.tasks.create(taskId, request, iso(Date.now()));
      return snapshot(taskId);
    },

    async reconcile(idempotencyKey) {
      const task = await deps.tasks.get(previsTaskId(idempotencyKey));
      return task ? snapshotOf(task) : 'none';
    },

    poll: (taskId) => snapshot(taskId),

    async cancel(taskId): Promise<CancelOutcome> {
      const state = isPrevisTaskId(taskId) ? await deps.tasks.cancel(taskId, iso(Date.now())) : undefined;
      if (!state) throw unknownTask(taskId);
      if (state !== 'canceled') return 'too_late';
      // A render here stops now; one in another process stops at its next renewal, which finds the task canceled.
      const entry = live.get(taskId);
      entry?.controller.abort();
      await entry?.done;
      return 'canceled';
    },

    async fetchOutput(snap) {
      const task = isPrevisTaskId(snap.providerTaskId) ? await deps.tasks.get(snap.providerTaskId) : undefined;
      if (task?.state !== 'succeeded' || !task.output) throw unknownTask(snap.providerTaskId);
      return { body: await deps.blobs.get(task.output.sha256), contentType: 'video/mp4', size: task.output.size };
    },

    async settleUsage() {
      return { quantity: 1, reported: true };
    },

    async close() {
      closed = true;
      const renders = [...live.values()];
      for (const entry of renders) entry.controller.abort();
      await Promise.all(renders.map((entry) => entry.done));
    },
  };
}

/** A failed render in the port's terms: plain words, then the end of what ffmpeg said. */
function renderError(err: unknown): ProviderError {
  const detail = err instanceof ProcessFailure ? lastLines(err.stderr, 8) || err.message : err instanceof Error ? err.message : String(err);
  return {
    code: 'previs.render_failed',
    message: `The previs render failed. ${detail}`.trim(),
    category: 'provider_internal',
    retryable: false,
    charged: false,
  };
}
