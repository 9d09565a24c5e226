/**
 * Luma behind the video provider port (PROVIDERS.md §3), one adapter for both of its APIs:
 *
 * - ray-2 and ray-flash-2 through the official `lumaai` SDK on the Dream Machine API (§3.1):
 *   `POST …/dream-machine/v1/generations/video`, `GET …/generations/{id}`, the list for reconciling.
 *   Start and end frames are `keyframes.frame0/frame1`, each a picture by public URL or a previous
 *   Luma generation (`{type:"generation", id}`: extending or interpolating an earlier take). `loop`
 *   and camera `concepts` (keys from Luma's concepts list) are sent where asked. Callbacks (`callback_url`) when Backlot has a public
 *   address; they are unsigned, so the worker only takes them as a reason to poll.
 * - ray-3.2 over REST on the Luma Agents API (§3.2), which the SDK lacks: `POST /v1/generations`,
 *   `GET /v1/generations/{id}`. Pictures may travel inline (`{data, media_type}`): the stored request
 *   names Backlot's own pictures as `backlot-blob:SHA256:TYPE` and they are filled in when sending.
 *   Its task ids are stored as `agents:<id>` so a poll knows which API to ask.
 *
 * Idempotency: neither API takes a client key. Dream Machine: `reconcile` lists the generations
 * created since the take was requested and matches the request Luma echoes back (model, prompt,
 * ratio, duration, resolution, loop, keyframes); one match is the take's, several cannot be told
 * apart. The Agents API has no list: `reconcile` answers `unknowable` and the take is not sent again.
 * Neither API cancels (§9.1): `cancel` answers `unsupported`, so the take finishes hidden.
 * The SDK's own retries are off: the worker retries (§9, "don't stack retries").
 */
import LumaAI from 'lumaai';
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
import { checkOutbound, outboundFetch, type OutboundPolicy, fetchProviderOutput } from '../outbound.ts';
import { ownMatch } from '../reconcile.ts';
import { findLumaModel, LUMA_MODELS, lumaCapabilities, ray3Units } from './luma.models.ts';
import { asBase64, BLOB_PREFIX, fillPictures } from '../stored-pictures.ts';

export const LUMA_HOSTS = {
  dreamMachine: 'https://api.lumalabs.ai/dream-machine/v1',
  agents: 'https://agents.lumalabs.ai/v1',
} as const;

export interface LumaDeps {
  /** `…/dream-machine/v1` (LUMA_HOSTS.dreamMachine), or a test server's. */
  dreamMachineUrl: string;
  /** `…/v1` of the Agents API (LUMA_HOSTS.agents), or a test server's. */
  agentsUrl: string;
  blobs: BlobStore;
  outbound: OutboundPolicy;
  maxOutputBytes?: number;
}

const AGENTS_PREFIX = 'agents:';

/** The Dream Machine generation object (§3.1), as far as Backlot reads it. */
interface DreamGeneration {
  id?: string;
  state?: string;
  failure_reason?: string | null;
  created_at?: string;
  model?: string;
  assets?: { video?: string | null } | null;
  request?: Record<string, unknown> | null;
}

/** The Agents API generation object (§3.2). */
interface AgentsGeneration {
  id?: string;
  state?: string;
  output?: Array<{ type?: string; url?: string }> | null;
  failure_code?: string | null;
  failure_reason?: string | null;
}

const DREAM_STATUS: Record<string, CommonStatus> = { queued: 'queued', dreaming: 'running', completed: 'succeeded', failed: 'failed' };
const AGENTS_STATUS: Record<string, CommonStatus> = { queued: 'queued', processing: 'running', completed: 'succeeded', failed: 'failed' };

/** How an HTTP refusal fails a take (the SDK's status mapping, §3.1): throttling and server faults may pass unchanged later; nothing refused is billed. */
export function classifyLumaHttp(status: number, message: string): ProviderError {
  const base = { code: `HTTP ${status}`, message, httpStatus: status };
  if (status === 401) return { ...base, category: 'auth', retryable: false, charged: false };
  if (status === 402 || status === 403) return { ...base, category: 'quota', retryable: false, charged: false };
  if (status === 429) return { ...base, category: 'rate_limit', retryable: true, charged: false };
  if (status >= 500) return { ...base, category: 'provider_internal', retryable: true, charged: false };
  if (status >= 400) return { ...base, category: 'invalid_input', retryable: false, charged: false };
  return { ...base, category: 'unknown', retryable: false, charged: 'unknown' };
}

/** How an Agents API `failure_code` fails a take (§3.2, §9.3): moderation never retried, its billing unknown. */
export function classifyLumaAgentsFailure(code: string, message: string): ProviderError {
  const base = { code, message };
  switch (code) {
    case 'content_moderated':
      return { ...base, category: 'moderation', retryable: false, charged: 'unknown' };
    case 'rate_limited':
      return { ...base, category: 'rate_limit', retryable: true, charged: false };
    case 'budget_exhausted':
      return { ...base, category: 'quota', retryable: false, charged: false };
    case 'image_too_large':
    case 'unsupported_format':
    case 'corrupt_input':
    case 'invalid_request':
      return { ...base, category: 'invalid_input', retryable: false, charged: false };
    case 'generation_failed':
    case 'output_not_found':
      return { ...base, category: 'provider_internal', retryable: true, charged: 'unknown' };
    default:
      return { ...base, category: 'unknown', retryable: false, charged: 'unknown' };
  }
}

/** A message out of an error body: FastAPI's `detail` (string or list) when present, else the status. */
function detailOf(body: unknown, fallback: string): string {
  const d = (body as { detail?: unknown } | null)?.detail;
  if (typeof d === 'string') return d;
  if (Array.isArray(d)) return d.map((x) => (x && typeof x === 'object' && 'msg' in x ? String((x as { msg: unknown }).msg) : String(x))).join('; ');
  return fallback;
}

const malformed = (what: string, detail: string) =>
  new ProviderFailure({ code: 'malformed_response', message: `${what} answered with a body that is not JSON (${detail})`, category: 'provider_internal', retryable: true, charged: 'unknown' });

/** An SDK error as a provider failure. */
function fromSdk(err: unknown, timeoutMs: number): ProviderFailure {
  if (err instanceof ProviderFailure) return err;
  if (err instanceof LumaAI.APIConnectionTimeoutError)
    return new ProviderFailure({ code: 'timeout', message: `Luma did not answer within ${Math.round(timeoutMs / 1000)} s`, category: 'timeout', retryable: true, charged: false });
  if (err instanceof LumaAI.APIConnectionError) {
    const cause = (err as { cause?: unknown }).cause;
    if (cause instanceof ProviderFailure) return cause;
    return new ProviderFailure({
      code: 'network',
      message: `could not reach Luma: ${cause instanceof Error ? cause.message : err.message}`,
      category: 'provider_internal',
      retryable: true,
      charged: false,
    });
  }
  if (err instanceof LumaAI.APIError && err.status !== undefined) return new ProviderFailure(classifyLumaHttp(err.status, `Luma answered HTTP ${err.status}: ${detailOf(err.error, err.message)}`));
  if (err instanceof SyntaxError) return malformed('Luma', err.message.slice(0, 80));
  return new ProviderFailure({
    code: 'internal',
    message: `the Luma client failed: ${err instanceof Error ? err.message : String(err)}`,
    category: 'provider_internal',
    retryable: true,
    charged: 'unknown',
  });
}

/** When a presigned output URL stops working (`X-Amz-Date` + `X-Amz-Expires`), where it says. */
function amzExpiry(url: string): string | undefined {
  const u = new URL(url);
  const ttl = Number(u.searchParams.get('X-Amz-Expires') ?? NaN);
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(u.searchParams.get('X-Amz-Date') ?? '');
  if (!Number.isFinite(ttl) || !date) return undefined;
  const [, y, mo, d, h, mi, s] = date;
  return new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) + ttl * 1000).toISOString();
}

function dreamSnapshot(g: DreamGeneration): TaskSnapshot {
  const state = g.state ?? 'queued';
  const status = DREAM_STATUS[state] ?? 'running';
  const video = g.assets?.video ?? undefined;
  return {
    providerTaskId: g.id ?? '',
    status,
    providerStatus: state,
    outputs: status === 'succeeded' && video ? [{ url: video, mediaType: 'video', expiresAt: amzExpiry(video) }] : [],
    // Dream Machine reports a failure in words only, with no code (§3.1): nothing to classify but that.
    error: status === 'failed' ? { code: 'failed', message: g.failure_reason ?? 'Luma reported the generation failed', category: 'unknown', retryable: false, charged: 'unknown' } : undefined,
    raw: g,
  };
}

function agentsSnapshot(g: AgentsGeneration): TaskSnapshot {
  const state = g.state ?? 'queued';
  const status = AGENTS_STATUS[state] ?? 'running';
  const video = g.output?.find((o) => o.type === 'video')?.url;
  return {
    providerTaskId: `${AGENTS_PREFIX}${g.id ?? ''}`,
    status,
    providerStatus: state,
    outputs: status === 'succeeded' && video ? [{ url: video, mediaType: 'video', expiresAt: amzExpiry(video) }] : [],
    error: status === 'failed' ? classifyLumaAgentsFailure(g.failure_code ?? 'failed', g.failure_reason ?? `Luma reported the generation failed (${g.failure_code ?? 'no code'})`) : undefined,
    raw: g,
  };
}

/** The fields of a Dream Machine request that Luma echoes back, to recognise the generation after a crash. */
const ECHOED = ['model', 'prompt', 'aspect_ratio', 'duration', 'resolution', 'loop', 'keyframes', 'concepts'] as const;

function sameRequest(sent: Record<string, unknown>, echoed: Record<string, unknown> | null | undefined): boolean {
  if (!echoed) return false;
  const norm = (v: unknown) =>
    JSON.stringify(v ?? null, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));
  return ECHOED.every((k) => norm(sent[k]) === norm(echoed[k]));
}

/** A stored Luma key's parts: the Dream Machine key, and the Agents API key when the crew has a separate one. */
function splitLumaKey(stored: string): [string, string | undefined] {
  const [dm, agents] = stored.trim().split(':');
  return [dm ?? '', agents || undefined];
}

export type LumaProvider = VideoProviderAdapter & { withCredential(credential: string): VideoProviderAdapter };

export function createLumaProvider(deps: LumaDeps): LumaProvider {
  const dmBase = deps.dreamMachineUrl.replace(/\/$/, '');
  const agentsBase = deps.agentsUrl.replace(/\/$/, '');
  const maxOutputBytes = deps.maxOutputBytes ?? 2 * 1024 ** 3;
  const models = LUMA_MODELS.map(lumaCapabilities);

  /** A Dream Machine keyframe: a picture by public URL, or an earlier Luma generation. */
  function dreamFrame(ref: MediaRef): Record<string, unknown> {
    if (ref.kind === 'provider') return { type: 'generation', id: ref.ref };
    if (ref.kind === 'url') return { type: 'image', url: ref.url };
    throw new ProviderFailure({ code: 'input.not_a_url', message: 'Luma Dream Machine takes pictures by public URL only', category: 'invalid_input', retryable: false, charged: false });
  }

  /** An Agents API ImageRef: by URL, inline, or an earlier generation. */
  function agentsRef(ref: MediaRef): Record<string, unknown> {
    switch (ref.kind) {
      case 'url':
        return { url: ref.url };
      case 'provider':
        return { generation_id: ref.ref.startsWith(AGENTS_PREFIX) ? ref.ref.slice(AGENTS_PREFIX.length) : ref.ref };
      case 'blob':
        return { data: `${BLOB_PREFIX}${ref.sha256}`, media_type: ref.mediaType };
      case 'bytes':
        return { data: Buffer.from(ref.bytes).toString('base64'), media_type: ref.mediaType };
    }
  }

  const filled = (body: unknown) => fillPictures(body, deps.blobs, asBase64);

  function bound(credential: string | undefined): LumaProvider {
    /**
     * The key for one API. Luma issues Dream Machine and Agents keys separately: the stored key may
     * hold both as `DREAM_MACHINE_KEY:AGENTS_KEY`; one key alone is used for both.
     */
    const key = (api: 'dream-machine' | 'agents' = 'dream-machine') => {
      const [dm, agentsKey] = splitLumaKey(credential ?? '');
      if (!dm) throw new ProviderFailure({ code: 'key.missing', message: 'no Luma key was given for this call', category: 'auth', retryable: false, charged: false });
      return api === 'agents' ? (agentsKey ?? dm) : dm;
    };
    let sdk: LumaAI | undefined;
    /** The official client, pointed at the configured address, checked against the outbound policy, without retries of its own. */
    const client = () =>
      (sdk ??= new LumaAI({
        authToken: key(),
        baseURL: dmBase,
        maxRetries: 0,
        timeout: deps.outbound.timeoutMs,
        fetch: async (url, init) => {
          await checkOutbound(String(url), deps.outbound);
          return fetch(url as string, init as RequestInit);
        },
      }));
    const sdkCall = async <T>(run: (c: LumaAI) => Promise<T>): Promise<T> => {
      try {
        return await run(client());
      } catch (err) {
        throw fromSdk(err, deps.outbound.timeoutMs);
      }
    };

    /** The Agents API over REST: Bearer key, JSON, FastAPI-style errors. */
    async function agents<T>(path: string, init: RequestInit = {}, signal?: AbortSignal): Promise<T> {
      const res = await outboundFetch(
        `${agentsBase}${path}`,
        { ...init, signal, headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), authorization: `Bearer ${key('agents')}` } },
        deps.outbound,
        'Luma',
      );
      const text = await res.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        if (res.ok) throw malformed('Luma', JSON.stringify(text.slice(0, 80)));
        body = null;
      }
      if (!res.ok) throw new ProviderFailure(classifyLumaHttp(res.status, `Luma answered HTTP ${res.status}: ${detailOf(body, 'no detail')}`));
      return body as T;
    }

    async function poll(id: string, signal?: AbortSignal): Promise<TaskSnapshot> {
      if (id.startsWith(AGENTS_PREFIX)) return agentsSnapshot(await agents<AgentsGeneration>(`/generations/${encodeURIComponent(id.slice(AGENTS_PREFIX.length))}`, {}, signal));
      return dreamSnapshot((await sdkCall((c) => c.generations.get(id, { signal }))) as DreamGeneration);
    }

    const adapter: LumaProvider = {
      provider: 'luma',
      needsKey: true,
      models: () => models,
      withCredential: (c) => bound(c),

      validate(spec) {
        const m = findLumaModel(spec.model);
        if (!m) return [{ field: 'model', problem: `Luma has no model ${spec.model}` }];
        const problems: Array<{ field: string; problem: string }> = [];
        if (spec.durationSec !== undefined && !m.durations.includes(spec.durationSec))
          problems.push({ field: 'durationFrames', problem: `${m.label} renders ${m.durations.join(' or ')} s, not ${spec.durationSec} s` });
        if (spec.resolution && !m.resolutions.includes(spec.resolution)) problems.push({ field: 'resolution', problem: `${m.label} renders ${m.resolutions.join(', ')}, not ${spec.resolution}` });
        if (spec.aspectRatio && !m.aspects.includes(spec.aspectRatio)) problems.push({ field: 'aspectRatio', problem: `${m.label} renders ${m.aspects.join(', ')}, not ${spec.aspectRatio}` });
        if (spec.referenceImages?.length || spec.referenceVideos?.length || spec.referenceAudio?.length)
          problems.push({ field: 'references', problem: `${m.label} takes start and end frames only, no other reference media` });
        if (m.api === 'dream-machine') {
          for (const [field, ref] of [
            ['firstFrame', spec.firstFrame],
            ['lastFrame', spec.lastFrame],
          ] as const) {
            if (ref && ref.kind !== 'url' && ref.kind !== 'provider')
              problems.push({
                field: 'references',
                problem: `${m.label} takes a ${field === 'firstFrame' ? 'start' : 'end'} frame by public URL or as an earlier Luma generation only; Backlot's own pictures cannot be sent to it`,
              });
          }
        }
        if (spec.generateAudio) problems.push({ field: 'generateAudio', problem: `${m.label} makes no sound` });
        if (Array.isArray(spec.providerOptions?.concepts) && spec.providerOptions.concepts.length && !m.concepts) problems.push({ field: 'concepts', problem: `${m.label} takes no camera concepts` });
        if (spec.providerOptions?.loop === true && m.api === 'agents' && spec.durationSec === 10) problems.push({ field: 'loop', problem: `${m.label} loops 5 s clips only` });
        return problems;
      },

      async estimateUsage(spec): Promise<UsageEstimate> {
        const m = findLumaModel(spec.model) ?? LUMA_MODELS[0];
        const duration = spec.durationSec ?? 5;
        if (m.api === 'agents') {
          const resolution = spec.resolution ?? '720p';
          const quantity = ray3Units(duration, resolution);
          return { unit: 'generations', quantity, detail: `${Math.ceil(duration / 5)} × 5 s at ${resolution} = ${quantity} units of 5 s at 540p` };
        }
        return { unit: 'seconds', quantity: duration, detail: `${duration} s of ${m.label}` };
      },

      async compile(spec: GenerationSpec): Promise<CompiledRequest> {
        const m = findLumaModel(spec.model)!;
        const duration = spec.durationSec ?? m.durations[0];
        const loop = spec.providerOptions?.loop === true;
        const extend = typeof spec.providerOptions?.extendGeneration === 'string' ? spec.providerOptions.extendGeneration : undefined;
        const first: MediaRef | undefined = extend ? { kind: 'provider', ref: extend } : spec.firstFrame;
        if (m.api === 'agents') {
          const video: Record<string, unknown> = { duration: `${duration}s`, resolution: spec.resolution ?? '720p' };
          if (loop) video.loop = true;
          if (first) video.start_frame = agentsRef(first);
          if (spec.lastFrame) video.end_frame = agentsRef(spec.lastFrame);
          const body = { model: m.id, type: 'video', prompt: spec.prompt, aspect_ratio: spec.aspectRatio ?? '16:9', video };
          return { method: 'POST', url: `${agentsBase}/generations`, headers: { 'content-type': 'application/json' }, body, uploads: [] };
        }
        const body: Record<string, unknown> = {
          model: m.id,
          prompt: spec.prompt,
          aspect_ratio: spec.aspectRatio ?? '16:9',
          duration: `${duration}s`,
          resolution: spec.resolution ?? '720p',
          loop,
        };
        const keyframes: Record<string, unknown> = {};
        if (first) keyframes.frame0 = dreamFrame(first);
        if (spec.lastFrame) keyframes.frame1 = dreamFrame(spec.lastFrame);
        if (Object.keys(keyframes).length) body.keyframes = keyframes;
        // Camera concepts by the keys Luma's concepts list gives (`providerOptions.concepts`); the plan's move is in the prompt's words.
        const concepts = Array.isArray(spec.providerOptions?.concepts) ? spec.providerOptions.concepts.filter((k): k is string => typeof k === 'string') : [];
        if (concepts.length) body.concepts = concepts.map((key) => ({ key }));
        return { method: 'POST', url: `${dmBase}/generations/video`, headers: { 'content-type': 'application/json' }, body, uploads: [] };
      },

      async submit(req, opts) {
        const body = (await filled(req.body)) as Record<string, unknown>;
        if (body.model === 'ray-3.2' || req.url.startsWith(agentsBase)) {
          // The Agents API has no callbacks (§3.2): the worker polls.
          const created = await agents<AgentsGeneration>('/generations', { method: 'POST', body: JSON.stringify(body) }, opts.signal);
          if (!created.id)
            throw new ProviderFailure({ code: 'malformed_response', message: 'Luma accepted the generation but named no id', category: 'provider_internal', retryable: true, charged: 'unknown' });
          return agentsSnapshot(created);
        }
        if (opts.webhookUrl) body.callback_url = opts.webhookUrl;
        const created = (await sdkCall((c) => c.generations.video.create(body as unknown as LumaAI.Generations.VideoCreateParams, { signal: opts.signal }))) as DreamGeneration;
        if (!created?.id)
          throw new ProviderFailure({ code: 'malformed_response', message: 'Luma accepted the generation but named no id', category: 'provider_internal', retryable: true, charged: 'unknown' });
        return dreamSnapshot(created);
      },

      async reconcile(_idempotencyKey, submittedAfter, request, held) {
        const sent = request?.body as Record<string, unknown> | undefined;
        if (!sent || sent.model === 'ray-3.2' || request!.url.startsWith(agentsBase)) return 'unknowable';
        // A second's difference between Luma's clock and Backlot's is allowed (a wider window would take in the takes just before).
        const since = submittedAfter.getTime() - 1_000;
        const matches: DreamGeneration[] = [];
        const PAGE = 100;
        for (let page = 0; page < 20; page++) {
          const list = await sdkCall((c) => c.generations.list({ limit: PAGE, offset: page * PAGE }));
          const items = (list.generations ?? []) as DreamGeneration[];
          for (const g of items) {
            if (Date.parse(g.created_at ?? '') >= since && sameRequest(sent, g.request)) matches.push(g);
          }
          if (!list.has_more || items.length === 0) break;
        }
        return ownMatch(matches, dreamSnapshot, held);
      },

      poll,

      async cancel(): Promise<CancelOutcome> {
        // Luma cannot stop a generation (§9.1); DELETE removes a record, it is not a cancel.
        return 'unsupported';
      },

      async fetchOutput(snapshot, index = 0) {
        return fetchProviderOutput(
          { label: 'Luma', refresh: poll, policy: deps.outbound, maxBytes: maxOutputBytes, expiredMessage: 'the Luma video link expired and Luma gave no fresh one (Ray 3.2 links last one hour)' },
          snapshot,
          index,
        );
      },

      async settleUsage(_snapshot, estimate) {
        // Neither API reports usage per generation: the estimate stands.
        return { quantity: estimate.quantity, reported: false };
      },

      async testConnection(secret, signal) {
        // The credit balance reads the account and spends nothing.
        const res = await outboundFetch(`${dmBase}/credits`, { signal, headers: { authorization: `Bearer ${splitLumaKey(secret)[0]}` } }, deps.outbound, 'Luma');
        await res.body?.cancel();
        if (res.ok) return { ok: true, message: 'Luma accepted the key' };
        return { ok: false, message: `Luma refused the key (HTTP ${res.status})` };
      },
    };
    return adapter;
  }

  return bound(undefined);
}
