/**
 * Seedance through BytePlus ModelArk (or Volcengine Ark, same wire format) behind the video
 * provider port (PROVIDERS.md §1): create, get, list and delete tasks under
 * `/contents/generations/tasks` with the project's Bearer key. Every request names its duration
 * (never the `-1` that lets 2.5 pick, and bill, up to 30 s) and the ratio the mode needs.
 *
 * The stored request holds Backlot's own pictures as `backlot-blob:SHA256` and is sent with each
 * turned into a data URI at the moment of sending, so the record stays small and exact; it never
 * holds the key. Ark takes no idempotency key: after a crash, `reconcile` lists the tasks created
 * since the take was requested and matches model, seed, duration and ratio.
 */
import type { BlobStore } from '../../../ports/blob-store.ts';
import type { GenerationSpec, MediaRef } from '../../../domain/generate/generation-spec.ts';
import {
  ProviderFailure,
  type AssetCredential,
  type CancelOutcome,
  type CommonStatus,
  type CompiledRequest,
  type HeldTasks,
  type ProviderError,
  type TaskSnapshot,
  type UsageEstimate,
  type VideoProviderAdapter,
} from '../../../ports/video-provider.ts';
import { outboundFetch, type OutboundPolicy, fetchProviderOutput } from '../outbound.ts';
import { ownMatch } from '../reconcile.ts';
import { createSeedanceAssetLibrary } from './seedance.assets.ts';
import { capabilitiesOf, findSeedanceModel, SEEDANCE_ASPECTS, SEEDANCE_MODELS, seedanceFrames, seedanceSize, seedanceTokens } from './seedance.models.ts';
import { asDataUri, blobMarker, fillPictures } from '../stored-pictures.ts';

/** The two hosts (§1.1). */
export const SEEDANCE_HOSTS = {
  byteplus: 'https://ark.ap-southeast.bytepluses.com/api/v3',
  volcengine: 'https://ark.cn-beijing.volces.com/api/v3',
} as const;

export interface SeedanceDeps {
  /** `…/api/v3` of the region (SEEDANCE_HOSTS), or a test server's. */
  baseUrl: string;
  /** Where Backlot's own reference pictures are read from. */
  blobs: BlobStore;
  outbound: OutboundPolicy;
  /** Largest output Backlot downloads; 2 GiB unless said. */
  maxOutputBytes?: number;
  /** The asset library's OpenAPI host and signing region (seedance.assets.ts); without it likenesses cannot be sent. */
  assets?: { url: string; region: string };
}

const TASKS = '/contents/generations/tasks';

/** The Ark task object (§1.4), as far as Backlot reads it. */
interface ArkTask {
  id: string;
  model?: string;
  status: string;
  error?: { code?: string; message?: string } | null;
  failure_reason?: string | null;
  content?: { video_url?: string; last_frame_url?: string } | null;
  usage?: { completion_tokens?: number; total_tokens?: number } | null;
  created_at?: number;
  seed?: number;
  duration?: number;
  ratio?: string;
  resolution?: string;
  draft?: boolean;
}

const STATUS: Record<string, CommonStatus> = { queued: 'queued', running: 'running', succeeded: 'succeeded', failed: 'failed', expired: 'failed', cancelled: 'canceled' };

/** How an Ark error code fails a take (§1.6, §9.3): moderation never retried, throttling retried, nothing failed billed. */
export function classifySeedanceError(code: string, message: string, httpStatus?: number): ProviderError {
  const base = { code, message, httpStatus };
  if (/SensitiveContentDetected/.test(code)) return { ...base, category: 'moderation', retryable: false, charged: false };
  if (code.startsWith('InvalidParameter') || code === 'MissingParameter') return { ...base, category: 'invalid_input', retryable: false, charged: false };
  if (code === 'AuthenticationError' || httpStatus === 401) return { ...base, category: 'auth', retryable: false, charged: false };
  if (code === 'AccountOverdueError' || code === 'AccessDenied' || httpStatus === 403) return { ...base, category: 'quota', retryable: false, charged: false };
  if (code.startsWith('RateLimitExceeded') || code === 'QuotaExceeded' || code === 'ServerOverloaded' || httpStatus === 429)
    return { ...base, category: 'rate_limit', retryable: true, charged: false };
  if (code === 'expired') return { ...base, category: 'expired', retryable: false, charged: false };
  if (httpStatus === 404 || code.startsWith('InvalidEndpoint')) return { ...base, category: 'invalid_input', retryable: false, charged: false };
  if (httpStatus !== undefined && httpStatus >= 500) return { ...base, category: 'provider_internal', retryable: true, charged: false };
  return { ...base, category: 'unknown', retryable: false, charged: 'unknown' };
}

/** Reads an answer's JSON; a body that is not JSON is a retryable provider fault naming what came. */
async function readJson<T>(res: Response, what: string): Promise<T> {
  const text = await res.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ProviderFailure({
      code: 'malformed_response',
      message: `${what} answered HTTP ${res.status} with a body that is not JSON (${JSON.stringify(text.slice(0, 80))})`,
      category: 'provider_internal',
      retryable: true,
      charged: 'unknown',
      httpStatus: res.status,
    });
  }
}

async function failureOf(res: Response, what: string): Promise<ProviderFailure> {
  const body = await readJson<{ error?: { code?: string; message?: string } }>(res, what).catch(() => ({ error: undefined }));
  const code = body.error?.code ?? `HTTP ${res.status}`;
  return new ProviderFailure(classifySeedanceError(code, body.error?.message ?? `${what} answered HTTP ${res.status}`, res.status));
}

/** When a signed output URL stops working (its `X-Tos-Expires`, seconds from signing), if it says. */
function expiryOf(url: string, signedAtSec: number | undefined): string | undefined {
  const ttl = Number(new URL(url).searchParams.get('X-Tos-Expires') ?? NaN);
  if (!Number.isFinite(ttl) || signedAtSec === undefined) return undefined;
  return new Date((signedAtSec + ttl) * 1000).toISOString();
}

function snapshotOf(task: ArkTask, updatedAt?: number): TaskSnapshot {
  const status = STATUS[task.status] ?? 'running';
  const videoUrl = task.content?.video_url;
  let error: ProviderError | undefined;
  if (task.status === 'failed') {
    const code = task.error?.code ?? task.failure_reason ?? 'failed';
    error = classifySeedanceError(code, task.error?.message ?? task.failure_reason ?? 'Seedance reported the task failed');
  } else if (task.status === 'expired') {
    error = classifySeedanceError('expired', 'Seedance did not finish the task before it expired (execution_expires_after)');
  }
  const tokens = task.usage?.completion_tokens ?? task.usage?.total_tokens;
  return {
    providerTaskId: task.id,
    status,
    providerStatus: task.status,
    outputs: status === 'succeeded' && videoUrl ? [{ url: videoUrl, mediaType: 'video', expiresAt: expiryOf(videoUrl, updatedAt) }] : [],
    error,
    usage: typeof tokens === 'number' ? { unit: 'tokens', quantity: tokens } : undefined,
    raw: task,
  };
}

/** What a take's request asks of the task, to recognise it in a list after a crash. */
interface Fingerprint {
  model: string;
  seed?: number;
  duration?: number;
  ratio?: string;
}

export type SeedanceProvider = VideoProviderAdapter & { withCredential(credential: string): VideoProviderAdapter };

export function createSeedanceProvider(deps: SeedanceDeps): SeedanceProvider {
  const base = deps.baseUrl.replace(/\/$/, '');
  const maxOutputBytes = deps.maxOutputBytes ?? 2 * 1024 ** 3;
  const models = SEEDANCE_MODELS.map(capabilitiesOf);

  /** The media of a spec as `content` items; Backlot's pictures as placeholders filled at send time. */
  function mediaUrl(ref: MediaRef): string {
    switch (ref.kind) {
      case 'url':
        return ref.url;
      case 'blob':
        return blobMarker(ref.sha256, ref.mediaType);
      case 'provider':
        return ref.ref.startsWith('asset://') ? ref.ref : `asset://${ref.ref}`;
      case 'bytes':
        return `data:${ref.mediaType};base64,${Buffer.from(ref.bytes).toString('base64')}`;
    }
  }

  /** The body with every placeholder replaced by the picture's bytes. */
  const filled = (body: unknown) => fillPictures(body, deps.blobs, asDataUri);

  function bound(credential: string | undefined): SeedanceProvider {
    const call = async (path: string, init: RequestInit = {}, signal?: AbortSignal) => {
      if (!credential) throw new ProviderFailure({ code: 'key.missing', message: 'no Seedance key was given for this call', category: 'auth', retryable: false, charged: false });
      return outboundFetch(
        `${base}${path}`,
        { ...init, signal, headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), authorization: `Bearer ${credential}` } },
        deps.outbound,
        'Seedance',
      );
    };

    async function getTask(id: string, signal?: AbortSignal): Promise<TaskSnapshot> {
      const res = await call(`${TASKS}/${encodeURIComponent(id)}`, {}, signal);
      if (!res.ok) throw await failureOf(res, 'Seedance');
      const task = await readJson<ArkTask & { updated_at?: number }>(res, 'Seedance');
      return snapshotOf(task, task.updated_at);
    }

    const adapter: SeedanceProvider = {
      provider: 'seedance',
      needsKey: true,
      models: () => models,
      withCredential: (c) => bound(c),
      ...(deps.assets ? { likenessAssets: (c: AssetCredential) => createSeedanceAssetLibrary({ ...deps.assets!, blobs: deps.blobs, outbound: deps.outbound }, c) } : {}),

      validate(spec) {
        const m = findSeedanceModel(spec.model);
        if (!m) return [{ field: 'model', problem: `Seedance has no model ${spec.model}` }];
        const problems: Array<{ field: string; problem: string }> = [];
        if (spec.durationSec === undefined) problems.push({ field: 'durationFrames', problem: 'Seedance needs an explicit duration (left out, 2.5 picks its own and bills for it)' });
        else if (!m.durations.includes(spec.durationSec))
          problems.push({ field: 'durationFrames', problem: `${m.label} renders ${m.durations[0]}–${m.durations.at(-1)} s, not ${spec.durationSec} s` });
        if (spec.resolution && !m.resolutions.includes(spec.resolution)) problems.push({ field: 'resolution', problem: `${m.label} renders ${m.resolutions.join(', ')}, not ${spec.resolution}` });
        if (spec.aspectRatio && !SEEDANCE_ASPECTS.includes(spec.aspectRatio))
          problems.push({ field: 'aspectRatio', problem: `Seedance renders ${SEEDANCE_ASPECTS.join(', ')}, not ${spec.aspectRatio}` });
        const refs = (spec.referenceImages?.length ?? 0) + (spec.referenceVideos?.length ?? 0) + (spec.referenceAudio?.length ?? 0);
        if ((spec.firstFrame || spec.lastFrame) && refs > 0) problems.push({ field: 'references', problem: 'Seedance takes first/last frames or reference media, not both in one request' });
        if (spec.lastFrame && !spec.firstFrame) problems.push({ field: 'references', problem: 'Seedance needs a first frame with a last frame' });
        if ((spec.referenceImages?.length ?? 0) > m.maxReferenceImages) problems.push({ field: 'references', problem: `${m.label} takes at most ${m.maxReferenceImages} reference images` });
        if (spec.generateAudio && !m.audio) problems.push({ field: 'generateAudio', problem: `${m.label} makes no sound` });
        if (spec.providerOptions?.draft === true && !m.draft) problems.push({ field: 'draft', problem: `${m.label} has no draft mode` });
        return problems;
      },

      async estimateUsage(spec): Promise<UsageEstimate> {
        const duration = spec.durationSec ?? 5;
        const frames = seedanceFrames(duration);
        const { width, height } = seedanceSize(spec.resolution ?? '720p', spec.aspectRatio ?? '16:9');
        const quantity = seedanceTokens(width, height, frames);
        return { unit: 'tokens', quantity, detail: `${width}×${height} × ${frames} frames ÷ 1024 = ${quantity.toLocaleString('en-US')} tokens` };
      },

      async compile(spec: GenerationSpec): Promise<CompiledRequest> {
        const m = findSeedanceModel(spec.model)!;
        const draftTaskId = spec.providerOptions?.draftTaskId;
        if (typeof draftTaskId === 'string') {
          // A final names its draft alone: Ark reuses the draft's prompt, inputs, duration, ratio and seed (§1.3.1).
          const body = { model: m.id, content: [{ type: 'draft_task', draft_task: { id: draftTaskId } }], resolution: spec.resolution ?? '1080p', watermark: false };
          return { method: 'POST', url: `${base}${TASKS}`, headers: { 'content-type': 'application/json' }, body, uploads: [] };
        }
        const content: unknown[] = [{ type: 'text', text: spec.prompt }];
        if (spec.firstFrame) content.push({ type: 'image_url', image_url: { url: mediaUrl(spec.firstFrame) }, role: 'first_frame' });
        if (spec.lastFrame) content.push({ type: 'image_url', image_url: { url: mediaUrl(spec.lastFrame) }, role: 'last_frame' });
        for (const r of spec.referenceImages ?? []) content.push({ type: 'image_url', image_url: { url: mediaUrl(r) }, role: 'reference_image' });
        for (const r of spec.referenceVideos ?? []) content.push({ type: 'video_url', video_url: { url: mediaUrl(r) }, role: 'reference_video' });
        for (const r of spec.referenceAudio ?? []) content.push({ type: 'audio_url', audio_url: { url: mediaUrl(r) }, role: 'reference_audio' });
        const frameTask = spec.firstFrame !== undefined;
        const body: Record<string, unknown> = {
          model: m.id,
          content,
          // 2.5 refuses anything but `adaptive` for a first/last-frame task (§1.3).
          ratio: frameTask && m.framesNeedAdaptiveRatio ? 'adaptive' : (spec.aspectRatio ?? '16:9'),
          resolution: spec.resolution ?? '720p',
          duration: spec.durationSec,
          watermark: false,
        };
        if (spec.seed !== undefined) body.seed = spec.seed;
        if (m.audio) body.generate_audio = spec.generateAudio ?? false;
        if (spec.providerOptions?.draft === true) {
          body.draft = true;
          body.resolution = '480p';
        }
        return { method: 'POST', url: `${base}${TASKS}`, headers: { 'content-type': 'application/json' }, body, uploads: [] };
      },

      async submit(req, opts) {
        const body = (await filled(req.body)) as Record<string, unknown>;
        if (opts.webhookUrl) body.callback_url = opts.webhookUrl;
        const res = await call(TASKS, { method: 'POST', body: JSON.stringify(body) }, opts.signal);
        if (!res.ok) throw await failureOf(res, 'Seedance');
        const created = await readJson<{ id?: string }>(res, 'Seedance');
        if (!created.id)
          throw new ProviderFailure({ code: 'malformed_response', message: 'Seedance accepted the task but named no task id', category: 'provider_internal', retryable: true, charged: 'unknown' });
        return { providerTaskId: created.id, status: 'queued', providerStatus: 'queued', outputs: [], raw: created };
      },

      async reconcile(_idempotencyKey, submittedAfter, request, held) {
        // Ark takes no idempotency key: recognise the task by what it echoes of the stored request.
        const body = request?.body as Partial<Fingerprint> | undefined;
        if (!body?.model || body.seed === undefined) return 'unknowable';
        return reconcileBy({ model: body.model, seed: body.seed, duration: body.duration, ratio: body.ratio }, submittedAfter, held);
      },

      poll: (id, signal) => getTask(id, signal),

      async cancel(id): Promise<CancelOutcome> {
        const res = await call(`${TASKS}/${encodeURIComponent(id)}`, { method: 'DELETE' });
        if (res.ok) return 'canceled';
        if (res.status === 400 || res.status === 409) {
          // A running task can be neither cancelled nor deleted: it finishes, and what it makes is kept hidden.
          const s = await getTask(id);
          return s.status === 'canceled' ? 'canceled' : s.status === 'running' ? 'cancel_requested' : 'too_late';
        }
        throw await failureOf(res, 'Seedance');
      },

      async fetchOutput(snapshot, index = 0) {
        return fetchProviderOutput(
          {
            label: 'Seedance',
            refresh: getTask,
            policy: deps.outbound,
            maxBytes: maxOutputBytes,
            expiredMessage: 'the Seedance video link expired and Seedance gave no fresh one; Seedance keeps outputs 24 hours',
          },
          snapshot,
          index,
        );
      },

      async settleUsage(snapshot, estimate) {
        return snapshot.usage ? { quantity: snapshot.usage.quantity, reported: true } : { quantity: estimate.quantity, reported: false };
      },

      async testConnection(credential, signal) {
        // Listing one task reads the account and spends nothing.
        const res = await outboundFetch(`${base}${TASKS}?page_num=1&page_size=1`, { signal, headers: { authorization: `Bearer ${credential}` } }, deps.outbound, 'Seedance');
        if (res.ok) return { ok: true, message: 'Seedance accepted the key' };
        const failure = await failureOf(res, 'Seedance');
        return { ok: false, message: `Seedance refused the key: ${failure.error.code} (HTTP ${res.status})` };
      },
    };

    /**
     * Tasks of the model created since the take was requested (a few seconds' clock difference
     * allowed) whose seed, duration and ratio are the request's: one is the take's task; none means
     * it never arrived; more than one cannot be told apart. Ark keeps 7 days of tasks (§1.2).
     */
    async function reconcileBy(fp: Fingerprint, since: Date, held?: HeldTasks): Promise<TaskSnapshot | 'none' | 'unknowable'> {
      const PAGE = 50;
      const sinceSec = Math.floor(since.getTime() / 1000) - 5;
      const matches: ArkTask[] = [];
      for (let page = 1; page <= 40; page++) {
        const res = await call(`${TASKS}?page_num=${page}&page_size=${PAGE}&filter.model=${encodeURIComponent(fp.model)}`);
        if (!res.ok) throw await failureOf(res, 'Seedance');
        const list = await readJson<{ total?: number; items?: ArkTask[] }>(res, 'Seedance');
        const items = list.items ?? [];
        for (const t of items) {
          if ((t.created_at ?? 0) < sinceSec || t.seed !== fp.seed) continue;
          if ((fp.duration !== undefined && t.duration !== undefined && t.duration !== fp.duration) || (fp.ratio !== undefined && t.ratio !== undefined && t.ratio !== fp.ratio)) continue;
          matches.push(t);
        }
        if (items.length < PAGE || page * PAGE >= (list.total ?? 0)) break;
      }
      return ownMatch(matches, snapshotOf, held);
    }

    return adapter;
  }

  return bound(undefined);
}
