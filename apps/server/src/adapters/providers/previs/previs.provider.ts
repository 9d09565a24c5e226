/**
 * The built-in previs generator behind the video provider port: a local "provider" with the same
 * asynchronous lifecycle as a remote one. submit keeps the request on disk and returns at once;
 * renders run in this process (ffmpeg, at most `maxConcurrent` at a time), and poll reads their
 * state from disk, so a render cut off by a restart is resumed and a finished one never redone.
 */
import { createReadStream } from 'node:fs';
import { planPrevisRender } from '../../../domain/generate/previs.plan.ts';
import { withProgress } from '../../../domain/media/ffmpeg.plans.ts';
import type { BlobStore } from '../../../ports/blob-store.ts';
import type { CancelOutcome, CompiledRequest, ProviderError, TaskSnapshot, UsageEstimate, VideoProviderAdapter } from '../../../ports/video-provider.ts';
import { ProviderFailure } from '../../../ports/video-provider.ts';
import { lastLines, ProcessFailure, runProcess } from '../../media/process.runner.ts';
import { compilePrevisRequest, PREVIS_CAPABILITIES, readPrevisRequest, validatePrevisSpec } from './previs.request.ts';
import { createTaskFiles, isPrevisTaskId, previsTaskId, type TaskOnDisk } from './previs.tasks.ts';

export interface PrevisProviderDeps {
  ffmpegPath: string;
  /** Where tasks live (one folder each) and renders.log is kept. */
  workDir: string;
  /** Where the start and end pictures are read from. */
  blobs: BlobStore;
  /** A TrueType font for the slate and title card, e.g. /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf. */
  fontFile: string;
  /** Renders at once; 2 unless said (each ffmpeg uses two threads). */
  maxConcurrent?: number;
}

/** The previs adapter, plus `close` for shutdown: stops this process's renders without cancelling them, so the next process resumes them. */
export type PrevisProvider = VideoProviderAdapter & { close(): Promise<void> };

/** A render this process holds: waiting for a slot, running, or publishing its output. */
interface LiveRender {
  phase: 'waiting' | 'running' | 'publishing';
  progress: number;
  /** Aborted by cancel and by close; cancel also leaves the marker on disk. */
  controller: AbortController;
  done: Promise<void>;
}

function unknownTask(taskId: string): ProviderFailure {
  return new ProviderFailure({ code: 'previs.unknown_task', message: `There is no previs render ${taskId}.`, category: 'invalid_input', retryable: false, charged: false });
}

/** Creates the previs provider over a work folder. */
export function createPrevisProvider(deps: PrevisProviderDeps): PrevisProvider {
  const files = createTaskFiles(deps.workDir);
  const maxConcurrent = Math.max(1, deps.maxConcurrent ?? 2);
  const live = new Map<string, LiveRender>();
  const waiting: Array<() => void> = [];
  const canceling = new Set<string>();
  let running = 0;
  let closed = false;

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
    let partial: string | undefined;
    try {
      // A poll may have read the task as pending just before an earlier render finished it: never redo it.
      if ((await files.read(taskId)).state !== 'pending' || entry.controller.signal.aborted) return;
      entry.phase = 'running';
      const request = await files.readRequest(taskId);
      const picture = (name: 'start' | 'end', ref: { sha256: string } | null) => (ref ? files.copyPicture(taskId, name, () => deps.blobs.get(ref.sha256)).then((path) => ({ path })) : null);
      const [start, end] = await Promise.all([picture('start', request.start), picture('end', request.end)]);
      await files.removePartials(taskId);
      partial = files.newPartial(taskId);
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
      // No await between this check and the phase change: a cancel either lands before it or finds 'publishing'.
      if (entry.controller.signal.aborted) return;
      entry.phase = 'publishing';
      await files.publish(taskId, partial);
      partial = undefined;
    } catch (err) {
      // Cancelled, or stopped by close (the next process resumes it): neither is a failure.
      if (entry.controller.signal.aborted) return;
      await files.markFailed(taskId, renderError(err)).catch(() => undefined);
    } finally {
      if (partial) await files.removePartials(taskId).catch(() => undefined);
      release();
      live.delete(taskId);
    }
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

  /** The snapshot of a task from disk and this process's renders; restarts a pending task no render holds. */
  async function snapshotOf(taskId: string, disk: TaskOnDisk): Promise<TaskSnapshot> {
    const base = { providerTaskId: taskId, outputs: [], raw: { taskId } };
    switch (disk.state) {
      case 'missing':
        throw unknownTask(taskId);
      case 'succeeded':
        return { ...base, status: 'succeeded', providerStatus: 'done', progress: 1, outputs: [{ url: `previs://${taskId}/out.mp4`, mediaType: 'video' }], usage: { unit: 'generations', quantity: 1 } };
      case 'canceled':
        return { ...base, status: 'canceled', providerStatus: 'canceled' };
      case 'failed':
        return { ...base, status: 'failed', providerStatus: 'failed', error: disk.error };
      case 'pending': {
        if (canceling.has(taskId)) return { ...base, status: 'canceled', providerStatus: 'canceled' };
        if (closed) return { ...base, status: 'queued', providerStatus: 'waiting', progress: 0 };
        const entry = live.get(taskId) ?? ensureRender(taskId);
        if (entry.phase === 'waiting') return { ...base, status: 'queued', providerStatus: 'waiting', progress: 0 };
        return { ...base, status: 'running', providerStatus: 'rendering', progress: entry.progress };
      }
    }
  }

  async function snapshot(taskId: string): Promise<TaskSnapshot> {
    if (!isPrevisTaskId(taskId)) throw unknownTask(taskId);
    return snapshotOf(taskId, await files.read(taskId));
  }

  return {
    provider: 'previs',

    models: () => [PREVIS_CAPABILITIES],

    validate: validatePrevisSpec,

    async estimateUsage(): Promise<UsageEstimate> {
      return { unit: 'generations', quantity: 1, detail: '1 previs render (no cost)' };
    },

    async compile(spec) {
      return compilePrevisRequest(spec);
    },

    async submit(req: CompiledRequest, opts) {
      const request = readPrevisRequest(req);
      const taskId = previsTaskId(opts.idempotencyKey);
      await files.saveRequest(taskId, request);
      return snapshot(taskId);
    },

    async reconcile(idempotencyKey) {
      const taskId = previsTaskId(idempotencyKey);
      const disk = await files.read(taskId);
      return disk.state === 'missing' ? 'none' : snapshotOf(taskId, disk);
    },

    poll: (taskId) => snapshot(taskId),

    async cancel(taskId): Promise<CancelOutcome> {
      if (!isPrevisTaskId(taskId)) throw unknownTask(taskId);
      const disk = await files.read(taskId);
      if (disk.state === 'missing') throw unknownTask(taskId);
      if (disk.state === 'canceled') return 'canceled';
      if (disk.state !== 'pending') return 'too_late';
      const entry = live.get(taskId);
      if (entry?.phase === 'publishing') {
        await entry.done;
        return (await files.read(taskId)).state === 'succeeded' ? 'too_late' : 'canceled';
      }
      // Aborting is synchronous, so from here the render can no longer publish; until the marker is
      // on disk, `canceling` keeps polls from reading the task as pending and starting it again.
      entry?.controller.abort();
      canceling.add(taskId);
      try {
        await files.markCanceled(taskId);
      } finally {
        canceling.delete(taskId);
      }
      await entry?.done;
      return 'canceled';
    },

    async fetchOutput(snap) {
      const disk = await files.read(snap.providerTaskId);
      if (disk.state !== 'succeeded') throw unknownTask(snap.providerTaskId);
      return { body: createReadStream(files.output(snap.providerTaskId)), contentType: 'video/mp4', size: disk.size };
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
