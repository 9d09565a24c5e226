/**
 * Runway behind the video provider port (PROVIDERS.md §2), through the official `@runwayml/sdk`
 * (which sends `Authorization: Bearer` and `X-Runway-Version: 2024-11-06` on every request):
 * `image_to_video` (a start frame, and an end frame on Veo 3.1), `text_to_video` and
 * `video_to_video` (Aleph 2, the source as a reference video), then `GET /v1/tasks/{id}` until
 * `SUCCEEDED`, `FAILED` or `CANCELLED`. `THROTTLED` (accepted, waiting for a place in the account's
 * concurrency) is still queued. Runway has no webhooks: Backlot polls. `DELETE /v1/tasks/{id}`
 * cancels a pending, throttled or running task. Output URLs expire: a download refused as expired asks for the task again, which
 * answers fresh ones. The SDK's own retries are off: Backlot's worker retries (§9.3).
 *
 * Idempotency: Runway takes no idempotency key and lists no tasks (§2.1, §2.2), so reconciliation
 * relies on what this process saw: a create Runway answered with an error made no task (`none`);
 * otherwise (a timeout, an unreadable answer, a restart) it is `unknowable`, and the worker fails
 * the take rather than risk paying twice.
 *
 * The stored request holds Backlot's own pictures as `backlot-blob:SHA256:TYPE` placeholders, sent
 * as data URIs.
 */
import RunwayML, { APIConnectionError, APIConnectionTimeoutError, APIError } from '@runwayml/sdk';
import type { BlobStore } from '../../../ports/blob-store.ts';
import type { GenerationSpec } from '../../../domain/generate/generation-spec.ts';
import {
  ProviderFailure,
  type CancelOutcome,
  type CommonStatus,
  type CompiledRequest,
  type ProviderError,
  type TaskSnapshot,
  type UsageEstimate,
  type VideoProviderAdapter,
} from '../../../ports/video-provider.ts';
import { checkOutbound, type OutboundPolicy, fetchProviderOutput } from '../outbound.ts';
import { capabilitiesOf, findRunwayModel, RUNWAY_MODELS, runwayCredits, type RunwayEndpoint, type RunwayModel } from './runway.models.ts';
import { asDataUri, fillPictures, pictureRef } from '../stored-pictures.ts';

export const RUNWAY_HOST = 'https://api.dev.runwayml.com';

export interface RunwayDeps {
  baseUrl: string;
  blobs: BlobStore;
  outbound: OutboundPolicy;
  maxOutputBytes?: number;
}

const ENDPOINTS: readonly RunwayEndpoint[] = ['image_to_video', 'text_to_video', 'video_to_video'];

/** The task object (§2.4), as far as Backlot reads it. */
export interface RunwayTask {
  id: string;
  status: string;
  createdAt?: string;
  progress?: number;
  output?: string[];
  failure?: string;
  failureCode?: string;
}

const STATUS: Record<string, CommonStatus> = { PENDING: 'queued', THROTTLED: 'queued', RUNNING: 'running', SUCCEEDED: 'succeeded', FAILED: 'failed', CANCELLED: 'canceled' };

/** How a task's `failureCode` fails a take (§2.4, §9.3): safety never retried; bad output only with a changed request. */
export function classifyRunwayFailure(code: string | undefined, message: string): ProviderError {
  const c = code ?? 'FAILED';
  const base = { code: c, message };
  if (c.startsWith('SAFETY.') || c === 'INPUT_PREPROCESSING.SAFETY.TEXT') return { ...base, category: 'moderation', retryable: false, charged: 'unknown' };
  if (c.startsWith('INTERNAL.BAD_OUTPUT')) return { ...base, category: 'invalid_input', retryable: false, charged: 'unknown' };
  if (c === 'INPUT_PREPROCESSING.INTERNAL') return { ...base, category: 'provider_internal', retryable: false, charged: 'unknown' };
  return { ...base, category: 'unknown', retryable: false, charged: 'unknown' };
}

/** An HTTP refusal (§2.5): `{"error": "…"}` with a status. */
export function classifyRunwayHttp(status: number, message: string): ProviderError {
  const base = { message, httpStatus: status };
  if (status === 401) return { ...base, code: 'unauthorized', category: 'auth', retryable: false, charged: false };
  if (status === 403) return { ...base, code: 'forbidden', category: 'quota', retryable: false, charged: false };
  if (status === 429) return { ...base, code: 'rate_limited', category: 'rate_limit', retryable: true, charged: false };
  if (status >= 500) return { ...base, code: `HTTP ${status}`, category: 'provider_internal', retryable: true, charged: false };
  if (status === 404) return { ...base, code: 'not_found', category: 'invalid_input', retryable: false, charged: false };
  return { ...base, code: 'invalid_request', category: 'invalid_input', retryable: false, charged: false };
}

/** Any error out of the SDK as a ProviderFailure. */
function failureFrom(err: unknown): ProviderFailure {
  if (err instanceof ProviderFailure) return err;
  if (err instanceof APIConnectionTimeoutError) return new ProviderFailure({ code: 'timeout', message: 'Runway did not answer in time', category: 'timeout', retryable: true, charged: false });
  if (err instanceof APIConnectionError) {
    const cause = (err as Error & { cause?: unknown }).cause;
    if (cause instanceof ProviderFailure) return cause;
    return new ProviderFailure({
      code: 'network',
      message: `could not reach Runway: ${cause instanceof Error ? cause.message : err.message}`,
      category: 'provider_internal',
      retryable: true,
      charged: false,
    });
  }
  if (err instanceof APIError && err.status !== undefined) {
    const said = (err.error as { error?: unknown } | undefined)?.error;
    return new ProviderFailure(classifyRunwayHttp(err.status, typeof said === 'string' ? said : `Runway answered HTTP ${err.status}`));
  }
  // The SDK failing to read an answer (broken JSON) lands here.
  return new ProviderFailure({
    code: 'malformed_response',
    message: `Runway's answer could not be read (${err instanceof Error ? err.message : String(err)})`,
    category: 'provider_internal',
    retryable: true,
    charged: 'unknown',
  });
}

export function runwaySnapshot(task: RunwayTask): TaskSnapshot {
  const status = STATUS[task.status] ?? 'running';
  return {
    providerTaskId: task.id,
    status,
    providerStatus: task.status,
    progress: typeof task.progress === 'number' ? task.progress : undefined,
    outputs: status === 'succeeded' ? (task.output ?? []).map((url) => ({ url, mediaType: 'video' as const })) : [],
    error: task.status === 'FAILED' ? classifyRunwayFailure(task.failureCode, task.failure || 'Runway reported the task failed') : undefined,
    raw: task,
  };
}

/** 720p where the model renders it, else its first resolution. */
const defaultResolution = (m: RunwayModel) => (m.ratios['720p'] ? '720p' : (Object.keys(m.ratios)[0] as keyof RunwayModel['ratios']));

export type RunwayProvider = VideoProviderAdapter & { withCredential(credential: string): VideoProviderAdapter };

export function createRunwayProvider(deps: RunwayDeps): RunwayProvider {
  const maxOutputBytes = deps.maxOutputBytes ?? 2 * 1024 ** 3;
  const models = RUNWAY_MODELS.map(capabilitiesOf);
  /** Keys of takes whose last create Runway answered with a refusal: no task exists for them. */
  const refused = new Set<string>();

  const mediaOf = pictureRef;

  const filled = (body: unknown) => fillPictures(body, deps.blobs, asDataUri);

  function endpointOf(m: RunwayModel, spec: GenerationSpec): RunwayEndpoint {
    if (spec.referenceVideos?.length && m.videoToVideo) return 'video_to_video';
    return spec.firstFrame || spec.lastFrame || !m.textToVideo ? 'image_to_video' : 'text_to_video';
  }

  function client(credential: string) {
    return new RunwayML({
      apiKey: credential,
      baseURL: deps.baseUrl,
      maxRetries: 0,
      timeout: deps.outbound.timeoutMs,
      // Every address the SDK reaches passes Backlot's outbound policy first.
      fetch: async (url, init) => {
        await checkOutbound(String(url instanceof Request ? url.url : url), deps.outbound);
        return fetch(url, { ...init, redirect: 'error' });
      },
    });
  }

  function bound(credential: string | undefined): RunwayProvider {
    const sdk = credential ? client(credential) : undefined;
    const need = () => {
      if (!sdk) throw new ProviderFailure({ code: 'key.missing', message: 'no Runway key was given for this call', category: 'auth', retryable: false, charged: false });
      return sdk;
    };
    const getTask = async (id: string): Promise<TaskSnapshot> => {
      try {
        return runwaySnapshot((await need().tasks.retrieve(id)) as unknown as RunwayTask);
      } catch (err) {
        throw failureFrom(err);
      }
    };

    const adapter: RunwayProvider = {
      provider: 'runway',
      needsKey: true,
      models: () => models,
      withCredential: (c) => bound(c),

      validate(spec) {
        const m = findRunwayModel(spec.model);
        if (!m) return [{ field: 'model', problem: `Runway has no model ${spec.model}` }];
        const problems: Array<{ field: string; problem: string }> = [];
        const resolution = spec.resolution ?? defaultResolution(m);
        const ratios = m.ratios[resolution];
        if (!ratios) problems.push({ field: 'resolution', problem: `${m.label} renders ${Object.keys(m.ratios).join(', ')}, not ${resolution}` });
        else if (spec.aspectRatio && !ratios[spec.aspectRatio])
          problems.push({ field: 'aspectRatio', problem: `${m.label} renders ${Object.keys(ratios).join(', ')} at ${resolution}, not ${spec.aspectRatio}` });
        const endpoint = endpointOf(m, spec);
        if (endpoint === 'text_to_video' && m.textRatios && spec.aspectRatio && !m.textRatios.includes(spec.aspectRatio))
          problems.push({ field: 'aspectRatio', problem: `${m.label} renders ${m.textRatios.join(', ')} from words alone; give a start frame for ${spec.aspectRatio}` });
        if (!m.videoToVideo && spec.durationSec !== undefined && !m.durations.includes(spec.durationSec))
          problems.push({
            field: 'durationFrames',
            problem: `${m.label} renders ${m.durations.length > 3 ? `${m.durations[0]}–${m.durations.at(-1)}` : m.durations.join(', ')} s, not ${spec.durationSec} s`,
          });
        if (!m.textToVideo && !m.videoToVideo && !spec.firstFrame) problems.push({ field: 'references', problem: `${m.label} needs a start frame` });
        if (m.videoToVideo && !spec.referenceVideos?.length) problems.push({ field: 'references', problem: `${m.label} edits a video: give one as a reference` });
        if ((spec.referenceVideos?.length ?? 0) > (m.videoToVideo ? 1 : 0))
          problems.push({ field: 'references', problem: m.videoToVideo ? `${m.label} takes one video` : `${m.label} takes no reference video` });
        if (spec.lastFrame && !m.lastFrame) problems.push({ field: 'references', problem: `${m.label} takes no end frame` });
        if (spec.lastFrame && !spec.firstFrame) problems.push({ field: 'references', problem: 'Runway needs a start frame with an end frame' });
        const refs = spec.referenceImages?.length ?? 0;
        if (refs > (m.maxReferenceImages ?? 0))
          problems.push({ field: 'references', problem: m.maxReferenceImages ? `${m.label} takes at most ${m.maxReferenceImages} reference pictures` : `${m.label} takes no reference pictures` });
        if (refs > 0 && (spec.firstFrame || spec.lastFrame)) problems.push({ field: 'references', problem: `${m.label} takes start/end frames or reference pictures, not both in one request` });
        if (spec.generateAudio && !m.audio) problems.push({ field: 'generateAudio', problem: `${m.label} makes no sound` });
        if (spec.prompt.length > m.maxPromptChars) problems.push({ field: 'prompt', problem: `${m.label} takes at most ${m.maxPromptChars} characters of prompt, not ${spec.prompt.length}` });
        return problems;
      },

      async estimateUsage(spec): Promise<UsageEstimate> {
        const m = findRunwayModel(spec.model)!;
        const duration = spec.durationSec ?? m.durations[0];
        const credits = runwayCredits(m, duration, spec.generateAudio === true);
        // Without confirmed credits a second, the catalog prices the model per second of output.
        if (credits === undefined) return { unit: 'seconds', quantity: duration, detail: `${duration} s of ${m.label}, priced per second in the catalog (Runway's credits for it are not confirmed)` };
        const perSecond = credits / duration;
        return { unit: 'credits', quantity: credits, detail: `${duration} s at ${perSecond} credits a second = ${credits} credits` };
      },

      async compile(spec): Promise<CompiledRequest> {
        const m = findRunwayModel(spec.model)!;
        const endpoint = endpointOf(m, spec);
        const resolution = spec.resolution ?? defaultResolution(m);
        const ratio = m.ratios[resolution]?.[spec.aspectRatio ?? '16:9'];
        const body: Record<string, unknown> = { model: m.id };
        if (endpoint === 'video_to_video') {
          body.videoUri = mediaOf(spec.referenceVideos![0]);
          body.promptText = spec.prompt;
          if (spec.aspectRatio) body.targetAspectRatio = spec.aspectRatio;
        } else {
          if (endpoint === 'image_to_video') {
            const images = [];
            if (spec.firstFrame) images.push({ uri: mediaOf(spec.firstFrame), position: 'first' });
            if (spec.lastFrame) images.push({ uri: mediaOf(spec.lastFrame), position: 'last' });
            body.promptImage = images;
          }
          if (endpoint === 'text_to_video' && spec.referenceImages?.length) body.references = spec.referenceImages.map((r) => ({ uri: mediaOf(r) }));
          body.promptText = spec.prompt;
          body.ratio = ratio;
          body.duration = spec.durationSec ?? m.durations[0];
          if (m.audio) body.audio = spec.generateAudio === true;
          if (m.negativePrompt && spec.negativePrompt) body.negativePrompt = spec.negativePrompt;
        }
        if (m.seed && spec.seed !== undefined) body.seed = spec.seed;
        return { method: 'POST', url: `${deps.baseUrl.replace(/\/$/, '')}/v1/${endpoint}`, headers: { 'content-type': 'application/json', 'x-runway-version': '2024-11-06' }, body, uploads: [] };
      },

      async submit(req, opts) {
        const endpoint = ENDPOINTS.find((e) => req.url.endsWith(`/v1/${e}`)) ?? 'text_to_video';
        const body = (await filled(req.body)) as never;
        const runway = need();
        refused.delete(opts.idempotencyKey);
        try {
          const options = { signal: opts.signal };
          const created =
            endpoint === 'image_to_video'
              ? await runway.imageToVideo.create(body, options)
              : endpoint === 'video_to_video'
                ? await runway.videoToVideo.create(body, options)
                : await runway.textToVideo.create(body, options);
          if (!created?.id)
            throw new ProviderFailure({ code: 'malformed_response', message: 'Runway accepted the task but named no task id', category: 'provider_internal', retryable: true, charged: 'unknown' });
          return { providerTaskId: created.id, status: 'queued', providerStatus: 'PENDING', outputs: [], raw: created };
        } catch (err) {
          // Runway answered with an error status: it made no task for this request.
          if (err instanceof APIError && !(err instanceof APIConnectionError) && err.status !== undefined) refused.add(opts.idempotencyKey);
          throw failureFrom(err);
        }
      },

      async reconcile(idempotencyKey) {
        return refused.has(idempotencyKey) ? 'none' : 'unknowable';
      },

      poll: (id) => getTask(id),

      async cancel(id): Promise<CancelOutcome> {
        // DELETE stops a pending, throttled or running task (§2.2). It is sent at once, as Seedance's
        // is: asking first would leave the task running meanwhile. A task that ended in between is
        // deleted with its output; the take is canceled either way, as its producer asked.
        try {
          await need().tasks.delete(id);
        } catch (err) {
          const f = failureFrom(err);
          if (f.error.httpStatus === 404) return 'too_late';
          throw f;
        }
        return 'canceled';
      },

      async fetchOutput(snapshot, index = 0) {
        return fetchProviderOutput(
          {
            label: 'Runway',
            refresh: getTask,
            policy: deps.outbound,
            maxBytes: maxOutputBytes,
            staleStatuses: [401, 403, 404],
            expiredMessage: 'the Runway video link expired and Runway gave no fresh one',
          },
          snapshot,
          index,
        );
      },

      async settleUsage(_snapshot, estimate) {
        // Runway reports usage per day and model (POST /v1/organization/usage), not per task.
        return { quantity: estimate.quantity, reported: false };
      },

      async testConnection(c) {
        try {
          // Reading the organization (credits, tier) spends nothing.
          await client(c).organization.retrieve();
          return { ok: true, message: 'Runway accepted the key' };
        } catch (err) {
          const f = failureFrom(err);
          return { ok: false, message: `Runway refused the key: ${f.error.code}${f.error.httpStatus ? ` (HTTP ${f.error.httpStatus})` : ''}` };
        }
      },
    };
    return adapter;
  }

  return bound(undefined);
}
