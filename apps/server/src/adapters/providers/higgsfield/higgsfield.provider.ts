/**
 * Higgsfield behind the video provider port (PROVIDERS.md §5), through the official
 * `@higgsfield/client` (v2): `Authorization: Key <id>:<secret>`, the input object as the whole body
 * of `POST /{model path}`, and `?hf_webhook=<url>` when Backlot has a public address (the client
 * appends it). The client exposes only submitting (and polling to the end inside one call), so a
 * task's status (`GET /requests/{id}/status`) and cancel (`POST /requests/{id}/cancel`: 202 while
 * queued, 400 once started) are read over REST with the same header.
 *
 * Models: Higgsfield DoP image-to-video (`/v1/image2video/dop`, dop-lite / dop-turbo /
 * dop-standard), the only video inputs the client's types cover (§5.3): a start frame is required,
 * sent by URL. Backlot's own pictures are stored in the request as `backlot-blob:SHA256:TYPE` and,
 * when sending, uploaded through `POST /files/generate-upload-url` and a `PUT` of the bytes; the
 * request then names the public URL Higgsfield gave.
 *
 * Statuses (§9.1): queued → in_progress → completed | failed | nsfw (moderation, refunded) |
 * canceled. Idempotency: Higgsfield takes no client key and has no list (§5.4, §9), so `reconcile`
 * answers `unknowable`: after a create whose outcome Backlot cannot know, the take is failed rather
 * than sent twice. The client's own retries are off (the worker retries).
 */
import { APIError, AuthenticationError, BadInputError, createHiggsfieldClient, NotEnoughCreditsError, ValidationError, type HiggsfieldClient } from '@higgsfield/client/v2';
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
import type { ModelCapabilities } from '@backlot/contracts';
import { cappedBody, checkOutbound, outboundFetch, type OutboundPolicy } from '../outbound.ts';
import { BLOB_PREFIX, blobMarker, parseBlobMarker, readBlob } from '../stored-pictures.ts';

export const HIGGSFIELD_URL = 'https://platform.higgsfield.ai';

export interface HiggsfieldDeps {
  /** The API's base address (HIGGSFIELD_URL), or a test server's. */
  baseUrl: string;
  blobs: BlobStore;
  outbound: OutboundPolicy;
  maxOutputBytes?: number;
}

const DOP_PATH = '/v1/image2video/dop';

export const HIGGSFIELD_MODELS = [
  { id: 'dop-lite', label: 'Higgsfield DoP Lite' },
  { id: 'dop-turbo', label: 'Higgsfield DoP Turbo' },
  { id: 'dop-standard', label: 'Higgsfield DoP Standard' },
] as const;

const STATUS: Record<string, CommonStatus> = { queued: 'queued', in_progress: 'running', completed: 'succeeded', failed: 'failed', nsfw: 'failed', canceled: 'canceled' };

interface RequestStatus {
  status?: string;
  request_id?: string;
  status_url?: string;
  cancel_url?: string;
  video?: { url?: string } | null;
  images?: Array<{ url?: string }> | null;
  error?: string | null;
}

function capabilities(m: (typeof HIGGSFIELD_MODELS)[number]): ModelCapabilities {
  return {
    provider: 'higgsfield',
    model: m.id,
    label: m.label,
    // DoP takes no duration, ratio or resolution (§5.3): the clip follows the start frame.
    durationsSec: [5],
    aspectRatios: ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9'],
    resolutions: ['720p'],
    slots: [{ slot: 'firstFrame', roles: ['start-frame'], media: 'image', max: 1 }],
    audio: false,
    seed: true,
    negativePrompt: false,
    // Motion ids come from Higgsfield's motions list, not from the plan's moves.
    cameraControls: false,
    maxPromptChars: 2000,
    cancelRunning: false,
    available: true,
    // Credit-based, per model; no list price was found (§5.4): the operator enters one in the catalog.
    priceUnit: 'generations',
  };
}

/** HTTP refusals (§5.4): 401 credentials, 403 "Not enough credits" (402 on the agent API), 400/422 input, 429 throttling, ≥500 the provider. */
export function classifyHiggsfieldHttp(status: number, message: string): ProviderError {
  const base = { code: `HTTP ${status}`, message, httpStatus: status };
  if (status === 401) return { ...base, category: 'auth', retryable: false, charged: false };
  if (status === 402 || status === 403) return { ...base, category: 'quota', retryable: false, charged: false };
  if (status === 429) return { ...base, category: 'rate_limit', retryable: true, charged: false };
  if (status >= 500) return { ...base, category: 'provider_internal', retryable: true, charged: false };
  if (status >= 400) return { ...base, category: 'invalid_input', retryable: false, charged: false };
  return { ...base, category: 'unknown', retryable: false, charged: 'unknown' };
}

/** A failure the status reports (§9.3): `nsfw` is moderation, never retried, refunded. */
export function classifyHiggsfieldStatus(status: string, error: string | null | undefined): ProviderError | undefined {
  if (status === 'nsfw') return { code: 'nsfw', message: error ?? 'the content was rejected by moderation; credits were refunded', category: 'moderation', retryable: false, charged: false };
  if (status === 'failed') return { code: 'failed', message: error ?? 'Higgsfield reported the request failed', category: 'unknown', retryable: false, charged: 'unknown' };
  return undefined;
}

function detailText(detail: unknown): string {
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail))
    return detail.map((d) => (d && typeof d === 'object' ? `${((d as { loc?: unknown[] }).loc ?? []).join('.')}: ${(d as { msg?: string }).msg ?? ''}` : String(d))).join('; ');
  return 'no detail';
}

function snapshotOf(r: RequestStatus): TaskSnapshot {
  const state = r.status ?? 'queued';
  const status = STATUS[state] ?? 'running';
  const url = r.video?.url;
  return {
    providerTaskId: r.request_id ?? '',
    status,
    providerStatus: state,
    outputs: status === 'succeeded' && url ? [{ url, mediaType: 'video' }] : [],
    error: classifyHiggsfieldStatus(state, r.error),
    raw: r,
  };
}

const malformed = (detail: string) =>
  new ProviderFailure({
    code: 'malformed_response',
    message: `Higgsfield answered with a body that is not a request status (${detail})`,
    category: 'provider_internal',
    retryable: true,
    charged: 'unknown',
  });

/** A client error as a provider failure. */
function fromClient(err: unknown, timeoutMs: number): ProviderFailure {
  if (err instanceof ProviderFailure) return err;
  if (err instanceof AuthenticationError) return new ProviderFailure(classifyHiggsfieldHttp(401, `Higgsfield refused the credentials: ${err.message}`));
  if (err instanceof NotEnoughCreditsError) return new ProviderFailure(classifyHiggsfieldHttp(403, `Higgsfield answered: ${err.message}`));
  if (err instanceof ValidationError || err instanceof BadInputError) return new ProviderFailure(classifyHiggsfieldHttp(err.statusCode ?? 400, `Higgsfield refused the input: ${err.message}`));
  if (err instanceof APIError)
    return new ProviderFailure(
      classifyHiggsfieldHttp(err.statusCode ?? 500, `Higgsfield answered HTTP ${err.statusCode}: ${detailText((err.responseData as { detail?: unknown } | undefined)?.detail ?? err.message)}`),
    );
  const e = err as { code?: string; message?: string };
  if (e?.code === 'ECONNABORTED' || e?.code === 'ETIMEDOUT' || /timeout/i.test(e?.message ?? ''))
    return new ProviderFailure({ code: 'timeout', message: `Higgsfield did not answer within ${Math.round(timeoutMs / 1000)} s`, category: 'timeout', retryable: true, charged: false });
  return new ProviderFailure({ code: 'network', message: `could not reach Higgsfield: ${e?.message ?? String(err)}`, category: 'provider_internal', retryable: true, charged: false });
}

export type HiggsfieldProvider = VideoProviderAdapter & { withCredential(credential: string): VideoProviderAdapter };

export function createHiggsfieldProvider(deps: HiggsfieldDeps): HiggsfieldProvider {
  const base = deps.baseUrl.replace(/\/$/, '');
  const maxOutputBytes = deps.maxOutputBytes ?? 2 * 1024 ** 3;
  const models = HIGGSFIELD_MODELS.map(capabilities);
  const find = (id: string) => HIGGSFIELD_MODELS.find((m) => m.id === id);

  function imageUrl(ref: MediaRef): string {
    switch (ref.kind) {
      case 'url':
        return ref.url;
      case 'blob':
        return blobMarker(ref.sha256, ref.mediaType);
      default:
        throw new ProviderFailure({ code: 'input.unsupported', message: 'Higgsfield takes pictures by URL (Backlot uploads its own)', category: 'invalid_input', retryable: false, charged: false });
    }
  }

  function bound(credential: string | undefined): HiggsfieldProvider {
    const key = () => {
      if (!credential || !/^[^:\s]+:[^:\s]+$/.test(credential))
        throw new ProviderFailure({ code: 'key.missing', message: 'no Higgsfield key (KEY_ID:KEY_SECRET) was given for this call', category: 'auth', retryable: false, charged: false });
      return credential;
    };
    let client: HiggsfieldClient | undefined;
    const sdk = () => (client ??= createHiggsfieldClient({ credentials: key(), baseURL: base, maxRetries: 0, timeout: deps.outbound.timeoutMs }));

    /** REST with the client's header, for what the client does not expose. */
    async function rest(path: string, init: RequestInit = {}, signal?: AbortSignal): Promise<Response> {
      return outboundFetch(
        `${base}${path}`,
        { ...init, signal, headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), authorization: `Key ${key()}` } },
        deps.outbound,
        'Higgsfield',
      );
    }

    async function failureOf(res: Response): Promise<ProviderFailure> {
      const body = (await res.json().catch(() => null)) as { detail?: unknown } | null;
      return new ProviderFailure(classifyHiggsfieldHttp(res.status, `Higgsfield answered HTTP ${res.status}: ${detailText(body?.detail)}`));
    }

    async function poll(id: string, signal?: AbortSignal): Promise<TaskSnapshot> {
      const res = await rest(`/requests/${encodeURIComponent(id)}/status`, {}, signal);
      if (!res.ok) throw await failureOf(res);
      const body = (await res.json().catch(() => null)) as RequestStatus | null;
      if (!body?.status) throw malformed(`HTTP ${res.status}`);
      return snapshotOf({ request_id: id, ...body });
    }

    /** Uploads one of Backlot's pictures and answers the public URL Higgsfield gave for it. */
    async function upload(placeholder: string, signal?: AbortSignal): Promise<string> {
      const { sha256, mediaType = 'application/octet-stream' } = parseBlobMarker(placeholder);
      const res = await rest('/files/generate-upload-url', { method: 'POST', body: JSON.stringify({ content_type: mediaType }) }, signal);
      if (!res.ok) throw await failureOf(res);
      const target = (await res.json().catch(() => null)) as { upload_url?: string; public_url?: string } | null;
      if (!target?.upload_url || !target.public_url) throw malformed('no upload_url');
      const put = await outboundFetch(
        target.upload_url,
        { method: 'PUT', body: await readBlob(deps.blobs, sha256), headers: { 'content-type': mediaType }, signal },
        deps.outbound,
        'Higgsfield file storage',
      );
      await put.body?.cancel();
      if (!put.ok)
        throw new ProviderFailure({
          code: `HTTP ${put.status}`,
          message: `Higgsfield's file storage refused the picture (HTTP ${put.status})`,
          category: 'provider_internal',
          retryable: put.status >= 500,
          charged: false,
          httpStatus: put.status,
        });
      return target.public_url;
    }

    const adapter: HiggsfieldProvider = {
      provider: 'higgsfield',
      needsKey: true,
      models: () => models,
      withCredential: (c) => bound(c),

      validate(spec) {
        const m = find(spec.model);
        if (!m) return [{ field: 'model', problem: `Higgsfield has no model ${spec.model}` }];
        const problems: Array<{ field: string; problem: string }> = [];
        if (!spec.firstFrame) problems.push({ field: 'references', problem: `${m.label} animates a start frame: give the shot a start-frame reference` });
        else if (spec.firstFrame.kind !== 'url' && spec.firstFrame.kind !== 'blob') problems.push({ field: 'references', problem: `${m.label} takes its start frame as a picture` });
        if (spec.lastFrame) problems.push({ field: 'references', problem: `${m.label} takes no end frame` });
        if (spec.referenceImages?.length || spec.referenceVideos?.length || spec.referenceAudio?.length)
          problems.push({ field: 'references', problem: `${m.label} takes a start frame only, no other reference media` });
        if (spec.generateAudio) problems.push({ field: 'generateAudio', problem: `${m.label} makes no sound` });
        return problems;
      },

      async estimateUsage(spec): Promise<UsageEstimate> {
        return { unit: 'generations', quantity: 1, detail: `one ${find(spec.model)?.label ?? 'Higgsfield'} generation` };
      },

      async compile(spec: GenerationSpec): Promise<CompiledRequest> {
        const body: Record<string, unknown> = { model: spec.model, prompt: spec.prompt, input_images: spec.firstFrame ? [{ type: 'image_url', image_url: imageUrl(spec.firstFrame) }] : [] };
        // Motions by the ids GET /v1/motions lists (`providerOptions.motions`); the plan's move stays in the prompt's words.
        const motions = Array.isArray(spec.providerOptions?.motions)
          ? spec.providerOptions.motions.filter(
              (x): x is { id: string; strength: number } => typeof (x as { id?: unknown })?.id === 'string' && typeof (x as { strength?: unknown }).strength === 'number',
            )
          : [];
        if (motions.length) body.motions = motions.map(({ id, strength }) => ({ id, strength }));
        if (spec.seed !== undefined) body.seed = spec.seed;
        return { method: 'POST', url: `${base}${DOP_PATH}`, headers: { 'content-type': 'application/json' }, body, uploads: [] };
      },

      async submit(req, opts) {
        const input = structuredClone(req.body) as { input_images?: Array<{ image_url: string }> } & Record<string, unknown>;
        for (const img of input.input_images ?? []) if (img.image_url.startsWith(BLOB_PREFIX)) img.image_url = await upload(img.image_url, opts.signal);
        const path = new URL(req.url).pathname;
        await checkOutbound(`${base}${path}`, deps.outbound);
        let created: RequestStatus;
        try {
          created = (await sdk().subscribe(path, { input, withPolling: false, ...(opts.webhookUrl ? { webhook: { url: opts.webhookUrl, secret: '' } } : {}) })) as RequestStatus;
        } catch (err) {
          throw fromClient(err, deps.outbound.timeoutMs);
        }
        if (!created || typeof created !== 'object' || !created.request_id) throw malformed(typeof created === 'string' ? JSON.stringify(String(created).slice(0, 40)) : 'no request_id');
        return snapshotOf(created);
      },

      async reconcile() {
        return 'unknowable';
      },

      poll,

      async cancel(id): Promise<CancelOutcome> {
        const res = await rest(`/requests/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
        await res.body?.cancel();
        if (res.status === 202 || res.ok) return 'canceled';
        // 400 once processing has started (§5.2): it finishes; what it makes is kept hidden.
        if (res.status === 400) return 'too_late';
        throw new ProviderFailure(classifyHiggsfieldHttp(res.status, `Higgsfield answered HTTP ${res.status} to the cancel`));
      },

      async fetchOutput(snapshot, index = 0) {
        const out = snapshot.outputs[index];
        if (!out) throw new ProviderFailure({ code: 'output.missing', message: 'Higgsfield reported success but named no video', category: 'provider_internal', retryable: false, charged: 'unknown' });
        const res = await outboundFetch(out.url, {}, deps.outbound, 'Higgsfield output storage');
        if (res.ok)
          return {
            body: cappedBody(res, maxOutputBytes, 'the Higgsfield video'),
            contentType: res.headers.get('content-type') ?? 'video/mp4',
            size: Number(res.headers.get('content-length') ?? NaN) || undefined,
          };
        await res.body?.cancel();
        throw new ProviderFailure({
          code: `HTTP ${res.status}`,
          message: `the Higgsfield video could not be downloaded (HTTP ${res.status})`,
          category: res.status === 403 || res.status === 404 ? 'expired' : 'provider_internal',
          retryable: res.status >= 500,
          charged: 'unknown',
          httpStatus: res.status,
        });
      },

      async settleUsage(_snapshot, estimate) {
        return { quantity: estimate.quantity, reported: false };
      },

      async testConnection(secret, signal) {
        // Reading the status of a request that does not exist spends nothing: 404 means the key was accepted.
        const res = await outboundFetch(`${base}/requests/00000000-0000-0000-0000-000000000000/status`, { signal, headers: { authorization: `Key ${secret}` } }, deps.outbound, 'Higgsfield');
        await res.body?.cancel();
        if (res.status === 404 || res.ok) return { ok: true, message: 'Higgsfield accepted the key' };
        return { ok: false, message: res.status === 401 ? 'Higgsfield refused the key (HTTP 401); it is KEY_ID:KEY_SECRET' : `Higgsfield answered HTTP ${res.status}` };
      },
    };
    return adapter;
  }

  return bound(undefined);
}
