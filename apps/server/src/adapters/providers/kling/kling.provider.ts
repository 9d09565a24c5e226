/**
 * Kling behind the video provider port (PROVIDERS.md §4), over REST (Kling has no official SDK):
 * `text2video`, `image2video` (start frame `image`, end frame `image_tail`) and `multi-image2video`
 * (1–4 pictures, Kling 1.6) under `/v1/videos/`, each request signed with a JWT minted from the
 * project's access and secret keys (kling.jwt.ts) and re-minted before it expires. Statuses
 * `submitted → processing → succeed | failed`; callbacks (`callback_url`) when Backlot has a public
 * address, each only a prompt to ask Kling again (they are unsigned).
 *
 * Idempotency: every request carries the take's own key as `external_task_id`, unique per Kling
 * account. After a crash `reconcile` lists the endpoint's recent tasks (`pageNum`/`pageSize`, ⚠ in
 * PROVIDERS.md §4.2) and looks for that `external_task_id` in each task's `task_info`.
 *
 * Kling has no cancel endpoint: a cancel is recorded as requested, and what the task makes is kept
 * hidden and settled. A task id is stored as `KIND/TASK_ID` (e.g. `image2video/8672…`), since Kling
 * is asked about a task under the endpoint that made it. The stored request holds Backlot's own
 * pictures as `backlot-blob:SHA256` placeholders, sent as raw base64 (Kling takes no `data:` prefix).
 */
import type { BlobStore } from '../../../ports/blob-store.ts';
import type { GenerationSpec, MediaRef } from '../../../domain/generate/generation-spec.ts';
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
import { outboundFetch, type OutboundPolicy, fetchProviderOutput } from '../outbound.ts';
import { klingTokenSource, parseKlingKey } from './kling.jwt.ts';
import { capabilitiesOf, findKlingModel, KLING_ASPECTS, KLING_MODELS, KLING_MODES, klingCredits, type KlingKind } from './kling.models.ts';
import { asBase64, BLOB_PREFIX, fillPictures } from '../stored-pictures.ts';

/** The global service (§4.1). */
export const KLING_HOST = 'https://api-singapore.klingai.com';

export interface KlingDeps {
  /** Kling's address (KLING_HOST), or a test server's. */
  baseUrl: string;
  blobs: BlobStore;
  outbound: OutboundPolicy;
  maxOutputBytes?: number;
}

const KINDS: readonly KlingKind[] = ['text2video', 'image2video', 'multi-image2video'];

/** The task object inside the envelope (§4.4), as far as Backlot reads it. */
export interface KlingTask {
  task_id: string;
  task_status: string;
  task_status_msg?: string;
  task_info?: { external_task_id?: string };
  task_result?: { videos?: Array<{ id?: string; url: string; duration?: string }> };
  created_at?: number;
  updated_at?: number;
  final_unit_deduction?: string | number;
}

interface Envelope<T> {
  code?: number;
  message?: string;
  request_id?: string;
  data?: T | null;
}

const STATUS: Record<string, CommonStatus> = { submitted: 'queued', processing: 'running', succeed: 'succeeded', failed: 'failed' };

/** How a Kling service code fails a take (§4.5, §9.3): content safety never retried, 1302/1303 retried later, failed tasks not billed. */
export function classifyKlingError(code: number | string, message: string, httpStatus?: number): ProviderError {
  const n = Number(code);
  const base = { code: String(code), message, httpStatus };
  if (n >= 1000 && n <= 1004) return { ...base, category: 'auth', retryable: false, charged: false };
  if (n >= 1100 && n <= 1103) return { ...base, category: 'quota', retryable: false, charged: false };
  if (n >= 1200 && n <= 1203) return { ...base, category: 'invalid_input', retryable: false, charged: false };
  if (n === 1300 || n === 1301) return { ...base, category: 'moderation', retryable: false, charged: false };
  if (n === 1302 || n === 1303) return { ...base, category: 'rate_limit', retryable: true, charged: false };
  if (n === 5002) return { ...base, category: 'timeout', retryable: true, charged: false };
  if ((n >= 5000 && n <= 5999) || (httpStatus !== undefined && httpStatus >= 500)) return { ...base, category: 'provider_internal', retryable: true, charged: false };
  if (httpStatus === 401) return { ...base, category: 'auth', retryable: false, charged: false };
  if (httpStatus === 429) return { ...base, category: 'rate_limit', retryable: true, charged: false };
  if (httpStatus === 404) return { ...base, category: 'invalid_input', retryable: false, charged: false };
  return { ...base, category: 'unknown', retryable: false, charged: 'unknown' };
}

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

async function failureOf(res: Response): Promise<ProviderFailure> {
  const body = await readJson<Envelope<unknown>>(res, 'Kling').catch(() => ({}) as Envelope<unknown>);
  return new ProviderFailure(classifyKlingError(body.code ?? `HTTP ${res.status}`, body.message ?? `Kling answered HTTP ${res.status}`, res.status));
}

/** The endpoint a stored task id names, and Kling's own id. */
function splitTaskId(id: string): { kind: KlingKind; taskId: string } {
  const at = id.indexOf('/');
  const kind = id.slice(0, at) as KlingKind;
  if (at <= 0 || !KINDS.includes(kind)) return { kind: 'text2video', taskId: id };
  return { kind, taskId: id.slice(at + 1) };
}

export function klingSnapshot(kind: KlingKind, task: KlingTask): TaskSnapshot {
  const status = STATUS[task.task_status] ?? 'running';
  const videos = status === 'succeeded' ? (task.task_result?.videos ?? []) : [];
  // Kling says why a task failed only in words (`task_status_msg`); failed tasks cost nothing (§4.6).
  const error =
    task.task_status === 'failed' ? { code: 'failed', message: task.task_status_msg || 'Kling reported the task failed', category: 'unknown' as const, retryable: false, charged: false } : undefined;
  const units = Number(task.final_unit_deduction ?? NaN);
  return {
    providerTaskId: `${kind}/${task.task_id}`,
    status,
    providerStatus: task.task_status,
    outputs: videos.map((v) => ({ url: v.url, mediaType: 'video' as const })),
    error,
    usage: Number.isFinite(units) ? { unit: 'credits', quantity: units } : undefined,
    raw: task,
  };
}

export type KlingProvider = VideoProviderAdapter & { withCredential(credential: string): VideoProviderAdapter };

export function createKlingProvider(deps: KlingDeps): KlingProvider {
  const base = deps.baseUrl.replace(/\/$/, '');
  const maxOutputBytes = deps.maxOutputBytes ?? 2 * 1024 ** 3;
  const models = KLING_MODELS.map(capabilitiesOf);

  /** A picture as Kling takes it: a URL, or raw base64; Backlot's own as a placeholder filled when sending. */
  function mediaOf(ref: MediaRef): string {
    switch (ref.kind) {
      case 'url':
        return ref.url;
      case 'blob':
        return `${BLOB_PREFIX}${ref.sha256}`;
      case 'bytes':
        return Buffer.from(ref.bytes).toString('base64');
      case 'provider':
        return ref.ref;
    }
  }

  const filled = (body: unknown) => fillPictures(body, deps.blobs, asBase64);

  function kindOf(spec: GenerationSpec): KlingKind {
    if (spec.referenceImages?.length) return 'multi-image2video';
    return spec.firstFrame || spec.lastFrame ? 'image2video' : 'text2video';
  }

  function bound(credential: string | undefined): KlingProvider {
    const parsed = credential === undefined ? undefined : parseKlingKey(credential);
    const token = parsed && 'accessKey' in parsed ? klingTokenSource(parsed.accessKey, parsed.secretKey) : undefined;

    const call = async (path: string, init: RequestInit = {}, signal?: AbortSignal) => {
      if (!parsed) throw new ProviderFailure({ code: 'key.missing', message: 'no Kling key was given for this call', category: 'auth', retryable: false, charged: false });
      if (!token)
        throw new ProviderFailure({ code: 'key.malformed', message: `the Kling key is not usable: ${(parsed as { problem: string }).problem}`, category: 'auth', retryable: false, charged: false });
      return outboundFetch(
        `${base}${path}`,
        { ...init, signal, headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), authorization: `Bearer ${token()}` } },
        deps.outbound,
        'Kling',
      );
    };

    async function getTask(id: string, signal?: AbortSignal): Promise<TaskSnapshot> {
      const { kind, taskId } = splitTaskId(id);
      const res = await call(`/v1/videos/${kind}/${encodeURIComponent(taskId)}`, {}, signal);
      if (!res.ok) throw await failureOf(res);
      const env = await readJson<Envelope<KlingTask>>(res, 'Kling');
      if (!env.data?.task_id)
        throw new ProviderFailure({ code: 'malformed_response', message: 'Kling answered a task query without the task', category: 'provider_internal', retryable: true, charged: 'unknown' });
      return klingSnapshot(kind, env.data);
    }

    const adapter: KlingProvider = {
      provider: 'kling',
      needsKey: true,
      models: () => models,
      withCredential: (c) => bound(c),

      validate(spec) {
        const m = findKlingModel(spec.model);
        if (!m) return [{ field: 'model', problem: `Kling has no model ${spec.model}` }];
        const problems: Array<{ field: string; problem: string }> = [];
        if (spec.durationSec !== undefined && !m.durations.includes(spec.durationSec))
          problems.push({
            field: 'durationFrames',
            problem: `${m.label} renders ${m.durations.length > 2 ? `${m.durations[0]}–${m.durations.at(-1)}` : m.durations.join(' or ')} s, not ${spec.durationSec} s`,
          });
        if (spec.resolution && !KLING_MODES[spec.resolution]) problems.push({ field: 'resolution', problem: `Kling renders 720p (std) or 1080p (pro), not ${spec.resolution}` });
        if (spec.aspectRatio && !KLING_ASPECTS.includes(spec.aspectRatio)) problems.push({ field: 'aspectRatio', problem: `Kling renders ${KLING_ASPECTS.join(', ')}, not ${spec.aspectRatio}` });
        const refs = spec.referenceImages?.length ?? 0;
        if (refs > 0 && (spec.firstFrame || spec.lastFrame)) problems.push({ field: 'references', problem: 'Kling takes start/end frames or reference pictures, not both in one request' });
        if (refs > m.maxReferenceImages)
          problems.push({ field: 'references', problem: m.maxReferenceImages ? `${m.label} takes at most ${m.maxReferenceImages} reference pictures` : `${m.label} takes no reference pictures` });
        if ((spec.referenceVideos?.length ?? 0) + (spec.referenceAudio?.length ?? 0) > 0) problems.push({ field: 'references', problem: `${m.label} takes no reference video or audio` });
        if (spec.generateAudio && !m.audio) problems.push({ field: 'generateAudio', problem: `${m.label} makes no sound` });
        if (spec.prompt.length > 2500) problems.push({ field: 'prompt', problem: `Kling takes at most 2500 characters of prompt, not ${spec.prompt.length}` });
        return problems;
      },

      async estimateUsage(spec): Promise<UsageEstimate> {
        const mode = KLING_MODES[spec.resolution ?? '720p'] ?? 'std';
        const duration = spec.durationSec ?? 5;
        const quantity = klingCredits(mode, duration);
        return { unit: 'credits', quantity, detail: `${mode} (${mode === 'pro' ? '1080p' : '720p'}), ${duration} s at ${mode === 'pro' ? 4 : 3} credits per 5 s = ${quantity} credits` };
      },

      async compile(spec): Promise<CompiledRequest> {
        const m = findKlingModel(spec.model)!;
        const kind = kindOf(spec);
        const body: Record<string, unknown> = { model_name: m.id, prompt: spec.prompt };
        if (spec.negativePrompt && m.negativePrompt) body.negative_prompt = spec.negativePrompt;
        if (kind === 'image2video') {
          if (spec.firstFrame) body.image = mediaOf(spec.firstFrame);
          if (spec.lastFrame) body.image_tail = mediaOf(spec.lastFrame);
        }
        if (kind === 'multi-image2video') body.image_list = spec.referenceImages!.map((r) => ({ image: mediaOf(r) }));
        body.mode = KLING_MODES[spec.resolution ?? '720p'] ?? 'std';
        // image2video takes its shape from the picture; the others are told it.
        if (kind !== 'image2video') body.aspect_ratio = spec.aspectRatio ?? '16:9';
        // Kling wants the duration as a string (§4.3).
        body.duration = String(spec.durationSec ?? 5);
        if (m.audio) body.sound = spec.generateAudio ? 'on' : 'off';
        return { method: 'POST', url: `${base}/v1/videos/${kind}`, headers: { 'content-type': 'application/json' }, body, uploads: [] };
      },

      async submit(req, opts) {
        const kind = KINDS.find((k) => req.url.endsWith(`/v1/videos/${k}`)) ?? 'text2video';
        const body = (await filled(req.body)) as Record<string, unknown>;
        body.external_task_id = opts.idempotencyKey;
        if (opts.webhookUrl) body.callback_url = opts.webhookUrl;
        const res = await call(`/v1/videos/${kind}`, { method: 'POST', body: JSON.stringify(body) }, opts.signal);
        if (!res.ok) throw await failureOf(res);
        const env = await readJson<Envelope<KlingTask>>(res, 'Kling');
        if (env.code !== 0 && env.code !== undefined) throw new ProviderFailure(classifyKlingError(env.code, env.message ?? 'Kling refused the task', res.status));
        if (!env.data?.task_id)
          throw new ProviderFailure({ code: 'malformed_response', message: 'Kling accepted the task but named no task id', category: 'provider_internal', retryable: true, charged: 'unknown' });
        return klingSnapshot(kind, env.data);
      },

      async reconcile(idempotencyKey, submittedAfter, request) {
        const kind = KINDS.find((k) => request?.url.endsWith(`/v1/videos/${k}`));
        if (!kind) return 'unknowable';
        const since = submittedAfter.getTime() - 5_000;
        const PAGE = 30;
        for (let page = 1; page <= 20; page++) {
          const res = await call(`/v1/videos/${kind}?pageNum=${page}&pageSize=${PAGE}`);
          if (!res.ok) throw await failureOf(res);
          const tasks = (await readJson<Envelope<KlingTask[]>>(res, 'Kling')).data ?? [];
          const found = tasks.find((t) => t.task_info?.external_task_id === idempotencyKey);
          if (found) return klingSnapshot(kind, found);
          // Newest first: once a page reaches back before the take was asked for, it is not there.
          if (tasks.length < PAGE || tasks.some((t) => (t.created_at ?? 0) < since)) return 'none';
        }
        return 'unknowable';
      },

      poll: (id, signal) => getTask(id, signal),

      async cancel(): Promise<CancelOutcome> {
        // No cancel endpoint (§4.2, §9.1): the task runs on; its output is kept hidden.
        return 'cancel_requested';
      },

      async fetchOutput(snapshot, index = 0) {
        return fetchProviderOutput(
          {
            label: 'Kling',
            refresh: getTask,
            policy: deps.outbound,
            maxBytes: maxOutputBytes,
            expiredMessage: 'the Kling video link expired and Kling gave no fresh one; Kling deletes outputs after 30 days',
          },
          snapshot,
          index,
        );
      },

      async settleUsage(snapshot, estimate) {
        return snapshot.usage ? { quantity: snapshot.usage.quantity, reported: true } : { quantity: estimate.quantity, reported: false };
      },

      async testConnection(c, signal) {
        const key = parseKlingKey(c);
        if ('problem' in key) return { ok: false, message: `Kling refused the key: ${key.problem}` };
        // Listing one task reads the account and spends nothing.
        const res = await outboundFetch(
          `${base}/v1/videos/text2video?pageNum=1&pageSize=1`,
          { signal, headers: { authorization: `Bearer ${klingTokenSource(key.accessKey, key.secretKey)()}` } },
          deps.outbound,
          'Kling',
        );
        if (res.ok) return { ok: true, message: 'Kling accepted the key' };
        const failure = await failureOf(res);
        return { ok: false, message: `Kling refused the key: code ${failure.error.code} (HTTP ${res.status})` };
      },
    };
    return adapter;
  }

  return bound(undefined);
}
